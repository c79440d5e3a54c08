//! The business park: its name, vocation and figures.

use serde::{Deserialize, Serialize};

use crate::domain::ParticipantId;

/// The business park's profile: what the guide says the objectives depend on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Zone {
    pub name: String,
    pub vocation: Vocation,
    #[serde(default)]
    pub specialisation: Option<String>,
    #[serde(default)]
    pub companies: u32,
    /// Size of the companies, in the facilitator's words ("TPE et PME, 2 ETI").
    #[serde(default)]
    pub company_size: Option<String>,
    /// Year the zone was created.
    #[serde(default)]
    pub since: Option<i32>,
    /// The steering committee's stakes for the zone (« enjeux »), shown at the rencontre.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakes: Vec<String>,
    /// The steering group: the « ambassadeurs » of the approach.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steering: Vec<ParticipantId>,
    /// What the open data say of the zone (the register, the CNIG site), beside the
    /// facilitator's own words above; set by `atelier import`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::domain::profile::ZoneProfile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Vocation {
    #[serde(rename = "Industrielle")]
    Industrial,
    #[serde(rename = "Artisanale")]
    Craft,
    #[serde(rename = "Logistique")]
    Logistics,
    #[serde(rename = "Commerciale")]
    Commercial,
    #[serde(rename = "Tertiaire")]
    Tertiary,
    #[serde(rename = "Mixte")]
    Mixed,
}

impl Vocation {
    pub const ALL: [Vocation; 6] = [
        Vocation::Industrial,
        Vocation::Craft,
        Vocation::Logistics,
        Vocation::Commercial,
        Vocation::Tertiary,
        Vocation::Mixed,
    ];

    /// Key of the UI label in `locales/`.
    pub fn label_key(self) -> &'static str {
        match self {
            Vocation::Industrial => "vocation.industrial",
            Vocation::Craft => "vocation.craft",
            Vocation::Logistics => "vocation.logistics",
            Vocation::Commercial => "vocation.commercial",
            Vocation::Tertiary => "vocation.tertiary",
            Vocation::Mixed => "vocation.mixed",
        }
    }
}
