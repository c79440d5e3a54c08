//! The compte rendu read by a CommonMark parser (pulldown-cmark, as pandoc and the Markdown
//! viewers people use would read it): its structure, and user text that stays text.

mod common;

use std::path::Path;

use atelier::domain::{Due, Session};
use atelier::export::{self, Format, Options};
use pulldown_cmark::{Event, HeadingLevel, Options as MdOptions, Parser, Tag, TagEnd};

fn session() -> Session {
    atelier::text::Lang::Fr.set();
    let mut s = atelier::store::parse(
        include_str!("../sessions/exemple-za.ron"),
        Path::new("x.ron"),
    )
    .unwrap();
    let g = &mut s.groups[0];
    g.poster.reactions[0].text = "# pas un titre".into();
    g.poster.reactions[1].text = "<script>alert(1)</script> et *pas d'italique*".into();
    g.poster.lines[0].action = "- pas une liste | ni une colonne".into();
    g.poster.lines[1].solution = "2027. pas une liste numérotée".into();
    g.poster.lines[2].due = Due::parse("quand le budget sera voté");
    g.notes = "> pas une citation, [pas un lien](http://x) `pas du code` &amp; ![pas une image](y)"
        .into();
    g.enrolled = vec![1, 6];
    s
}

fn opts() -> Options {
    common::export_options()
}

fn markdown() -> String {
    let files = export::render(&session(), Format::Md, &opts());
    String::from_utf8(files[0].bytes.clone()).unwrap()
}

/// The text of the whole document, as a reader would see it.
fn text_of(md: &str) -> String {
    Parser::new_ext(md, MdOptions::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect()
}

#[test]
fn hostile_text_stays_text() {
    let md = markdown();
    let events: Vec<Event> = Parser::new_ext(&md, MdOptions::ENABLE_TABLES).collect();
    // No HTML, no emphasis, no link, no code, no block quote anywhere.
    for e in &events {
        assert!(
            !matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Code(_)
                    | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
                    | Event::Start(Tag::BlockQuote(_))
            ) || matches!(e, Event::Start(Tag::Strong)),
            "{e:?} in\n{md}"
        );
    }
    let text = text_of(&md);
    for typed in [
        "# pas un titre",
        "<script>alert(1)</script> et *pas d'italique*",
        "- pas une liste | ni une colonne",
        "2027. pas une liste numérotée",
        "> pas une citation, [pas un lien](http://x) `pas du code` &amp; ![pas une image](y)",
    ] {
        assert!(
            text.contains(typed),
            "{typed:?} not shown as typed in\n{text}"
        );
    }
    // Headings are only atelier's own.
    let headings: Vec<String> = {
        let mut out = Vec::new();
        let mut inside = false;
        let mut current = String::new();
        for e in Parser::new_ext(&md, MdOptions::ENABLE_TABLES) {
            match e {
                Event::Start(Tag::Heading { .. }) => {
                    inside = true;
                    current.clear();
                }
                Event::End(TagEnd::Heading(_)) => {
                    inside = false;
                    out.push(current.clone());
                }
                Event::Text(t) if inside => current.push_str(&t),
                _ => {}
            }
        }
        out
    };
    assert!(
        !headings.iter().any(|h| h.contains("pas un titre")),
        "{headings:?}"
    );
}

#[test]
fn every_block_is_a_block_of_its_own() {
    let md = markdown();
    let mut h1 = 0;
    let mut h2 = Vec::new();
    let mut tables = 0;
    let mut in_h2 = false;
    let mut paragraphs = Vec::new();
    let mut in_p = false;
    let mut p = String::new();
    for e in Parser::new_ext(&md, MdOptions::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                if level == HeadingLevel::H1 {
                    h1 += 1;
                }
                in_h2 = level == HeadingLevel::H2;
                if in_h2 {
                    h2.push(String::new());
                }
            }
            Event::End(TagEnd::Heading(_)) => in_h2 = false,
            Event::Text(t) if in_h2 => {
                if let Some(last) = h2.last_mut() {
                    last.push_str(&t);
                }
            }
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::Paragraph) => {
                in_p = true;
                p.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                in_p = false;
                paragraphs.push(p.clone());
            }
            Event::Text(t) if in_p => p.push_str(&t),
            _ => {}
        }
    }
    assert_eq!(h1, 1);
    // The zone is a paragraph of its own, not run into the list of workshops.
    let zone = paragraphs
        .iter()
        .find(|p| p.starts_with("Zone"))
        .expect("zone paragraph");
    assert!(!zone.contains("Atelier 1"), "{zone}");
    for wanted in [
        "Participants",
        "Groupe 1 — Parkings mutualisés",
        "Actions sans date précise",
        "Besoins exprimés",
        "Catalogue des besoins et pistes d'opportunités",
    ] {
        assert!(
            h2.iter().any(|h| h == wanted),
            "no heading {wanted:?} in {h2:?}"
        );
    }
    assert!(h2.last().is_some_and(|h| h.starts_with("Annexe")), "{h2:?}");
    // One plan per group, the catalogue's vote results and problems « hors atelier », and
    // the annex's timing table.
    assert_eq!(tables, 4 + 2 + 1);
    // The text due is listed with its group.
    assert!(text_of(&md).contains("quand le budget sera voté"));
}

#[test]
fn the_open_data_are_a_paragraph_of_the_compte_rendu() {
    assert!(
        !text_of(&markdown()).contains("Données ouvertes"),
        "nothing imported, nothing said"
    );
    let mut s = session();
    common::with_open_data(&mut s);
    let files = export::render(&s, Format::Md, &opts());
    let md = String::from_utf8(files[0].bytes.clone()).unwrap();
    let plain = text_of(&md);
    for needle in [
        "Données ouvertes",
        "12 établissements actifs (SIRENE StockEtablissement_utf8_geo.csv, 20 nov. 2026)",
        "activités\u{a0}: C Industrie 67\u{a0}% · H Transports et entreposage 17\u{a0}%",
        "tailles\u{a0}: ",
        "site CNIG\u{a0}: «\u{a0}ZA des Portes du Sud\u{a0}» · 42,5\u{a0}ha",
    ] {
        assert!(plain.contains(needle), "missing {needle:?} in\n{plain}");
    }
}
