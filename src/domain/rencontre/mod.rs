//! The rencontre inter-entreprises: the meeting with all the zone's companies before the
//! workshops (DESIGN.md §9). Its steps: Diagnostic → Tour de table (one step a person) →
//! Recensement (cards) → Regroupement (candidate themes) → Vote (dots) → Questions et suites
//! → Clôture (themes retained, hand-off to workshop 1).
//!
//! Like a workshop, moving is always allowed both ways and only warns; the cards, candidate
//! themes and dots are changed through [`Op`]s like everything else, so they undo, save and
//! merge between processes the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    ParticipantId, ThemeId, Timestamp,
    due::Due,
    error::DomainError,
    op::Op,
    poster::ActionLine,
    session::{Group, Need, NeedKind, Participant, Role, Session, Theme},
    timer::Timer,
    workshop::Warning,
};

mod cards;
mod handoff;
mod leads;
mod steps;
mod vote;

pub use cards::*;
pub use leads::*;
pub use steps::*;
pub use vote::*;

pub type CardId = u32;
pub type CandidateId = u32;
pub type DotId = u32;

/// A session holds at most this many rencontres (the guide: « 1 à 2 rencontres »).
pub const MAX_RENCONTRES: usize = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rencontre {
    pub number: u32,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Changes of the date, for the calendar's SEQUENCE and LAST-MODIFIED; raised by the
    /// store when it saves such a change.
    #[serde(default, skip_serializing_if = "crate::domain::Revision::is_none")]
    pub date_revision: crate::domain::Revision,
    #[serde(default)]
    pub agenda: RencontreAgenda,
    pub phase: Step,
    #[serde(default)]
    pub log: Vec<StepLog>,
    #[serde(default)]
    pub timer: Timer,
    /// The wall: needs, offers, leads, questions, problems « hors atelier ». One card a line
    /// in the file.
    #[serde(default)]
    pub cards: Vec<Card>,
    /// Candidate themes of the Regroupement, voted on.
    #[serde(default)]
    pub themes: Vec<Candidate>,
    #[serde(default)]
    pub dots: Vec<Dot>,
    #[serde(default)]
    pub vote: VoteRules,
    /// The totals are shown (`v`); hidden until then so nobody votes for the leader.
    #[serde(default)]
    pub revealed: bool,
    /// Synergy leads the facilitator accepted or dismissed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synergies: Vec<SynergyMark>,
    /// The themes retained at the Clôture; `None`: the top of the vote.
    #[serde(default)]
    pub retained: Option<Vec<CandidateId>>,
    /// Workshop 1 was started from this rencontre.
    #[serde(default)]
    pub handed_off: bool,
}

/// A settings change of a rencontre (the cards, themes and dots have their own ops).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RencontreField {
    Date(Option<NaiveDate>),
    Agenda(RencontreAgenda),
    Vote(VoteRules),
    Revealed(bool),
    Retained(Option<Vec<CandidateId>>),
    HandedOff(bool),
}

impl Rencontre {
    pub fn new(number: u32) -> Self {
        Rencontre {
            number,
            date: None,
            date_revision: crate::domain::Revision::default(),
            agenda: RencontreAgenda::default(),
            phase: Step::Diagnostic,
            log: Vec::new(),
            timer: Timer::default(),
            cards: Vec::new(),
            themes: Vec::new(),
            dots: Vec::new(),
            vote: VoteRules::default(),
            revealed: false,
            synergies: Vec::new(),
            retained: None,
            handed_off: false,
        }
    }

    pub fn card(&self, id: CardId) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    pub fn candidate(&self, id: CandidateId) -> Option<&Candidate> {
        self.themes.iter().find(|c| c.id == id)
    }

    pub fn next_card_id(&self) -> CardId {
        self.cards.iter().map(|c| c.id).max().unwrap_or(0) + 1
    }

    pub fn next_candidate_id(&self) -> CandidateId {
        self.themes.iter().map(|c| c.id).max().unwrap_or(0) + 1
    }

    pub fn next_dot_id(&self) -> DotId {
        self.dots.iter().map(|d| d.id).max().unwrap_or(0) + 1
    }

    /// Cards of one kind, in the order they were written.
    pub fn cards_of(&self, kind: CardKind) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.kind == kind)
    }

    pub fn cards_in(&self, theme: Option<CandidateId>) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.theme == theme)
    }
}

impl Session {
    pub fn rencontre(&self, number: u32) -> Option<&Rencontre> {
        self.rencontres.iter().find(|r| r.number == number)
    }

    pub(crate) fn rencontre_mut(&mut self, number: u32) -> Result<&mut Rencontre, DomainError> {
        self.rencontres
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or(DomainError::NoRencontre(number))
    }

    /// The latest rencontre.
    pub fn current_rencontre(&self) -> Option<&Rencontre> {
        self.rencontres.iter().max_by_key(|r| r.number)
    }
}

#[cfg(test)]
mod tests;
