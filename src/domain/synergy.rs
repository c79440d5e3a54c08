//! The register of synergies (« projets inter-entreprises »): what the groups' actions
//! serve, how far each project got, and what it brings. A synergy has organisations with a
//! role, a pilot that can be handed over, a stage whose every change is dated and kept, and
//! impacts with units from a fixed list, summed only within a unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{LineId, NeedId, ThemeId, Timestamp, error::DomainError};

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
        self.history.iter().rev().find_map(|e| match &e.what {
            EventKind::Pilot { organisation, .. } => Some(organisation.as_str()),
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

/// One impact a synergy declares: estimated first, then measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    pub amount: Amount,
    #[serde(default)]
    pub measured: bool,
    /// What it is about, in the facilitator's words (« chutes d'acier », « eau de process »).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
    /// For CO₂: the emission factor and its source, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub factor: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// The fixed list of units an impact is counted in (per year where it is a flow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Tonnes a year of materials diverted.
    Tonnes,
    /// Cubic metres a year of water.
    CubicMetres,
    /// Megawatt-hours a year.
    Mwh,
    /// Thousands of euros a year saved.
    KiloEuros,
    /// Tonnes of CO₂ equivalent a year avoided.
    Co2,
    /// Jobs.
    Jobs,
    /// Square metres of land.
    SquareMetres,
}

impl Unit {
    pub const ALL: [Unit; 7] = [
        Unit::Tonnes,
        Unit::CubicMetres,
        Unit::Mwh,
        Unit::KiloEuros,
        Unit::Co2,
        Unit::Jobs,
        Unit::SquareMetres,
    ];

    /// How it is written in the file (and read back): fixed, whatever the language.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Tonnes => "t/an",
            Unit::CubicMetres => "m³/an",
            Unit::Mwh => "MWh/an",
            Unit::KiloEuros => "k€/an",
            Unit::Co2 => "t CO₂e/an",
            Unit::Jobs => "emplois",
            Unit::SquareMetres => "m²",
        }
    }

    /// The unit's label in the UI (« t/an » / « t/yr »).
    pub fn label_key(self) -> &'static str {
        match self {
            Unit::Tonnes => "unit.tonnes",
            Unit::CubicMetres => "unit.cubic_metres",
            Unit::Mwh => "unit.mwh",
            Unit::KiloEuros => "unit.keuros",
            Unit::Co2 => "unit.co2",
            Unit::Jobs => "unit.jobs",
            Unit::SquareMetres => "unit.square_metres",
        }
    }

    /// What the figure measures, for a heading (« Matières détournées »).
    pub fn what_key(self) -> &'static str {
        match self {
            Unit::Tonnes => "unit_what.tonnes",
            Unit::CubicMetres => "unit_what.cubic_metres",
            Unit::Mwh => "unit_what.mwh",
            Unit::KiloEuros => "unit_what.keuros",
            Unit::Co2 => "unit_what.co2",
            Unit::Jobs => "unit_what.jobs",
            Unit::SquareMetres => "unit_what.square_metres",
        }
    }
}

/// The units people type and how many thousandths of a list unit one of them is: « kg »
/// is a thousandth of a tonne, so 1 kg = 1 thousandth. Matched without case, spaces,
/// « /an », « /yr », « par an ».
const SPELLINGS: &[(&str, Unit, i64)] = &[
    ("t", Unit::Tonnes, 1_000),
    ("tonne", Unit::Tonnes, 1_000),
    ("tonnes", Unit::Tonnes, 1_000),
    ("kg", Unit::Tonnes, 1),
    ("m³", Unit::CubicMetres, 1_000),
    ("m3", Unit::CubicMetres, 1_000),
    ("l", Unit::CubicMetres, 1),
    ("litre", Unit::CubicMetres, 1),
    ("litres", Unit::CubicMetres, 1),
    ("liter", Unit::CubicMetres, 1),
    ("liters", Unit::CubicMetres, 1),
    ("mwh", Unit::Mwh, 1_000),
    ("kwh", Unit::Mwh, 1),
    ("gwh", Unit::Mwh, 1_000_000),
    ("k€", Unit::KiloEuros, 1_000),
    ("keur", Unit::KiloEuros, 1_000),
    ("€", Unit::KiloEuros, 1),
    ("eur", Unit::KiloEuros, 1),
    ("euros", Unit::KiloEuros, 1),
    ("m€", Unit::KiloEuros, 1_000_000),
    ("tco₂e", Unit::Co2, 1_000),
    ("tco2e", Unit::Co2, 1_000),
    ("tco₂", Unit::Co2, 1_000),
    ("tco2", Unit::Co2, 1_000),
    ("teqco2", Unit::Co2, 1_000),
    ("kgco₂e", Unit::Co2, 1),
    ("kgco2e", Unit::Co2, 1),
    ("kgco2", Unit::Co2, 1),
    ("emplois", Unit::Jobs, 1_000),
    ("emploi", Unit::Jobs, 1_000),
    ("jobs", Unit::Jobs, 1_000),
    ("job", Unit::Jobs, 1_000),
    ("etp", Unit::Jobs, 1_000),
    ("fte", Unit::Jobs, 1_000),
    ("m²", Unit::SquareMetres, 1_000),
    ("m2", Unit::SquareMetres, 1_000),
    ("ha", Unit::SquareMetres, 10_000_000),
];

/// An amount in a unit of the list, exact: thousandths of the unit, so that kilograms,
/// litres, kilowatt-hours and euros convert without rounding. Written in the file as typed
/// figures are read (« 12.5 t/an »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    pub milli: i64,
    pub unit: Unit,
}

impl Amount {
    pub fn zero(unit: Unit) -> Amount {
        Amount { milli: 0, unit }
    }

    /// Reads « 12,5 t/an », « 500 kg », « 2 000 kWh », « 15 k€ », « 3,2 t CO2e », « 2 ETP »,
    /// « 1,5 ha »: a number (decimal comma or point, spaces between thousands), then a
    /// unit of the list or one that converts to it exactly.
    pub fn parse(text: &str) -> Result<Amount, DomainError> {
        let t = text.trim();
        let end = t
            .char_indices()
            .find(|(_, c)| {
                !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}'))
            })
            .map_or(t.len(), |(i, _)| i);
        let (number, unit) = (t.get(..end).unwrap_or(""), t.get(end..).unwrap_or(""));
        let (unit, per) =
            unit_of(unit).ok_or_else(|| DomainError::UnknownUnit(unit.trim().into()))?;
        let typed = thousandths(number).ok_or_else(|| DomainError::NotANumber(t.into()))?;
        // `typed` is the number × 1000 and one typed unit is `per` thousandths of the
        // list's: the amount is typed × per / 1000, kept only when that is exact (half a
        // kilogram is finer than the list counts).
        let scaled = typed
            .checked_mul(i128::from(per))
            .filter(|m| m % 1000 == 0)
            .and_then(|m| i64::try_from(m / 1000).ok())
            .ok_or_else(|| DomainError::NotANumber(t.into()))?;
        Ok(Amount {
            milli: scaled,
            unit,
        })
    }

    /// The sum of two amounts of the same unit; of two units, refused.
    pub fn plus(self, other: Amount) -> Result<Amount, DomainError> {
        if self.unit != other.unit {
            return Err(DomainError::UnitMismatch(
                self.unit.symbol().into(),
                other.unit.symbol().into(),
            ));
        }
        let milli = self
            .milli
            .checked_add(other.milli)
            .ok_or_else(|| DomainError::NotANumber(self.unit.symbol().into()))?;
        Ok(Amount {
            milli,
            unit: self.unit,
        })
    }

    /// The figure alone: « 12,5 », « 2 000 » (French: decimal comma, thousands grouped by
    /// a no-break space), « 12.5 », « 2,000 » in English; at most three decimals, none
    /// trailing. `grouped` false gives a figure a spreadsheet reads as a number (« 2000.5 »).
    pub fn figure(&self, french: bool, grouped: bool) -> String {
        let neg = self.milli < 0;
        let abs = self.milli.unsigned_abs();
        let (int, frac) = (abs / 1000, abs % 1000);
        let mut int_text = int.to_string();
        if grouped && int_text.len() > 3 {
            let sep = if french { '\u{a0}' } else { ',' };
            let digits: Vec<char> = int_text.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(sep);
                }
                out.push(*c);
            }
            int_text = out;
        }
        let mut text = if neg {
            format!("-{int_text}")
        } else {
            int_text
        };
        if frac > 0 {
            let mut f = format!("{frac:03}");
            while f.ends_with('0') {
                f.pop();
            }
            text.push(if french && grouped { ',' } else { '.' });
            text.push_str(&f);
        }
        text
    }

    /// As stored in the file: « 12.5 t/an ».
    pub fn to_file(&self) -> String {
        format!("{} {}", self.figure(false, false), self.unit.symbol())
    }

    /// The amount as a floating figure of its unit, for charts only (sums stay exact).
    pub fn as_f64(&self) -> f64 {
        self.milli as f64 / 1000.0
    }
}

/// The list unit `text` names and how many thousandths of it one typed unit is.
fn unit_of(text: &str) -> Option<(Unit, i64)> {
    let mut t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    for tail in ["/an", "/yr", "/year", "paran", "peryear", "/a"] {
        if let Some(s) = t.strip_suffix(tail) {
            t = s.to_string();
        }
    }
    let t = t.replace("eq", "e").replace("teco2", "teqco2");
    SPELLINGS
        .iter()
        .find(|(s, ..)| *s == t)
        .map(|(_, u, m)| (*u, *m))
}

/// A typed number × 1000, exact (« 12,5 » → 12 500, « 2 000 » → 2 000 000); `None` past
/// three decimals or for what is not a number.
fn thousandths(number: &str) -> Option<i128> {
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() {
        return None;
    }
    let (int, frac) = match digits.rfind([',', '.']) {
        // « 1,500 » or « 1.500 » with exactly three digits after could be thousands in
        // English, but French reads it as a decimal: the decimal reading is kept, it is
        // the one the French form shows.
        Some(i) => (digits.get(..i)?, digits.get(i + 1..)?),
        None => (digits.as_str(), ""),
    };
    if int.contains([',', '.']) || frac.len() > 3 {
        return None;
    }
    let int: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f = frac.to_string();
    while f.len() < 3 {
        f.push('0');
    }
    let frac: i128 = f.parse().ok()?;
    int.checked_mul(1000)?.checked_add(frac)
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_file())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Amount::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Estimated and measured totals of one unit, over the synergies summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitTotal {
    pub unit: Unit,
    pub estimated: Amount,
    pub measured: Amount,
    /// How many synergies gave a figure in this unit.
    pub synergies: usize,
}

/// The impacts of `synergies` summed per unit, estimated and measured apart, in the list's
/// order; units nobody declared are left out. An abandoned synergy brings nothing.
pub fn totals<'a>(synergies: impl IntoIterator<Item = &'a Synergy>) -> Vec<UnitTotal> {
    totals_on(synergies, None)
}

/// [`totals`] as they stood at the end of `day` (`None`: now): a synergy abandoned later
/// still counts in an earlier period.
pub fn totals_on<'a>(
    synergies: impl IntoIterator<Item = &'a Synergy>,
    day: Option<NaiveDate>,
) -> Vec<UnitTotal> {
    let mut out: Vec<UnitTotal> = Unit::ALL
        .iter()
        .map(|&unit| UnitTotal {
            unit,
            estimated: Amount::zero(unit),
            measured: Amount::zero(unit),
            synergies: 0,
        })
        .collect();
    for s in synergies {
        if s.stage_on(day) == Stage::Abandoned {
            continue;
        }
        let mut counted = [false; Unit::ALL.len()];
        for i in &s.impacts {
            let Some(k) = Unit::ALL.iter().position(|u| *u == i.amount.unit) else {
                continue;
            };
            let Some(total) = out.get_mut(k) else {
                continue;
            };
            let slot = if i.measured {
                &mut total.measured
            } else {
                &mut total.estimated
            };
            // Same unit by construction; an overflow leaves the sum as it was.
            if let Ok(sum) = slot.plus(i.amount) {
                *slot = sum;
            }
            if let Some(c) = counted.get_mut(k) {
                *c = true;
            }
        }
        for (total, c) in out.iter_mut().zip(counted) {
            total.synergies += usize::from(c);
        }
    }
    out.retain(|t| t.synergies > 0);
    out
}

/// A synergy edited here (`before` → `mine`) merged with the file's (`now`): each field
/// this process changed is written (over a change elsewhere: a conflict, the later wins),
/// the others keep the file's. The history is the file's (events have ops of their own).
pub fn merge(mine: &Synergy, before: &Synergy, now: &Synergy) -> (Synergy, bool) {
    let mut conflict = false;
    fn pick<T: Clone + PartialEq>(mine: &T, before: &T, now: &T, conflict: &mut bool) -> T {
        if mine == before {
            return now.clone();
        }
        if now != before && now != mine {
            *conflict = true;
        }
        mine.clone()
    }
    let out = Synergy {
        id: now.id,
        title: pick(&mine.title, &before.title, &now.title, &mut conflict),
        kind: pick(&mine.kind, &before.kind, &now.kind, &mut conflict),
        members: pick(&mine.members, &before.members, &now.members, &mut conflict),
        group: pick(&mine.group, &before.group, &now.group, &mut conflict),
        lines: pick(&mine.lines, &before.lines, &now.lines, &mut conflict),
        lead: pick(&mine.lead, &before.lead, &now.lead, &mut conflict),
        impacts: pick(&mine.impacts, &before.impacts, &now.impacts, &mut conflict),
        history: now.history.clone(),
        note: pick(&mine.note, &before.note, &now.note, &mut conflict),
        created: pick(&mine.created, &before.created, &now.created, &mut conflict),
    };
    (out, conflict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(day: u32) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2027-01-{day:02}T10:00:00+01:00"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn amount(text: &str) -> Amount {
        Amount::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn typed_units_convert_exactly_to_the_list() {
        assert_eq!(
            amount("12,5 t/an"),
            Amount {
                milli: 12_500,
                unit: Unit::Tonnes
            }
        );
        assert_eq!(
            amount("500 kg"),
            Amount {
                milli: 500,
                unit: Unit::Tonnes
            }
        );
        assert_eq!(
            amount("2 000 kWh/an"),
            Amount {
                milli: 2_000,
                unit: Unit::Mwh
            }
        );
        assert_eq!(
            amount("1,2 GWh"),
            Amount {
                milli: 1_200_000,
                unit: Unit::Mwh
            }
        );
        assert_eq!(
            amount("15 000 €"),
            Amount {
                milli: 15_000,
                unit: Unit::KiloEuros
            }
        );
        assert_eq!(
            amount("3,2 t CO2e"),
            Amount {
                milli: 3_200,
                unit: Unit::Co2
            }
        );
        assert_eq!(
            amount("800 kg CO₂e/an"),
            Amount {
                milli: 800,
                unit: Unit::Co2
            }
        );
        assert_eq!(
            amount("0,5 ETP"),
            Amount {
                milli: 500,
                unit: Unit::Jobs
            }
        );
        assert_eq!(
            amount("1,5 ha"),
            Amount {
                milli: 15_000_000,
                unit: Unit::SquareMetres
            }
        );
        assert_eq!(
            amount("350 L"),
            Amount {
                milli: 350,
                unit: Unit::CubicMetres
            }
        );
        assert_eq!(
            amount("1.25 m3/an"),
            Amount {
                milli: 1_250,
                unit: Unit::CubicMetres
            }
        );
    }

    #[test]
    fn an_unknown_unit_or_a_bad_number_is_refused_and_named() {
        assert_eq!(
            Amount::parse("12 palettes"),
            Err(DomainError::UnknownUnit("palettes".into()))
        );
        assert!(matches!(
            Amount::parse("t/an"),
            Err(DomainError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse("1,2345 t"),
            Err(DomainError::NotANumber(_))
        ));
        assert!(matches!(
            Amount::parse("1,2,3 t"),
            Err(DomainError::NotANumber(_))
        ));
    }

    #[test]
    fn amounts_of_two_units_are_never_added() {
        let t = amount("3 t");
        assert_eq!(
            t.plus(amount("2 MWh")),
            Err(DomainError::UnitMismatch("t/an".into(), "MWh/an".into()))
        );
        assert_eq!(t.plus(amount("500 kg")), Ok(amount("3,5 t")));
    }

    #[test]
    fn figures_are_written_in_each_language_and_read_back_from_the_file() {
        let a = amount("12 345,5 t");
        assert_eq!(a.figure(true, true), "12\u{a0}345,5");
        assert_eq!(a.figure(false, true), "12,345.5");
        assert_eq!(a.figure(true, false), "12345.5");
        assert_eq!(a.to_file(), "12345.5 t/an");
        for u in Unit::ALL {
            let x = Amount {
                milli: 1_234_567,
                unit: u,
            };
            assert_eq!(amount(&x.to_file()), x, "{u:?}");
        }
    }

    #[test]
    fn the_stage_is_the_last_change_and_each_change_is_kept() {
        let s = Synergy::new(1, "Palettes", SynergyKind::Substitution);
        assert_eq!(s.stage(), Stage::Idea);
        let s = s
            .moved(Stage::Study, "", at(3))
            .moved(Stage::Abandoned, "coût", at(9));
        assert_eq!(s.stage(), Stage::Abandoned);
        assert_eq!(s.abandon_reason(), Some("coût"));
        assert_eq!(
            s.stage_on(NaiveDate::from_ymd_opt(2027, 1, 5)),
            Stage::Study
        );
        assert_eq!(s.history.len(), 2);
        // Moving to where it is records nothing.
        assert_eq!(s.moved(Stage::Abandoned, "", at(10)).history.len(), 2);
    }

    #[test]
    fn a_pilot_handed_over_is_the_pilot_and_the_first_stays_in_the_history() {
        let s = Synergy::new(1, "Chaleur", SynergyKind::Energy)
            .handed_to("Communauté de communes", "", at(2))
            .handed_to("Fromagerie Bel", "M. Roux", at(20));
        assert_eq!(s.pilot(), Some("Fromagerie Bel"));
        assert_eq!(
            s.organisations(),
            ["Communauté de communes", "Fromagerie Bel"]
        );
    }

    #[test]
    fn totals_sum_per_unit_estimated_and_measured_apart_without_the_abandoned() {
        let impact = |a: &str, measured| Impact {
            amount: amount(a),
            measured,
            what: String::new(),
            factor: String::new(),
            source: String::new(),
        };
        let mut a = Synergy::new(1, "A", SynergyKind::Substitution);
        a.impacts = vec![
            impact("12 t", false),
            impact("9,5 t", true),
            impact("4 k€", false),
        ];
        let mut b = Synergy::new(2, "B", SynergyKind::Substitution);
        b.impacts = vec![impact("800 kg", false)];
        let mut c =
            Synergy::new(3, "C", SynergyKind::Substitution).moved(Stage::Abandoned, "", at(1));
        c.impacts = vec![impact("100 t", false)];
        let t = totals([&a, &b, &c]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].unit, Unit::Tonnes);
        assert_eq!(t[0].estimated, amount("12,8 t"));
        assert_eq!(t[0].measured, amount("9,5 t"));
        assert_eq!(t[0].synergies, 2);
        assert_eq!(t[1].estimated, amount("4 k€"));
    }

    proptest! {
        #[test]
        fn the_history_stays_in_time_order(days in proptest::collection::vec((1u32..28, 0usize..6), 0..20)) {
            let mut s = Synergy::new(1, "x", SynergyKind::Pooling);
            for (d, k) in days {
                let stage = Stage::ALL[k % Stage::ALL.len()];
                s = s.moved(stage, "", at(d));
            }
            prop_assert!(s.history.windows(2).all(|w| w[0].at <= w[1].at));
        }

        #[test]
        fn sums_within_a_unit_are_exact(parts in proptest::collection::vec(0i64..10_000_000, 1..30)) {
            let mut sum = Amount::zero(Unit::Mwh);
            for p in &parts {
                // Typed in kWh, summed in MWh: no rounding.
                let typed = Amount::parse(&format!("{p} kWh")).unwrap_or_else(|e| panic!("{e}"));
                sum = sum.plus(typed).unwrap_or_else(|e| panic!("{e}"));
            }
            prop_assert_eq!(sum.milli, parts.iter().sum::<i64>());
        }
    }
}
