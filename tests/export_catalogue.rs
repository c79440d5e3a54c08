//! The catalogue des besoins et pistes d'opportunités, from the rencontres inter-entreprises:
//! a section of the compte rendu read by a CommonMark parser, `catalogue.csv` read back by
//! the `csv` crate (one row a card, French decimal comma), `catalogue.html` on A4 portrait
//! with everything escaped; nothing of it for a session without a rencontre.
//!
//! `CATALOGUE_OUT=DIR cargo test --test export_catalogue` also writes the three files under
//! DIR, to print `catalogue.html` and look.

mod common;

use atelier::domain::rencontre::{
    Candidate, Card, CardKind, Dot, Flow, Quantity, Rencontre, SynergyMark,
};
use atelier::domain::{ActionLine, Due, Owner, Participant, Role, Session, Status};
use atelier::export::{self, Format, Options, OutFile};
use pulldown_cmark::{Event, HeadingLevel, Options as MdOptions, Parser, Tag, TagEnd};

const TITLE: &str = "Catalogue des besoins et pistes d'opportunités";
const HOSTILE_TEXT: &str = "*x* et a;b\"c\nsur deux lignes";
const HOSTILE_ORG: &str = "a;b\"c";

fn person(id: u32, name: &str, org: &str, role: Role) -> Participant {
    Participant {
        id,
        name: name.into(),
        organisation: org.into(),
        role,
        email: None,
        choices: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn card(
    id: u32,
    text: &str,
    kind: CardKind,
    author: u32,
    flow: Option<Flow>,
    quantity: Option<&str>,
    theme: Option<u32>,
) -> Card {
    let mut c = Card::new(id, text, kind);
    c.author = Some(author);
    c.flow = flow;
    c.quantity = quantity.map(|q| Quantity::parse(q).expect("quantity"));
    c.theme = theme;
    c
}

/// A session of four companies and the CC, with one rencontre: 13 cards of every kind,
/// four candidate themes (two tied at the top, one without a dot), an answered question and
/// an unanswered one, a problem « hors atelier » with its follow-up line, an accepted
/// synergy lead and one still open, and hostile text in cards, a theme and an organisation.
fn session() -> Session {
    atelier::text::Lang::Fr.set();
    let mut s = Session::new("Éco-parc des Portes du Sud", "ZA des Portes du Sud");
    s.participants = vec![
        person(1, "Anne Leroux", "Menuiserie Leroux", Role::Company),
        person(2, "Bruno Chevalier", "Chevalier Emballages", Role::Company),
        person(3, "Chloé Martin", "Laiterie du Val", Role::Company),
        person(
            4,
            "David <script>alert(1)</script>",
            HOSTILE_ORG,
            Role::Company,
        ),
        person(5, "Claire Martin", "CC du Val d'Orge", Role::LocalAuthority),
    ];
    let mut r = Rencontre::new(1);
    r.date = chrono::NaiveDate::from_ymd_opt(2027, 1, 14);
    r.themes = [
        (1, "Déchets et emballages"),
        (2, "Énergie partagée"),
        (3, "# titre"),
        (4, "Mobilité"),
    ]
    .into_iter()
    .map(|(id, title)| Candidate {
        id,
        title: title.into(),
    })
    .collect();
    use CardKind::*;
    use Flow::*;
    r.cards = vec![
        card(
            1,
            "Palettes bois",
            Offer,
            1,
            Some(Materials),
            Some("12,5 t/an"),
            Some(1),
        ),
        card(
            2,
            "Bois pour emballages",
            Need,
            2,
            Some(Materials),
            Some("3 t/mois"),
            Some(1),
        ),
        card(
            3,
            "Benne commune pour le carton",
            Lead,
            3,
            Some(Materials),
            None,
            Some(1),
        ),
        card(
            4,
            "Chaleur fatale du four",
            Offer,
            3,
            Some(Energy),
            Some("200 kW"),
            Some(2),
        ),
        card(
            5,
            "Chaleur pour le séchage",
            Need,
            1,
            Some(Energy),
            Some("1 500 kWh/j"),
            Some(2),
        ),
        card(6, "<script>alert(1)</script>", Need, 4, None, None, Some(3)),
        card(7, HOSTILE_TEXT, Lead, 4, Some(Services), None, Some(3)),
        card(
            8,
            "Navette depuis la gare",
            Need,
            5,
            Some(Mobility),
            None,
            None,
        ),
        card(
            9,
            "# titre",
            Offer,
            2,
            Some(Equipment),
            Some("2 chariots"),
            None,
        ),
        card(10, "- pas une liste", Lead, 3, None, None, None),
        card(11, "Qui paie la voirie ?", Question, 2, None, None, None),
        card(
            12,
            "Peut-on mutualiser les contrats ?",
            Question,
            3,
            None,
            None,
            Some(2),
        ),
        card(
            13,
            "Éclairage de la rue en panne",
            OutOfScope,
            1,
            None,
            None,
            None,
        ),
    ];
    r.cards[10].answer = "La communauté de communes, au budget 2027.".into();
    let mut follow = ActionLine::new(900, 0);
    follow.action = "Réparer l'éclairage".into();
    follow.owners = Owner::parse_list("CC du Val d'Orge (voirie)");
    follow.due = Due::parse("mars 2027");
    follow.status = Status::InProgress;
    r.cards[12].follow = Some(follow);
    // Déchets 3, Énergie 3 (tied at the top), « # titre » 1, Mobilité none.
    for (id, (participant, theme)) in [(1, 1), (1, 1), (1, 2), (2, 2), (2, 2), (2, 1), (3, 3)]
        .into_iter()
        .enumerate()
    {
        r.dots.push(Dot {
            id: id as u32 + 1,
            participant,
            theme,
        });
    }
    r.synergies.push(SynergyMark {
        offer: 4,
        need: 5,
        accepted: true,
    });
    s.rencontres.push(r);
    s
}

fn opts() -> Options {
    common::export_options()
}

fn file<'a>(files: &'a [OutFile], name: &str) -> &'a OutFile {
    files.iter().find(|f| f.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            files.iter().map(|f| &f.name).collect::<Vec<_>>()
        )
    })
}

fn names(files: &[OutFile]) -> Vec<&str> {
    files.iter().map(|f| f.name.as_str()).collect()
}

fn markdown(s: &Session) -> String {
    let files = export::render(s, Format::Md, &opts());
    String::from_utf8(file(&files, "compte-rendu.md").bytes.clone()).unwrap()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The headings of a Markdown document, with their level, as a reader sees them.
fn headings(md: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for e in Parser::new_ext(md, MdOptions::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) => {
                if let Some((_, h)) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// The rows of every table, each cell's text.
fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut cell: Option<String> = None;
    for e in Parser::new_ext(md, MdOptions::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Table(_)) => out.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = out.last_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(row)) =
                    (cell.take(), out.last_mut().and_then(|t| t.last_mut()))
                {
                    row.push(c);
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// The list items' text, in order.
fn items(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in Parser::new_ext(md, MdOptions::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Item) => current = Some(String::new()),
            Event::End(TagEnd::Item) => out.extend(current.take()),
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_compte_rendu_has_the_catalogue_by_theme_in_vote_order_and_kind() {
    let s = session();
    let md = markdown(&s);
    let h = headings(&md);
    let at = |level: HeadingLevel, text: &str| {
        h.iter()
            .position(|(l, t)| *l == level && t == text)
            .unwrap_or_else(|| panic!("no {level:?} {text:?} in {h:#?}"))
    };
    let section = at(HeadingLevel::H2, TITLE);
    // One rencontre: no « Rencontre 1 » in the heading.
    assert!(!h.iter().any(|(_, t)| t.contains("Rencontre 1")), "{h:#?}");
    // The themes in the vote's order (the tie keeps the themes' order), then the cards
    // gathered into none, the vote, the questions, the problems, the synergy leads.
    let order = [
        at(HeadingLevel::H3, "Déchets et emballages"),
        at(HeadingLevel::H3, "Énergie partagée"),
        at(HeadingLevel::H3, "# titre"),
        at(HeadingLevel::H3, "Mobilité"),
        at(HeadingLevel::H3, "Cartes non regroupées"),
        at(HeadingLevel::H3, "Résultats du vote"),
        at(HeadingLevel::H3, "Questions et réponses"),
        at(HeadingLevel::H3, "Problèmes hors atelier"),
        at(HeadingLevel::H3, "Pistes de synergie"),
    ];
    assert!(section < order[0], "{h:#?}");
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{h:#?}");
    // Under the first theme, its cards by kind, needs first.
    let kinds: Vec<&str> = h[order[0] + 1..order[1]]
        .iter()
        .map(|(l, t)| {
            assert_eq!(*l, HeadingLevel::H4);
            t.as_str()
        })
        .collect();
    assert_eq!(kinds, ["Besoins", "Offres / ressources", "Pistes"]);
    // The annex stays last.
    let last_h2 = h.iter().rev().find(|(l, _)| *l == HeadingLevel::H2);
    assert!(
        last_h2.is_some_and(|(_, t)| t.starts_with("Annexe")),
        "{h:#?}"
    );

    // Each card once, as typed, with who raised it, its flow and its quantity.
    let items = items(&md);
    let item = |start: &str| -> &String {
        let found: Vec<&String> = items
            .iter()
            .filter(|i| i.starts_with(start) && !i.contains(" → "))
            .collect();
        assert_eq!(found.len(), 1, "{start:?} in {items:#?}");
        found[0]
    };
    assert_eq!(
        item("Palettes bois"),
        "Palettes bois — Anne Leroux (Menuiserie Leroux) · matières / déchets · 12,5\u{a0}t/an"
    );
    assert_eq!(
        item("Chaleur pour le séchage"),
        "Chaleur pour le séchage — Anne Leroux (Menuiserie Leroux) · énergie · 1\u{a0}500\u{a0}kWh/j"
    );
    assert_eq!(
        item("Navette"),
        "Navette depuis la gare — Claire Martin (CC du Val d'Orge) · mobilité"
    );
    assert!(
        item("<script>alert(1)</script>")
            .contains(&format!("David <script>alert(1)</script> ({HOSTILE_ORG})"))
    );
    assert!(item("*x* et a;b\"c sur deux lignes").ends_with("· services"));
    assert!(item("- pas une liste").contains("Chloé Martin (Laiterie du Val)"));
    assert!(item("# titre").ends_with("· équipements · 2\u{a0}chariots"));

    // The themes' results under their heading, and the vote's table.
    let text: String = Parser::new_ext(&md, MdOptions::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            Event::SoftBreak => Some(" ".into()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("3 gommettes · rang 1 (ex æquo) · retenu"),
        "{text}"
    );
    assert!(text.contains("1 gommette · rang 3 · retenu"), "{text}");
    assert!(text.contains("0 gommette · rang 4"), "{text}");
    assert!(text.contains("0 gommette · rang 4Aucune carte regroupée sous ce thème."));
    assert!(text.contains("Rencontre inter-entreprises du 14 janvier 2027 · 13 cartes"));
    let tables = tables(&md);
    let vote = tables
        .iter()
        .find(|t| t[0][0] == "Rang")
        .expect("vote table");
    assert_eq!(
        vote[1..],
        [
            ["1 (ex æquo)", "Déchets et emballages", "3", "retenu"],
            ["1 (ex æquo)", "Énergie partagée", "3", "retenu"],
            ["3", "# titre", "1", "retenu"],
            ["4", "Mobilité", "0", ""],
        ]
        .map(|r| r.map(String::from).to_vec())
    );
    // Questions with their answers; the problem with its follow-up.
    assert_eq!(
        item("Qui paie"),
        "Qui paie la voirie ? — Bruno Chevalier (Chevalier Emballages) · Réponse\u{a0}: La communauté de communes, au budget 2027."
    );
    assert!(item("Peut-on mutualiser").ends_with("(Laiterie du Val) · sans réponse"));
    let outside = tables
        .iter()
        .find(|t| t[0][0] == "Problème")
        .expect("problems table");
    assert_eq!(
        outside[1],
        [
            "Éclairage de la rue en panne",
            "Anne Leroux (Menuiserie Leroux)",
            "CC du Val d'Orge (voirie)",
            "mars 2027",
            "en cours"
        ]
    );
    // Synergy leads: the accepted one, offer → need with their organisations; the one
    // nobody reviewed only counted.
    let leads: Vec<&String> = items.iter().filter(|i| i.contains(" → ")).collect();
    assert_eq!(
        leads,
        [
            "Chaleur fatale du four (Laiterie du Val) → Chaleur pour le séchage (Menuiserie Leroux) · énergie — acceptée",
        ]
    );
    assert!(
        text.contains("1 piste suggérée automatiquement (une offre et un besoin aux mots communs) n'a pas été examinée en séance"),
        "{text}"
    );
    assert!(!md.contains("à examiner"), "{md}");
}

#[test]
fn hostile_text_in_the_catalogue_stays_text() {
    let md = markdown(&session());
    for e in Parser::new_ext(&md, MdOptions::ENABLE_TABLES) {
        assert!(
            !matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Code(_)
                    | Event::Start(
                        Tag::Emphasis | Tag::Link { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_)
                    )
            ),
            "{e:?} in\n{md}"
        );
    }
    // Only atelier's headings: the card « # titre » is a list item, the theme « # titre » a
    // heading of its own whose text is the title as typed.
    let titled: Vec<(HeadingLevel, String)> = headings(&md)
        .into_iter()
        .filter(|(_, t)| t.contains("titre"))
        .collect();
    assert_eq!(titled, [(HeadingLevel::H3, "# titre".to_string())]);
    // The two lines of a card stay in its item; table rows keep their cells.
    assert!(!md.lines().any(|l| l.starts_with("sur deux lignes")));
    for t in tables(&md) {
        assert!(t.iter().all(|r| r.len() == t[0].len()), "{t:?}");
    }
}

#[test]
fn the_csv_has_one_row_a_card_with_french_decimal_commas() {
    let s = session();
    let files = export::render(&s, Format::Csv, &opts());
    assert_eq!(names(&files), ["actions.csv", "catalogue.csv"]);
    let bytes = &file(&files, "catalogue.csv").bytes;
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "Rencontre",
            "Thème",
            "Type",
            "Carte",
            "Auteur",
            "Organisation",
            "Flux",
            "Quantité",
            "Unité",
            "Gommettes du thème",
            "Réponse",
            "Responsable",
            "Échéance"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let cards = &s.rencontres[0].cards;
    assert_eq!(rows.len(), cards.len());
    // Every card once, its text as typed (a leading « - » neutralised for spreadsheets).
    for c in cards {
        let typed = if c.text.starts_with('-') {
            format!("'{}", c.text)
        } else {
            c.text.clone()
        };
        assert_eq!(
            rows.iter().filter(|r| r[3] == typed).count(),
            1,
            "{typed:?}"
        );
    }
    let row = |text: &str| -> Vec<String> {
        rows.iter()
            .find(|r| &r[3] == text)
            .unwrap_or_else(|| panic!("no row {text:?}"))
            .iter()
            .map(String::from)
            .collect()
    };
    assert_eq!(
        row("Palettes bois"),
        [
            "1",
            "Déchets et emballages",
            "offre / ressource",
            "Palettes bois",
            "Anne Leroux",
            "Menuiserie Leroux",
            "matières / déchets",
            "12,5",
            "t/an",
            "3",
            "",
            "",
            ""
        ]
    );
    // Not gathered: no theme, no dots.
    let navette = row("Navette depuis la gare");
    assert_eq!((&navette[1][..], &navette[9][..]), ("", ""));
    assert_eq!(&navette[2], "besoin");
    // The separator, quotes and the line break inside a cell survive the round trip.
    let hostile = row(HOSTILE_TEXT);
    assert_eq!(&hostile[5], HOSTILE_ORG);
    assert_eq!(&hostile[4], "David <script>alert(1)</script>");
    assert_eq!(&hostile[1], "# titre");
    assert_eq!(&hostile[9], "1");
    assert_eq!(
        &row("Qui paie la voirie ?")[10],
        "La communauté de communes, au budget 2027."
    );
    let problem = row("Éclairage de la rue en panne");
    assert_eq!(&problem[2], "hors atelier");
    assert_eq!(&problem[11], "CC du Val d'Orge (voirie)");
    assert_eq!(&problem[12], "mars 2027");
    assert_eq!(&row("Chaleur pour le séchage")[7], "1500");
    // No cell a spreadsheet would run as a formula.
    for r in &rows {
        for cell in r.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }

    // Comma and no BOM for other spreadsheets: a decimal point.
    let o = Options {
        delimiter: b',',
        bom: false,
        ..opts()
    };
    let files = export::render(&s, Format::Csv, &o);
    let bytes = &file(&files, "catalogue.csv").bytes;
    assert!(!bytes.starts_with("\u{feff}".as_bytes()));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(bytes.as_slice())
        .records()
        .map(|x| x.unwrap())
        .collect();
    assert_eq!(rows.len(), cards.len());
    let palettes = rows.iter().find(|r| &r[3] == "Palettes bois").unwrap();
    assert_eq!(&palettes[7], "12.5");
}

#[test]
fn the_html_prints_on_a4_escaped_with_every_card() {
    let s = session();
    let files = export::render(&s, Format::Html, &opts());
    let page = String::from_utf8(file(&files, "catalogue.html").bytes.clone()).unwrap();
    assert!(page.contains("@page { size: A4;"), "{page}");
    assert!(!page.contains("landscape"));
    // Headers repeated on each printed page, rows not cut in two.
    assert!(page.contains("thead { display: table-header-group; }"));
    assert!(page.contains("tr { break-inside: avoid; }"));
    assert!(page.contains(&format!("<h1>{}</h1>", html_escape(TITLE))));
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for c in &s.rencontres[0].cards {
        assert!(
            page.contains(&format!(">{}</td>", html_escape(&c.text))),
            "{:?} not in the page",
            c.text
        );
    }
    assert!(page.contains(&html_escape(HOSTILE_ORG)));
    // The same content as the compte rendu: results, answers, follow-up, leads.
    for wanted in [
        "3 gommettes · rang 1 (ex æquo) · retenu",
        "Questions et réponses",
        "La communauté de communes, au budget 2027.",
        "sans réponse",
        "CC du Val d&#39;Orge (voirie)",
        "mars 2027",
        "Pistes de synergie",
        "Chaleur fatale du four (Laiterie du Val)",
        "acceptée",
        "12,5\u{a0}t/an",
        "Cartes non regroupées",
        "Aucune carte regroupée sous ce thème.",
    ] {
        assert!(page.contains(wanted), "{wanted:?} not in\n{page}");
    }
    // Every table's title and headers are in its <thead>.
    assert_eq!(
        page.matches("<table>").count(),
        page.matches("<thead>").count()
    );
    // Linked from the index.
    let index = String::from_utf8(file(&files, "index.html").bytes.clone()).unwrap();
    assert!(index.contains("<a href=\"catalogue.html\">"), "{index}");
    if let Some(dir) = std::env::var_os("CATALOGUE_OUT") {
        let mut out: Vec<OutFile> = files
            .into_iter()
            .filter(|f| f.name == "catalogue.html")
            .collect();
        out.extend(export::render(&s, Format::Csv, &opts()));
        out.extend(export::render(&s, Format::Md, &opts()));
        export::write_files(std::path::Path::new(&dir), &out).unwrap();
    }
}

#[test]
fn two_rencontres_have_a_section_each() {
    let mut s = session();
    let mut second = Rencontre::new(2);
    second.cards = vec![card(
        1,
        "Récupération d'eau de pluie",
        CardKind::Need,
        3,
        Some(Flow::Water),
        Some("40 m³"),
        None,
    )];
    s.rencontres.push(second);
    let md = markdown(&s);
    let h2: Vec<String> = headings(&md)
        .into_iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t)
        .collect();
    assert!(h2.contains(&format!("{TITLE} — Rencontre 1")), "{h2:?}");
    assert!(h2.contains(&format!("{TITLE} — Rencontre 2")), "{h2:?}");
    // Without candidate themes, the second has no vote to report.
    let files = export::render(&s, Format::Csv, &opts());
    let bytes = &file(&files, "catalogue.csv").bytes;
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..])
        .records()
        .map(|x| x.unwrap())
        .collect();
    assert_eq!(rows.len(), 14);
    assert_eq!(rows.iter().filter(|r| &r[0] == "2").count(), 1);
    let page = export::render(&s, Format::Html, &opts());
    let page = String::from_utf8(file(&page, "catalogue.html").bytes.clone()).unwrap();
    assert!(page.contains("<h2>Rencontre 2</h2>"));
    assert!(page.contains("40\u{a0}m³"));
}

#[test]
fn no_rencontre_no_catalogue() {
    // The example session (no rencontre), a rencontre without cards, and an export for one
    // group: no section, no file, no link.
    let mut without = common::example();
    without.rencontres.clear();
    let mut empty = without.clone();
    empty.rencontres.push(Rencontre::new(1));
    let one_group = Options {
        group: session().themes.first().map(|t| t.id).or(Some(1)),
        ..opts()
    };
    for (s, o) in [(without, opts()), (empty, opts()), (session(), one_group)] {
        atelier::text::Lang::Fr.set();
        let md: Vec<OutFile> = export::render(&s, Format::Md, &o);
        let md = String::from_utf8(md[0].bytes.clone()).unwrap();
        assert!(!md.contains("Catalogue"), "{md}");
        let csv = export::render(&s, Format::Csv, &o);
        assert_eq!(names(&csv), ["actions.csv"]);
        let html = export::render(&s, Format::Html, &o);
        assert!(!names(&html).contains(&"catalogue.html"));
        let index = String::from_utf8(file(&html, "index.html").bytes.clone()).unwrap();
        assert!(!index.contains("catalogue"), "{index}");
    }
}
