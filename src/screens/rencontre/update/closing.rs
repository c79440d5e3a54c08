//! Clôture: the themes retained and the hand-off to workshop 1.

use super::*;

pub(super) fn closing(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let ranking = r.ranking();
    let retained = r.retained();
    let Some(m) = model(state) else { return };
    let row = m.row.min(ranking.len().saturating_sub(1));
    match action {
        Action::Up => m.row = row.saturating_sub(1),
        Action::Down => m.row = (row + 1).min(ranking.len().saturating_sub(1)),
        Action::Activate => {
            let Some(t) = ranking.get(row).map(|x| x.theme) else {
                return;
            };
            let mut chosen = retained;
            if let Some(i) = chosen.iter().position(|x| *x == t) {
                chosen.remove(i);
            } else {
                chosen.push(t);
            }
            apply(
                state,
                Op::SetRencontre {
                    rencontre: n,
                    field: RencontreField::Retained(Some(chosen)),
                },
            );
        }
        Action::StartWorkshop => start_workshop(state, n),
        Action::AddRencontre => match state.session.add_rencontre_op() {
            Some(op) => {
                if apply(state, op)
                    && let Some(r) = state.session.current_rencontre()
                {
                    state.rencontre = Some(Model::new(r.number));
                }
            }
            None => flash(state, t!("rclose.two_already").into_owned(), true),
        },
        _ => {}
    }
}

/// Clôture → workshop 1: the retained themes, needs and wishes go in; the workshop's
/// Préparation opens.
pub(super) fn start_workshop(state: &mut State, n: u32) {
    let Some(r) = state.open_rencontre() else {
        return;
    };
    if r.handed_off {
        flash(state, t!("rclose.already_handed").into_owned(), true);
        return;
    }
    let count = r.retained().len();
    if count == 0 {
        flash(state, t!("rclose.none_retained").into_owned(), true);
        return;
    }
    let labels = [
        t!("rclose.constat_needs").into_owned(),
        t!("rclose.constat_offers").into_owned(),
        t!("rclose.constat_leads").into_owned(),
        t!("rclose.synergy").into_owned(),
    ];
    let op = match state
        .session
        .handoff_op(n, [&labels[0], &labels[1], &labels[2], &labels[3]])
    {
        Ok(op) => op,
        Err(e) => {
            flash(state, e.to_string(), true);
            return;
        }
    };
    let wishes = match &op {
        Op::Batch(ops) => ops
            .iter()
            .filter(|o| matches!(o, Op::UpdateParticipant(_)))
            .count(),
        _ => 0,
    };
    if apply(state, op) {
        state.rencontre = None;
        state.sync_after_step();
        flash(
            state,
            t!("rclose.handed", themes = count, wishes = wishes).into_owned(),
            false,
        );
    }
}
