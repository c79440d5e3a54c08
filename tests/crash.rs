//! Crash safety: `kill -9` at random moments while typing never leaves a partial file, and
//! every edit the footer reported as saved is there; an unwritable file shows the error, keeps
//! the edits and saves them once writing works again.
//!
//! `ATELIER_LONG=1 cargo test --test crash` runs 200 kills instead of 20, `ATELIER_SOAK=1`
//! 2 000.

// Unix only: kill -9 and an unwritable file, seen on the real binary's screen in a pseudo-
// terminal. portable-pty's Windows pseudo-console does not run under Wine, where CI runs the
// Windows build's tests; `two_processes.rs` covers saving, locks and presence there.
#![cfg(unix)]

mod common;

use std::time::Duration;

use atelier::domain::rng::Rng;
use common::pty::*;

fn kills() -> usize {
    match common::proof() {
        common::Proof::Default => 20,
        common::Proof::Long => 200,
        common::Proof::Soak => 2_000,
    }
}

#[test]
fn kill_9_while_typing_loses_nothing_that_was_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap().to_string();
    let mut rng = Rng::new(20261203);
    let mut saved_tokens: Vec<String> = Vec::new();
    for round in 0..kills() {
        let mut app = App::spawn(&["open", &p], dir.path(), dir.path(), (100, 30));
        app.wait_text("Parkings mutualisés");
        app.keys(&[ENTER]);
        app.wait_text("Plan d'actions");
        // One edit, validated, then wait until the footer says it is on disk.
        let token = format!("kill{round}é");
        app.keys(&["a"]);
        app.wait_text("valider");
        app.send(&token);
        app.send(ENTER);
        // The field closed with the line on the poster (the edit is then waiting to be
        // saved), and only then « enregistré à »: the footer may still show the save of
        // the session's id at opening, before the Enter (held a moment, for pasted text)
        // is taken.
        app.wait_for("the line on the poster", |t| {
            t.contains(&token) && !t.contains("valider")
        });
        app.wait_for("the save", |t| {
            t.contains("enregistré à") && !t.contains("enregistrement")
        });
        saved_tokens.push(token);
        // Then keep typing and kill at a random moment, possibly mid-save.
        app.keys(&["a"]);
        for i in 0..rng.below(4) {
            app.send(&format!("en cours {i}"));
            app.send(ENTER);
            app.send("a");
        }
        std::thread::sleep(Duration::from_millis(rng.below(300) as u64));
        let pid = app.child.process_id().unwrap();
        std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        app.wait_exit();
        // Whole files only: the session and its backup parse.
        let s = atelier::store::load(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        atelier::store::load(&atelier::store::backup_path(&path))
            .unwrap_or_else(|e| panic!("round {round}: backup: {e}"));
        let text: Vec<String> = s
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter().map(|l| l.solution.clone()))
            .collect();
        for t in &saved_tokens {
            assert!(text.contains(t), "round {round}: {t} lost");
        }
    }
    // The next start cleans what the kills left.
    let app_dir: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut app = App::spawn(&["open", &p], dir.path(), dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    app.keys(&["q"]);
    app.wait_exit();
    let temps = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp.")
        })
        .count();
    assert_eq!(temps, 0, "left: {app_dir:?}");
}

#[test]
fn an_unwritable_file_shows_the_error_keeps_the_edit_and_saves_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap().to_string();
    let mut app = App::spawn(&["open", &p], dir.path(), dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    // Break writing: the write lock's place is taken by a directory (root ignores file
    // permissions, so a read-only directory would not stop it here).
    let blocker = dir.path().join("atelier.ron.writelock");
    let _ = std::fs::remove_file(&blocker);
    std::fs::create_dir(&blocker).unwrap();
    app.keys(&[ENTER]);
    app.wait_text("Plan d'actions");
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send("Tenu en mémoire");
    app.send(ENTER);
    app.wait_text("NON ENREGISTRÉ");
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("Tenu en mémoire")
    );
    // Writing works again: the retry saves it.
    std::fs::remove_dir(&blocker).unwrap();
    app.wait_text("enregistré à");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("solution: \"Tenu en mémoire\"")
    );
}
