//! Diagnostic: the zone's profile and stakes, edited in place.

use super::*;

pub(super) fn diagnostic(state: &mut State, action: Action) {
    let n = state.session.zone.stakes.len();
    let Some(m) = model(state) else { return };
    match action {
        Action::Up => m.stake = m.stake.saturating_sub(1),
        Action::Down => m.stake = (m.stake + 1).min(n.saturating_sub(1)),
        Action::Add => open_editor(state, EditTarget::NewStake),
        Action::Activate if n > 0 => {
            let i = m.stake.min(n - 1);
            open_editor(state, EditTarget::Stake(i));
        }
        Action::Delete if n > 0 => {
            let i = m.stake.min(n - 1);
            let mut zone: Zone = state.session.zone.clone();
            zone.stakes.remove(i);
            apply(state, Op::SetZone(zone));
            if let Some(m) = model(state) {
                m.stake = m.stake.min(n.saturating_sub(2));
            }
        }
        Action::PickSteering => {
            if no_participants(state) {
                return;
            }
            let steering = state.session.zone.steering.clone();
            let options = state
                .session
                .participants
                .iter()
                .map(|p| {
                    let mark = if steering.contains(&p.id) {
                        "✓ "
                    } else {
                        "  "
                    };
                    (Some(p.id), format!("{mark}{}", person_label(p)))
                })
                .collect();
            state.picker = Some(Picker::new(PickTarget::Steering, options));
        }
        Action::Configure => open_editor(
            state,
            EditTarget::StepMinutes(number(state), StepKind::Diagnostic),
        ),
        Action::SetDate => open_editor(state, EditTarget::RencontreDate(number(state))),
        _ => {}
    }
}
