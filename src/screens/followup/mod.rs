//! Suivi: the months after the workshops.

pub mod bilan;
pub mod bilan_view;
pub mod model;
pub mod synergies;
#[cfg(test)]
mod synergies_tests;
pub mod synergies_update;
pub mod synergies_view;
mod synergy_sheet_view;
pub mod update;
pub mod view;
