//! The themes and their working groups: rapporteur, pilot, meetings, poster.

use serde::{Deserialize, Serialize};

use crate::domain::{ParticipantId, ThemeId, poster::Poster};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub id: ThemeId,
    pub title: String,
    #[serde(default)]
    pub constat: String,
    #[serde(default)]
    pub expert: Option<String>,
    /// A constat taken from another zone's session or a model (`atelier new --depuis`,
    /// `--modele`): to be reviewed for this zone; editing it clears the mark.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
}

/// The working group of one theme. Its poster belongs to the group, not to a workshop, so a
/// second workshop continues it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub theme: ThemeId,
    #[serde(default)]
    pub rapporteur: Option<ParticipantId>,
    #[serde(default)]
    pub pilot: Option<Pilot>,
    /// Participants who committed to the group (Engagements).
    #[serde(default)]
    pub enrolled: Vec<ParticipantId>,
    #[serde(default)]
    pub next_steps: String,
    #[serde(default)]
    pub next_meeting: Option<crate::domain::When>,
    /// Notes taken during the plenary restitution of this group.
    #[serde(default)]
    pub notes: String,
    /// Table size limit for the rotation planner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub poster: Poster,
    /// Follow-up meetings of the group after the workshops.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Changes of the next meeting (its date or its next steps), for the calendar's
    /// SEQUENCE and LAST-MODIFIED; raised by the store when it saves such a change.
    #[serde(default, skip_serializing_if = "Revision::is_none")]
    pub meeting_revision: Revision,
}

/// How many saves changed a calendar item, and when the last one did: its SEQUENCE and
/// LAST-MODIFIED. Only ever goes up; raised by the store (which knows the time), not by
/// the operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Revision {
    #[serde(default)]
    pub count: u32,
    #[serde(default)]
    pub at: Option<crate::domain::Timestamp>,
}

impl Revision {
    pub fn is_none(&self) -> bool {
        *self == Revision::default()
    }

    /// One more change, made at `at`.
    pub fn raise(&mut self, at: crate::domain::Timestamp) {
        self.count = self.count.saturating_add(1);
        self.at = Some(at);
    }

    /// The later of two revisions of the same item (merging a file and memory).
    pub fn max(self, other: Revision) -> Revision {
        if other.count > self.count {
            other
        } else {
            self
        }
    }
}

/// One follow-up meeting of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub date: crate::domain::When,
    #[serde(default)]
    pub note: String,
}

impl Group {
    pub fn new(theme: ThemeId) -> Self {
        Group {
            theme,
            rapporteur: None,
            pilot: None,
            enrolled: Vec::new(),
            next_steps: String::new(),
            next_meeting: None,
            notes: String::new(),
            capacity: None,
            poster: Poster::default(),
            meetings: Vec::new(),
            meeting_revision: Revision::default(),
        }
    }
}

/// Who leads a group after the workshop: the local authority, or a delegated
/// company or association.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pilot {
    pub kind: PilotKind,
    pub name: String,
    #[serde(default)]
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PilotKind {
    #[serde(rename = "Collectivite")]
    LocalAuthority,
    #[serde(rename = "Entreprise")]
    Company,
    #[serde(rename = "Association")]
    Association,
}
