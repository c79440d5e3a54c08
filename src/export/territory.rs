//! The territory's table (`atelier territoire`) in words: the cells the screen shows, and the
//! same table as Markdown, CSV (a column a figure, for a spreadsheet) or a self-contained
//! HTML page that prints on A4 landscape.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_i18n::t;

use super::{Options, csv_out, html::escape, md::inline};
use crate::domain::synergy::Stage as SynergyStage;
use crate::domain::territory::Entry;
use crate::domain::territory::{Event, Stage, ZoneRow};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TerritoryFormat {
    #[default]
    Md,
    Csv,
    Html,
}

/// The table's columns, as the screen and the Markdown and HTML files head them.
pub fn header() -> Vec<String> {
    [
        "territory.col.zone",
        "territory.col.stage",
        "territory.col.engaged",
        "territory.col.done",
        "territory.col.open",
        "territory.col.overdue",
        "territory.col.synergies",
        "territory.col.next",
    ]
    .iter()
    .map(|k| t!(*k).into_owned())
    .collect()
}

/// « atelier 2 », « suivi »…
pub fn stage(s: Stage) -> String {
    match s {
        Stage::Preparation => t!("territory.stage.preparation").into_owned(),
        Stage::Rencontre => t!("territory.stage.rencontre").into_owned(),
        Stage::Workshop(n) => t!("territory.stage.workshop", n = n).into_owned(),
        Stage::FollowUp => t!("territory.stage.followup").into_owned(),
        Stage::Plenary => t!("territory.stage.plenary").into_owned(),
    }
}

/// « 12/40 », or « 12 » when the zone's number of companies is not filled in.
pub fn engaged(r: &ZoneRow) -> String {
    if r.companies > 0 {
        format!("{}/{}", r.engaged, r.companies)
    } else {
        r.engaged.to_string()
    }
}

/// « idée 2 · étude 1 » (the stages that have some), or « — ».
pub fn synergies(r: &ZoneRow) -> String {
    let parts: Vec<String> = SynergyStage::ALL
        .iter()
        .zip(r.synergies)
        .filter(|(_, n)| *n > 0)
        .map(|(st, n)| format!("{} {n}", t!(st.label_key()).to_lowercase()))
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(" · ")
    }
}

/// What the next event is: « atelier 2 », « réunion Mobilité »…
pub fn event(e: &Event) -> String {
    match e {
        Event::Workshop(n) => t!("territory.event.workshop", n = n).into_owned(),
        Event::Rencontre(_) => t!("territory.event.rencontre").into_owned(),
        Event::Meeting(title) => t!("territory.event.meeting", title = title).into_owned(),
        Event::Plenary => t!("territory.event.plenary").into_owned(),
    }
}

/// « 4 févr. 2027 · atelier 2 », or « — ».
pub fn next(r: &ZoneRow) -> String {
    match &r.next {
        Some((d, e)) => format!("{} · {}", text::short_date(*d), event(e)),
        None => "—".into(),
    }
}

/// The file's name, for a row whose file does not read.
pub fn file_name(e: &Entry) -> String {
    e.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A row's cells under [`header`].
pub fn cells(e: &Entry) -> Vec<String> {
    match &e.row {
        Ok(r) => vec![
            r.title.clone(),
            stage(r.stage),
            engaged(r),
            r.done.to_string(),
            r.open.to_string(),
            r.overdue.to_string(),
            synergies(r),
            next(r),
        ],
        Err(why) => {
            let mut c = vec![file_name(e), t!("territory.unreadable").into_owned()];
            c.extend(std::iter::repeat_n(String::new(), 5));
            c.push(why.clone());
            c
        }
    }
}

/// The table as the bytes of one file.
pub fn render(
    entries: &[Entry],
    format: TerritoryFormat,
    today: NaiveDate,
    opts: &Options,
) -> Vec<u8> {
    let title = text::count(entries.len(), "territory.title");
    let as_of = t!("territory.as_of", day = text::short_date(today)).into_owned();
    match format {
        TerritoryFormat::Md => {
            let mut out = format!("# {title}\n\n{as_of}\n\n");
            let row = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
            out.push_str(&row(&header()));
            let align: Vec<String> = (0..8)
                .map(|i| if (2..=5).contains(&i) { "---:" } else { "---" }.to_string())
                .collect();
            out.push_str(&row(&align));
            for e in entries {
                let cells: Vec<String> = cells(e).iter().map(|c| inline(c)).collect();
                out.push_str(&row(&cells));
            }
            out.into_bytes()
        }
        TerritoryFormat::Csv => {
            let mut head = vec![
                t!("territory.col.zone").into_owned(),
                t!("territory.csv.area").into_owned(),
                t!("territory.col.stage").into_owned(),
                t!("territory.csv.engaged").into_owned(),
                t!("territory.csv.companies").into_owned(),
                t!("territory.col.done").into_owned(),
                t!("territory.col.open").into_owned(),
                t!("territory.col.overdue").into_owned(),
            ];
            head.extend(SynergyStage::ALL.iter().map(|s| {
                t!(
                    "territory.csv.synergies",
                    stage = t!(s.label_key()).to_lowercase()
                )
                .into_owned()
            }));
            head.extend([
                t!("territory.csv.next_date").into_owned(),
                t!("territory.csv.next_what").into_owned(),
                t!("territory.csv.file").into_owned(),
            ]);
            let mut rows = vec![head];
            for e in entries {
                let path = e.path.display().to_string();
                rows.push(match &e.row {
                    Ok(r) => {
                        let mut c = vec![
                            r.title.clone(),
                            r.zone.clone(),
                            stage(r.stage),
                            r.engaged.to_string(),
                            r.companies.to_string(),
                            r.done.to_string(),
                            r.open.to_string(),
                            r.overdue.to_string(),
                        ];
                        c.extend(r.synergies.iter().map(|n| n.to_string()));
                        let (d, w) = r
                            .next
                            .as_ref()
                            .map(|(d, e)| (d.to_string(), event(e)))
                            .unwrap_or_default();
                        c.extend([d, w, path]);
                        c
                    }
                    Err(why) => {
                        let mut c = vec![
                            file_name(e),
                            String::new(),
                            t!("territory.unreadable").into_owned(),
                        ];
                        c.extend(std::iter::repeat_n(String::new(), 12));
                        c.extend([why.clone(), path]);
                        c
                    }
                });
            }
            csv_out::file("territoire.csv", rows, opts).bytes
        }
        TerritoryFormat::Html => {
            let mut body = format!(
                "<h1>{}</h1>\n<p class=\"as-of\">{}</p>\n<table><thead><tr>",
                escape(&title),
                escape(&as_of)
            );
            for h in header() {
                let _ = write!(body, "<th>{}</th>", escape(&h));
            }
            body.push_str("</tr></thead><tbody>\n");
            for e in entries {
                body.push_str("<tr>");
                for (i, c) in cells(e).iter().enumerate() {
                    let class = if (2..6).contains(&i) {
                        " class=\"n\""
                    } else {
                        ""
                    };
                    let _ = write!(body, "<td{class}>{}</td>", escape(c));
                }
                body.push_str("</tr>\n");
            }
            body.push_str("</tbody></table>\n");
            super::html::page(&title, STYLE, &body).into_bytes()
        }
    }
}

const STYLE: &str = "@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #000; background: #fff; margin: 1.5em; font-size: 11pt; }
h1 { font-size: 18pt; margin: 0 0 0.2em; }
.as-of { color: #333; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.n { text-align: right; }
tr { break-inside: avoid; }
@media print { body { margin: 0; } }";
