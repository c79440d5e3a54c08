//! A closed terminal never loses typing: closing the terminal (its window, an SSH connection
//! lost), SIGHUP and SIGTERM each save the field being typed and end the process within
//! 0.5 s, in `open` and in `join`, after a history of edits (the case that once lost text).

// Unix only: SIGHUP, SIGTERM and a closed pseudo-terminal. portable-pty's Windows pseudo-console
// does not run under Wine, where CI runs the Windows build's tests; `two_processes.rs` covers
// saving, locks and presence there.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::pty::*;

const EXIT_WITHIN: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy)]
enum Ending {
    CloseTerminal,
    Signal(&'static str),
}

fn wait_exit(
    child: &mut Box<dyn portable_pty::Child + Send + Sync>,
    since: Instant,
) -> (Duration, portable_pty::ExitStatus) {
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return (since.elapsed(), status);
        }
        if since.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("still running {TIMEOUT:?} after the end of its terminal");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn ends_and_keeps_the_field(join: bool, ending: Ending) {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap();
    let mut app = if join {
        App::spawn(
            &["join", p, "--group", "3"],
            dir.path(),
            dir.path(),
            (100, 30),
        )
    } else {
        let mut app = App::spawn(&["open", p], dir.path(), dir.path(), (100, 30));
        app.wait_text("Parkings mutualisés");
        // The facilitator's edits: the timer, then into a poster.
        app.keys(&[" ", " ", ENTER]);
        app
    };
    app.wait_text("Plan d'actions");
    // Earlier edits, saved.
    for i in 1..=3 {
        app.keys(&["a"]);
        app.wait_text("valider");
        app.send(&format!("Ligne enregistrée {i}"));
        app.keys(&[ENTER]);
    }
    app.wait_text("Ligne enregistrée 3");
    app.wait_text("enregistré à");
    // Then a field being typed when the terminal goes.
    let label = match ending {
        Ending::CloseTerminal => "fermeture",
        Ending::Signal(sig) => sig.trim_start_matches('-'),
    };
    let typing = format!("Tapé avant la coupure ({label})");
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send(&typing);
    // All of it: what the terminal holds unread when it closes is gone with it.
    app.wait_text(&typing);
    let pid = app.child.process_id().expect("pid");
    let (mut child, since) = match ending {
        Ending::CloseTerminal => app.close_terminal(),
        Ending::Signal(sig) => {
            let since = Instant::now();
            let kill = std::process::Command::new("kill")
                .args([sig, &pid.to_string()])
                .status()
                .unwrap();
            assert!(kill.success());
            let App { child, .. } = app;
            (child, since)
        }
    };
    let (took, status) = wait_exit(&mut child, since);
    let who = if join { "join" } else { "open" };
    eprintln!("{who}, {ending:?}: ended in {took:?}, {status:?}");
    assert_eq!(status.exit_code(), 0, "{who}, {ending:?}: {status:?}");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains(&format!("solution: \"{typing}\"")),
        "{who}, {ending:?}: the field being typed was lost"
    );
    for i in 1..=3 {
        assert!(saved.contains(&format!("Ligne enregistrée {i}")));
    }
    assert!(
        took <= EXIT_WITHIN,
        "{who}, {ending:?}: took {took:?} to end"
    );
    // Whole files only, and no temporary file left.
    atelier::store::load(&path).expect("valid");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn closing_the_terminal_of_open_saves_the_field() {
    ends_and_keeps_the_field(false, Ending::CloseTerminal);
}

#[test]
fn closing_the_terminal_of_join_saves_the_field() {
    ends_and_keeps_the_field(true, Ending::CloseTerminal);
}

#[test]
fn sighup_to_open_saves_the_field() {
    ends_and_keeps_the_field(false, Ending::Signal("-HUP"));
}

#[test]
fn sighup_to_join_saves_the_field() {
    ends_and_keeps_the_field(true, Ending::Signal("-HUP"));
}

#[test]
fn sigterm_to_open_saves_the_field() {
    ends_and_keeps_the_field(false, Ending::Signal("-TERM"));
}

#[test]
fn sigterm_to_join_saves_the_field() {
    ends_and_keeps_the_field(true, Ending::Signal("-TERM"));
}
