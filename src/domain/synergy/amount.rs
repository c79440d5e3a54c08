//! What a synergy is worth: impacts in a fixed list of units, amounts read exactly from
//! what was typed, and their totals per unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Stage, Synergy};
use crate::domain::error::DomainError;

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
