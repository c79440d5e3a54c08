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
/// recently changed first.
pub fn known_sessions(dirs: &[PathBuf], recent: &[PathBuf]) -> Vec<SessionInfo> {
    let mut out: Vec<SessionInfo> = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_session = path.extension().is_some_and(|e| e == "ron")
                && !entry.file_name().to_string_lossy().starts_with('.');
            if !is_session || !path.is_file() {
                continue;
            }
            out.push(info(path));
        }
    }
    for path in recent {
        if path.is_file() && !out.iter().any(|i| super::recent::same_file(&i.path, path)) {
            out.push(info(path.clone()));
        }
    }
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    out
}

fn info(path: PathBuf) -> SessionInfo {
    let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
    let content = super::load(&path)
        .map(|s| SessionSummary::of(&s))
        .map_err(|e| e.user_message());
    SessionInfo {
        path,
        modified,
        content,
    }
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
}
