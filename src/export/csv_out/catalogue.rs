//! `catalogue.csv`, walking the document of [`crate::export::catalogue`].

use rust_i18n::t;

use crate::domain::Session;
use crate::export::catalogue::{author, by_kind, flow, follow, gathered, parts};
use crate::export::{Options, OutFile, csv_out};

/// `catalogue.csv`: one row a card, in the catalogue's order; `None` without a catalogue.
/// Amounts take a decimal comma with the French `;` separator.
pub(in crate::export) fn csv(s: &Session, opts: &Options) -> Option<OutFile> {
    let parts = parts(s, opts);
    if parts.is_empty() {
        return None;
    }
    let comma = opts.delimiter == b';';
    let header: Vec<String> = [
        t!("export.catalogue.csv.rencontre"),
        t!("export.catalogue.csv.theme"),
        t!("export.catalogue.csv.kind"),
        t!("export.catalogue.csv.text"),
        t!("export.catalogue.csv.author"),
        t!("export.catalogue.csv.organisation"),
        t!("export.catalogue.csv.flow"),
        t!("export.catalogue.csv.amount"),
        t!("export.catalogue.csv.unit"),
        t!("export.catalogue.csv.dots"),
        t!("export.catalogue.csv.answer"),
        t!("export.catalogue.csv.owner"),
        t!("export.catalogue.csv.due"),
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let mut rows = vec![header];
    for p in &parts {
        let themed = p
            .themes
            .iter()
            .flat_map(|th| by_kind(&th.cards).into_iter().flat_map(|(_, v)| v));
        let loose = by_kind(&p.loose).into_iter().flat_map(|(_, v)| v);
        let others = p.questions.iter().chain(&p.outside).copied();
        for c in themed.chain(loose).chain(others) {
            let (name, org) = author(s, c);
            let theme = gathered(p.r, c);
            let dots = match theme {
                Some(t) if p.voted => p.r.total(t.id).to_string(),
                _ => String::new(),
            };
            let (amount, unit) = match &c.quantity {
                // Ungrouped, so that the spreadsheet reads a number.
                Some(q) => (q.amount_text(comma, false), q.unit.clone()),
                None => Default::default(),
            };
            let (owner, due, _) = follow(c.follow.as_ref());
            rows.push(vec![
                p.r.number.to_string(),
                theme.map(|t| t.title.clone()).unwrap_or_default(),
                t!(c.kind.label_key()).into_owned(),
                c.text.clone(),
                name,
                org,
                flow(c),
                amount,
                unit,
                dots,
                c.answer.clone(),
                owner,
                due,
            ]);
        }
    }
    Some(csv_out::file("catalogue.csv", rows, opts))
}
