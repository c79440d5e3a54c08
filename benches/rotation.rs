//! The rotation planner: quality over a generated set of instances (printed as the README's
//! table), then its speed (divan).
//!
//! Run: `cargo bench --bench rotation`.

#[path = "../tests/common/rotation_suite.rs"]
mod suite;

use atelier::domain::rotation::{Instance, metrics, plan, random_baseline};
use suite::{SUITE, instance, rapporteurs_only, suite_instance, twenty_with_wishes};

fn quality_table() {
    println!(
        "| participants | groups | rounds | wishes honoured / possible | max size gap | repeats (planner / random median) | fewest possible (bound) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut sum_ratio = 0.0;
    let mut n = 0;
    for (people, groups, rounds) in SUITE {
        let inst = suite_instance(people, groups, rounds);
        let m = metrics(&inst, &plan(&inst, 1));
        assert!(m.violations.is_empty());
        let base = random_baseline(&inst, 20);
        // Without table sizes, every wish (up to one per round) can be honoured.
        let possible = suite::possible_wishes(&inst);
        let ratio = if base == 0 {
            0.0
        } else {
            m.repeats as f64 / base as f64
        };
        sum_ratio += ratio;
        n += 1;
        println!(
            "| {people} | {groups} | {rounds} | {}/{possible} | {} | {} / {base} ({:.0} %) | ≥ {} |",
            m.honoured,
            m.spread,
            m.repeats,
            ratio * 100.0,
            atelier::domain::rotation::repeat_lower_bound(&inst)
        );
    }
    println!(
        "\nmean repeats ratio to random: {:.0} %\n",
        sum_ratio / n as f64 * 100.0
    );
}

/// Issue 17's kinds of instances at the effort `R` uses (two searches at once): the bound,
/// the best plan known, the repeats over five seeds and the distance to the best, the time of
/// one plan (wall clock, both searches).
fn room_table() {
    use atelier::domain::rotation::{Kept, ROOM_SEARCHES, plan_room, repeat_lower_bound};
    println!(
        "| instance | fewest possible (bound) | best known | proven | wishes honoured | repeats, seeds 0–4 | worst − best known | time per plan |"
    );
    println!("|---|---:|---:|---|---:|---|---:|---:|");
    let mut capacities = rapporteurs_only(30, 5, 3);
    for (g, c) in capacities.groups.iter_mut().zip([7, 7, 6, 5, 5]) {
        g.capacity = Some(c);
    }
    let mut conflicting = rapporteurs_only(24, 4, 3);
    for p in conflicting.people.iter_mut().skip(4) {
        p.wishes = vec![0, 1];
    }
    let cases: Vec<(&str, Instance, usize)> = vec![
        ("12 / 3 / 2", rapporteurs_only(12, 3, 2), 3),
        ("24 / 4 / 3", rapporteurs_only(24, 4, 3), 8),
        ("30 / 5 / 3", rapporteurs_only(30, 5, 3), 5),
        ("40 / 5 / 3", rapporteurs_only(40, 5, 3), 15),
        ("60 / 8 / 4", rapporteurs_only(60, 8, 4), 7),
        (
            "30 / 5 / 3, tables of 7, 7, 6, 5, 5",
            capacities,
            usize::MAX,
        ),
        (
            "24 / 4 / 3, everyone wishes groups 1 then 2",
            conflicting,
            usize::MAX,
        ),
        (
            "20 / 5 / 3, 2 wishes each, a 0-repeat plan exists",
            twenty_with_wishes(),
            0,
        ),
        (
            "60 / 8 / 4, 2–3 random wishes each",
            instance(60, 8, 4, 7, true),
            usize::MAX,
        ),
        (
            "60 / 6 / 3 (the Latin square of order 6)",
            rapporteurs_only(60, 6, 3),
            usize::MAX,
        ),
        (
            "40 / 6 / 4 (24 seats of four classes, a 27-word code)",
            rapporteurs_only(40, 6, 4),
            usize::MAX,
        ),
    ];
    for (name, inst, known) in cases {
        let start = std::time::Instant::now();
        let results: Vec<(usize, usize, usize)> = (0..5)
            .map(|seed| {
                let m = metrics(&inst, &plan_room(&inst, seed, &Kept::none(), ROOM_SEARCHES));
                assert!(m.violations.is_empty(), "{name}");
                (m.repeats, m.honoured, m.wishes)
            })
            .collect();
        let per_plan = start.elapsed() / 5;
        let best_here = results.iter().map(|r| r.0).min().unwrap_or(0);
        // Best known: issue 17's figure (its exact solver and its best plans) where it gave
        // one, else the instance's own (0 where a plan without repeats was built), and
        // better if 20 more seeds find better.
        let more = (0..20)
            .map(|seed| {
                metrics(
                    &inst,
                    &plan_room(&inst, 100 + seed, &Kept::none(), ROOM_SEARCHES),
                )
                .repeats
            })
            .min()
            .unwrap_or(best_here);
        let known = if known == usize::MAX {
            more.min(best_here)
        } else {
            known.min(more).min(best_here)
        };
        let worst = results.iter().map(|r| r.0).max().unwrap_or(0);
        let (honoured, wishes) = results.first().map(|r| (r.1, r.2)).unwrap_or((0, 0));
        let bound = repeat_lower_bound(&inst);
        let time = if per_plan.as_millis() >= 10 {
            format!("{} ms", per_plan.as_millis())
        } else {
            format!("{:.2} ms", per_plan.as_secs_f64() * 1000.0)
        };
        println!(
            "| {name} | ≥ {bound} | {known} | {} | {honoured}/{wishes} | {} | {} | {time} |",
            if known == bound { "yes" } else { "no" },
            results
                .iter()
                .map(|r| r.0.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            worst.saturating_sub(known),
        );
    }
    println!();
}

fn main() {
    quality_table();
    room_table();
    divan::main();
}

/// The bar: 60 participants, 6 groups, 3 rounds, 2–3 wishes each, under 200 ms on one core.
#[divan::bench]
fn plan_60_people_6_groups_3_rounds(bencher: divan::Bencher) {
    let inst = instance(60, 6, 3, 7, true);
    bencher.bench(|| plan(divan::black_box(&inst), 1));
}

#[divan::bench]
fn plan_16_people_4_groups_4_rounds(bencher: divan::Bencher) {
    let inst = instance(16, 4, 4, 7, false);
    bencher.bench(|| plan(divan::black_box(&inst), 1));
}
