//! A start with the fewest repeated encounters there can be, when the groups are a prime power
//! (2, 3, 4, 5, 7, 8, 9, 11, 13, 16…): the affine plane over the finite field of G elements.
//!
//! Its points are the pairs (x, y); in round r, the point sits at table x + s_r·y, s_r a slope
//! of its own. Two points lie on one common line, so two people meet at most once; a point
//! with y ≠ 0 sits at a different table in every round, since (s_r − s_q)·y ≠ 0. That gives
//! G·(G − 1) seats, the most there can be: two people seated at the same two tables in two
//! rounds would meet twice, and there are G·(G − 1) ordered pairs of distinct tables.
//!
//! A row of points (one y) puts one point at every table in every round: people take the rows
//! in turn, then the rows again when there are more people than points. Two people at one point
//! meet in every round and nobody else twice, so a point taken m times makes m·(m − 1)/2
//! repeats. With the points taken as evenly as that, the total is exactly
//! [`super::repeat_lower_bound`] (each table's people, between two rounds, spread over the
//! other tables as evenly as can be): the plan cannot be bettered, wishes and table sizes
//! aside.

use super::{Instance, wish_weight};
use crate::domain::rng::Rng;

/// The largest field built: more groups than this is more than a room holds.
const LARGEST: usize = 32;

/// GF(q): elements 0..q as base-p digits of a polynomial, addition and multiplication tables.
struct Field {
    q: usize,
    add: Vec<usize>,
    mul: Vec<usize>,
}

impl Field {
    /// GF(q) when q is a prime power up to [`LARGEST`].
    fn new(q: usize) -> Option<Field> {
        if !(2..=LARGEST).contains(&q) {
            return None;
        }
        let p = (2..=q).find(|d| q.is_multiple_of(*d))?;
        let mut k = 0;
        let mut rest = q;
        while rest.is_multiple_of(p) {
            rest /= p;
            k += 1;
        }
        if rest != 1 {
            return None;
        }
        let digits = |mut a: usize| -> Vec<usize> {
            (0..k)
                .map(|_| {
                    let d = a % p;
                    a /= p;
                    d
                })
                .collect()
        };
        let number = |d: &[usize]| d.iter().rev().fold(0, |n, &x| n * p + x);
        let add: Vec<usize> = (0..q * q)
            .map(|i| {
                let (a, b) = (digits(i / q), digits(i % q));
                let sum: Vec<usize> = a.iter().zip(&b).map(|(x, y)| (x + y) % p).collect();
                number(&sum)
            })
            .collect();
        // Multiplication modulo x^k + (lower terms): the first such polynomial with no zero
        // divisor is irreducible, and the ring it gives is the field.
        for lower in 0..q {
            let f = digits(lower);
            let times = |a: usize, b: usize| -> usize {
                let (a, b) = (digits(a), digits(b));
                let mut prod = vec![0; 2 * k];
                for (i, x) in a.iter().enumerate() {
                    for (j, y) in b.iter().enumerate() {
                        prod[i + j] = (prod[i + j] + x * y) % p;
                    }
                }
                // x^k = −(lower terms): fold the high terms down, highest first.
                for top in (k..2 * k).rev() {
                    let c = prod[top];
                    prod[top] = 0;
                    for (i, fi) in f.iter().enumerate() {
                        let at = top - k + i;
                        prod[at] = (prod[at] + (p - (c * fi) % p)) % p;
                    }
                }
                number(&prod[..k])
            };
            let mul: Vec<usize> = (0..q * q).map(|i| times(i / q, i % q)).collect();
            let field = (1..q).all(|a| (1..q).all(|b| mul[a * q + b] != 0));
            if field {
                return Some(Field { q, add, mul });
            }
        }
        None
    }

    fn add(&self, a: usize, b: usize) -> usize {
        self.add.get(a * self.q + b).copied().unwrap_or(0)
    }

    fn mul(&self, a: usize, b: usize) -> usize {
        self.mul.get(a * self.q + b).copied().unwrap_or(0)
    }
}

/// How many planes (slopes, table names, rows drawn anew) are tried for the wishes.
const TRIES: usize = 8;

/// The groups of every person in every round, from the plane, when it applies: a prime power
/// of groups, at least two rounds and no more rounds than groups. Rapporteurs stay at their
/// table. Who takes which point changes no repeat, only the wishes: each person takes the free
/// point that honours most of their wishes (those with the most wishes choose first), then two
/// people trade points while that honours more; the best of a few planes is kept, so the search
/// that follows starts with as many wishes as a plane gives. `None` when it does not apply.
pub(super) fn start(inst: &Instance, rng: &mut Rng) -> Option<Vec<Vec<usize>>> {
    let q = inst.groups.len();
    if inst.rounds < 2 || inst.rounds > q {
        return None;
    }
    let field = Field::new(q)?;
    let all: i64 = inst
        .people
        .iter()
        .filter(|p| p.fixed.is_none())
        .map(|p| (0..p.wishes.len()).map(wish_weight).sum::<i64>())
        .sum();
    let mut best: Option<(i64, Vec<Vec<usize>>)> = None;
    for _ in 0..TRIES {
        let found = attempt(inst, &field, rng);
        if best.as_ref().is_none_or(|(b, _)| found.0 > *b) {
            best = Some(found);
        }
        if best.as_ref().is_some_and(|(b, _)| *b >= all) {
            break;
        }
    }
    best.map(|(_, assign)| assign)
}

/// What a person's wishes are worth at these seats.
fn honoured(inst: &Instance, p: usize, seats: &[usize]) -> i64 {
    inst.people.get(p).map_or(0, |person| {
        person
            .wishes
            .iter()
            .enumerate()
            .filter(|(_, w)| seats.contains(w))
            .map(|(rank, _)| wish_weight(rank))
            .sum()
    })
}

/// One plane, its points shared out: the wishes honoured and the groups of everyone.
fn attempt(inst: &Instance, field: &Field, rng: &mut Rng) -> (i64, Vec<Vec<usize>>) {
    let (q, rounds) = (field.q, inst.rounds);
    let movers: Vec<usize> = (0..inst.people.len())
        .filter(|&p| inst.people[p].fixed.is_none())
        .collect();
    let mut slopes: Vec<usize> = (0..q).collect();
    rng.shuffle(&mut slopes);
    slopes.truncate(rounds);
    let mut table: Vec<usize> = (0..q).collect();
    rng.shuffle(&mut table);
    // Whole rows, then part of one more; past G·(G − 1) people, the rows again (a second
    // person at a point meets the first in every round and nobody else twice). Every table gets
    // the same, give or take one, in every round.
    let mut points: Vec<Vec<usize>> = Vec::with_capacity(movers.len());
    while points.len() < movers.len() {
        let mut rows: Vec<usize> = (1..q).collect();
        rng.shuffle(&mut rows);
        for &y in &rows {
            let mut xs: Vec<usize> = (0..q).collect();
            rng.shuffle(&mut xs);
            for &x in &xs {
                if points.len() == movers.len() {
                    break;
                }
                let seats = slopes
                    .iter()
                    .map(|&s| {
                        table
                            .get(field.add(x, field.mul(s, y)))
                            .copied()
                            .unwrap_or(0)
                    })
                    .collect();
                points.push(seats);
            }
        }
    }
    rng.shuffle(&mut points);
    let mut order = movers;
    rng.shuffle(&mut order);
    order.sort_by_key(|&p| std::cmp::Reverse(inst.people[p].wishes.len()));
    // point[k]: the point of order[k].
    let mut point: Vec<usize> = Vec::with_capacity(order.len());
    let mut taken = vec![false; points.len()];
    for &p in &order {
        let mut best: Option<(i64, usize)> = None;
        for (i, seats) in points.iter().enumerate() {
            if taken.get(i).copied().unwrap_or(true) {
                continue;
            }
            let score = honoured(inst, p, seats);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
        let i = best.map_or(0, |(_, i)| i);
        if let Some(t) = taken.get_mut(i) {
            *t = true;
        }
        point.push(i);
    }
    let seats = |i: usize| points.get(i).map_or(&[][..], Vec::as_slice);
    // Trades while one honours more (a few rounds of all pairs at most).
    for _ in 0..4 {
        let mut better = false;
        for a in 0..order.len() {
            for b in a + 1..order.len() {
                let (pa, pb) = (order[a], order[b]);
                let (ia, ib) = (point[a], point[b]);
                let now = honoured(inst, pa, seats(ia)) + honoured(inst, pb, seats(ib));
                let then = honoured(inst, pa, seats(ib)) + honoured(inst, pb, seats(ia));
                if then > now {
                    point.swap(a, b);
                    better = true;
                }
            }
        }
        if !better {
            break;
        }
    }
    let mut assign: Vec<Vec<usize>> = inst
        .people
        .iter()
        .map(|person| vec![person.fixed.unwrap_or(0); rounds])
        .collect();
    let mut score = 0;
    for (&p, &i) in order.iter().zip(&point) {
        score += honoured(inst, p, seats(i));
        if let Some(row) = assign.get_mut(p) {
            row.clone_from(&seats(i).to_vec());
        }
    }
    (score, assign)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rotation::{GroupSpec, Person, Plan, metrics};

    fn room(people: usize, groups: usize, rounds: usize) -> Instance {
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

    #[test]
    fn the_fields_up_to_32_are_fields() {
        for q in [
            2, 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 19, 23, 25, 27, 29, 31, 32,
        ] {
            let f = Field::new(q).expect("a prime power");
            for a in 1..q {
                // Every non-zero element has an inverse, and a + b = 0 has one solution.
                assert_eq!((1..q).filter(|&b| f.mul(a, b) == 1).count(), 1, "GF({q})");
                assert_eq!((0..q).filter(|&b| f.add(a, b) == 0).count(), 1, "GF({q})");
            }
        }
        for q in [0, 1, 6, 10, 12, 14, 15, 33] {
            assert!(Field::new(q).is_none(), "{q}");
        }
    }

    #[test]
    fn sixty_people_eight_groups_four_rounds_meet_nobody_twice() {
        let inst = room(60, 8, 4);
        for seed in 0..5 {
            let assign = start(&inst, &mut Rng::new(seed)).expect("8 is a prime power");
            let m = metrics(&inst, &Plan { assign });
            assert!(m.violations.is_empty(), "{:?}", m.violations);
            assert_eq!((m.repeats, m.spread), (0, 1));
        }
    }

    #[test]
    fn past_the_plane_s_seats_the_repeats_are_the_lower_bound() {
        // Issue 17's rooms: 24 / 4 / 3 (8), 30 / 5 / 3 (5), 40 / 5 / 3 (15), 80 / 8 / 3 (16),
        // and a crowded one (12 / 2 / 2: 10 people on the plane's 2 points, 5 each: 20 pairs).
        for (people, groups, rounds) in [(24, 4, 3), (30, 5, 3), (40, 5, 3), (80, 8, 3), (12, 2, 2)]
        {
            let inst = room(people, groups, rounds);
            let bound = crate::domain::rotation::repeat_lower_bound(&inst);
            for seed in 0..3 {
                let assign = start(&inst, &mut Rng::new(seed)).expect("a prime power");
                let m = metrics(&inst, &Plan { assign });
                assert!(m.violations.is_empty(), "{people}/{groups}/{rounds}");
                assert!(m.spread <= 1, "{people}/{groups}/{rounds}");
                assert_eq!(m.repeats, bound, "{people}/{groups}/{rounds}");
            }
        }
    }

    #[test]
    fn more_rounds_than_groups_or_six_groups_do_not_apply() {
        assert!(start(&room(12, 3, 4), &mut Rng::new(1)).is_none());
        assert!(start(&room(30, 6, 3), &mut Rng::new(1)).is_none());
        assert!(start(&room(30, 5, 1), &mut Rng::new(1)).is_none());
    }
}
