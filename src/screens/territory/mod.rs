//! Every zone on one screen (`atelier territoire`, or « Territoire » in the launcher): a row
//! per session, sortable; Enter opens the zone.

pub mod model;
pub mod update;
pub mod view;
