//! Two processes of this build on one session file, as in a room: the facilitator's (`open`:
//! the lock, presence, edits saved) and a rapporteur's (`join`) in another process.
//!
//! Written for Windows, where a lock blocks other processes' reads, a flush needs write
//! access and a file open in another program cannot be replaced. CI runs these tests with
//! the Windows build under Wine (`.ci/run`), and on Linux.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use atelier::store::presence::Presence;
use atelier::store::{Lock, StoreError};
use common::seat::Seat;

const ROLE: &str = "ATELIER_TEST_CHILD_ROLE";
const SESSION: &str = "ATELIER_TEST_CHILD_SESSION";

/// The other process: this test binary started again on `child`, its role and session in the
/// environment. It prints `ready` once it holds what its role holds, then runs the commands
/// the parent writes on its standard input (`keys SCRIPT`, `sync`), answering `done` to each,
/// until the input closes.
struct Other {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Other {
    fn start(role: &str, session: &Path) -> Other {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["child", "--exact", "--ignored", "--nocapture"])
            .env(ROLE, role)
            .env(SESSION, session)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        let mut other = Other {
            child,
            input,
            output,
        };
        other.expect("ready");
        other
    }

    /// Reads the child's output up to `word` alone on a line (the test harness prints its
    /// own lines around it).
    fn expect(&mut self, word: &str) {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.output.read_line(&mut line).unwrap();
            assert!(n > 0, "the other process ended before saying « {word} »");
            if line.trim_end() == word {
                return;
            }
        }
    }

    fn run(&mut self, command: &str) {
        writeln!(self.input, "{command}").unwrap();
        self.input.flush().unwrap();
        self.expect("done");
    }

    fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Other {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "the other process of the tests below, which start it themselves"]
fn child() {
    let (Ok(role), Some(session)) = (std::env::var(ROLE), std::env::var_os(SESSION)) else {
        return;
    };
    let session = PathBuf::from(session);
    let stdin = std::io::stdin();
    match role.as_str() {
        "facilitator" => {
            let _lock = Lock::acquire(&session).unwrap();
            let _here = Presence::announce(&session, "animation").unwrap();
            println!("ready");
            for _ in stdin.lock().lines() {}
        }
        "rapporteur" => {
            let who = "groupe 2 · Léa";
            let _here = Presence::announce(&session, who).unwrap();
            let mut seat = Seat::join(&session, Some(2), who);
            println!("ready");
            for line in stdin.lock().lines() {
                let line = line.unwrap();
                match line.split_once(' ') {
                    Some(("keys", script)) => seat.keys(script),
                    _ if line == "sync" => seat.sync(),
                    _ => panic!("unknown command {line}"),
                }
                println!("done");
            }
        }
        other => panic!("unknown role {other}"),
    }
}

/// Polls `check` for up to 20 s: Windows releases a dead process's locks « eventually ».
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < Duration::from_secs(20), "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_lock_holder_and_presence_are_read_while_another_process_holds_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    let mut facilitator = Other::start("facilitator", &path);
    let pid = facilitator.id();

    // The lock file's text (who holds it) is read through the other process's lock.
    match Lock::acquire(&path) {
        Err(StoreError::Locked { holder, .. }) => {
            assert!(holder.starts_with(&format!("pid {pid} ")), "{holder}");
            assert!(!holder.contains("localhost"), "{holder}");
        }
        other => panic!("a second lock was not refused: {other:?}"),
    }
    // So is the presence file's label.
    let here = Presence::announce(&path, "groupe 2").unwrap();
    assert_eq!(here.others(), ["animation"]);

    // The real binary, as a second facilitator would start it: refused, naming the holder.
    let out = Command::new(common::pty::BIN)
        .args(["open", path.to_str().unwrap()])
        .env("ATELIER_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains(&format!("pid {pid} ")), "{said}");

    // The facilitator's process dies without cleaning up: its lock and presence go with it.
    facilitator.child.kill().unwrap();
    facilitator.child.wait().unwrap();
    eventually("the dead process's presence is gone", || {
        here.others().is_empty()
    });
    eventually("the lock is free again", || Lock::acquire(&path).is_ok());
}

/// Group `theme`'s solutions in the file.
fn file_lines(path: &Path, theme: u32) -> Vec<String> {
    common::solutions(&atelier::store::load(path).unwrap(), theme)
}

#[test]
fn a_facilitator_and_a_rapporteur_in_two_processes_edit_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    // This process is the facilitator: the lock and presence as `atelier open` takes them.
    let _lock = Lock::acquire(&path).unwrap();
    let here = Presence::announce(&path, "animation").unwrap();
    let mut facilitator = Seat::join(&path, None, "animation");
    let mut rapporteur = Other::start("rapporteur", &path);
    assert_eq!(here.others(), ["groupe 2 · Léa"]);

    // Both type at once; the rapporteur saves first.
    rapporteur.run("keys aCompostage partagé<Enter>");
    facilitator.keys("<Enter>aCovoiturage été<Enter><Esc>");
    rapporteur.run("sync");
    facilitator.sync();
    rapporteur.run("sync");

    assert!(file_lines(&path, 2).contains(&"Compostage partagé".to_string()));
    let group_1 = file_lines(&path, 1);
    assert!(
        group_1.contains(&"Covoiturage été".to_string()),
        "{group_1:?}"
    );
    // The facilitator's screen has the rapporteur's line (it came in with the save).
    assert!(
        common::solutions(&facilitator.state.session, 2)
            .contains(&"Compostage partagé".to_string())
    );

    // The file: `\n` only, a whole backup beside it, no temporary file left.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains('\r'), "the session file has CR LF line ends");
    let bak = atelier::store::backup_path(&path);
    assert!(atelier::store::load(&bak).is_ok());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    names.sort();
    assert!(names.is_empty(), "left behind: {names:?}");
}

/// What Windows does when another program (Excel, an antivirus, a backup tool) holds a file
/// open without sharing it: the rename that replaces it is refused until it lets go.
#[cfg(windows)]
mod held_open {
    use super::*;
    use std::os::windows::fs::OpenOptionsExt;

    /// Opens `path` sharing nothing, for `hold`, on another thread; returns once it is open.
    fn hold(path: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(0)
            .open(path)
            .unwrap();
        std::thread::spawn(move || {
            std::thread::sleep(hold);
            drop(f);
        })
    }

    #[test]
    fn a_save_waits_for_a_program_that_holds_the_file_for_a_moment() {
        let dir = tempfile::tempdir().unwrap();
        let path = common::pty::copy_example(dir.path());
        let mut s = atelier::store::load(&path).unwrap();
        s.title = "Éco-parc enregistré".to_string();
        let holder = hold(&path, Duration::from_millis(300));
        atelier::store::save(&path, &s).unwrap();
        holder.join().unwrap();
        assert_eq!(
            atelier::store::load(&path).unwrap().title,
            "Éco-parc enregistré"
        );
    }

    #[test]
    fn a_file_held_longer_keeps_the_old_text_and_saves_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = common::pty::copy_example(dir.path());
        let before = std::fs::read_to_string(&path).unwrap();
        let mut s = atelier::store::load(&path).unwrap();
        s.title = "Éco-parc enregistré".to_string();
        let holder = hold(&path, Duration::from_secs(3));
        let refused = atelier::store::save(&path, &s);
        assert!(refused.is_err());
        holder.join().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
        // The next attempt (the app retries every second) goes through.
        atelier::store::save(&path, &s).unwrap();
        assert_eq!(
            atelier::store::load(&path).unwrap().title,
            "Éco-parc enregistré"
        );
    }

    #[test]
    fn an_export_open_in_excel_is_named_and_the_next_export_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("exports");
        let session = common::example();
        let files = atelier::export::render(
            &session,
            atelier::export::Format::Csv,
            &common::export_options(),
        );
        atelier::export::write_files(&out, &files).unwrap();
        let csv = out.join(&files[0].name);
        let holder = hold(&csv, Duration::from_secs(3));
        let refused = atelier::export::write_files(&out, &files).unwrap_err();
        let said = refused.to_string();
        assert!(said.contains("ouvert dans un autre programme"), "{said}");
        assert!(said.contains(&files[0].name), "{said}");
        holder.join().unwrap();
        atelier::export::write_files(&out, &files).unwrap();
    }
}

/// Said in every Windows run, so that no test is left out silently.
#[cfg(not(unix))]
#[test]
#[ignore = "crash, full_disk, hangup, idle, pty, rencontre_room and room drive Unix \
            pseudo-terminals: compiled out on Windows (#![cfg(unix)])"]
fn unix_pseudo_terminal_tests_are_compiled_out() {}
