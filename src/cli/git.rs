//! A team through git: `atelier git-init` sets a repository up so that git merges session
//! files with atelier (`atelier merge-driver`), by the rules of live editing, never with
//! conflict markers a facilitator would have to resolve by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_i18n::t;

use super::out::say;
use crate::domain::{Session, merge3};
use crate::error::CliError;
use crate::store::{self, StoreError};

/// The line `.gitattributes` needs.
const ATTRIBUTE: &str = "*.ron merge=atelier";

/// What atelier writes beside a session and no colleague needs: the previous version, the
/// locks, who is on the file, the temporary files of a save.
const IGNORED: &[&str] = &[
    "*.ron.bak",
    "*.ron.lock",
    "*.ron.writelock",
    ".*.ron.who.*",
    ".*.ron.tmp.*",
    ".*.ron.baktmp.*",
    ".*.ron.probe.*",
];

/// Adds to the file at `path` the lines it does not have yet (made if missing).
fn ensure_lines(path: &Path, lines: &[&str]) -> Result<(), CliError> {
    let mut text = match store::read_text(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(StoreError::reading(path, e).into()),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| {
            !text
                .lines()
                .any(|l| l.split_whitespace().eq(line.split_whitespace()))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    store::write_atomic(path, text.as_bytes())?;
    Ok(())
}

/// `atelier merge-driver %O %A %B %P`: merges `ours` (%A, where git wants the result) and
/// `theirs` (%B) from their common base (%O, empty when the file was added on both sides:
/// then the two are merged with no base, as a sync tool's copy is). Fails, and git then
/// leaves the file in conflict, only when a side does not read as a session.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, name: &str) -> Result<(), CliError> {
    let shown = Path::new(name);
    let read = |path: &Path, side: &str| -> Result<Option<Session>, CliError> {
        let text = store::read_text(path).map_err(|e| StoreError::reading(path, e))?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        store::parse(&text, shown).map(Some).map_err(|e| {
            CliError::Usage(
                t!(
                    "git.driver.unreadable",
                    side = t!(side),
                    path = name,
                    error = e.user_message()
                )
                .into_owned(),
            )
        })
    };
    let b = read(base, "git.driver.base")?;
    let empty = |side: &str| {
        CliError::Usage(t!("git.driver.empty", side = t!(side), path = name).into_owned())
    };
    let o = read(ours, "git.driver.ours")?.ok_or_else(|| empty("git.driver.ours"))?;
    let t = read(theirs, "git.driver.theirs")?.ok_or_else(|| empty("git.driver.theirs"))?;
    let who = t!("git.driver.who");
    let now = crate::tui::now();
    let (mut merged, report) = match &b {
        Some(b) => merge3::merge3(b, &o, &t, &who, now),
        None => merge3::merge2(&o, &t, &who, now),
    };
    // Newer than both: an atelier open on either version takes it as the latest.
    merged.saves = o.saves.max(t.saves) + 1;
    let text = store::to_text(&merged)?;
    // Git's own temporary file, which it reads back: no backup beside it.
    std::fs::write(ours, text).map_err(|e| StoreError::io(ours, e))?;
    say!(
        "{}",
        t!(
            "git.driver.done",
            path = name,
            applied = report.applied,
            conflicts = report.conflicts,
            restored = report.restored
        )
    );
    Ok(())
}

/// `atelier git-init [DIR]`: the attribute in DIR's `.gitattributes` (the session files
/// there and below), and the driver in the repository's own config (git never takes a
/// driver from the repository itself: each clone runs this once).
pub fn git_init(dir: Option<PathBuf>) -> Result<(), CliError> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        GitError::Missing => CliError::Usage(t!("git.init.no_git").into_owned()),
        GitError::Failed(_) => CliError::Usage(
            t!("git.init.not_a_repository", dir = dir.display().to_string()).into_owned(),
        ),
    })?;
    let attributes = dir.join(".gitattributes");
    ensure_lines(&attributes, &[ATTRIBUTE])?;
    let ignore = dir.join(".gitignore");
    ensure_lines(&ignore, IGNORED)?;
    let driver = format!("{} merge-driver %O %A %B %P", program());
    for (key, value) in [
        (
            "merge.atelier.name",
            t!("git.init.driver_name").into_owned(),
        ),
        ("merge.atelier.driver", driver),
    ] {
        git(&dir, &["config", key, &value]).map_err(|e| {
            let why = match e {
                GitError::Failed(why) => why,
                GitError::Missing => String::new(),
            };
            CliError::Usage(t!("git.init.config_failed", error = why).into_owned())
        })?;
    }
    say!("{}", t!("git.init.done", repo = top.trim()));
    say!("  {}", attributes.display());
    say!("  {}", ignore.display());
    say!("{}", t!("git.init.next"));
    Ok(())
}

enum GitError {
    Missing,
    Failed(String),
}

/// Runs git in `dir`; its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|_| GitError::Missing)?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}

/// How git's shell should call this program: `atelier` when that is this program on the
/// PATH (it then follows an update in place), else its full path, quoted.
fn program() -> String {
    let Ok(me) = std::env::current_exe().and_then(|p| p.canonicalize()) else {
        return "atelier".into();
    };
    let name = if cfg!(windows) {
        "atelier.exe"
    } else {
        "atelier"
    };
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find_map(|d| d.join(name).canonicalize().ok());
    if on_path.as_ref() == Some(&me) {
        return "atelier".into();
    }
    // git runs drivers with sh (Git for Windows too), which takes forward slashes and no
    // `\\?\` prefix.
    let shown = me.display().to_string();
    let path = shown
        .strip_prefix(r"\\?\")
        .unwrap_or(&shown)
        .replace('\\', "/");
    format!("'{}'", path.replace('\'', r"'\''"))
}
