//! The CNIG « sites économiques » file (standard CNIG « Zones d'activités économiques »):
//! one row per site, its name, vocation, area and number of establishments. Spreadsheets
//! write it with `;` as often as with `,`: the separator is the header line's.

use std::io::{BufRead, Read, Seek};
use std::path::Path;

use super::{ImportError, Street, cell_text};
use crate::domain::profile::SiteProfile;

/// The column names looked for, lowercase, the standard's first.
const NAME: [&str; 6] = [
    "nom_site",
    "nom",
    "nom_zae",
    "nom_zone",
    "libelle",
    "nom_zone_activite",
];
const VOCATION: [&str; 5] = [
    "vocation",
    "vocation_site",
    "vocation_dominante",
    "voc_dom",
    "vocation_principale",
];
const AREA: [&str; 6] = [
    "surf_tot",
    "surface",
    "surf_totale",
    "surface_totale",
    "surf_ha",
    "superficie",
];
const COUNT: [&str; 5] = [
    "nb_etab",
    "nb_etablissements",
    "nb_etablissement",
    "nombre_etablissements",
    "nb_entreprises",
];

/// `;` when the header line has more of them than of commas.
fn separator(header: &str) -> u8 {
    let count = |c: char| header.chars().filter(|x| *x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

/// « 12,5 », « 1 234,5 », « 12.5 » → 12.5.
pub fn decimal(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

/// The row whose name is `wanted` (compared as streets are: case, accents, the type of zone
/// written in full or short, little words), read from the file at `path`.
pub fn read(path: &Path, wanted: &str) -> Result<SiteProfile, ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::io(path, e))?;
    let mut input = std::io::BufReader::new(file);
    let mut first = Vec::new();
    input
        .read_until(b'\n', &mut first)
        .map_err(|e| ImportError::io(path, e))?;
    input
        .seek(std::io::SeekFrom::Start(0))
        .map_err(|e| ImportError::io(path, e))?;
    read_from(input, separator(&cell_text(&first)), path, wanted)
}

pub fn read_from(
    input: impl Read,
    delimiter: u8,
    path: &Path,
    wanted: &str,
) -> Result<SiteProfile, ImportError> {
    let (mut reader, header) = super::csv_reader(input, delimiter, path)?;
    let names: Vec<String> = header
        .iter()
        .map(|h| cell_text(h).trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let find = |list: &[&str]| list.iter().find_map(|n| names.iter().position(|h| h == n));
    let name_col = find(&NAME).ok_or_else(|| ImportError::MissingColumn {
        path: path.to_path_buf(),
        column: "NOM_SITE".into(),
    })?;
    let (vocation, area, count) = (find(&VOCATION), find(&AREA), find(&COUNT));
    let want = Street::typed(wanted);
    let cell = |rec: &csv::ByteRecord, col: Option<usize>| {
        col.and_then(|c| rec.get(c))
            .map(cell_text)
            .unwrap_or_default()
    };
    let mut rec = csv::ByteRecord::new();
    let mut found: Vec<String> = Vec::new();
    let mut rows = 0usize;
    // Exact matches, and names that contain the one asked (or the other way round) in case
    // none is exact.
    let mut exact: Vec<SiteProfile> = Vec::new();
    let mut close: Vec<SiteProfile> = Vec::new();
    while reader
        .read_byte_record(&mut rec)
        .map_err(|e| ImportError::csv(path, &e))?
    {
        let name = cell(&rec, Some(name_col));
        if name.is_empty() {
            continue;
        }
        rows += 1;
        if found.len() < 10 {
            found.push(name.clone());
        }
        let here = Street::typed(&name);
        let is_exact = want.matches(&here);
        let is_close = !is_exact
            && !want.key.is_empty()
            && !here.key.is_empty()
            && (here.key.contains(&want.key) || want.key.contains(&here.key));
        if !(is_exact || is_close) {
            continue;
        }
        let site = SiteProfile {
            source: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            name,
            vocation: Some(cell(&rec, vocation)).filter(|v| !v.is_empty()),
            area_ha: decimal(&cell(&rec, area)),
            establishments: decimal(&cell(&rec, count)).map(|n| n.round() as u32),
        };
        if is_exact { &mut exact } else { &mut close }.push(site);
    }
    let matches = if exact.is_empty() { close } else { exact };
    match matches.len() {
        0 => Err(ImportError::NoSite {
            path: path.to_path_buf(),
            wanted: wanted.to_string(),
            names: found,
            rows,
        }),
        1 => matches.into_iter().next().ok_or(ImportError::Empty {
            path: path.to_path_buf(),
        }),
        _ => Err(ImportError::SeveralSites {
            path: path.to_path_buf(),
            wanted: wanted.to_string(),
            names: matches.into_iter().map(|s| s.name).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str, wanted: &str) -> Result<SiteProfile, ImportError> {
        let first = text.lines().next().unwrap_or_default();
        read_from(
            text.as_bytes(),
            separator(first),
            Path::new("sites.csv"),
            wanted,
        )
    }

    #[test]
    fn semicolons_decimal_commas_and_any_case() {
        let text = "ID_SITE;NOM_SITE;VOCATION;SURF_TOT;NB_ETAB\n\
            1;ZA des Portes du Sud;Mixte;42,5;51\n\
            2;ZI des Forges;Industrielle;120;30\n";
        let s = site(text, "Zone d'activités des portes du sud").unwrap();
        assert_eq!(s.name, "ZA des Portes du Sud");
        assert_eq!(s.area_ha, Some(42.5));
        assert_eq!(s.establishments, Some(51));
        assert_eq!(s.vocation.as_deref(), Some("Mixte"));
        let text = "nom,vocation_site,surface,nb_etablissements\nZI des Forges,industrielle,\"1 200,75\",30\n";
        let s = site(text, "ZI des Forges").unwrap();
        assert_eq!(s.area_ha, Some(1200.75));
        assert_eq!(s.vocation(), Some(crate::domain::Vocation::Industrial));
    }

    #[test]
    fn none_or_several_name_what_the_file_has() {
        let text =
            "NOM_SITE;SURF_TOT\nZA des Portes du Sud;4\nZA des Portes du Sud Est;5\nZI du Nord;3\n";
        match site(text, "ZA du Moulin") {
            Err(ImportError::NoSite { names, rows, .. }) => {
                assert_eq!(rows, 3);
                assert_eq!(names[2], "ZI du Nord");
            }
            other => panic!("{other:?}"),
        }
        // Exact wins over close.
        assert_eq!(
            site(text, "ZA des Portes du Sud").unwrap().area_ha,
            Some(4.0)
        );
        match site(text, "Portes") {
            Err(ImportError::SeveralSites { names, .. }) => assert_eq!(names.len(), 2),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            site("ID;SURF\n1;2\n", "x"),
            Err(ImportError::MissingColumn { .. })
        ));
        assert_eq!(decimal("abc"), None);
        assert_eq!(decimal("-3"), None);
    }
}
