//! `catalogue.html`, walking the document of [`crate::export::catalogue`].

use rust_i18n::t;

use crate::domain::Session;
use crate::domain::rencontre::Card;
use crate::export::catalogue::{
    Part, by_kind, flow, follow, parts, quantity, raised_by, rank_cell, result, retained_by_hand,
    summary, title, unreviewed, with_org,
};
use crate::export::{Options, OutFile, html};
use crate::text;

/// On screen, 11 pt; printed, a compact 8 pt on 10 mm margins, so that the example's 41 cards
/// fit on two A4 pages (`chromium --headless --print-to-pdf`, counted with `pdfinfo`). No
/// forced page break: a second rencontre follows the first.
const STYLE: &str = "@page { size: A4; margin: 10mm 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.35; color: #000; background: #fff; margin: 0; }
h1 { font-size: 20pt; line-height: 1.15; margin: 0 0 0.15em; color: #0a3caa; }
p.session { font-size: 12pt; color: #333; margin: 0 0 1em; }
h2 { font-size: 16pt; margin: 0.6em 0 0.3em; break-after: avoid; }
h3 { font-size: 13pt; margin: 0.6em 0 0.3em; break-after: avoid; border-bottom: 2pt solid #0a3caa; }
p.summary { margin: 0 0 0.9em; color: #333; }
p.empty { font-style: italic; margin: 0 0 1.2em; }
table { table-layout: fixed; width: 100%; border-collapse: collapse; margin: 0 0 1.2em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6pt solid #555; padding: 0.22em 0.4em; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: break-word; }
thead tr.title th { border: none; border-bottom: 2pt solid #0a3caa; padding: 0.3em 0 0.25em; font-size: 13pt; }
thead tr.title .result { font-weight: normal; font-size: 10pt; color: #333; margin-left: 0.6em; }
thead tr.heads th { background: #dde4ef; font-size: 10pt; }
tbody tr.kind th { background: #eef0f3; font-size: 10.5pt; }
tr.kind { break-after: avoid; }
td.empty { font-style: italic; color: #444; }
td.text { white-space: pre-line; }
td.num { text-align: right; }
tr.retained td { font-weight: bold; }
.accepted { font-weight: bold; color: #005a18; }
@media screen { body { background: #e8e8e8; } main { background: #fff; max-width: 210mm; margin: 1em auto; padding: 14mm 13mm; } }
@media print {
body { font-size: 8pt; line-height: 1.2; }
h1 { font-size: 13pt; margin: 0 0 0.1em; }
p.session { font-size: 8pt; margin: 0 0 0.4em; }
p.summary, p.empty { margin: 0 0 0.4em; }
h2 { font-size: 11pt; margin: 0.4em 0 0.2em; }
h3 { font-size: 9.5pt; margin: 0.4em 0 0.2em; border-bottom-width: 1pt; }
table { margin: 0 0 0.5em; }
th, td { padding: 0.08em 0.3em; border-width: 0.4pt; }
thead tr.title th { font-size: 9pt; padding: 0.15em 0 0.1em; border-bottom-width: 1pt; }
thead tr.title .result { font-size: 7.5pt; }
thead tr.heads th, tbody tr.kind th { font-size: 7pt; padding: 0.05em 0.3em; }
}";

/// A table whose `<thead>` (its title and its column headers) the browser repeats on every
/// printed page it runs onto. `widths` in percent.
fn table_head(title: &str, result: &str, heads: &[String], widths: &[u32]) -> String {
    let mut b = String::from("<table>\n<colgroup>");
    for w in widths {
        b.push_str(&format!("<col style=\"width: {w}%\">"));
    }
    let result = if result.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"result\">{}</span>", html::escape(result))
    };
    b.push_str(&format!(
        "</colgroup>\n<thead>\n<tr class=\"title\"><th colspan=\"{}\">{}{result}</th></tr>\n<tr class=\"heads\">",
        heads.len(),
        html::escape(title)
    ));
    for h in heads {
        b.push_str(&format!("<th>{}</th>", html::escape(h)));
    }
    b.push_str("</tr>\n</thead>\n");
    b
}

fn row(cells: &[(&str, &str)]) -> String {
    let mut b = String::from("<tr>");
    for (class, text) in cells {
        if class.is_empty() {
            b.push_str(&format!("<td>{}</td>", html::escape(text)));
        } else {
            b.push_str(&format!(
                "<td class=\"{class}\">{}</td>",
                html::escape(text)
            ));
        }
    }
    b.push_str("</tr>\n");
    b
}

/// The cards of a theme (or those gathered into none), a `<tbody>` a kind.
fn html_cards(s: &Session, title: &str, result: &str, cards: &[&Card]) -> String {
    let heads = [
        t!("export.catalogue.col.card").into_owned(),
        t!("export.catalogue.col.author").into_owned(),
        t!("export.catalogue.col.flow").into_owned(),
        t!("export.catalogue.col.quantity").into_owned(),
    ];
    let mut b = table_head(title, result, &heads, &[43, 28, 16, 13]);
    if cards.is_empty() {
        b.push_str(&format!(
            "<tbody>\n<tr><td colspan=\"4\" class=\"empty\">{}</td></tr>\n</tbody>\n",
            html::escape(&t!("export.catalogue.no_cards"))
        ));
    }
    for (kind, cards) in by_kind(cards) {
        b.push_str(&format!(
            "<tbody>\n<tr class=\"kind\"><th colspan=\"4\">{}</th></tr>\n",
            html::escape(&t!(kind.heading_key()))
        ));
        for c in cards {
            b.push_str(&row(&[
                ("text", &c.text),
                ("", &raised_by(s, c)),
                ("", &flow(c)),
                ("", &quantity(c)),
            ]));
        }
        b.push_str("</tbody>\n");
    }
    b.push_str("</table>\n");
    b
}

fn html_part(s: &Session, p: &Part) -> String {
    let mut b = String::from("<section class=\"rencontre\">\n");
    if let Some(n) = &p.name {
        b.push_str(&format!("<h2>{}</h2>\n", html::escape(n)));
    }
    b.push_str(&format!(
        "<p class=\"summary\">{}</p>\n",
        html::escape(&summary(p))
    ));
    for th in &p.themes {
        b.push_str(&html_cards(
            s,
            &th.candidate.title,
            &result(p, th),
            &th.cards,
        ));
    }
    if !p.loose.is_empty() {
        b.push_str(&html_cards(
            s,
            &t!("export.catalogue.not_gathered"),
            "",
            &p.loose,
        ));
    }
    if !p.themes.is_empty() {
        let title = t!("export.catalogue.votes").into_owned();
        if p.voted {
            let heads = [
                t!("export.catalogue.col.rank").into_owned(),
                t!("export.catalogue.col.theme").into_owned(),
                t!("export.catalogue.col.dots").into_owned(),
                t!("export.catalogue.col.retained").into_owned(),
            ];
            b.push_str(&table_head(&title, "", &heads, &[20, 46, 17, 17]));
            b.push_str("<tbody>\n");
            for th in &p.themes {
                let retained = if th.retained {
                    t!("export.catalogue.retained").into_owned()
                } else {
                    String::new()
                };
                let r = row(&[
                    ("", &rank_cell(th)),
                    ("", &th.candidate.title),
                    ("num", &th.dots.to_string()),
                    ("", &retained),
                ]);
                if th.retained {
                    b.push_str(&r.replacen("<tr>", "<tr class=\"retained\">", 1));
                } else {
                    b.push_str(&r);
                }
            }
            b.push_str("</tbody>\n</table>\n");
        } else {
            b.push_str(&format!(
                "<h3>{}</h3>\n<p class=\"empty\">{}</p>\n",
                html::escape(&title),
                html::escape(&t!("export.catalogue.no_dots"))
            ));
            let retained = retained_by_hand(p);
            if !retained.is_empty() {
                b.push_str(&format!(
                    "<p>{}</p>\n",
                    html::escape(&text::label(
                        &t!("export.catalogue.retained_themes"),
                        &retained.join(", ")
                    ))
                ));
            }
        }
    }
    if !p.questions.is_empty() {
        let heads = [
            t!("export.catalogue.col.question").into_owned(),
            t!("export.catalogue.col.author").into_owned(),
            t!("export.catalogue.col.answer").into_owned(),
        ];
        b.push_str(&table_head(
            &t!("export.catalogue.questions"),
            "",
            &heads,
            &[38, 24, 38],
        ));
        b.push_str("<tbody>\n");
        for c in &p.questions {
            let answer = if c.answer.trim().is_empty() {
                t!("export.catalogue.no_answer").into_owned()
            } else {
                c.answer.clone()
            };
            b.push_str(&row(&[
                ("text", &c.text),
                ("", &raised_by(s, c)),
                ("text", &answer),
            ]));
        }
        b.push_str("</tbody>\n</table>\n");
    }
    if !p.outside.is_empty() {
        let heads = [
            t!("export.catalogue.col.problem").into_owned(),
            t!("export.catalogue.col.author").into_owned(),
            t!("export.catalogue.col.owner").into_owned(),
            t!("export.catalogue.col.due").into_owned(),
            t!("export.catalogue.col.status").into_owned(),
        ];
        b.push_str(&table_head(
            &t!("export.catalogue.outside"),
            "",
            &heads,
            &[34, 21, 19, 13, 13],
        ));
        b.push_str("<tbody>\n");
        for c in &p.outside {
            let (owner, due, status) = follow(c.follow.as_ref());
            b.push_str(&row(&[
                ("text", &c.text),
                ("", &raised_by(s, c)),
                ("", &owner),
                ("", &due),
                ("", &status),
            ]));
        }
        b.push_str("</tbody>\n</table>\n");
    }
    if !p.leads.is_empty() || p.unreviewed > 0 {
        let heads = [
            t!("export.catalogue.col.offer").into_owned(),
            t!("export.catalogue.col.need").into_owned(),
            t!("export.catalogue.col.flow").into_owned(),
            t!("export.catalogue.col.decision").into_owned(),
        ];
        b.push_str(&table_head(
            &t!("export.catalogue.leads"),
            "",
            &heads,
            &[36, 36, 14, 14],
        ));
        b.push_str("<tbody>\n");
        for l in &p.leads {
            let decision = format!(
                "<span class=\"accepted\">{}</span>",
                html::escape(&t!("export.catalogue.accepted"))
            );
            b.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{decision}</td></tr>\n",
                html::escape(&with_org(s, l.offer)),
                html::escape(&with_org(s, l.need)),
                html::escape(&flow(l.offer))
            ));
        }
        if p.unreviewed > 0 {
            b.push_str(&format!(
                "<tr><td colspan=\"4\" class=\"empty\">{}</td></tr>\n",
                html::escape(&unreviewed(p.unreviewed))
            ));
        }
        b.push_str("</tbody>\n</table>\n");
    }
    b.push_str("</section>\n");
    b
}

/// `catalogue.html`, on A4 portrait; `None` without a catalogue.
pub(in crate::export) fn html(s: &Session, opts: &Options) -> Option<OutFile> {
    let parts = parts(s, opts);
    if parts.is_empty() {
        return None;
    }
    let mut body = format!(
        "<main>\n<h1>{}</h1>\n<p class=\"session\">{}</p>\n",
        html::escape(&title()),
        html::escape(&format!("{} · {}", s.title, s.zone.name))
    );
    for p in &parts {
        body.push_str(&html_part(s, p));
    }
    body.push_str("</main>\n");
    Some(OutFile {
        name: "catalogue.html".into(),
        bytes: html::page(&format!("{} — {}", title(), s.title), STYLE, &body).into_bytes(),
    })
}

/// The line of `index.html` that links to `catalogue.html`.
pub(in crate::export) fn index_link() -> String {
    format!(
        "<p class=\"all\"><a href=\"catalogue.html\">{}</a> — {}</p>\n",
        html::escape(&title()),
        html::escape(&t!("export.catalogue.index_note"))
    )
}
