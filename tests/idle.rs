//! Idle is idle in every state a workshop puts a process in: after edits, saves and resizes,
//! with an editor, the help, a picker or the launcher open, with another process on the file,
//! while saves fail, and after the file was deleted or replaced by another program. Each
//! state is measured on the real binary in a pseudo-terminal: CPU and wake-ups a second (see
//! `IDLE_CPU_MS_PER_S`, `IDLE_WAKEUPS_PER_S`).

// Unix only: CPU and wake-ups read from /proc while the binary runs in a pseudo-terminal.
// portable-pty's Windows pseudo-console does not run under Wine, where CI runs the Windows
// build's tests; `two_processes.rs` covers saving, locks and presence there.
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::pty::*;
use portable_pty::PtySize;

const WINDOW: Duration = Duration::from_secs(4);

fn resize(app: &mut App, cols: u16, rows: u16) {
    app.master
        .resize(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    if let Ok(mut p) = app.screen.lock() {
        p.set_size(nz(rows), nz(cols));
    }
}

/// Timer on and off, a line added, two resizes: the edits a workshop makes.
fn edit_a_little(app: &mut App, line: &str) {
    app.keys(&[" ", " "]);
    app.keys(&[ENTER]);
    app.wait_text("Plan d'actions");
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send(line);
    app.wait_text(line);
    app.keys(&[ENTER]);
    app.wait_text("enregistré à");
    resize(app, 120, 35);
    resize(app, 100, 30);
    app.wait_text(line);
    // Let the last frame and save settle before measuring.
    std::thread::sleep(Duration::from_secs(1));
}

#[test]
fn open_and_join_stay_idle_after_edits_with_an_editor_help_or_picker_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap();
    let mut fac = App::spawn(&["open", p], dir.path(), dir.path(), (100, 30));
    fac.wait_text("Parkings mutualisés");
    edit_a_little(&mut fac, "Ligne de l'animation");
    assert_idle(&fac, "open, after edits", WINDOW);

    // A rapporteur joins, edits, and leaves an editor open with text in it.
    let mut rap = App::spawn(
        &["join", p, "--group", "2"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    rap.wait_text("Plan d'actions");
    rap.keys(&["a"]);
    rap.wait_text("valider");
    rap.send("Ligne du groupe 2");
    rap.keys(&[ENTER]);
    rap.wait_text("enregistré à");
    rap.keys(&["a"]);
    rap.send("en cours de frappe");
    rap.wait_text("en cours de frappe");
    fac.keys(&["\x1b"]);
    fac.wait_text("Ligne du groupe 2");
    std::thread::sleep(Duration::from_secs(1));
    let both = measure(&[&fac, &rap], WINDOW);
    for ((cpu, wake), who) in both.iter().zip(["open", "join, editor open"]) {
        eprintln!("idle, {who} (two processes): {cpu:.2} ms/s, {wake:.1} wake-ups/s");
        assert!(
            *cpu <= IDLE_CPU_MS_PER_S && *wake <= IDLE_WAKEUPS_PER_S,
            "{who}: {cpu:.2} ms/s, {wake:.1} wake-ups/s"
        );
    }

    // The help overlay.
    fac.keys(&["?"]);
    fac.wait_text("Aide");
    assert_idle(&fac, "open, help", WINDOW);
    fac.keys(&["\x1b"]);

    // A picker: Préparation › Thèmes › Rapporteur.
    fac.keys(&["\x1b"]);
    for _ in 0..8 {
        fac.keys(&["p"]);
    }
    fac.wait_text("Zone");
    for _ in 0..6 {
        if fac.text().contains("Constat") {
            break;
        }
        fac.keys(&["\t"]);
    }
    fac.wait_text("Constat");
    fac.keys(&["\x1b[C", "\x1b[C", "\x1b[C", ENTER]);
    fac.wait_text("Claire Martin");
    assert_idle(&fac, "open, picker", WINDOW);

    rap.keys(&[ENTER]);
    rap.keys(&["q"]);
    assert!(rap.wait_exit().success());
    // q once the picker has closed (right behind Esc it would read as Alt+q).
    fac.keys(&["\x1b"]);
    fac.wait_for("the picker to close", |t| !t.contains("Claire Martin"));
    fac.keys(&["q"]);
    assert!(fac.wait_exit().success());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("en cours de frappe"));
}

#[test]
fn the_launcher_is_idle() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::spawn(&[], dir.path(), dir.path(), (100, 30));
    app.wait_text("Nouvelle session");
    assert_idle(&app, "launcher", WINDOW);
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
}

#[test]
fn a_failing_save_retries_once_a_second_and_no_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let mut app = App::open(&path, dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    edit_a_little(&mut app, "Avant la panne");
    // Writing breaks (the write lock's place taken by a directory: root ignores permissions).
    let blocker = dir.path().join("atelier.ron.writelock");
    let _ = std::fs::remove_file(&blocker);
    std::fs::create_dir(&blocker).unwrap();
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send("Pendant la panne");
    app.wait_text("Pendant la panne");
    app.keys(&[ENTER]);
    app.wait_text("NON ENREGISTRÉ");
    assert_idle(&app, "open, saves failing", WINDOW);
    std::fs::remove_dir(&blocker).unwrap();
    app.wait_text("enregistré à");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Pendant la panne")
    );
}

#[test]
fn a_file_deleted_or_replaced_by_another_program_is_said_and_nothing_spins() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap();
    let mut app = App::spawn(&["open", p], dir.path(), dir.path(), (100, 30));
    app.wait_text("Parkings mutualisés");
    edit_a_little(&mut app, "Avant la suppression");

    // Deleted: said at once, nothing lost, no loop; the next edit writes the file again.
    std::fs::remove_file(&path).unwrap();
    app.wait_text("supprimé par un autre programme");
    assert!(!app.text().contains("NON ENREGISTRÉ"), "{}", app.text());
    assert_idle(&app, "open, file deleted", WINDOW);
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send("Après la suppression");
    app.wait_text("Après la suppression");
    app.keys(&[ENTER]);
    // Not the file's mere return: the new line alone, empty, is written first, before its
    // text is validated (a test that loaded the file then read that empty line).
    app.wait_saved(&path, "Après la suppression");
    app.wait_text("enregistré à");
    let back = atelier::store::load(&path).expect("written again, whole");
    let lines: Vec<&str> = back
        .groups
        .iter()
        .flat_map(|g| g.poster.lines.iter().map(|l| l.solution.as_str()))
        .collect();
    assert!(lines.contains(&"Avant la suppression"), "{lines:?}");
    assert!(lines.contains(&"Après la suppression"), "{lines:?}");

    // Replaced by another valid session: it is taken in.
    let other = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Parkings mutualisés", "Parkings partagés");
    let tmp = dir.path().join("autre.ron");
    std::fs::write(&tmp, other).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    app.wait_text("Parkings partagés");
    assert_idle(&app, "open, file replaced", WINDOW);

    // Replaced by something that is not a session: said, never overwritten, no loop.
    std::fs::write(&tmp, "ceci n'est pas une session").unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    app.wait_text("illisible");
    assert_idle(&app, "open, file unreadable", WINDOW);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "ceci n'est pas une session"
    );
    app.keys(&["q"]);
    app.wait_exit();
}
