//! The session files: parse errors with positions, atomic save with backup, versions, lock.

use std::fs;
use std::path::Path;

use atelier::domain::{ActionLine, LineField, Op, Session};
use atelier::store::{self, Lock, StoreError};

const EXAMPLE: &str = include_str!("../sessions/exemple-za.ron");

fn example() -> Session {
    store::parse(EXAMPLE, Path::new("exemple-za.ron")).expect("the example parses")
}

#[test]
fn the_example_loads_and_is_byte_stable() {
    let s = example();
    assert!(s.themes.len() >= 4);
    let text = store::to_text(&s).unwrap();
    let again = store::parse(&text, Path::new("x.ron")).unwrap();
    assert_eq!(again, s);
    assert_eq!(store::to_text(&again).unwrap(), text);
    // Byte for byte the shipped file, `\n` line ends included, on every platform (ron would
    // write `\r\n` on Windows).
    assert!(
        text == EXAMPLE,
        "the example is not written back as shipped"
    );
}

#[test]
fn a_truncated_file_gives_line_and_column_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let cut = &EXAMPLE[..EXAMPLE.len() / 2];
    fs::write(&path, cut).unwrap();
    let err = store::load(&path).unwrap_err();
    match &err {
        StoreError::Parse { line, col, .. } => {
            assert!(*line > 1, "line {line}");
            assert!(*col >= 1);
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:", path.display())),
        "{shown}"
    );
    assert_eq!(fs::read(&path).unwrap(), cut.as_bytes());
}

#[test]
fn a_garbled_file_names_the_exact_position() {
    let text =
        "(\n    version: 1,\n    title: \"x\",\n    zone: (name: \"z\", vocation: Lunaire),\n)";
    let err = store::parse(text, Path::new("g.ron")).unwrap_err();
    match err {
        StoreError::Parse {
            line, col, message, ..
        } => {
            assert_eq!(line, 4);
            assert!(col > 20, "col {col}");
            assert!(message.contains("Lunaire"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_newer_version_is_refused_clearly() {
    let text = EXAMPLE.replacen("version: 1", "version: 7", 1);
    let err = store::parse(&text, Path::new("n.ron")).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 7,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn dangling_duplicates_are_refused() {
    let mut s = example();
    let dup = s.participants[0].clone();
    s.participants.push(dup);
    let text = store::to_text(&s).unwrap();
    let err = store::parse(&text, Path::new("d.ron")).unwrap_err();
    assert!(matches!(err, StoreError::Integrity { .. }));
    // Said in the interface's language (French here; the locales test checks the English
    // keys exist), naming what is wrong.
    atelier::text::Lang::Fr.set();
    let fr = err.user_message();
    assert!(fr.contains("le participant n° 1 figure deux fois"), "{fr}");
}

#[test]
fn save_keeps_a_backup_of_the_previous_version_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut s = example();
    store::save(&path, &s).unwrap();
    let first = fs::read_to_string(&path).unwrap();
    assert!(!store::backup_path(&path).exists());
    let theme = s.themes[0].id;
    let id = s.next_line_id();
    s.apply(Op::AddLine {
        theme,
        index: 0,
        line: ActionLine::new(id, 1),
    })
    .unwrap();
    s.apply(Op::SetLine {
        line: id,
        field: LineField::Solution("Covoiturage été ☀".into()),
    })
    .unwrap();
    store::save(&path, &s).unwrap();
    assert_eq!(
        fs::read_to_string(store::backup_path(&path)).unwrap(),
        first
    );
    assert_eq!(store::load(&path).unwrap(), s);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["s.ron", "s.ron.bak"]);
}

#[test]
fn create_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("s.ron");
    store::create(&path, &Session::new("A", "Z")).unwrap();
    let before = fs::read(&path).unwrap();
    let err = store::create(&path, &Session::new("B", "Z")).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists { .. }));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_second_lock_is_refused_and_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&path, &example()).unwrap();
    let first = Lock::acquire(&path).unwrap();
    match Lock::acquire(&path) {
        Err(StoreError::Locked { holder, .. }) => {
            assert!(holder.contains(&std::process::id().to_string()), "{holder}")
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(first);
    Lock::acquire(&path).expect("free again once the holder is gone");
}

#[test]
fn stale_temp_files_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::save(&path, &example()).unwrap();
    let stale = dir.path().join(".s.ron.tmp.12345");
    fs::write(&stale, "half a fi").unwrap();
    let other = dir.path().join(".other.ron.tmp.1");
    fs::write(&other, "x").unwrap();
    store::clean_stale_temps(&path);
    assert!(!stale.exists());
    assert!(other.exists(), "another session's files are not ours");
    assert!(path.exists());
}

#[test]
fn list_shows_sessions_and_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    store::save(&dir.path().join("a.ron"), &example()).unwrap();
    fs::write(dir.path().join("broken.ron"), "(version: 1, title: ").unwrap();
    fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let infos = store::list_sessions(&[dir.path().to_path_buf()]);
    assert_eq!(infos.len(), 2);
    assert_eq!(infos.iter().filter(|i| i.content.is_ok()).count(), 1);
}

#[test]
fn a_baseline_of_whole_lines_from_an_earlier_build_still_loads() {
    // Earlier builds kept copies of the lines; their extra fields are ignored and the
    // missing fingerprint marks the line as changed, never refuses the file.
    let text = include_str!("../sessions/exemple-za.ron").replacen(
        "baseline: [],",
        "baseline: [(id: 2, solution: \"Ancienne\", action: \"\", owners: [(who: \"CC\", role: \"pilote\")], due: Month(2027, 3), status: Todo, workshop: 1), (id: 1, solution: \"\")],",
        1,
    );
    let s = store::parse(&text, Path::new("ancien.ron")).expect("loads");
    let marks = &s.workshops[0].baseline;
    assert_eq!(marks.len(), 2);
    // Sorted by id on load, for the lookup.
    assert_eq!((marks[0].id, marks[1].id), (1, 2));
    assert!(marks.iter().all(|m| m.fp == 0));
    // Written back in the new form.
    let out = store::to_text(&s).unwrap();
    assert!(!out.contains("Ancienne"), "{out}");
    let back = store::parse(&out, Path::new("x.ron")).unwrap();
    assert_eq!(back.workshops[0].baseline, *marks);
}

#[test]
fn a_hand_edit_gone_wrong_is_explained_in_french() {
    atelier::text::Lang::Fr.set();
    let text = EXAMPLE.replacen("vocation: Mixte,", "vocation: Mixed,", 1);
    let err = store::parse(&text, Path::new("z.ron")).unwrap_err();
    let msg = err.user_message();
    assert!(
        msg.contains(
            "valeur «\u{a0}Mixed\u{a0}» inconnue (valeurs possibles\u{a0}: Industrielle, Artisanale"
        ),
        "{msg}"
    );
    let cut = &EXAMPLE[..EXAMPLE.len() / 2];
    let cut = &cut[..cut.rfind('\n').unwrap()];
    let msg = store::parse(cut, Path::new("z.ron"))
        .unwrap_err()
        .user_message();
    assert!(msg.contains("s'arrête avant la fin"), "{msg}");
}

/// The files beside `dir`'s session: locks and presence.
#[cfg(unix)]
fn lock_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lock") || n.contains(".who."))
        .collect();
    names.sort();
    names
}

// Unix only: the lock files are removed on Unix alone (Windows refuses to open a file being
// removed; `store::sync::leave`).
#[cfg(unix)]
#[test]
fn the_last_process_out_removes_the_lock_files_and_no_one_else_does() {
    use atelier::store::presence::Presence;
    use atelier::store::sync::{Shared, leave};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    store::create(&path, &example()).unwrap();
    // The facilitator: its lock, its presence, a save (which makes the write lock's file).
    let lock = Lock::acquire(&path).unwrap();
    let me = Presence::announce(&path, "animation").unwrap();
    let mut shared = Shared::new(fs::read_to_string(&path).unwrap(), None);
    shared
        .merge(
            &path,
            &example(),
            &[],
            "animation",
            chrono::Local::now().fixed_offset(),
        )
        .unwrap();
    assert!(path.with_file_name("s.ron.writelock").exists());
    // Another process is on the session (its presence file, locked as a live one's is).
    let other = path.with_file_name(".s.ron.who.999999");
    fs::write(&other, "groupe 2").unwrap();
    let held = fs::File::open(&other).unwrap();
    held.lock().unwrap();
    leave(&path, Some(me), Some(lock));
    assert_eq!(
        lock_files(dir.path()),
        vec![".s.ron.who.999999", "s.ron.lock", "s.ron.writelock"]
    );
    // A facilitator starting (its lock taken, its presence not yet made) keeps its lock
    // when the last other process leaves.
    drop(held);
    let starting = Lock::acquire(&path).unwrap();
    let last = Presence::announce(&path, "groupe 3").unwrap();
    leave(&path, Some(last), None);
    assert_eq!(lock_files(dir.path()), vec!["s.ron.lock"]);
    // The last one out: nothing is left, the dead process's presence file included.
    let me = Presence::announce(&path, "animation").unwrap();
    fs::write(&other, "groupe 2").unwrap();
    leave(&path, Some(me), Some(starting));
    assert!(
        lock_files(dir.path()).is_empty(),
        "{:?}",
        lock_files(dir.path())
    );
    // And the session opens again as before.
    let again = Lock::acquire(&path).unwrap();
    assert!(matches!(
        Lock::acquire(&path),
        Err(StoreError::Locked { .. })
    ));
    drop(again);
}
