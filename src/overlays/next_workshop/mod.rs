//! Starting the next workshop: which themes continue.

pub mod model;
pub mod update;
pub mod view;
