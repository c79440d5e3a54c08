//! Engagements: who commits to which group, its pilot and next steps.

pub mod model;
pub mod update;
pub mod view;
