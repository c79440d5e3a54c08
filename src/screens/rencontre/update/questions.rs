//! Questions et suites: the synergy leads and the questions, and what follows them.

use super::*;

pub(super) fn questions(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let rows = question_rows(r);
    let Some(m) = model(state) else { return };
    let row = m.row.min(rows.len().saturating_sub(1));
    match action {
        Action::Up => m.row = row.saturating_sub(1),
        Action::Down => m.row = (row + 1).min(rows.len().saturating_sub(1)),
        Action::Activate => {
            let Some(id) = rows.get(row).copied() else {
                return;
            };
            let kind = state
                .open_rencontre()
                .and_then(|r| r.card(id))
                .map(|c| c.kind);
            let target = match kind {
                Some(CardKind::OutOfScope) => EditTarget::OutsideOwner(n, id),
                _ => EditTarget::CardAnswer(n, id),
            };
            open_editor(state, target);
        }
        _ => {}
    }
}
