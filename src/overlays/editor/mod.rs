//! The text editor, over any screen.

pub mod fields;
mod fields_people;
mod fields_rencontre;
pub mod fields_synergy;
pub mod model;
pub mod update;
pub mod view;
