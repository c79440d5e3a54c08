//! Suivi: the months after the workshops.

pub mod model;
pub mod synergies;
pub mod synergies_update;
pub mod synergies_view;
pub mod update;
pub mod view;
