//! The text editor over a screen: typing, validating (with its checks), moving on.

use super::model::{self as edit, EditTarget, Editor};
use crate::app::key::{Key, KeyCode, KeyModifiers};
use crate::app::update::{apply_seen, current_workshop_number};
use crate::app::{Column, PosterCursor, State};
use crate::domain::Op;

pub(crate) fn open_editor(state: &mut State, target: EditTarget) {
    let text = edit::current_text(&state.session, current_workshop_number(state), target);
    state.editor = Some(Editor::new(target, &text));
}

pub(crate) fn edit_key(state: &mut State, key: Key) {
    if let Some(p) = state.picker.as_mut() {
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                p.filter.push(c);
                p.selected = 0;
            }
            KeyCode::Backspace => {
                p.filter.pop();
                p.selected = 0;
            }
            _ => {}
        }
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        // Enter never reaches the text area: cells are one paragraph.
        if key.code != KeyCode::Enter {
            e.textarea.input(key.to_input());
            e.error = None;
        }
    }
}

pub(crate) fn paste(state: &mut State, text: &str) {
    if let Some(p) = state.picker.as_mut() {
        p.filter.push_str(&edit::one_line(text));
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        e.textarea.insert_str(edit::one_line(text));
        e.error = None;
    }
    // A paste outside text entry is ignored: it must never trigger keys or steps.
}

/// Stores the editor's text. Returns false (and keeps the editor open) if refused.
pub(crate) fn commit_editor(state: &mut State) -> bool {
    let Some(editor) = state.editor.as_ref() else {
        return true;
    };
    let target = editor.target;
    let text = editor.text();
    let original = editor.original.clone();
    let wn = current_workshop_number(state);
    match edit::commit_op(&state.session, wn, target, &text) {
        Ok(op) => {
            state.editor = None;
            if let Some(op) = op {
                let seen = overwritten_while_editing(state, wn, target, &original);
                apply_seen(state, op, seen);
            }
            true
        }
        Err(reason) => {
            if let Some(e) = state.editor.as_mut() {
                e.error = Some(reason);
            }
            false
        }
    }
}

/// The editor was opened on `original`, but the cell now holds another process's text (it
/// arrived while typing): that text goes to the line's history, as a same-cell conflict on
/// save would put it, and the op that would set the cell back to `original` is returned, for
/// the save's merge to compare with what the file holds then.
fn overwritten_while_editing(
    state: &mut State,
    wn: u32,
    target: EditTarget,
    original: &str,
) -> Option<Op> {
    let EditTarget::Cell { line, .. } = target else {
        return None;
    };
    let current = edit::current_text(&state.session, wn, target);
    if current == original {
        return None;
    }
    let seen = edit::commit_op(&state.session, wn, target, original)
        .ok()
        .flatten()?;
    if let Op::SetLine { field, .. } = &seen
        && !current.is_empty()
    {
        let who = state.who.clone();
        state
            .session
            .keep_overwritten(line, field.cell(), current, who, state.now);
    }
    Some(seen)
}

/// Tab in the editor: store, then edit the next cell of the line (a whole line typed in one go).
pub(crate) fn edit_next(state: &mut State) {
    let Some(target) = state.editor.as_ref().map(|e| e.target) else {
        return;
    };
    if !commit_editor(state) {
        return;
    }
    if let EditTarget::Cell { line, column } = target {
        let next = Column::from_index(column.index() + 1);
        state.poster = PosterCursor::Line(line, next);
        if next != Column::Status {
            open_editor(state, EditTarget::Cell { line, column: next });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::PrepTab;
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn a_refused_value_keeps_the_editor_open_with_why() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Participants {
            press(&mut st, "<Tab>");
        }
        // A new participant; name, organisation, role: the e-mail is the fourth column.
        press(&mut st, "aLéa Martin<Enter><Right><Right><Right><Enter>");
        let last = st.session.participants.len() - 1;
        press(&mut st, "lea.martin<Enter>");
        let editor = st.editor.as_ref().expect("still open");
        assert!(editor.error.is_some());
        assert_eq!(st.session.participants[last].email, None);
        // Corrected, it is stored.
        press(&mut st, "@exemple.fr<Enter>");
        assert!(st.editor.is_none());
        assert_eq!(
            st.session.participants[last].email.as_deref(),
            Some("lea.martin@exemple.fr")
        );
    }
}
