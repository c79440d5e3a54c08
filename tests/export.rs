//! Exports: golden files on the example session, round trips through real parsers (csv,
//! icalendar, mail-parser), hostile content, and the promise never to overwrite a foreign file.

mod common;

use std::path::Path;
use std::str::FromStr;

use atelier::domain::{Owner, Session};
use atelier::export::{self, Format, Options, OutFile};
use icalendar::Component;

const EXAMPLE: &str = include_str!("../sessions/exemple-za.ron");

fn example() -> Session {
    atelier::text::Lang::Fr.set();
    let mut s = atelier::store::parse(EXAMPLE, Path::new("x.ron")).unwrap();
    // Commitments, so that the e-mails have recipients and the calendar has meetings.
    s.groups[0].enrolled = vec![1, 6, 8];
    s.groups[0].next_meeting = atelier::domain::When::parse("14/01/2027 14h30 1h30");
    s.groups[0].next_steps = "Recenser les places ; réunion en mairie".into();
    s.annual_plenary = atelier::domain::When::parse("18/11/2027");
    s
}

fn opts() -> Options {
    let now = chrono::DateTime::parse_from_rfc3339("2027-02-15T10:00:00+01:00").unwrap();
    Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
        paper: export::Paper::default(),
        // The file's last save, for the calendar's LAST-MODIFIED.
        saved: chrono::DateTime::parse_from_rfc3339("2027-02-10T18:30:00+01:00").ok(),
    }
}

fn file<'a>(files: &'a [OutFile], name: &str) -> &'a OutFile {
    files.iter().find(|f| f.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            files.iter().map(|f| &f.name).collect::<Vec<_>>()
        )
    })
}

fn golden(name: &str, bytes: &[u8]) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, bytes).unwrap();
    }
    let want = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        want == bytes,
        "{name} differs from its golden file:\n{}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn golden_files_of_every_format() {
    let s = example();
    for (format, names) in [
        (Format::Md, vec!["compte-rendu.md"]),
        (Format::Csv, vec!["actions.csv"]),
        (Format::Ics, vec!["atelier.ics"]),
        (Format::Eml, vec!["groupe-1-parkings-mutualises.eml"]),
        (
            Format::Html,
            vec!["index.html", "poster-1-parkings-mutualises.html"],
        ),
    ] {
        let files = export::render(&s, format, &opts());
        for n in names {
            golden(n, &file(&files, n).bytes);
        }
    }
}

#[test]
fn csv_reads_back_with_french_defaults_and_other_options() {
    let s = example();
    let files = export::render(&s, Format::Csv, &opts());
    let bytes = &file(&files, "actions.csv").bytes;
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "Atelier");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // The groups' lines, then the follow-ups of the problems « hors atelier ».
    let lines: usize =
        s.groups.iter().map(|g| g.poster.lines.len()).sum::<usize>() + s.outside_lines().count();
    assert_eq!(rows.len(), lines);
    let first = &rows[0];
    assert_eq!(
        &first[2],
        "Parking mutualisé entre la menuiserie, le garage et l'imprimerie"
    );
    assert_eq!(&first[5], "février 2027");
    assert_eq!(&first[6], "2027-02-28");
    assert_eq!(&first[7], "à faire");
    // Comma and no BOM for other spreadsheets.
    let o = Options {
        delimiter: b',',
        bom: false,
        ..opts()
    };
    let files = export::render(&s, Format::Csv, &o);
    let bytes = &file(&files, "actions.csv").bytes;
    assert!(!bytes.starts_with("\u{feff}".as_bytes()));
    let n = csv::Reader::from_reader(bytes.as_slice()).records().count();
    assert_eq!(n, lines);
}

#[test]
fn ics_parses_back_with_every_dated_action_and_stable_uids() {
    let s = example();
    let files = export::render(&s, Format::Ics, &opts());
    let text = String::from_utf8(file(&files, "atelier.ics").bytes.clone()).unwrap();
    let cal = icalendar::Calendar::from_str(&text).unwrap();
    let todos: Vec<_> = cal.todos().collect();
    let dated = s
        .groups
        .iter()
        .flat_map(|g| g.poster.lines.iter())
        .chain(s.outside_lines().map(|(_, l)| l))
        .filter(|l| l.due.deadline().is_some())
        .count();
    assert_eq!(todos.len(), dated);
    let uids: Vec<String> = todos
        .iter()
        .map(|t| t.property_value("UID").unwrap().to_string())
        .collect();
    // Named after the id the file's first opening will give it (it has none yet).
    assert!(s.id.is_empty());
    let domain = format!("{}.atelier", atelier::store::stable_id(&s));
    assert!(uids.contains(&format!("action-1@{domain}")), "{uids:?}");
    // The month-only due of line 1 falls on the last day of February.
    let t1 = todos
        .iter()
        .find(|t| t.property_value("UID") == Some(uids[0].as_str()))
        .unwrap();
    assert_eq!(t1.property_value("DUE"), Some("20270228"));
    // A period (« T2 2027 ») falls on its last day, and keeps what was typed.
    let t2 = todos
        .iter()
        .find(|t| {
            t.property_value("UID")
                .is_some_and(|u| u.starts_with("action-2@"))
        })
        .unwrap();
    assert_eq!(t2.property_value("DUE"), Some("20270630"));
    assert!(
        t2.property_value("DESCRIPTION")
            .unwrap()
            .contains("T2 2027")
    );
    // Meetings and the plenary are events: the group's at 14:30 for 1 h 30, the plenary all
    // day; and the rencontre and the workshop, all day.
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 4);
    let meeting = events
        .iter()
        .find(|e| {
            e.property_value("UID")
                .is_some_and(|u| u.starts_with("meeting-"))
        })
        .unwrap();
    assert_eq!(meeting.property_value("DTSTART"), Some("20270114T143000"));
    assert_eq!(meeting.property_value("DTEND"), Some("20270114T160000"));
    assert!(text.contains("DTSTART;VALUE=DATE:20271118"));
    // Rendered again later: the same UIDs, so a re-import updates.
    let mut later = opts();
    later.now += chrono::Duration::days(30);
    let again = export::render(&s, Format::Ics, &later);
    let text2 = String::from_utf8(file(&again, "atelier.ics").bytes.clone()).unwrap();
    let cal2 = icalendar::Calendar::from_str(&text2).unwrap();
    let uids2: Vec<String> = cal2
        .todos()
        .map(|t| t.property_value("UID").unwrap().to_string())
        .collect();
    assert_eq!(uids, uids2);
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "{line:?}");
        assert!(line.len() <= 77, "{} octets: {line}", line.len());
    }
}

#[test]
fn eml_parses_back_with_subject_recipients_and_body() {
    let s = example();
    let files = export::render(&s, Format::Eml, &opts());
    assert_eq!(files.len(), 4);
    let f = file(&files, "groupe-1-parkings-mutualises.eml");
    let m = mail_parser::MessageParser::default()
        .parse(&f.bytes)
        .unwrap();
    assert_eq!(
        m.subject(),
        Some("Atelier EIT – Parkings mutualisés\u{a0}: plan d'actions et prochaine réunion")
    );
    let to: Vec<(String, String)> = m
        .to()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a.name().unwrap_or("").to_string(),
                a.address().unwrap_or("").to_string(),
            )
        })
        .collect();
    // Karim Benali (6) has no e-mail address: two recipients.
    assert_eq!(
        to,
        vec![
            (
                "Claire Martin".into(),
                "c.martin@cc-valdorge.example.fr".into()
            ),
            (
                "François Leroux".into(),
                "francois@menuiserie-leroux.example.fr".into()
            ),
        ]
    );
    let body = m.body_text(0).unwrap();
    assert!(body.contains("Recenser les places libres"), "{body}");
    assert!(body.contains("14 janvier 2027"), "{body}");
    assert!(m.header("X-Unsent").is_some());
}

fn hostile(s: &mut Session) {
    let evil = [
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "\tx",
        "Nom\r\nBcc: evil@example.com",
        "a;b,c \"guillemets\" <script>alert(1)</script> 👩‍🔧",
    ];
    for (i, g) in s.groups.iter_mut().enumerate() {
        for (j, l) in g.poster.lines.iter_mut().enumerate() {
            let e = evil[(i + j) % evil.len()];
            l.solution = e.to_string();
            l.action = format!("{e}\n{}", "x".repeat(2000));
            l.owners = Owner::parse_list(e);
        }
        g.next_steps = evil[5].into();
        g.enrolled = vec![1, 3];
    }
    for t in &mut s.themes {
        t.title = format!("{}\r\nBcc: evil@example.com", t.title);
        t.constat = evil[6].into();
    }
    // A comma in a display name must not split the address list.
    s.participants[0].name = "Martin, Claire\r\nBcc: evil@example.com".into();
    s.participants[2].email = Some("sophie@x.fr\r\nBcc: evil@example.com".into());
    s.title = evil[6].into();
}

#[test]
fn hostile_content_stays_inert_in_every_format() {
    let mut s = example();
    hostile(&mut s);
    let o = opts();
    // CSV: formulas neutralised, record count intact.
    let files = export::render(&s, Format::Csv, &o);
    let bytes = &file(&files, "actions.csv").bytes;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(
        rows.len(),
        s.groups.iter().map(|g| g.poster.lines.len()).sum::<usize>() + s.outside_lines().count()
    );
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
    // ICS: short CRLF lines, parses.
    let files = export::render(&s, Format::Ics, &o);
    let text = String::from_utf8(file(&files, "atelier.ics").bytes.clone()).unwrap();
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n") && line.len() <= 77, "{line:?}");
    }
    icalendar::Calendar::from_str(&text).unwrap();
    // EML: no injected header, the subject decodes with the breaks replaced.
    for f in export::render(&s, Format::Eml, &o) {
        let m = mail_parser::MessageParser::default()
            .parse(&f.bytes)
            .unwrap();
        assert!(
            m.header("Bcc").is_none(),
            "{}",
            String::from_utf8_lossy(&f.bytes)
        );
        let names: Vec<String> = m.headers().iter().map(|h| h.name().to_string()).collect();
        for n in &names {
            assert!(
                [
                    "From",
                    "To",
                    "Cc",
                    "Date",
                    "Message-ID",
                    "Subject",
                    "MIME-Version",
                    "Content-Type",
                    "Content-Transfer-Encoding",
                    "X-Unsent"
                ]
                .contains(&n.as_str()),
                "unexpected header {n}"
            );
        }
        assert!(m.subject().unwrap().contains("  Bcc: evil@example.com"));
        // RFC 5322 lines: CRLF, at most 998 octets (the 2000-character cell is encoded).
        for line in f.bytes.split_inclusive(|&b| b == b'\n') {
            assert!(line.ends_with(b"\r\n") && line.len() <= 1000, "{}", f.name);
        }
        let body = m.body_text(0).unwrap();
        assert!(body.contains(&"x".repeat(2000)), "{}", f.name);
        // Only the valid address is kept.
        let to: Vec<_> = m.to().unwrap().iter().filter_map(|a| a.address()).collect();
        assert_eq!(to, vec!["c.martin@cc-valdorge.example.fr"]);
    }
    // HTML: escaped.
    for f in export::render(&s, Format::Html, &o) {
        let t = String::from_utf8(f.bytes).unwrap();
        assert!(!t.contains("<script>"), "{}", f.name);
        assert!(t.contains("&lt;script&gt;"));
    }
    // Markdown: table rows stay rows.
    let md = String::from_utf8(export::render(&s, Format::Md, &o)[0].bytes.clone()).unwrap();
    assert!(
        md.lines()
            .filter(|l| l.starts_with("| "))
            .all(|l| l.matches(" | ").count() >= 2)
    );
}

#[test]
fn write_files_never_overwrites_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = example();
    let files = export::render(&s, Format::Csv, &opts());
    std::fs::write(dir.path().join("actions.csv"), "à moi").unwrap();
    let err = export::write_files(dir.path(), &files).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("actions.csv")).unwrap(),
        "à moi"
    );
    // Its own files it replaces.
    let other = tempfile::tempdir().unwrap();
    export::write_files(other.path(), &files).unwrap();
    export::write_files(other.path(), &files).unwrap();
    assert_eq!(
        std::fs::read(other.path().join("actions.csv")).unwrap(),
        files[0].bytes
    );
    let bad = [OutFile {
        name: "x.ron".into(),
        bytes: vec![],
    }];
    assert!(export::write_files(other.path(), &bad).is_err());
}

#[test]
fn write_files_keeps_hand_edits_and_refuses_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = example();
    let files: Vec<OutFile> = [Format::Md, Format::Csv]
        .into_iter()
        .flat_map(|f| export::render(&s, f, &opts()))
        .collect();
    let written = export::write_files(dir.path(), &files).unwrap();
    // The compte rendu, the actions and the rencontre's catalogue.
    assert_eq!(written.len(), 3);
    let manifest = std::fs::read_to_string(dir.path().join(export::MANIFEST)).unwrap();
    assert!(manifest.contains("compte-rendu.md\t") && manifest.contains("actions.csv\t"));
    // A compte rendu completed by hand is not lost to the next export…
    let md = dir.path().join("compte-rendu.md");
    std::fs::write(&md, "notes ajoutées à la main").unwrap();
    let err = export::write_files(dir.path(), &files).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert!(err.to_string().contains("compte-rendu.md"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        "notes ajoutées à la main"
    );
    // …and nothing else was written either: actions.csv is still the first export's.
    assert_eq!(
        std::fs::read(dir.path().join("actions.csv")).unwrap(),
        file(&files, "actions.csv").bytes
    );
    // Once the user moves it away, the export goes through again.
    std::fs::remove_file(&md).unwrap();
    export::write_files(dir.path(), &files).unwrap();
    // The directory is created, and no name may leave it.
    let nested = dir.path().join("a/b");
    export::write_files(&nested, &files).unwrap();
    let escape = [OutFile {
        name: "../evil.md".into(),
        bytes: vec![],
    }];
    assert!(export::write_files(&nested, &escape).is_err());
    assert!(!dir.path().join("a/evil.md").exists());
}

#[test]
fn the_plenary_notes_are_in_the_compte_rendu_the_emails_and_the_posters() {
    let mut s = example();
    s.groups[0].notes = "Bonne dynamique ; la mairie prête le parking < 2 mois".into();
    let notes = "Bonne dynamique ; la mairie prête le parking";
    let md = export::render(&s, Format::Md, &opts());
    let md = String::from_utf8_lossy(&md[0].bytes).into_owned();
    assert!(md.contains("### Notes de la plénière"), "{md}");
    assert!(md.contains(notes), "{md}");
    let eml = export::render(&s, Format::Eml, &opts());
    let f = file(&eml, "groupe-1-parkings-mutualises.eml");
    let m = mail_parser::MessageParser::default()
        .parse(&f.bytes)
        .unwrap();
    let body = m.body_text(0).unwrap();
    assert!(body.contains(notes), "{body}");
    let html = export::render(&s, Format::Html, &opts());
    let page = String::from_utf8_lossy(&file(&html, "poster-1-parkings-mutualises.html").bytes)
        .into_owned();
    assert!(page.contains(&format!("{notes} &lt; 2 mois")), "{page}");
}

#[test]
fn the_compte_rendu_has_meetings_needs_later_lines_and_the_timing_in_an_annex() {
    let mut s = example();
    s.groups[0].meetings.push(atelier::domain::Meeting {
        date: atelier::domain::When::parse("20/03/2027 10h").unwrap(),
        note: "visite du parking".into(),
    });
    s.groups[0].poster.lines[0].workshop = 2;
    let md = export::render(&s, Format::Md, &opts());
    let md = String::from_utf8_lossy(&md[0].bytes).into_owned();
    assert!(
        md.contains(
            "#### Réunions de suivi\n\n- 20 mars 2027, 10\u{a0}h – 11\u{a0}h — visite du parking"
        ),
        "{md}"
    );
    assert!(md.contains("(atelier 2) |"), "{md}");
    assert!(md.contains("## Besoins exprimés"), "{md}");
    assert!(md.contains("depuis 1987"), "{md}");
    // The timing comes last, after everything the participants read.
    let annex = md
        .find("## Annexe\u{a0}: temps prévu et réel")
        .expect("annex");
    assert!(annex > md.find("## Besoins exprimés").unwrap_or(0));
    assert!(md.ends_with('\n'));
}

/// Rows as a spreadsheet reads them when its import dialog ticks Tab, Comma and Semicolon at
/// once (a fresh LibreOffice): any of the three outside quotes separates two cells.
fn split_any_separator(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ';' | ',' | '\t' if !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    rows
}

#[test]
fn a_spreadsheet_ticking_every_separator_keeps_every_row_in_its_columns() {
    let s = example();
    for delimiter in [b';', b','] {
        let o = Options {
            delimiter,
            ..opts()
        };
        for f in export::render(&s, Format::Csv, &o) {
            let text = String::from_utf8(f.bytes.clone()).unwrap();
            let rows = split_any_separator(text.trim_start_matches('\u{feff}'));
            let width = rows[0].len();
            assert!(rows.len() > 5, "{}", f.name);
            for (i, r) in rows.iter().enumerate() {
                assert_eq!(r.len(), width, "{} row {i}: {r:?}", f.name);
            }
        }
    }
}

fn text_of(files: &[OutFile], name: &str) -> String {
    String::from_utf8(file(files, name).bytes.clone()).unwrap()
}

/// French figures group their thousands with a no-break space (« 4 500 m² », as the app
/// writes « 10 h »); a CSV cell keeps the bare number a spreadsheet can add up.
#[test]
fn quantities_group_thousands_in_french_but_stay_numbers_in_the_csv() {
    let s = example();
    let md = text_of(&export::render(&s, Format::Md, &opts()), "compte-rendu.md");
    assert!(md.contains("4\u{a0}500\u{a0}m²"), "{md}");
    assert!(!md.contains("4500"), "{md}");
    let html = text_of(&export::render(&s, Format::Html, &opts()), "catalogue.html");
    assert!(html.contains("4\u{a0}500\u{a0}m²"), "{html}");
    let csv = text_of(&export::render(&s, Format::Csv, &opts()), "catalogue.csv");
    assert!(csv.contains(";4500;\"m²\";"), "{csv}");
}

/// A pilot typed with its organisation in parentheses gets its kind after a comma, not a
/// second pair of parentheses, in every format that names it.
#[test]
fn a_pilot_named_with_its_organisation_has_one_pair_of_parentheses() {
    let mut s = example();
    s.groups[0].pilot = Some(atelier::domain::Pilot {
        kind: atelier::domain::PilotKind::Company,
        name: "Laurent Petit (Ciments de la Plaine)".into(),
        contact: Some("l.petit@ciments.example.fr".into()),
    });
    let want = "Laurent Petit (Ciments de la Plaine), entreprise — l.petit@ciments.example.fr";
    for format in [Format::Md, Format::Csv, Format::Eml, Format::Html] {
        for f in export::render(&s, format, &opts()) {
            let text = String::from_utf8_lossy(&f.bytes).into_owned();
            assert!(!text.contains(") ("), "{}: {text}", f.name);
            if f.name.contains("parkings") || f.name == "compte-rendu.md" || f.name == "actions.csv"
            {
                assert!(text.contains(want), "{}: {text}", f.name);
            }
        }
    }
}

/// The example's wall: offers and needs of the same flow no longer all meet (33 leads, most
/// absurd, « Chutes d'acier → Compost »): only those sharing a meaningful word, and the
/// compte rendu lists what the room accepted and counts the rest, never a long « à
/// examiner » list.
#[test]
fn the_compte_rendu_lists_accepted_synergy_leads_and_only_counts_the_unreviewed() {
    let s = example();
    let r = &s.rencontres[0];
    let leads = r.synergy_leads(&s.participants);
    let steel = r.cards.iter().find(|c| c.text.contains("acier")).unwrap();
    assert!(leads.iter().all(|l| l.offer != steel.id), "{leads:?}");
    let open = leads
        .iter()
        .filter(|l| !r.accepted(l.offer, l.need))
        .count();
    assert_eq!((leads.len(), open), (5, 3), "{leads:?}");
    let md = text_of(&export::render(&s, Format::Md, &opts()), "compte-rendu.md");
    assert!(!md.contains("à examiner"), "{md}");
    let section = md
        .split("### Pistes de synergie")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("leads section");
    assert_eq!(section.matches(" → ").count(), 2, "{section}");
    assert!(
        section.contains(
            "3 pistes suggérées automatiquement (une offre et un besoin aux mots communs) \
             n'ont pas été examinées en séance"
        ),
        "{section}"
    );
    let html = text_of(&export::render(&s, Format::Html, &opts()), "catalogue.html");
    assert!(!html.contains("à examiner"));
    assert!(html.contains("3 pistes suggérées automatiquement"));
}

/// The example's rencontre handed to workshop 1 anew: each entry of the catalogue keeps what
/// it is. The compte rendu gives each kind its heading and counts them as such, and
/// Préparation › Thèmes names « 3 besoins, 2 offres, 1 piste » where it said « 6 besoins ».
#[test]
fn handed_over_offers_leads_and_synergies_are_named_and_counted_as_what_they_are() {
    use atelier::domain::NeedKind;
    let mut s = example();
    s.needs.clear();
    let labels = [
        "Besoins\u{a0}:",
        "Ressources\u{a0}:",
        "Pistes\u{a0}:",
        "Piste de synergie\u{a0}:",
    ];
    let op = s.handoff_op(1, labels).unwrap();
    s.apply(op).unwrap();
    let count = |k: NeedKind| s.needs.iter().filter(|n| n.kind == k).count();
    assert_eq!(NeedKind::ALL.map(count), [16, 13, 6, 2], "{:#?}", s.needs);
    // No « Piste de synergie : » inside the text: the kind says it.
    let synergy = s
        .needs
        .iter()
        .find(|n| n.kind == NeedKind::Synergy)
        .unwrap();
    assert!(
        synergy.text.starts_with("Palettes bois ("),
        "{}",
        synergy.text
    );
    // Handed over again, nothing is added twice.
    let again = s.handoff_op(1, labels).unwrap();
    let before = s.needs.len();
    s.apply(again).unwrap();
    assert_eq!(s.needs.len(), before);

    let md = text_of(&export::render(&s, Format::Md, &opts()), "compte-rendu.md");
    let section = md
        .split("## Besoins, offres et pistes\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("no catalogue section:\n{md}"));
    assert!(
        section.starts_with("\n16 besoins, 13 offres, 6 pistes, 2 synergies\n"),
        "{section}"
    );
    for h in [
        "### Besoins",
        "### Offres / ressources",
        "### Pistes",
        "### Pistes de synergie",
    ] {
        assert!(section.contains(&format!("\n{h}\n")), "{h}: {section}");
    }
    assert!(!md.contains("Besoins exprimés"), "{md}");
    assert!(
        section.contains(
            "- Palettes bois (SARL Menuiserie Leroux & Fils) → Bois de palettes pour le calage \
             et les caisses (SARL Chevalier Emballages) — thème Gestion des déchets"
        ),
        "{section}"
    );
    assert!(!section.contains(") ("), "{section}");

    // `atelier check` counts them the same way.
    let summary = atelier::cli::summary(&s);
    assert!(
        summary.contains("Catalogue\u{a0}: 16 besoins, 13 offres, 6 pistes, 2 synergies, dont"),
        "{summary}"
    );
    // Préparation › Thèmes: theme 1 (3 needs, 2 offers, 1 lead) in its detail.
    s.workshops[0].phase = atelier::domain::Phase::Preparation;
    let mut st = common::state(s, common::at("09:00:00"));
    st.size = (120, 36);
    while st.prep.tab != atelier::app::PrepTab::Themes {
        common::press(&mut st, "<Tab>");
    }
    let screen = common::render(&st);
    assert!(screen.contains("3 besoins, 2 offres, 1 piste"), "{screen}");
    assert!(!screen.contains("6 besoins"), "{screen}");
    // Wider, the table names the total beside the title when the kinds do not fit.
    st.size = (160, 45);
    let screen = common::render(&st);
    assert!(screen.contains("(6 au catalogue)"), "{screen}");
    assert!(!screen.contains("6 besoins"), "{screen}");
    st.size = (120, 36);
    // Préparation › Besoins: each entry's kind in its first column.
    while st.prep.tab != atelier::app::PrepTab::Needs {
        common::press(&mut st, "<Tab>");
    }
    let screen = common::render(&st);
    assert!(screen.contains("besoin  "), "{screen}");
}

/// The calendar's items, by UID: (SEQUENCE, LAST-MODIFIED) of each.
fn calendar(s: &Session, o: &Options) -> std::collections::BTreeMap<String, (String, String)> {
    let text = text_of(&export::render(s, Format::Ics, o), "atelier.ics");
    let cal = icalendar::Calendar::from_str(&text).unwrap();
    cal.components
        .iter()
        .filter_map(|c| {
            fn item<C: Component>(c: &C) -> Option<(String, (String, String))> {
                let get = |k: &str| c.property_value(k).unwrap_or("").to_string();
                Some((
                    c.get_uid()?.to_string(),
                    (get("SEQUENCE"), get("LAST-MODIFIED")),
                ))
            }
            match c {
                icalendar::CalendarComponent::Todo(t) => item(t),
                icalendar::CalendarComponent::Event(e) => item(e),
                _ => None,
            }
        })
        .collect()
}

/// What the app does when it saves: the pending edits go to the file (`store::sync`), each
/// changed calendar item revised at `now`.
fn save(path: &Path, st: &mut atelier::app::State, now: atelier::domain::Timestamp) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut shared = atelier::store::sync::Shared::new(text, atelier::store::sync::stamp(path));
    shared
        .sync(path, &mut st.session, &mut st.pending, "animation", now)
        .unwrap();
}

/// A file never opened in the app (the shipped example, a `demo` copy) has no id yet: its
/// calendar is named after the id its first opening gives it, so that the UIDs are the same
/// before and after (they followed the title, and all changed). Then each saved change of a
/// meeting raises its SEQUENCE and sets its LAST-MODIFIED to the save's time; items the
/// session has no change time for take the file's last save, never the export's time.
#[test]
fn calendar_uids_survive_the_first_opening_and_changes_raise_sequence_and_last_modified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    std::fs::write(&path, EXAMPLE).unwrap();
    let mut s = atelier::store::load(&path).unwrap();
    assert!(s.id.is_empty(), "the example ships without an id");
    s.groups[0].next_meeting = atelier::domain::When::parse("14/01/2027 14h30 1h30");
    s.annual_plenary = atelier::domain::When::parse("18/11/2027");
    atelier::store::save(&path, &s).unwrap();
    let mut o = opts();
    o.saved = atelier::store::saved_at(&path);
    let file_time = o
        .saved
        .unwrap()
        .with_timezone(&chrono::Utc)
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let before = calendar(&atelier::store::load(&path).unwrap(), &o);
    assert!(
        before.keys().any(|u| u.starts_with("meeting-")),
        "{before:?}"
    );
    assert!(
        !before.keys().any(|u| u.contains("portes-du-sud")),
        "{before:?}"
    );
    // Never the export's time: the file's, for items without a change time of their own.
    for (uid, (_, modified)) in &before {
        assert_eq!(modified, &file_time, "{uid}");
    }

    // The first opening gives the id, saved in the file.
    let now = chrono::DateTime::parse_from_rfc3339("2027-01-10T09:00:00+01:00").unwrap();
    let mut st = common::state(atelier::store::load(&path).unwrap(), now);
    atelier::tui::assign_id(&mut st);
    save(&path, &mut st, now);
    let opened = atelier::store::load(&path).unwrap();
    assert!(!opened.id.is_empty());
    o.saved = atelier::store::saved_at(&path);
    let after = calendar(&opened, &o);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );

    // The meeting moved, the plenary too: SEQUENCE 1, LAST-MODIFIED the save's time; the
    // other items keep theirs.
    let later = chrono::DateTime::parse_from_rfc3339("2027-01-12T16:45:00+01:00").unwrap();
    for op in [
        atelier::domain::Op::SetGroup {
            theme: st.session.groups[0].theme,
            field: atelier::domain::GroupField::NextMeeting(atelier::domain::When::parse(
                "21/01/2027 14h30 1h30",
            )),
        },
        atelier::domain::Op::SetAnnualPlenary(atelier::domain::When::parse("25/11/2027")),
    ] {
        let inverse = st.session.apply(op.clone()).unwrap();
        st.pending
            .push(atelier::domain::merge::Pending { op, inverse });
    }
    save(&path, &mut st, later);
    o.saved = atelier::store::saved_at(&path);
    let moved = calendar(&atelier::store::load(&path).unwrap(), &o);
    let meeting = moved
        .iter()
        .find(|(u, _)| u.starts_with("meeting-"))
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(meeting, ("1".to_string(), "20270112T154500Z".to_string()));
    let plenary = moved
        .iter()
        .find(|(u, _)| u.starts_with("plenary@"))
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(plenary, ("1".to_string(), "20270112T154500Z".to_string()));
    let action = moved
        .iter()
        .find(|(u, _)| u.starts_with("action-"))
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(action.0, "0");
    assert_ne!(action.1, "20270112T154500Z");
    // Rendered again with the same file: the same calendar, whatever the export's time.
    let mut o2 = o.clone();
    o2.now += chrono::Duration::days(3);
    assert_eq!(calendar(&atelier::store::load(&path).unwrap(), &o2), moved);
}

/// The follow-ups of the problems « hors atelier » (a rencontre's, with an owner and a due)
/// are in the calendar and in `actions.csv` with the groups' actions.
#[test]
fn hors_atelier_follow_ups_are_in_the_calendar_and_actions_csv() {
    let s = example();
    let outside: Vec<_> = s.outside_lines().collect();
    assert_eq!(outside.len(), 2);
    let text = text_of(&export::render(&s, Format::Ics, &opts()), "atelier.ics");
    let cal = icalendar::Calendar::from_str(&text).unwrap();
    for (card, l) in &outside {
        let uid = format!("action-{}@", l.id);
        let t = cal
            .todos()
            .find(|t| t.get_uid().is_some_and(|u| u.starts_with(&uid)))
            .unwrap_or_else(|| panic!("no {uid} in {text}"));
        assert_eq!(t.get_summary(), Some(l.action.as_str()));
        assert!(
            t.property_value("DESCRIPTION")
                .unwrap()
                .contains(card.text.as_str())
        );
    }
    assert_eq!(
        text.matches("CATEGORIES:Hors atelier\r\n").count(),
        2,
        "{text}"
    );
    // « T1 2027 » falls on 31 March, as typed in the description.
    assert!(text.contains("DUE;VALUE=DATE:20270331"), "{text}");
    let files = export::render(&s, Format::Csv, &opts());
    let csv = &file(&files, "actions.csv").bytes;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let lines: usize = s.groups.iter().map(|g| g.poster.lines.len()).sum();
    assert_eq!(rows.len(), lines + 2);
    let pothole = rows
        .iter()
        .find(|r| &r[1] == "Hors atelier" && r[2].starts_with("Nid-de-poule"))
        .expect("the pothole's follow-up");
    assert_eq!(&pothole[3], "Faire reboucher la chaussée avant l'hiver");
    assert_eq!(
        &pothole[4],
        "Mairie de Saint-Aubin-sur-Orge (services techniques)"
    );
    assert_eq!(&pothole[6], "2026-11-30");
    assert_eq!(&pothole[7], "en cours");
    // Not in an export for one group.
    let one = Options {
        group: Some(s.themes[0].id),
        ..opts()
    };
    let text = text_of(&export::render(&s, Format::Ics, &one), "atelier.ics");
    assert!(!text.contains("Hors atelier"));
}

/// The catalogue prints compactly (the example's 41 cards on two A4 pages, measured with
/// `chromium --headless --print-to-pdf` and `pdfinfo`; it took seven): 8 pt type and 10 mm
/// margins on paper, the card column the widest, and no forced page break.
#[test]
fn the_catalogue_prints_compactly_without_forced_page_breaks() {
    let s = example();
    let html = text_of(&export::render(&s, Format::Html, &opts()), "catalogue.html");
    assert!(
        html.contains("@page { size: A4; margin: 10mm 10mm; }"),
        "{html}"
    );
    let print = html
        .split("@media print {")
        .nth(1)
        .and_then(|r| r.split("\n}").next())
        .expect("print rules");
    assert!(print.contains("body { font-size: 8pt;"), "{print}");
    assert!(!html.contains("break-before: page"), "{html}");
    assert!(html.contains("<col style=\"width: 43%\">"), "{html}");
}
