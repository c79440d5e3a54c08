//! Restitution: each group's poster presented in plenary, with notes.

pub mod update;
