//! The rencontre's vote and its cards between processes.
//!
//! - The dot-voting arithmetic: random sequences of dots placed, taken off, undone and
//!   redone (through the undo history, as the app does), under random rules, never pass the
//!   limits; the totals, the ranking (ties share a rank) and the themes retained by default
//!   hold at every step.
//! - Several assistants (`atelier join --cartes`) and the facilitator write cards and place
//!   dots on one rencontre at once, each saving through the store's sync on one file: every
//!   card is in the file exactly once (with its last edit), every dot the file did not
//!   refuse is there, and the limits hold.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Barrier};

use atelier::domain::merge::Pending;
use atelier::domain::rencontre::{CandidateId, VoteRules};
use atelier::domain::rng::Rng;
use atelier::domain::{
    Candidate, Card, CardKind, Dot, History, Op, Participant, Rencontre, Role, Session,
};
use atelier::store::sync::{Shared, stamp};
use proptest::prelude::*;

fn participant(id: u32) -> Participant {
    Participant {
        id,
        name: format!("Personne {id}"),
        organisation: format!("Entreprise {id}"),
        role: Role::Company,
        email: None,
        choices: Vec::new(),
    }
}

/// A session with `people` participants and one rencontre with `themes` candidate themes.
fn session(people: u32, themes: u32, vote: VoteRules) -> Session {
    let mut s = Session::new("Rencontre", "ZA des Portes du Sud");
    for id in 1..=people {
        s.apply(Op::AddParticipant {
            index: id as usize,
            participant: participant(id),
        })
        .unwrap();
    }
    let mut r = Rencontre::new(1);
    r.vote = vote;
    r.themes = (1..=themes)
        .map(|id| Candidate {
            id,
            title: format!("Thème {id}"),
        })
        .collect();
    s.apply(Op::AddRencontre(r)).unwrap();
    s
}

fn sorted_dots(s: &Session) -> Vec<Dot> {
    let mut d = s.rencontre(1).unwrap().dots.clone();
    d.sort_by_key(|d| d.id);
    d
}

/// What the rules and the ranking promise, on any rencontre.
fn check_vote(s: &Session) {
    let r = s.rencontre(1).unwrap();
    let (per_person, per_theme) = (u32::from(r.vote.per_person), u32::from(r.vote.per_theme));
    for p in &s.participants {
        assert!(
            r.dots_of(p.id) <= per_person,
            "{} dots for {}",
            r.dots_of(p.id),
            p.id
        );
        for c in &r.themes {
            assert!(r.dots_by(p.id, c.id) <= per_theme);
        }
    }
    // Every dot is on a candidate theme: the totals add up to the dots.
    let totals: u32 = r.themes.iter().map(|c| r.total(c.id)).sum();
    assert_eq!(totals as usize, r.dots.len());
    check_ranking(r);
}

fn check_ranking(r: &Rencontre) {
    let ranking = r.ranking();
    assert_eq!(ranking.len(), r.themes.len());
    for (i, x) in ranking.iter().enumerate() {
        assert_eq!(x.dots, r.total(x.theme));
        if let Some(next) = ranking.get(i + 1) {
            assert!(x.dots >= next.dots, "not sorted: {ranking:?}");
        }
        let above = ranking.iter().filter(|y| y.dots > x.dots).count() as u32;
        assert_eq!(x.rank, above + 1, "{ranking:?}");
        let same = ranking.iter().filter(|y| y.dots == x.dots).count();
        assert_eq!(x.tied, same > 1, "{ranking:?}");
    }
    let retained = r.default_retained();
    // The top of the vote, in its order.
    let order: Vec<CandidateId> = ranking.iter().map(|x| x.theme).collect();
    assert_eq!(&order[..retained.len()], &retained[..], "{ranking:?}");
    assert!(retained.len() <= 6);
    if r.themes.len() >= 2 {
        assert!(
            (2..=6).contains(&retained.len()),
            "{ranking:?} {retained:?}"
        );
    } else {
        assert_eq!(retained.len(), r.themes.len());
    }
    let voted = ranking.iter().filter(|x| x.dots > 0).count();
    if voted >= 2 {
        // Themes with no dot are left out; four unless a tie at the cut brings more.
        assert!(retained.iter().all(|t| r.total(*t) > 0));
        let kept = &ranking[..retained.len()];
        if retained.len() > 4 {
            assert!(kept.iter().all(|x| x.rank <= 4), "{ranking:?}");
        }
        if let Some(next) = ranking.get(retained.len())
            && next.dots > 0
            && retained.len() < 6
        {
            assert!(
                retained.len() >= 4 && next.rank > 4,
                "{ranking:?} {retained:?}"
            );
        }
    }
}

#[derive(Debug, Clone)]
enum Act {
    /// A dot for a participant on a theme (either may be unknown: one past the last).
    Add(u32, u32),
    /// Takes off the n-th dot (modulo their number).
    Remove(usize),
    Undo,
    Redo,
}

fn act(people: u32, themes: u32) -> impl Strategy<Value = Act> {
    prop_oneof![
        5 => (1..=people + 1, 1..=themes + 1).prop_map(|(p, t)| Act::Add(p, t)),
        2 => any::<usize>().prop_map(Act::Remove),
        2 => Just(Act::Undo),
        1 => Just(Act::Redo),
    ]
}

fn case() -> impl Strategy<Value = (u32, u32, VoteRules, Vec<Act>)> {
    (1u32..=6, 0u32..=7, 1u8..=5).prop_flat_map(|(people, themes, per_person)| {
        (
            Just(people),
            Just(themes),
            (1..=per_person).prop_map(move |per_theme| VoteRules {
                per_person,
                per_theme,
            }),
            proptest::collection::vec(act(people, themes), 0..80),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn dots_never_pass_the_limits_and_the_ranking_holds(
        (people, themes, vote, acts) in case()
    ) {
        let mut s = session(people, themes, vote);
        let mut h = History::default();
        // The dots before each edit that can be undone, and after each undone one.
        let mut undo: Vec<Vec<Dot>> = Vec::new();
        let mut redo: Vec<Vec<Dot>> = Vec::new();
        for a in acts {
            let before = sorted_dots(&s);
            match a {
                Act::Add(p, t) => {
                    let r = s.rencontre(1).unwrap();
                    let allowed = p <= people
                        && t <= themes
                        && r.dots_of(p) < u32::from(vote.per_person)
                        && r.dots_by(p, t) < u32::from(vote.per_theme);
                    prop_assert_eq!(r.can_vote(&s.participants, p, t).is_ok(), allowed);
                    let dot = Dot { id: r.next_dot_id(), participant: p, theme: t };
                    let placed = h.apply(&mut s, Op::AddDot { rencontre: 1, dot });
                    prop_assert_eq!(placed.is_ok(), allowed);
                    if allowed {
                        undo.push(before);
                        redo.clear();
                        prop_assert_eq!(s.rencontre(1).unwrap().dots.len(), undo.last().map_or(0, Vec::len) + 1);
                    } else {
                        prop_assert_eq!(sorted_dots(&s), before);
                    }
                }
                Act::Remove(n) => {
                    let dots = &s.rencontre(1).unwrap().dots;
                    if dots.is_empty() {
                        let gone = h.apply(&mut s, Op::RemoveDot { rencontre: 1, dot: 1 });
                        prop_assert!(gone.is_err());
                        continue;
                    }
                    let id = dots[n % dots.len()].id;
                    h.apply(&mut s, Op::RemoveDot { rencontre: 1, dot: id }).unwrap();
                    undo.push(before);
                    redo.clear();
                }
                Act::Undo => match h.undo(&mut s).unwrap() {
                    Some(_) => {
                        prop_assert_eq!(Some(sorted_dots(&s)), undo.pop());
                        redo.push(before);
                    }
                    None => prop_assert!(undo.is_empty()),
                },
                Act::Redo => match h.redo(&mut s).unwrap() {
                    Some(_) => {
                        prop_assert_eq!(Some(sorted_dots(&s)), redo.pop());
                        undo.push(before);
                    }
                    None => prop_assert!(redo.is_empty()),
                },
            }
            check_vote(&s);
        }
    }

    /// The ranking and the default retained themes of any totals, far past what one vote
    /// gives (many voters, many ties).
    #[test]
    fn any_totals_rank_and_retain_the_top(totals in proptest::collection::vec(0u32..6, 0..10)) {
        let mut r = Rencontre::new(1);
        let mut id = 0;
        for (i, n) in totals.iter().enumerate() {
            let theme = i as u32 + 1;
            r.themes.push(Candidate { id: theme, title: format!("Thème {theme}") });
            for _ in 0..*n {
                id += 1;
                r.dots.push(Dot { id, participant: id, theme });
            }
        }
        check_ranking(&r);
        // The choice of the facilitator comes back in the order of the vote.
        let chosen: Vec<CandidateId> = r.themes.iter().map(|c| c.id).rev().step_by(2).collect();
        r.retained = Some(chosen.clone());
        let retained = r.retained();
        prop_assert_eq!(retained.len(), chosen.len());
        let order: Vec<CandidateId> = r.ranking().iter().map(|x| x.theme).filter(|t| chosen.contains(t)).collect();
        prop_assert_eq!(retained, order);
    }
}

// ------------------------------------------------------------ several processes, one file

const WRITERS: u32 = 4;
const CARDS_EACH: usize = 30;
const VOTERS: u32 = 6;
const THEMES: u32 = 4;

/// What one writer did.
#[derive(Default)]
struct Wrote {
    /// Its cards: the text first written → the text it must have at the end.
    cards: BTreeMap<String, String>,
    /// Dots placed (accepted where this process placed them).
    dots: usize,
    /// Edits the file refused when this process saved (only dots can be).
    dropped: usize,
    syncs: usize,
}

/// One assistant (or the facilitator, writer 0) as the app holds it: the session, the undo
/// history, the edits not yet saved.
struct Writer {
    shared: Shared,
    session: Session,
    history: History,
    pending: Vec<Pending>,
    who: String,
    wrote: Wrote,
}

impl Writer {
    fn join(path: &Path, id: u32) -> Writer {
        let before = stamp(path);
        let text = std::fs::read_to_string(path).unwrap();
        Writer {
            session: atelier::store::parse(&text, path).unwrap(),
            shared: Shared::new(text, before),
            history: History::default(),
            pending: Vec::new(),
            who: format!("assistant {id}"),
            wrote: Wrote::default(),
        }
    }

    fn edit(&mut self, op: Op) {
        let inverse = self.history.apply(&mut self.session, op.clone()).unwrap();
        self.pending.push(Pending { op, inverse });
    }

    /// What the event loop does when a save is due: `store::sync`, then the undo history
    /// follows what was renumbered.
    fn save(&mut self, path: &Path) {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-05T09:10:00+01:00").unwrap();
        let out = self
            .shared
            .sync(path, &mut self.session, &mut self.pending, &self.who, now)
            .unwrap();
        self.history.renumber(&out.report.renumbered);
        self.wrote.dropped += out.report.dropped;
        self.wrote.syncs += 1;
    }

    /// The next edit: a card (most often), a correction of one of its cards, or a dot for
    /// one of the voters, allowed as this process sees the vote; `None` when there is
    /// nothing to correct or the dot is not allowed here.
    fn next_edit(&mut self, rng: &mut Rng, id: u32, n: &mut usize) -> Option<Op> {
        let r = self.session.rencontre(1)?;
        Some(match rng.below(10) {
            0..=5 => {
                let text = format!("carte {id}-{n}");
                *n += 1;
                self.wrote.cards.insert(text.clone(), text.clone());
                let mut card = Card::new(r.next_card_id(), text, CardKind::ALL[rng.below(5)]);
                card.author = Some(1 + rng.below(VOTERS as usize) as u32);
                card.theme = Some(1 + rng.below(THEMES as usize) as u32);
                Op::AddCard {
                    rencontre: 1,
                    index: rng.below(r.cards.len() + 1),
                    card,
                }
            }
            6 | 7 => {
                // One of its cards, found by its text (its number may have moved).
                let mine: Vec<(&String, &Card)> = self
                    .wrote
                    .cards
                    .iter()
                    .filter_map(|(first, now)| {
                        r.cards.iter().find(|c| c.text == *now).map(|c| (first, c))
                    })
                    .collect();
                if mine.is_empty() {
                    return None;
                }
                let (first, card) = mine[rng.below(mine.len())];
                let mut card = card.clone();
                card.text = format!("{} ✓", card.text);
                let first = first.clone();
                self.wrote.cards.insert(first, card.text.clone());
                Op::UpdateCard { rencontre: 1, card }
            }
            _ => {
                let participant = 1 + rng.below(VOTERS as usize) as u32;
                let theme = 1 + rng.below(THEMES as usize) as u32;
                r.can_vote(&self.session.participants, participant, theme)
                    .ok()?;
                self.wrote.dots += 1;
                Op::AddDot {
                    rencontre: 1,
                    dot: Dot {
                        id: r.next_dot_id(),
                        participant,
                        theme,
                    },
                }
            }
        })
    }
}

/// Writes `CARDS_EACH` cards, corrects some of them, places dots for the shared voters,
/// and saves now and then.
fn writer(path: &Path, id: u32, start: &Barrier) -> Wrote {
    let mut w = Writer::join(path, id);
    let mut rng = Rng::new(20261105 + u64::from(id));
    let mut n = 0;
    start.wait();
    while n < CARDS_EACH {
        if let Some(op) = w.next_edit(&mut rng, id, &mut n) {
            w.edit(op);
        }
        if rng.below(3) == 0 {
            w.save(path);
        }
        if rng.below(3) == 0 {
            std::thread::sleep(std::time::Duration::from_micros(rng.below(2000) as u64));
        }
    }
    w.save(path);
    assert!(w.pending.is_empty());
    w.wrote
}

#[test]
fn assistants_writing_cards_and_dots_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rencontre.ron");
    let s = session(VOTERS, THEMES, VoteRules::default());
    atelier::store::save(&path, &s).unwrap();
    let start = Arc::new(Barrier::new(WRITERS as usize));
    let handles: Vec<_> = (0..WRITERS)
        .map(|id| {
            let path = path.clone();
            let start = Arc::clone(&start);
            std::thread::spawn(move || writer(&path, id, &start))
        })
        .collect();
    let wrote: Vec<Wrote> = handles.into_iter().map(|h| h.join().unwrap()).collect();

    let file = atelier::store::load(&path).expect("the file is valid");
    let r = file.rencontre(1).unwrap();
    // Every card once, with its last correction.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in &r.cards {
        *seen.entry(c.text.as_str()).or_default() += 1;
    }
    let expected: Vec<&String> = wrote.iter().flat_map(|w| w.cards.values()).collect();
    assert_eq!(expected.len(), WRITERS as usize * CARDS_EACH);
    assert_eq!(r.cards.len(), expected.len());
    for text in &expected {
        assert_eq!(seen.get(text.as_str()), Some(&1), "{text:?}");
    }
    let mut ids: Vec<_> = r.cards.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), r.cards.len());
    assert!(
        r.cards
            .iter()
            .all(|c| c.theme.is_some_and(|t| r.candidate(t).is_some()))
    );
    // Every dot the file did not refuse is there; the limits hold.
    let placed: usize = wrote.iter().map(|w| w.dots).sum();
    let dropped: usize = wrote.iter().map(|w| w.dropped).sum();
    assert_eq!(r.dots.len(), placed - dropped);
    let mut ids: Vec<_> = r.dots.iter().map(|d| d.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), r.dots.len());
    check_vote(&file);
    eprintln!(
        "{WRITERS} writers, {} cards, {placed} dots placed, {dropped} refused by the file, {} saves",
        r.cards.len(),
        wrote.iter().map(|w| w.syncs).sum::<usize>()
    );
}
