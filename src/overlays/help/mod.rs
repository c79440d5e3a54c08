//! The help, generated from the keymap.

pub mod view;
