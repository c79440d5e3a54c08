//! Rotation, and the Tours tab of Préparation: who sits at which table, round by round.

use rust_i18n::t;

use super::model::table_columns;
use crate::app::update::{apply, flash};
use crate::app::{Action, State};
use crate::domain::{Op, ThemeId};
use crate::screens::preparation::update::prep_action;

fn move_person(state: &mut State, person: u32, round: u8, to: Option<ThemeId>) {
    let Some(w) = state.workshop() else { return };
    let wn = w.number;
    let mut ops = Vec::new();
    for (t, _) in state.session.groups_in(w) {
        let members = w.members(round, t.id);
        if members.contains(&person) && Some(t.id) != to {
            ops.push(Op::SetTable {
                workshop: wn,
                round,
                theme: t.id,
                members: members.iter().copied().filter(|&m| m != person).collect(),
            });
        }
    }
    if let Some(theme) = to {
        let mut members = w.members(round, theme).to_vec();
        if !members.contains(&person) {
            members.push(person);
            ops.push(Op::SetTable {
                workshop: wn,
                round,
                theme,
                members,
            });
        }
        // Nobody visits the same group twice: say so, but let the facilitator decide.
        let visited = (1..round).any(|r| w.members(r, theme).contains(&person));
        if visited {
            let name = person_name(state, person);
            flash(
                state,
                t!("flash.already_visited", name = name).into_owned(),
                true,
            );
        }
    }
    if !ops.is_empty() {
        apply(state, Op::Batch(ops));
    }
}

fn person_name(state: &State, id: u32) -> String {
    state
        .session
        .participant(id)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// Swaps two people's places in a round (either may be unseated): one undo step.
fn swap_people(state: &mut State, a: u32, b: u32, round: u8) {
    let Some(w) = state.workshop() else { return };
    let wn = w.number;
    let groups: Vec<ThemeId> = state
        .session
        .groups_in(w)
        .iter()
        .map(|(t, _)| t.id)
        .collect();
    let table_of = |p: u32| {
        groups
            .iter()
            .copied()
            .find(|&t| w.members(round, t).contains(&p))
    };
    let (ta, tb) = (table_of(a), table_of(b));
    if ta == tb {
        return;
    }
    let mut ops = Vec::new();
    for (from, leaving, coming) in [(ta, a, b), (tb, b, a)] {
        if let Some(theme) = from {
            // The newcomer takes the leaver's place in the list.
            let members = w
                .members(round, theme)
                .iter()
                .map(|&m| if m == leaving { coming } else { m })
                .collect();
            ops.push(Op::SetTable {
                workshop: wn,
                round,
                theme,
                members,
            });
        }
    }
    let mut warned = Vec::new();
    for (person, to) in [(a, tb), (b, ta)] {
        if let Some(theme) = to
            && (1..round).any(|r| w.members(r, theme).contains(&person))
            && let Some(p) = state.session.participant(person)
        {
            warned.push(p.name.clone());
        }
    }
    apply(state, Op::Batch(ops));
    if !warned.is_empty() {
        flash(
            state,
            t!("flash.already_visited", name = warned.join(", ")).into_owned(),
            true,
        );
    }
}

pub(crate) fn tables_action(state: &mut State, action: Action) {
    let round = state.tables.round;
    let cols = table_columns(state, round);
    let ncols = cols.len();
    let c = &mut state.tables;
    c.column = c.column.min(ncols.saturating_sub(1));
    let len = cols.get(c.column).map(|(_, m)| m.len()).unwrap_or(0);
    match action {
        Action::Left => c.column = c.column.saturating_sub(1),
        Action::Right => c.column = (c.column + 1).min(ncols.saturating_sub(1)),
        Action::Up => c.row = c.row.saturating_sub(1),
        Action::Down => c.row = (c.row + 1).min(len.saturating_sub(1)),
        Action::Activate | Action::FocusGroup(_) => {
            let person = cols.get(c.column).and_then(|(_, m)| m.get(c.row)).copied();
            let Some(person) = person else { return };
            let to = match action {
                Action::FocusGroup(0) => None,
                Action::FocusGroup(k) => match cols.get(k as usize - 1) {
                    Some((Some(t), _)) => Some(*t),
                    _ => return,
                },
                // Enter sends the person one table to the right (the last column is "not
                // seated"): repeated Enter walks them round the room.
                _ => cols
                    .get((c.column + 1) % ncols.max(1))
                    .and_then(|(t, _)| *t),
            };
            move_person(state, person, round, to);
            let len = table_columns(state, round)
                .get(state.tables.column)
                .map(|(_, m)| m.len())
                .unwrap_or(0);
            state.tables.row = state.tables.row.min(len.saturating_sub(1));
        }
        Action::Swap => {
            let person = cols.get(c.column).and_then(|(_, m)| m.get(c.row)).copied();
            let Some(person) = person else { return };
            match c.picked.take() {
                None => {
                    c.picked = Some(person);
                    let name = person_name(state, person);
                    flash(
                        state,
                        t!("flash.swap_picked", name = name).into_owned(),
                        false,
                    );
                }
                // The same person again: put down.
                Some(p) if p == person => {}
                Some(p) => swap_people(state, p, person, round),
            }
        }
        Action::Back if c.picked.is_some() => c.picked = None,
        Action::RoundPrev => {
            c.picked = None;
            c.round = c.round.saturating_sub(1).max(1);
            c.row = 0;
        }
        Action::RoundNext => {
            let max = state.workshop().map(|w| w.round_count).unwrap_or(1);
            let c = &mut state.tables;
            c.picked = None;
            c.round = (c.round + 1).min(max);
            c.row = 0;
        }
        Action::NextTab | Action::PrevTab => prep_action(state, action),
        _ => {}
    }
}

/// Plans every round's tables from the wishes, applies the plan (one undo step) and says how
/// good it is. Each press tries another seed.
pub(crate) fn propose_rotation(state: &mut State) {
    use crate::domain::rotation;
    let Some(w) = state.workshop() else { return };
    let inst = rotation::Instance::from_session(&state.session, w, usize::from(w.round_count))
        .present_at(w);
    if inst.groups.is_empty() {
        flash(state, t!("groups.none").into_owned(), true);
        return;
    }
    let (number, rounds) = (w.number, w.round_count);
    // Rounds already started keep their tables: only the ones to come are planned.
    let kept = rotation::Kept::played(&inst, w);
    if kept.rounds >= inst.rounds {
        flash(state, t!("rotation.all_played").into_owned(), true);
        return;
    }
    // Seats placed in the rounds to come, other than by the last proposal, are someone's
    // work: a first `R` says so, a second within 10 s replaces them (and `u` undoes).
    let to_come = |state: &State| -> Vec<crate::domain::workshop::Round> {
        state
            .workshop()
            .map(|w| {
                w.rounds
                    .iter()
                    .filter(|r| {
                        usize::from(r.number) > kept.rounds
                            && r.tables.iter().any(|t| !t.members.is_empty())
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let seats = to_come(state);
    let by_hand = !seats.is_empty() && state.planner.written.as_ref() != Some(&seats);
    let confirmed = state.planner.confirm_until.is_some_and(|t| state.now <= t);
    if by_hand && !confirmed {
        state.planner.confirm_until = Some(state.now + chrono::Duration::seconds(10));
        flash(state, t!("rotation.confirm_replace").into_owned(), true);
        return;
    }
    state.planner.confirm_until = None;
    state.planner.seed = state.planner.seed.wrapping_add(1);
    let plan = rotation::plan_room(&inst, state.planner.seed, &kept, rotation::ROOM_SEARCHES);
    let m = rotation::metrics(&inst, &plan);
    let baseline = rotation::random_baseline_after(&inst, 20, &kept);
    let op = rotation::apply_op_after(&inst, &plan, number, rounds, kept.rounds);
    if apply(state, op) {
        state.planner.written = Some(to_come(state));
        let bound = rotation::repeat_lower_bound(&inst);
        let mut line = crate::text::rotation_metrics(&m, baseline, bound);
        if kept.rounds > 0 {
            line = format!(
                "{line} · {}",
                crate::text::count(kept.rounds, "rotation.kept")
            );
        }
        flash(
            state,
            t!("rotation.propose_done", metrics = line).into_owned(),
            false,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn enter_sends_a_person_to_the_next_table_and_u_brings_them_back() {
        let mut st = state_at(Phase::Rotation { to_round: 2 });
        let round = st.tables.round;
        let columns = super::table_columns(&st, round);
        let (Some(from), Some(person)) = (
            columns.first().and_then(|c| c.0),
            columns.first().and_then(|c| c.1.first().copied()),
        ) else {
            panic!("a first table with someone at it: {columns:?}");
        };
        // Enter sends the person under the cursor one table to the right.
        press(&mut st, "<Enter>");
        let w = st.workshop().expect("workshop");
        assert!(!w.members(round, from).contains(&person));
        let to = columns.get(1).and_then(|c| c.0).expect("a second table");
        assert!(w.members(round, to).contains(&person));
        press(&mut st, "u");
        let w = st.workshop().expect("workshop");
        assert!(w.members(round, from).contains(&person));
    }

    #[test]
    fn the_rapporteur_of_a_theme_not_continued_can_be_seated_by_hand() {
        let mut st = state_at(Phase::Closed);
        // Workshop 2 continues themes 1 and 2 only.
        let op = st.session.start_workshop_op(vec![1, 2], None);
        st.session.apply(op).expect("workshop 2");
        let dropped = st
            .session
            .group(4)
            .and_then(|g| g.rapporteur)
            .expect("a rapporteur");
        let columns = super::table_columns(&st, 1);
        let free = &columns.last().expect("the not-seated column").1;
        assert!(free.contains(&dropped), "{columns:?}");
    }

    #[test]
    fn r_asks_before_replacing_seats_placed_by_hand_then_proposes_again_freely() {
        // Round 1 under way; rounds 2 and 3 already seated (by hand, in the file).
        let mut st = state_at(Phase::Groups { round: 1 });
        let tables = |st: &crate::app::State| st.session.workshops[0].rounds.clone();
        let by_hand = tables(&st);
        press(&mut st, "R");
        assert_eq!(tables(&st), by_hand, "replaced without a word");
        assert!(st.flash.as_ref().is_some_and(|f| f.warning));
        // A second R replaces them; u gives them back.
        press(&mut st, "R");
        let proposed = tables(&st);
        assert_ne!(proposed, by_hand);
        press(&mut st, "u");
        assert_eq!(tables(&st), by_hand);
        // Proposals follow one another without asking once the seats are the planner's.
        press(&mut st, "RR");
        let first = tables(&st);
        assert_ne!(first, by_hand);
        press(&mut st, "R");
        assert!(
            !st.flash.as_ref().is_some_and(|f| f.warning),
            "{:?}",
            st.flash
        );
    }
}
