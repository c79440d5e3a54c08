//! The rotation planner: quality over a generated set of instances (printed as the README's
//! table), then its speed (divan).
//!
//! Run: `cargo bench --bench rotation`.

use atelier::domain::rng::Rng;
use atelier::domain::rotation::{GroupSpec, Instance, Person, metrics, plan, random_baseline};

/// `people` participants, `groups` groups each with a rapporteur, `rounds` rounds, and
/// 0–3 random wishes per participant (2–3 with `many_wishes`).
fn instance(people: usize, groups: usize, rounds: usize, seed: u64, many_wishes: bool) -> Instance {
    let mut rng = Rng::new(seed);
    Instance {
        people: (0..people)
            .map(|i| {
                let mut w: Vec<usize> = (0..groups).collect();
                rng.shuffle(&mut w);
                let n = if many_wishes {
                    2 + rng.below(2)
                } else {
                    rng.below(4)
                };
                w.truncate(n.min(rounds));
                Person {
                    id: i as u32 + 1,
                    fixed: (i < groups).then_some(i),
                    wishes: if i < groups { Vec::new() } else { w },
                }
            })
            .collect(),
        groups: (0..groups)
            .map(|g| GroupSpec {
                theme: g as u32 + 1,
                capacity: None,
            })
            .collect(),
        rounds,
    }
}

fn quality_table() {
    println!(
        "| participants | groups | rounds | wishes honoured / possible | max size gap | repeats (planner / random median) | fewest possible (bound) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut sum_ratio = 0.0;
    let mut n = 0;
    for (people, groups, rounds) in [
        (12, 3, 2),
        (16, 4, 3),
        (24, 4, 3),
        (30, 5, 3),
        (40, 5, 3),
        (40, 6, 4),
        (50, 6, 3),
        (60, 6, 3),
        (60, 8, 4),
        (80, 8, 3),
        (80, 6, 2),
    ] {
        let inst = instance(
            people,
            groups,
            rounds,
            people as u64 * 31 + groups as u64,
            false,
        );
        let m = metrics(&inst, &plan(&inst, 1));
        assert!(m.violations.is_empty());
        let base = random_baseline(&inst, 20);
        // Without table sizes, every wish (up to one per round) can be honoured.
        let possible: usize = inst
            .people
            .iter()
            .filter(|p| p.fixed.is_none())
            .map(|p| p.wishes.len().min(rounds))
            .sum();
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

/// The instances of issue 17 (rapporteurs, no wishes, no table sizes), at the effort `R` uses:
/// the lower bound, the repeats over five seeds, and the time of one plan.
fn room_table() {
    use atelier::domain::rotation::{ROOM_EFFORT, plan_with_effort, repeat_lower_bound};
    println!(
        "| participants | groups | rounds | fewest possible (bound) | repeats, seeds 0–4 | time per plan |"
    );
    println!("|---:|---:|---:|---:|---|---:|");
    for (people, groups, rounds) in [(12, 3, 2), (24, 4, 3), (30, 5, 3), (40, 5, 3), (60, 8, 4)] {
        let inst = Instance {
            people: (0..people)
                .map(|i| Person {
                    id: i as u32 + 1,
                    fixed: (i < groups).then_some(i),
                    wishes: Vec::new(),
                })
                .collect(),
            groups: (0..groups)
                .map(|g| GroupSpec {
                    theme: g as u32 + 1,
                    capacity: None,
                })
                .collect(),
            rounds,
        };
        let start = std::time::Instant::now();
        let repeats: Vec<String> = (0..5)
            .map(|seed| {
                let p = plan_with_effort(&inst, seed, ROOM_EFFORT);
                metrics(&inst, &p).repeats.to_string()
            })
            .collect();
        let per_plan = start.elapsed() / 5;
        println!(
            "| {people} | {groups} | {rounds} | ≥ {} | {} | {} ms |",
            repeat_lower_bound(&inst),
            repeats.join(", "),
            per_plan.as_millis()
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
