//! Préparation: zone, themes, participants, needs, agenda and tables.

pub mod model;
pub mod profile_view;
pub mod update;
pub mod view;
