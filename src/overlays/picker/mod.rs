//! Choosing from a list.

pub mod model;
pub mod update;
pub mod view;
