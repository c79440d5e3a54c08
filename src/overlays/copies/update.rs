//! Enter merges the copies, Esc leaves them for later (they are offered at the next opening).

use rust_i18n::t;

use super::model::Copies;
use crate::app::update::flash;
use crate::app::{Action, State};

pub(crate) fn found(state: &mut State, paths: Vec<std::path::PathBuf>) {
    if paths.is_empty() || state.read_only {
        return;
    }
    state.copies = Some(Copies {
        paths,
        merge: false,
    });
}

pub(crate) fn copies_action(state: &mut State, action: Action) {
    let Some(c) = state.copies.as_mut() else {
        return;
    };
    match action {
        Action::Activate => c.merge = true,
        Action::Back => {
            state.copies = None;
            flash(state, t!("copies.later").into_owned(), false);
        }
        _ => {}
    }
}

/// The shell's answer: how many copies went in, how many texts went to the lines' history,
/// and the copies that could not be read.
pub(crate) fn merged(state: &mut State, merged: usize, kept: usize, failed: Vec<String>) {
    state.copies = None;
    if let Some(first) = failed.first() {
        flash(state, t!("copies.failed", error = first).into_owned(), true);
        return;
    }
    let done = crate::text::count(merged, "copies.merged");
    let message = if kept > 0 {
        format!("{done} {}", crate::text::count(kept, "copies.kept"))
    } else {
        done
    };
    flash(state, message, false);
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::app::testing::{press, state_at};
    use crate::app::{Action, update::update};
    use crate::domain::Phase;

    fn with_copies() -> crate::app::State {
        let mut st = state_at(Phase::Preparation);
        update(
            &mut st,
            Action::CopiesFound(vec![PathBuf::from(
                "exemple-za.sync-conflict-20261207-101500-ABCDEFG.ron",
            )]),
        );
        st
    }

    #[test]
    fn enter_asks_the_shell_to_merge_and_its_answer_closes_the_dialog() {
        let mut st = with_copies();
        assert!(st.copies.is_some());
        // PgDn does not move the workshop under the dialog.
        let phase = st.session.workshops.first().map(|w| w.phase);
        press(&mut st, "<PgDn>");
        assert_eq!(st.session.workshops.first().map(|w| w.phase), phase);
        press(&mut st, "<Enter>");
        assert!(st.copies.as_ref().is_some_and(|c| c.merge));
        update(
            &mut st,
            Action::CopiesMerged {
                merged: 1,
                kept: 2,
                failed: Vec::new(),
            },
        );
        assert!(st.copies.is_none());
        let message = st
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        assert!(message.contains("1 copie fusionnée"), "{message}");
        assert!(message.contains("2 textes"), "{message}");
    }

    #[test]
    fn esc_q_and_ctrl_c_leave_the_copies_for_later() {
        for key in ["<Esc>", "q", "<C-c>"] {
            let mut st = with_copies();
            press(&mut st, key);
            assert!(st.copies.is_none(), "{key}");
        }
    }

    #[test]
    fn a_read_only_session_offers_nothing() {
        let mut st = state_at(Phase::Preparation);
        update(&mut st, Action::SetReadOnly);
        update(
            &mut st,
            Action::CopiesFound(vec![PathBuf::from("x.sync-conflict-1.ron")]),
        );
        assert!(st.copies.is_none());
    }
}
