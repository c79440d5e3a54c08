//! The real binary in a pseudo-terminal, its screen read with vt100 (ratatui repaints only
//! changed cells, so the raw byte stream cannot be matched).

// Unix only: raw key bytes through a pseudo-terminal. portable-pty's Windows pseudo-console does
// not run under Wine, where CI runs the Windows build's tests; `two_processes.rs` covers saving,
// locks and presence there.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::pty::*;
use portable_pty::PtySize;
#[test]
fn open_example_add_a_line_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    app.keys(&[ENTER]);
    app.wait_text("Plan d'actions");
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send("Covoiturage été ✓ œuvre");
    app.wait_text("Covoiturage été ✓ œuvre");
    app.keys(&[ENTER]);
    app.wait_text("enregistré à");
    app.keys(&["q"]);
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches("solution: \"Covoiturage été ✓ œuvre\"")
            .count(),
        1,
        "{text}"
    );
    // The example has no session id: opening it gave it one, for the calendar's UIDs.
    assert!(text.contains("id: \""), "{text}");
    let check = std::process::Command::new(BIN)
        .args(["check", path.to_str().unwrap()])
        .env("ATELIER_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(check.status.success());
}

#[test]
fn sigterm_mid_edit_saves_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    app.keys(&[ENTER]);
    app.wait_text("Plan d'actions");
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send("Navette gare");
    app.wait_text("Navette gare");
    // Tab stores the cell and opens the next one, where typing goes on.
    app.keys(&["\t"]);
    app.send("Enquête en cours");
    app.wait_text("Enquête en cours");
    assert!(app.text().contains("Navette gare"));
    let pid = app.child.process_id().expect("pid");
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    app.wait_exit();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("solution: \"Navette gare\""), "{text}");
    // The text still in the editor when the signal came is kept too.
    assert!(text.contains("action: \"Enquête en cours\""), "{text}");
    // Give the reader thread a moment to parse the last bytes, then check the restore.
    app.wait_for("the terminal to be restored", |_| {
        app.screen
            .lock()
            .map(|p| {
                let s = p.screen();
                !s.alternate_screen()
                    && !s.hide_cursor()
                    && !s.bracketed_paste()
                    && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            })
            .unwrap_or(false)
    });
}

#[test]
fn a_second_facilitator_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    let second = std::process::Command::new(BIN)
        .args(["open", path.to_str().unwrap()])
        .env("ATELIER_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("déjà ouvert"), "{err}");
    assert!(err.contains("pid"), "{err}");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
}

#[test]
fn launcher_opens_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::spawn(&[], dir.path(), dir.path(), (100, 30));
    app.wait_text("Nouvelle session");
    app.wait_text("Session d'exemple");
    app.keys(&["\x1b[B", ENTER]);
    app.wait_text("Parkings mutualisés");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    let copy = dir.path().join("sessions").join("exemple-za.ron");
    assert!(copy.exists());
}

#[test]
fn launcher_creates_a_new_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::spawn(&[], dir.path(), dir.path(), (100, 30));
    app.wait_text("Nouvelle session");
    app.keys(&[ENTER]);
    app.wait_text("Titre de la nouvelle session");
    app.send("Éco-parc du Moulin");
    app.wait_text("Éco-parc du Moulin");
    app.keys(&[ENTER]);
    app.wait_text("Préparation");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    let file = dir.path().join("sessions").join("eco-parc-du-moulin.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("Éco-parc du Moulin"));
}

#[test]
fn tiny_terminal_shows_a_message_and_survives_resize() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (40, 10));
    app.wait_text("Agrandir le terminal");
    app.master
        .resize(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    if let Ok(mut p) = app.screen.lock() {
        p.set_size(nz(30), nz(100));
    }
    app.wait_text("Parkings mutualisés");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
}

#[test]
fn a_rapporteur_types_and_the_projected_screen_follows() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap();
    let mut fac = App::spawn(&["open", p], dir.path(), dir.path(), (100, 30));
    fac.wait_text("Parkings mutualisés");
    let mut rap = App::spawn(
        &["join", p, "--group", "2", "--as", "Sophie"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    rap.wait_text("Plan d'actions");
    // Each sees the other.
    fac.wait_text("groupe 2 · Sophie Bérard");
    rap.wait_text("⇄ animation");
    // Propagation: from Enter on the rapporteur's side to the text on the projected screen.
    let mut delays = Vec::new();
    for i in 1..=5 {
        let text = format!("Vélo partagé n°{i}");
        rap.keys(&["a"]);
        rap.wait_text("valider");
        rap.send(&text);
        rap.wait_text(&text);
        let start = Instant::now();
        rap.send(ENTER);
        fac.wait_text(&text);
        delays.push(start.elapsed());
    }
    delays.sort();
    eprintln!(
        "propagation rapporteur → projected screen: median {:?}, worst {:?}",
        delays[delays.len() / 2],
        delays[delays.len() - 1]
    );
    assert!(
        delays[delays.len() - 1] < Duration::from_secs(2),
        "{delays:?}"
    );
    // The rapporteur cannot move the workshop's steps.
    rap.keys(&["n"]);
    rap.wait_text("réservé à l'animation");
    rap.keys(&["q"]);
    assert!(rap.wait_exit().success());
    // The facilitator is still there: the lock files stay.
    let beside = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("lock") || n.contains(".who."))
            .collect()
    };
    assert!(
        beside().iter().any(|n| n.ends_with(".ron.lock")),
        "{:?}",
        beside()
    );
    fac.keys(&["q"]);
    assert!(fac.wait_exit().success());
    // Everyone quit: nothing is left beside the session (issue 25, item 17).
    assert!(beside().is_empty(), "{:?}", beside());
    let saved = std::fs::read_to_string(&path).unwrap();
    for i in 1..=5 {
        let needle = format!("solution: \"Vélo partagé n°{i}\"");
        assert_eq!(saved.matches(&needle).count(), 1, "{needle}");
    }
}

#[test]
fn sighup_while_typing_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap();
    let mut rap = App::spawn(
        &["join", p, "--group", "Déchets"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    rap.wait_text("Plan d'actions");
    rap.keys(&["a"]);
    rap.wait_text("valider");
    rap.send("Compostage partagé, tapé avant la coupure");
    rap.wait_text("avant la coupure");
    let pid = rap.child.process_id().expect("pid");
    let kill = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    rap.wait_exit();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("solution: \"Compostage partagé, tapé avant la coupure\""),
        "{saved}"
    );
    // Reconnecting resumes where it was.
    let mut again = App::spawn(
        &["join", p, "--group", "4"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    again.wait_text("Compostage partagé");
    again.keys(&["q"]);
    assert!(again.wait_exit().success());
}

#[test]
fn shift_tab_as_terminals_send_it_moves_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    // ESC [ Z: what xterm, tmux, GNOME Terminal and the Linux console send for Shift-Tab.
    // From the first group, back round to the last one, whose poster Enter opens.
    app.keys(&["\x1b[Z", ENTER]);
    app.wait_text("Groupe 4 · Gestion des déchets");
    // Esc, and q only once the poster has closed: sent too close behind, a key after Esc is
    // read as Alt+key, as a busy machine may read them.
    app.keys(&["\x1b"]);
    app.wait_for("the poster to close", |t| {
        !t.contains("Groupe 4 · Gestion des déchets")
    });
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
}

#[test]
fn shift_tab_in_a_field_goes_back_a_cell_and_types_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap();
    let mut rap = App::spawn(
        &["join", p, "--group", "2"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    rap.wait_text("Plan d'actions");
    rap.keys(&["a"]);
    rap.wait_text("valider");
    rap.send("Navette du matin");
    rap.keys(&["\t"]);
    rap.send("Chiffrer");
    rap.wait_text("Chiffrer");
    // ESC [ Z, as terminals send Shift-Tab: back to the solution, as it was typed, where
    // more is typed.
    rap.keys(&["\x1b[Z"]);
    rap.send(" (bus)");
    rap.wait_text("Navette du matin (bus)");
    // q once the field has closed: right behind the Enter (held a moment, for pasted text)
    // a busy machine reads it as more text.
    rap.keys(&[ENTER]);
    rap.wait_for("the field to close", |t| !t.contains("valider"));
    rap.keys(&["q"]);
    assert!(rap.wait_exit().success());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("solution: \"Navette du matin (bus)\""),
        "{saved}"
    );
    assert!(saved.contains("action: \"Chiffrer\""), "{saved}");
}

#[test]
fn a_line_feed_validates_the_field_instead_of_wiping_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    app.keys(&[ENTER, "a"]);
    app.wait_text("valider");
    app.send("Ligne validée par LF");
    app.wait_text("Ligne validée par LF");
    // Some terminals and programs send LF (Ctrl-J in raw mode) for a new line.
    app.send("\n");
    app.wait_for("the line saved", |_| {
        std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("solution: \"Ligne validée par LF\"")
    });
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
}

#[test]
fn a_name_typed_where_no_field_is_open_runs_no_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let before = std::fs::read_to_string(&path).unwrap();
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("tour 2/3");
    // As a connection that stalled delivers it: `n` would move the workshop on, `e` export,
    // `d` delete, `p` go back, `q` quit.
    app.send("Sophie Martin depuis le quai");
    app.wait_text("hors d'un champ");
    let screen = app.text();
    assert!(screen.contains("tour 2/3"), "{screen}");
    // One letter alone is still a command.
    command(&mut app, "n");
    app.wait_text("Rotation");
    command(&mut app, "p");
    app.wait_text("tour 2/3");
    command(&mut app, "q");
    assert!(app.wait_exit().success());
    assert!(!dir.path().join("exemple-za-exports").exists());
    // Back where it was: only the phase log may have moved.
    let after = std::fs::read_to_string(&path).unwrap();
    let posters = |t: &str| t.matches("solution:").count();
    assert_eq!(posters(&after), posters(&before));
}

/// A person pausing between commands: a key, then more than the typing gap (200 ms).
fn command(app: &mut App, key: &str) {
    app.send(key);
    std::thread::sleep(Duration::from_millis(350));
}

#[test]
fn an_address_and_a_short_word_typed_outside_a_field_run_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("tour 2/3");
    // A line typed, then saved: an undo would take it away.
    app.keys(&[ENTER, "a"]);
    app.wait_text("valider");
    app.send("Covoiturage du matin");
    app.wait_text("Covoiturage du matin");
    app.send(ENTER);
    app.wait_saved(&path, "Covoiturage du matin");
    // Out of the poster, back to the groups (where `o` does not open a field).
    command(&mut app, "\x1b");
    let before = std::fs::read_to_string(&path).unwrap();
    // The rehearsal's address ran `e` (export), `-` twice (timer), `f` (Suivi), and its Enter
    // changed a status; « oui » ran `i` (rencontre) and `u` (undo).
    app.send("dev-eco@cc-plaine.fr");
    app.wait_text("hors d'un champ");
    app.send(ENTER);
    app.send("oui");
    app.wait_text("«\u{a0}oui\u{a0}»");
    let screen = app.text();
    assert!(screen.contains("tour 2/3"), "{screen}");
    assert!(screen.contains("Covoiturage du matin"), "{screen}");
    // A key on its own is a command, and an undo says what it undid.
    command(&mut app, "u");
    app.wait_text("Annulé");
    let screen = app.text();
    assert!(
        screen.contains("«\u{a0}Covoiturage du matin\u{a0}»"),
        "{screen}"
    );
    command(&mut app, "q");
    assert!(app.wait_exit().success());
    let exported = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains("export"));
    assert!(!exported, "nothing was exported");
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(!after.contains("Covoiturage du matin"), "the single u ran");
    // Nothing else moved: the same statuses and timers as before the typing.
    let kept = |t: &str| {
        t.lines()
            .filter(|l| l.contains("status:") || l.contains("timer"))
            // The line being undone (its text first, then the empty line).
            .filter(|l| !l.contains("Covoiturage du matin"))
            .filter(|l| !l.contains(r#"solution: "", action: "", owners: [], due: Unset, status: Todo, workshop: 1"#))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(kept(&after), kept(&before));
}

#[test]
fn three_lines_pasted_without_bracketed_paste_stay_in_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("tour 2/3");
    app.keys(&[ENTER, "a"]);
    app.wait_text("valider");
    // As a terminal without bracketed paste sends it: the keys, line breaks as Enter.
    app.send("Ligne un\rLigne deux\rLigne trois");
    app.wait_text("Ligne trois");
    app.send(ENTER);
    app.wait_for("the three lines saved in one field", |_| {
        std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("solution: \"Ligne un Ligne deux Ligne trois\"")
    });
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
}

/// The launcher's « Territoire »: the table of the zones, `s` sorts, Enter opens the zone
/// under the cursor, as a terminal sends the keys.
#[test]
fn the_territory_lists_the_zones_and_enter_opens_one() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let example = copy_example(&sessions);
    let mut app = App::spawn(
        &["territoire", sessions.to_str().unwrap()],
        dir.path(),
        dir.path(),
        (80, 24),
    );
    app.wait_text("Territoire");
    app.wait_text("atelier 1");
    app.keys(&["s"]);
    app.wait_text("trié par Étape");
    app.keys(&[ENTER]);
    app.wait_text("Parkings mutualisés");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    assert!(example.exists());
}
