//! The rencontre inter-entreprises: one folder for its seven steps (Diagnostic, Tour de table,
//! Recensement, Regroupement, Vote, Questions et suites, Clôture), which share one model.

pub mod model;
pub mod update;
pub mod view;
mod view_vote;
mod view_wall;
