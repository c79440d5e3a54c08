//! Where sessions live and how they are named.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The environment variable that moves the data directory (used by tests and by people who
/// keep their sessions in a shared folder).
pub const DATA_DIR_ENV: &str = "ATELIER_DATA_DIR";

/// `~/.local/share/atelier/sessions` on Linux, the platform's equivalent elsewhere.
pub fn data_sessions_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("sessions"));
    }
    directories::ProjectDirs::from("fr", "atelier", "atelier")
        .map(|d| d.data_dir().join("sessions"))
}

pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

pub use crate::domain::clean::slug;

/// `dir/stem.ron`, or `dir/stem-2.ron`… if taken.
pub fn unique_path(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.ron"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|i| dir.join(format!("{stem}-{i}.ron")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// What `atelier list` and the launcher show of one file.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub path: PathBuf,
    pub modified: Option<SystemTime>,
    /// The session, or the message of why it could not be read.
    pub content: Result<SessionSummary, String>,
}

pub use crate::domain::session::SessionSummary;

/// Every `*.ron` session in the given directories, most recently changed first.
pub fn list_sessions(dirs: &[PathBuf]) -> Vec<SessionInfo> {
    known_sessions(dirs, &[])
}

/// The sessions of `dirs` and the `recent` ones elsewhere (`store::recent`), each once, most
/// recently changed first. Read through the territory's cache (`territoire.ron`): a list of
/// fifty large sessions opens in a millisecond once each was read.
pub fn known_sessions(dirs: &[PathBuf], recent: &[PathBuf]) -> Vec<SessionInfo> {
    let today = chrono::Local::now().date_naive();
    let cache = super::territory::cache_file();
    known_sessions_with(dirs, recent, today, cache.as_deref())
}

/// [`known_sessions`] with its day and cache file given (`None`: every file is parsed).
pub fn known_sessions_with(
    dirs: &[PathBuf],
    recent: &[PathBuf],
    today: chrono::NaiveDate,
    cache: Option<&Path>,
) -> Vec<SessionInfo> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_session = path.extension().is_some_and(|e| e == "ron")
                && !entry.file_name().to_string_lossy().starts_with('.');
            if is_session && path.is_file() {
                paths.push(path);
            }
        }
    }
    for path in recent {
        if path.is_file() && !paths.iter().any(|p| super::recent::same_file(p, path)) {
            paths.push(path.clone());
        }
    }
    let mut out: Vec<SessionInfo> = super::territory::rows(&paths, today, cache)
        .into_iter()
        .map(|e| SessionInfo {
            modified: fs::metadata(&e.path).and_then(|m| m.modified()).ok(),
            content: e.row.map(|r| r.summary),
            path: e.path,
        })
        .collect();
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Éco-parc des Portes du Sud"),
            "eco-parc-des-portes-du-sud"
        );
        assert_eq!(slug("  Œuvre / été 2027 !"), "oeuvre-ete-2027");
        assert_eq!(slug("日本"), "session");
        assert_eq!(slug(""), "session");
        assert_eq!(slug(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn the_list_reads_each_file_once_then_from_the_cache() {
        use crate::domain::Session;
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("sessions");
        fs::create_dir_all(&sessions).unwrap();
        let cache = dir.path().join("cache").join("territoire.ron");
        let path = sessions.join("forges.ron");
        super::super::create(&path, &Session::new("Éco-parc des Forges", "ZA des Forges")).unwrap();
        fs::write(sessions.join("casse.ron"), "pas une session").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
        let dirs = [sessions.clone()];
        let titles = |list: &[SessionInfo]| -> Vec<Result<String, ()>> {
            let mut t: Vec<_> = list
                .iter()
                .map(|i| i.content.as_ref().map(|c| c.title.clone()).map_err(|_| ()))
                .collect();
            t.sort();
            t
        };
        let first = known_sessions_with(&dirs, &[], today, Some(&cache));
        assert_eq!(
            titles(&first),
            [Ok("Éco-parc des Forges".to_string()), Err(())]
        );
        // The file's bytes change but not its size or time: the list says what the cache
        // holds, so it did not read the file again.
        let len = fs::metadata(&path).unwrap().len() as usize;
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        fs::write(&path, "x".repeat(len)).unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let again = known_sessions_with(&dirs, &[], today, Some(&cache));
        assert_eq!(titles(&again), titles(&first));
        // Without the cache, the file is read: it no longer parses.
        let uncached = known_sessions_with(&dirs, &[], today, None);
        assert_eq!(titles(&uncached), [Err(()), Err(())]);
    }
}
