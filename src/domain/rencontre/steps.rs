//! The rencontre's steps: their order, names, agenda, the moves between them, and who
//! speaks at each introduction.

use super::*;

/// A step of the rencontre. The tour de table has one step a person (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    Diagnostic,
    Introductions { person: u32 },
    Census,
    Grouping,
    Vote,
    Questions,
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    Diagnostic,
    Introductions,
    Census,
    Grouping,
    Vote,
    Questions,
    Closing,
}

impl StepKind {
    pub const ALL: [StepKind; 7] = [
        StepKind::Diagnostic,
        StepKind::Introductions,
        StepKind::Census,
        StepKind::Grouping,
        StepKind::Vote,
        StepKind::Questions,
        StepKind::Closing,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            StepKind::Diagnostic => "rstep.diagnostic",
            StepKind::Introductions => "rstep.introductions",
            StepKind::Census => "rstep.census",
            StepKind::Grouping => "rstep.grouping",
            StepKind::Vote => "rstep.vote",
            StepKind::Questions => "rstep.questions",
            StepKind::Closing => "rstep.closing",
        }
    }
}

impl Step {
    pub fn kind(self) -> StepKind {
        match self {
            Step::Diagnostic => StepKind::Diagnostic,
            Step::Introductions { .. } => StepKind::Introductions,
            Step::Census => StepKind::Census,
            Step::Grouping => StepKind::Grouping,
            Step::Vote => StepKind::Vote,
            Step::Questions => StepKind::Questions,
            Step::Closing => StepKind::Closing,
        }
    }

    fn order_key(self) -> (u8, u32) {
        match self {
            Step::Diagnostic => (0, 0),
            Step::Introductions { person } => (1, person),
            Step::Census => (2, 0),
            Step::Grouping => (3, 0),
            Step::Vote => (4, 0),
            Step::Questions => (5, 0),
            Step::Closing => (6, 0),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepLog {
    pub at: Timestamp,
    pub step: Step,
}

/// Planned minutes of each step; the tour de table's is per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RencontreAgenda {
    pub diagnostic: u32,
    pub per_person: u32,
    pub census: u32,
    pub grouping: u32,
    pub vote: u32,
    pub questions: u32,
    pub closing: u32,
}

impl Default for RencontreAgenda {
    fn default() -> Self {
        RencontreAgenda {
            diagnostic: 15,
            per_person: 1,
            census: 30,
            grouping: 20,
            vote: 10,
            questions: 15,
            closing: 10,
        }
    }
}

impl RencontreAgenda {
    pub fn minutes_for(&self, step: Step) -> u32 {
        match step {
            Step::Diagnostic => self.diagnostic,
            Step::Introductions { .. } => self.per_person,
            Step::Census => self.census,
            Step::Grouping => self.grouping,
            Step::Vote => self.vote,
            Step::Questions => self.questions,
            Step::Closing => self.closing,
        }
    }
}

/// The result of asking a rencontre for its next or previous step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTransition {
    pub op: Option<Op>,
    pub to: Step,
    pub warnings: Vec<Warning>,
}

impl Rencontre {
    /// When the current step was entered, from the log.
    pub fn entered_current_at(&self) -> Option<Timestamp> {
        self.log
            .iter()
            .rev()
            .find(|e| e.step == self.phase)
            .map(|e| e.at)
    }
}

impl Session {
    /// Who speaks in the tour de table, and who votes: everyone but the facilitators.
    pub fn speakers(&self) -> Vec<&Participant> {
        self.participants
            .iter()
            .filter(|p| p.role != Role::Facilitator)
            .collect()
    }

    /// The steps of a rencontre with this session's participants.
    pub fn rencontre_steps(&self) -> Vec<Step> {
        let mut out = vec![Step::Diagnostic];
        out.extend((1..=self.speakers().len() as u32).map(|person| Step::Introductions { person }));
        out.extend([
            Step::Census,
            Step::Grouping,
            Step::Vote,
            Step::Questions,
            Step::Closing,
        ]);
        out
    }

    /// The transition to the next (or previous) step of a rencontre.
    pub fn rencontre_step(
        &self,
        number: u32,
        now: Timestamp,
        forward: bool,
    ) -> Result<StepTransition, DomainError> {
        let r = self
            .rencontre(number)
            .ok_or(DomainError::NoRencontre(number))?;
        let steps = self.rencontre_steps();
        let key = r.phase.order_key();
        let target = if forward {
            steps.iter().find(|s| s.order_key() > key)
        } else {
            steps.iter().rev().find(|s| s.order_key() < key)
        };
        Ok(match target {
            Some(&to) => self.rencontre_transition(r, to, now),
            None => StepTransition {
                op: None,
                to: r.phase,
                warnings: vec![if forward {
                    Warning::AlreadyAtEnd
                } else {
                    Warning::AlreadyAtStart
                }],
            },
        })
    }

    pub fn rencontre_goto(
        &self,
        number: u32,
        to: Step,
        now: Timestamp,
    ) -> Result<StepTransition, DomainError> {
        let r = self
            .rencontre(number)
            .ok_or(DomainError::NoRencontre(number))?;
        Ok(self.rencontre_transition(r, to, now))
    }

    pub(super) fn rencontre_transition(
        &self,
        r: &Rencontre,
        to: Step,
        now: Timestamp,
    ) -> StepTransition {
        let mut warnings = Vec::new();
        match to {
            Step::Vote if r.themes.len() < 2 => {
                warnings.push(Warning::FewCandidates(r.themes.len()))
            }
            Step::Closing if r.dots.is_empty() => warnings.push(Warning::NoDots),
            Step::Introductions { .. } if self.participants.is_empty() => {
                warnings.push(Warning::NoParticipants)
            }
            _ => {}
        }
        StepTransition {
            op: Some(Op::SetRencontreStep {
                rencontre: r.number,
                step: to,
                timer: r.timer.reset_for_step(r.agenda.minutes_for(to), now),
                at: now,
            }),
            to,
            warnings,
        }
    }

    /// Position within the step's kind: (k, n) for « Tour de table 7/31 ».
    pub fn rencontre_position(&self, r: &Rencontre) -> (u32, u32) {
        match r.phase {
            Step::Introductions { person } => (person, self.speakers().len() as u32),
            _ => (1, 1),
        }
    }

    /// The person speaking at an Introductions step, and the next one.
    pub fn speaker_at(&self, step: Step) -> (Option<&Participant>, Option<&Participant>) {
        let Step::Introductions { person } = step else {
            return (None, None);
        };
        let speakers = self.speakers();
        let i = (person as usize).saturating_sub(1);
        (speakers.get(i).copied(), speakers.get(i + 1).copied())
    }

    /// A new rencontre (the first, or a second one), or `None` when there are two already.
    pub fn add_rencontre_op(&self) -> Option<Op> {
        if self.rencontres.len() >= MAX_RENCONTRES {
            return None;
        }
        let number = self.rencontres.iter().map(|r| r.number).max().unwrap_or(0) + 1;
        let mut r = Rencontre::new(number);
        if let Some(prev) = self.current_rencontre() {
            r.agenda = prev.agenda;
            r.vote = prev.vote;
        }
        r.timer = Timer::new(r.agenda.minutes_for(r.phase));
        Some(Op::AddRencontre(r))
    }
}
