//! The launcher of bare `atelier`: recent sessions, a new session, the example.

use crate::app::Mode;
use crate::overlays::editor::model::Editor;
use crate::store::SessionInfo;

#[derive(Debug, Clone)]
pub enum LauncherItem {
    Session(SessionInfo),
    New,
    Example,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LauncherChoice {
    Open(std::path::PathBuf),
    New(String),
    Example,
}

pub struct Launcher {
    pub items: Vec<LauncherItem>,
    pub selected: usize,
    pub editor: Option<Editor>,
    pub message: Option<String>,
    pub choice: Option<LauncherChoice>,
    pub quit: bool,
}

impl Launcher {
    pub fn new(sessions: Vec<SessionInfo>) -> Self {
        let mut items = vec![LauncherItem::New, LauncherItem::Example];
        items.extend(sessions.into_iter().map(LauncherItem::Session));
        // Start on the most recent session when there is one.
        let selected = if items.len() > 2 { 2 } else { 0 };
        Launcher {
            items,
            selected,
            editor: None,
            message: None,
            choice: None,
            quit: false,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.editor.is_some() {
            Mode::Edit
        } else {
            Mode::Launcher
        }
    }
}
