//! `atelier rotation`: the planner's tables for the rounds to come, printed, and applied to the
//! session through the merge with `--apply`.

use std::path::Path;

use rust_i18n::t;

use super::out::say;

use super::CliError;
use crate::store::{self, StoreError};
use crate::text;

/// `atelier rotation`: plan the rounds, print the plan and its metrics, and write it with
/// `--apply`.
pub(super) fn rotation(
    path: &Path,
    rounds: Option<u8>,
    seed: u64,
    apply: bool,
) -> Result<(), CliError> {
    use crate::domain::rotation::{self, Instance, WishMiss};
    let resolved = store::resolve(path)?;
    let path = resolved.as_path();
    let session = store::load(path)?;
    let Some(w) = session.current_workshop() else {
        return Err(CliError::Usage(t!("rotation.no_workshop").into_owned()));
    };
    let n = rounds.unwrap_or(w.round_count);
    if !(1..=6).contains(&n) {
        return Err(CliError::Usage(t!("edit.bad_number", max = 6).into_owned()));
    }
    let inst = Instance::from_session(&session, w, usize::from(n)).present_at(w);
    if inst.groups.is_empty() {
        return Err(CliError::Usage(t!("groups.none").into_owned()));
    }
    // Rounds already started keep their tables: only the ones to come are planned.
    let kept = rotation::Kept::played(&inst, w);
    let plan = rotation::plan_room(&inst, seed, &kept, rotation::ROOM_SEARCHES);
    let m = rotation::metrics(&inst, &plan);
    let baseline = rotation::random_baseline_after(&inst, 20, &kept);
    if kept.rounds > 0 {
        say!("{}", crate::text::count(kept.rounds, "rotation.kept"));
    }
    let title = |g: usize| {
        inst.groups
            .get(g)
            .and_then(|gs| session.theme(gs.theme))
            .map(|t| format!("{} {}", g + 1, t.title))
            .unwrap_or_default()
    };
    let name = |p: usize| {
        inst.people
            .get(p)
            .and_then(|x| session.participant(x.id))
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let width = (0..inst.people.len())
        .map(|p| name(p).chars().count())
        .max()
        .unwrap_or(0);
    // Participant × round.
    let mut head = format!("{:width$}", "");
    for r in 1..=n {
        head.push_str(&format!(" │ {:<22}", t!("rotation.round", k = r)));
    }
    say!("{head}");
    for (p, person) in inst.people.iter().enumerate() {
        let mut line = format!("{:width$}", name(p));
        for &g in &plan.assign[p] {
            let mut cell = title(g);
            if person.fixed.is_some() {
                cell.push_str(" (R)");
            }
            let cell: String = cell.chars().take(22).collect();
            line.push_str(&format!(" │ {cell:<22}"));
        }
        say!("{line}");
    }
    // Per round, group → members.
    for r in 0..usize::from(n) {
        say!();
        say!("{}", t!("rotation.round", k = r + 1));
        for g in 0..inst.groups.len() {
            let members: Vec<String> = (0..inst.people.len())
                .filter(|&p| plan.assign[p].get(r) == Some(&g))
                .map(name)
                .collect();
            say!(
                "  {}",
                text::label(
                    &format!("{} ({})", title(g), members.len()),
                    &members.join(", ")
                )
            );
        }
    }
    say!();
    say!(
        "{}",
        text::rotation_metrics(&m, baseline, rotation::repeat_lower_bound(&inst))
    );
    for (p, g, why) in rotation::missed_wishes(&inst, &plan) {
        let reason = t!(match why {
            WishMiss::MoreWishesThanRounds => "rotation.miss.more_than_rounds",
            WishMiss::GroupFull => "rotation.miss.full",
            WishMiss::Rapporteur => "rotation.miss.rapporteur",
            WishMiss::Traded => "rotation.miss.traded",
        });
        say!(
            "  {}",
            t!(
                "rotation.missed",
                name = name(p),
                group = title(g),
                reason = reason
            )
        );
    }
    for v in &m.violations {
        let text = match v {
            rotation::Violation::RapporteurMoved { person, round } => t!(
                "rotation.broken.rapporteur_moved",
                name = name(*person),
                round = round + 1
            ),
            rotation::Violation::VisitedTwice { person, group } => t!(
                "rotation.broken.visited_twice",
                name = name(*person),
                group = title(*group)
            ),
            rotation::Violation::OverCapacity { round, group, size } => t!(
                "rotation.broken.over_capacity",
                group = title(*group),
                round = round + 1,
                size = size
            ),
        };
        say!("  ⚠ {text}");
    }
    if apply {
        let op = rotation::apply_op_after(&inst, &plan, w.number, n, kept.rounds);
        let text = crate::store::read_text(path).map_err(|e| StoreError::reading(path, e))?;
        let mut local = session.clone();
        let mut history = crate::domain::History::default();
        let inverse = history
            .apply(&mut local, op.clone())
            .map_err(|e| CliError::Usage(e.to_string()))?;
        let mut pending = Vec::new();
        // A file never opened yet keeps the id its calendar was named after (see
        // `store::stable_id`): given before the change alters its content.
        if local.id.is_empty() {
            let id = crate::domain::Op::SetId(store::stable_id(&session));
            let undo = history
                .apply(&mut local, id.clone())
                .map_err(|e| CliError::Usage(e.to_string()))?;
            pending.push(crate::domain::merge::Pending {
                op: id,
                inverse: undo,
            });
        }
        pending.push(crate::domain::merge::Pending { op, inverse });
        // Through the merge, so a facilitator or rapporteurs working on the file keep their edits.
        store::sync::Shared::new(text, None).sync(
            path,
            &mut local,
            &mut pending,
            "atelier rotation",
            crate::tui::now(),
        )?;
        say!("{}", t!("rotation.applied", path = path.display()));
    }
    Ok(())
}
