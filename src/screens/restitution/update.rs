//! Restitution: the notes pane beside the poster being presented.

use crate::app::{Action, State};
use crate::overlays::editor::model::EditTarget;
use crate::overlays::editor::update::open_editor;

pub(crate) fn notes_action(state: &mut State, action: Action) {
    match action {
        Action::Activate => {
            if let Some(t) = state.poster_theme() {
                open_editor(state, EditTarget::Notes(t));
            }
        }
        Action::FocusNext | Action::FocusPrev | Action::Back => state.notes_focus = false,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;
    use crate::overlays::editor::model::EditTarget;

    #[test]
    fn tab_gives_the_notes_the_keyboard_and_enter_edits_them() {
        let mut st = state_at(Phase::Restitution { group: 1 });
        let theme = st.poster_theme().expect("a group presented");
        press(&mut st, "<Tab>");
        assert!(st.notes_focus);
        press(&mut st, "<Enter>");
        assert_eq!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::Notes(theme))
        );
        press(&mut st, "Bonne dynamique<Enter>");
        assert!(
            st.session
                .group(theme)
                .unwrap()
                .notes
                .ends_with("Bonne dynamique")
        );
        press(&mut st, "<Tab>");
        assert!(!st.notes_focus);
    }
}
