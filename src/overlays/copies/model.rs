//! The copies found beside the session, and whether Enter asked to merge them.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copies {
    pub paths: Vec<PathBuf>,
    /// Enter was pressed: the shell merges them (files are its business) and answers with
    /// `Action::CopiesMerged`.
    pub merge: bool,
}

impl Copies {
    /// The tool that left a copy, from its name.
    pub fn tool(path: &std::path::Path) -> &'static str {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.contains(".sync-conflict-") {
            "Syncthing"
        } else if name.contains("'s conflicted copy") || name.contains("copie en conflit") {
            "Dropbox"
        } else {
            "Nextcloud"
        }
    }
}
