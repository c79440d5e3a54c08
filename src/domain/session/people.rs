//! Who takes part, and the needs and projects they bring.

use serde::{Deserialize, Serialize};

use crate::domain::{NeedId, ParticipantId, ThemeId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    pub role: Role,
    #[serde(default)]
    pub email: Option<String>,
    /// The groups (themes) the participant wishes to visit, most wanted first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ThemeId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    #[serde(rename = "Entreprise")]
    Company,
    #[serde(rename = "Collectivite")]
    LocalAuthority,
    #[serde(rename = "Expert")]
    Expert,
    #[serde(rename = "Animateur")]
    Facilitator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Company,
        Role::LocalAuthority,
        Role::Expert,
        Role::Facilitator,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Role::Company => "role.company",
            Role::LocalAuthority => "role.local_authority",
            Role::Expert => "role.expert",
            Role::Facilitator => "role.facilitator",
        }
    }
}

/// One entry of the *catalogue des besoins et pistes d'opportunités*: a need, or what a
/// rencontre handed over with the needs (an offer, a lead, a synergy lead it accepted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub id: NeedId,
    pub text: String,
    #[serde(default)]
    pub theme: Option<ThemeId>,
    #[serde(default, skip_serializing_if = "NeedKind::is_need")]
    pub kind: NeedKind,
}

/// What an entry of the catalogue is: named and counted as such everywhere (« 3 besoins,
/// 2 offres, 1 piste, 1 synergie », never « 7 besoins »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum NeedKind {
    #[default]
    #[serde(rename = "Besoin")]
    Need,
    #[serde(rename = "Offre")]
    Offer,
    #[serde(rename = "Piste")]
    Lead,
    /// An offer and a need the rencontre matched (« piste de synergie »).
    #[serde(rename = "Synergie")]
    Synergy,
}

impl NeedKind {
    pub const ALL: [NeedKind; 4] = [
        NeedKind::Need,
        NeedKind::Offer,
        NeedKind::Lead,
        NeedKind::Synergy,
    ];

    pub fn is_need(&self) -> bool {
        *self == NeedKind::Need
    }

    /// « besoin », « offre / ressource »…: the kind of one entry.
    pub fn label_key(self) -> &'static str {
        match self {
            NeedKind::Need => "need_kind.need",
            NeedKind::Offer => "need_kind.offer",
            NeedKind::Lead => "need_kind.lead",
            NeedKind::Synergy => "need_kind.synergy",
        }
    }

    /// « Besoins », « Offres / ressources »…: a heading over entries of the kind.
    pub fn heading_key(self) -> &'static str {
        match self {
            NeedKind::Need => "need_kind.heading.need",
            NeedKind::Offer => "need_kind.heading.offer",
            NeedKind::Lead => "need_kind.heading.lead",
            NeedKind::Synergy => "need_kind.heading.synergy",
        }
    }
}
