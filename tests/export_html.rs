//! The wall posters (HTML): a fixed-layout plan where a long link wraps instead of pushing
//! columns off the page, the title and headers repeated on every printed page, the members
//! and the commitments shown, `posters.html` for one print, A3 or A4, French labels.
//!
//! `POSTERS_OUT=DIR cargo test --test export_html` also writes the example's posters and
//! those of a large session (12 groups, one of 40 lines, long links) under DIR, with the
//! large session as `grande.ron`, to print them and look.

use std::path::Path;

use atelier::domain::{ActionLine, Group, Owner, Session, Status, Theme};
use atelier::export::{self, Format, Options, OutFile, Paper};

const URL: &str = "https://partage.cc-valdorge.example.fr/s/Convention-parking-salle-des-fetes-version-relue-par-le-service-juridique-et-les-entreprises-de-la-zone/document.pdf?download=1&rev=2027";

fn long_url() -> String {
    let mut u: String = URL.chars().take(190).collect();
    while u.chars().count() < 190 {
        u.push('x');
    }
    assert_eq!(u.chars().count(), 190);
    u
}

fn example() -> Session {
    atelier::text::Lang::Fr.set();
    let mut s = atelier::store::parse(
        include_str!("../sessions/exemple-za.ron"),
        Path::new("x.ron"),
    )
    .unwrap();
    let g = &mut s.groups[0];
    g.enrolled = vec![1, 6, 8];
    g.next_meeting = atelier::domain::When::parse("14/01/2027 14h30 1h30");
    g.next_steps = "Recenser les places ; réunion en mairie".into();
    g.notes = "La commune est d'accord sur le principe.".into();
    g.poster.lines[1].action = format!("Relire la convention : {}", long_url());
    s
}

/// 12 groups; the first with 40 lines, long links and long words everywhere.
fn large() -> Session {
    let mut s = example();
    let mut next_line = 1000;
    let mut next_theme = 100;
    while s.themes.len() < 12 {
        let k = s.themes.len() % 4;
        let mut t: Theme = s.themes[k].clone();
        let mut g: Group = s.group(t.id).unwrap().clone();
        t.id = next_theme;
        t.title = format!("{} (bis {})", t.title, s.themes.len() + 1);
        g.theme = next_theme;
        for l in &mut g.poster.lines {
            l.id = next_line;
            next_line += 1;
        }
        next_theme += 1;
        s.themes.push(t);
        s.groups.push(g);
    }
    let lines = s.groups[0].poster.lines.clone();
    let mut big = Vec::new();
    for i in 0..40 {
        let mut l: ActionLine = lines[i % lines.len()].clone();
        l.id = next_line;
        next_line += 1;
        if i % 5 == 0 {
            l.action = format!("Déposer le compte rendu sur {}", long_url());
        }
        if i % 7 == 0 {
            l.owners.push(Owner {
                who: "Communauté de communes du Val d'Orge, service développement économique"
                    .into(),
                role: "porteur".into(),
            });
        }
        l.status = [
            Status::Todo,
            Status::InProgress,
            Status::Done,
            Status::Abandoned,
        ][i % 4];
        l.solution = format!("{} ({})", l.solution, i + 1);
        big.push(l);
    }
    s.groups[0].poster.lines = big;
    s.groups[0].enrolled = (1..=12).collect();
    s
}

fn opts(paper: Paper) -> Options {
    let now = chrono::DateTime::parse_from_rfc3339("2027-02-15T10:00:00+01:00").unwrap();
    Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
        paper,
        saved: None,
    }
}

fn html(files: &[OutFile], name: &str) -> String {
    let f = files.iter().find(|f| f.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            files.iter().map(|f| &f.name).collect::<Vec<_>>()
        )
    });
    String::from_utf8(f.bytes.clone()).unwrap()
}

const POSTER: &str = "poster-1-parkings-mutualises.html";

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let a = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let b = a + text[a..].find(end).unwrap_or_else(|| panic!("no {end}"));
    &text[a..b]
}

/// The declarations of a CSS rule of the page's style, by its selector.
fn rule<'a>(page: &'a str, selector: &str) -> &'a str {
    let style = between(page, "<style>", "</style>");
    between(style, &format!("\n{selector} {{"), "}")
}

#[test]
fn the_plan_has_fixed_columns_that_wrap_anything() {
    let files = export::render(&example(), Format::Html, &opts(Paper::A3));
    let page = html(&files, POSTER);
    assert!(rule(&page, "table.plan").contains("table-layout: fixed"));
    assert!(rule(&page, "table.plan").contains("width: 100%"));
    let cells = rule(&page, ".plan th, .plan td");
    assert!(cells.contains("overflow-wrap: anywhere"), "{cells}");
    assert!(cells.contains("word-break: break-word"), "{cells}");
    let table = between(&page, "<table class=\"plan\">", "</table>");
    let colgroup = between(table, "<colgroup>", "</colgroup>");
    let widths: Vec<u32> = colgroup
        .split("width: ")
        .skip(1)
        .map(|w| w[..w.find('%').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 5, "{colgroup}");
    assert_eq!(widths.iter().sum::<u32>(), 100);
    // The 190-character link is whole, inside a cell of the plan's body.
    let url = long_url().replace('&', "&amp;");
    let body = between(table, "<tbody>", "</tbody>");
    let row = body
        .lines()
        .find(|l| l.contains(&url))
        .expect("the link in a row of the plan");
    assert!(row.starts_with("<tr") && row.ends_with("</tr>"), "{row}");
    assert!(
        row.contains(&format!("<td>Relire la convention : {url}</td>")),
        "{row}"
    );
}

#[test]
fn the_group_title_and_the_headers_are_in_the_repeated_thead() {
    let files = export::render(&example(), Format::Html, &opts(Paper::A3));
    let page = html(&files, POSTER);
    assert!(rule(&page, ".plan thead").contains("display: table-header-group"));
    let thead = between(&page, "<thead>", "</thead>");
    let rows: Vec<&str> = thead.lines().filter(|l| l.starts_with("<tr")).collect();
    assert_eq!(rows.len(), 2, "{thead}");
    assert!(rows[0].contains("<th colspan=\"5\">"), "{}", rows[0]);
    assert!(
        rows[0].contains("Groupe 1 — Parkings mutualisés"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("Éco-parc de la ZA des Portes du Sud"));
    for h in [
        "Solutions",
        "Actions",
        "Responsables",
        "Échéances",
        "Statut",
    ] {
        assert!(
            rows[1].contains(&format!("<th>{h}</th>")),
            "{h}: {}",
            rows[1]
        );
    }
    // The plan's rows do not break across pages.
    assert!(rule(&page, ".plan tr").contains("break-inside: avoid"));
}

#[test]
fn members_pilot_next_steps_meeting_and_notes_are_on_the_poster() {
    let s = example();
    let files = export::render(&s, Format::Html, &opts(Paper::A3));
    let page = html(&files, POSTER);
    for id in [1, 6, 8] {
        let p = s.participant(id).unwrap();
        assert!(page.contains(&p.name), "{}", p.name);
        let org = p.organisation.replace('&', "&amp;").replace('\'', "&#39;");
        assert!(page.contains(&org), "{org}");
    }
    assert!(page.contains("Karim Benali (SARL Garage Benali)"));
    assert!(page.contains("pas de pilote"));
    assert!(page.contains("Recenser les places ; réunion en mairie"));
    assert!(page.contains("14 janvier 2027, 14\u{a0}h\u{a0}30 – 16\u{a0}h"));
    assert!(page.contains("La commune est d&#39;accord sur le principe."));
    // A group with nobody enrolled says so.
    let other = html(&files, "poster-2-plan-de-mobilite-inter-entreprises.html");
    assert!(other.contains("<strong>Inscrits\u{a0}:</strong> personne pour l&#39;instant"));
}

#[test]
fn french_labels_take_a_non_breaking_space_and_a_colon() {
    let files = export::render(&example(), Format::Html, &opts(Paper::A3));
    let page = html(&files, POSTER);
    for label in [
        "Constat",
        "Réactions au constat",
        "Inscrits",
        "Pilote",
        "Prochaines étapes",
        "Prochaine réunion",
        "Notes de la plénière",
    ] {
        assert!(
            page.contains(&format!("<strong>{label}\u{a0}:</strong>")),
            "{label}"
        );
    }
    // Every label of the page has its colon.
    for strong in page.split("<strong>").skip(1) {
        let label = &strong[..strong.find("</strong>").unwrap()];
        assert!(label.ends_with("\u{a0}:"), "{label:?}");
        assert!(!label.ends_with(" :"), "{label:?}");
    }
}

#[test]
fn posters_html_has_every_poster_one_a_page_and_the_index_links_it_first() {
    let s = example();
    let files = export::render(&s, Format::Html, &opts(Paper::A3));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names[..2], ["index.html", "posters.html"]);
    let all = html(&files, "posters.html");
    assert_eq!(
        all.matches("<section class=\"poster\"").count(),
        s.groups.len()
    );
    assert_eq!(all.matches("<thead>").count(), s.groups.len());
    assert!(rule(&all, ".poster").contains("break-after: page"));
    assert!(rule(&all, ".poster:last-child").contains("break-after: auto"));
    for (i, t) in s.themes.iter().enumerate() {
        let title = t.title.replace('\'', "&#39;");
        assert!(
            all.contains(&format!("Groupe {} — {title}", i + 1)),
            "{title}"
        );
    }
    // Each poster's page is the same section.
    let one = html(&files, POSTER);
    let section = between(&one, "<body>\n", "</body>");
    assert!(all.contains(section));
    let index = html(&files, "index.html");
    let links: Vec<&str> = index
        .split("<a href=\"")
        .skip(1)
        .map(|l| &l[..l.find('"').unwrap()])
        .collect();
    assert_eq!(links[0], "posters.html");
    // Every poster, and the rencontre's catalogue last.
    assert_eq!(links.len(), 1 + s.groups.len() + 1);
    assert_eq!(links.last(), Some(&"catalogue.html"));
    assert!(
        links[1..=s.groups.len()]
            .iter()
            .all(|l| l.starts_with("poster-"))
    );
    assert!(index.contains(">Imprimer tous les posters</a>"));
    assert!(index.contains("4 posters, un par page, format A3 paysage"));
    // One group only: its poster alone.
    let o = Options {
        group: Some(s.themes[1].id),
        ..opts(Paper::A3)
    };
    let files = export::render(&s, Format::Html, &o);
    let all = html(&files, "posters.html");
    assert_eq!(all.matches("<section class=\"poster\"").count(), 1);
    assert!(all.contains("Groupe 2 — "));
}

#[test]
fn a3_and_a4_pages_with_type_scaled_to_the_paper() {
    let s = example();
    let a3 = export::render(&s, Format::Html, &opts(Paper::A3));
    let a4 = export::render(&s, Format::Html, &opts(Paper::A4));
    assert_eq!(Paper::default(), Paper::A3);
    for name in ["posters.html", POSTER] {
        assert!(html(&a3, name).contains("@page { size: A3 landscape;"));
        assert!(!html(&a3, name).contains("A4 landscape"));
        assert!(html(&a4, name).contains("@page { size: A4 landscape;"));
        assert!(!html(&a4, name).contains("A3 landscape"));
    }
    // The plan's text: 16 pt at least on A3, 12 pt at least on A4.
    let size = |page: &str| -> f32 {
        let v = between(page, "--text: ", "pt;");
        v.parse().unwrap()
    };
    let large = large();
    for (session, sizes) in [(&s, None), (&large, Some((16.0, 12.0)))] {
        let a3 = export::render(session, Format::Html, &opts(Paper::A3));
        let a4 = export::render(session, Format::Html, &opts(Paper::A4));
        let (p3, p4) = (size(&html(&a3, POSTER)), size(&html(&a4, POSTER)));
        assert!(p3 >= 16.0, "{p3}");
        assert!(p4 >= 12.0, "{p4}");
        assert!(p4 < p3, "{p3} {p4}");
        if let Some(want) = sizes {
            // 40 lines do not fit a page: the smallest type, on several pages.
            assert_eq!((p3, p4), want);
        }
    }
    // A short poster gets larger type than a long one.
    let short = size(&html(&a3, "poster-3-photovoltaique-mutualise.html"));
    assert!(short > 16.0, "{short}");
}

#[test]
fn user_text_is_escaped() {
    let mut s = example();
    s.groups[0].poster.lines[0].solution = "<script>alert(1)</script>".into();
    s.themes[0].title = "A & B <i>".into();
    let files = export::render(&s, Format::Html, &opts(Paper::A3));
    let all = html(&files, "posters.html");
    assert!(!all.contains("<script>"));
    assert!(all.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(all.contains("A &amp; B &lt;i&gt;"));
    assert!(!html(&files, "index.html").contains("<i>"));
}

#[test]
fn large_session_and_files_to_look_at() {
    let s = large();
    let files = export::render(&s, Format::Html, &opts(Paper::A3));
    let all = html(&files, "posters.html");
    assert_eq!(all.matches("<section class=\"poster\"").count(), 12);
    let first = html(&files, POSTER);
    let body = between(&first, "<tbody>", "</tbody>");
    assert_eq!(body.matches("<tr class=\"").count(), 40);
    assert!(body.matches(&long_url().replace('&', "&amp;")).count() >= 8);
    let Some(dir) = std::env::var_os("POSTERS_OUT") else {
        return;
    };
    let dir = Path::new(&dir);
    for (sub, session) in [("exemple", example()), ("grande", s)] {
        for paper in [Paper::A3, Paper::A4] {
            let out = dir.join(format!("{sub}-{paper:?}").to_lowercase());
            std::fs::create_dir_all(&out).unwrap();
            for f in export::render(&session, Format::Html, &opts(paper)) {
                std::fs::write(out.join(&f.name), &f.bytes).unwrap();
            }
        }
        let ron = atelier::store::to_text(&session).unwrap();
        std::fs::write(dir.join(format!("{sub}.ron")), ron).unwrap();
    }
}
