//! The built binary, run as a user would, on real files in a temporary data directory.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_atelier");
const EXAMPLE: &str = include_str!("../sessions/exemple-za.ron");

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("ATELIER_DATA_DIR", data)
        .current_dir(data)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn new_creates_a_session_with_a_safe_name_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "new",
            "Éco-parc des Forges / été",
            "--zone",
            "ZA des Forges",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir
        .path()
        .join("sessions")
        .join("eco-parc-des-forges-ete.ron");
    assert!(stdout(&o).contains("Session créée"), "{}", stdout(&o));
    // And how to open it (issue 25, item 15), quoted where the path has a space.
    assert!(stdout(&o).contains("atelier open "), "{}", stdout(&o));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title: \"Éco-parc des Forges / été\""),
        "{text}"
    );
    assert!(text.contains("name: \"ZA des Forges\""));
    // Same title again: a second file, the first untouched.
    let o = run(dir.path(), &["new", "Éco-parc des Forges / été"]);
    assert!(o.status.success());
    assert!(
        dir.path()
            .join("sessions/eco-parc-des-forges-ete-2.ron")
            .exists()
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // An explicit path that exists is refused.
    let o = run(dir.path(), &["new", "Autre", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("existe déjà"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn check_prints_a_summary_of_a_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ex.ron");
    fs::write(&path, EXAMPLE).unwrap();
    let o = run(dir.path(), &["check", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "Zone\u{a0}:",
        "Thèmes et groupes\u{a0}: 4",
        "Parkings mutualisés",
        "Atelier 1",
        "décembre 2026",
        "tour 2/3",
        "Rencontre 1 — 5 novembre 2026\u{a0}: 41 cartes",
        "Plénière annuelle\u{a0}: 2 décembre 2027",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    let o = run(
        dir.path(),
        &["--lang", "en", "check", path.to_str().unwrap()],
    );
    let out = stdout(&o);
    assert!(out.contains("Themes and groups: 4"), "{out}");
    assert!(out.contains("December 2026"), "{out}");
    assert!(out.contains("round 2/3"), "{out}");
}

#[test]
fn the_summary_of_a_new_session_has_no_empty_parts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vide.ron");
    let o = run(dir.path(), &["new", "Vide", "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(dir.path(), &["check", path.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("Participants\u{a0}: 0\n"), "{out}");
    assert!(out.contains("dont 0 rattaché à un thème"), "{out}");
    assert!(out.contains("Atelier 1 — Préparation"), "{out}");
    assert!(!out.contains("()") && !out.contains("—  —"), "{out}");
}

#[test]
fn check_on_a_broken_file_exits_2_with_position_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let broken = EXAMPLE.replacen("vocation: Mixte", "vocation: Mixte,,", 1);
    fs::write(&path, &broken).unwrap();
    let o = run(dir.path(), &["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let line = broken.lines().position(|l| l.contains("Mixte,,")).unwrap() + 1;
    assert!(
        err.contains(&format!("{}:{line}:", path.display())),
        "expected {}:{line}: in {err}",
        path.display()
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    assert!(!dir.path().join("broken.ron.bak").exists());
}

#[test]
fn check_on_a_missing_file_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["check", "nowhere.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nowhere.ron"));
}

#[test]
fn demo_copies_once_and_list_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["list"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Aucune session"), "{}", stdout(&o));
    let o = run(dir.path(), &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = dir.path().join("sessions/exemple-za.ron");
    assert_eq!(fs::read_to_string(&copy).unwrap(), EXAMPLE);
    fs::write(&copy, EXAMPLE.replacen("version: 1", "version:  1", 1)).unwrap();
    let o = run(dir.path(), &["demo"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("déjà là"), "{}", stdout(&o));
    assert!(
        fs::read_to_string(&copy).unwrap().contains("version:  1"),
        "not overwritten"
    );
    let o = run(dir.path(), &["new", "Deuxième"]);
    assert!(o.status.success());
    let o = run(dir.path(), &["list"]);
    let out = stdout(&o);
    assert!(out.contains("Deuxième"), "{out}");
    assert!(out.contains("Groupes de travail"), "{out}");
    assert!(out.contains("exemple-za.ron"), "{out}");
}

#[test]
fn list_finds_a_session_made_elsewhere_until_it_is_gone() {
    let data = tempfile::tempdir().unwrap();
    let project = tempfile::tempdir().unwrap();
    let in_project = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("ATELIER_DATA_DIR", data.path())
            .current_dir(project.path())
            .output()
            .expect("the binary runs")
    };
    // `new -o` in a project folder, then `list` from anywhere else.
    let o = in_project(&["new", "Zone du Port", "-o", "port.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(data.path(), &["list"]);
    let out = stdout(&o);
    assert!(out.contains("Zone du Port"), "{out}");
    // The whole path, on its own line: the same file however the platform spells it
    // (Windows lists `C:\…`, not the canonical `\\?\C:\…`).
    let full = fs::canonicalize(project.path().join("port.ron")).unwrap();
    let listed = out
        .lines()
        .map(str::trim)
        .find(|l| l.ends_with("port.ron"))
        .unwrap_or_else(|| panic!("no path line: {out}"));
    assert!(Path::new(listed).is_absolute(), "{out}");
    assert_eq!(fs::canonicalize(listed).unwrap(), full, "{out}");
    // Listed once, even from the folder it is in.
    let o = in_project(&["list"]);
    assert_eq!(
        stdout(&o).matches("Zone du Port").count(),
        1,
        "{}",
        stdout(&o)
    );
    // Deleted: no longer listed, and gone from the list at its next write.
    fs::remove_file(&full).unwrap();
    let o = run(data.path(), &["list"]);
    assert!(!stdout(&o).contains("Zone du Port"), "{}", stdout(&o));
    let o = run(data.path(), &["new", "Autre zone"]);
    assert!(o.status.success());
    let recent = fs::read_to_string(data.path().join("recent.txt")).unwrap();
    assert!(!recent.contains("port.ron"), "{recent}");
    assert!(recent.contains("autre-zone.ron"), "{recent}");
}

#[test]
fn bare_atelier_prints_the_example_and_where_sessions_live() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Parkings mutualisés"), "{out}");
    assert!(
        out.contains(&dir.path().join("sessions").display().to_string()),
        "{out}"
    );
}

#[test]
fn help_is_in_french_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["--help"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Créer une nouvelle session"),
        "{}",
        stdout(&o)
    );
    let o = run(dir.path(), &["--lang", "en", "--help"]);
    assert!(
        stdout(&o).contains("Create a new session"),
        "{}",
        stdout(&o)
    );
    let o = run(dir.path(), &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_without_a_format_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.ron");
    fs::write(&path, EXAMPLE).unwrap();
    let out = dir.path().join("sorties");
    let o = run(
        dir.path(),
        &[
            "export",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut kinds: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| {
            e.unwrap()
                .path()
                .extension()
                .map(|x| x.to_string_lossy().into_owned())
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds, ["csv", "eml", "html", "ics", "md"], "{}", stdout(&o));
}

#[test]
fn help_and_mistakes_are_worded_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["--help"]);
    let help = stdout(&o);
    assert!(!help.contains("Print help"), "{help}");
    assert!(help.contains("Afficher l'aide"), "{help}");
    assert!(help.contains("Utilisation\u{a0}:"), "{help}");
    let o = run(dir.path(), &["export", "x.ron", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("valeur «\u{a0}pdf\u{a0}» invalide"), "{err}");
    assert!(err.contains("md, csv, ics, eml, html"), "{err}");
    assert!(!err.contains("error:"), "{err}");
    let o = run(
        dir.path(),
        &["--lang", "en", "export", "x.ron", "--format", "pdf"],
    );
    let err = stderr(&o);
    assert!(err.contains("invalid value 'pdf'"), "{err}");
    assert!(err.starts_with("atelier: "), "{err}");
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    // `atelier | head -1`, `atelier list | grep -q …`: the pipe closes before the output
    // ends. The process ends without a panic message, successfully.
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .env("ATELIER_DATA_DIR", dir.path())
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let said = stderr(&out);
    assert!(!said.contains("panicked"), "{said}");
    assert!(out.status.success(), "{said}");
}

#[test]
fn new_says_how_to_open_the_session_in_a_command_that_can_be_pasted() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["new", "Éco-parc", "-o", "mon atelier.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("atelier open \"mon atelier.ron\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_depuis_writes_the_progress_drafts_and_refuses_a_bad_date_or_format() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("za.ron"), EXAMPLE).unwrap();
    let o = run(
        dir.path(),
        &[
            "export",
            "za.ron",
            "--depuis",
            "1 octobre 2026",
            "--out",
            "out",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml"))
        .collect();
    assert!(!names.is_empty());
    assert!(
        names.iter().all(|n| n.starts_with("point-etape-")),
        "{names:?}"
    );
    // A date not understood: said, with the forms accepted, and nothing written.
    let o = run(
        dir.path(),
        &["export", "za.ron", "--depuis", "hier", "--out", "x"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("14 janvier 2027"), "{}", stderr(&o));
    assert!(!dir.path().join("x").exists());
    let o = run(
        dir.path(),
        &[
            "export",
            "za.ron",
            "--format",
            "csv",
            "--depuis",
            "1/10/2026",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--format eml"), "{}", stderr(&o));
}

/// Issue 28, item 2: a new zone's session from the pilot's, or from the guide's model.
#[test]
fn new_from_a_pilot_or_a_model_takes_the_themes_to_review_and_nothing_of_the_people() {
    let dir = tempfile::tempdir().unwrap();
    let pilot = dir.path().join("pilote.ron");
    fs::write(&pilot, EXAMPLE).unwrap();
    let o = run(
        dir.path(),
        &[
            "new",
            "Éco-parc des Forges",
            "--zone",
            "ZA des Forges",
            "--depuis",
            "pilote.ron",
            "-o",
            "forges.ron",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("4 thèmes repris"), "{}", stdout(&o));
    let p = atelier::store::parse(EXAMPLE, &pilot).unwrap();
    let text = fs::read_to_string(dir.path().join("forges.ron")).unwrap();
    let s = atelier::store::parse(&text, Path::new("forges.ron")).unwrap();
    assert_eq!(s.zone.name, "ZA des Forges");
    assert_eq!(s.themes.len(), p.themes.len());
    assert!(s.themes.iter().all(|t| t.review));
    assert!(s.participants.is_empty() && s.synergies.is_empty());
    assert!(s.groups.iter().all(|g| g.poster.lines.is_empty()));
    assert!(!s.id.is_empty() && s.id != p.id, "its own id");
    // No name of the pilot's people in the new file, but for the experts it names (the
    // issue asks for them: a pilot's expert is often invited to the next zone too).
    let experts: Vec<&str> = p
        .themes
        .iter()
        .filter_map(|t| t.expert.as_deref())
        .collect();
    for person in &p.participants {
        if experts.iter().any(|e| e.contains(&person.name)) {
            continue;
        }
        assert!(!text.contains(&person.name), "{}", person.name);
    }
    // The guide's model, in English too.
    let o = run(
        dir.path(),
        &["new", "Éco-parc", "--modele", "eco-parc", "-o", "m.ron"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s = atelier::store::load(&dir.path().join("m.ron")).unwrap();
    assert_eq!(s.themes.len(), 7);
    assert_eq!(s.themes[0].title, "Parkings communs");
    assert!(s.themes.iter().all(|t| t.review && t.expert.is_some()));
    let o = run(
        dir.path(),
        &[
            "--lang", "en", "new", "Eco-park", "--modele", "eco-parc", "-o", "en.ron",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s = atelier::store::load(&dir.path().join("en.ron")).unwrap();
    assert_eq!(s.themes[6].title, "Heat network");
    // An unknown model, or a pilot that is not there: a clear message, exit 2, no file.
    let o = run(dir.path(), &["new", "X", "--modele", "zae", "-o", "x.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("eco-parc"), "{}", stderr(&o));
    let o = run(
        dir.path(),
        &["new", "X", "--depuis", "absent.ron", "-o", "x.ron"],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("absent.ron"), "{}", stderr(&o));
    assert!(!dir.path().join("x.ron").exists());
}

/// `atelier territoire DIR --format …`: one row a session (not the copies beside them), a
/// file that does not read said in its row, each format readable.
#[test]
fn territoire_writes_the_table_of_every_zone_in_each_format() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("portes.ron"),
        include_str!("../sessions/exemple-za.ron"),
    )
    .unwrap();
    assert!(
        run(
            data.path(),
            &[
                "new",
                "ZA du Moulin",
                "-o",
                d.join("moulin.ron").to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    std::fs::write(d.join("casse.ron"), "pas une session").unwrap();
    std::fs::write(
        d.join("portes.sync-conflict-20261207-101500-ABCDEFG.ron"),
        include_str!("../sessions/exemple-za.ron"),
    )
    .unwrap();
    let dir_arg = d.to_str().unwrap();
    let md = run(data.path(), &["territoire", dir_arg]);
    assert!(md.status.success(), "{}", stderr(&md));
    let text = stdout(&md);
    assert!(text.starts_with("# Territoire\u{a0}: 3 zones"), "{text}");
    assert_eq!(
        text.matches("Éco-parc de la ZA des Portes du Sud").count(),
        1,
        "{text}"
    );
    assert!(text.contains("| ZA du Moulin | préparation |"), "{text}");
    assert!(text.contains("| casse.ron | fichier illisible |"), "{text}");
    // Names in French order: « Éco-parc » before « ZA ».
    assert!(text.find("Éco-parc").unwrap() < text.find("ZA du Moulin").unwrap());
    let csv = run(
        data.path(),
        &["territoire", dir_arg, "--format", "csv", "--tri", "actions"],
    );
    let body = String::from_utf8(csv.stdout).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 17));
    // Sorted by actions: the example (with its 11 lines) first.
    assert_eq!(&rows[0][0], "Éco-parc de la ZA des Portes du Sud");
    let out = d.join("territoire.html");
    let html = run(
        data.path(),
        &[
            "--lang",
            "en",
            "territoire",
            dir_arg,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(html.status.success());
    assert!(stdout(&html).contains("Territory table written"));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(
        page.contains("<table>") && page.contains("<th>Next event</th>"),
        "{page}"
    );
    assert!(page.contains("Territory: 3 zones"));
}
