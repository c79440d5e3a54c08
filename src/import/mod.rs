//! Reading open data about the zone (issue 28, item 1), offline: the national company
//! register's establishment file (`sirene`), the CNIG « sites économiques » file (`cnig`),
//! the zone's outline (`geojson`). The files are read here; what they mean is computed in
//! `domain::profile` and `domain::invitation`.

pub mod cnig;
pub mod geojson;
pub mod sirene;

use std::path::{Path, PathBuf};

use rust_i18n::t;
use thiserror::Error;

use crate::domain::profile::fold;

/// What stops an import: told to the user in one message (`user_message`).
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The CSV itself is broken (an unclosed quote…), at `line`.
    #[error("{path}:{line}: {message}")]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{path}: no column {column}")]
    MissingColumn { path: PathBuf, column: String },
    /// `--zone` on a file without the geolocated edition's `longitude` and `latitude`.
    #[error("{path}: no longitude/latitude columns")]
    NoCoordinates { path: PathBuf },
    /// No filter narrowed a national file down to a zone.
    #[error("{path}: more than {limit} establishments kept")]
    TooMany { path: PathBuf, limit: usize },
    #[error("{path}: {message}")]
    GeoJson { path: PathBuf, message: String },
    /// The outline's coordinates are not longitudes and latitudes (Lambert 93, say).
    #[error("{path}: coordinates are not WGS84")]
    NotWgs84 { path: PathBuf },
    #[error("{path}: no polygon")]
    NoPolygon { path: PathBuf },
    #[error("{path}: no site named {wanted}")]
    NoSite {
        path: PathBuf,
        wanted: String,
        /// Names found in the file (the first few) and how many rows there are.
        names: Vec<String>,
        rows: usize,
    },
    #[error("{path}: several sites named {wanted}")]
    SeveralSites {
        path: PathBuf,
        wanted: String,
        names: Vec<String>,
    },
    #[error("{path}: empty file")]
    Empty { path: PathBuf },
    /// The filters kept nothing (a postal code for an INSEE code, a street misspelt): the
    /// session is left as it was rather than given an empty profile.
    #[error("{path}: no active establishment kept out of {rows} rows")]
    NothingKept { path: PathBuf, rows: u64 },
}

/// How many names an error lists at most.
const NAMES_SHOWN: usize = 10;

impl ImportError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        ImportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn csv(path: &Path, e: &csv::Error) -> Self {
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        let message = match e.kind() {
            csv::ErrorKind::Io(io) => io.to_string(),
            _ => e.to_string(),
        };
        ImportError::Csv {
            path: path.to_path_buf(),
            line,
            message,
        }
    }

    /// A file that is not what was asked (exit 2), rather than one that could not be read.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, ImportError::Io { .. })
    }

    /// One clear message, in the interface's language.
    pub fn user_message(&self) -> String {
        let names = |names: &[String]| {
            names
                .iter()
                .take(NAMES_SHOWN)
                .map(|n| crate::text::quoted(n))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            ImportError::Io { path, source } => {
                t!("import.error.io", path = path.display(), error = source).into_owned()
            }
            ImportError::Csv {
                path,
                line,
                message,
            } => t!(
                "import.error.csv",
                path = path.display(),
                line = line,
                error = message
            )
            .into_owned(),
            ImportError::MissingColumn { path, column } => t!(
                "import.error.missing_column",
                path = path.display(),
                column = column
            )
            .into_owned(),
            ImportError::NoCoordinates { path } => {
                t!("import.error.no_coordinates", path = path.display()).into_owned()
            }
            ImportError::TooMany { path, limit } => t!(
                "import.error.too_many",
                path = path.display(),
                limit = crate::text::number(*limit as u64)
            )
            .into_owned(),
            ImportError::GeoJson { path, message } => t!(
                "import.error.geojson",
                path = path.display(),
                error = message
            )
            .into_owned(),
            ImportError::NotWgs84 { path } => {
                t!("import.error.not_wgs84", path = path.display()).into_owned()
            }
            ImportError::NoPolygon { path } => {
                t!("import.error.no_polygon", path = path.display()).into_owned()
            }
            ImportError::NoSite {
                path,
                wanted,
                names: found,
                rows,
            } => {
                let mut list = names(found);
                if *rows > found.len().min(NAMES_SHOWN) {
                    list.push_str(", …");
                }
                t!(
                    &crate::text::plural(*rows, "import.error.no_site"),
                    path = path.display(),
                    wanted = crate::text::quoted(wanted),
                    n = rows,
                    names = list
                )
                .into_owned()
            }
            ImportError::SeveralSites {
                path,
                wanted,
                names: found,
            } => t!(
                "import.error.several_sites",
                path = path.display(),
                wanted = crate::text::quoted(wanted),
                names = names(found)
            )
            .into_owned(),
            ImportError::Empty { path } => {
                t!("import.error.empty", path = path.display()).into_owned()
            }
            ImportError::NothingKept { path, rows } => t!(
                &crate::text::plural(*rows as usize, "import.error.nothing_kept"),
                path = path.display(),
                n = crate::text::number(*rows)
            )
            .into_owned(),
        }
    }
}

/// A cell's text: UTF-8 as the register writes it, or Latin-1 (Windows-1252 in practice)
/// from a spreadsheet's export, never an error.
/// A CSV reader over `input` and its header line, for the register's and the CNIG's files. A
/// short row is read with its missing cells empty rather than refused; a file without a
/// header (nothing, or empty names) is [`ImportError::Empty`].
pub(crate) fn csv_reader<R: std::io::Read>(
    input: R,
    delimiter: u8,
    path: &Path,
) -> Result<(csv::Reader<R>, csv::ByteRecord), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let header = reader
        .byte_headers()
        .map_err(|e| ImportError::csv(path, &e))?
        .clone();
    let named = |h: &[u8]| {
        !cell_text(h)
            .trim_start_matches('\u{feff}')
            .trim()
            .is_empty()
    };
    if !header.iter().any(named) {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok((reader, header))
}

pub(crate) fn cell_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.trim().to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| char::from(b))
            .collect::<String>()
            .trim()
            .to_string(),
    }
}

/// The types of street the register writes (`typeVoieEtablissement`), with the words people
/// type for them, longest first (so that « zone d'activités » is read before « zone »).
const STREET_TYPES: [(&str, &str); 64] = [
    ("ZONE D AMENAGEMENT CONCERTE", "ZAC"),
    ("ZONE D AMENAGEMENT DIFFERE", "ZAD"),
    ("ZONE D ACTIVITES ECONOMIQUES", "ZA"),
    ("ZONE D ACTIVITE ECONOMIQUE", "ZA"),
    ("ZONE D ACTIVITES", "ZA"),
    ("ZONE D ACTIVITE", "ZA"),
    ("ZONE ARTISANALE", "ZA"),
    ("ZONE INDUSTRIELLE", "ZI"),
    ("ZONE COMMERCIALE", "ZC"),
    ("PARC D ACTIVITES", "PARC"),
    ("PARC D ACTIVITE", "PARC"),
    ("ROND POINT", "RPT"),
    ("LIEU DIT", "LD"),
    ("GRANDE RUE", "GR"),
    ("ZAE", "ZA"),
    ("ZAC", "ZAC"),
    ("ZAD", "ZAD"),
    ("ZA", "ZA"),
    ("ZI", "ZI"),
    ("ZC", "ZC"),
    ("PARC", "PARC"),
    ("RUE", "RUE"),
    ("R", "RUE"),
    ("AVENUE", "AV"),
    ("AVE", "AV"),
    ("AV", "AV"),
    ("BOULEVARD", "BD"),
    ("BLVD", "BD"),
    ("BD", "BD"),
    ("CHEMIN", "CHE"),
    ("CHE", "CHE"),
    ("CH", "CHE"),
    ("ROUTE", "RTE"),
    ("RTE", "RTE"),
    ("IMPASSE", "IMP"),
    ("IMP", "IMP"),
    ("ALLEES", "ALL"),
    ("ALLEE", "ALL"),
    ("ALL", "ALL"),
    ("PLACE", "PL"),
    ("PL", "PL"),
    ("QUAI", "QUAI"),
    ("COURS", "CRS"),
    ("CRS", "CRS"),
    ("CHAUSSEE", "CHS"),
    ("CHS", "CHS"),
    ("SQUARE", "SQ"),
    ("SQ", "SQ"),
    ("PASSAGE", "PAS"),
    ("PAS", "PAS"),
    ("LOTISSEMENT", "LOT"),
    ("LOT", "LOT"),
    ("HAMEAU", "HAM"),
    ("HAM", "HAM"),
    ("FAUBOURG", "FG"),
    ("FG", "FG"),
    ("PROMENADE", "PROM"),
    ("PROM", "PROM"),
    ("ESPLANADE", "ESP"),
    ("CARREFOUR", "CAR"),
    ("RESIDENCE", "RES"),
    ("RES", "RES"),
    ("SENTIER", "SEN"),
    ("TRAVERSE", "TRAV"),
];

/// Words the register abbreviates in street names (AFNOR style), both sides written short.
const SHORT_WORDS: [(&str, &str); 9] = [
    ("SAINT", "ST"),
    ("SAINTE", "STE"),
    ("GENERAL", "GAL"),
    ("GEN", "GAL"),
    ("MARECHAL", "MAL"),
    ("PRESIDENT", "PDT"),
    ("DOCTEUR", "DR"),
    ("PROFESSEUR", "PR"),
    ("NOTRE DAME", "ND"),
];

/// Little words left out of the comparison: « rue des Tanneurs » and « rue Tanneurs ».
const LITTLE_WORDS: [&str; 12] = [
    "DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "AU", "AUX", "ET", "A",
];

/// A street or a site's name as compared: its type (the register's code, when it has one)
/// and the rest of its name, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Street {
    pub kind: Option<&'static str>,
    pub key: String,
}

/// The type a name starts with, and the rest: « RUE DES TANNEURS » → (RUE, « DES
/// TANNEURS »). A name that would be left empty keeps its word (« Rue » alone, « Parc »).
fn split_type(folded: &str) -> (Option<&'static str>, &str) {
    for (words, code) in STREET_TYPES {
        if let Some(rest) = folded.strip_prefix(words)
            && let Some(rest) = rest.strip_prefix(' ')
            && !rest.is_empty()
        {
            return (Some(code), rest);
        }
    }
    (None, folded)
}

/// The code of a register's `typeVoieEtablissement` (or of a type written in full).
fn type_code(folded: &str) -> Option<&'static str> {
    STREET_TYPES
        .iter()
        .find(|(w, c)| *w == folded || *c == folded)
        .map(|(_, c)| *c)
}

/// The words of a name that count, abbreviated as the register does.
fn key_of(name: &str) -> String {
    let mut name = format!(" {name} ");
    for (long, short) in SHORT_WORDS {
        name = name.replace(&format!(" {long} "), &format!(" {short} "));
    }
    name.split(' ')
        .filter(|w| !w.is_empty() && !LITTLE_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Street {
    /// A street as people type it: « rue des Tanneurs », « ZA des Portes du Sud ».
    pub fn typed(text: &str) -> Street {
        let folded = fold(text);
        let (kind, rest) = split_type(&folded);
        Street {
            kind,
            key: key_of(rest),
        }
    }

    /// A street as the register writes it: its type code (`RUE`, `AV`, `ZA`… or empty) and
    /// its name without the type (« DES TANNEURS »); a name that starts with a type while
    /// the type column is empty (« ZA DES PORTES DU SUD ») is read as typed.
    pub fn register(kind: &str, name: &str) -> Street {
        let kind = fold(kind);
        match type_code(&kind) {
            Some(code) => Street {
                kind: Some(code),
                key: key_of(&fold(name)),
            },
            None if kind.is_empty() => Street::typed(name),
            // A type the table does not know: compared with the name, as typed.
            None => Street::typed(&format!("{kind} {name}")),
        }
    }

    /// The same street: the same name, and the same type when both say one (« Tanneurs » is
    /// every street of that name, « rue des Tanneurs » not the « impasse des Tanneurs »).
    pub fn matches(&self, other: &Street) -> bool {
        !self.key.is_empty()
            && self.key == other.key
            && match (self.kind, other.kind) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// A list typed on the command line: « rue des Tanneurs,ZA des Portes du Sud » (commas or
/// semicolons), blanks dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(typed: &str, kind: &str, name: &str) -> bool {
        Street::typed(typed).matches(&Street::register(kind, name))
    }

    #[test]
    fn streets_match_as_people_type_them() {
        assert!(same("rue des Tanneurs", "RUE", "DES TANNEURS"));
        assert!(same("Rue des tanneurs", "", "RUE DES TANNEURS"));
        assert!(same("des Tanneurs", "RUE", "DES TANNEURS"));
        assert!(same("Tanneurs", "RUE", "DES TANNEURS"));
        assert!(!same("impasse des Tanneurs", "RUE", "DES TANNEURS"));
        assert!(same("ZA des Portes du Sud", "ZA", "DES PORTES DU SUD"));
        assert!(same("ZA des Portes du Sud", "", "ZA DES PORTES DU SUD"));
        assert!(same(
            "Zone d'activités des Portes du Sud",
            "ZA",
            "DES PORTES DU SUD"
        ));
        assert!(same(
            "avenue du Général de Gaulle",
            "AV",
            "DU GAL DE GAULLE"
        ));
        assert!(same("Av. Saint-Exupéry", "AV", "ST EXUPERY"));
        assert!(same("boulevard de l'Europe", "BD", "DE L EUROPE"));
        assert!(same("chemin des Prés", "CHE", "DES PRES"));
        assert!(same("Allée des Érables", "ALL", "DES ERABLES"));
        assert!(!same("rue des Tanneurs", "RUE", "DES TISSERANDS"));
        assert!(!same("", "RUE", ""));
        // A name that is only a type stays a name.
        assert_eq!(Street::typed("Parc").key, "PARC");
    }

    #[test]
    fn lists_split_on_commas_and_semicolons() {
        assert_eq!(
            split_list(" rue des Tanneurs, ZA des Portes du Sud ;;"),
            vec!["rue des Tanneurs", "ZA des Portes du Sud"]
        );
    }

    #[test]
    fn latin1_cells_are_read() {
        assert_eq!(cell_text(b" Cr\xe9teil "), "Créteil");
        assert_eq!(cell_text("Créteil".as_bytes()), "Créteil");
    }
}
