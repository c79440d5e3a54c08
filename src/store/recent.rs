//! The sessions used lately, wherever their files are: `atelier list` (and the launcher) show
//! them beside those of the data folder, so that a session made with `new -o` in a project
//! folder is found again. `recent.txt` in the data folder: one absolute path a line, the
//! latest first, written by `new`, `open` and `join`; files that no longer exist are left out
//! when it is read and dropped at the next write. Remembering is a convenience: it never
//! stops a command (a read-only data folder just remembers nothing).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many sessions are remembered.
pub const MAX: usize = 30;

const FILE: &str = "recent.txt";

/// The list's file: beside the data folder's `sessions`.
pub fn list_file() -> Option<PathBuf> {
    super::data_sessions_dir()?.parent().map(|d| d.join(FILE))
}

/// Puts `path` at the top of the list (best effort).
pub fn remember(path: &Path) {
    if let Some(list) = list_file() {
        let _ = remember_in(&list, path);
    }
}

/// The sessions remembered that still exist, the latest first.
pub fn recent() -> Vec<PathBuf> {
    list_file().map(|l| read_in(&l)).unwrap_or_default()
}

/// `remember`, with the list's file given.
pub fn remember_in(list: &Path, path: &Path) -> io::Result<()> {
    let path = full_path(path)?;
    // A line a path: a name with a line break in it is not remembered.
    if path.to_str().is_none_or(|p| p.contains(['\n', '\r'])) || !path.is_file() {
        return Ok(());
    }
    let mut paths = read_in(list);
    paths.retain(|p| !same_file(p, &path));
    paths.insert(0, path);
    paths.truncate(MAX);
    let mut text = String::new();
    for p in &paths {
        if let Some(p) = p.to_str() {
            text.push_str(p);
            text.push('\n');
        }
    }
    if let Some(dir) = list.parent() {
        fs::create_dir_all(dir)?;
    }
    // Replaced whole, so a reader never sees half a list.
    let tmp = super::temp_path(list, "tmp");
    let written =
        super::write_file_synced(&tmp, text.as_bytes()).and_then(|_| super::replace(&tmp, list));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// The path as it is listed: whole, without `..` (resolved on Unix; on Windows the
/// canonical form would start with `\\?\`, which people do not type).
fn full_path(path: &Path) -> io::Result<PathBuf> {
    if cfg!(unix) {
        fs::canonicalize(path)
    } else {
        std::path::absolute(path)
    }
}

/// The list in `list`, without the files that no longer exist.
pub fn read_in(list: &Path) -> Vec<PathBuf> {
    let Ok(text) = fs::read_to_string(list) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

/// The same file, through links and `..` too.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_first_once_each_and_gone_files_dropped() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let list = dir.path().join("data").join(FILE);
        let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
        for p in [&a, &b] {
            fs::write(p, "x").unwrap_or_else(|e| panic!("{e}"));
        }
        remember_in(&list, &a).unwrap_or_else(|e| panic!("{e}"));
        remember_in(&list, &b).unwrap_or_else(|e| panic!("{e}"));
        // Again, through another spelling of the same path: moved to the top, not doubled.
        let again = dir.path().join("data").join("..").join("a.ron");
        remember_in(&list, &again).unwrap_or_else(|e| panic!("{e}"));
        let read = read_in(&list);
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(
            same_file(&read[0], &a) && same_file(&read[1], &b),
            "{read:?}"
        );
        // A file removed is not listed, and is gone from the file at the next write.
        fs::remove_file(&b).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_in(&list).len(), 1);
        remember_in(&list, &a).unwrap_or_else(|e| panic!("{e}"));
        let text = fs::read_to_string(&list).unwrap_or_else(|e| panic!("{e}"));
        assert!(!text.contains("b.ron"), "{text}");
        // A file that does not exist is not remembered.
        let _ = remember_in(&list, &dir.path().join("none.ron"));
        assert_eq!(read_in(&list).len(), 1);
    }
}
