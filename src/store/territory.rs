//! The sessions of a territory read for its table (`domain::territory`): found in folders,
//! parsed on every core, and kept in a small cache (one file in the user's cache folder)
//! checked against each file's size and time, so that fifty zones open at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::territory::{self, ZoneRow};

pub use crate::domain::territory::Entry;

/// The session files of `dirs` (and of their subfolders one level down, a folder a zone),
/// without the copies beside them (set aside, left by a sync tool, merged).
pub fn sessions(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        if dir.is_file() {
            out.push(dir.clone());
            continue;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                if let Ok(inner) = std::fs::read_dir(&path) {
                    out.extend(inner.flatten().map(|e| e.path()).filter(|p| is_session(p)));
                }
            } else if is_session(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn is_session(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".ron")
        && !name.starts_with('.')
        && !super::sync::is_copy_name(&name)
        && !name.contains(".restauré-")
        && path.is_file()
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    day: Option<NaiveDate>,
    files: BTreeMap<PathBuf, Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    len: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    modified: (u64, u32),
    row: ZoneRow,
}

fn stamp(path: &Path) -> Option<(u64, (u64, u32))> {
    let m = std::fs::metadata(path).ok()?;
    let since = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((m.len(), (since.as_secs(), since.subsec_nanos())))
}

/// Every session's row on `today`: from `cache` (a file) where the session's size and time
/// are those cached on the same day, else read, on every core. The cache is written back;
/// a cache that cannot be read or written only makes the next opening slower.
pub fn rows(paths: &[PathBuf], today: NaiveDate, cache: Option<&Path>) -> Vec<Entry> {
    let mut known = cache
        .and_then(|c| std::fs::read_to_string(c).ok())
        .and_then(|t| ron::from_str::<Cache>(&t).ok())
        .filter(|c| c.day == Some(today))
        .unwrap_or_default();
    let mut out: Vec<Option<Entry>> = vec![None; paths.len()];
    let mut todo = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let fresh = stamp(path).and_then(|(len, modified)| {
            known
                .files
                .get(path)
                .filter(|c| c.len == len && c.modified == modified)
        });
        match (fresh, out.get_mut(i)) {
            (Some(c), Some(slot)) => {
                *slot = Some(Entry {
                    path: path.clone(),
                    row: Ok(c.row.clone()),
                })
            }
            _ => todo.push(i),
        }
    }
    let read = read_all(paths, &todo, today);
    let changed = !read.is_empty();
    for (i, entry, st) in read {
        if let (Ok(row), Some((len, modified))) = (&entry.row, st) {
            known.files.insert(
                entry.path.clone(),
                Cached {
                    len,
                    modified,
                    row: row.clone(),
                },
            );
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(entry);
        }
    }
    if let Some(cache) = cache
        && changed
    {
        known.day = Some(today);
        // What this call did not ask for stays while its file is there: the launcher's list
        // and the territory's table share the cache without evicting each other.
        known.files.retain(|p, _| paths.contains(p) || p.is_file());
        if let Ok(text) = ron::to_string(&known) {
            if let Some(dir) = cache.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = super::write_atomic(cache, text.as_bytes());
        }
    }
    out.into_iter().flatten().collect()
}

type Read = (usize, Entry, Option<(u64, (u64, u32))>);

/// Parses the sessions `todo` names, on as many threads as there are cores.
fn read_all(paths: &[PathBuf], todo: &[usize], today: NaiveDate) -> Vec<Read> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(todo.len()));
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(todo.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = todo.get(k) else { break };
                    let Some(path) = paths.get(i) else { break };
                    let st = stamp(path);
                    let row = super::load(path)
                        .map(|s| territory::row(&s, today))
                        .map_err(|e| e.user_message());
                    let entry = Entry {
                        path: path.clone(),
                        row,
                    };
                    if let Ok(mut d) = done.lock() {
                        d.push((i, entry, st));
                    }
                }
            });
        }
    });
    done.into_inner().unwrap_or_default()
}

/// The territory's cache file: beside the data directory's sessions when `ATELIER_DATA_DIR`
/// moves it, else in the user's cache folder.
pub fn cache_file() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(super::paths::DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("cache").join("territoire.ron"));
    }
    directories::ProjectDirs::from("fr", "atelier", "atelier")
        .map(|d| d.cache_dir().join("territoire.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Session;

    #[test]
    fn rows_come_from_the_files_then_from_the_cache_until_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
        for (file, title) in [("a.ron", "Forges"), ("b.ron", "Tanneurs")] {
            super::super::create(&dir.path().join(file), &Session::new(title, title)).unwrap();
        }
        std::fs::write(dir.path().join("c.ron"), "pas une session").unwrap();
        std::fs::write(
            dir.path().join("a.sync-conflict-20261207-101500-ABC.ron"),
            "x",
        )
        .unwrap();
        let paths = sessions(&[dir.path().to_path_buf()]);
        assert_eq!(paths.len(), 3, "{paths:?}");
        let cache = dir.path().join("cache/territoire.ron");
        let first = rows(&paths, today, Some(&cache));
        assert_eq!(first.len(), 3);
        assert!(first[2].row.is_err());
        assert!(cache.exists());
        // From the cache: the same rows.
        let again = rows(&paths, today, Some(&cache));
        assert_eq!(again, first);
        // A file changed: read again.
        let mut s = Session::new("Forges renommé", "Forges");
        s.zone.companies = 12;
        super::super::save(&dir.path().join("a.ron"), &s).unwrap();
        let third = rows(&paths, today, Some(&cache));
        let a = third[0].row.as_ref().unwrap();
        assert_eq!((a.title.as_str(), a.companies), ("Forges renommé", 12));
    }
}
