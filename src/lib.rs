//! atelier: run *Écologie Industrielle et Territoriale* workshops live, in the terminal.

rust_i18n::i18n!("locales", fallback = "fr");

pub mod app;
pub mod cli;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod layout;
pub mod overlays;
pub mod screens;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod web;
