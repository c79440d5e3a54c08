//! The bilan as one self-contained HTML page to print on A4 portrait or attach to a report:
//! inline CSS, three inline SVG bar charts (synergies by stage, each unit's estimated and
//! measured impacts, each group's actions stacked by status), the tables under them, the
//! organisations engaged. Every text from the session is escaped (`html::escape`); charts
//! are drawn in a fixed frame scaled to the page's width, and no table row is cut between
//! pages.

use std::fmt::Write as _;

use rust_i18n::t;

use super::super::html::escape;
use super::{as_of, figure, heading, organisation_lists, period_text, share};
use crate::domain::Session;
use crate::domain::bilan::Bilan;
use crate::text::{self, Lang};

const STYLE: &str = "@page { size: A4; margin: 15mm 15mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #000; background: #fff; margin: 0; line-height: 1.3; overflow-wrap: anywhere; }
h1 { font-size: 18pt; margin: 0 0 0.2em; color: #0a3caa; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; border-bottom: 0.15em solid #0a3caa; break-after: avoid; }
p.period { margin: 0 0 0.6em; color: #333; }
section { break-inside: auto; }
figure { margin: 0 0 0.5em; break-inside: avoid; }
svg { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: #000; }
svg .value { font-size: 11px; fill: #333; }
table { width: 100%; border-collapse: collapse; margin: 0 0 0.5em; break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #888; padding: 0.15em 0.4em; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; overflow-wrap: anywhere; width: 38%; }
th, td { overflow-wrap: normal; word-break: normal; hyphens: manual; }
th { font-size: 9pt; }
th { background: #dde4ef; }
tr.total td { font-weight: bold; background: #f3f5f9; }
.note { font-size: 9pt; color: #333; margin: 0 0 0.5em; }
.legend span { display: inline-block; margin-right: 1.2em; font-size: 9pt; }
.legend i { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em; vertical-align: -0.1em; }
ul.names { margin: 0.2em 0 0.6em; padding-left: 1.2em; columns: 2; column-gap: 2em; }
ul.names li { break-inside: avoid; }
@media screen { body { background: #e8e8e8; } main { background: #fff; max-width: 180mm; margin: 1em auto; padding: 12mm; } }";

/// The fills of the charts, as (CSS class, colour).
const COLOURS: [(&str, &str); 8] = [
    ("now", "#0a3caa"),
    ("reached", "#8fb0ec"),
    ("estimated", "#e8a33c"),
    ("measured", "#1d8a3a"),
    ("done", "#1d8a3a"),
    ("open", "#5b8bd9"),
    ("overdue", "#c62828"),
    ("dropped", "#9e9e9e"),
];

fn colour(class: &str) -> &'static str {
    COLOURS
        .iter()
        .find(|(c, _)| *c == class)
        .map_or("#666", |(_, v)| v)
}

struct Bar {
    value: f64,
    class: &'static str,
    /// Shown after the bar (grouped charts); empty: nothing.
    text: String,
}

struct BarRow {
    label: String,
    bars: Vec<Bar>,
    /// The value a full-width bar stands for (each impact unit has its own).
    max: f64,
    /// Shown after a stacked row.
    total: String,
}

const WIDTH: f64 = 680.0;
const LABEL: f64 = 210.0;
const AREA: f64 = 380.0;

/// A horizontal bar chart: a row a label, its bars side by side in the row (`stacked`
/// false: one under the other) or end to end (`stacked`).
fn chart(title: &str, rows: &[BarRow], stacked: bool) -> String {
    let bar_h = 13.0;
    let per_row = if stacked {
        bar_h
    } else {
        bar_h * rows.first().map_or(1, |r| r.bars.len()).max(1) as f64
    };
    let row_h = per_row + 9.0;
    let height = row_h * rows.len() as f64 + 6.0;
    let mut out = format!(
        "<svg viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(title)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = 3.0 + i as f64 * row_h;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{:.1}\">{}</text>",
            y + per_row / 2.0 + 4.0,
            escape(&text::cut(&r.label, 32))
        );
        let _ = write!(
            out,
            "<line x1=\"{LABEL}\" x2=\"{LABEL}\" y1=\"{y:.1}\" y2=\"{:.1}\" stroke=\"#888\"/>",
            y + per_row
        );
        let scale = if r.max > 0.0 { AREA / r.max } else { 0.0 };
        let mut x = LABEL;
        for (k, b) in r.bars.iter().enumerate() {
            let w = (b.value.max(0.0) * scale).min(AREA);
            let by = if stacked { y } else { y + k as f64 * bar_h };
            if w > 0.0 {
                let _ = write!(
                    out,
                    "<rect class=\"{}\" x=\"{x:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                    b.class,
                    bar_h - 2.0,
                    colour(b.class)
                );
            }
            if !stacked && !b.text.is_empty() {
                let _ = write!(
                    out,
                    "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                    LABEL + w + 4.0,
                    by + bar_h - 3.0,
                    escape(&b.text)
                );
            }
            if stacked {
                x += w;
            }
        }
        if stacked && !r.total.is_empty() {
            let _ = write!(
                out,
                "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + 4.0,
                y + bar_h - 3.0,
                escape(&r.total)
            );
        }
    }
    out.push_str("</svg>");
    out
}

fn legend(items: &[(&'static str, String)]) -> String {
    let mut out = String::from("<p class=\"legend\">");
    for (class, label) in items {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            colour(class),
            escape(label)
        );
    }
    out.push_str("</p>");
    out
}

fn table(head: &[String], rows: &[Vec<String>], total: Option<Vec<String>>) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", escape(c));
        }
        out.push_str("</tr>");
    }
    if let Some(t) = total {
        out.push_str("<tr class=\"total\">");
        for c in t {
            let _ = write!(out, "<td>{}</td>", escape(&c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn stages(b: &Bilan) -> String {
    let (now, reached) = (t!("bilan.stages.now"), t!("bilan.stages.reached"));
    let max = b
        .stages
        .iter()
        .map(|c| c.now.max(c.reached))
        .max()
        .unwrap_or(0) as f64;
    let rows: Vec<BarRow> = b
        .stages
        .iter()
        .map(|c| BarRow {
            label: t!(c.stage.label_key()).into_owned(),
            bars: vec![
                Bar {
                    value: c.now as f64,
                    class: "now",
                    text: c.now.to_string(),
                },
                Bar {
                    value: c.reached as f64,
                    class: "reached",
                    text: c.reached.to_string(),
                },
            ],
            max,
            total: String::new(),
        })
        .collect();
    let title = t!("bilan.stages.title");
    let mut out = format!("<section><h2>{}</h2><figure>", escape(&title));
    out.push_str(&chart(&title, &rows, false));
    out.push_str(&legend(&[
        ("now", now.to_string()),
        ("reached", reached.to_string()),
    ]));
    out.push_str("</figure>");
    let body: Vec<Vec<String>> = b
        .stages
        .iter()
        .map(|c| {
            vec![
                t!(c.stage.label_key()).into_owned(),
                c.now.to_string(),
                c.reached.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            t!("bilan.stages.stage").into_owned(),
            now.into_owned(),
            reached.into_owned(),
        ],
        &body,
        Some(vec![
            t!("bilan.total").into_owned(),
            b.synergies.to_string(),
            String::new(),
        ]),
    ));
    let _ = write!(
        out,
        "<p>{}</p></section>",
        escape(&text::count(b.moved, "bilan.stages.moved"))
    );
    out
}

fn impacts(b: &Bilan) -> String {
    let title = t!("bilan.impacts.title");
    let mut out = format!("<section><h2>{}</h2>", escape(&title));
    if b.impacts.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p></section>",
            escape(&t!("bilan.impacts.none"))
        );
        return out;
    }
    let (est, mes) = (t!("bilan.impacts.estimated"), t!("bilan.impacts.measured"));
    let rows: Vec<BarRow> = b
        .impacts
        .iter()
        .map(|u| {
            let unit = t!(u.unit.label_key());
            BarRow {
                label: format!("{} ({unit})", t!(u.unit.what_key())),
                bars: vec![
                    Bar {
                        value: u.estimated.as_f64(),
                        class: "estimated",
                        text: format!("{} {unit}", figure(&u.estimated)),
                    },
                    Bar {
                        value: u.measured.as_f64(),
                        class: "measured",
                        text: format!("{} {unit}", figure(&u.measured)),
                    },
                ],
                max: u.estimated.as_f64().max(u.measured.as_f64()),
                total: String::new(),
            }
        })
        .collect();
    out.push_str("<figure>");
    out.push_str(&chart(&title, &rows, false));
    out.push_str(&legend(&[
        ("estimated", est.to_string()),
        ("measured", mes.to_string()),
    ]));
    out.push_str("</figure>");
    let body: Vec<Vec<String>> = b
        .impacts
        .iter()
        .map(|u| {
            vec![
                t!(u.unit.what_key()).into_owned(),
                t!(u.unit.label_key()).into_owned(),
                figure(&u.estimated),
                figure(&u.measured),
                u.synergies.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            t!("bilan.impacts.what").into_owned(),
            t!("bilan.impacts.unit").into_owned(),
            est.into_owned(),
            mes.into_owned(),
            t!("bilan.impacts.synergies").into_owned(),
        ],
        &body,
        None,
    ));
    let _ = write!(
        out,
        "<p class=\"note\">{}</p></section>",
        escape(&t!("bilan.impacts.apart"))
    );
    out
}

fn actions(b: &Bilan) -> String {
    let title = t!("bilan.actions.title");
    let mut out = format!("<section><h2>{}</h2>", escape(&title));
    if b.groups.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p></section>",
            escape(&t!("bilan.actions.none"))
        );
        return out;
    }
    let max = b
        .groups
        .iter()
        .map(|g| g.done + g.open + g.dropped)
        .max()
        .unwrap_or(0) as f64;
    let bar = |value: usize, class| Bar {
        value: value as f64,
        class,
        text: String::new(),
    };
    let rows: Vec<BarRow> = b
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| BarRow {
            label: format!("{} {}", i + 1, g.title),
            bars: vec![
                bar(g.done, "done"),
                bar(g.open.saturating_sub(g.overdue), "open"),
                bar(g.overdue, "overdue"),
                bar(g.dropped, "dropped"),
            ],
            max,
            total: (g.done + g.open + g.dropped).to_string(),
        })
        .collect();
    out.push_str("<figure>");
    out.push_str(&chart(&title, &rows, true));
    out.push_str(&legend(&[
        ("done", t!("bilan.actions.done").into_owned()),
        ("open", t!("bilan.actions.open_on_time").into_owned()),
        ("overdue", t!("bilan.actions.overdue").into_owned()),
        ("dropped", t!("bilan.actions.dropped").into_owned()),
    ]));
    out.push_str("</figure>");
    let body: Vec<Vec<String>> = b
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            vec![
                format!("{} {}", i + 1, g.title),
                g.done.to_string(),
                g.open.to_string(),
                g.overdue.to_string(),
                g.dropped.to_string(),
                g.meetings.to_string(),
            ]
        })
        .collect();
    let (d, o, l, x) = b.actions();
    out.push_str(&table(
        &[
            t!("bilan.actions.group").into_owned(),
            t!("bilan.actions.done").into_owned(),
            t!("bilan.actions.open").into_owned(),
            t!("bilan.actions.overdue").into_owned(),
            t!("bilan.actions.dropped").into_owned(),
            t!("bilan.actions.meetings").into_owned(),
        ],
        &body,
        Some(vec![
            t!("bilan.total").into_owned(),
            d.to_string(),
            o.to_string(),
            l.to_string(),
            x.to_string(),
            b.meetings().to_string(),
        ]),
    ));
    let _ = write!(
        out,
        "<p class=\"note\">{}</p></section>",
        escape(&t!("bilan.actions.note"))
    );
    out
}

fn organisations(b: &Bilan) -> String {
    let o = &b.organisations;
    let mut out = format!(
        "<section><h2>{}</h2><p>{}</p>",
        escape(&t!("bilan.orgs.title")),
        escape(&share(o))
    );
    for (key, names) in organisation_lists(o) {
        let _ = write!(out, "<h3>{} ({})</h3>", escape(&t!(key)), names.len());
        if names.is_empty() {
            let _ = write!(out, "<p>{}</p>", escape(&t!("bilan.orgs.nobody")));
            continue;
        }
        out.push_str("<ul class=\"names\">");
        for n in names {
            let _ = write!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}

pub fn render(session: &Session, b: &Bilan) -> String {
    let title = t!("bilan.title", what = heading(session)).into_owned();
    let period = text::label(
        &t!("bilan.period_label"),
        &format!("{} ({})", period_text(&b.period), as_of(b)),
    );
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>\n{STYLE}\nh3 {{ font-size: 10.5pt; margin: 0.6em 0 0.1em; break-after: avoid; }}\n</style></head><body><main>\n",
        Lang::current().code(),
        escape(&title)
    );
    let _ = write!(
        out,
        "<h1>{}</h1>\n<p class=\"period\">{}</p>\n",
        escape(&title),
        escape(&period)
    );
    out.push_str(&stages(b));
    out.push('\n');
    out.push_str(&impacts(b));
    out.push('\n');
    out.push_str(&actions(b));
    out.push('\n');
    out.push_str(&organisations(b));
    out.push_str("\n</main></body></html>\n");
    out
}
