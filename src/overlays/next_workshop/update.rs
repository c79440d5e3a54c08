//! The dialog that starts the next workshop: which themes continue.

use rust_i18n::t;

use super::model::NextWorkshop;
use crate::app::update::{apply, flash};
use crate::app::{Action, PrepTab, State};
use crate::domain::ThemeId;

/// Offers the next workshop: every theme, the unfinished ones ticked.
pub(crate) fn open_next_workshop(state: &mut State) {
    let unfinished = state.session.unfinished_themes();
    state.next_workshop = Some(NextWorkshop {
        choices: state
            .session
            .themes
            .iter()
            .map(|t| (t.id, unfinished.contains(&t.id)))
            .collect(),
        row: 0,
    });
}

pub(crate) fn next_workshop_action(state: &mut State, action: Action) {
    let Some(d) = state.next_workshop.as_mut() else {
        return;
    };
    // Rows: the themes, then "start".
    let last = d.choices.len();
    match action {
        Action::Up => d.row = d.row.saturating_sub(1),
        Action::Down => d.row = (d.row + 1).min(last),
        Action::Back => state.next_workshop = None,
        Action::Activate => {
            if let Some(c) = d.choices.get_mut(d.row) {
                c.1 = !c.1;
                return;
            }
            let themes: Vec<ThemeId> = d.choices.iter().filter(|c| c.1).map(|c| c.0).collect();
            if themes.is_empty() {
                flash(state, t!("flash.no_theme_chosen").into_owned(), true);
                return;
            }
            state.next_workshop = None;
            let op = state.session.start_workshop_op(themes, None);
            if apply(state, op) {
                let n = state.workshop().map(|w| w.number).unwrap_or(0);
                state.prep.tab = PrepTab::Agenda;
                state.prep.row = 0;
                state.followup = None;
                state.sync_after_step();
                flash(
                    state,
                    t!("flash.workshop_started", n = n).into_owned(),
                    false,
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn n_offers_the_next_workshop_and_esc_declines() {
        let mut st = state_at(Phase::Closed);
        let workshops = st.session.workshops.len();
        press(&mut st, "N");
        assert!(st.next_workshop.is_some());
        press(&mut st, "<Esc>");
        assert!(st.next_workshop.is_none());
        assert_eq!(st.session.workshops.len(), workshops);
    }

    #[test]
    fn q_and_ctrl_c_close_the_next_workshop_dialog() {
        for key in ["q", "<C-c>"] {
            let mut st = state_at(Phase::Closed);
            let workshops = st.session.workshops.len();
            press(&mut st, "N");
            assert!(st.next_workshop.is_some());
            press(&mut st, key);
            assert!(st.next_workshop.is_none(), "{key}");
            assert_eq!(st.session.workshops.len(), workshops);
        }
    }
}
