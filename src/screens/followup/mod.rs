//! Suivi: the months after the workshops.

pub mod model;
pub mod update;
pub mod view;
