//! The launcher of bare `atelier`: recent sessions, a new one, the example.

pub mod model;
pub mod update;
pub mod view;
