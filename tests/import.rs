//! `atelier import sirene|cnig`, the real binary on small files with the register's and the
//! CNIG's real headers, written here into a temporary folder (never downloaded).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use atelier::domain::{Op, Session};

#[path = "common/bin.rs"]
mod bin;
#[path = "support/register.rs"]
mod register;

use bin::run;
use register::{GEO, STOCK};

/// One establishment of the register.
struct Est {
    siret: &'static str,
    state: &'static str,
    naf: &'static str,
    size: &'static str,
    created: &'static str,
    kind: &'static str,
    street: &'static str,
    commune: &'static str,
    name: &'static str,
    position: Option<(f64, f64)>,
}

const fn est(siret: &'static str, name: &'static str) -> Est {
    Est {
        siret,
        state: "A",
        naf: "25.62B",
        size: "11",
        created: "1992-04-01",
        kind: "RUE",
        street: "DES TANNEURS",
        commune: "91021",
        name,
        position: None,
    }
}

/// The register's CSV of `rows` (with the geolocated edition's columns when `geo`).
fn stock(rows: &[Est], geo: bool) -> String {
    let header: Vec<&str> = STOCK.split(',').collect();
    let mut out = String::from(STOCK);
    if geo {
        out.push_str(GEO);
    }
    out.push('\n');
    for e in rows {
        let cells: Vec<String> = header
            .iter()
            .map(|h| match *h {
                "siren" => e.siret.get(..9).unwrap_or_default().to_string(),
                "nic" => e.siret.get(9..).unwrap_or_default().to_string(),
                "siret" => e.siret.into(),
                "etatAdministratifEtablissement" => e.state.into(),
                "activitePrincipaleEtablissement" => e.naf.into(),
                "nomenclatureActivitePrincipaleEtablissement" => "NAFRev2".into(),
                "trancheEffectifsEtablissement" => e.size.into(),
                "dateCreationEtablissement" => e.created.into(),
                "numeroVoieEtablissement" => "12".into(),
                "typeVoieEtablissement" => e.kind.into(),
                "libelleVoieEtablissement" => e.street.into(),
                "codeCommuneEtablissement" => e.commune.into(),
                "libelleCommuneEtablissement" => "BRETIGNY-SUR-ORGE".into(),
                // A comma inside a cell, quoted as the register does.
                "denominationUsuelleEtablissement" => format!("\"{}\"", e.name),
                "etablissementSiege" => "true".into(),
                _ => String::new(),
            })
            .collect();
        out.push_str(&cells.join(","));
        if geo {
            match e.position {
                Some((lon, lat)) => out.push_str(&format!(",650000,6860000,{lon},{lat}")),
                None => out.push_str(",,,,"),
            }
        }
        out.push('\n');
    }
    out
}

fn session(dir: &Path) -> PathBuf {
    let path = dir.join("zone.ron");
    atelier::store::create(&path, &Session::new("Éco-parc", "ZA des Portes du Sud")).unwrap();
    path
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn load(path: &Path) -> Session {
    atelier::store::load(path).unwrap()
}

fn sirets(s: &Session) -> Vec<&str> {
    s.invitations.iter().map(|i| i.siret.as_str()).collect()
}

/// The zone's streets in its communes: the active establishments of those streets, typed as
/// people write them, whatever the register's capitals and abbreviations.
fn zone_rows() -> Vec<Est> {
    vec![
        est("00079927398713", "Chaudronnerie Morel, fils"),
        Est {
            state: "F",
            ..est("00000000000018", "Fermée")
        },
        Est {
            kind: "IMP",
            ..est("00000000000026", "Impasse")
        },
        Est {
            kind: "",
            street: "ZA DES PORTES DU SUD",
            commune: "91022",
            naf: "49.41A",
            size: "12",
            created: "",
            ..est("00000000000034", "Transports Rochère")
        },
        Est {
            commune: "75056",
            ..est("00000000000042", "Paris")
        },
        // A key that does not check: kept, marked.
        est("00079927398710", "Clé fausse"),
    ]
}

#[test]
fn communes_and_streets_keep_the_zone_s_active_establishments() {
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    fs::write(dir.path().join("stock.csv"), stock(&zone_rows(), false)).unwrap();
    let o = run(
        dir.path(),
        &[
            "import",
            "sirene",
            "stock.csv",
            "--session",
            "zone.ron",
            "--communes",
            "91021, 91022",
            "--voies",
            "rue des Tanneurs,Zone d'activités des Portes du Sud",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains(
            "3 établissements actifs retenus sur 6 lignes\u{a0}; 3 ajoutés à la liste \
             d'invitation\u{a0}; 1 SIRET invalide"
        ),
        "{}",
        out(&o)
    );
    let s = load(&path);
    assert_eq!(
        sirets(&s),
        vec!["00079927398713", "00000000000034", "00079927398710"]
    );
    assert_eq!(s.invitations[0].name, "Chaudronnerie Morel, fils");
    assert_eq!(s.invitations[0].street, "12 RUE DES TANNEURS");
    assert!(!s.invitations[2].siret_ok);
    let profile = s
        .zone
        .profile
        .as_ref()
        .and_then(|p| p.register.as_ref())
        .unwrap();
    assert_eq!(profile.establishments, 3);
    assert_eq!(profile.rows, 6);
    assert_eq!(
        profile.divisions,
        vec![("25".to_string(), 2), ("49".to_string(), 1)]
    );
    assert_eq!(profile.undated, 1);
    assert_eq!(profile.source, "stock.csv");
    // The chosen vocation is the facilitator's: the suggestion is said, never written.
    assert!(out(&o).contains("Vocation suggérée\u{a0}: industrielle (choisie\u{a0}: mixte)"));
    assert_eq!(s.zone.vocation, atelier::domain::Vocation::Mixed);
    // And the file reads back as a session, whose summary says what the register gave.
    let o = run(dir.path(), &["check", "zone.ron"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("Données ouvertes\u{a0}: 3 établissements actifs (SIRENE stock.csv, "),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("activités\u{a0}: C "), "{}", out(&o));
}

#[test]
fn the_outline_keeps_what_is_inside_and_its_hole_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    let at = |siret, lon, lat| Est {
        position: Some((lon, lat)),
        ..est(siret, "Dedans")
    };
    let rows = vec![
        at("00079927398713", 2.1, 48.1),
        // In the hole (a residential block in the middle of the zone).
        at("00000000000018", 2.5, 48.5),
        at("00000000000026", 3.5, 48.5),
        est("00000000000034", "Sans coordonnées"),
    ];
    fs::write(dir.path().join("geo.csv"), stock(&rows, true)).unwrap();
    fs::write(
        dir.path().join("zone.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
        "geometry":{"type":"Polygon","coordinates":[
          [[2.0,48.0],[3.0,48.0],[3.0,49.0],[2.0,49.0],[2.0,48.0]],
          [[2.4,48.4],[2.6,48.4],[2.6,48.6],[2.4,48.6],[2.4,48.4]]]}}]}"#,
    )
    .unwrap();
    let o = run(
        dir.path(),
        &[
            "import",
            "sirene",
            "geo.csv",
            "--session",
            "zone.ron",
            "--zone",
            "zone.geojson",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(sirets(&load(&path)), vec!["00079927398713"]);
    assert!(
        out(&o).contains("1 établissement actif sans coordonnées"),
        "{}",
        out(&o)
    );
    // Without the geolocated edition's columns, --zone says what it needs.
    fs::write(dir.path().join("plain.csv"), stock(&rows, false)).unwrap();
    let o = run(
        dir.path(),
        &[
            "import",
            "sirene",
            "plain.csv",
            "--session",
            "zone.ron",
            "--zone",
            "zone.geojson",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("longitude et latitude"), "{}", err(&o));
}

#[test]
fn a_missing_column_is_named_and_the_session_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    let before = fs::read_to_string(&path).unwrap();
    let text = stock(&zone_rows(), false).replace("activitePrincipaleEtablissement,", "x,");
    fs::write(dir.path().join("stock.csv"), text).unwrap();
    let o = run(
        dir.path(),
        &["import", "sirene", "stock.csv", "--session", "zone.ron"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("«\u{a0}activitePrincipaleEtablissement\u{a0}» manque"),
        "{}",
        err(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    let o = run(
        dir.path(),
        &[
            "--lang",
            "en",
            "import",
            "sirene",
            "stock.csv",
            "--session",
            "zone.ron",
        ],
    );
    assert!(
        err(&o).contains("the column “activitePrincipaleEtablissement” is missing"),
        "{}",
        err(&o)
    );
    // A postal code where the INSEE code goes: nothing kept, nothing written, and why.
    fs::write(dir.path().join("stock.csv"), stock(&zone_rows(), false)).unwrap();
    let o = run(
        dir.path(),
        &[
            "import",
            "sirene",
            "stock.csv",
            "--session",
            "zone.ron",
            "--communes",
            "91220",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("pas des codes postaux"), "{}", err(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn importing_again_keeps_the_participants_made_and_adds_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    let args = [
        "import",
        "sirene",
        "stock.csv",
        "--session",
        "zone.ron",
        "--communes",
        "91021,91022",
    ];
    fs::write(dir.path().join("stock.csv"), stock(&zone_rows(), false)).unwrap();
    assert!(run(dir.path(), &args).status.success());
    // The facilitator makes participants of them all (`c` in Préparation › Invitations).
    let mut s = load(&path);
    let all: Vec<String> = s.invitations.iter().map(|i| i.siret.clone()).collect();
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let op = s.invite_op(&refs, |i| i.name.clone()).unwrap();
    s.apply(op).unwrap();
    atelier::store::save(&path, &s).unwrap();
    let made: Vec<_> = s.invitations.iter().map(|i| i.participant).collect();
    assert!(made.iter().all(Option::is_some));
    assert_eq!(s.participants.len(), 4);
    // A newer extract: one more establishment, one renamed.
    let mut rows = zone_rows();
    rows[0].name = "Morel SA";
    rows.push(est("00000000000059", "Nouvelle"));
    fs::write(dir.path().join("stock.csv"), stock(&rows, false)).unwrap();
    let o = run(dir.path(), &args);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("1 ajouté à la liste d'invitation"),
        "{}",
        out(&o)
    );
    let s = load(&path);
    assert_eq!(s.invitations.len(), 5);
    assert_eq!(s.invitations[0].name, "Morel SA");
    let kept: Vec<_> = s
        .invitations
        .iter()
        .take(4)
        .map(|i| i.participant)
        .collect();
    assert_eq!(kept, made);
    assert_eq!(s.invitations[4].participant, None);
    assert_eq!(s.participants.len(), 4);
    let p = s.participant(made[0].unwrap()).unwrap();
    assert_eq!(p.organisation, "Chaudronnerie Morel, fils");
    assert_eq!(p.role, atelier::domain::Role::Company);
    let profile = s
        .zone
        .profile
        .as_ref()
        .and_then(|p| p.register.as_ref())
        .unwrap();
    assert_eq!(profile.establishments, 5, "the profile is replaced");
}

#[test]
fn the_cnig_site_with_semicolons_and_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    // Exported by a spreadsheet: semicolons, decimal commas, Latin-1.
    let mut text = b"ID_SITE;NOM_SITE;VOCATION;SURF_TOT;NB_ETAB;INSEE_COM\r\n".to_vec();
    text.extend_from_slice(b"1;ZA des Portes du Sud;Mixte;42,5;51;91021\r\n");
    text.extend_from_slice(b"2;ZI des For\xeats;Industrielle;120;30;91022\r\n");
    fs::write(dir.path().join("sites.csv"), text).unwrap();
    let o = run(
        dir.path(),
        &["import", "cnig", "sites.csv", "--session", "zone.ron"],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("42,5\u{a0}ha, 51 établissements déclarés"),
        "{}",
        out(&o)
    );
    let site = load(&path).zone.profile.and_then(|p| p.site).unwrap();
    assert_eq!(site.name, "ZA des Portes du Sud");
    assert_eq!(site.area_ha, Some(42.5));
    assert_eq!(site.establishments, Some(51));
    assert_eq!(site.vocation.as_deref(), Some("Mixte"));
    // Another name: --site; none matching: the names found.
    let o = run(
        dir.path(),
        &[
            "import",
            "cnig",
            "sites.csv",
            "--session",
            "zone.ron",
            "--site",
            "zi des forets",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        load(&path)
            .zone
            .profile
            .and_then(|p| p.site)
            .map(|s| s.name),
        Some("ZI des Forêts".to_string())
    );
    let o = run(
        dir.path(),
        &[
            "import",
            "cnig",
            "sites.csv",
            "--session",
            "zone.ron",
            "--site",
            "ZA du Moulin",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("«\u{a0}ZA des Portes du Sud\u{a0}», «\u{a0}ZI des Forêts\u{a0}»"),
        "{}",
        err(&o)
    );
}

/// The session written through the merge: an edit another process saved meanwhile stays.
#[test]
fn an_import_keeps_what_is_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    let mut s = load(&path);
    s.apply(Op::SetTitle("Éco-parc (titre changé)".into()))
        .unwrap();
    atelier::store::save(&path, &s).unwrap();
    fs::write(dir.path().join("stock.csv"), stock(&zone_rows(), false)).unwrap();
    let o = run(
        dir.path(),
        &["import", "sirene", "stock.csv", "--session", "zone.ron"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let s = load(&path);
    assert_eq!(s.title, "Éco-parc (titre changé)");
    assert_eq!(s.invitations.len(), 5);
    assert!(!s.id.is_empty());
}
