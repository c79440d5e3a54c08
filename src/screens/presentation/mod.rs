//! Présentation: one theme at a time, big enough for the back of the room.

pub mod view;
