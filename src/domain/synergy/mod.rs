//! The register of synergies (« projets inter-entreprises »): what the groups' actions
//! serve, how far each project got, and what it brings. A synergy has organisations with a
//! role, a pilot that can be handed over, a stage whose every change is dated and kept, and
//! impacts with units from a fixed list, summed only within a unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{LineId, NeedId, ThemeId, Timestamp};

mod amount;
pub use amount::{Amount, Impact, Unit, UnitTotal, totals, totals_on};

pub type SynergyId = u32;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synergy {
    pub id: SynergyId,
    pub title: String,
    #[serde(default)]
    pub kind: SynergyKind,
    /// The organisations involved and what they are to the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// The working group it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<ThemeId>,
    /// The action lines (of the group's poster) that serve it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineId>,
    /// The catalogue entry (a rencontre's synergy lead) it grew from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<NeedId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impacts: Vec<Impact>,
    /// Stage changes and pilot hand-overs, oldest first. The first stage is « idée » until
    /// a change says otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Event>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When it was written down (a bilan of an earlier period leaves it out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
}

/// The programmes' types of synergy: substitution (a waste or by-product becomes a
/// resource), mutualisation (shared service, equipment, purchase, infrastructure), and the
/// three flows the guide names apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SynergyKind {
    #[default]
    #[serde(rename = "Substitution")]
    Substitution,
    #[serde(rename = "Mutualisation")]
    Pooling,
    #[serde(rename = "Energie")]
    Energy,
    #[serde(rename = "Eau")]
    Water,
    #[serde(rename = "Mobilite")]
    Mobility,
}

impl SynergyKind {
    pub const ALL: [SynergyKind; 5] = [
        SynergyKind::Substitution,
        SynergyKind::Pooling,
        SynergyKind::Energy,
        SynergyKind::Water,
        SynergyKind::Mobility,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            SynergyKind::Substitution => "synergy_kind.substitution",
            SynergyKind::Pooling => "synergy_kind.pooling",
            SynergyKind::Energy => "synergy_kind.energy",
            SynergyKind::Water => "synergy_kind.water",
            SynergyKind::Mobility => "synergy_kind.mobility",
        }
    }
}

/// An organisation in a synergy and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub organisation: String,
    #[serde(default)]
    pub role: MemberRole,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MemberRole {
    #[serde(rename = "Fournisseur")]
    Supplier,
    #[serde(rename = "Receveur")]
    Receiver,
    #[default]
    #[serde(rename = "Participant")]
    Participant,
    #[serde(rename = "Financeur")]
    Funder,
}

impl MemberRole {
    pub const ALL: [MemberRole; 4] = [
        MemberRole::Supplier,
        MemberRole::Receiver,
        MemberRole::Participant,
        MemberRole::Funder,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            MemberRole::Supplier => "member_role.supplier",
            MemberRole::Receiver => "member_role.receiver",
            MemberRole::Participant => "member_role.participant",
            MemberRole::Funder => "member_role.funder",
        }
    }
}

/// How far a synergy got: idée → étude → décision → mise en œuvre → réalisée, or abandonnée.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Stage {
    #[default]
    #[serde(rename = "Idee")]
    Idea,
    #[serde(rename = "Etude")]
    Study,
    #[serde(rename = "Decision")]
    Decision,
    #[serde(rename = "MiseEnOeuvre")]
    Implementation,
    #[serde(rename = "Realisee")]
    Done,
    #[serde(rename = "Abandonnee")]
    Abandoned,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Idea,
        Stage::Study,
        Stage::Decision,
        Stage::Implementation,
        Stage::Done,
        Stage::Abandoned,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Stage::Idea => "stage.idea",
            Stage::Study => "stage.study",
            Stage::Decision => "stage.decision",
            Stage::Implementation => "stage.implementation",
            Stage::Done => "stage.done",
            Stage::Abandoned => "stage.abandoned",
        }
    }

    /// The stage after this one on the way to « réalisée » (itself at the end, and for
    /// an abandoned synergy: taking it up again is a choice, [`Stage::Idea`] or another).
    pub fn next(self) -> Stage {
        match self {
            Stage::Idea => Stage::Study,
            Stage::Study => Stage::Decision,
            Stage::Decision => Stage::Implementation,
            Stage::Implementation | Stage::Done => Stage::Done,
            Stage::Abandoned => Stage::Abandoned,
        }
    }

    /// The stage before this one (itself at the start; an abandoned synergy goes back to
    /// « idée »).
    pub fn previous(self) -> Stage {
        match self {
            Stage::Idea | Stage::Abandoned => Stage::Idea,
            Stage::Study => Stage::Idea,
            Stage::Decision => Stage::Study,
            Stage::Implementation => Stage::Decision,
            Stage::Done => Stage::Implementation,
        }
    }

    /// Still going: neither realised nor abandoned.
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Done | Stage::Abandoned)
    }
}

/// One dated entry of a synergy's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: Timestamp,
    pub what: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// The synergy moved to `stage`; `reason` says why when it is abandoned.
    Stage {
        stage: Stage,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// The pilot is now `organisation` (the first one, or a hand-over, as the guide allows).
    Pilot {
        organisation: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        contact: String,
    },
}

impl Synergy {
    pub fn new(id: SynergyId, title: impl Into<String>, kind: SynergyKind) -> Self {
        Synergy {
            id,
            title: title.into(),
            kind,
            members: Vec::new(),
            group: None,
            lines: Vec::new(),
            lead: None,
            impacts: Vec::new(),
            history: Vec::new(),
            note: String::new(),
            created: None,
        }
    }

    /// Whether it existed at the end of `day`: written down by then (or, undated, its
    /// first event by then, or always when it has none).
    pub fn existed_on(&self, day: NaiveDate) -> bool {
        match (self.created, self.history.first()) {
            (Some(c), _) => c.date_naive() <= day,
            (None, Some(e)) => e.at.date_naive() <= day,
            (None, None) => true,
        }
    }

    /// The stage now: the last stage change, « idée » before any.
    pub fn stage(&self) -> Stage {
        self.stage_on(None)
    }

    /// The stage at the end of `day` (`None`: now).
    pub fn stage_on(&self, day: Option<NaiveDate>) -> Stage {
        self.history
            .iter()
            .filter(|e| day.is_none_or(|d| e.at.date_naive() <= d))
            .filter_map(|e| match &e.what {
                EventKind::Stage { stage, .. } => Some(*stage),
                EventKind::Pilot { .. } => None,
            })
            .next_back()
            .unwrap_or_default()
    }

    /// Why it was abandoned, if it is.
    pub fn abandon_reason(&self) -> Option<&str> {
        match self.history.iter().rev().find_map(|e| match &e.what {
            EventKind::Stage { stage, reason } => Some((*stage, reason.as_str())),
            EventKind::Pilot { .. } => None,
        }) {
            Some((Stage::Abandoned, reason)) => Some(reason),
            _ => None,
        }
    }

    /// The pilot now, if one was named.
    pub fn pilot(&self) -> Option<&str> {
        self.pilot_and_contact()
            .map(|(organisation, _)| organisation)
    }

    /// The pilot now and its contact (empty when none was given), if one was named.
    pub fn pilot_and_contact(&self) -> Option<(&str, &str)> {
        self.history.iter().rev().find_map(|e| match &e.what {
            EventKind::Pilot {
                organisation,
                contact,
            } => Some((organisation.as_str(), contact.as_str())),
            EventKind::Stage { .. } => None,
        })
    }

    /// When the stage last changed (`None`: never, still the first « idée »).
    pub fn stage_since(&self) -> Option<Timestamp> {
        self.history
            .iter()
            .rev()
            .find(|e| matches!(e.what, EventKind::Stage { .. }))
            .map(|e| e.at)
    }

    /// Records an event, keeping the history in time order (an event dated like another
    /// goes after it).
    pub fn record(&mut self, event: Event) {
        let at = self
            .history
            .iter()
            .rposition(|e| e.at <= event.at)
            .map_or(0, |i| i + 1);
        self.history.insert(at, event);
    }

    /// The event moving it to `stage` at `at`; `None` when it is there already and no
    /// reason is given.
    pub fn stage_event(&self, stage: Stage, reason: &str, at: Timestamp) -> Option<Event> {
        (self.stage() != stage || !reason.trim().is_empty()).then(|| Event {
            at,
            what: EventKind::Stage {
                stage,
                reason: reason.trim().to_string(),
            },
        })
    }

    /// The event handing its pilot to `organisation` at `at`.
    pub fn pilot_event(organisation: &str, contact: &str, at: Timestamp) -> Event {
        Event {
            at,
            what: EventKind::Pilot {
                organisation: organisation.trim().to_string(),
                contact: contact.trim().to_string(),
            },
        }
    }

    /// The same synergy moved to `stage` at `at` (for building sessions in code: the app
    /// records the event with [`Op::AddSynergyEvent`](super::Op::AddSynergyEvent)).
    pub fn moved(&self, stage: Stage, reason: &str, at: Timestamp) -> Synergy {
        let mut s = self.clone();
        if let Some(e) = s.stage_event(stage, reason, at) {
            s.record(e);
        }
        s
    }

    /// The same synergy with its pilot handed to `organisation` at `at`.
    pub fn handed_to(&self, organisation: &str, contact: &str, at: Timestamp) -> Synergy {
        let mut s = self.clone();
        s.record(Synergy::pilot_event(organisation, contact, at));
        s
    }

    /// The organisations in it, the pilot included, each once (as written first).
    pub fn organisations(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let pilots = self.history.iter().filter_map(|e| match &e.what {
            EventKind::Pilot { organisation, .. } => Some(organisation.as_str()),
            EventKind::Stage { .. } => None,
        });
        for o in self
            .members
            .iter()
            .map(|m| m.organisation.as_str())
            .chain(pilots)
        {
            let o = o.trim();
            if !o.is_empty() && !out.iter().any(|x| same_name(x, o)) {
                out.push(o);
            }
        }
        out
    }
}

/// Two organisation names for the same organisation: case and spaces aside.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests;
