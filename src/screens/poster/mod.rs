//! The poster of a group: solutions · actions · who · when, and the reactions.

pub mod model;
pub mod update;
pub mod view;
