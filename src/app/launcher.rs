//! The launcher of bare `atelier`: recent sessions, a new session, the example.

use super::{Action, Editor, edit::EditTarget};
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

    pub fn mode(&self) -> super::Mode {
        if self.editor.is_some() {
            super::Mode::Edit
        } else {
            super::Mode::Launcher
        }
    }
}

pub fn update_launcher(l: &mut Launcher, action: Action) {
    if let Some(editor) = l.editor.as_mut() {
        match action {
            Action::EditKey(key) if key.code != crossterm::event::KeyCode::Enter => {
                editor.textarea.input(key);
            }
            Action::Paste(text) => {
                editor.textarea.insert_str(super::edit::one_line(&text));
            }
            Action::EditCommit | Action::EditNext => {
                let title = editor.text().trim().to_string();
                l.editor = None;
                if !title.is_empty() {
                    l.choice = Some(LauncherChoice::New(title));
                }
            }
            _ => {}
        }
        return;
    }
    match action {
        Action::Up => l.selected = l.selected.saturating_sub(1),
        Action::Down => l.selected = (l.selected + 1).min(l.items.len().saturating_sub(1)),
        Action::Quit => l.quit = true,
        Action::Activate => match l.items.get(l.selected) {
            Some(LauncherItem::New) => {
                l.editor = Some(Editor::new(EditTarget::NewSessionTitle, ""))
            }
            Some(LauncherItem::Example) => l.choice = Some(LauncherChoice::Example),
            Some(LauncherItem::Session(info)) => {
                if info.content.is_ok() {
                    l.choice = Some(LauncherChoice::Open(info.path.clone()));
                } else if let Err(e) = &info.content {
                    l.message = Some(e.clone());
                }
            }
            None => {}
        },
        _ => {}
    }
}
