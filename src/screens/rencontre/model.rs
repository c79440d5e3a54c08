//! What the rencontre's screens remember beyond the session: which rencontre is open, and a
//! cursor for each step (the card selected on the wall, the column in Regroupement, the theme
//! being voted on, the dot being typed…).

use crate::domain::rencontre::{CandidateId, CardId, CardKind, Rencontre};
use crate::domain::{ParticipantId, Session};

/// The columns of the wall (Recensement): questions and « hors atelier » share the last.
pub const WALL: [&[CardKind]; 4] = [
    &[CardKind::Need],
    &[CardKind::Offer],
    &[CardKind::Lead],
    &[CardKind::Question, CardKind::OutOfScope],
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Model {
    /// The rencontre on screen.
    pub number: u32,
    /// Recensement: the column (in [`WALL`]) and the card selected.
    pub column: usize,
    pub card: Option<CardId>,
    /// Who new cards are written for (the last author picked): cards come a person at a time.
    pub author: Option<ParticipantId>,
    /// Regroupement: 0 is « à classer », then the candidate themes in order.
    pub group_column: usize,
    pub group_card: Option<CardId>,
    /// Regroupement: the synergy lead selected.
    pub lead: usize,
    /// Vote: the theme selected (in theme order) and the dot being typed.
    pub vote_row: usize,
    pub entry: Option<DotEntry>,
    /// Diagnostic: the stake selected; Questions and Clôture: the row.
    pub stake: usize,
    pub row: usize,
}

/// A dot being entered: the theme, then the participant's number or the first letters of
/// their name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotEntry {
    pub theme: CandidateId,
    pub query: String,
    pub error: Option<String>,
    /// The name of the person who just got a dot (folded) and how much of it was typed:
    /// the rest of the name, typed on, is swallowed rather than read as a new query.
    pub typed_on: Option<(String, usize)>,
}

impl Model {
    pub fn new(number: u32) -> Self {
        Model {
            number,
            ..Model::default()
        }
    }
}

/// The cards of a column of the wall, in the order they were written.
pub fn wall_column(r: &Rencontre, column: usize) -> Vec<CardId> {
    let kinds = WALL.get(column).copied().unwrap_or(&[]);
    r.cards
        .iter()
        .filter(|c| kinds.contains(&c.kind))
        .map(|c| c.id)
        .collect()
}

/// The cards of a Regroupement column: 0 the unsorted ones, then each candidate's.
pub fn group_column(r: &Rencontre, column: usize) -> Vec<CardId> {
    let theme = match column {
        0 => None,
        n => match r.themes.get(n - 1) {
            Some(t) => Some(t.id),
            None => return Vec::new(),
        },
    };
    // Questions and « hors atelier » problems are not themes' material.
    r.cards
        .iter()
        .filter(|c| {
            c.theme == theme && !matches!(c.kind, CardKind::Question | CardKind::OutOfScope)
        })
        .map(|c| c.id)
        .collect()
}

/// The rows of Questions et suites: the questions, then the « hors atelier » problems.
pub fn question_rows(r: &Rencontre) -> Vec<CardId> {
    r.cards_of(CardKind::Question)
        .chain(r.cards_of(CardKind::OutOfScope))
        .map(|c| c.id)
        .collect()
}

/// Who matches a typed dot query: the participant of that number (as listed, from 1), or
/// those whose name (or initials) starts with the letters, accents and case ignored.
pub fn dot_matches(s: &Session, query: &str) -> Vec<ParticipantId> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let voters = s.speakers();
    if let Ok(n) = q.parse::<usize>() {
        return n
            .checked_sub(1)
            .and_then(|i| voters.get(i))
            .map(|p| vec![p.id])
            .unwrap_or_default();
    }
    let f = crate::overlays::picker::model::fold(q);
    voters
        .iter()
        .filter(|p| {
            let name = crate::overlays::picker::model::fold(&p.name);
            let initials: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .collect();
            name.starts_with(&f)
                || name.split_whitespace().any(|w| w.starts_with(&f))
                || initials == f.replace(' ', "")
        })
        .map(|p| p.id)
        .collect()
}

/// A number typed so far that could still grow into another participant's (« 1 » with 12
/// voters): the dot waits for Enter or the next digit.
pub fn number_may_grow(s: &Session, query: &str) -> bool {
    let Ok(n) = query.trim().parse::<usize>() else {
        return false;
    };
    n.checked_mul(10).is_some_and(|m| m <= s.speakers().len())
}
