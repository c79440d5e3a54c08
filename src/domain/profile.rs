//! The zone's profile from open data (issue 28, item 1): what the national company register
//! (SIRENE) says of the establishments of the zone, and what the CNIG « sites économiques »
//! file says of the site. Pure: the files are read by `crate::import`, which hands each kept
//! establishment to a [`Tally`].

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Vocation;

/// What the zone's open data say, beside the facilitator's own words (`Zone`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ZoneProfile {
    /// From the register's establishment file (`atelier import sirene`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<RegisterProfile>,
    /// From the CNIG « sites économiques » file (`atelier import cnig`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteProfile>,
}

impl ZoneProfile {
    pub fn is_empty(&self) -> bool {
        self.register.is_none() && self.site.is_none()
    }
}

/// The active establishments of the zone as the register counts them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RegisterProfile {
    /// The file's name, as imported.
    #[serde(default)]
    pub source: String,
    /// The day of the import: the register moves, the facilitator knows how old this is.
    #[serde(default)]
    pub imported: Option<NaiveDate>,
    /// Rows read in the file (every establishment, active or not, anywhere).
    #[serde(default)]
    pub rows: u64,
    /// Active establishments kept (in the communes and streets, or inside the polygon).
    #[serde(default)]
    pub establishments: u32,
    /// Establishments by size band, in the register's order of bands; "" is « non
    /// renseigné ».
    #[serde(default)]
    pub sizes: Vec<(String, u32)>,
    /// Establishments by NAF rév. 2 division (« 25 »), most first.
    #[serde(default)]
    pub divisions: Vec<(String, u32)>,
    /// Establishments whose activity is in an older nomenclature, or missing.
    #[serde(default)]
    pub unclassified: u32,
    /// Manufacturing establishments (section C) with fewer than 10 employees: the craft
    /// side of manufacturing, for the suggested vocation.
    #[serde(default)]
    pub small_manufacturing: u32,
    /// Establishments by year of creation, oldest first.
    #[serde(default)]
    pub years: Vec<(i32, u32)>,
    /// Establishments without a creation date.
    #[serde(default)]
    pub undated: u32,
}

/// A row of the CNIG « sites économiques » file: the site as the territory declares it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SiteProfile {
    /// The file's name, as imported.
    #[serde(default)]
    pub source: String,
    /// The site's name in the file.
    pub name: String,
    /// The declared vocation, as the file words it.
    #[serde(default)]
    pub vocation: Option<String>,
    /// Hectares.
    #[serde(default)]
    pub area_ha: Option<f64>,
    /// The declared number of establishments.
    #[serde(default)]
    pub establishments: Option<u32>,
}

impl SiteProfile {
    /// The declared vocation as one of the app's, when the file's word names one.
    pub fn vocation(&self) -> Option<Vocation> {
        self.vocation.as_deref().and_then(vocation_from_text)
    }
}

/// « Industrielle », « zone artisanale », « logistique »…: the vocation a word names.
pub fn vocation_from_text(text: &str) -> Option<Vocation> {
    let t = fold(text);
    let has = |w: &str| t.contains(w);
    Some(if has("MIXTE") {
        Vocation::Mixed
    } else if has("INDUSTRI") {
        Vocation::Industrial
    } else if has("ARTISAN") {
        Vocation::Craft
    } else if has("LOGISTI") {
        Vocation::Logistics
    } else if has("COMMERC") {
        Vocation::Commercial
    } else if has("TERTIAIR") || has("BUREAU") {
        Vocation::Tertiary
    } else {
        return None;
    })
}

/// Uppercase ASCII letters and digits, each run of anything else one space: « Zone
/// d'activités » → « ZONE D ACTIVITES ». Accents of French (and the ligatures) go.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in super::clean::folded(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The size bands of the register (`trancheEffectifsEtablissement`), in order, with the key
/// of their label; "" (not given) last.
pub const SIZE_BANDS: [(&str, &str); 17] = [
    ("NN", "naf.size.tnn"),
    ("00", "naf.size.t00"),
    ("01", "naf.size.t01"),
    ("02", "naf.size.t02"),
    ("03", "naf.size.t03"),
    ("11", "naf.size.t11"),
    ("12", "naf.size.t12"),
    ("21", "naf.size.t21"),
    ("22", "naf.size.t22"),
    ("31", "naf.size.t31"),
    ("32", "naf.size.t32"),
    ("41", "naf.size.t41"),
    ("42", "naf.size.t42"),
    ("51", "naf.size.t51"),
    ("52", "naf.size.t52"),
    ("53", "naf.size.t53"),
    ("", "naf.size.unknown"),
];

/// The label key of a size band's code; an unknown code reads as « non renseigné ».
pub fn size_label_key(code: &str) -> &'static str {
    SIZE_BANDS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, k)| *k)
        .unwrap_or("naf.size.unknown")
}

/// The band's code as the register writes it, or "" when it is none of them.
pub fn size_band(code: &str) -> &'static str {
    SIZE_BANDS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, _)| *c)
        .unwrap_or("")
}

/// Fewer than 10 employees (or none): the bands NN, 00, 01, 02, 03.
pub fn is_small(code: &str) -> bool {
    matches!(code, "NN" | "00" | "01" | "02" | "03")
}

/// The 88 divisions of NAF rév. 2 and the section (A–U) each belongs to: the official table.
pub const DIVISIONS: [(&str, char); 88] = [
    ("01", 'A'),
    ("02", 'A'),
    ("03", 'A'),
    ("05", 'B'),
    ("06", 'B'),
    ("07", 'B'),
    ("08", 'B'),
    ("09", 'B'),
    ("10", 'C'),
    ("11", 'C'),
    ("12", 'C'),
    ("13", 'C'),
    ("14", 'C'),
    ("15", 'C'),
    ("16", 'C'),
    ("17", 'C'),
    ("18", 'C'),
    ("19", 'C'),
    ("20", 'C'),
    ("21", 'C'),
    ("22", 'C'),
    ("23", 'C'),
    ("24", 'C'),
    ("25", 'C'),
    ("26", 'C'),
    ("27", 'C'),
    ("28", 'C'),
    ("29", 'C'),
    ("30", 'C'),
    ("31", 'C'),
    ("32", 'C'),
    ("33", 'C'),
    ("35", 'D'),
    ("36", 'E'),
    ("37", 'E'),
    ("38", 'E'),
    ("39", 'E'),
    ("41", 'F'),
    ("42", 'F'),
    ("43", 'F'),
    ("45", 'G'),
    ("46", 'G'),
    ("47", 'G'),
    ("49", 'H'),
    ("50", 'H'),
    ("51", 'H'),
    ("52", 'H'),
    ("53", 'H'),
    ("55", 'I'),
    ("56", 'I'),
    ("58", 'J'),
    ("59", 'J'),
    ("60", 'J'),
    ("61", 'J'),
    ("62", 'J'),
    ("63", 'J'),
    ("64", 'K'),
    ("65", 'K'),
    ("66", 'K'),
    ("68", 'L'),
    ("69", 'M'),
    ("70", 'M'),
    ("71", 'M'),
    ("72", 'M'),
    ("73", 'M'),
    ("74", 'M'),
    ("75", 'M'),
    ("77", 'N'),
    ("78", 'N'),
    ("79", 'N'),
    ("80", 'N'),
    ("81", 'N'),
    ("82", 'N'),
    ("84", 'O'),
    ("85", 'P'),
    ("86", 'Q'),
    ("87", 'Q'),
    ("88", 'Q'),
    ("90", 'R'),
    ("91", 'R'),
    ("92", 'R'),
    ("93", 'R'),
    ("94", 'S'),
    ("95", 'S'),
    ("96", 'S'),
    ("97", 'T'),
    ("98", 'T'),
    ("99", 'U'),
];

/// The 21 sections of NAF rév. 2.
pub const SECTIONS: [char; 21] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S',
    'T', 'U',
];

/// The section of a division (« 25 » → C), if it is one of the 88.
pub fn section_of(division: &str) -> Option<char> {
    DIVISIONS
        .iter()
        .find(|(d, _)| *d == division)
        .map(|(_, s)| *s)
}

/// The label key of a division: `naf.division.d25`.
pub fn division_label_key(division: &str) -> String {
    format!("naf.division.d{division}")
}

/// The label key of a section: `naf.section.sc` (a letter alone could read as a YAML
/// boolean: `n`, `y`).
pub fn section_label_key(section: char) -> String {
    format!("naf.section.s{}", section.to_ascii_lowercase())
}

/// The key of a section's short label (« Industrie »), for one line of several sections.
pub fn section_short_key(section: char) -> String {
    format!("naf.section_short.s{}", section.to_ascii_lowercase())
}

/// The division of a NAF rév. 2 code (« 25.62B » → « 25 »); `None` for a code of another
/// nomenclature (`nomenclature` is the register's `nomenclatureActivitePrincipale…`: empty
/// or `NAFRev2` for the current one) or one that is not of the form `NN.NNX`.
pub fn naf_division<'a>(code: &'a str, nomenclature: &str) -> Option<&'a str> {
    if !(nomenclature.is_empty() || nomenclature.eq_ignore_ascii_case("NAFRev2")) {
        return None;
    }
    let b = code.as_bytes();
    let shaped = b.len() == 6
        && b.iter().take(2).all(u8::is_ascii_digit)
        && b.get(2) == Some(&b'.')
        && b.iter().skip(3).take(2).all(u8::is_ascii_digit)
        && b.get(5).is_some_and(u8::is_ascii_uppercase);
    let division = code.get(..2)?;
    (shaped && section_of(division).is_some()).then_some(division)
}

/// A SIRET whose key checks: 14 digits passing the Luhn check, or, for La Poste (SIREN
/// 356000000, one SIREN for thousands of post offices), digits summing to a multiple of 5.
pub fn siret_checks(siret: &str) -> bool {
    let b = siret.as_bytes();
    if b.len() != 14 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let digits = b.iter().map(|c| u32::from(c - b'0'));
    if siret.starts_with("356000000") && digits.clone().sum::<u32>().is_multiple_of(5) {
        return true;
    }
    let luhn: u32 = digits
        .rev()
        .enumerate()
        .map(|(i, d)| match (i % 2 == 1, d * 2) {
            (true, twice) if twice > 9 => twice - 9,
            (true, twice) => twice,
            (false, _) => d,
        })
        .sum();
    luhn.is_multiple_of(10)
}

/// One active establishment the import kept: the register's columns the profile and the
/// invitation list use.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Establishment {
    pub siret: String,
    /// `activitePrincipaleEtablissement`, e.g. « 25.62B ».
    pub naf: String,
    /// `nomenclatureActivitePrincipaleEtablissement` (empty when the file has no such column).
    pub nomenclature: String,
    /// `trancheEffectifsEtablissement`.
    pub size: String,
    pub created: Option<NaiveDate>,
    /// `denominationUsuelleEtablissement`.
    pub name: String,
    /// `enseigne1Etablissement`.
    pub sign: String,
    /// Number, type and name of the street, as the register writes them.
    pub street: String,
    pub commune: String,
}

/// Adds the establishments up, one at a time (the import streams the file).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    establishments: u32,
    sizes: std::collections::BTreeMap<&'static str, u32>,
    divisions: std::collections::BTreeMap<String, u32>,
    unclassified: u32,
    small_manufacturing: u32,
    years: std::collections::BTreeMap<i32, u32>,
    undated: u32,
}

impl Tally {
    pub fn add(&mut self, e: &Establishment) {
        self.establishments = self.establishments.saturating_add(1);
        let band = size_band(&e.size);
        *self.sizes.entry(band).or_default() += 1;
        match naf_division(&e.naf, &e.nomenclature) {
            Some(d) => {
                *self.divisions.entry(d.to_string()).or_default() += 1;
                if section_of(d) == Some('C') && is_small(band) {
                    self.small_manufacturing += 1;
                }
            }
            None => self.unclassified += 1,
        }
        match e.created {
            Some(d) => *self.years.entry(d.year()).or_default() += 1,
            None => self.undated += 1,
        }
    }

    /// The profile of what was added, `rows` being the rows read in `source`.
    pub fn finish(self, source: &str, rows: u64, imported: Option<NaiveDate>) -> RegisterProfile {
        let order = |code: &str| SIZE_BANDS.iter().position(|(c, _)| *c == code);
        let mut sizes: Vec<(String, u32)> = self
            .sizes
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        sizes.sort_by_key(|(c, _)| order(c));
        let mut divisions: Vec<(String, u32)> = self.divisions.into_iter().collect();
        // Most first; a tie in division order, so that the file does not change between
        // two imports of the same data.
        divisions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        RegisterProfile {
            source: source.to_string(),
            imported,
            rows,
            establishments: self.establishments,
            sizes,
            divisions,
            unclassified: self.unclassified,
            small_manufacturing: self.small_manufacturing,
            years: self.years.into_iter().collect(),
            undated: self.undated,
        }
    }
}

/// The periods of creation the age is counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Before1980,
    From1980To1999,
    From2000To2009,
    From2010To2019,
    Since2020,
}

impl Period {
    pub const ALL: [Period; 5] = [
        Period::Before1980,
        Period::From1980To1999,
        Period::From2000To2009,
        Period::From2010To2019,
        Period::Since2020,
    ];

    pub fn of(year: i32) -> Period {
        match year {
            ..1980 => Period::Before1980,
            1980..2000 => Period::From1980To1999,
            2000..2010 => Period::From2000To2009,
            2010..2020 => Period::From2010To2019,
            _ => Period::Since2020,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Period::Before1980 => "naf.period.before_1980",
            Period::From1980To1999 => "naf.period.1980_1999",
            Period::From2000To2009 => "naf.period.2000_2009",
            Period::From2010To2019 => "naf.period.2010_2019",
            Period::Since2020 => "naf.period.since_2020",
        }
    }
}

/// The groups of sections the suggested vocation weighs (see
/// [`RegisterProfile::suggested_vocation`]).
const VOCATION_GROUPS: [Vocation; 5] = [
    Vocation::Industrial,
    Vocation::Craft,
    Vocation::Logistics,
    Vocation::Commercial,
    Vocation::Tertiary,
];

impl RegisterProfile {
    /// Establishments by section, in section order (those with none left out).
    pub fn sections(&self) -> Vec<(char, u32)> {
        SECTIONS
            .iter()
            .map(|s| {
                let n = self
                    .divisions
                    .iter()
                    .filter(|(d, _)| section_of(d) == Some(*s))
                    .map(|(_, n)| *n)
                    .sum();
                (*s, n)
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Establishments with a NAF rév. 2 activity: what the shares are of.
    pub fn classified(&self) -> u32 {
        self.divisions.iter().map(|(_, n)| *n).sum()
    }

    /// The share of `n` among the classified establishments, in whole percent (rounded).
    pub fn percent(&self, n: u32) -> u32 {
        let total = u64::from(self.classified());
        if total == 0 {
            return 0;
        }
        ((u64::from(n) * 100 + total / 2) / total) as u32
    }

    /// The share of `n` among all the establishments kept, in whole percent (rounded): for the
    /// sizes and the ages, which count every establishment.
    pub fn percent_of_all(&self, n: u32) -> u32 {
        let total = u64::from(self.establishments);
        if total == 0 {
            return 0;
        }
        ((u64::from(n) * 100 + total / 2) / total) as u32
    }

    /// Establishments by period of creation, every period (zero included).
    pub fn periods(&self) -> Vec<(Period, u32)> {
        Period::ALL
            .iter()
            .map(|p| {
                let n = self
                    .years
                    .iter()
                    .filter(|(y, _)| Period::of(*y) == *p)
                    .map(|(_, n)| *n)
                    .sum();
                (*p, n)
            })
            .collect()
    }

    /// The median year of creation (the lower middle one for an even count), of the dated
    /// establishments.
    pub fn median_year(&self) -> Option<i32> {
        let dated: u64 = self.years.iter().map(|(_, n)| u64::from(*n)).sum();
        if dated == 0 {
            return None;
        }
        let middle = dated.div_ceil(2);
        let mut seen = 0u64;
        let mut years: Vec<&(i32, u32)> = self.years.iter().collect();
        years.sort_by_key(|(y, _)| *y);
        for (y, n) in years {
            seen += u64::from(*n);
            if seen >= middle {
                return Some(*y);
            }
        }
        None
    }

    /// How many establishments weigh towards a vocation (see `suggested_vocation`).
    fn weight(&self, v: Vocation) -> u32 {
        let by_section = |sections: &[char]| -> u32 {
            self.divisions
                .iter()
                .filter(|(d, _)| section_of(d).is_some_and(|s| sections.contains(&s)))
                .map(|(_, n)| *n)
                .sum()
        };
        match v {
            Vocation::Industrial => {
                by_section(&['B', 'C', 'D', 'E']).saturating_sub(self.small_manufacturing)
            }
            Vocation::Craft => by_section(&['F']) + self.small_manufacturing,
            Vocation::Logistics => by_section(&['H']),
            Vocation::Commercial => by_section(&['G']),
            Vocation::Tertiary => by_section(&['J', 'K', 'L', 'M', 'N']),
            Vocation::Mixed => 0,
        }
    }

    /// The vocation the activities suggest, `None` without any classified establishment.
    /// Each establishment with a NAF rév. 2 activity weighs towards one vocation:
    /// industrielle for sections B–E (extraction, manufacturing, energy, water and waste)
    /// with 10 employees or more, artisanale for F (construction) and for manufacturing
    /// with fewer than 10, logistique for H (transport and storage), commerciale for G
    /// (trade), tertiaire for J–N (offices: information, finance, real estate, consulting,
    /// support services); the others (agriculture, hotels and restaurants, public and
    /// personal services) weigh towards none. A vocation with more than half of the
    /// classified establishments is suggested; otherwise « mixte ».
    pub fn suggested_vocation(&self) -> Option<Vocation> {
        let total = self.classified();
        if total == 0 {
            return None;
        }
        let best = VOCATION_GROUPS
            .iter()
            .map(|v| (*v, self.weight(*v)))
            .max_by_key(|(_, n)| *n);
        Some(match best {
            Some((v, n)) if u64::from(n) * 2 > u64::from(total) => v,
            _ => Vocation::Mixed,
        })
    }

    /// The size bands, most establishments first (a tie in the register's order).
    pub fn top_sizes(&self) -> Vec<(String, u32)> {
        let mut v = self.sizes.clone();
        let order = |code: &str| SIZE_BANDS.iter().position(|(c, _)| *c == code);
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| order(&a.0).cmp(&order(&b.0))));
        v
    }
}

pub use super::area::{Area, Polygon};

#[cfg(test)]
mod tests {
    use super::*;

    fn est(naf: &str, size: &str, year: Option<i32>) -> Establishment {
        Establishment {
            siret: "00079927398713".into(),
            naf: naf.into(),
            size: size.into(),
            created: year.and_then(|y| NaiveDate::from_ymd_opt(y, 6, 1)),
            ..Default::default()
        }
    }

    fn profile(list: &[Establishment]) -> RegisterProfile {
        let mut t = Tally::default();
        list.iter().for_each(|e| t.add(e));
        t.finish("x.csv", 1000, None)
    }

    #[test]
    fn the_division_table_has_88_divisions_in_21_sections() {
        assert_eq!(DIVISIONS.len(), 88);
        let mut seen = std::collections::BTreeSet::new();
        for (d, s) in DIVISIONS {
            assert!(seen.insert(d), "{d} twice");
            assert!(SECTIONS.contains(&s));
        }
        for s in SECTIONS {
            assert!(DIVISIONS.iter().any(|(_, x)| *x == s), "{s} empty");
        }
        assert_eq!(section_of("25"), Some('C'));
        assert_eq!(section_of("35"), Some('D'));
        assert_eq!(section_of("47"), Some('G'));
        assert_eq!(section_of("52"), Some('H'));
        assert_eq!(section_of("68"), Some('L'));
        assert_eq!(section_of("99"), Some('U'));
        assert_eq!(section_of("04"), None);
        assert_eq!(section_of("34"), None);
    }

    #[test]
    fn naf_codes_of_another_nomenclature_are_not_classified() {
        assert_eq!(naf_division("25.62B", ""), Some("25"));
        assert_eq!(naf_division("25.62B", "NAFRev2"), Some("25"));
        assert_eq!(naf_division("28.5D", "NAFRev1"), None);
        assert_eq!(naf_division("25.62B", "NAFRev1"), None);
        assert_eq!(naf_division("285D", ""), None);
        assert_eq!(naf_division("04.11Z", ""), None);
        assert_eq!(naf_division("", ""), None);
        assert_eq!(naf_division("é5.62B", ""), None);
    }

    #[test]
    fn luhn_and_la_poste() {
        // The classic Luhn example, padded to 14 digits.
        assert!(siret_checks("00079927398713"));
        assert!(!siret_checks("00079927398710"));
        // La Poste's head office passes Luhn; its post offices check by digit sum.
        assert!(siret_checks("35600000000048"));
        assert!(siret_checks("35600000000001"));
        assert!(!siret_checks("35600000000002"));
        // The digit sum rule is La Poste's only.
        assert!(!siret_checks("35700000000001"));
        assert!(!siret_checks("0007992739871"));
        assert!(!siret_checks("000799273987130"));
        assert!(!siret_checks("0007992739871A"));
        assert!(!siret_checks(""));
    }

    #[test]
    fn the_tally_counts_sizes_divisions_years() {
        let p = profile(&[
            est("25.62B", "11", Some(1975)),
            est("25.11Z", "01", Some(1990)),
            est("47.11A", "", Some(2005)),
            est("28.5D", "NN", None),
            est("25.62B", "zz", Some(2021)),
        ]);
        assert_eq!(p.establishments, 5);
        assert_eq!(p.classified(), 4);
        assert_eq!(p.unclassified, 1);
        assert_eq!(
            p.divisions,
            vec![("25".to_string(), 3), ("47".to_string(), 1)]
        );
        assert_eq!(p.sections(), vec![('C', 3), ('G', 1)]);
        assert_eq!(p.percent(3), 75);
        // Register order of bands, an unknown code as « non renseigné ».
        let codes: Vec<&str> = p.sizes.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, vec!["NN", "01", "11", ""]);
        assert_eq!(p.sizes.last(), Some(&(String::new(), 2)));
        assert_eq!(p.top_sizes().first(), Some(&(String::new(), 2)));
        assert_eq!(p.small_manufacturing, 1);
        assert_eq!(p.undated, 1);
        let periods: Vec<u32> = p.periods().iter().map(|(_, n)| *n).collect();
        assert_eq!(periods, vec![1, 1, 1, 0, 1]);
        assert_eq!(p.median_year(), Some(1990));
        assert_eq!(size_label_key("11"), "naf.size.t11");
        assert_eq!(size_label_key("xx"), "naf.size.unknown");
    }

    #[test]
    fn the_median_year_of_an_even_count_is_the_lower_middle() {
        let p = profile(&[
            est("25.62B", "11", Some(2001)),
            est("25.62B", "11", Some(1999)),
            est("25.62B", "11", Some(2010)),
            est("25.62B", "11", Some(2011)),
        ]);
        assert_eq!(p.median_year(), Some(2001));
        assert_eq!(profile(&[]).median_year(), None);
        assert_eq!(Period::of(1979), Period::Before1980);
        assert_eq!(Period::of(1980), Period::From1980To1999);
        assert_eq!(Period::of(2019), Period::From2010To2019);
        assert_eq!(Period::of(2020), Period::Since2020);
    }

    #[test]
    fn the_suggested_vocation_follows_the_majority() {
        let many = |naf: &str, size: &str, n: usize| vec![est(naf, size, None); n];
        let mix = |parts: Vec<Vec<Establishment>>| profile(&parts.concat());
        // Manufacturing with 10 employees or more, and waste: industrial.
        let p = mix(vec![
            many("25.62B", "12", 4),
            many("38.11Z", "11", 2),
            many("47.11A", "01", 3),
        ]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Industrial));
        // The same manufacturing in small workshops, with builders: craft.
        let p = mix(vec![
            many("25.62B", "01", 4),
            many("43.22A", "02", 2),
            many("47.11A", "01", 3),
        ]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Craft));
        let p = mix(vec![many("49.41A", "12", 6), many("52.10B", "21", 2)]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Logistics));
        let p = mix(vec![many("47.11A", "03", 6), many("56.10A", "02", 2)]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Commercial));
        let p = mix(vec![many("62.01Z", "11", 3), many("70.22Z", "01", 3)]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Tertiary));
        // Half is not more than half.
        let p = mix(vec![many("49.41A", "12", 4), many("47.11A", "01", 4)]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Mixed));
        // Unclassified activities weigh nothing; none classified, no suggestion.
        let p = mix(vec![many("49.41A", "12", 2), many("60.2M", "01", 9)]);
        assert_eq!(p.suggested_vocation(), Some(Vocation::Logistics));
        assert_eq!(mix(vec![many("", "", 3)]).suggested_vocation(), None);
    }

    #[test]
    fn a_point_in_a_polygon_with_a_hole() {
        let square = |x0: f64, y0: f64, x1: f64, y1: f64| {
            vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        };
        let p = Polygon {
            outer: square(2.0, 48.0, 3.0, 49.0),
            holes: vec![square(2.4, 48.4, 2.6, 48.6)],
        };
        assert!(p.contains(2.1, 48.1));
        assert!(p.contains(2.9, 48.9));
        assert!(!p.contains(2.5, 48.5), "in the hole");
        assert!(!p.contains(1.9, 48.5));
        assert!(!p.contains(2.5, 49.1));
        // A concave outline: the notch is outside.
        let u = Polygon {
            outer: vec![
                (0.0, 0.0),
                (3.0, 0.0),
                (3.0, 3.0),
                (2.0, 3.0),
                (2.0, 1.0),
                (1.0, 1.0),
                (1.0, 3.0),
                (0.0, 3.0),
            ],
            holes: Vec::new(),
        };
        assert!(u.contains(0.5, 2.5));
        assert!(!u.contains(1.5, 2.0));
        let area = Area {
            polygons: vec![p, u],
        };
        assert!(area.contains(0.5, 0.5));
        assert!(area.contains(2.1, 48.1));
        assert!(!area.contains(10.0, 10.0));
        assert!(!Polygon::default().contains(0.0, 0.0));
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(
            fold("Zone d'activités  des Épinettes"),
            "ZONE D ACTIVITES DES EPINETTES"
        );
        assert_eq!(fold(" rue de l'Œuvre-Neuve "), "RUE DE L OEUVRE NEUVE");
        assert_eq!(vocation_from_text("Zone artisanale"), Some(Vocation::Craft));
        assert_eq!(vocation_from_text("mixte"), Some(Vocation::Mixed));
        assert_eq!(
            vocation_from_text("Activités tertiaires"),
            Some(Vocation::Tertiary)
        );
        assert_eq!(vocation_from_text("agricole"), None);
    }
}
