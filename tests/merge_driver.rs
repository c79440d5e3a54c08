//! `atelier merge-driver %O %A %B %P` called the way git calls it, without git: three files
//! and a path. `tests/git.rs` runs it under real git on Unix; this runs everywhere, so the
//! Windows build's driver (under Wine in CI, which has no git) is run on real files too.

#[path = "support/forges.rs"]
mod forges;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use atelier::domain::{LineField, Op, Session};
use atelier::store;
use forges::base;

fn edited(s: &Session, line: u32, text: &str) -> Session {
    let mut s = s.clone();
    s.apply(Op::SetLine {
        line,
        field: LineField::Action(text.into()),
    })
    .unwrap();
    s
}

/// The three versions written as git hands them to a driver, in `dir`.
fn versions(dir: &Path, ours: &Session, theirs: &str) {
    fs::write(dir.join("base.ron"), store::to_text(&base()).unwrap()).unwrap();
    fs::write(dir.join("ours.ron"), store::to_text(ours).unwrap()).unwrap();
    fs::write(dir.join("theirs.ron"), theirs).unwrap();
}

fn driver(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atelier"))
        .current_dir(dir)
        .env("ATELIER_DATA_DIR", dir)
        .args([
            "merge-driver",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "zones/forges.ron",
        ])
        .output()
        .unwrap()
}

fn action(s: &Session, line: u32) -> String {
    s.line(line).map(|l| l.action.clone()).unwrap_or_default()
}

#[test]
fn the_driver_writes_both_sides_edits_into_ours() {
    let dir = tempfile::tempdir().unwrap();
    let ours = edited(&base(), 1, "de notre branche");
    let theirs = edited(&base(), 2, "de leur branche");
    versions(dir.path(), &ours, &store::to_text(&theirs).unwrap());
    let out = driver(dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = store::load(&dir.path().join("ours.ron")).unwrap();
    assert_eq!(action(&merged, 1), "de notre branche");
    assert_eq!(action(&merged, 2), "de leur branche");
    // The other two are git's: left as they were.
    let base_text = fs::read_to_string(dir.path().join("base.ron")).unwrap();
    assert_eq!(base_text, store::to_text(&base()).unwrap());
}

#[test]
fn a_side_that_does_not_parse_leaves_ours_as_it_was_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let ours = edited(&base(), 1, "de notre branche");
    versions(dir.path(), &ours, "ceci n'est pas une session\n");
    let before = fs::read(dir.path().join("ours.ron")).unwrap();
    let out = driver(dir.path());
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("la version de l'autre branche de zones/forges.ron"),
        "{said}"
    );
    assert_eq!(fs::read(dir.path().join("ours.ron")).unwrap(), before);
}
