//! The rotation planner's instances, shared by `benches/rotation.rs` (the README's tables) and
//! `tests/rotation.rs` (which checks the planner never does worse on them).
#![allow(dead_code)]

use atelier::domain::rng::Rng;
use atelier::domain::rotation::{GroupSpec, Instance, Person};

/// `people` participants, `groups` groups each with a rapporteur, `rounds` rounds, and
/// 0–3 random wishes per participant (2–3 with `many_wishes`).
pub fn instance(
    people: usize,
    groups: usize,
    rounds: usize,
    seed: u64,
    many_wishes: bool,
) -> Instance {
    let mut rng = Rng::new(seed);
    let mut inst = rapporteurs_only(people, groups, rounds);
    for person in &mut inst.people {
        // Drawn for rapporteurs too (and dropped), so each seed gives the wishes it always gave.
        let mut w: Vec<usize> = (0..groups).collect();
        rng.shuffle(&mut w);
        let n = if many_wishes {
            2 + rng.below(2)
        } else {
            rng.below(4)
        };
        w.truncate(n.min(rounds));
        if person.fixed.is_none() {
            person.wishes = w;
        }
    }
    inst
}

/// The wishes that can be honoured without table sizes: each person's, up to one a round.
pub fn possible_wishes(inst: &Instance) -> usize {
    inst.people
        .iter()
        .filter(|p| p.fixed.is_none())
        .map(|p| p.wishes.len().min(inst.rounds))
        .sum()
}

/// The sizes of the README's first table: (people, groups, rounds).
pub const SUITE: [(usize, usize, usize); 11] = [
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
];

/// The instance of the first table for a size (its wishes drawn from the size).
pub fn suite_instance(people: usize, groups: usize, rounds: usize) -> Instance {
    instance(
        people,
        groups,
        rounds,
        people as u64 * 31 + groups as u64,
        false,
    )
}

/// Rapporteurs at their tables, nobody else placed: `people` / `groups` / `rounds`.
pub fn rapporteurs_only(people: usize, groups: usize, rounds: usize) -> Instance {
    Instance {
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
    }
}

/// 20 people, 5 groups with a rapporteur, 3 rounds, and two wishes each taken from a plan
/// with no repeated encounter (visitor (i, j), j in 1..=3, sits at table i + j·r mod 5 in
/// round r: two visitors meet at most once, and nobody sees a table twice): that plan keeps
/// every wish, so the best plan has 0 repeats and every wish.
pub fn twenty_with_wishes() -> Instance {
    let mut inst = rapporteurs_only(20, 5, 3);
    for (v, person) in inst.people.iter_mut().skip(5).enumerate() {
        let (i, j) = (v % 5, 1 + v / 5);
        let table = |r: usize| (i + j * r) % 5;
        person.wishes = vec![table(0), table(2)];
    }
    inst
}
