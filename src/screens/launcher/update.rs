//! The launcher: keys in, choice out.

use super::model::{Launcher, LauncherChoice, LauncherItem};
use crate::app::Action;
use crate::app::key::KeyCode;
use crate::overlays::editor::model::{EditTarget, Editor, one_line};

pub fn update_launcher(l: &mut Launcher, action: Action) {
    if let Some(editor) = l.editor.as_mut() {
        match action {
            Action::EditKey(key) if key.code != KeyCode::Enter => {
                editor.textarea.input(key.to_input());
            }
            Action::Paste(text) => {
                editor
                    .textarea
                    .insert_str(one_line(&crate::domain::clean::stored(&text)));
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
    if let Some(t) = l.territory.as_mut() {
        use crate::screens::territory::update::{Outcome, territory_action};
        match territory_action(t, action) {
            Outcome::Stay => {}
            Outcome::Open(path) => l.choice = Some(LauncherChoice::Open(path)),
            Outcome::Back => l.territory = None,
            Outcome::Quit => l.quit = true,
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
            Some(LauncherItem::Territory) => l.choice = Some(LauncherChoice::Territory),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::action_for;
    use crate::app::testing::keys;

    fn press(l: &mut Launcher, script: &str) {
        for key in keys(script) {
            if let Some(a) = action_for(l.mode(), key) {
                update_launcher(l, a);
            }
        }
    }

    #[test]
    fn a_new_session_is_named_then_chosen() {
        let mut l = Launcher::new(Vec::new());
        press(&mut l, "<Enter>");
        assert!(l.editor.is_some());
        press(&mut l, "Éco-parc du Moulin<Enter>");
        assert_eq!(
            l.choice,
            Some(LauncherChoice::New("Éco-parc du Moulin".into()))
        );
    }

    #[test]
    fn down_enter_opens_the_example_and_q_quits() {
        let mut l = Launcher::new(Vec::new());
        press(&mut l, "<Down><Enter>");
        assert_eq!(l.choice, Some(LauncherChoice::Example));
        let mut l = Launcher::new(Vec::new());
        press(&mut l, "<Down><Down><Enter>");
        assert_eq!(l.choice, Some(LauncherChoice::Territory));
        let mut l = Launcher::new(Vec::new());
        press(&mut l, "q");
        assert!(l.quit);
    }
}
