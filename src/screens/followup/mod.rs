//! Suivi: the months after the workshops.

pub mod bilan;
pub mod bilan_view;
pub mod model;
pub mod update;
pub mod view;
