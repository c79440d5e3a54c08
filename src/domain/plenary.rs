//! The annual plenary: once a year the collectivité convenes the companies « pour maintenir
//! la dynamique d'échange et faire émerger de nouveaux projets » (DESIGN.md §9). Like the
//! rencontre it is a sequence of steps of its own, opened over the workshop: Bilan de
//! l'année → Revue des groupes → Nouvelles pistes → Prochaine plénière.
//!
//! What it keeps: its date, its step, timer and step log, the decisions of the review (one a
//! reviewed action line or synergy, for the minutes) and the catalogue entries the room
//! brought. The decisions' effects (a line's status, a synergy's stage or pilot) are ops of
//! their own, batched with the decision so that one undo takes both back
//! (see `plenary_ops.rs`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    LineId, NeedId, Session, Status, ThemeId, Timestamp, bilan::Period, error::DomainError, op::Op,
    synergy::SynergyId, timer::Timer, workshop::Warning,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plenary {
    /// 1 for the first plenary of the démarche, then 2…
    pub number: u32,
    pub date: NaiveDate,
    #[serde(default)]
    pub step: PlenaryStep,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<PlenaryLog>,
    #[serde(default)]
    pub timer: Timer,
    /// The review's decisions, one an item, in the order they were taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The catalogue entries (needs, offers, leads) noted in « Nouvelles pistes ».
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leads: Vec<NeedId>,
}

/// The steps of a plenary, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlenaryStep {
    #[default]
    #[serde(rename = "Bilan")]
    Bilan,
    #[serde(rename = "Revue")]
    Review,
    #[serde(rename = "Pistes")]
    Leads,
    #[serde(rename = "Prochaine")]
    Next,
}

impl PlenaryStep {
    pub const ALL: [PlenaryStep; 4] = [
        PlenaryStep::Bilan,
        PlenaryStep::Review,
        PlenaryStep::Leads,
        PlenaryStep::Next,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            PlenaryStep::Bilan => "pstep.bilan",
            PlenaryStep::Review => "pstep.review",
            PlenaryStep::Leads => "pstep.leads",
            PlenaryStep::Next => "pstep.next",
        }
    }

    /// The planned minutes of the step.
    pub fn minutes(self) -> u32 {
        match self {
            PlenaryStep::Bilan => 20,
            PlenaryStep::Review => 60,
            PlenaryStep::Leads => 30,
            PlenaryStep::Next => 10,
        }
    }

    fn index(self) -> usize {
        PlenaryStep::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlenaryLog {
    pub at: Timestamp,
    pub step: PlenaryStep,
}

/// What the review looks at: an action line of a group's poster, or a synergy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Item {
    #[serde(rename = "Ligne")]
    Line(LineId),
    #[serde(rename = "Synergie")]
    Synergy(SynergyId),
}

/// What the room decided for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    #[serde(rename = "Poursuivre")]
    Continue,
    #[serde(rename = "Terminee")]
    Done,
    #[serde(rename = "Abandonnee")]
    Dropped,
    #[serde(rename = "Transmise")]
    HandedOver,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Continue,
        Verdict::Done,
        Verdict::Dropped,
        Verdict::HandedOver,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Verdict::Continue => "verdict.continue",
            Verdict::Done => "verdict.done",
            Verdict::Dropped => "verdict.dropped",
            Verdict::HandedOver => "verdict.handed_over",
        }
    }
}

/// One decision of the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub item: Item,
    pub verdict: Verdict,
    /// Who it was handed over to, or why it was dropped, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub at: Timestamp,
}

/// Whose items a page of the review shows: a group's, then the synergies of no group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewGroup {
    Theme(ThemeId),
    NoGroup,
}

impl Plenary {
    pub fn new(number: u32, date: NaiveDate) -> Self {
        Plenary {
            number,
            date,
            step: PlenaryStep::Bilan,
            log: Vec::new(),
            timer: Timer::new(PlenaryStep::Bilan.minutes()),
            decisions: Vec::new(),
            leads: Vec::new(),
        }
    }

    /// The decision taken on an item, if any.
    pub fn decision(&self, item: Item) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.item == item)
    }
}

/// The result of asking a plenary for its next or previous step.
#[derive(Debug, Clone, PartialEq)]
pub struct PlenaryTransition {
    pub op: Option<Op>,
    pub to: PlenaryStep,
    pub warnings: Vec<Warning>,
}

impl Session {
    pub fn plenary(&self, number: u32) -> Option<&Plenary> {
        self.plenaries.iter().find(|p| p.number == number)
    }

    pub(crate) fn plenary_mut(&mut self, number: u32) -> Result<&mut Plenary, DomainError> {
        self.plenaries
            .iter_mut()
            .find(|p| p.number == number)
            .ok_or(DomainError::NoPlenary(number))
    }

    /// The latest plenary.
    pub fn current_plenary(&self) -> Option<&Plenary> {
        self.plenaries.iter().max_by_key(|p| p.number)
    }

    /// The plenary of `today`'s year (or a later one already planned), to reopen.
    pub fn plenary_of_year(&self, today: NaiveDate) -> Option<&Plenary> {
        use chrono::Datelike;
        self.current_plenary()
            .filter(|p| p.date.year() >= today.year())
    }

    /// A new plenary on `date`, numbered after the others.
    pub fn add_plenary_op(&self, date: NaiveDate) -> Op {
        let number = self.plenaries.iter().map(|p| p.number).max().unwrap_or(0) + 1;
        Op::AddPlenary(Plenary::new(number, date))
    }

    /// What a plenary's bilan covers: from the day after the previous plenary (from the start
    /// of the démarche for the first) to its own day.
    pub fn plenary_period(&self, number: u32) -> Period {
        let Some(p) = self.plenary(number) else {
            return Period::default();
        };
        let from = self
            .plenaries
            .iter()
            .filter(|q| q.number < number && q.date < p.date)
            .map(|q| q.date)
            .max()
            .and_then(|d| d.succ_opt());
        Period {
            from,
            to: Some(p.date),
        }
    }

    /// The transition to the next (or previous) step of a plenary.
    pub fn plenary_step(
        &self,
        number: u32,
        now: Timestamp,
        forward: bool,
    ) -> Result<PlenaryTransition, DomainError> {
        let p = self.plenary(number).ok_or(DomainError::NoPlenary(number))?;
        let i = p.step.index();
        let target = if forward {
            PlenaryStep::ALL.get(i + 1)
        } else {
            i.checked_sub(1).and_then(|i| PlenaryStep::ALL.get(i))
        };
        Ok(match target {
            Some(&to) => PlenaryTransition {
                op: Some(Op::SetPlenaryStep {
                    plenary: number,
                    step: to,
                    timer: p.timer.reset_for_step(to.minutes(), now),
                    at: now,
                }),
                to,
                warnings: Vec::new(),
            },
            None => PlenaryTransition {
                op: None,
                to: p.step,
                warnings: vec![if forward {
                    Warning::AlreadyAtEnd
                } else {
                    Warning::AlreadyAtStart
                }],
            },
        })
    }

    /// The pages of the review: each group in theme order, then « sans groupe » when a
    /// synergy of no group is to be reviewed.
    pub fn review_groups(&self, number: u32) -> Vec<ReviewGroup> {
        let mut out: Vec<ReviewGroup> = self
            .themes
            .iter()
            .filter(|t| self.group(t.id).is_some())
            .map(|t| ReviewGroup::Theme(t.id))
            .collect();
        if !self.review_items(number, ReviewGroup::NoGroup).is_empty() {
            out.push(ReviewGroup::NoGroup);
        }
        out
    }

    /// The items a page of the review lists: the group's open action lines, then its open
    /// synergies; an item decided in this plenary stays listed, with its decision.
    pub fn review_items(&self, number: u32, group: ReviewGroup) -> Vec<Item> {
        let decided = |item: Item| {
            self.plenary(number)
                .is_some_and(|p| p.decision(item).is_some())
        };
        let mut out = Vec::new();
        if let ReviewGroup::Theme(theme) = group
            && let Some(g) = self.group(theme)
        {
            out.extend(
                g.poster
                    .lines
                    .iter()
                    .filter(|l| {
                        matches!(l.status, Status::Todo | Status::InProgress)
                            || decided(Item::Line(l.id))
                    })
                    .map(|l| Item::Line(l.id)),
            );
        }
        let theme = match group {
            ReviewGroup::Theme(t) => Some(t),
            ReviewGroup::NoGroup => None,
        };
        out.extend(
            self.synergies
                .iter()
                .filter(|s| {
                    // A synergy whose group is gone is reviewed with those of no group.
                    let home = s.group.filter(|t| self.group(*t).is_some());
                    home == theme && (s.stage().is_open() || decided(Item::Synergy(s.id)))
                })
                .map(|s| Item::Synergy(s.id)),
        );
        out
    }
}

/// A session's plenaries are written one level deeper than the other lists
/// (`plenaries: (list: [...])`), like the rencontres: the file's depth limit then puts one
/// decision, one log entry a line.
pub(crate) mod plenary_list {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Plenary;

    #[derive(Serialize)]
    struct ListRef<'a> {
        list: &'a [Plenary],
    }

    #[derive(Deserialize)]
    struct List {
        #[serde(default)]
        list: Vec<Plenary>,
    }

    pub fn serialize<S: Serializer>(v: &[Plenary], s: S) -> Result<S::Ok, S::Error> {
        ListRef { list: v }.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Plenary>, D::Error> {
        Ok(List::deserialize(d)?.list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::synergy::{Stage, Synergy, SynergyKind};
    use crate::domain::{ActionLine, Op};
    use chrono::TimeZone;

    fn at(day: u32) -> Timestamp {
        chrono::FixedOffset::east_opt(3600)
            .and_then(|o| o.with_ymd_and_hms(2028, 1, day, 9, 0, 0).single())
            .unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn steps_move_both_ways_log_and_stop_at_the_ends() {
        let mut s = Session::new("t", "z");
        s.apply(s.add_plenary_op(day(2028, 1, 20))).unwrap();
        let back = s.plenary_step(1, at(20), false).unwrap();
        assert_eq!(back.op, None);
        assert_eq!(back.warnings, vec![Warning::AlreadyAtStart]);
        for _ in 0..3 {
            let t = s.plenary_step(1, at(20), true).unwrap();
            s.apply(t.op.unwrap()).unwrap();
        }
        let p = s.plenary(1).unwrap();
        assert_eq!(p.step, PlenaryStep::Next);
        assert_eq!(p.log.len(), 3);
        assert_eq!(p.timer.planned_secs, 10 * 60);
        let end = s.plenary_step(1, at(20), true).unwrap();
        assert_eq!(end.warnings, vec![Warning::AlreadyAtEnd]);
    }

    #[test]
    fn the_period_runs_from_the_day_after_the_previous_plenary() {
        let mut s = Session::new("t", "z");
        s.apply(s.add_plenary_op(day(2027, 1, 20))).unwrap();
        s.apply(s.add_plenary_op(day(2028, 1, 18))).unwrap();
        assert_eq!(
            s.plenary_period(1),
            Period {
                from: None,
                to: Some(day(2027, 1, 20))
            }
        );
        assert_eq!(
            s.plenary_period(2),
            Period {
                from: Some(day(2027, 1, 21)),
                to: Some(day(2028, 1, 18))
            }
        );
        assert_eq!(
            s.plenary_of_year(day(2028, 3, 1)).map(|p| p.number),
            Some(2)
        );
        assert!(s.plenary_of_year(day(2029, 1, 2)).is_none());
    }

    #[test]
    fn the_review_lists_open_lines_and_synergies_and_keeps_decided_ones() {
        let mut s = Session::new("t", "z");
        s.apply(s.add_theme_op("Déchets")).unwrap();
        for (id, status) in [
            (1, Status::Todo),
            (2, Status::Done),
            (3, Status::InProgress),
        ] {
            let mut l = ActionLine::new(id, 1);
            l.status = status;
            s.apply(Op::AddLine {
                theme: 1,
                index: 9,
                line: l,
            })
            .unwrap();
        }
        let mut a = Synergy::new(1, "Palettes", SynergyKind::Substitution);
        a.group = Some(1);
        let b = Synergy::new(2, "Vapeur", SynergyKind::Energy).moved(Stage::Done, "", at(2));
        let c = Synergy::new(3, "Covoiturage", SynergyKind::Mobility);
        for (i, x) in [a, b, c].into_iter().enumerate() {
            s.apply(Op::AddSynergy {
                index: i,
                synergy: x,
            })
            .unwrap();
        }
        s.apply(s.add_plenary_op(day(2028, 1, 20))).unwrap();
        assert_eq!(
            s.review_groups(1),
            vec![ReviewGroup::Theme(1), ReviewGroup::NoGroup]
        );
        assert_eq!(
            s.review_items(1, ReviewGroup::Theme(1)),
            vec![Item::Line(1), Item::Line(3), Item::Synergy(1)]
        );
        assert_eq!(
            s.review_items(1, ReviewGroup::NoGroup),
            vec![Item::Synergy(3)]
        );
    }
}
