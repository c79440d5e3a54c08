//! Suivi: the follow-up of actions and groups over the months.

use rust_i18n::t;

use super::model as followup;
use crate::app::update::{apply, flash};
use crate::app::{Action, State};
use crate::domain::{Op, cycle};
use crate::overlays::editor::model::EditTarget;
use crate::overlays::editor::update::open_editor;
use crate::screens::poster::update::cycle_status;

pub(crate) fn followup_action(state: &mut State, action: Action) {
    use super::model::View;
    let today = state.now.date_naive();
    let Some(mut f) = state.followup.clone() else {
        return;
    };
    if f.view == View::Synergies {
        super::synergies_update::synergies_action(state, &mut f, action);
        if state.followup.is_some() {
            state.followup = Some(f);
        }
        return;
    }
    match action {
        Action::Back => {
            state.followup = None;
            return;
        }
        Action::NextTab | Action::PrevTab => {
            f.view = cycle(&View::ALL, &f.view, action == Action::NextTab).unwrap_or_default();
            f.row = 0;
        }
        Action::CycleSort => f.sort = f.sort.next(),
        Action::CyclePeriod if f.view == View::Bilan => {
            f.period = f.period.next(&state.session, today);
        }
        Action::CycleFilter => {
            f.filter =
                cycle(&followup::filters(&state.session), &f.filter, true).unwrap_or_default();
            f.row = 0;
        }
        Action::Up => f.row = f.row.saturating_sub(1),
        Action::Down => {
            let n = match f.view {
                View::Actions => followup::rows(&state.session, &f, today).len(),
                // The groups, then the annual plenary.
                View::Groups => state.session.themes.len() + 1,
                _ => 0,
            };
            f.row = (f.row + 1).min(n.saturating_sub(1));
        }
        Action::NewSynergy if f.view == View::Actions => {
            if let Some(line) = followup::selected_line(&state.session, &f, today) {
                super::synergies_update::from_line(state, line);
            }
        }
        Action::Activate | Action::CycleStatus if f.view == View::Actions => {
            if let Some(line) = followup::selected_line(&state.session, &f, today) {
                cycle_status(state, line);
            }
        }
        Action::Activate if f.view == View::Groups => {
            match state.session.themes.get(f.row).map(|t| t.id) {
                Some(theme) => open_editor(state, EditTarget::NextMeeting(theme)),
                None => open_editor(state, EditTarget::AnnualPlenary),
            }
        }
        Action::Add if f.view == View::Groups => {
            if let Some(theme) = state.session.themes.get(f.row).map(|t| t.id) {
                open_editor(state, EditTarget::NewMeeting(theme));
            }
        }
        Action::Delete if f.view == View::Groups => {
            if let Some(theme) = state.session.themes.get(f.row).map(|t| t.id) {
                let n = state
                    .session
                    .group(theme)
                    .map(|g| g.meetings.len())
                    .unwrap_or(0);
                if n > 0 {
                    apply(
                        state,
                        Op::DeleteMeeting {
                            theme,
                            index: n - 1,
                        },
                    );
                    flash(state, t!("flash.deleted").into_owned(), false);
                }
            }
        }
        _ => {}
    }
    // The list may have shrunk (a status changed under an "overdue" filter).
    if f.view == View::Actions {
        let n = followup::rows(&state.session, &f, today).len();
        f.row = f.row.min(n.saturating_sub(1));
    }
    if state.followup.is_some() {
        state.followup = Some(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;
    use crate::screens::followup::model::View;

    #[test]
    fn f_opens_suivi_tab_cycles_its_views_esc_closes() {
        let mut st = state_at(Phase::Closed);
        press(&mut st, "f");
        assert_eq!(st.followup.as_ref().map(|f| f.view), Some(View::Actions));
        press(&mut st, "<Tab>");
        assert_eq!(st.followup.as_ref().map(|f| f.view), Some(View::Synergies));
        press(&mut st, "<Tab>");
        assert_eq!(st.followup.as_ref().map(|f| f.view), Some(View::Groups));
        press(&mut st, "<BackTab><BackTab><BackTab>");
        assert_eq!(
            st.followup.as_ref().map(|f| f.view),
            View::ALL.last().copied()
        );
        press(&mut st, "<Esc>");
        assert!(st.followup.is_none());
    }
}
