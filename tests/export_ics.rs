//! The calendar as a subscribed calendar reads it: item names (UIDs) that survive renaming the
//! session and never collide between sessions, and a SEQUENCE that rises when an action changes.

mod common;

use std::path::Path;
use std::str::FromStr;

use atelier::domain::{Op, Session};
use atelier::export::{self, Format, Options};
use icalendar::{Calendar, Component};

fn example() -> Session {
    atelier::text::Lang::Fr.set();
    let mut s = atelier::store::parse(
        include_str!("../sessions/exemple-za.ron"),
        Path::new("x.ron"),
    )
    .unwrap();
    s.id = "4f2a9c0de1b37a58".into();
    s
}

fn opts() -> Options {
    common::export_options()
}

/// (UID, SEQUENCE) of every to-do.
fn todos(s: &Session) -> Vec<(String, String)> {
    let files = export::render(s, Format::Ics, &opts());
    let text = String::from_utf8(files[0].bytes.clone()).unwrap();
    Calendar::from_str(&text)
        .unwrap()
        .todos()
        .map(|t| {
            (
                t.property_value("UID").unwrap_or_default().to_string(),
                t.property_value("SEQUENCE").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn uids_follow_the_session_id_not_its_title() {
    let s = example();
    let before = todos(&s);
    assert!(
        before
            .iter()
            .all(|(uid, _)| uid.ends_with("@4f2a9c0de1b37a58.atelier"))
    );
    let mut renamed = s.clone();
    renamed
        .apply(Op::SetTitle("Éco-parc du Moulin".into()))
        .unwrap();
    assert_eq!(todos(&renamed), before);
    // Another session with the same title: other UIDs.
    let mut other = s.clone();
    other.id = "0000aaaa1111bbbb".into();
    let theirs = todos(&other);
    assert!(
        before
            .iter()
            .all(|(uid, _)| !theirs.iter().any(|(u, _)| u == uid))
    );
}

#[test]
fn the_sequence_is_the_line_revision() {
    let mut s = example();
    let line = s.groups[0].poster.lines[0].id;
    let seq = |s: &Session| {
        todos(s)
            .into_iter()
            .find(|(uid, _)| uid.starts_with(&format!("action-{line}@")))
            .map(|(_, seq)| seq.parse::<u32>().unwrap())
            .unwrap()
    };
    assert_eq!(seq(&s), 0);
    // The store raises it at each save of an edit (tests/sync.rs); the calendar follows.
    s.line_anywhere_mut(line).unwrap().revision = 3;
    assert_eq!(seq(&s), 3);
}

#[test]
fn a_new_session_file_has_an_id_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let s = Session::new("Éco-parc", "ZA");
    atelier::store::create(&path, &s).unwrap();
    let loaded = atelier::store::load(&path).unwrap();
    assert_eq!(loaded.id.len(), 16, "{:?}", loaded.id);
    let other = dir.path().join("t.ron");
    atelier::store::create(&other, &s).unwrap();
    assert_ne!(atelier::store::load(&other).unwrap().id, loaded.id);
}

/// (UID, SUMMARY, DTSTART, SEQUENCE) of every event.
fn events(s: &Session, opts: &Options) -> Vec<(String, String, String, String)> {
    let files = export::render(s, Format::Ics, opts);
    let text = String::from_utf8(files[0].bytes.clone()).unwrap();
    let value = |e: &icalendar::Event, k: &str| e.property_value(k).unwrap_or_default().to_string();
    Calendar::from_str(&text)
        .unwrap()
        .events()
        .map(|e| {
            (
                value(e, "UID"),
                value(e, "SUMMARY"),
                value(e, "DTSTART"),
                value(e, "SEQUENCE"),
            )
        })
        .collect()
}

#[test]
fn the_rencontre_and_the_workshops_are_all_day_events() {
    let s = example();
    let all = events(&s, &opts());
    let find = |prefix: &str| {
        all.iter()
            .find(|e| e.0.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in {all:?}"))
    };
    let r = find("rencontre-1@4f2a9c0de1b37a58.atelier");
    assert_eq!(
        r.1,
        "Rencontre inter-entreprises 1 — Éco-parc de la ZA des Portes du Sud"
    );
    assert_eq!(r.2, "20261105");
    let w = find("workshop-1@4f2a9c0de1b37a58.atelier");
    assert_eq!(w.1, "Atelier 1 — Éco-parc de la ZA des Portes du Sud");
    assert_eq!(w.2, "20261203");
    // A group's own calendar has its meetings and actions, not the démarche's dates.
    let mut one = opts();
    one.group = Some(s.themes[0].id);
    assert!(
        events(&s, &one)
            .iter()
            .all(|e| !e.0.starts_with("rencontre-") && !e.0.starts_with("workshop-"))
    );
}

#[test]
fn a_workshop_s_new_date_saved_raises_its_sequence() {
    use atelier::domain::merge::Pending;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    atelier::store::create(&path, &example()).unwrap();
    let (mut s, text, stamp) = atelier::store::sync::read(&path).unwrap();
    let mut shared = atelier::store::sync::Shared::new(text, stamp);
    let seq = |s: &Session| {
        events(s, &opts())
            .into_iter()
            .find(|e| e.0.starts_with("workshop-1@"))
            .map(|e| (e.2, e.3))
            .unwrap()
    };
    assert_eq!(seq(&s), ("20261203".to_string(), "0".to_string()));
    let op = Op::SetWorkshopDate {
        workshop: 1,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 10),
    };
    let inverse = s.apply(op.clone()).unwrap();
    let mut pending = vec![Pending { op, inverse }];
    shared
        .sync(&path, &mut s, &mut pending, "test", common::at("10:00:00"))
        .unwrap();
    let saved = atelier::store::load(&path).unwrap();
    assert_eq!(seq(&saved), ("20261210".to_string(), "1".to_string()));
    assert_eq!(seq(&s), seq(&saved), "the process has the file's revision");
}
