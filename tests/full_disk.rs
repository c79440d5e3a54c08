//! A real full disk: the session lives on a small tmpfs that the test fills while the app (the
//! real binary, in a pseudo-terminal) is open on a poster. The next edit cannot be saved: the
//! footer says so and why, the file on disk stays whole (byte for byte the previous version),
//! no temporary file is left taking space, and once space is freed the retry (every second)
//! saves the edit.
//!
//! Two ways the atomic save can fail, both tested: no room at all (the temporary file cannot
//! be written), and room for the temporary file but not for the backup copy that is made
//! before the rename.
//!
//! Mounting needs root (CAP_SYS_ADMIN). Elsewhere the tests say so on stderr and pass without
//! testing anything.

// Unix only: a tmpfs mounted for the test, and the binary in a pseudo-terminal. portable-pty's
// Windows pseudo-console does not run under Wine, where CI runs the Windows build's tests;
// `two_processes.rs` covers saving, locks and presence there.
#![cfg(unix)]

mod common;

use std::fs::{self, File};
use std::io::Write;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::*;

const ENOSPC: i32 = 28;
const PAGE: u64 = 4096;
const TEXT: &str = "Disque plein : benne mutualisée";

/// A tmpfs mounted on a temporary directory, unmounted when dropped (also on a panic).
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { dir }),
            Ok(o) => {
                eprintln!(
                    "full_disk: SKIPPED, not tested: cannot mount a tmpfs on {} (this test \
                     needs root): {}",
                    dir.path().display(),
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("full_disk: SKIPPED, not tested: cannot run mount: {e}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazy: works even if the app still holds files open there.
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// The app, killed if the test ends (or panics) before it exits by itself.
struct Running(App);

impl Deref for Running {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl DerefMut for Running {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.0
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.0.child.try_wait() {
            let _ = self.0.child.kill();
        }
    }
}

/// Free blocks of the file system holding `dir` (tmpfs blocks are pages).
fn free_blocks(dir: &Path) -> u64 {
    let out = Command::new("stat")
        .args(["-f", "-c", "%a %S"])
        .arg(dir)
        .output()
        .expect("stat -f");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut it = text
        .split_whitespace()
        .map(|n| n.parse::<u64>().expect("number"));
    let (free, size) = (it.next().expect("free"), it.next().expect("block size"));
    assert_eq!(size, PAGE, "unexpected block size");
    free
}

/// Writes `filler` until the disk is full, then gives back `leave` pages exactly.
fn fill(dir: &Path, leave: u64) -> PathBuf {
    let filler = dir.join("filler");
    let mut f = File::create(&filler).expect("filler");
    let chunk = vec![0xA5u8; 64 * 1024];
    let mut written: u64 = 0;
    for size in [chunk.len(), 1] {
        loop {
            match f.write(&chunk[..size]) {
                Ok(0) => break,
                Ok(n) => written += n as u64,
                Err(e) if e.raw_os_error() == Some(ENOSPC) => break,
                Err(e) => panic!("filling: {e}"),
            }
        }
    }
    assert_eq!(free_blocks(dir), 0, "the disk is not full");
    // Nothing fits, not even one byte in a new file.
    let probe = dir.join("probe");
    let err = File::create(&probe)
        .and_then(|mut p| p.write_all(b"x").and_then(|_| p.sync_all()))
        .expect_err("a byte still fits on the full disk");
    assert_eq!(err.raw_os_error(), Some(ENOSPC), "{err}");
    let _ = fs::remove_file(&probe);
    if leave > 0 {
        let pages = written.div_ceil(PAGE);
        assert!(
            pages > leave,
            "the filler is too small to give back {leave} pages"
        );
        f.set_len((pages - leave) * PAGE)
            .expect("shrink the filler");
    }
    f.sync_all().expect("sync filler");
    assert_eq!(free_blocks(dir), leave, "free pages after filling");
    filler
}

/// Polls `cond` until it holds, failing after a generous timeout.
fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Everything in the session's directory is expected: no temporary file of a save.
fn only_expected_files(dir: &Path) -> Result<(), Vec<String>> {
    let names = names(dir);
    let ok = names.iter().all(|n| {
        matches!(
            n.as_str(),
            "atelier.ron"
                | "atelier.ron.bak"
                | "atelier.ron.lock"
                | "atelier.ron.writelock"
                | "filler"
        ) || n.starts_with(".atelier.ron.who.")
    });
    if ok { Ok(()) } else { Err(names) }
}

fn footer(app: &App) -> String {
    app.text().lines().last().unwrap_or_default().to_string()
}

/// The file the app should write for the edit: the same keys through the same code.
fn expected_text() -> String {
    let mut st = common::state(common::example(), common::at("10:00:00"));
    common::press(&mut st, &format!("<Enter>a{TEXT}<Enter>"));
    // What the saves add: the session's id (given at open: see `same_but_id`) and
    // the new line's revision (its text was saved once).
    st.session.id = ID.into();
    let line = st
        .session
        .groups
        .iter()
        .flat_map(|g| &g.poster.lines)
        .find(|l| l.solution == TEXT)
        .map(|l| l.id)
        .expect("the line");
    if let Some(l) = st.session.line_anywhere_mut(line) {
        l.revision = 1;
    }
    atelier::store::to_text(&st.session).expect("to_text")
}

/// A stand-in for the id the app gives the example when it opens it, as long as a real one.
const ID: &str = "0000000000000000";

/// The file's text with its session id replaced by `ID`, and its save count (how many saves
/// the app made depends on timing) and the lines' save times left out.
fn same_but_id(text: &str) -> String {
    let mut s = atelier::store::parse(text, Path::new("x.ron")).expect("parse");
    assert_eq!(s.id.len(), ID.len());
    s.id = ID.into();
    s.saves = 0;
    // When the line was last saved (its LAST-MODIFIED in the calendar): the clock's.
    for l in s.groups.iter_mut().flat_map(|g| g.poster.lines.iter_mut()) {
        l.revised_at = None;
    }
    atelier::store::to_text(&s).expect("to_text")
}

/// Opens the example on the tmpfs, fills the disk leaving `leave` pages, types a poster line
/// and checks the failure, then frees the space and checks the retry.
fn full_disk_then_space_again(leave_room_for_the_temporary_file: bool) {
    let Some(disk) = Tmpfs::mount("512k") else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let dir = disk.path().to_path_buf();
    let path = dir.join("atelier.ron");
    fs::write(&path, common::EXAMPLE).expect("copy the example");
    let expected = expected_text();
    assert!(expected.contains(TEXT));
    let new_pages = (expected.len() as u64).div_ceil(PAGE);

    let p = path.to_str().expect("utf-8 path").to_string();
    let mut app = Running(App::spawn(
        &["open", &p],
        home.path(),
        home.path(),
        (160, 30),
    ));
    app.wait_text("Parkings mutualisés");
    // The example has no session id: the app gives it one and saves it, before the disk
    // fills. That file is the one that must stay whole.
    app.wait_for("the session id saved", |_| {
        fs::read_to_string(&path).is_ok_and(|t| t.contains("id: \""))
    });
    let before = fs::read_to_string(&path).expect("read the session");
    let old_pages = (before.len() as u64).div_ceil(PAGE);
    app.keys(&[ENTER]);
    app.wait_text("Plan d'actions");
    assert!(only_expected_files(&dir).is_ok(), "{:?}", names(&dir));

    // The disk fills up while the poster is open.
    let leave = if leave_room_for_the_temporary_file {
        // The temporary file fits exactly; the backup copy of the old file (`old_pages`
        // more), made before the rename, does not.
        assert!(old_pages > 0);
        new_pages
    } else {
        0
    };
    let filler = fill(&dir, leave);

    app.keys(&["a"]);
    app.wait_text("valider");
    app.send(TEXT);
    app.send(ENTER);
    // The edit is kept on screen (the editor closed, the line on the poster)…
    app.wait_for("the new line on the poster", |t| {
        !t.contains("valider") && t.contains("Disque plein")
    });
    // …and the footer says it is not saved, and why.
    app.wait_for("the save error in the footer", |t| {
        let last = t.lines().last().unwrap_or_default();
        last.contains("NON ENREGISTRÉ") && last.contains("No space left on device")
    });
    // Nothing is left taking space: no temporary file, and every page that was free before
    // the save is free again (the app retries every second; between two tries it holds none).
    wait_until("no temporary file and the free space back", || {
        only_expected_files(&dir).is_ok() && free_blocks(&dir) == leave
    });
    // Through a few retries, the file stays whole: the previous version, byte for byte.
    let watch = Instant::now();
    while watch.elapsed() < Duration::from_millis(2500) {
        let on_disk = fs::read_to_string(&path).expect("read the session");
        assert_eq!(on_disk, before, "the file changed on a full disk");
        if let Err(found) = only_expected_files(&dir) {
            // A try in progress: its temporary file must go away again.
            wait_until(&format!("the temporary file to go: {found:?}"), || {
                only_expected_files(&dir).is_ok()
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let s = atelier::store::load(&path).expect("the file still loads");
    assert!(
        !s.groups
            .iter()
            .flat_map(|g| &g.poster.lines)
            .any(|l| l.solution == TEXT)
    );
    assert!(footer(&app).contains("NON ENREGISTRÉ"), "{}", footer(&app));
    if leave_room_for_the_temporary_file {
        // The premise: the temporary file had room, so what failed was the backup copy.
        assert!(expected.len() as u64 <= leave * PAGE);
    }

    // Space again: the retry saves.
    fs::remove_file(&filler).expect("remove the filler");
    app.wait_for("the retry to save", |t| {
        let last = t.lines().last().unwrap_or_default();
        last.contains("enregistré à") && !last.contains("NON ENREGISTRÉ")
    });
    let on_disk = same_but_id(&fs::read_to_string(&path).expect("read the session"));
    assert_eq!(
        on_disk, expected,
        "the saved file is not the session with the edit"
    );
    assert!(on_disk.contains(&format!("solution: \"{TEXT}\"")));
    atelier::store::load(&path).expect("the saved file loads");
    // The backup is the previous version, whole.
    let bak = fs::read_to_string(atelier::store::backup_path(&path)).expect("backup");
    assert_eq!(bak, before);
    assert!(only_expected_files(&dir).is_ok(), "{:?}", names(&dir));

    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    assert_eq!(
        same_but_id(&fs::read_to_string(&path).expect("read")),
        expected
    );
}

#[test]
fn a_full_disk_keeps_the_file_whole_and_the_edit_is_saved_once_there_is_room() {
    full_disk_then_space_again(false);
}

#[test]
fn room_for_the_temporary_file_but_not_the_backup_keeps_the_file_whole_too() {
    full_disk_then_space_again(true);
}

/// A folder nothing can be written to (a read-only share, a protected folder): `open` shows
/// the session read-only with a banner instead of refusing it, and changes nothing.
#[test]
fn a_read_only_folder_opens_the_session_read_only() {
    let Some(disk) = Tmpfs::mount("2m") else {
        return;
    };
    let path = disk.path().join("s.ron");
    fs::write(&path, EXAMPLE).unwrap();
    let remounted = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(disk.path())
        .status()
        .unwrap();
    assert!(remounted.success());
    let data = tempfile::tempdir().unwrap();
    let mut app = Running(App::spawn(
        &["open", path.to_str().unwrap()],
        data.path(),
        disk.path(),
        (100, 30),
    ));
    app.wait_text("LECTURE SEULE");
    app.wait_text("Parkings mutualisés");
    app.keys(&[ENTER]);
    app.wait_text("Plan d'actions");
    app.keys(&["a"]);
    app.wait_text("rien n'est modifié");
    // A rapporteur too.
    let mut rap = Running(App::spawn(
        &["join", path.to_str().unwrap(), "--group", "2"],
        data.path(),
        disk.path(),
        (100, 30),
    ));
    rap.wait_text("LECTURE SEULE");
    rap.wait_text("Plan d'actions");
    rap.keys(&["a"]);
    rap.wait_text("rien n'est modifié");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
    assert_eq!(names(disk.path()), ["s.ron"]);
}
