//! One row per action line (`actions.csv`), and one per card of the rencontres
//! (`catalogue.csv`, see `catalogue`), ready for French spreadsheets: `;` and a UTF-8 BOM by
//! default; cells that a spreadsheet would run as formulas are neutralised.

use rust_i18n::t;

use super::{Options, OutFile, groups, owners, pilot_text};
use crate::domain::Session;

mod catalogue;

/// OWASP's advice against CSV injection: a leading quote makes the cell text.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    let header = [
        t!("export.csv.workshop"),
        t!("export.csv.group"),
        t!("poster.col.solution"),
        t!("poster.col.action"),
        t!("poster.col.owners"),
        t!("poster.col.due"),
        t!("export.csv.due_date"),
        t!("poster.col.status"),
        t!("commit.pilot_kind"),
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for (n, theme, g) in groups(s, opts) {
        for l in &g.poster.lines {
            // The last day of a month or a period (« T2 2027 »), for sorting in a spreadsheet.
            let due_date = l.due.deadline().map(|d| d.to_string()).unwrap_or_default();
            rows.push(vec![
                l.workshop.to_string(),
                format!("{n} {}", theme.title),
                l.solution.clone(),
                l.action.clone(),
                owners(&l.owners),
                crate::text::due(&l.due),
                due_date,
                t!(l.status.label_key()).into_owned(),
                pilot_text(g.pilot.as_ref()),
            ]);
        }
    }
    // The follow-ups of the problems « hors atelier » the rencontres raised: no workshop,
    // no group, no pilot; the problem where a group line has its solution.
    if opts.group.is_none() {
        let outside = t!("card.kinds.out_of_scope").into_owned();
        for (card, l) in s.outside_lines() {
            rows.push(vec![
                String::new(),
                outside.clone(),
                card.text.trim().to_string(),
                l.action.clone(),
                owners(&l.owners),
                crate::text::due(&l.due),
                l.due.deadline().map(|d| d.to_string()).unwrap_or_default(),
                t!(l.status.label_key()).into_owned(),
                String::new(),
            ]);
        }
    }
    let mut files = vec![file("actions.csv", rows, opts)];
    // The rencontres' cards, one a row (no file without a rencontre).
    files.extend(catalogue::csv(s, opts));
    files
}

/// A CSV file of these rows (the header first) with the options' separator and BOM, CRLF
/// line ends, every cell neutralised, every text in quotes: a fresh LibreOffice ticks Tab,
/// Comma and Semicolon at once in its import dialog, so a comma in an unquoted text of a
/// `;` file would split its row.
pub(super) fn file(name: &str, rows: Vec<Vec<String>>, opts: &Options) -> OutFile {
    let mut w = csv::WriterBuilder::new()
        .delimiter(opts.delimiter)
        .quote_style(csv::QuoteStyle::NonNumeric)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        // Writing into a Vec cannot fail; a failure would only drop the row.
        let _ = w.write_record(r.iter().map(|c| neutralise(c)));
    }
    let body = w.into_inner().unwrap_or_default();
    let mut bytes = Vec::with_capacity(body.len() + 3);
    if opts.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend(body);
    OutFile {
        name: name.into(),
        bytes,
    }
}
