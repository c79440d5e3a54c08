//! The annual plenary: one folder for its four steps (Bilan de l'année, Revue des groupes,
//! Nouvelles pistes, Prochaine plénière), which share one model.

pub mod model;
pub mod update;
pub mod view;
mod view_bilan;
mod view_review;
