//! One workshop and its state machine (DESIGN.md §2):
//! Préparation → Présentation (one step per theme) → Groupes (round k of N, with Rotation
//! steps between rounds) → Restitution (one step per group) → Engagements → Clos.
//!
//! Moving is always allowed, both ways, and never touches the content: unusual states
//! give warnings, never refusals.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    ParticipantId, ThemeId, Timestamp, agenda::Agenda, error::DomainError, op::Op,
    session::Session, timer::Timer,
};

pub const MIN_ROUNDS: u8 = 1;
pub const MAX_ROUNDS: u8 = 6;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workshop {
    pub number: u32,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Changes of the date, for the calendar's SEQUENCE and LAST-MODIFIED; raised by the
    /// store when it saves such a change.
    #[serde(default, skip_serializing_if = "super::Revision::is_none")]
    pub date_revision: super::Revision,
    /// Number of rounds of thematic groups (N, 1–6).
    pub round_count: u8,
    #[serde(default)]
    pub agenda: Agenda,
    pub phase: Phase,
    /// Every transition, in order, with the time it happened.
    #[serde(default)]
    pub log: Vec<LogEntry>,
    #[serde(default)]
    pub timer: Timer,
    /// Who sits at which group in each round.
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// Decided in Engagements: is another workshop needed?
    #[serde(default)]
    pub another_workshop: Option<bool>,
    /// The themes this workshop works on; `None`: all of them. A second workshop may continue
    /// only some.
    #[serde(default)]
    pub themes: Option<Vec<ThemeId>>,
    /// A fingerprint of every poster line as it stood when this workshop started, sorted by
    /// line id, to show what is new or changed since the previous one. (Earlier builds kept
    /// whole copies of the lines here: they still load, and show as changed.)
    #[serde(default)]
    pub baseline: Vec<LineMark>,
}

/// A poster line at the start of a workshop: its id and [`ActionLine::fingerprint`](super::ActionLine::fingerprint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineMark {
    pub id: super::LineId,
    #[serde(default)]
    pub fp: u64,
}

/// A step of the workshop. Indices are 1-based, as shown to the room ("thème 2/4").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Preparation,
    /// Presentation of the k-th theme (in theme order).
    Presentation {
        theme: u32,
    },
    Groups {
        round: u8,
    },
    /// Moving people before round `to_round`.
    Rotation {
        to_round: u8,
    },
    /// Restitution of the k-th group (in theme order).
    Restitution {
        group: u32,
    },
    Commitments,
    Closed,
}

impl Phase {
    /// Position in the sequence of steps; rotations sit between the rounds they separate.
    fn order_key(self) -> (u8, u32) {
        match self {
            Phase::Preparation => (0, 0),
            Phase::Presentation { theme } => (1, theme),
            Phase::Rotation { to_round } => (2, u32::from(to_round) * 2),
            Phase::Groups { round } => (2, u32::from(round) * 2 + 1),
            Phase::Restitution { group } => (3, group),
            Phase::Commitments => (4, 0),
            Phase::Closed => (5, 0),
        }
    }

    /// The kind of phase, for the breadcrumb and the agenda.
    pub fn kind(self) -> PhaseKind {
        match self {
            Phase::Preparation => PhaseKind::Preparation,
            Phase::Presentation { .. } => PhaseKind::Presentation,
            Phase::Groups { .. } => PhaseKind::Groups,
            Phase::Rotation { .. } => PhaseKind::Rotation,
            Phase::Restitution { .. } => PhaseKind::Restitution,
            Phase::Commitments => PhaseKind::Commitments,
            Phase::Closed => PhaseKind::Closed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhaseKind {
    Preparation,
    Presentation,
    Groups,
    Rotation,
    Restitution,
    Commitments,
    Closed,
}

impl PhaseKind {
    pub const ALL: [PhaseKind; 7] = [
        PhaseKind::Preparation,
        PhaseKind::Presentation,
        PhaseKind::Groups,
        PhaseKind::Rotation,
        PhaseKind::Restitution,
        PhaseKind::Commitments,
        PhaseKind::Closed,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            PhaseKind::Preparation => "phase.preparation",
            PhaseKind::Presentation => "phase.presentation",
            PhaseKind::Groups => "phase.groups",
            PhaseKind::Rotation => "phase.rotation",
            PhaseKind::Restitution => "phase.restitution",
            PhaseKind::Commitments => "phase.commitments",
            PhaseKind::Closed => "phase.closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub at: Timestamp,
    pub phase: Phase,
}

/// The assignment of one round: for each group (by theme), who sits there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub number: u8,
    #[serde(default)]
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub theme: ThemeId,
    #[serde(default)]
    pub members: Vec<ParticipantId>,
}

/// What happened to a poster line since the current workshop started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    Same,
    New,
    Changed,
}

/// Something unusual about the step just entered. Shown to the facilitator; never blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    TooFewThemes(usize),
    TooManyThemes(usize),
    NoParticipants,
    NoRapporteur(ThemeId),
    EmptyPoster(ThemeId),
    NoPilot(ThemeId),
    AlreadyAtEnd,
    AlreadyAtStart,
    /// Entering the vote of a rencontre with fewer than two candidate themes.
    FewCandidates(usize),
    /// Entering a rencontre's Clôture with no dot placed.
    NoDots,
}

/// The result of asking for the next or previous step: the operation to apply (none when
/// already at an end) and the warnings about the step it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub op: Option<Op>,
    pub to: Phase,
    pub warnings: Vec<Warning>,
}

impl Workshop {
    pub fn new(number: u32) -> Self {
        Workshop {
            number,
            date: None,
            date_revision: super::Revision::default(),
            round_count: 3,
            agenda: Agenda::default(),
            phase: Phase::Preparation,
            log: Vec::new(),
            timer: Timer::default(),
            rounds: Vec::new(),
            another_workshop: None,
            themes: None,
            baseline: Vec::new(),
        }
    }

    pub fn round(&self, number: u8) -> Option<&Round> {
        self.rounds.iter().find(|r| r.number == number)
    }

    /// Who sits at a group in a round.
    pub fn members(&self, round: u8, theme: ThemeId) -> &[ParticipantId] {
        self.round(round)
            .and_then(|r| r.tables.iter().find(|t| t.theme == theme))
            .map(|t| t.members.as_slice())
            .unwrap_or(&[])
    }

    /// Orders the baseline by line id, for [`Session::line_change`]'s binary search. Every
    /// workshop comes in through the loader or `Op::AddWorkshop`, and both call this.
    pub fn sort_baseline(&mut self) {
        if !self.baseline.is_sorted_by_key(|b| b.id) {
            self.baseline.sort_by_key(|b| b.id);
        }
    }

    /// When the current step was entered, from the log.
    pub fn entered_current_at(&self) -> Option<Timestamp> {
        self.log
            .iter()
            .rev()
            .find(|e| e.phase == self.phase)
            .map(|e| e.at)
    }
}

/// The ordered steps of a workshop with `themes` themes (and as many groups) and `rounds`
/// rounds. Themes with no group still get presented.
pub fn steps(themes: usize, groups: usize, rounds: u8) -> Vec<Phase> {
    let mut out = vec![Phase::Preparation];
    out.extend((1..=themes as u32).map(|theme| Phase::Presentation { theme }));
    for round in 1..=rounds.max(MIN_ROUNDS) {
        if round > 1 {
            out.push(Phase::Rotation { to_round: round });
        }
        out.push(Phase::Groups { round });
    }
    out.extend((1..=groups as u32).map(|group| Phase::Restitution { group }));
    out.push(Phase::Commitments);
    out.push(Phase::Closed);
    out
}

impl Session {
    /// The steps of a workshop of this session.
    pub fn steps(&self, workshop: &Workshop) -> Vec<Phase> {
        steps(
            self.themes_in(workshop).len(),
            self.groups_in(workshop).len(),
            workshop.round_count,
        )
    }

    /// The transition to the next step of the current workshop.
    pub fn next_step(&self, now: Timestamp) -> Result<Transition, DomainError> {
        self.step(now, true)
    }

    /// The transition to the previous step of the current workshop.
    pub fn prev_step(&self, now: Timestamp) -> Result<Transition, DomainError> {
        self.step(now, false)
    }

    /// A transition straight to a given step (from the phase breadcrumb or after a restart).
    pub fn goto_step(&self, phase: Phase, now: Timestamp) -> Result<Transition, DomainError> {
        let w = self
            .current_workshop()
            .ok_or(DomainError::NoCurrentWorkshop)?;
        Ok(self.transition_to(w, phase, now))
    }

    fn step(&self, now: Timestamp, forward: bool) -> Result<Transition, DomainError> {
        let w = self
            .current_workshop()
            .ok_or(DomainError::NoCurrentWorkshop)?;
        let steps = self.steps(w);
        let key = w.phase.order_key();
        // Found by order rather than by equality, so a step that vanished (a theme deleted
        // while it was being presented) still has a well-defined neighbour.
        let target = if forward {
            steps.iter().find(|s| s.order_key() > key)
        } else {
            steps.iter().rev().find(|s| s.order_key() < key)
        };
        Ok(match target {
            Some(&to) => self.transition_to(w, to, now),
            None => Transition {
                op: None,
                to: w.phase,
                warnings: vec![if forward {
                    Warning::AlreadyAtEnd
                } else {
                    Warning::AlreadyAtStart
                }],
            },
        })
    }

    fn transition_to(&self, w: &Workshop, to: Phase, now: Timestamp) -> Transition {
        let minutes = w.agenda.minutes_for(to);
        Transition {
            op: Some(Op::SetPhase {
                workshop: w.number,
                phase: to,
                timer: w.timer.reset_for_step(minutes, now),
                at: now,
            }),
            to,
            warnings: self.warnings_entering(w, to),
        }
    }

    /// The warnings about entering a step.
    pub fn warnings_entering(&self, w: &Workshop, to: Phase) -> Vec<Warning> {
        let mut out = Vec::new();
        let leaving_preparation = w.phase == Phase::Preparation && to != Phase::Preparation;
        if leaving_preparation {
            let n = self.themes_in(w).len();
            if n < 2 {
                out.push(Warning::TooFewThemes(n));
            } else if n > 6 {
                out.push(Warning::TooManyThemes(n));
            }
            if self.participants.is_empty() {
                out.push(Warning::NoParticipants);
            }
        }
        match to {
            Phase::Groups { round: 1 } => {
                out.extend(
                    self.groups_in(w)
                        .into_iter()
                        .filter(|(_, g)| g.rapporteur.is_none())
                        .map(|(t, _)| Warning::NoRapporteur(t.id)),
                );
            }
            Phase::Restitution { group } => {
                if let Some(index) = (group as usize).checked_sub(1)
                    && let Some((t, g)) = self.groups_in(w).get(index).copied()
                    && g.poster.is_empty()
                {
                    out.push(Warning::EmptyPoster(t.id));
                }
            }
            Phase::Closed => {
                out.extend(
                    self.groups_in(w)
                        .into_iter()
                        .filter(|(_, g)| g.pilot.is_none())
                        .map(|(t, _)| Warning::NoPilot(t.id)),
                );
            }
            _ => {}
        }
        out
    }

    /// Position of the current step as (k, n) within its kind: "thème 2/4", "tour 1/3".
    pub fn step_position(&self, w: &Workshop) -> (u32, u32) {
        match w.phase {
            Phase::Presentation { theme } => (theme, self.themes_in(w).len() as u32),
            Phase::Groups { round } => (u32::from(round), u32::from(w.round_count)),
            Phase::Rotation { to_round } => (u32::from(to_round), u32::from(w.round_count)),
            Phase::Restitution { group } => (group, self.groups_in(w).len() as u32),
            _ => (1, 1),
        }
    }

    /// The theme shown by a Presentation or Restitution step of a workshop.
    pub fn theme_of_step(&self, w: &Workshop, phase: Phase) -> Option<&super::Theme> {
        match phase {
            Phase::Presentation { theme } => self
                .themes_in(w)
                .get((theme as usize).checked_sub(1)?)
                .copied(),
            Phase::Restitution { group } => self
                .groups_in(w)
                .get((group as usize).checked_sub(1)?)
                .map(|(t, _)| *t),
            _ => None,
        }
    }

    /// The next workshop, continuing `themes`: same agenda and rounds as the last one, the
    /// posters' current lines kept as the baseline to show what changes.
    pub fn start_workshop_op(&self, themes: Vec<ThemeId>, date: Option<NaiveDate>) -> Op {
        let last = self.current_workshop();
        let number = last.map(|w| w.number).unwrap_or(0) + 1;
        let mut w = Workshop::new(number);
        if let Some(prev) = last {
            w.agenda = prev.agenda.clone();
            w.round_count = prev.round_count;
        }
        w.date = date;
        w.themes = Some(themes);
        w.baseline = self
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter())
            .map(|l| LineMark {
                id: l.id,
                fp: l.fingerprint(),
            })
            .collect();
        Op::AddWorkshop(w)
    }

    /// Themes whose action plan is not complete: no line yet, or a line still to do or in
    /// progress. The default choice for the next workshop.
    pub fn unfinished_themes(&self) -> Vec<ThemeId> {
        use super::poster::Status;
        self.themes
            .iter()
            .filter(|t| {
                self.group(t.id).is_none_or(|g| {
                    g.poster.lines.is_empty()
                        || g.poster
                            .lines
                            .iter()
                            .any(|l| matches!(l.status, Status::Todo | Status::InProgress))
                })
            })
            .map(|t| t.id)
            .collect()
    }

    /// How a line compares with the start of the current workshop.
    pub fn line_change(&self, line: &super::poster::ActionLine) -> LineChange {
        let Some(w) = self.current_workshop() else {
            return LineChange::Same;
        };
        if w.number <= 1 {
            return LineChange::Same;
        }
        // The baseline is kept sorted by id (see `sort_baseline`): every poster line on
        // screen is looked up each frame.
        match w.baseline.binary_search_by_key(&line.id, |b| b.id) {
            Err(_) => LineChange::New,
            Ok(i) if w.baseline.get(i).map(|m| m.fp) != Some(line.fingerprint()) => {
                LineChange::Changed
            }
            Ok(_) => LineChange::Same,
        }
    }
}

#[cfg(test)]
#[path = "workshop_tests.rs"]
mod tests;
