//! The rotation planner: who sits at which group in each round.
//!
//! Rules and goals, in this order:
//! 1. hard: rapporteurs stay with their group every round; nobody visits the same group twice;
//!    a group's capacity (table size) is respected;
//! 2. every wish is honoured when possible, otherwise as many as possible, higher-ranked first;
//! 3. group sizes in each round are balanced (largest minus smallest at most 1);
//! 4. as few repeated encounters as possible (two people at the same table in more than one
//!    round count as one repeat: the "social golfer" problem).
//!
//! The goals become one lexicographic cost. Where the room's size allows, the plan starts from
//! a design with no more repeats than [`repeat_lower_bound`] (`rotation/design.rs`); a
//! deterministic simulated annealing (seeded) then moves people between tables, swaps two
//! people, exchanges two of one person's rounds or two people's places in two rounds, with the
//! cost updated incrementally, until the wishes are kept too.

mod design;

use super::rng::Rng;
use super::{Op, ParticipantId, Role, Session, ThemeId, Workshop};

/// A planning problem, by index: people `0..P`, groups `0..G`, rounds `0..R`.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub people: Vec<Person>,
    pub groups: Vec<GroupSpec>,
    pub rounds: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: ParticipantId,
    /// Index of the group this person is rapporteur of: they stay there.
    pub fixed: Option<usize>,
    /// Wished group indices, most wanted first.
    pub wishes: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpec {
    pub theme: ThemeId,
    pub capacity: Option<usize>,
}

/// `assign[p][r]` = the group of person `p` in round `r`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub assign: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metrics {
    pub wishes: usize,
    pub honoured: usize,
    /// Largest (max − min) group size over the rounds.
    pub spread: usize,
    pub repeats: usize,
    /// Hard-rule violations (0 for any plan the planner returns when the rules can be met).
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    RapporteurMoved {
        person: usize,
        round: usize,
    },
    VisitedTwice {
        person: usize,
        group: usize,
    },
    OverCapacity {
        round: usize,
        group: usize,
        size: usize,
    },
}

/// Why a wish is not honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WishMiss {
    /// More wishes than rounds: the later ones cannot all fit.
    MoreWishesThanRounds,
    /// The group's table is full in every round the person is free.
    GroupFull,
    /// A rapporteur stays with their own group.
    Rapporteur,
    /// Given up for a higher-ranked wish or for balance.
    Traded,
}

impl Instance {
    /// The people who came: once rounds of `w` have been played, those seated in none of
    /// them (people of the session who were not at this workshop, such as companies that
    /// came only to the rencontre) are left out of the plan of the rounds to come.
    pub fn present_at(mut self, w: &Workshop) -> Instance {
        let played = Kept::played(&self, w).rounds;
        if played == 0 {
            return self;
        }
        let seated = |p: &Person| (1..=played).any(|r| seat(&self, w, p, r).is_some());
        let keep: Vec<bool> = self.people.iter().map(seated).collect();
        let mut flags = keep.into_iter();
        self.people.retain(|_| flags.next().unwrap_or(true));
        self
    }

    /// The instance of a session's workshop: participants other than facilitators, the
    /// workshop's groups, their rapporteurs, capacities and the participants' wishes.
    pub fn from_session(s: &Session, w: &Workshop, rounds: usize) -> Instance {
        let groups: Vec<(ThemeId, Option<ParticipantId>, Option<u32>)> = s
            .groups_in(w)
            .iter()
            .map(|(t, g)| (t.id, g.rapporteur, g.capacity))
            .collect();
        let index_of = |t: ThemeId| groups.iter().position(|g| g.0 == t);
        let people = s
            .participants
            .iter()
            .filter(|p| p.role != Role::Facilitator)
            .map(|p| {
                let mut wishes: Vec<usize> = Vec::new();
                for t in &p.choices {
                    if let Some(i) = index_of(*t)
                        && !wishes.contains(&i)
                    {
                        wishes.push(i);
                    }
                }
                Person {
                    id: p.id,
                    fixed: groups.iter().position(|g| g.1 == Some(p.id)),
                    wishes,
                }
            })
            .collect();
        Instance {
            people,
            groups: groups
                .iter()
                .map(|g| GroupSpec {
                    theme: g.0,
                    capacity: g.2.map(|c| c as usize),
                })
                .collect(),
            rounds,
        }
    }
}

// Weights of the lexicographic cost: a hard rule outweighs every wish, a wish every balance
// step, a balance step every repeat.
const W_HARD: i64 = 1_000_000_000_000;
const W_WISH: i64 = 1_000_000;
const W_BALANCE: i64 = 1_000;
const W_REPEAT: i64 = 1;

fn wish_weight(rank: usize) -> i64 {
    // Higher-ranked wishes weigh more; a first wish outweighs any number of later ones.
    W_WISH * (1i64 << (8usize.saturating_sub(rank).min(20)))
}

/// Incrementally maintained state of a plan.
struct Search<'a> {
    inst: &'a Instance,
    assign: Vec<Vec<usize>>,
    /// members[r][g]: people at group g in round r.
    members: Vec<Vec<Vec<usize>>>,
    /// meet[p * P + q]: rounds p and q share a table.
    meet: Vec<u8>,
    repeats: i64,
}

impl<'a> Search<'a> {
    fn new(inst: &'a Instance, assign: Vec<Vec<usize>>) -> Self {
        let p = inst.people.len();
        let g = inst.groups.len();
        let mut members = vec![vec![Vec::new(); g]; inst.rounds];
        for (pi, rounds) in assign.iter().enumerate() {
            for (r, &gi) in rounds.iter().enumerate() {
                members[r][gi].push(pi);
            }
        }
        let mut s = Search {
            inst,
            assign,
            members,
            meet: vec![0; p * p],
            repeats: 0,
        };
        for r in 0..inst.rounds {
            for gi in 0..g {
                let n = s.members[r][gi].len();
                for i in 0..n {
                    for j in i + 1..n {
                        let (a, b) = (s.members[r][gi][i], s.members[r][gi][j]);
                        s.bump(a, b, 1);
                    }
                }
            }
        }
        s
    }

    fn bump(&mut self, a: usize, b: usize, up: i8) {
        let n = self.inst.people.len();
        let (i, j) = (a * n + b, b * n + a);
        let before = self.meet[i];
        let after = if up > 0 {
            before + 1
        } else {
            before.saturating_sub(1)
        };
        self.meet[i] = after;
        self.meet[j] = after;
        if before < 2 && after >= 2 {
            self.repeats += 1;
        } else if before >= 2 && after < 2 {
            self.repeats -= 1;
        }
    }

    fn person_cost(&self, p: usize) -> i64 {
        let person = &self.inst.people[p];
        let rounds = &self.assign[p];
        let mut c = 0;
        match person.fixed {
            Some(f) => {
                c += rounds.iter().filter(|&&g| g != f).count() as i64 * W_HARD;
            }
            None => {
                for (i, &a) in rounds.iter().enumerate() {
                    if rounds[i + 1..].contains(&a) {
                        c += W_HARD;
                    }
                }
                for (rank, w) in person.wishes.iter().enumerate() {
                    if !rounds.contains(w) {
                        c += wish_weight(rank);
                    }
                }
            }
        }
        c
    }

    fn round_cost(&self, r: usize) -> i64 {
        let (mut c, mut max, mut min, mut squares) = (0i64, 0usize, usize::MAX, 0i64);
        for (gi, m) in self.members[r].iter().enumerate() {
            let n = m.len();
            if let Some(cap) = self.inst.groups[gi].capacity
                && n > cap
            {
                c += (n - cap) as i64 * W_HARD;
            }
            max = max.max(n);
            min = min.min(n);
            squares += (n * n) as i64;
        }
        // Sizes as equal as possible: the spread beyond 1 is a balance fault; the squares
        // steer towards it smoothly.
        c + max.saturating_sub(min).saturating_sub(1) as i64 * W_BALANCE + squares
    }

    fn total(&self) -> i64 {
        (0..self.inst.people.len())
            .map(|p| self.person_cost(p))
            .sum::<i64>()
            + (0..self.inst.rounds)
                .map(|r| self.round_cost(r))
                .sum::<i64>()
            + self.repeats * W_REPEAT * 8
    }

    /// Moves person p in round r to group g (no cost bookkeeping).
    fn relocate(&mut self, p: usize, r: usize, g: usize) {
        let from = self.assign[p][r];
        if from == g {
            return;
        }
        if let Some(pos) = self.members[r][from].iter().position(|&x| x == p) {
            self.members[r][from].swap_remove(pos);
        }
        for k in 0..self.members[r][from].len() {
            let q = self.members[r][from][k];
            self.bump(p, q, -1);
        }
        for k in 0..self.members[r][g].len() {
            let q = self.members[r][g][k];
            self.bump(p, q, 1);
        }
        self.members[r][g].push(p);
        self.assign[p][r] = g;
    }

    fn local_cost(&self, people: &[usize], rounds: &[usize]) -> i64 {
        people.iter().map(|&p| self.person_cost(p)).sum::<i64>()
            + rounds.iter().map(|&r| self.round_cost(r)).sum::<i64>()
            + self.repeats * W_REPEAT * 8
    }
}

/// The fewest repeated encounters any plan can have, by counting alone: between two rounds,
/// the people who sat at one table (its rapporteur apart) must all go to other tables, since
/// nobody visits a group twice, so when they are more than the other tables some of them meet
/// again. Spread as evenly as possible (the fewest such pairs, the count being convex), each of
/// the G groups holds its share of the M people who move, and they scatter over the G − 1
/// other groups. A pair of rounds gives a bound; the largest is kept (a pair meeting again is
/// counted once, however many times). 0 with fewer than two rounds, or more rounds than
/// groups (the rules cannot all hold then).
pub fn repeat_lower_bound(inst: &Instance) -> usize {
    let g = inst.groups.len();
    if inst.rounds < 2 || g < 2 || inst.rounds > g {
        return 0;
    }
    let movers = inst.people.iter().filter(|p| p.fixed.is_none()).count();
    let pairs = |n: usize| n * n.saturating_sub(1) / 2;
    // n people over k tables, as evenly as possible: the pairs that share a table.
    let scattered = |n: usize, k: usize| {
        let (q, r) = (n / k, n % k);
        r * pairs(q + 1) + (k - r) * pairs(q)
    };
    let (share, more) = (movers / g, movers % g);
    more * scattered(share + 1, g - 1) + (g - more) * scattered(share, g - 1)
}

/// The metrics of any plan.
pub fn metrics(inst: &Instance, plan: &Plan) -> Metrics {
    let s = Search::new(inst, plan.assign.clone());
    let mut m = Metrics {
        wishes: 0,
        honoured: 0,
        spread: 0,
        repeats: s.repeats as usize,
        violations: Vec::new(),
    };
    for (p, person) in inst.people.iter().enumerate() {
        let rounds = &plan.assign[p];
        match person.fixed {
            Some(f) => {
                for (r, &g) in rounds.iter().enumerate() {
                    if g != f {
                        m.violations.push(Violation::RapporteurMoved {
                            person: p,
                            round: r,
                        });
                    }
                }
            }
            None => {
                for (i, &g) in rounds.iter().enumerate() {
                    if rounds[i + 1..].contains(&g) {
                        m.violations.push(Violation::VisitedTwice {
                            person: p,
                            group: g,
                        });
                    }
                }
                m.wishes += person.wishes.len().min(inst.rounds);
                m.honoured += person
                    .wishes
                    .iter()
                    .take(inst.rounds)
                    .filter(|w| rounds.contains(w))
                    .count();
            }
        }
    }
    for r in 0..inst.rounds {
        let sizes: Vec<usize> = s.members[r].iter().map(Vec::len).collect();
        for (g, &n) in sizes.iter().enumerate() {
            if let Some(cap) = inst.groups[g].capacity
                && n > cap
            {
                m.violations.push(Violation::OverCapacity {
                    round: r,
                    group: g,
                    size: n,
                });
            }
        }
        let spread = sizes.iter().max().unwrap_or(&0) - sizes.iter().min().unwrap_or(&0);
        m.spread = m.spread.max(spread);
    }
    m
}

/// A random plan that respects the hard rules as far as randomness allows: rapporteurs in
/// place, distinct groups per person. The baseline planners are compared with.
pub fn random_plan(inst: &Instance, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    let g = inst.groups.len().max(1);
    let assign = inst
        .people
        .iter()
        .map(|p| match p.fixed {
            Some(f) => vec![f; inst.rounds],
            None => {
                let mut order: Vec<usize> = (0..g).collect();
                rng.shuffle(&mut order);
                (0..inst.rounds).map(|r| order[r % g]).collect()
            }
        })
        .collect();
    Plan { assign }
}

/// Plans the rounds. Deterministic for a seed; `effort` scales the search (1 is the default).
pub fn plan(inst: &Instance, seed: u64) -> Plan {
    plan_with_effort(inst, seed, 1.0)
}

pub fn plan_with_effort(inst: &Instance, seed: u64, effort: f64) -> Plan {
    plan_inner(inst, seed, effort, &Kept::none())
}

/// Rounds already played: the first `rounds` of `plan` stay as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub rounds: usize,
    pub plan: Plan,
    /// `ahead[p][k]`: where person p already sits in the k-th round to come, if anywhere (a
    /// plan proposed earlier, or seats placed by hand). A start for the search, not a rule.
    pub ahead: Vec<Vec<Option<usize>>>,
}

impl Kept {
    pub fn none() -> Kept {
        Kept {
            rounds: 0,
            plan: Plan { assign: Vec::new() },
            ahead: Vec::new(),
        }
    }

    /// The rounds of a workshop that have started (the one in progress included), as its
    /// tables hold them. Someone absent from a played table is counted at a group of their
    /// own wishes (or the first), which only weighs on the costs: played tables are never
    /// rewritten.
    pub fn played(inst: &Instance, w: &Workshop) -> Kept {
        use super::Phase;
        let started = match w.phase {
            Phase::Preparation | Phase::Presentation { .. } => 0,
            Phase::Groups { round } => usize::from(round),
            Phase::Rotation { to_round } => usize::from(to_round).saturating_sub(1),
            _ => inst.rounds,
        }
        .min(inst.rounds);
        let g = inst.groups.len();
        let assign = inst
            .people
            .iter()
            .map(|person| {
                let seats: Vec<Option<usize>> =
                    (1..=started).map(|r| seat(inst, w, person, r)).collect();
                // Someone not seated in a played round (late, or out for a round) is counted
                // at a group they were not at in the other played rounds, so that the plan
                // does not send them to a group twice because of a seat they never had.
                let mut used: Vec<usize> = seats.iter().flatten().copied().collect();
                seats
                    .iter()
                    .map(|s| match s {
                        Some(gi) => *gi,
                        None => {
                            let free = person
                                .wishes
                                .iter()
                                .copied()
                                .chain(0..g)
                                .find(|x| !used.contains(x))
                                .unwrap_or(0);
                            used.push(free);
                            free
                        }
                    })
                    .collect()
            })
            .collect();
        let ahead = inst
            .people
            .iter()
            .map(|person| {
                (started + 1..=inst.rounds)
                    .map(|r| seat(inst, w, person, r))
                    .collect()
            })
            .collect();
        Kept {
            rounds: started,
            plan: Plan { assign },
            ahead,
        }
    }

    /// The kept group of a person in a round (0-based), if that round is kept.
    fn group(&self, person: usize, round: usize) -> Option<usize> {
        self.plan.assign.get(person)?.get(round).copied()
    }
}

/// Plans the rounds after those already played, which stay as they are and count (a group
/// visited in round 1 is not visited again, people who met have met).
pub fn plan_after(inst: &Instance, seed: u64, kept: &Kept) -> Plan {
    plan_inner(inst, seed, 1.0, kept)
}

/// How hard each of `R`'s searches (see [`plan_room`]) goes: two and a half times the
/// default; the two of them at once stay under 1 s for 60 people, 8 groups, 4 rounds on this
/// 2-core machine (`cargo bench --bench rotation`, second table).
pub const ROOM_EFFORT: f64 = 2.5;

/// `plan_after` with a search effort (1.0: the default).
pub fn plan_after_with_effort(inst: &Instance, seed: u64, kept: &Kept, effort: f64) -> Plan {
    plan_inner(inst, seed, effort, kept)
}

/// What `R` and `atelier rotation` run: `searches` independent searches at [`ROOM_EFFORT`]
/// (seeds derived from `seed`), each on its own thread, and the cheapest plan (the first on
/// a tie, so the result depends on the seed and `searches` only). With two cores, twice the
/// search in the time of one.
pub fn plan_room(inst: &Instance, seed: u64, kept: &Kept, searches: usize) -> Plan {
    // Small rooms get the search a large one gets, as independent restarts: a plan of 20
    // people takes a tenth of the time `R` may take, and the best plans there (a design with
    // no repeat) are found from another start rather than by searching one start longer.
    // A plane that already meets every wish with the fewest repeats there can be: nothing to
    // search (the same plane `plan_at` would start from with this seed).
    if kept.rounds == 0
        && let Some(assign) = design::start(inst, &mut Rng::new(seed))
        && cannot_be_bettered(inst, &assign)
    {
        return Plan { assign };
    }
    let base = 30_000 + 1_500 * inst.people.len() * inst.rounds;
    let restarts = (ROOM_FLOOR / base).max(1) as u64;
    // Where a room's size has a second design, it replaces the random start.
    let second = kept.rounds == 0 && design::has_second(inst.groups.len(), inst.rounds);
    let searches = searches.max(1) as u64;
    let cheapest = |plans: Vec<Plan>| -> Option<(i64, Plan)> {
        let mut best: Option<(i64, Plan)> = None;
        for plan in plans {
            let cost = Search::new(inst, plan.assign.clone()).total();
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, plan));
            }
        }
        best
    };
    // Search k of thread t uses seed + (t + k·searches)·φ: distinct, and the same whatever
    // the machine.
    let run = |t: u64| {
        let plans = (0..restarts)
            .map(|k| {
                let s = seed.wrapping_add((t + k * searches).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                // One narrow search from a design (or the seats placed ahead); the other from
                // the room size's second design where it has one, else wide from random.
                let (t0, from) = if !t.is_multiple_of(2) {
                    (T_NARROW, From::Design)
                } else if second {
                    (T_NARROW, From::SecondDesign)
                } else {
                    (T_WIDE, From::Random)
                };
                plan_at(inst, s, ROOM_EFFORT, kept, t0, from)
            })
            .collect();
        cheapest(plans)
    };
    let found: Vec<(i64, Plan)> = if searches == 1 {
        run(0).into_iter().collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..searches).map(|t| scope.spawn(move || run(t))).collect();
            handles
                .into_iter()
                .filter_map(|h| h.join().ok().flatten())
                .collect()
        })
    };
    cheapest(found.into_iter().map(|(_, p)| p).collect())
        .map(|(_, p)| p)
        .unwrap_or_else(|| plan_inner(inst, seed, ROOM_EFFORT, kept))
}

/// The fewest descent iterations (before the effort) `plan_room` gives a room, however small.
const ROOM_FLOOR: usize = 400_000;

/// How many searches `R` runs at once: two, one a core on the 2-core laptops the planner is
/// measured on; fixed rather than read from the machine, so that a seed gives the same plan
/// everywhere.
pub const ROOM_SEARCHES: usize = 2;

/// The annealing's starting temperatures, in units of a repeated encounter's cost (8): a
/// wide search crosses more (best on dense tables, 40 / 5 / 3), a narrow one descends more
/// (best on sparse ones, 60 / 8 / 4: 4–6 repeats where the wide one gives 5–9). `R` runs one
/// of each at once.
const T_WIDE: f64 = 16.0 * W_REPEAT as f64;
const T_NARROW: f64 = 2.0 * W_REPEAT as f64;

fn plan_inner(inst: &Instance, seed: u64, effort: f64, kept: &Kept) -> Plan {
    plan_at(inst, seed, effort, kept, T_WIDE, From::Design)
}

/// Where a search starts.
#[derive(Clone, Copy)]
enum From {
    Random,
    /// A design when nothing is played yet and one applies, else the seats already placed in
    /// the rounds to come, else random.
    Design,
    /// The room size's second design (see `design::second_design`), else random.
    SecondDesign,
}

/// One search at starting temperature `t0`, from `from`.
fn plan_at(inst: &Instance, seed: u64, effort: f64, kept: &Kept, t0: f64, from: From) -> Plan {
    let g = inst.groups.len();
    let p = inst.people.len();
    if g == 0 || inst.rounds == 0 || p == 0 {
        return Plan {
            assign: vec![Vec::new(); p],
        };
    }
    let keep = kept.rounds.min(inst.rounds);
    let mut rng = Rng::new(seed);
    if keep >= inst.rounds {
        return Plan {
            assign: initial(inst, kept, keep, &mut rng),
        };
    }
    // A long descent, then short ones from the best plan shaken by a few random moves (and
    // one from a fresh start): wishes and balance are never traded away within a descent, so
    // one can end where only several moves at once help, e.g. two people who wish the same
    // group in the same round (tables of 3, 1, 2) when another round had room for one of
    // them (2, 2, 2), or a seat with a table size that a third person's wish needs.
    let iterations = ((30_000 + 1_500 * p * inst.rounds) as f64 * effort) as usize;
    let movers: Vec<usize> = (0..p).filter(|&i| inst.people[i].fixed.is_none()).collect();
    let planned = match (from, keep) {
        (From::Random, _) => None,
        (From::Design, 0) => design::start(inst, &mut rng),
        (From::Design, _) => from_ahead(inst, kept, keep, &mut rng),
        (From::SecondDesign, 0) => design::second_start(inst, &mut rng),
        (From::SecondDesign, _) => None,
    };
    if let Some(assign) = planned.as_ref()
        && cannot_be_bettered(inst, assign)
    {
        return Plan {
            assign: assign.clone(),
        };
    }
    let start = planned.unwrap_or_else(|| initial(inst, kept, keep, &mut rng));
    let mut best = anneal(inst, start, keep, iterations, t0, &mut rng);
    let fresh = initial(inst, kept, keep, &mut rng);
    let found = anneal(inst, fresh, keep, iterations / 8, t0, &mut rng);
    if found.0 < best.0 {
        best = found;
    }
    for k in 0..KICKS {
        let mut start = best.1.clone();
        for _ in 0..2 + k % 3 {
            if movers.is_empty() {
                break;
            }
            let a = movers[rng.below(movers.len())];
            let r = keep + rng.below(inst.rounds - keep);
            if let Some(seat) = start.get_mut(a).and_then(|x| x.get_mut(r)) {
                *seat = rng.below(g);
            }
        }
        let found = anneal(inst, start, keep, iterations / (4 * KICKS), t0, &mut rng);
        if found.0 < best.0 {
            best = found;
        }
    }
    Plan { assign: best.1 }
}

/// Every rule kept, every wish honoured, tables within one of each other, and no more repeats
/// than [`repeat_lower_bound`]: no plan costs less.
fn cannot_be_bettered(inst: &Instance, assign: &[Vec<usize>]) -> bool {
    let m = metrics(
        inst,
        &Plan {
            assign: assign.to_vec(),
        },
    );
    m.violations.is_empty()
        && m.honoured == m.wishes
        && m.spread <= 1
        && m.repeats <= repeat_lower_bound(inst)
}

/// Short descents from the best plan shaken (see `plan_inner`).
const KICKS: usize = 12;

/// A start from the seats already placed in the rounds to come (after someone left, the plan
/// proposed before, a design perhaps, is the best place to look from): the played rounds as
/// they were, then each seat placed where it does not send its person to a group twice, and
/// the others as [`initial`] would. `None` when no seat is placed ahead.
fn from_ahead(inst: &Instance, kept: &Kept, keep: usize, rng: &mut Rng) -> Option<Vec<Vec<usize>>> {
    if !kept.ahead.iter().flatten().any(Option::is_some) {
        return None;
    }
    let mut start = initial(inst, kept, keep, rng);
    for (pi, row) in start.iter_mut().enumerate() {
        if inst.people.get(pi).is_none_or(|p| p.fixed.is_some()) {
            continue;
        }
        let ahead = kept.ahead.get(pi).map_or(&[][..], Vec::as_slice);
        for (k, seat) in ahead.iter().enumerate() {
            let r = keep + k;
            let Some(g) = *seat else { continue };
            if r >= row.len() || row.get(r) == Some(&g) {
                continue;
            }
            // Free g in this person's row: whoever had it takes the group g replaces.
            let old = row[r];
            if let Some(other) = (keep..row.len()).find(|&q| q != r && row[q] == g) {
                row[other] = old;
            } else if row.get(..keep).is_none_or(|played| played.contains(&g)) {
                continue;
            }
            row[r] = g;
        }
    }
    Some(start)
}

/// A start: the played rounds as they were; then wishes not yet visited first, then the other
/// groups in a random order.
fn initial(inst: &Instance, kept: &Kept, keep: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    let g = inst.groups.len();
    inst.people
        .iter()
        .enumerate()
        .map(|(pi, person)| match person.fixed {
            Some(f) => vec![f; inst.rounds],
            None => {
                let before: Vec<usize> = (0..keep).filter_map(|r| kept.group(pi, r)).collect();
                let mut order: Vec<usize> = person
                    .wishes
                    .iter()
                    .copied()
                    .filter(|x| !before.contains(x))
                    .take(inst.rounds - keep)
                    .collect();
                let mut rest: Vec<usize> = (0..g)
                    .filter(|x| !order.contains(x) && !before.contains(x))
                    .collect();
                rng.shuffle(&mut rest);
                order.extend(rest);
                // Everyone visited everything already: any group will do.
                if order.is_empty() {
                    order = (0..g).collect();
                }
                let mut later: Vec<usize> = (0..inst.rounds - keep)
                    .map(|r| order[r % order.len()])
                    .collect();
                rng.shuffle(&mut later);
                before.into_iter().chain(later).collect()
            }
        })
        .collect()
}

/// Simulated annealing from `start` over the rounds after `keep`: the best plan met, with its
/// cost.
fn anneal(
    inst: &Instance,
    start: Vec<Vec<usize>>,
    keep: usize,
    iterations: usize,
    t0: f64,
    rng: &mut Rng,
) -> (i64, Vec<Vec<usize>>) {
    let (g, p) = (inst.groups.len(), inst.people.len());
    let free = inst.rounds - keep;
    let movers: Vec<usize> = (0..p).filter(|&i| inst.people[i].fixed.is_none()).collect();
    let mut s = Search::new(inst, start);
    let mut cost = s.total();
    let mut best = (cost, s.assign.clone());
    if movers.is_empty() {
        return best;
    }
    for it in 0..iterations {
        let temp = t0 * (1.0 - it as f64 / iterations as f64) + 0.01;
        let a = movers[rng.below(movers.len())];
        let r = keep + rng.below(free);
        match rng.below(4) {
            // a and b trade places in two rounds at once (a at g1 then g2, b at g2 then g1):
            // everyone keeps the groups they visit, so the wishes and the table sizes hold,
            // only who meets whom changes. Each single swap would send one of them to a group
            // twice; without this move a plan of people who each wish most rounds' groups can
            // only change through such swaps, which the search refuses.
            3 => {
                let r2 = keep + rng.below(free);
                let (g1, g2) = (s.assign[a][r], s.assign[a][r2]);
                if r == r2 || g1 == g2 {
                    continue;
                }
                // Among those at g2 in round r (a table, not everyone): at g1 in round r2.
                let table = s.members.get(r).and_then(|m| m.get(g2));
                let count = table.map_or(0, |t| {
                    t.iter()
                        .filter(|&&b| {
                            b != a && inst.people[b].fixed.is_none() && s.assign[b][r2] == g1
                        })
                        .count()
                });
                if count == 0 {
                    continue;
                }
                let k = rng.below(count);
                let Some(b) = table.and_then(|t| {
                    t.iter()
                        .copied()
                        .filter(|&b| {
                            b != a && inst.people[b].fixed.is_none() && s.assign[b][r2] == g1
                        })
                        .nth(k)
                }) else {
                    continue;
                };
                let before = s.local_cost(&[a, b], &[r, r2]);
                s.relocate(a, r, g2);
                s.relocate(b, r, g1);
                s.relocate(a, r2, g1);
                s.relocate(b, r2, g2);
                let delta = s.local_cost(&[a, b], &[r, r2]) - before;
                if accept(delta, temp, rng) {
                    cost += delta;
                } else {
                    s.relocate(b, r2, g1);
                    s.relocate(a, r2, g2);
                    s.relocate(b, r, g2);
                    s.relocate(a, r, g1);
                }
            }
            // Move a to another group in round r.
            0 => {
                let from = s.assign[a][r];
                let to = rng.below(g);
                if to == from {
                    continue;
                }
                let before = s.local_cost(&[a], &[r]);
                s.relocate(a, r, to);
                let delta = s.local_cost(&[a], &[r]) - before;
                if accept(delta, temp, rng) {
                    cost += delta;
                } else {
                    s.relocate(a, r, from);
                }
            }
            // Swap a and b's groups in round r.
            1 => {
                let b = movers[rng.below(movers.len())];
                let (ga, gb) = (s.assign[a][r], s.assign[b][r]);
                if a == b || ga == gb {
                    continue;
                }
                let before = s.local_cost(&[a, b], &[r]);
                s.relocate(a, r, gb);
                s.relocate(b, r, ga);
                let delta = s.local_cost(&[a, b], &[r]) - before;
                if accept(delta, temp, rng) {
                    cost += delta;
                } else {
                    s.relocate(b, r, gb);
                    s.relocate(a, r, ga);
                }
            }
            // Exchange two of a's rounds.
            _ => {
                let r2 = keep + rng.below(free);
                let (g1, g2) = (s.assign[a][r], s.assign[a][r2]);
                if r == r2 || g1 == g2 {
                    continue;
                }
                let before = s.local_cost(&[a], &[r, r2]);
                s.relocate(a, r, g2);
                s.relocate(a, r2, g1);
                let delta = s.local_cost(&[a], &[r, r2]) - before;
                if accept(delta, temp, rng) {
                    cost += delta;
                } else {
                    s.relocate(a, r2, g2);
                    s.relocate(a, r, g1);
                }
            }
        }
        if cost < best.0 {
            best = (cost, s.assign.clone());
        }
    }
    best
}

fn accept(delta: i64, temp: f64, rng: &mut Rng) -> bool {
    delta <= 0 || (delta < W_BALANCE && rng.unit() < (-(delta as f64) / temp).exp())
}

/// The wishes a plan leaves out, and why.
pub fn missed_wishes(inst: &Instance, plan: &Plan) -> Vec<(usize, usize, WishMiss)> {
    let mut out = Vec::new();
    for (p, person) in inst.people.iter().enumerate() {
        for (rank, &w) in person.wishes.iter().enumerate() {
            if plan.assign[p].contains(&w) {
                continue;
            }
            let why = if person.fixed.is_some() {
                WishMiss::Rapporteur
            } else if rank >= inst.rounds {
                WishMiss::MoreWishesThanRounds
            } else if inst.groups[w].capacity.is_some_and(|cap| {
                (0..inst.rounds)
                    .all(|r| plan.assign.iter().filter(|a| a.get(r) == Some(&w)).count() >= cap)
            }) {
                WishMiss::GroupFull
            } else {
                WishMiss::Traded
            };
            out.push((p, w, why));
        }
    }
    out
}

/// The op that writes a plan into a workshop's round tables (one undo step).
pub fn apply_op(inst: &Instance, plan: &Plan, workshop: u32, rounds: u8) -> Op {
    apply_op_after(inst, plan, workshop, rounds, 0)
}

/// The op that writes the tables of the rounds after the first `keep` (played tables are
/// never rewritten).
pub fn apply_op_after(inst: &Instance, plan: &Plan, workshop: u32, rounds: u8, keep: usize) -> Op {
    let mut ops = vec![Op::SetRoundCount { workshop, rounds }];
    for r in keep..inst.rounds {
        for (gi, g) in inst.groups.iter().enumerate() {
            // Rapporteur first, as people read the table.
            let mut members: Vec<ParticipantId> = inst
                .people
                .iter()
                .enumerate()
                .filter(|(p, person)| {
                    plan.assign[*p].get(r) == Some(&gi) && person.fixed == Some(gi)
                })
                .map(|(_, person)| person.id)
                .collect();
            members.extend(
                inst.people
                    .iter()
                    .enumerate()
                    .filter(|(p, person)| {
                        plan.assign[*p].get(r) == Some(&gi) && person.fixed != Some(gi)
                    })
                    .map(|(_, person)| person.id),
            );
            ops.push(Op::SetTable {
                workshop,
                round: r as u8 + 1,
                theme: g.theme,
                members,
            });
        }
    }
    Op::Batch(ops)
}

/// The group index where a person sits in round `r` (1-based) of a workshop's tables.
fn seat(inst: &Instance, w: &Workshop, person: &Person, r: usize) -> Option<usize> {
    inst.groups
        .iter()
        .position(|g| w.members(r as u8, g.theme).contains(&person.id))
        // A rapporteur is at their group even when the table does not list them.
        .or(person.fixed)
}

/// The plan the round tables of a workshop hold, or the number of people not seated in some
/// round.
pub fn plan_from_tables(inst: &Instance, w: &Workshop) -> Result<Plan, usize> {
    let mut missing = 0;
    let mut assign = Vec::with_capacity(inst.people.len());
    for person in &inst.people {
        let mut rounds = Vec::with_capacity(inst.rounds);
        for r in 1..=inst.rounds {
            match seat(inst, w, person, r) {
                Some(g) => rounds.push(g),
                None => missing += 1,
            }
        }
        assign.push(rounds);
    }
    if missing > 0 {
        Err(missing)
    } else {
        Ok(Plan { assign })
    }
}

/// Median repeats over `n` random plans: the baseline a plan is compared with.
pub fn random_baseline(inst: &Instance, n: u64) -> usize {
    random_baseline_after(inst, n, &Kept::none())
}

/// The same with the played rounds kept in every random plan.
pub fn random_baseline_after(inst: &Instance, n: u64, kept: &Kept) -> usize {
    let mut v: Vec<usize> = (0..n)
        .map(|seed| {
            let mut plan = random_plan(inst, 1000 + seed);
            for (pi, rounds) in plan.assign.iter_mut().enumerate() {
                for (r, g) in rounds.iter_mut().enumerate() {
                    if let Some(k) = kept.group(pi, r) {
                        *g = k;
                    }
                }
            }
            metrics(inst, &plan).repeats
        })
        .collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `people`, the first `groups` of them rapporteurs (with `rapporteurs`), no wishes, no
    /// table sizes; also the designs' tests' rooms.
    pub(super) fn instance(
        people: usize,
        groups: usize,
        rounds: usize,
        rapporteurs: bool,
    ) -> Instance {
        Instance {
            people: (0..people)
                .map(|i| Person {
                    id: i as u32 + 1,
                    fixed: (rapporteurs && i < groups).then_some(i),
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
    fn finds_a_plan_without_repeats_where_one_exists() {
        // 20 people, 5 tables of 4, 3 rounds: zero repeats is possible with every table
        // visited at most once.
        let inst = instance(20, 5, 3, false);
        let m = metrics(&inst, &plan(&inst, 1));
        assert!(m.violations.is_empty(), "{:?}", m.violations);
        assert_eq!(m.spread, 0);
        assert_eq!(m.repeats, 0);
    }

    #[test]
    fn the_4_4_4_instance_keeps_every_rule() {
        // The classic 4-4-4 social golfer instance has a zero-repeat solution only when a
        // person may sit at the same table twice; with "nobody visits the same group twice"
        // every person sees all four tables, and no zero-repeat plan exists (the 16 plans are
        // a [4,2,3] MDS code over 4 symbols, all equivalent to Reed–Solomon, and no relabelling
        // of the tables gives every codeword distinct symbols). GF(4)'s plane seats 12 without
        // a repeat, the other 4 each on a seat taken: 4 repeats, the lower bound.
        let inst = instance(16, 4, 4, false);
        let m = metrics(&inst, &plan(&inst, 1));
        assert!(m.violations.is_empty(), "{:?}", m.violations);
        assert_eq!(m.spread, 0);
        assert_eq!((m.repeats, repeat_lower_bound(&inst)), (4, 4));
        assert!(m.repeats < random_baseline(&inst, 20));
    }

    #[test]
    fn deterministic_for_a_seed() {
        let inst = instance(30, 5, 3, true);
        assert_eq!(plan(&inst, 7), plan(&inst, 7));
    }

    #[test]
    fn rapporteurs_stay_and_tables_balance() {
        let inst = instance(40, 6, 3, true);
        let plan = plan(&inst, 3);
        let m = metrics(&inst, &plan);
        assert!(m.violations.is_empty(), "{:?}", m.violations);
        assert!(m.spread <= 1);
        assert!(m.repeats < random_baseline(&inst, 20));
    }

    #[test]
    fn an_impossible_wish_is_reported_with_its_reason() {
        // 9 people, 3 groups, 2 rounds; group 0 seats 2 per round, so 4 seats in all, and
        // everybody wants it first.
        let mut inst = instance(9, 3, 2, false);
        inst.groups[0].capacity = Some(2);
        for p in &mut inst.people {
            p.wishes = vec![0];
        }
        // And one person wishes more groups than there are rounds.
        inst.people[8].wishes = vec![1, 2, 0];
        let plan = plan(&inst, 1);
        let m = metrics(&inst, &plan);
        assert!(m.violations.is_empty(), "{:?}", m.violations);
        let missed = missed_wishes(&inst, &plan);
        let full = missed
            .iter()
            .filter(|(_, _, why)| *why == WishMiss::GroupFull)
            .count();
        assert_eq!(full, 4, "{missed:?}");
        assert!(
            missed.contains(&(8, 0, WishMiss::MoreWishesThanRounds)),
            "{missed:?}"
        );
        // Every seat of group 0 went to a first wish.
        assert_eq!(m.honoured, 4 + 2);
    }

    #[test]
    fn the_lower_bound_of_24_people_4_groups_3_rounds_is_8() {
        // Each table's 5 visitors spread over the 3 other tables: 2 pairs meet again, 4 tables.
        assert_eq!(repeat_lower_bound(&instance(24, 4, 3, true)), 8);
        // 16 people, 4 groups, 4 rounds, no rapporteur: 4 per table over 3 others, 1 pair.
        assert_eq!(repeat_lower_bound(&instance(16, 4, 4, false)), 4);
        assert_eq!(repeat_lower_bound(&instance(12, 3, 1, true)), 0);
        // No plan of the planner goes under it.
        for (p, g, r, rap) in [(24, 4, 3, true), (16, 4, 3, false), (12, 3, 2, true)] {
            let inst = instance(p, g, r, rap);
            let m = metrics(&inst, &plan(&inst, 1));
            assert!(m.repeats >= repeat_lower_bound(&inst), "{p}/{g}/{r}");
        }
    }
}
