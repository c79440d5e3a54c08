//! Engagements: who commits to which group, the pilot, the next steps and meeting.

use super::model::{Row, row_at, row_count};
use crate::app::update::apply;
use crate::app::{Action, State};
use crate::domain::{GroupField, Op, PilotKind, Role, ThemeId};
use crate::overlays::editor::update::open_editor;

pub(crate) fn commitments_action(state: &mut State, action: Action) {
    let n = state.group_themes().len();
    let people = state.session.participants.len();
    let rows = row_count(people);
    match action {
        Action::FocusNext if n > 0 => state.focus = (state.focus + 1) % n,
        Action::FocusPrev if n > 0 => state.focus = (state.focus + n - 1) % n,
        Action::FocusGroup(k) if (1..=n).contains(&(k as usize)) => state.focus = k as usize - 1,
        Action::Up => state.commit.row = state.commit.row.saturating_sub(1),
        Action::Down => state.commit.row = (state.commit.row + 1).min(rows - 1),
        Action::ToggleAnotherWorkshop => {
            if let Some(w) = state.workshop() {
                let next = match w.another_workshop {
                    None => Some(true),
                    Some(true) => Some(false),
                    Some(false) => None,
                };
                let op = Op::SetAnotherWorkshop {
                    workshop: w.number,
                    needed: next,
                };
                apply(state, op);
            }
        }
        Action::Activate => {
            let Some(theme) = state.focused_theme() else {
                return;
            };
            match row_at(people, state.commit.row) {
                Some(Row::Person(i)) => {
                    let Some(p) = state.session.participants.get(i) else {
                        return;
                    };
                    let enrolled = state
                        .session
                        .group(theme)
                        .is_some_and(|g| g.enrolled.contains(&p.id));
                    let op = Op::SetEnrolled {
                        theme,
                        participant: p.id,
                        enrolled: !enrolled,
                    };
                    apply(state, op);
                }
                Some(Row::PilotKind) => cycle_pilot_kind(state, theme),
                Some(row) => {
                    if let Some(target) = row.editor(theme) {
                        open_editor(state, target);
                    }
                }
                None => {}
            }
        }
        _ => {}
    }
}

/// The pilot's kind, in turn: la collectivité (named after the collectivité among the
/// participants), une entreprise, une association, nobody.
fn cycle_pilot_kind(state: &mut State, theme: ThemeId) {
    let pilot = state.session.group(theme).and_then(|g| g.pilot.clone());
    let set_aside = &mut state.commit.set_aside;
    let next = match pilot {
        // Back from « pas de pilote »: what was typed before, else the collectivité.
        None => Some(match set_aside.iter().position(|(t, _)| *t == theme) {
            Some(i) => {
                let (_, mut p) = set_aside.remove(i);
                p.kind = PilotKind::LocalAuthority;
                p
            }
            None => crate::domain::Pilot {
                kind: PilotKind::LocalAuthority,
                name: state
                    .session
                    .participants
                    .iter()
                    .find(|p| p.role == Role::LocalAuthority)
                    .map(|p| p.organisation.clone())
                    .unwrap_or_default(),
                contact: None,
            },
        }),
        // The name and contact stay whatever the kind.
        Some(mut p) => match p.kind {
            PilotKind::LocalAuthority => {
                p.kind = PilotKind::Company;
                Some(p)
            }
            PilotKind::Company => {
                p.kind = PilotKind::Association;
                Some(p)
            }
            PilotKind::Association => {
                set_aside.retain(|(t, _)| *t != theme);
                set_aside.push((theme, p));
                None
            }
        },
    };
    apply(
        state,
        Op::SetGroup {
            theme,
            field: GroupField::Pilot(next),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::super::model::{FIELDS, Row, index_of};
    use crate::app::testing::{press, state_at};
    use crate::domain::{Phase, PilotKind};
    use crate::overlays::editor::model::EditTarget;

    #[test]
    fn enter_on_a_person_enrols_them_and_again_does_not() {
        let mut st = state_at(Phase::Commitments);
        let theme = st.focused_theme().expect("a group");
        let first = st.session.participants[0].id;
        let was = st.session.group(theme).unwrap().enrolled.contains(&first);
        press(&mut st, "<Enter>");
        assert_eq!(
            st.session.group(theme).unwrap().enrolled.contains(&first),
            !was
        );
        press(&mut st, "<Enter>");
        assert_eq!(
            st.session.group(theme).unwrap().enrolled.contains(&first),
            was
        );
    }

    #[test]
    fn cycling_the_pilots_kind_keeps_the_name_and_contact_typed() {
        let mut st = state_at(Phase::Commitments);
        let theme = st.focused_theme().expect("a group");
        let people = st.session.participants.len();
        st.commit.row = index_of(people, Row::PilotName);
        // Typed by hand, over whatever was there: a company's name and a contact.
        for _ in 0..2 {
            press(&mut st, "<Enter>");
            let n = st.editor.as_ref().map_or(0, |e| e.text().chars().count());
            press(&mut st, &"<Bs>".repeat(n));
            let text = if st.commit.row == index_of(people, Row::PilotName) {
                "SAS Laiterie du Val"
            } else {
                "m.peron@laiterie.fr"
            };
            press(&mut st, text);
            press(&mut st, "<Enter><Down>");
        }
        let pilot = |st: &crate::app::State| st.session.group(theme).and_then(|g| g.pilot.clone());
        assert_eq!(
            pilot(&st).map(|p| p.name),
            Some("SAS Laiterie du Val".to_string())
        );
        st.commit.row = index_of(people, Row::PilotKind);
        // Round the kinds, through « pas de pilote », and back.
        let mut seen = Vec::new();
        for _ in 0..4 {
            press(&mut st, "<Enter>");
            seen.push(pilot(&st).map(|p| (p.kind, p.name, p.contact)));
        }
        assert!(seen.contains(&None), "{seen:?}");
        for (kind, name, contact) in seen.into_iter().flatten() {
            assert_eq!(name, "SAS Laiterie du Val", "{kind:?}");
            assert_eq!(contact.as_deref(), Some("m.peron@laiterie.fr"), "{kind:?}");
        }
    }

    #[test]
    fn tab_to_another_group_stays_on_the_same_row() {
        // Every group lists the same people then the same fields: the row under the cursor
        // is the same person or field in the next group.
        let mut st = state_at(Phase::Commitments);
        let people = st.session.participants.len();
        for row in [Row::Person(3), Row::PilotName, Row::NextMeeting] {
            st.commit.row = index_of(people, row);
            let focus = st.focus;
            press(&mut st, "<Tab>");
            assert_ne!(st.focus, focus);
            assert_eq!(
                super::super::model::row_at(people, st.commit.row),
                Some(row)
            );
            press(&mut st, "<BackTab>");
            assert_eq!(
                super::super::model::row_at(people, st.commit.row),
                Some(row)
            );
        }
    }

    #[test]
    fn the_field_rows_follow_the_participants_in_order() {
        let mut st = state_at(Phase::Commitments);
        let theme = st.focused_theme().expect("a group");
        let people = st.session.participants.len();
        // Down past everyone: the pilot's kind, then each typed field opens its editor.
        for _ in 0..people {
            press(&mut st, "<Down>");
        }
        assert_eq!(st.commit.row, index_of(people, Row::PilotKind));
        let before = st
            .session
            .group(theme)
            .unwrap()
            .pilot
            .as_ref()
            .map(|p| p.kind);
        press(&mut st, "<Enter>");
        let after = st
            .session
            .group(theme)
            .unwrap()
            .pilot
            .as_ref()
            .map(|p| p.kind);
        assert_ne!(before, after);
        for row in FIELDS.iter().skip(1) {
            press(&mut st, "<Down>");
            press(&mut st, "<Enter>");
            let editor = st.editor.as_ref().map(|e| e.target);
            assert_eq!(editor, row.editor(theme), "{row:?}");
            press(&mut st, "<Esc>");
        }
        // The cursor stops at the last row.
        press(&mut st, "<Down><Down>");
        assert_eq!(st.commit.row, index_of(people, Row::NextMeeting));
        assert_eq!(
            FIELDS.last().and_then(|r| r.editor(theme)),
            Some(EditTarget::NextMeeting(theme))
        );
        let _ = PilotKind::Company;
    }
}
