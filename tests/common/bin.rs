//! The real binary run as a command, with its data folder in a test's temporary folder.
//! Included by path (`#[path = "common/bin.rs"] mod bin;`) by the tests that run commands.

use std::path::Path;
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_atelier");

/// `atelier ARGS` in `dir`, with `dir` as its data folder.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("ATELIER_DATA_DIR", dir)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}
