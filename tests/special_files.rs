//! Files that are not sessions (issue 24): a pipe, a device, a file too large, a text in
//! another encoding. Each is refused at once, with a clear message and exit 2; none blocks
//! or is read until memory runs out.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_atelier");

/// Runs `atelier ARGS` in `dir`; fails the test if it has not ended within 20 s.
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("ATELIER_DATA_DIR", dir)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("atelier {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tube.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.ron")).unwrap();
    for name in ["tube.ron", "zero.ron"] {
        for command in ["check", "export"] {
            let o = run(dir.path(), &[command, name]);
            assert_eq!(o.status.code(), Some(2), "{command} {name}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("pas un fichier ordinaire"),
                "{command} {name}: {}",
                stderr(&o)
            );
        }
    }
    // `open` refuses before it takes the terminal, and leaves no lock behind.
    let o = run(dir.path(), &["open", "tube.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.path().join("tube.ron.lock").exists());
    // `list` skips them.
    let o = run(dir.path(), &["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_file_larger_than_any_session_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("gros.ron");
    let f = std::fs::File::create(&big).unwrap();
    // Sparse: 65 MiB that take no room on disk.
    f.set_len(65 * 1024 * 1024).unwrap();
    let o = run(dir.path(), &["check", "gros.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("64\u{a0}Mo"), "{}", stderr(&o));
}

#[test]
fn a_text_in_another_encoding_gives_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 « é » (0xE9) on the third line, fifth character.
    std::fs::write(
        dir.path().join("latin1.ron"),
        b"(\n  version: 1,\n  t\xe9tle",
    )
    .unwrap();
    let o = run(dir.path(), &["check", "latin1.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("latin1.ron:3:4"), "{}", stderr(&o));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));
    // What Windows' Notepad once saved as « Unicode »: UTF-16 with its mark.
    let utf16: Vec<u8> = "(version: 1)"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(
        dir.path().join("utf16.ron"),
        [&[0xff, 0xfe][..], &utf16].concat(),
    )
    .unwrap();
    let o = run(dir.path(), &["check", "utf16.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("utf16.ron:1:1"), "{}", stderr(&o));
    assert!(stderr(&o).contains("UTF-16"), "{}", stderr(&o));
}

#[test]
fn deep_nesting_is_refused_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("profond.ron"),
        format!("(version: 1, x: {}", "(x: ".repeat(100_000)),
    )
    .unwrap();
    let o = run(dir.path(), &["check", "profond.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("profond.ron:1:"), "{said}");
    assert!(said.contains("imbriqués"), "{said}");
    assert!(!said.to_lowercase().contains("recursion"), "{said}");
}

#[test]
fn an_export_folder_that_is_a_file_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.ron"),
        include_str!("../sessions/exemple-za.ron"),
    )
    .unwrap();
    std::fs::write(dir.path().join("sortie"), "un fichier").unwrap();
    let o = run(dir.path(), &["export", "s.ron", "--out", "sortie"]);
    assert!(!o.status.success());
    let said = stderr(&o);
    assert!(said.contains("est un fichier, pas un dossier"), "{said}");
    assert!(!said.contains("os error"), "{said}");
}
