//! Regroupement: the cards gathered into candidate themes.

use super::*;

/// The card selected in Regroupement, put back on an existing card of its column.
pub(crate) fn group_selection(state: &State) -> Option<crate::domain::rencontre::CardId> {
    let m = state.rencontre.as_ref()?;
    let r = state.open_rencontre()?;
    let ids = group_column(r, m.group_column);
    match m.group_card {
        Some(c) if ids.contains(&c) => Some(c),
        _ => ids.first().copied(),
    }
}

pub(super) fn grouping(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let selected = group_selection(state);
    let Some(m) = state.rencontre.as_ref() else {
        return;
    };
    let col = m.group_column.min(r.themes.len());
    let ids = group_column(r, col);
    let pos = selected.and_then(|c| ids.iter().position(|x| *x == c));
    let card = selected.and_then(|c| r.card(c)).cloned();
    let theme = col.checked_sub(1).and_then(|i| r.themes.get(i)).cloned();
    let leads = r.synergy_leads(&state.session.participants);
    let lead = leads
        .get(m.lead.min(leads.len().saturating_sub(1)))
        .copied();
    let columns = r.themes.len() + 1;
    let next_candidate = r.next_candidate_id();
    let candidates: Vec<Candidate> = r.themes.clone();
    match action {
        Action::Left | Action::Right => {
            if let Some(m) = model(state) {
                m.group_column = next_column(col, columns, action == Action::Right);
                m.group_card = None;
            }
        }
        Action::Up | Action::Down => {
            if let Some(m) = model(state) {
                m.group_card = moved(&ids, pos, action == Action::Down);
            }
        }
        Action::FocusGroup(k) => {
            let Some(mut c) = card else { return };
            let to = match k {
                0 => None,
                k => match candidates.get(usize::from(k) - 1) {
                    Some(t) => Some(t.id),
                    None => {
                        flash(state, t!("rgroup.no_theme", n = k).into_owned(), true);
                        return;
                    }
                },
            };
            if c.theme == to {
                return;
            }
            c.theme = to;
            apply(
                state,
                Op::UpdateCard {
                    rencontre: n,
                    card: c,
                },
            );
            // The cursor stays in the column, on the next card: sorting is a run of digits.
            if let Some(m) = model(state) {
                let rest: Vec<_> = ids.iter().filter(|x| Some(**x) != selected).collect();
                m.group_card = pos.and_then(|i| rest.get(i).or(rest.last())).map(|x| **x);
            }
        }
        Action::NewCandidate => {
            let title = card
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_else(|| t!("rgroup.new_theme").into_owned());
            let mut ops = vec![Op::AddCandidate {
                rencontre: n,
                index: candidates.len(),
                candidate: Candidate {
                    id: next_candidate,
                    title,
                },
            }];
            if let Some(mut c) = card {
                c.theme = Some(next_candidate);
                ops.push(Op::UpdateCard {
                    rencontre: n,
                    card: c,
                });
            }
            if apply(state, Op::Batch(ops)) {
                // The cursor stays in the column, on the next card, as after a digit: the
                // cards to sort are one key away, and the new theme is its number.
                if let Some(m) = model(state) {
                    let rest: Vec<_> = ids.iter().filter(|x| Some(**x) != selected).collect();
                    m.group_card = pos.and_then(|i| rest.get(i).or(rest.last())).map(|x| **x);
                }
                let k = candidates.len() + 1;
                if k <= 9 {
                    flash(state, t!("rgroup.theme_made", n = k).into_owned(), false);
                }
                open_editor(state, EditTarget::CandidateTitle(n, next_candidate));
            }
        }
        Action::RenameCandidate => {
            if let Some(t) = theme {
                open_editor(state, EditTarget::CandidateTitle(n, t.id));
            }
        }
        Action::Activate => match (theme, card) {
            (_, Some(c)) => open_editor(state, EditTarget::CardText(n, c.id)),
            (Some(t), None) => open_editor(state, EditTarget::CandidateTitle(n, t.id)),
            _ => {}
        },
        Action::MergeCandidate => {
            let Some(t) = theme else { return };
            let options = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.id != t.id)
                .map(|(i, c)| (Some(c.id), format!("{} {}", i + 1, c.title)))
                .collect();
            state.picker = Some(Picker::new(PickTarget::MergeInto(t.id), options));
        }
        Action::DeleteCandidate => {
            if let Some(t) = theme
                && let Some(op) = state.session.remove_candidate_op(n, t.id)
            {
                apply(state, op);
                if let Some(m) = model(state) {
                    m.group_column = col.saturating_sub(1);
                }
            }
        }
        Action::NextLead | Action::PrevLead => {
            if let Some(m) = model(state) {
                let forward = action == Action::NextLead;
                m.lead = if leads.is_empty() {
                    0
                } else {
                    next_column(m.lead.min(leads.len() - 1), leads.len(), forward)
                };
            }
        }
        Action::AcceptLead | Action::DismissLead => {
            let Some(l) = lead else { return };
            let accepted = state
                .open_rencontre()
                .is_some_and(|r| r.accepted(l.offer, l.need));
            let mark = match (action == Action::AcceptLead, accepted) {
                (true, true) => None,
                (true, false) => Some(true),
                (false, _) => Some(false),
            };
            apply(
                state,
                Op::MarkSynergy {
                    rencontre: n,
                    offer: l.offer,
                    need: l.need,
                    mark,
                },
            );
        }
        _ => {}
    }
}
