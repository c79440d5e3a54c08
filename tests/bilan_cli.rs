//! `atelier bilan` end to end: the built binary on a session file written here (synergies,
//! impacts, lines, meetings), in the three formats, over two periods; bad dates refused.

#[path = "common/bilan.rs"]
mod bilan_session;

use std::path::{Path, PathBuf};
use std::process::Output;

use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag};

#[path = "common/bin.rs"]
mod bin;

use bin::run;

/// The session in `dir`, with a group whose title is an attack on the HTML.
fn session_file(dir: &Path) -> PathBuf {
    let mut s = bilan_session::session();
    s.themes[2].title = bilan_session::HOSTILE.into();
    let path = dir.join("bilan.ron");
    atelier::store::create(&path, &s).unwrap();
    path
}

fn bilan(args: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let mut all = vec!["bilan", path.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = run(dir.path(), &all);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (o, out)
}

fn text_of(md: &str) -> String {
    Parser::new_ext(md, MdOptions::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            Event::End(_) => Some("\n".into()),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_of_the_whole_demarche() {
    let (_, md) = bilan(&["--to", "30/11/2026"]);
    for needle in [
        "# Bilan — ZA des Forges — Éco-parc des Forges",
        "du début au 30 novembre 2026",
        "| Réalisée | 1 | 1 |",
        "| Mise en œuvre | 1 | 1 |",
        "| **Total** | **5** |",
        "4 synergies ont changé d'étape dans la période.",
        // 12 t estimated (Palettes) + 3 t (the fourth), 9,5 t measured, two synergies.
        "| Matières détournées | t/an | 15 | 9,5 | 2 |",
        "| Économies | k€/an | 1\u{a0}250,5 | 0 | 1 |",
        "| **Total** | **3** | **5** | **2** | **1** | **4** |",
        "6 sur 40 entreprises de la zone (15\u{a0}%)",
    ] {
        assert!(md.contains(needle), "{needle:?} not in\n{md}");
    }
    // Abandoned, the covoiturage's CO₂ is not summed.
    assert!(!md.contains("Émissions évitées"), "{md}");
    // Valid Markdown with tables, where user text stays text.
    let events: Vec<Event> = Parser::new_ext(&md, MdOptions::ENABLE_TABLES).collect();
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
            .count(),
        3
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "{md}"
    );
    let text = text_of(&md);
    assert!(text.contains("<b>Acme</b> & Cie"), "{text}");
    assert!(
        text.contains(&format!("3 {}", bilan_session::HOSTILE)),
        "{text}"
    );
}

#[test]
fn from_and_to_change_the_figures() {
    // The first quarter of 2026, dates typed three ways.
    let (_, md) = bilan(&["--from", "2026-01-01", "--to", "31 mars 2026"]);
    for needle in [
        "du 1er janvier 2026 au 31 mars 2026",
        "3 synergies ont changé d'étape dans la période.",
        // The fourth synergy did not exist yet: 4 of them, 12 t.
        "| **Total** | **4** |",
        "| Matières détournées | t/an | 12 | 9,5 | 1 |",
        // One line overdue on 31 March (15/03), two meetings in the quarter.
        "| **Total** | **3** | **5** | **1** | **1** | **2** |",
    ] {
        assert!(md.contains(needle), "{needle:?} not in\n{md}");
    }
    let (_, md) = bilan(&["--from", "1/7/2026", "--to", "30/11/2026"]);
    assert!(
        md.contains("0 synergie a changé d'étape dans la période."),
        "{md}"
    );
    assert!(
        md.contains("| **Total** | **3** | **5** | **2** | **1** | **0** |"),
        "{md}"
    );
}

#[test]
fn csv_reads_back_as_one_table_of_numbers() {
    let (o, _) = bilan(&["--format", "csv", "--to", "30/11/2026"]);
    let bytes = o.stdout;
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    // Every text field quoted, as the other CSV exports.
    assert!(text.starts_with("\"Section\";\"Nom\";\"Mesure\";\"Valeur\";\"Unité\"\r\n"));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let value = |section: &str, name: &str, measure: &str| -> f64 {
        rows.iter()
            .find(|r| r[0] == section && r[1] == name && r[2] == measure)
            .unwrap_or_else(|| panic!("{section}/{name}/{measure} in {rows:?}"))[3]
            .parse()
            .unwrap()
    };
    assert_eq!(value("étape", "Réalisée", "En fin de période"), 1.0);
    assert_eq!(value("étape", "Total", "ont changé d'étape"), 4.0);
    assert_eq!(value("impact", "Économies", "Estimé"), 1250.5);
    assert_eq!(value("impact", "Matières détournées", "Mesuré"), 9.5);
    assert_eq!(value("groupe", "1 Déchets et matières", "Réunions"), 3.0);
    assert_eq!(value("groupe", "Total", "En retard"), 2.0);
    assert_eq!(value("organisations", "Entreprises de la zone", ""), 40.0);
    assert_eq!(
        value("organisations", "Toutes les organisations engagées", ""),
        6.0
    );
    let sections: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for s in [
        "période",
        "étape",
        "impact",
        "groupe",
        "organisations",
        "organisation",
    ] {
        assert!(sections.contains(s), "{sections:?}");
    }
    assert!(
        rows.iter()
            .any(|r| r[0] == "organisation" && r[1] == "<b>Acme</b> & Cie" && r[2] == "synergie")
    );
}

#[test]
fn html_has_a_chart_a_part_and_escapes_what_people_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    let out = dir.path().join("bilan.html");
    let o = run(
        dir.path(),
        &[
            "bilan",
            path.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("bilan.html"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@page { size: A4;"));
    for (open, close, n) in [
        ("<svg", "</svg>", 3),
        ("<section", "</section>", 4),
        ("<table", "</table>", 3),
    ] {
        assert_eq!(html.matches(open).count(), n, "{open}");
        assert_eq!(html.matches(close).count(), n, "{close}");
    }
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>Acme"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Cie"));
    // Self-contained: nothing fetched.
    assert!(!html.contains("src=") && !html.contains("<link"), "{html}");
}

#[test]
fn english_and_a_bad_date() {
    let (_, md) = bilan(&["--lang", "en", "--from", "14 janvier 2026"]);
    assert!(md.starts_with("# Review — ZA des Forges"), "{md}");
    assert!(md.contains("since 14 January 2026"), "{md}");
    let dir = tempfile::tempdir().unwrap();
    let path = session_file(dir.path());
    for (option, bad) in [("--from", "31/02/2026"), ("--to", "demain")] {
        let o = run(dir.path(), &["bilan", path.to_str().unwrap(), option, bad]);
        assert_ne!(o.status.code(), Some(0));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(option) && err.contains(bad), "{err}");
        assert!(
            err.contains("14/01/2027") && err.contains("14 janvier 2027"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
    // A period that ends before it starts.
    let o = run(
        dir.path(),
        &[
            "bilan",
            path.to_str().unwrap(),
            "--from",
            "1/6/2026",
            "--to",
            "1/1/2026",
        ],
    );
    assert_ne!(o.status.code(), Some(0));
}
