//! The rotation planner: hard rules always hold, wishes are honoured whenever a brute force
//! shows they can be, balance holds when wishes allow; and the CLI on the example.

use atelier::domain::rotation::{GroupSpec, Instance, Person, Plan, metrics, plan};
use proptest::prelude::*;

fn instance() -> impl Strategy<Value = Instance> {
    (2usize..=3, 1usize..=2, 3usize..=6).prop_flat_map(|(groups, rounds, people)| {
        (
            proptest::collection::vec(proptest::collection::vec(0..groups, 0..=rounds), people),
            proptest::collection::vec(proptest::option::of(2usize..=4), groups),
            proptest::bool::ANY,
        )
            .prop_map(move |(wishes, caps, rapporteur)| Instance {
                people: wishes
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut w)| {
                        w.dedup();
                        Person {
                            id: i as u32 + 1,
                            fixed: (rapporteur && i == 0).then_some(0),
                            wishes: w,
                        }
                    })
                    .collect(),
                groups: caps
                    .into_iter()
                    .enumerate()
                    .map(|(g, c)| GroupSpec {
                        theme: g as u32 + 1,
                        capacity: c,
                    })
                    .collect(),
                rounds,
            })
    })
}

/// Honoured wishes by rank: the planner's goal 2 compared lexicographically.
fn wish_vector(inst: &Instance, p: &Plan) -> Vec<usize> {
    (0..inst.rounds)
        .map(|rank| {
            inst.people
                .iter()
                .enumerate()
                .filter(|(_, x)| x.fixed.is_none())
                .filter(|(i, x)| x.wishes.get(rank).is_some_and(|w| p.assign[*i].contains(w)))
                .count()
        })
        .collect()
}

/// Every plan that keeps the hard rules.
fn all_valid_plans(inst: &Instance) -> Vec<Plan> {
    let g = inst.groups.len();
    let options: Vec<Vec<Vec<usize>>> = inst
        .people
        .iter()
        .map(|p| match p.fixed {
            Some(f) => vec![vec![f; inst.rounds]],
            None => {
                let mut seqs: Vec<Vec<usize>> = vec![vec![]];
                for _ in 0..inst.rounds {
                    seqs = seqs
                        .into_iter()
                        .flat_map(|s| {
                            (0..g)
                                .filter(|x| !s.contains(x))
                                .map(|x| {
                                    let mut t = s.clone();
                                    t.push(x);
                                    t
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect();
                }
                seqs
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut idx = vec![0usize; options.len()];
    loop {
        let plan = Plan {
            assign: idx
                .iter()
                .zip(&options)
                .map(|(&i, o)| o[i].clone())
                .collect(),
        };
        if metrics(inst, &plan).violations.is_empty() {
            out.push(plan);
        }
        let mut k = 0;
        loop {
            if k == idx.len() {
                return out;
            }
            idx[k] += 1;
            if idx[k] < options[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn hard_rules_hold_and_wishes_and_balance_are_as_good_as_possible(inst in instance(), seed in 0u64..1000) {
        let valid = all_valid_plans(&inst);
        let p = plan(&inst, seed);
        let m = metrics(&inst, &p);
        if valid.is_empty() {
            // No plan keeps every rule (capacities too small): nothing to compare.
            return Ok(());
        }
        prop_assert!(m.violations.is_empty(), "{:?}", m.violations);
        // The bound holds for every plan that keeps the rules, the planner's included.
        let bound = atelier::domain::rotation::repeat_lower_bound(&inst);
        prop_assert!(m.repeats >= bound);
        for v in &valid {
            prop_assert!(metrics(&inst, v).repeats >= bound, "{:?}", v.assign);
        }
        let best = valid.iter().map(|v| wish_vector(&inst, v)).max().unwrap();
        prop_assert_eq!(wish_vector(&inst, &p), best.clone());
        let balanced_possible = valid
            .iter()
            .any(|v| wish_vector(&inst, v) == best && metrics(&inst, v).spread <= 1);
        if balanced_possible {
            prop_assert!(m.spread <= 1, "spread {}", m.spread);
        }
    }
}

#[test]
fn the_cli_plans_the_example_and_applies_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ex.ron");
    std::fs::write(&path, include_str!("../sessions/exemple-za.ron")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["rotation", path.to_str().unwrap(), "--seed", "3"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("vœux\u{a0}: 100 %"), "{text}");
    assert!(text.contains("tirage au hasard"), "{text}");
    assert!(text.contains("minimum possible\u{a0}: "), "{text}");
    assert!(text.contains("Tour 3"), "{text}");
    let before = std::fs::read_to_string(&path).unwrap();
    let never_opened = atelier::store::parse(&before, &path).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["rotation", path.to_str().unwrap(), "--seed", "3", "--apply"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = atelier::store::load(&path).unwrap();
    // The file had no id yet: it keeps the one its calendar was named after, not one
    // derived from the changed content.
    assert_eq!(s.id, atelier::store::stable_id(&never_opened));
    let w = &s.workshops[0];
    // Every round has a table per group, rapporteur first.
    for round in 1..=3u8 {
        for (t, g) in s.groups_in(w) {
            let members = w.members(round, t.id);
            assert_eq!(members.first().copied(), g.rapporteur, "round {round}");
        }
    }
    // The previous version is kept.
    let bak = atelier::store::backup_path(&path);
    assert_eq!(std::fs::read_to_string(bak).unwrap(), before);
}

/// Found by the property above: a rapporteur at group 1, two people wishing group 1 and one
/// wishing 2 then 3; seed 8 left both wishers at group 1 in the same round (3, 1, 2 people)
/// when each could have it in a round of their own (2, 2, 2).
#[test]
fn two_wishes_for_the_same_group_spread_over_the_rounds() {
    let person = |id: u32, fixed: Option<usize>, wishes: Vec<usize>| Person { id, fixed, wishes };
    let inst = Instance {
        people: vec![
            person(1, Some(0), vec![]),
            person(2, None, vec![]),
            person(3, None, vec![]),
            person(4, None, vec![0]),
            person(5, None, vec![0]),
            person(6, None, vec![1, 2]),
        ],
        groups: (1..=3)
            .map(|theme| GroupSpec {
                theme,
                capacity: None,
            })
            .collect(),
        rounds: 2,
    };
    for seed in 0..200 {
        let p = plan(&inst, seed);
        let m = metrics(&inst, &p);
        assert!(m.violations.is_empty(), "seed {seed}: {:?}", m.violations);
        assert_eq!(wish_vector(&inst, &p), vec![3, 1], "seed {seed}");
        assert!(
            m.spread <= 1,
            "seed {seed}: spread {} in {:?}",
            m.spread,
            p.assign
        );
    }
}

/// Issue 17's rooms, a rapporteur at each table, through `R`: where a design applies (a prime
/// power of groups, or 6 groups over 3 rounds), it reaches the lower bound on every seed, so
/// the plan cannot be bettered (the issue's best known plans were 8, 6, 20 and 7 repeats for
/// the first four).
#[test]
fn issue_17_rooms_reach_their_lower_bound_on_every_seed() {
    use atelier::domain::rotation::{Kept, ROOM_SEARCHES, plan_room, repeat_lower_bound};
    for (people, groups, rounds, fewest) in [
        (24, 4, 3, 8),
        (30, 5, 3, 5),
        (40, 5, 3, 15),
        (60, 8, 4, 0),
        (80, 8, 3, 16),
        (12, 3, 2, 3),
        (60, 6, 3, 24),
    ] {
        let inst = suite::rapporteurs_only(people, groups, rounds);
        assert_eq!(
            repeat_lower_bound(&inst),
            fewest,
            "{people}/{groups}/{rounds}"
        );
        for seed in 0..5 {
            let m = metrics(&inst, &plan_room(&inst, seed, &Kept::none(), ROOM_SEARCHES));
            assert!(m.violations.is_empty(), "{people}/{groups}/{rounds}");
            assert!(m.spread <= 1, "{people}/{groups}/{rounds}");
            assert_eq!(m.repeats, fewest, "{people}/{groups}/{rounds} seed {seed}");
        }
    }
}

/// Issue 17's 24 people / 4 groups (each with a rapporteur) / 3 rounds: each table's 5
/// visitors must spread over the 3 other tables, so at least 8 pairs meet again; `R`'s search
/// reaches 8 on every seed.
#[test]
fn twenty_four_people_four_groups_three_rounds_reach_the_proven_eight() {
    use atelier::domain::rotation::{ROOM_EFFORT, plan_with_effort, repeat_lower_bound};
    let inst = suite::rapporteurs_only(24, 4, 3);
    assert_eq!(repeat_lower_bound(&inst), 8);
    for seed in 0..5 {
        let m = metrics(&inst, &plan_with_effort(&inst, seed, ROOM_EFFORT));
        assert!(m.violations.is_empty());
        assert_eq!(m.repeats, 8, "seed {seed}");
    }
}

#[path = "common/rotation_suite.rs"]
mod suite;

/// Issue 17: the planner never does worse than the planner before it on the README's suite.
/// The figures are the first table's (seed 1, default effort) as the previous planner gave
/// them; every wish that can be honoured still is, tables are as balanced, and repeated
/// encounters are no more.
#[test]
fn never_worse_than_before_on_the_suite() {
    // (people, groups, rounds, spread before, repeats before)
    let before = [
        (12, 3, 2, 0, 3),
        (16, 4, 3, 0, 3),
        (24, 4, 3, 0, 14),
        (30, 5, 3, 0, 9),
        (40, 5, 3, 0, 32),
        (40, 6, 4, 1, 14),
    ];
    for (people, groups, rounds, spread, repeats) in before {
        let inst = suite::suite_instance(people, groups, rounds);
        let possible = suite::possible_wishes(&inst);
        let seed = 1;
        let m = metrics(&inst, &plan(&inst, seed));
        let at = format!("{people}/{groups}/{rounds}, seed {seed}");
        assert!(m.violations.is_empty(), "{at}: {:?}", m.violations);
        assert_eq!(m.honoured, possible, "{at}");
        assert!(m.spread <= spread, "{at}: spread {}", m.spread);
        assert!(
            m.repeats <= repeats,
            "{at}: {} repeats, {repeats} before",
            m.repeats
        );
    }
}

/// Issue 17's 20 people / 5 groups with rapporteurs / 3 rounds with wishes: a plan with every
/// wish and no repeated encounter exists (built in `twenty_with_wishes`); `R` finds one on
/// every seed (the planner before issue 17 left one repeat on seeds 1 and 3).
#[test]
fn twenty_people_with_wishes_reach_zero_repeats_keeping_every_wish() {
    use atelier::domain::rotation::{Kept, ROOM_SEARCHES, plan_room};
    let inst = suite::twenty_with_wishes();
    for seed in 0..5 {
        let m = metrics(&inst, &plan_room(&inst, seed, &Kept::none(), ROOM_SEARCHES));
        assert!(m.violations.is_empty(), "seed {seed}: {:?}", m.violations);
        assert_eq!(m.honoured, m.wishes, "seed {seed}");
        assert_eq!(m.repeats, 0, "seed {seed}");
    }
}

/// Tuning aid, not run by default: `cargo test --release --test rotation -- --ignored tune --nocapture`.
#[test]
#[ignore]
fn tune_room_on_the_suite() {
    use atelier::domain::rotation::{Kept, ROOM_SEARCHES, plan_room, repeat_lower_bound};
    let report = |name: String, inst: &Instance, seeds: u64| {
        let start = std::time::Instant::now();
        let r: Vec<usize> = (0..seeds)
            .map(|seed| metrics(inst, &plan_room(inst, seed, &Kept::none(), ROOM_SEARCHES)).repeats)
            .collect();
        eprintln!(
            "{name}: {r:?} (bound {}) in {:?} per plan",
            repeat_lower_bound(inst),
            start.elapsed() / seeds as u32
        );
    };
    for (people, groups, rounds) in suite::SUITE {
        let inst = suite::suite_instance(people, groups, rounds);
        report(format!("{people}/{groups}/{rounds}"), &inst, 3);
    }
    // 6 groups over 4 rounds, a rapporteur a table, as the README quotes them.
    for people in [40, 60] {
        let inst = suite::rapporteurs_only(people, 6, 4);
        report(format!("{people}/6/4, rapporteurs only"), &inst, 5);
    }
}

/// People of the session who were not at the workshop (the example's three companies that
/// came only to the rencontre) are left out of the rounds to come once rounds were played, and
/// the plan keeps every rule (before: « VisitedTwice » for each of them, as if they had sat
/// at the first group in every played round).
#[test]
fn people_not_at_the_workshop_are_not_planned_and_no_rule_breaks() {
    use atelier::domain::rotation::{Kept, ROOM_SEARCHES, plan_room};
    let s = atelier::store::parse(
        include_str!("../sessions/exemple-za.ron"),
        std::path::Path::new("x"),
    )
    .expect("the example");
    let w = s.current_workshop().expect("a workshop").clone();
    let all = Instance::from_session(&s, &w, 3);
    let inst = all.clone().present_at(&w);
    let gone: Vec<u32> = all
        .people
        .iter()
        .filter(|p| !inst.people.iter().any(|q| q.id == p.id))
        .map(|p| p.id)
        .collect();
    assert_eq!(
        gone,
        vec![15, 16, 17],
        "the rencontre's three extra companies"
    );
    let kept = Kept::played(&inst, &w);
    assert_eq!(kept.rounds, 2);
    let m = metrics(&inst, &plan_room(&inst, 1, &kept, ROOM_SEARCHES));
    assert!(m.violations.is_empty(), "{:?}", m.violations);
    assert_eq!(m.honoured, m.wishes);
    // Someone seated in round 1 but not in round 2 is counted at another group in round 2.
    let mut w2 = w.clone();
    let someone = inst
        .people
        .iter()
        .find(|p| p.fixed.is_none())
        .expect("a visitor")
        .id;
    for round in &mut w2.rounds {
        if round.number == 2 {
            for t in &mut round.tables {
                t.members.retain(|m| *m != someone);
            }
        }
    }
    let kept = Kept::played(&inst, &w2);
    let m = metrics(&inst, &plan_room(&inst, 1, &kept, ROOM_SEARCHES));
    assert!(m.violations.is_empty(), "{:?}", m.violations);
}

/// Two people leave after round 1 of a 60 / 8 / 4 room planned without a repeat: `R` looks
/// from the plan proposed before (the seats placed in the rounds to come) and rebalances the
/// tables with at most 3 repeats; from scratch, the same search gave 4 to 6.
#[test]
fn after_two_people_leave_r_starts_from_the_plan_it_proposed_before() {
    use atelier::domain::rotation::{Kept, Plan, ROOM_SEARCHES, plan_room};
    let full = suite::rapporteurs_only(60, 8, 4);
    let first = plan_room(&full, 1, &Kept::none(), ROOM_SEARCHES);
    assert_eq!(metrics(&full, &first).repeats, 0);
    let mut inst = full.clone();
    inst.people.truncate(58);
    let seats: Vec<Vec<usize>> = first.assign.iter().take(58).cloned().collect();
    let kept = Kept {
        rounds: 1,
        plan: Plan {
            assign: seats.iter().map(|a| a[..1].to_vec()).collect(),
        },
        ahead: seats
            .iter()
            .map(|a| a[1..].iter().map(|&g| Some(g)).collect())
            .collect(),
    };
    for seed in 0..3 {
        let plan = plan_room(&inst, seed, &kept, ROOM_SEARCHES);
        let m = metrics(&inst, &plan);
        assert!(m.violations.is_empty(), "{:?}", m.violations);
        // Round 1 was played as it was; the rounds to come are even again.
        for r in 1..4 {
            let sizes: Vec<usize> = (0..8)
                .map(|g| plan.assign.iter().filter(|a| a[r] == g).count())
                .collect();
            let (max, min) = (sizes.iter().max(), sizes.iter().min());
            assert!(max.zip(min).is_some_and(|(a, b)| a - b <= 1), "{sizes:?}");
        }
        assert!(m.repeats <= 3, "seed {seed}: {}", m.repeats);
        assert!(plan.assign.iter().zip(&seats).all(|(p, s)| p[0] == s[0]));
    }
}

/// `R` mid-workshop reads the seats already placed in the rounds to come (the plan proposed
/// before, or seats placed by hand) as where to start from; played rounds stay as they were.
#[test]
fn the_seats_placed_ahead_are_read_from_the_workshop() {
    use atelier::domain::rotation::Kept;
    use atelier::domain::{Round, Table};
    let s = atelier::store::parse(
        include_str!("../sessions/exemple-za.ron"),
        std::path::Path::new("x"),
    )
    .expect("the example");
    let mut w = s.current_workshop().expect("a workshop").clone();
    w.rounds.push(Round {
        number: 3,
        tables: vec![Table {
            theme: 2,
            members: vec![8, 13],
        }],
    });
    let inst = Instance::from_session(&s, &w, 3).present_at(&w);
    let kept = Kept::played(&inst, &w);
    assert_eq!(kept.rounds, 2, "the example is in round 2");
    let at = |id: u32| {
        inst.people
            .iter()
            .position(|p| p.id == id)
            .and_then(|i| kept.ahead.get(i).cloned())
    };
    let theme_2 = inst.groups.iter().position(|g| g.theme == 2);
    assert_eq!(at(13), Some(vec![theme_2]));
    assert_eq!(at(5), Some(vec![None]), "5 has no seat in round 3");
}
