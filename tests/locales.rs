//! Every UI string exists in French and in English, and every key the code asks for exists.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Dotted key paths of a simple nested YAML mapping (two-space indentation).
fn keys(path: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(path).unwrap();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let (key, value) = line.trim().split_once(':').unwrap();
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let full = stack
            .iter()
            .map(|(_, k)| k.as_str())
            .chain([key])
            .collect::<Vec<_>>()
            .join(".");
        if value.trim().is_empty() {
            stack.push((indent, key.to_string()));
        } else if key != "_version" {
            out.insert(full);
        }
    }
    out
}

/// All keys of a language: `locales/fr.yml` merged with `locales/*.fr.yml`.
fn locale_keys(lang: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in fs::read_dir("locales").unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == format!("{lang}.yml") || name.ends_with(&format!(".{lang}.yml")) {
            out.extend(keys(p.to_str().unwrap()));
        }
    }
    out
}

#[test]
fn french_and_english_have_the_same_keys() {
    let fr = locale_keys("fr");
    let en = locale_keys("en");
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(only_fr.is_empty(), "missing in en.yml: {only_fr:?}");
    assert!(only_en.is_empty(), "missing in fr.yml: {only_en:?}");
    assert!(fr.len() > 50);
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_literal_key_used_in_the_code_exists() {
    let fr = locale_keys("fr");
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut missing = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        // `t!("a.b"` and the `"a.b"` keys returned by `label_key()`.
        for (i, _) in text.match_indices("t!(\"") {
            // `format!(` and friends end in `t!(` too.
            let before = text[..i].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' {
                continue;
            }
            let rest = &text[i + 4..];
            let key = &rest[..rest.find('"').unwrap()];
            if !fr.contains(key) {
                missing.push(format!("{}: {key}", f.display()));
            }
        }
        for (i, _) in text.match_indices("=> \"") {
            let rest = &text[i + 4..];
            let key = &rest[..rest.find('"').unwrap()];
            let looks_like_key = key.contains('.')
                && !key.contains(' ')
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_');
            if looks_like_key && !fr.contains(key) {
                missing.push(format!("{}: {key}", f.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from locales: {missing:#?}"
    );
}

/// The labels the code builds from the register's codes (`naf.division.d25`…), which the
/// literal-key check above cannot see: every one in both languages.
#[test]
fn every_naf_division_section_size_and_period_has_its_labels() {
    use atelier::domain::profile::{
        DIVISIONS, Period, SECTIONS, SIZE_BANDS, division_label_key, section_label_key,
        section_short_key,
    };
    for lang in ["fr", "en"] {
        let keys = locale_keys(lang);
        let mut wanted: Vec<String> = DIVISIONS
            .iter()
            .map(|(d, _)| division_label_key(d))
            .collect();
        wanted.extend(SECTIONS.iter().map(|s| section_label_key(*s)));
        wanted.extend(SECTIONS.iter().map(|s| section_short_key(*s)));
        for (_, key) in SIZE_BANDS {
            wanted.push(key.to_string());
            wanted.push(key.replacen("naf.size.", "import.size_short.", 1));
        }
        wanted.extend(Period::ALL.iter().map(|p| p.label_key().to_string()));
        let missing: Vec<&String> = wanted.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "{lang}: {missing:?}");
        assert_eq!(
            keys.iter()
                .filter(|k| k.starts_with("naf.division."))
                .count(),
            88
        );
    }
}

#[test]
fn english_counts_agree_with_their_number() {
    use atelier::text::{Lang, count};
    Lang::En.set();
    assert_eq!(count(1, "rotation.violations"), "1 rule broken");
    assert_eq!(count(2, "rotation.violations"), "2 rules broken");
    assert_eq!(count(0, "followup.count"), "0 lines");
    assert_eq!(count(1, "groups.seated"), "1 person seated");
}

#[test]
fn english_labels_take_no_space_before_the_colon() {
    use atelier::text::{Lang, label};
    Lang::En.set();
    assert_eq!(
        label("Annual plenary", "18 November 2027"),
        "Annual plenary: 18 November 2027"
    );
}

#[test]
fn english_suivi_labels_keep_a_space_before_their_values_at_80_columns() {
    use atelier::app::{Action, State, update};
    atelier::text::Lang::En.set();
    let session = atelier::store::parse(
        include_str!("../sessions/exemple-za.ron"),
        Path::new("x.ron"),
    )
    .unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap();
    let mut st = State::new(session, std::path::PathBuf::from("x.ron"), now);
    update(&mut st, Action::Resize(80, 24));
    update(&mut st, Action::ToggleFollowUp);
    // Actions, Synergies, then Groups.
    update(&mut st, Action::NextTab);
    update(&mut st, Action::NextTab);
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    atelier::ui::render(&st, area, &mut buf);
    let screen: String = (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(screen.contains("Enrolled members "), "{screen}");
    assert!(screen.contains("Follow-up meetings"), "{screen}");
}

/// French typography: a non-breaking space before « : ; ? ! » and inside « », so that a line
/// never starts with a colon or a closing guillemet, on screen or in an export.
#[test]
fn french_strings_keep_their_punctuation_with_non_breaking_spaces() {
    let mut bad = Vec::new();
    for e in fs::read_dir("locales").unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !(name == "fr.yml" || name.ends_with(".fr.yml")) {
            continue;
        }
        for line in fs::read_to_string(&p).unwrap().lines() {
            let Some((_, value)) = line.split_once(": \"") else {
                continue;
            };
            let plain = [" :", " ;", " ?", " !", "« ", " »"];
            if plain.iter().any(|x| value.contains(x)) {
                bad.push(line.trim().to_string());
            }
        }
    }
    assert!(
        bad.is_empty(),
        "plain spaces in French:\n{}",
        bad.join("\n")
    );
}
