//! Préparation: the zone, themes, participants, needs, agenda and tables, as tabs.

use rust_i18n::t;

use super::model::{
    AGENDA_ROWS, AgendaRow, PrepTab, ZONE_ROWS, ZoneRow, invitation_name, prep_shape,
};
use crate::app::update::{apply, flash};
use crate::app::{Action, State, TablesCursor};
use crate::domain::{Need, NeedKind, Op, Participant, Role, ThemeId, Vocation, cycle};
use crate::overlays::editor::model::{EditTarget, Editor};
use crate::overlays::editor::update::{open_editor, open_new};
use crate::overlays::picker::model::{PickTarget, Picker};
use crate::screens::rotation::update::tables_action;

pub(crate) fn open_rapporteur_picker(state: &mut State, theme: ThemeId) {
    let mut options = vec![(None, t!("words.nobody").into_owned())];
    options.extend(state.session.participants.iter().map(|p| {
        (
            Some(p.id),
            if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            },
        )
    }));
    let current = state.session.group(theme).and_then(|g| g.rapporteur);
    let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
    state.picker = Some(Picker {
        selected,
        ..Picker::new(PickTarget::Rapporteur(theme), options)
    });
}

pub(crate) fn prep_action(state: &mut State, action: Action) {
    if state.prep.tab == PrepTab::Tables && !matches!(action, Action::NextTab | Action::PrevTab) {
        return tables_action(state, action);
    }
    let (rows, cols) = prep_shape(state, state.prep.tab);
    match action {
        Action::NextTab | Action::PrevTab => {
            let all = PrepTab::ALL;
            let i = all.iter().position(|&t| t == state.prep.tab).unwrap_or(0);
            let j = if action == Action::NextTab {
                (i + 1) % all.len()
            } else {
                (i + all.len() - 1) % all.len()
            };
            state.prep.tab = all.get(j).copied().unwrap_or(PrepTab::Themes);
            state.prep.row = 0;
            state.prep.col = 0;
            if state.prep.tab == PrepTab::Tables {
                // Start on the people not seated yet (the last column): that is where seating
                // begins; Enter sends the selected person to group 1, `1`…`9` to a group.
                let free = crate::screens::rotation::model::table_columns(state, 1)
                    .len()
                    .saturating_sub(1);
                state.tables = TablesCursor {
                    round: 1,
                    column: free,
                    row: 0,
                    picked: None,
                };
            }
        }
        Action::Up => state.prep.row = state.prep.row.saturating_sub(1),
        Action::Down => state.prep.row = (state.prep.row + 1).min(rows.saturating_sub(1)),
        Action::Left => state.prep.col = state.prep.col.saturating_sub(1),
        Action::Right => state.prep.col = (state.prep.col + 1).min(cols.saturating_sub(1)),
        Action::Activate => prep_activate(state),
        Action::Add => prep_add(state),
        Action::Delete => prep_delete(state),
        Action::InviteAll if state.prep.tab == PrepTab::Invitations => invite(state, true),
        Action::NewSynergy => match state.session.needs.get(state.prep.row) {
            Some(n) if state.prep.tab == PrepTab::Needs => {
                let id = n.id;
                crate::screens::followup::synergies_update::from_need(state, id)
            }
            _ => flash(state, t!("synergy.flash.not_a_lead").into_owned(), false),
        },
        Action::MoveUp | Action::MoveDown if state.prep.tab == PrepTab::Themes => {
            if let Some(t) = state.session.themes.get(state.prep.row) {
                let id = t.id;
                let to = if action == Action::MoveUp {
                    state.prep.row.checked_sub(1)
                } else {
                    (state.prep.row + 1 < state.session.themes.len()).then_some(state.prep.row + 1)
                };
                if let Some(to) = to
                    && apply(state, Op::MoveTheme { theme: id, to })
                {
                    state.prep.row = to;
                }
            }
        }
        _ => {}
    }
}

fn prep_activate(state: &mut State) {
    let row = state.prep.row;
    let col = state.prep.col;
    let s = &state.session;
    match state.prep.tab {
        PrepTab::Zone => match ZONE_ROWS.get(row).copied() {
            Some(ZoneRow::Vocation) => {
                let mut z = s.zone.clone();
                z.vocation = cycle(&Vocation::ALL, &z.vocation, true).unwrap_or(Vocation::Mixed);
                apply(state, Op::SetZone(z));
            }
            Some(r) => {
                if let Some(target) = r.editor() {
                    open_editor(state, target);
                }
            }
            None => {}
        },
        PrepTab::Themes => {
            let Some(id) = s.themes.get(row).map(|t| t.id) else {
                return prep_add(state);
            };
            match col {
                0 => open_editor(state, EditTarget::ThemeTitle(id)),
                1 => open_editor(state, EditTarget::ThemeConstat(id)),
                2 => open_editor(state, EditTarget::ThemeExpert(id)),
                _ => open_rapporteur_picker(state, id),
            }
        }
        PrepTab::Participants => {
            let Some(p) = s.participants.get(row).cloned() else {
                return prep_add(state);
            };
            match col {
                0 => open_editor(state, EditTarget::ParticipantName(p.id)),
                1 => open_editor(state, EditTarget::ParticipantOrg(p.id)),
                2 => {
                    let role = cycle(&Role::ALL, &p.role, true).unwrap_or(Role::Company);
                    apply(state, Op::UpdateParticipant(Participant { role, ..p }));
                }
                3 => open_editor(state, EditTarget::ParticipantEmail(p.id)),
                _ => open_editor(state, EditTarget::Choices(p.id)),
            }
        }
        PrepTab::Needs => {
            let Some(n) = s.needs.get(row).cloned() else {
                return prep_add(state);
            };
            // Columns: its kind (besoin, offre, piste, synergie: in turn), its text, its theme.
            if col == 0 {
                let kind = cycle(&NeedKind::ALL, &n.kind, true).unwrap_or_default();
                apply(state, Op::UpdateNeed(Need { kind, ..n }));
            } else if col == 1 {
                open_editor(state, EditTarget::NeedText(n.id));
            } else {
                // Cycle: no theme → theme 1 → … → last theme → no theme.
                let ids: Vec<Option<ThemeId>> = std::iter::once(None)
                    .chain(s.themes.iter().map(|t| Some(t.id)))
                    .collect();
                let i = ids.iter().position(|&t| t == n.theme).unwrap_or(0);
                let theme = ids.get((i + 1) % ids.len()).copied().flatten();
                apply(state, Op::UpdateNeed(Need { theme, ..n }));
            }
        }
        PrepTab::Agenda => match AGENDA_ROWS.get(row) {
            Some(AgendaRow::Date) => open_editor(state, EditTarget::WorkshopDate),
            Some(AgendaRow::Start) => open_editor(state, EditTarget::AgendaStart),
            Some(AgendaRow::Rounds) => open_editor(state, EditTarget::RoundCount),
            Some(AgendaRow::Minutes(f)) => open_editor(state, EditTarget::Agenda(*f)),
            None => {}
        },
        PrepTab::Invitations => invite(state, false),
        PrepTab::Tables => {}
    }
}

/// Participants from the invitation list: the selected invitation's, or (`all`) every one
/// not made yet; one op, so that `u` takes them all back.
fn invite(state: &mut State, all: bool) {
    let s = &state.session;
    let sirets: Vec<&str> = if all {
        s.invitations.iter().map(|i| i.siret.as_str()).collect()
    } else {
        s.invitations
            .get(state.prep.row)
            .map(|i| vec![i.siret.as_str()])
            .unwrap_or_default()
    };
    if sirets.is_empty() {
        return;
    }
    match s.invite_op(&sirets, invitation_name) {
        Some(op) => {
            let n = match &op {
                Op::Batch(ops) => ops.len(),
                _ => 1,
            };
            if apply(state, op) {
                flash(
                    state,
                    crate::text::count(n, "import.inv.flash.created"),
                    false,
                );
            }
        }
        None if all => flash(state, t!("import.inv.flash.none").into_owned(), false),
        None => {
            let who = s
                .invitations
                .get(state.prep.row)
                .and_then(|i| i.participant)
                .and_then(|id| s.participant(id))
                .map(|p| crate::domain::with_aside(&p.name, &p.organisation))
                .unwrap_or_default();
            flash(
                state,
                t!("import.inv.flash.already", name = who).into_owned(),
                false,
            );
        }
    }
}

fn prep_add(state: &mut State) {
    let s = &state.session;
    match state.prep.tab {
        PrepTab::Themes => {
            let op = s.add_theme_op(t!("prep.theme.new").into_owned());
            let id = s.next_theme_id();
            if apply(state, op) {
                state.prep.row = state
                    .session
                    .themes
                    .iter()
                    .position(|t| t.id == id)
                    .unwrap_or(0);
                state.prep.col = 0;
                let dim =
                    ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::DIM);
                let mut editor = Editor::with_placeholder(
                    EditTarget::ThemeTitle(id),
                    &t!("prep.theme.new"),
                    dim,
                );
                editor.adding = true;
                state.editor = Some(editor);
            }
        }
        PrepTab::Participants => {
            let id = s.next_participant_id();
            let op = Op::AddParticipant {
                index: s.participants.len(),
                participant: Participant {
                    id,
                    name: String::new(),
                    organisation: String::new(),
                    role: Role::Company,
                    email: None,
                    choices: Vec::new(),
                },
            };
            if apply(state, op) {
                state.prep.row = state.session.participants.len().saturating_sub(1);
                state.prep.col = 0;
                open_new(state, EditTarget::ParticipantName(id));
            }
        }
        PrepTab::Needs => {
            let id = s.next_need_id();
            let op = Op::AddNeed {
                index: s.needs.len(),
                need: Need {
                    id,
                    text: String::new(),
                    theme: None,
                    kind: Default::default(),
                },
            };
            if apply(state, op) {
                state.prep.row = state.session.needs.len().saturating_sub(1);
                state.prep.col = 1;
                open_new(state, EditTarget::NeedText(id));
            }
        }
        _ => {}
    }
}

fn prep_delete(state: &mut State) {
    let s = &state.session;
    let row = state.prep.row;
    let op = match state.prep.tab {
        PrepTab::Themes => s.themes.get(row).map(|t| s.remove_theme_op(t.id)),
        PrepTab::Participants => s
            .participants
            .get(row)
            .map(|p| s.remove_participant_op(p.id)),
        PrepTab::Needs => s.needs.get(row).map(|n| Op::RemoveNeed(n.id)),
        _ => None,
    };
    if let Some(op) = op
        && apply(state, op)
    {
        let (rows, _) = prep_shape(state, state.prep.tab);
        state.prep.row = state.prep.row.min(rows.saturating_sub(1));
        flash(state, t!("flash.deleted").into_owned(), false);
    }
}

#[cfg(test)]
mod tests {
    use crate::app::PrepTab;
    use crate::app::testing::{press, state_at};
    use crate::domain::{Phase, Vocation};
    use crate::overlays::editor::model::{EditTarget, ZoneField};

    fn zone_tab() -> crate::app::State {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Zone {
            press(&mut st, "<Tab>");
        }
        st
    }

    #[test]
    fn the_zone_rows_open_their_fields_and_the_vocation_cycles() {
        let mut st = zone_tab();
        press(&mut st, "<Enter>");
        assert_eq!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::SessionTitle)
        );
        press(&mut st, "<Esc><Down><Enter>");
        assert_eq!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::Zone(ZoneField::Name))
        );
        press(&mut st, "<Esc><Down>");
        let before = st.session.zone.vocation;
        press(&mut st, "<Enter>");
        assert!(st.editor.is_none());
        assert_ne!(st.session.zone.vocation, before);
        let _ = Vocation::ALL;
    }

    /// The catalogue names each entry's kind, Enter on it changes the kind in turn, the
    /// text is the second column (a new entry opens on it), the theme the third.
    #[test]
    fn the_catalogue_has_a_kind_column_that_cycles() {
        use crate::domain::NeedKind;
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Needs {
            press(&mut st, "<Tab>");
        }
        let first = st.session.needs[0].clone();
        assert_eq!(first.kind, NeedKind::Need);
        press(&mut st, "<Enter>");
        assert!(st.editor.is_none());
        assert_eq!(st.session.needs[0].kind, NeedKind::Offer);
        press(&mut st, "<Enter><Enter><Enter>");
        assert_eq!(st.session.needs[0].kind, NeedKind::Need);
        press(&mut st, "<Right><Enter>");
        assert_eq!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::NeedText(first.id))
        );
        press(&mut st, "<Esc><Right><Enter>");
        assert_ne!(st.session.needs[0].theme, first.theme);
        assert_eq!(st.session.needs[0].kind, NeedKind::Need);
    }

    #[test]
    fn tab_goes_round_the_tabs() {
        let mut st = state_at(Phase::Preparation);
        let start = st.prep.tab;
        for _ in 0..PrepTab::ALL.len() {
            press(&mut st, "<Tab>");
        }
        assert_eq!(st.prep.tab, start);
        press(&mut st, "<BackTab>");
        assert_ne!(st.prep.tab, start);
    }

    #[test]
    fn the_tours_tab_starts_on_the_people_not_seated() {
        let mut st = state_at(Phase::Preparation);
        // Nobody seated in round 1 yet.
        let w = st.session.workshops[0].number;
        let themes: Vec<u32> = st
            .session
            .groups_in(&st.session.workshops[0])
            .iter()
            .map(|(t, _)| t.id)
            .collect();
        for theme in themes {
            let op = crate::domain::Op::SetTable {
                workshop: w,
                round: 1,
                theme,
                members: Vec::new(),
            };
            st.session.apply(op).expect("cleared");
        }
        while st.prep.tab != PrepTab::Tables {
            press(&mut st, "<Tab>");
        }
        let columns = crate::screens::rotation::model::table_columns(&st, 1);
        assert_eq!(st.tables.column, columns.len() - 1);
        let first = columns
            .last()
            .and_then(|c| c.1.first().copied())
            .expect("someone");
        // `1` seats the selected person at group 1 at once.
        press(&mut st, "1");
        let group1 = columns.first().and_then(|c| c.0).expect("group 1");
        assert!(st.session.workshops[0].members(1, group1).contains(&first));
    }

    /// Préparation › Invitations: Enter makes the selected establishment a participant
    /// (once), `c` every one left, and one `u` takes the lot back.
    #[test]
    fn enter_makes_one_participant_c_the_rest_and_u_takes_them_back() {
        use crate::app::keymap::Mode;
        use crate::domain::profile::Establishment;
        use crate::domain::{Invitation, Op, Role};
        let mut st = state_at(Phase::Preparation);
        let list = ["00079927398713", "00079927398710", "35600000000001"]
            .iter()
            .map(|siret| {
                Invitation::from_establishment(&Establishment {
                    siret: siret.to_string(),
                    name: format!("Établissement {siret}"),
                    naf: "25.62B".into(),
                    ..Default::default()
                })
            })
            .collect();
        st.session.apply(Op::MergeInvitations(list)).unwrap();
        while st.prep.tab != PrepTab::Invitations {
            press(&mut st, "<Tab>");
        }
        assert_eq!(st.mode(), Mode::Invitations);
        let n = st.session.participants.len();
        press(&mut st, "<Down><Enter>");
        assert_eq!(st.session.participants.len(), n + 1);
        let made = st.session.participants.last().unwrap().clone();
        assert_eq!(made.organisation, "Établissement 00079927398710");
        assert_eq!(made.role, Role::Company);
        assert!(st.session.invitations[1].invited(&st.session));
        // Not twice.
        press(&mut st, "<Enter>");
        assert_eq!(st.session.participants.len(), n + 1);
        assert!(st.flash.as_ref().is_some_and(|f| f.text.contains("Déjà")));
        press(&mut st, "c");
        assert_eq!(st.session.participants.len(), n + 3);
        press(&mut st, "c");
        assert_eq!(st.session.participants.len(), n + 3);
        press(&mut st, "u");
        assert_eq!(st.session.participants.len(), n + 1);
        assert!(!st.session.invitations[0].invited(&st.session));
        // Keys of the other tabs do nothing here.
        press(&mut st, "ad");
        assert_eq!(st.session.participants.len(), n + 1);
    }

    #[test]
    fn a_new_participant_opens_on_its_name() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Participants {
            press(&mut st, "<Tab>");
        }
        let n = st.session.participants.len();
        press(&mut st, "aLéa Martin<Enter>");
        assert_eq!(st.session.participants.len(), n + 1);
        assert_eq!(st.session.participants[n].name, "Léa Martin");
    }
}
