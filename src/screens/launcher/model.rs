//! The launcher of bare `atelier`: recent sessions, a new session, the example.

use crate::app::Mode;
use crate::domain::session::SessionSummary;
use crate::overlays::editor::model::Editor;

/// A session the launcher lists: its file, and what the shell read of it (or why it could
/// not).
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: std::path::PathBuf,
    pub content: Result<SessionSummary, String>,
}

#[derive(Debug, Clone)]
pub enum LauncherItem {
    Session(Listed),
    New,
    Example,
    /// Every zone on one screen.
    Territory,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LauncherChoice {
    Open(std::path::PathBuf),
    New(String),
    Example,
    /// The territory's rows are to be read (files: the shell's business).
    Territory,
}

pub struct Launcher {
    pub items: Vec<LauncherItem>,
    pub selected: usize,
    pub editor: Option<Editor>,
    pub message: Option<String>,
    pub choice: Option<LauncherChoice>,
    pub quit: bool,
    /// The territory's table, open over the list.
    pub territory: Option<crate::screens::territory::model::Territory>,
}

impl Launcher {
    pub fn new(sessions: Vec<Listed>) -> Self {
        let mut items = vec![
            LauncherItem::New,
            LauncherItem::Example,
            LauncherItem::Territory,
        ];
        items.extend(sessions.into_iter().map(LauncherItem::Session));
        // Start on the most recent session when there is one.
        let selected = if items.len() > 3 { 3 } else { 0 };
        Launcher {
            items,
            selected,
            editor: None,
            message: None,
            choice: None,
            quit: false,
            territory: None,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.editor.is_some() {
            Mode::Edit
        } else if self.territory.is_some() {
            Mode::Territory
        } else {
            Mode::Launcher
        }
    }
}
