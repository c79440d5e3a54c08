//! Choosing from a list (a rapporteur, an earlier version of a cell).

use super::model::PickTarget;
use crate::app::update::apply;
use crate::app::{Action, State};
use crate::domain::{GroupField, Op};

pub(crate) fn picker_action(state: &mut State, action: Action) {
    let Some(p) = state.picker.as_mut() else {
        return;
    };
    let n = p.visible().len();
    match action {
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::Down => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
        Action::Back => state.picker = None,
        Action::Activate => {
            let choice = p.visible().get(p.selected).map(|(v, _)| *v);
            let target = p.target;
            state.picker = None;
            if let Some(value) = choice {
                match target {
                    PickTarget::History(line) => {
                        let entry = state
                            .session
                            .line(line)
                            .and_then(|l| value.and_then(|i| l.history.get(i as usize)))
                            .cloned();
                        if let Some(e) = entry {
                            apply(
                                state,
                                Op::SetLine {
                                    line,
                                    field: e.field.field(&e.text),
                                },
                            );
                        }
                    }
                    PickTarget::CardAuthor(_)
                    | PickTarget::NewCardAuthor
                    | PickTarget::CardKind(_)
                    | PickTarget::CardFlow(_) => {
                        crate::screens::rencontre::update::picked(state, target, value)
                    }
                    PickTarget::Steering => {
                        if let Some(id) = value {
                            let mut zone = state.session.zone.clone();
                            match zone.steering.iter().position(|p| *p == id) {
                                Some(i) => {
                                    zone.steering.remove(i);
                                }
                                None => zone.steering.push(id),
                            }
                            apply(state, Op::SetZone(zone));
                        }
                    }
                    PickTarget::MergeInto(from) => {
                        let n = state.rencontre.as_ref().map(|m| m.number).unwrap_or(0);
                        if let Some(into) = value
                            && let Some(op) = state.session.merge_candidates_op(n, from, into)
                        {
                            apply(state, op);
                        }
                    }
                    PickTarget::Rapporteur(theme) => {
                        apply(
                            state,
                            Op::SetGroup {
                                theme,
                                field: GroupField::Rapporteur(value),
                            },
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::app::PrepTab;
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn typing_filters_and_enter_picks_the_rapporteur() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Themes {
            press(&mut st, "<Tab>");
        }
        let theme = st.session.themes[0].id;
        press(&mut st, "<Right><Right><Right><Enter>");
        assert!(st.picker.is_some());
        press(&mut st, "karim<Enter>");
        assert!(st.picker.is_none());
        let rap = st.session.group(theme).and_then(|g| g.rapporteur);
        let karim = st
            .session
            .participants
            .iter()
            .find(|p| p.name.starts_with("Karim"))
            .map(|p| p.id);
        assert_eq!(rap, karim);
    }
}
