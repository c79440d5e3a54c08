//! Clos: the summary of a finished workshop.

pub mod view;
