//! What the Préparation screen remembers (its tab and cell) and the rows of its fixed tabs,
//! Zone and Déroulé: both the update and the view walk these lists.

use rust_i18n::t;

use crate::app::State;
use crate::domain::Session;
use crate::overlays::editor::model::{AgendaField, EditTarget, ZoneField};

/// What the Préparation screen remembers: the tab shown and the selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model {
    pub tab: PrepTab,
    pub row: usize,
    pub col: usize,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            tab: PrepTab::Themes,
            row: 0,
            col: 0,
        }
    }
}

/// Tabs of the Préparation screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrepTab {
    Zone,
    /// The establishments of the zone to invite (`atelier import sirene`).
    Invitations,
    Themes,
    Participants,
    Needs,
    Agenda,
    Tables,
}

impl PrepTab {
    pub const ALL: [PrepTab; 7] = [
        PrepTab::Zone,
        PrepTab::Invitations,
        PrepTab::Themes,
        PrepTab::Participants,
        PrepTab::Needs,
        PrepTab::Agenda,
        PrepTab::Tables,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            PrepTab::Zone => "prep.tab.zone",
            PrepTab::Invitations => "prep.tab.invitations",
            PrepTab::Themes => "prep.tab.themes",
            PrepTab::Participants => "prep.tab.participants",
            PrepTab::Needs => "prep.tab.needs",
            PrepTab::Agenda => "prep.tab.agenda",
            PrepTab::Tables => "prep.tab.tables",
        }
    }
}

/// The Zone tab's rows, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneRow {
    Title,
    Name,
    /// Enter cycles through the vocations.
    Vocation,
    Specialisation,
    Companies,
    CompanySize,
    Since,
}

pub const ZONE_ROWS: [ZoneRow; 7] = [
    ZoneRow::Title,
    ZoneRow::Name,
    ZoneRow::Vocation,
    ZoneRow::Specialisation,
    ZoneRow::Companies,
    ZoneRow::CompanySize,
    ZoneRow::Since,
];

impl ZoneRow {
    pub fn label(self) -> String {
        t!(match self {
            ZoneRow::Title => "prep.zone.title",
            ZoneRow::Name => "prep.zone.name",
            ZoneRow::Vocation => "prep.zone.vocation",
            ZoneRow::Specialisation => "prep.zone.specialisation",
            ZoneRow::Companies => "prep.zone.companies",
            ZoneRow::CompanySize => "prep.zone.company_size",
            ZoneRow::Since => "prep.zone.since",
        })
        .into_owned()
    }

    pub fn value(self, s: &Session) -> String {
        let z = &s.zone;
        match self {
            ZoneRow::Title => s.title.clone(),
            ZoneRow::Name => z.name.clone(),
            // The register's suggestion beside the choice, when they differ.
            ZoneRow::Vocation => {
                let chosen = t!(z.vocation.label_key()).into_owned();
                match z
                    .profile
                    .as_ref()
                    .and_then(|p| p.register.as_ref())
                    .and_then(|r| r.suggested_vocation())
                {
                    Some(v) if v != z.vocation => format!(
                        "{chosen} · {}",
                        t!("import.profile.suggested", v = t!(v.label_key()))
                    ),
                    _ => chosen,
                }
            }
            ZoneRow::Specialisation => z.specialisation.clone().unwrap_or_default(),
            ZoneRow::Companies => z.companies.to_string(),
            ZoneRow::CompanySize => z.company_size.clone().unwrap_or_default(),
            ZoneRow::Since => z.since.map(|y| y.to_string()).unwrap_or_default(),
        }
    }

    /// The field the editor opens on; None for the vocation, which Enter cycles.
    pub fn editor(self) -> Option<EditTarget> {
        Some(match self {
            ZoneRow::Title => EditTarget::SessionTitle,
            ZoneRow::Name => EditTarget::Zone(ZoneField::Name),
            ZoneRow::Vocation => return None,
            ZoneRow::Specialisation => EditTarget::Zone(ZoneField::Specialisation),
            ZoneRow::Companies => EditTarget::Zone(ZoneField::Companies),
            ZoneRow::CompanySize => EditTarget::Zone(ZoneField::CompanySize),
            ZoneRow::Since => EditTarget::Zone(ZoneField::Since),
        })
    }
}

/// How an invitation is named: its name in the register, else « SIRET … ».
pub fn invitation_name(inv: &crate::domain::Invitation) -> String {
    if inv.name.trim().is_empty() {
        t!("import.inv.no_name", siret = inv.siret.as_str()).into_owned()
    } else {
        inv.name.clone()
    }
}

/// An invitation's activity: its NAF division's label, or « activité non classée ».
pub fn invitation_activity(inv: &crate::domain::Invitation) -> String {
    crate::text::zone::activity(inv)
}

/// Number of rows and columns of a Préparation tab.
pub fn prep_shape(state: &State, tab: PrepTab) -> (usize, usize) {
    let s = &state.session;
    match tab {
        PrepTab::Zone => (ZONE_ROWS.len(), 1),
        PrepTab::Invitations => (s.invitations.len(), 1),
        PrepTab::Themes => (s.themes.len(), 4),
        PrepTab::Participants => (s.participants.len(), 5),
        PrepTab::Needs => (s.needs.len(), 3),
        PrepTab::Agenda => (AGENDA_ROWS.len(), 1),
        PrepTab::Tables => (0, 0),
    }
}

/// The Agenda tab's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaRow {
    Date,
    Start,
    Rounds,
    Minutes(AgendaField),
}

pub const AGENDA_ROWS: [AgendaRow; 8] = [
    AgendaRow::Date,
    AgendaRow::Start,
    AgendaRow::Rounds,
    AgendaRow::Minutes(AgendaField::Presentation),
    AgendaRow::Minutes(AgendaField::Groups),
    AgendaRow::Minutes(AgendaField::Rotation),
    AgendaRow::Minutes(AgendaField::Restitution),
    AgendaRow::Minutes(AgendaField::Commitments),
];
