//! The text editor, over any screen.

pub mod fields;
pub mod model;
pub mod update;
pub mod view;
