//! The register's establishment file (`StockEtablissement`, or an extract of it): streamed
//! row by row with one reused record, filtered as it goes; only the kept establishments stay
//! in memory.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

use super::{ImportError, Street, cell_text};
use crate::domain::profile::{Area, Establishment, RegisterProfile, Tally};

/// More establishments than this is a whole département, not a zone: the filters were
/// forgotten.
pub const MAX_KEPT: usize = 20_000;

/// Which establishments are the zone's: in one of the communes (INSEE codes) and on one of
/// the streets, or inside the outline. An empty list does not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub communes: Vec<String>,
    /// As typed: « rue des Tanneurs », « ZA des Portes du Sud ».
    pub streets: Vec<String>,
    pub area: Option<Area>,
}

/// What an import read.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Rows read (the header aside).
    pub rows: u64,
    /// The active establishments kept, in the file's order.
    pub establishments: Vec<Establishment>,
    pub profile: RegisterProfile,
    /// Active establishments in the communes and streets asked that the outline could not
    /// place (no coordinates in their row).
    pub without_position: u64,
}

/// The columns read, by their position in this file.
struct Columns {
    siret: usize,
    state: usize,
    activity: usize,
    commune: usize,
    nomenclature: Option<usize>,
    size: Option<usize>,
    created: Option<usize>,
    number: Option<usize>,
    repetition: Option<usize>,
    kind: Option<usize>,
    street: Option<usize>,
    sign: Option<usize>,
    name: Option<usize>,
    lon: Option<usize>,
    lat: Option<usize>,
}

impl Columns {
    fn find(header: &csv::ByteRecord, path: &Path) -> Result<Columns, ImportError> {
        let names: Vec<String> = header
            .iter()
            .map(|h| cell_text(h).trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        let find = |name: &str| names.iter().position(|h| *h == name.to_lowercase());
        let need = |name: &str| {
            find(name).ok_or_else(|| ImportError::MissingColumn {
                path: path.to_path_buf(),
                column: name.to_string(),
            })
        };
        Ok(Columns {
            siret: need("siret")?,
            state: need("etatAdministratifEtablissement")?,
            activity: need("activitePrincipaleEtablissement")?,
            commune: need("codeCommuneEtablissement")?,
            nomenclature: find("nomenclatureActivitePrincipaleEtablissement"),
            size: find("trancheEffectifsEtablissement"),
            created: find("dateCreationEtablissement"),
            number: find("numeroVoieEtablissement"),
            repetition: find("indiceRepetitionEtablissement"),
            kind: find("typeVoieEtablissement"),
            street: find("libelleVoieEtablissement"),
            sign: find("enseigne1Etablissement"),
            name: find("denominationUsuelleEtablissement"),
            // The geolocated edition's WGS84 columns (`x`, `y` are Lambert 93); some
            // re-publications name them `x_longitude`, `y_latitude`.
            lon: find("longitude").or_else(|| find("x_longitude")),
            lat: find("latitude").or_else(|| find("y_latitude")),
        })
    }
}

fn get(rec: &csv::ByteRecord, col: Option<usize>) -> &[u8] {
    col.and_then(|c| rec.get(c))
        .unwrap_or_default()
        .trim_ascii()
}

fn text(rec: &csv::ByteRecord, col: Option<usize>) -> String {
    cell_text(get(rec, col))
}

fn number(rec: &csv::ByteRecord, col: Option<usize>) -> Option<f64> {
    std::str::from_utf8(get(rec, col)).ok()?.parse().ok()
}

/// Reads the file at `path`.
pub fn read(
    path: &Path,
    filter: &Filter,
    imported: Option<NaiveDate>,
) -> Result<Outcome, ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::io(path, e))?;
    read_from(std::io::BufReader::new(file), path, filter, imported)
}

/// Reads the register's CSV from `input` (`path` names it in messages and in the profile).
pub fn read_from(
    input: impl Read,
    path: &Path,
    filter: &Filter,
    imported: Option<NaiveDate>,
) -> Result<Outcome, ImportError> {
    let (mut reader, header) = super::csv_reader(input, b',', path)?;
    let c = Columns::find(&header, path)?;
    if filter.area.is_some() && (c.lon.is_none() || c.lat.is_none()) {
        return Err(ImportError::NoCoordinates {
            path: path.to_path_buf(),
        });
    }
    if !filter.streets.is_empty() && c.street.is_none() {
        return Err(ImportError::MissingColumn {
            path: path.to_path_buf(),
            column: "libelleVoieEtablissement".into(),
        });
    }
    let communes: Vec<&[u8]> = filter
        .communes
        .iter()
        .map(|s| s.trim().as_bytes())
        .collect();
    let streets: Vec<Street> = filter.streets.iter().map(|s| Street::typed(s)).collect();
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut without_position = 0u64;
    let mut tally = Tally::default();
    let mut kept: Vec<Establishment> = Vec::new();
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    while reader
        .read_byte_record(&mut rec)
        .map_err(|e| ImportError::csv(path, &e))?
    {
        rows += 1;
        // Cheapest tests first: most rows of a national file stop here.
        if get(&rec, Some(c.state)) != b"A" {
            continue;
        }
        if !communes.is_empty() && !communes.contains(&get(&rec, Some(c.commune))) {
            continue;
        }
        if !streets.is_empty() {
            let here = Street::register(&text(&rec, c.kind), &text(&rec, c.street));
            if !streets.iter().any(|s| s.matches(&here)) {
                continue;
            }
        }
        if let Some(area) = &filter.area {
            match (number(&rec, c.lon), number(&rec, c.lat)) {
                (Some(lon), Some(lat)) if area.contains(lon, lat) => {}
                (Some(_), Some(_)) => continue,
                _ => {
                    without_position += 1;
                    continue;
                }
            }
        }
        let siret = get(&rec, Some(c.siret));
        if siret.is_empty() || !seen.insert(siret.to_vec()) {
            continue;
        }
        let e = establishment(&rec, &c);
        tally.add(&e);
        kept.push(e);
        if kept.len() > MAX_KEPT {
            return Err(ImportError::TooMany {
                path: path.to_path_buf(),
                limit: MAX_KEPT,
            });
        }
    }
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Outcome {
        rows,
        profile: tally.finish(&source, rows, imported),
        establishments: kept,
        without_position,
    })
}

fn establishment(rec: &csv::ByteRecord, c: &Columns) -> Establishment {
    let street = [
        format!("{}{}", text(rec, c.number), text(rec, c.repetition)),
        text(rec, c.kind),
        text(rec, c.street),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    Establishment {
        siret: text(rec, Some(c.siret)),
        naf: text(rec, Some(c.activity)),
        nomenclature: text(rec, c.nomenclature),
        size: text(rec, c.size),
        created: NaiveDate::parse_from_str(&text(rec, c.created), "%Y-%m-%d").ok(),
        name: text(rec, c.name),
        sign: text(rec, c.sign),
        street,
        commune: text(rec, Some(c.commune)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "siren,nic,siret,dateCreationEtablissement,trancheEffectifsEtablissement,\
        numeroVoieEtablissement,typeVoieEtablissement,libelleVoieEtablissement,\
        codeCommuneEtablissement,etatAdministratifEtablissement,enseigne1Etablissement,\
        denominationUsuelleEtablissement,activitePrincipaleEtablissement,\
        nomenclatureActivitePrincipaleEtablissement,longitude,latitude";

    fn read_text(text: &str, filter: &Filter) -> Result<Outcome, ImportError> {
        read_from(text.as_bytes(), Path::new("stock.csv"), filter, None)
    }

    #[test]
    fn active_establishments_of_the_streets_asked_are_kept() {
        let csv = format!(
            "{HEAD}\n\
            000799273,98713,00079927398713,1990-03-01,11,12,RUE,DES TANNEURS,91021,A,,Chaudronnerie Morel,25.62B,NAFRev2,2.1,48.1\n\
            000799273,98710,00079927398710,2015-01-01,01,3,RUE,DES TANNEURS,91021,F,,Fermée,47.11A,NAFRev2,2.1,48.1\n\
            000799273,00001,00079927300001,,NN,1,IMP,DES TANNEURS,91021,A,,Impasse,47.11A,NAFRev2,2.1,48.1\n\
            000799273,00002,00079927300002,2001-05-05,,,,ZA DES PORTES DU SUD,91022,A,Boulangerie,,10.71C,NAFRev2,,\n\
            000799273,00003,00079927300003,2001-05-05,02,5,RUE,DES TANNEURS,75056,A,,Paris,10.71C,NAFRev2,2.1,48.1\n"
        );
        let filter = Filter {
            communes: vec!["91021".into(), "91022".into()],
            streets: vec!["rue des Tanneurs".into(), "ZA des Portes du Sud".into()],
            area: None,
        };
        let out = read_text(&csv, &filter).unwrap();
        assert_eq!(out.rows, 5);
        let sirets: Vec<&str> = out
            .establishments
            .iter()
            .map(|e| e.siret.as_str())
            .collect();
        assert_eq!(sirets, vec!["00079927398713", "00079927300002"]);
        assert_eq!(out.establishments[0].street, "12 RUE DES TANNEURS");
        assert_eq!(out.establishments[1].sign, "Boulangerie");
        assert_eq!(out.profile.establishments, 2);
        assert_eq!(out.profile.rows, 5);
        assert_eq!(out.profile.source, "stock.csv");
    }

    #[test]
    fn columns_are_found_by_name_and_a_missing_one_is_named() {
        // Another order, fewer columns.
        let csv = "codeCommuneEtablissement,activitePrincipaleEtablissement,siret,etatAdministratifEtablissement\n\
            91021,25.62B,00079927398713,A\n";
        let out = read_text(csv, &Filter::default()).unwrap();
        assert_eq!(out.establishments.len(), 1);
        assert_eq!(out.establishments[0].naf, "25.62B");
        let csv = "siret,etatAdministratifEtablissement,codeCommuneEtablissement\n1,A,91021\n";
        match read_text(csv, &Filter::default()) {
            Err(ImportError::MissingColumn { column, .. }) => {
                assert_eq!(column, "activitePrincipaleEtablissement")
            }
            other => panic!("{other:?}"),
        }
        let area = Some(Area::default());
        assert!(matches!(
            read_text(
                "siret,etatAdministratifEtablissement,activitePrincipaleEtablissement,codeCommuneEtablissement\n",
                &Filter {
                    area,
                    ..Filter::default()
                }
            ),
            Err(ImportError::NoCoordinates { .. })
        ));
        assert!(matches!(
            read_text("", &Filter::default()),
            Err(ImportError::Empty { .. })
        ));
    }

    #[test]
    fn the_outline_keeps_what_is_inside_and_counts_what_it_cannot_place() {
        let csv = format!(
            "{HEAD}\n\
            1,1,00079927398713,1990-03-01,11,12,RUE,DES TANNEURS,91021,A,,Dedans,25.62B,NAFRev2,2.5,48.5\n\
            1,2,00079927398710,1990-03-01,11,12,RUE,DES TANNEURS,91021,A,,Dehors,25.62B,NAFRev2,5.0,48.5\n\
            1,3,00079927300001,1990-03-01,11,12,RUE,DES TANNEURS,91021,A,,Sans position,25.62B,NAFRev2,,\n"
        );
        let square = vec![(2.0, 48.0), (3.0, 48.0), (3.0, 49.0), (2.0, 49.0)];
        let filter = Filter {
            area: Some(Area {
                polygons: vec![crate::domain::profile::Polygon {
                    outer: square,
                    holes: Vec::new(),
                }],
            }),
            ..Filter::default()
        };
        let out = read_text(&csv, &filter).unwrap();
        assert_eq!(out.establishments.len(), 1);
        assert_eq!(out.establishments[0].name, "Dedans");
        assert_eq!(out.without_position, 1);
    }
}
