//! Wall posters to print: one self-contained HTML page per group, `posters.html` with every
//! poster one a page (a single print for the whole room), and `index.html` linking to them
//! (and to `catalogue.html`, the rencontres' catalogue on A4 portrait, when there is one: see
//! `catalogue`).
//!
//! A poster fills an A3 (default) or A4 landscape page. The action plan is a table of fixed
//! proportions (`table-layout: fixed`, `<colgroup>`) where anything wraps, a long link too,
//! so no column is ever pushed off the page; its `<thead>` holds the group's title and the
//! column headers, which the browser repeats on every printed page. Under the plan: the
//! constat, the reactions, the rapporteur, the enrolled members, the pilot, the next steps
//! and meeting, the plenary's notes.
//!
//! Type: the plan's text is at least 16 pt on A3 (12 pt on A4) and larger when the group's
//! content leaves room on the page; [`scale`] estimates the poster's height to choose it.

use rust_i18n::t;

use super::{Options, OutFile, Paper, groups, owners, pilot_text, slug};
use crate::domain::{Group, Session, Status, Theme};
use crate::text::{self, Lang};

mod catalogue;

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A label with its colon: « Pilote : » (non-breaking space) in French, "Pilot:" in English.
pub(crate) fn colon(label: &str) -> String {
    match Lang::current() {
        Lang::Fr => format!("{label}\u{a0}:"),
        Lang::En => format!("{label}:"),
    }
}

impl Paper {
    fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
        }
    }

    /// The printable area of the landscape page, in millimetres (page less the margins).
    fn area_mm(self) -> (f32, f32) {
        let (w, h) = match self {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        };
        (w - 2.0 * MARGIN_MM, h - 2.0 * MARGIN_MM)
    }

    /// The smallest type of the plan: 16 pt on A3, 12 pt on A4.
    fn base_pt(self) -> f32 {
        match self {
            Paper::A4 => 12.0,
            Paper::A3 => 16.0,
        }
    }
}

const MARGIN_MM: f32 = 10.0;
/// Proportions of the plan's columns (solutions, actions, owners, due, status), in percent.
const COLUMNS: [u32; 5] = [21, 33, 22, 12, 12];
/// The type sizes tried, as multiples of the paper's base size, largest first.
const SCALES: [f32; 7] = [2.0, 1.75, 1.5, 1.375, 1.25, 1.125, 1.0];
/// The title's size, in multiples of the text's, and its largest size in multiples of the
/// paper's base size (a long title on two lines, not on four).
const TITLE_EM: f32 = 2.2;
const TITLE_MAX: f32 = 3.0;
/// The column headers' size, in multiples of the text's: « Responsables » fits its column
/// at larger sizes.
const HEADS_EM: f32 = 0.8;

fn style(paper: Paper) -> String {
    format!(
        "@page {{ size: {} landscape; margin: {MARGIN_MM}mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #000; background: #fff; margin: 0; line-height: 1.25; }}
.poster {{ font-size: var(--text); break-after: page; overflow-wrap: anywhere; word-break: break-word; }}
.poster:last-child {{ break-after: auto; }}
table.plan {{ table-layout: fixed; width: 100%; border-collapse: collapse; }}
.plan thead {{ display: table-header-group; }}
.plan tr {{ break-inside: avoid; }}
.plan th, .plan td {{ border: 0.08em solid #333; padding: 0.25em 0.35em; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: break-word; }}
.plan .title th {{ border: none; border-bottom: 0.2em solid #0a3caa; padding: 0 0 0.3em; font-weight: normal; }}
.title .name {{ display: block; font-size: var(--title); font-weight: bold; line-height: 1.15; }}
.title .session {{ display: block; font-size: 0.8em; color: #333; }}
.plan .heads th {{ background: #dde4ef; font-size: {HEADS_EM}em; }}
.plan tbody tr:nth-child(even) td {{ background: #f3f5f9; }}
.plan .owner {{ display: block; }}
.plan .from {{ font-size: 0.75em; color: #444; }}
.plan .empty {{ font-style: italic; color: #444; }}
tr.done td {{ color: #005a18; }}
tr.abandoned td {{ color: #555; text-decoration: line-through; }}
.plan tbody.fiche td {{ border: none; padding: 0.8em 0 0; background: none; }}
div.fiche {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.5em; }}
.fiche p {{ margin: 0 0 0.4em; break-inside: avoid; }}
.fiche ul {{ margin: 0 0 0.4em; padding-left: 1.2em; }}
.fiche .wide {{ grid-column: 1 / -1; }}
.constat {{ border-left: 0.25em solid #0a3caa; padding-left: 0.5em; }}
.reactions li {{ font-style: italic; break-inside: avoid; }}
.notes {{ white-space: pre-line; }}
@media screen {{ body {{ background: #e8e8e8; }} .poster {{ background: #fff; max-width: {}mm; margin: 1em auto; padding: 1em; }} }}
@media print {{ a {{ color: #000; text-decoration: none; }} }}",
        paper.name(),
        paper.area_mm().0
    )
}

const INDEX_STYLE: &str = "body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #000; background: #fff; margin: 2em; font-size: 14pt; line-height: 1.4; }
h1 { font-size: 24pt; margin: 0 0 0.2em; } h2 { font-size: 15pt; color: #333; margin: 0 0 1em; }
.all { font-size: 17pt; margin: 0 0 1em; } .all a { font-weight: bold; }
li { margin: 0.2em 0; }";

pub(super) fn page(title: &str, style: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{style}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        Lang::current().code(),
        escape(title)
    )
}

/// One line of the plan, in the words printed.
struct Row {
    solution: String,
    /// « atelier 2 » for a line written at a later workshop.
    from: Option<String>,
    action: String,
    owners: Vec<String>,
    due: String,
    status: String,
    class: &'static str,
}

/// A label and its value under the plan.
struct Fact {
    label: String,
    value: String,
}

/// Everything a poster prints, before it is HTML: the page and the height estimate both
/// read it.
struct Wall {
    n: usize,
    title: String,
    session: String,
    heads: [String; 5],
    rows: Vec<Row>,
    constat: String,
    reactions: Vec<String>,
    facts: Vec<Fact>,
    notes: String,
}

impl Wall {
    fn new(s: &Session, n: usize, theme: &Theme, g: &Group) -> Wall {
        let rows = g
            .poster
            .lines
            .iter()
            .map(|l| Row {
                solution: l.solution.clone(),
                from: (l.workshop > 1).then(|| t!("wall.from_workshop", n = l.workshop).into()),
                action: l.action.clone(),
                owners: l
                    .owners
                    .iter()
                    .map(|o| owners(std::slice::from_ref(o)))
                    .collect(),
                due: text::due(&l.due),
                status: t!(l.status.label_key()).into_owned(),
                class: match l.status {
                    Status::Todo => "todo",
                    Status::InProgress => "in-progress",
                    Status::Done => "done",
                    Status::Abandoned => "abandoned",
                },
            })
            .collect();
        let mut facts = Vec::new();
        if let Some(p) = g.rapporteur.and_then(|id| s.participant(id)) {
            facts.push(Fact {
                label: t!("wall.rapporteur").into_owned(),
                value: p.name.clone(),
            });
        }
        let members: Vec<String> = g
            .enrolled
            .iter()
            .filter_map(|id| s.participant(*id))
            .map(|p| crate::domain::with_aside(&p.name, &p.organisation))
            .collect();
        facts.push(Fact {
            label: t!("wall.enrolled").into_owned(),
            value: if members.is_empty() {
                t!("wall.nobody").into_owned()
            } else {
                members.join(" · ")
            },
        });
        facts.push(Fact {
            label: t!("wall.pilot").into_owned(),
            value: pilot_text(g.pilot.as_ref()),
        });
        if !g.next_steps.trim().is_empty() {
            facts.push(Fact {
                label: t!("wall.next_steps").into_owned(),
                value: g.next_steps.clone(),
            });
        }
        facts.push(Fact {
            label: t!("wall.next_meeting").into_owned(),
            value: match &g.next_meeting {
                Some(d) => text::when(d),
                None => t!("wall.no_meeting").into_owned(),
            },
        });
        Wall {
            n,
            title: format!("{} {n} — {}", t!("poster.group"), theme.title),
            session: format!("{} · {}", s.title, t!("poster.plan")),
            heads: [
                t!("poster.col.solution").into_owned(),
                t!("poster.col.action").into_owned(),
                t!("poster.col.owners").into_owned(),
                t!("poster.col.due").into_owned(),
                t!("poster.col.status").into_owned(),
            ],
            rows,
            constat: theme.constat.clone(),
            reactions: g.poster.reactions.iter().map(|r| r.text.clone()).collect(),
            facts,
            notes: g.notes.trim().to_string(),
        }
    }

    /// The `<section>` of this poster, its type `text_pt` points.
    fn html(&self, text_pt: f32, title_pt: f32) -> String {
        let mut b = format!(
            "<section class=\"poster\" id=\"groupe-{}\" style=\"--text: {}pt; --title: {}pt\">\n<table class=\"plan\">\n<colgroup>",
            self.n,
            round(text_pt),
            round(title_pt)
        );
        for w in COLUMNS {
            b.push_str(&format!("<col style=\"width: {w}%\">"));
        }
        b.push_str(&format!(
            "</colgroup>\n<thead>\n<tr class=\"title\"><th colspan=\"5\"><span class=\"name\">{}</span><span class=\"session\">{}</span></th></tr>\n<tr class=\"heads\">",
            escape(&self.title),
            escape(&self.session)
        ));
        for h in &self.heads {
            b.push_str(&format!("<th>{}</th>", escape(h)));
        }
        b.push_str("</tr>\n</thead>\n<tbody>\n");
        if self.rows.is_empty() {
            b.push_str(&format!(
                "<tr><td colspan=\"5\" class=\"empty\">{}</td></tr>\n",
                escape(&t!("wall.no_lines"))
            ));
        }
        for r in &self.rows {
            let from = r
                .from
                .as_ref()
                .map(|f| format!(" <span class=\"from\">({})</span>", escape(f)))
                .unwrap_or_default();
            let owners: String = r
                .owners
                .iter()
                .map(|o| format!("<span class=\"owner\">{}</span>", escape(o)))
                .collect();
            b.push_str(&format!(
                "<tr class=\"{}\"><td>{}{from}</td><td>{}</td><td>{owners}</td><td>{}</td><td>{}</td></tr>\n",
                r.class,
                escape(&r.solution),
                escape(&r.action),
                escape(&r.due),
                escape(&r.status)
            ));
        }
        // The fiche is the table's last row, so that the title is above it on its page too.
        b.push_str("</tbody>\n<tbody class=\"fiche\">\n<tr><td colspan=\"5\">\n<div class=\"fiche\">\n<div>\n");
        b.push_str(&format!(
            "<p class=\"constat\"><strong>{}</strong> {}</p>\n",
            escape(&colon(&t!("wall.constat"))),
            escape(&self.constat)
        ));
        if !self.reactions.is_empty() {
            b.push_str(&format!(
                "<p><strong>{}</strong></p>\n<ul class=\"reactions\">\n",
                escape(&colon(&t!("wall.reactions")))
            ));
            for r in &self.reactions {
                b.push_str(&format!("<li>{}</li>\n", escape(r)));
            }
            b.push_str("</ul>\n");
        }
        b.push_str("</div>\n<div>\n");
        for f in &self.facts {
            b.push_str(&format!(
                "<p><strong>{}</strong> {}</p>\n",
                escape(&colon(&f.label)),
                escape(&f.value)
            ));
        }
        b.push_str("</div>\n");
        if !self.notes.is_empty() {
            b.push_str(&format!(
                "<p class=\"notes wide\"><strong>{}</strong> {}</p>\n",
                escape(&colon(&t!("wall.notes"))),
                escape(&self.notes)
            ));
        }
        b.push_str("</div>\n</td></tr>\n</tbody>\n</table>\n</section>\n");
        b
    }
}

fn round(pt: f32) -> f32 {
    (pt * 10.0).round() / 10.0
}

/// The type of a poster: the largest of [`SCALES`] at which it fits on one page with room
/// to spare (estimated) and no ordinary word is broken in a narrow column; the paper's base
/// size when none does (the poster then runs on several pages). Returns (text, title) in
/// points.
fn scale(w: &Wall, paper: Paper) -> (f32, f32) {
    let base = paper.base_pt();
    let (_, height) = paper.area_mm();
    let pt = SCALES
        .iter()
        .map(|s| base * s)
        .find(|&pt| words_fit(w, paper, pt) && estimate_mm(w, paper, pt) <= 0.9 * height)
        .unwrap_or(base);
    (pt, (TITLE_EM * pt).min(TITLE_MAX * base))
}

const MM_PER_PT: f32 = 25.4 / 72.0;
/// Average advance of a character, in em (DejaVu Sans, the widest of the fonts asked for);
/// bold a little wider.
const CHAR_EM: f32 = 0.52;
const BOLD: f32 = 1.1;
const LINE: f32 = 1.25;

/// How many lines `text` takes in `width_mm` at `pt` points, wrapped at spaces (a word
/// longer than a line is cut, as `overflow-wrap: anywhere` does).
fn lines(text: &str, width_mm: f32, pt: f32, bold: bool) -> usize {
    let char_mm = CHAR_EM * pt * MM_PER_PT * if bold { BOLD } else { 1.0 };
    let per_line = ((width_mm / char_mm).floor() as usize).max(1);
    let mut count = 0;
    for paragraph in text.lines() {
        let mut used = 0usize;
        let mut n = 1;
        for word in paragraph.split_whitespace() {
            let len = word.chars().count();
            let need = if used == 0 { len } else { used + 1 + len };
            if need <= per_line {
                used = need;
            } else if len <= per_line {
                n += 1;
                used = len;
            } else {
                // Cut into whole lines, the rest starts the next.
                if used > 0 {
                    n += 1;
                }
                n += (len - 1) / per_line;
                used = len - (len - 1) / per_line * per_line;
            }
        }
        count += n;
    }
    count.max(1)
}

/// Width of a column's text, in millimetres, at `pt` points (less the cell's padding).
fn column_mm(i: usize, paper: Paper, pt: f32) -> f32 {
    let (width, _) = paper.area_mm();
    width * COLUMNS[i] as f32 / 100.0 - 0.7 * pt * MM_PER_PT
}

/// The poster's height in millimetres at `pt` points, as the stylesheet lays it out.
fn estimate_mm(w: &Wall, paper: Paper, pt: f32) -> f32 {
    let em = pt * MM_PER_PT;
    let line = LINE * em;
    let (width, _) = paper.area_mm();
    let title_pt = (TITLE_EM * pt).min(TITLE_MAX * paper.base_pt());
    let mut h = lines(&w.title, width, title_pt, true) as f32 * 1.15 * title_pt * MM_PER_PT
        + lines(&w.session, width, 0.8 * pt, false) as f32 * 0.8 * line
        + 0.5 * em;
    let cell = |i: usize, text: &str, bold: bool| lines(text, column_mm(i, paper, pt), pt, bold);
    let heads = (0..5)
        .map(|i| lines(&w.heads[i], column_mm(i, paper, pt), HEADS_EM * pt, true))
        .max()
        .unwrap_or(1);
    h += heads as f32 * HEADS_EM * line + 0.6 * em;
    let rows = if w.rows.is_empty() {
        vec![1]
    } else {
        w.rows
            .iter()
            .map(|r| {
                let solution = match &r.from {
                    Some(f) => format!("{} ({f})", r.solution),
                    None => r.solution.clone(),
                };
                let owners: usize = r.owners.iter().map(|o| cell(2, o, false)).sum();
                [
                    cell(0, &solution, false),
                    cell(1, &r.action, false),
                    owners,
                    cell(3, &r.due, false),
                    cell(4, &r.status, false),
                ]
                .into_iter()
                .max()
                .unwrap_or(1)
            })
            .collect()
    };
    for n in rows {
        h += n as f32 * line + 0.6 * em;
    }
    // The fiche: two columns, then the notes across.
    let half = (width - 1.5 * em) / 2.0;
    let gap = 0.4 * em;
    let mut left = lines(
        &format!("{} {}", colon(&t!("wall.constat")), w.constat),
        half - 0.75 * em,
        pt,
        false,
    ) as f32
        * line
        + gap;
    if !w.reactions.is_empty() {
        left += line + gap;
        for r in &w.reactions {
            left += lines(r, half - 1.2 * em, pt, false) as f32 * line;
        }
        left += gap;
    }
    let right: f32 = w
        .facts
        .iter()
        .map(|f| {
            lines(&format!("{} {}", colon(&f.label), f.value), half, pt, false) as f32 * line + gap
        })
        .sum();
    h += 0.8 * em + left.max(right);
    if !w.notes.is_empty() {
        h += lines(
            &format!("{} {}", colon(&t!("wall.notes")), w.notes),
            width,
            pt,
            false,
        ) as f32
            * line
            + gap;
    }
    h
}

/// Whether every ordinary word (a link apart) of each column, its header too, fits on one
/// line of the column at `pt` points: « abandonné » is not cut in two for a larger type.
/// Short words have wide letters: a wider character than [`CHAR_EM`] here.
fn words_fit(w: &Wall, paper: Paper, pt: f32) -> bool {
    const WORD_EM: f32 = 0.65;
    let fits = |i: usize, text: &str, size: f32, bold: bool| {
        let longest = text
            .split_whitespace()
            .map(|x| x.chars().count())
            .filter(|&n| n <= 20)
            .max()
            .unwrap_or(0);
        let char_mm = WORD_EM * size * MM_PER_PT * if bold { BOLD } else { 1.0 };
        longest as f32 * char_mm <= column_mm(i, paper, size)
    };
    (0..5).all(|i| fits(i, &w.heads[i], HEADS_EM * pt, true))
        && w.rows.iter().all(|r| {
            fits(0, &r.solution, pt, false)
                && fits(1, &r.action, pt, false)
                && r.owners.iter().all(|o| fits(2, o, pt, false))
                && fits(3, &r.due, pt, false)
                && fits(4, &r.status, pt, false)
        })
}

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    let style = style(opts.paper);
    let mut files = Vec::new();
    let mut links = String::new();
    let mut all = String::new();
    let mut count = 0;
    for (n, theme, g) in groups(s, opts) {
        let name = format!("poster-{n}-{}.html", slug(&theme.title));
        let wall = Wall::new(s, n, theme, g);
        let (text_pt, title_pt) = scale(&wall, opts.paper);
        let section = wall.html(text_pt, title_pt);
        links.push_str(&format!(
            "<li><a href=\"{name}\">{}</a></li>\n",
            escape(&wall.title)
        ));
        all.push_str(&section);
        count += 1;
        files.push(OutFile {
            name,
            bytes: page(&format!("{} — {}", theme.title, s.title), &style, &section).into_bytes(),
        });
    }
    // The rencontres' catalogue, on A4 portrait, when there is one.
    let catalogue = catalogue::html(s, opts);
    let catalogue_link = if catalogue.is_some() {
        catalogue::index_link()
    } else {
        String::new()
    };
    let index = format!(
        "<h1>{}</h1>\n<h2>{}</h2>\n<p class=\"all\"><a href=\"posters.html\">{}</a> — {}</p>\n<ul>\n{links}</ul>\n{catalogue_link}",
        escape(&s.title),
        escape(&s.zone.name),
        escape(&t!("wall.print_all")),
        escape(&format!(
            "{}, {}",
            text::count(count, "wall.count"),
            t!("wall.one_a_page", paper = opts.paper.name())
        ))
    );
    files.insert(
        0,
        OutFile {
            name: "posters.html".into(),
            bytes: page(&s.title, &style, &all).into_bytes(),
        },
    );
    files.insert(
        0,
        OutFile {
            name: "index.html".into(),
            bytes: page(&s.title, INDEX_STYLE, &index).into_bytes(),
        },
    );
    files.extend(catalogue);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_spaces_and_cut_long_words() {
        // Room for 10 characters at 10 pt.
        let w = 10.0 * CHAR_EM * 10.0 * MM_PER_PT + 0.01;
        assert_eq!(lines("", w, 10.0, false), 1);
        assert_eq!(lines("abcd efgh", w, 10.0, false), 1);
        assert_eq!(lines("abcd efgh ij", w, 10.0, false), 2);
        assert_eq!(lines(&"x".repeat(25), w, 10.0, false), 3);
        assert_eq!(lines(&format!("ab {}", "x".repeat(25)), w, 10.0, false), 4);
        assert_eq!(lines("a\nb", w, 10.0, false), 2);
    }
}
