//! Groupes de travail: every group at a glance, as a grid of posters.

pub mod update;
pub mod view;
