//! Rotation between rounds, and the Tours tab of Préparation: the tables.

pub mod model;
pub mod update;
pub mod view;
