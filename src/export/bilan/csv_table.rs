//! The bilan as one CSV table for a spreadsheet: a row a figure, the first column its
//! section (étape, impact, groupe, organisations, organisation), then what it is, what is
//! measured, the figure as a plain number (« 9500 », « 12.5 ») and its unit. Text cells are
//! quoted and the file has the separator and BOM of the other CSV exports.

use rust_i18n::t;

use super::super::{Options, csv_out};
use crate::domain::bilan::{Bilan, name_key};

pub fn render(b: &Bilan, opts: &Options) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = vec![vec![
        t!("bilan.csv.section").into_owned(),
        t!("bilan.csv.name").into_owned(),
        t!("bilan.csv.measure").into_owned(),
        t!("bilan.csv.value").into_owned(),
        t!("bilan.csv.unit").into_owned(),
    ]];
    let mut push = |section: &str, name: &str, measure: &str, value: String, unit: &str| {
        rows.push(vec![
            section.to_string(),
            name.to_string(),
            measure.to_string(),
            value,
            unit.to_string(),
        ]);
    };

    let period = super::period_text(&b.period);
    let section = t!("bilan.csv.period");
    push(
        &section,
        &period,
        &t!("bilan.csv.end"),
        b.end.to_string(),
        "",
    );

    let section = t!("bilan.csv.stage");
    let (now, reached) = (t!("bilan.stages.now"), t!("bilan.stages.reached"));
    for c in &b.stages {
        let stage = t!(c.stage.label_key());
        push(&section, &stage, &now, c.now.to_string(), "");
        push(&section, &stage, &reached, c.reached.to_string(), "");
    }
    push(
        &section,
        &t!("bilan.total"),
        &now,
        b.synergies.to_string(),
        "",
    );
    push(
        &section,
        &t!("bilan.total"),
        &t!("bilan.csv.moved"),
        b.moved.to_string(),
        "",
    );

    let section = t!("bilan.csv.impact");
    for u in &b.impacts {
        let what = t!(u.unit.what_key());
        let unit = t!(u.unit.label_key());
        push(
            &section,
            &what,
            &t!("bilan.impacts.estimated"),
            u.estimated.figure(false, false),
            &unit,
        );
        push(
            &section,
            &what,
            &t!("bilan.impacts.measured"),
            u.measured.figure(false, false),
            &unit,
        );
        push(
            &section,
            &what,
            &t!("bilan.impacts.synergies"),
            u.synergies.to_string(),
            "",
        );
    }

    let section = t!("bilan.csv.group");
    let measures = [
        t!("bilan.actions.done"),
        t!("bilan.actions.open"),
        t!("bilan.actions.overdue"),
        t!("bilan.actions.dropped"),
        t!("bilan.actions.meetings"),
    ];
    let mut figures = |name: &str, values: [usize; 5]| {
        for (m, v) in measures.iter().zip(values) {
            push(&section, name, m, v.to_string(), "");
        }
    };
    for (i, g) in b.groups.iter().enumerate() {
        figures(
            &format!("{} {}", i + 1, g.title),
            [g.done, g.open, g.overdue, g.dropped, g.meetings],
        );
    }
    let (d, o, l, x) = b.actions();
    figures(&t!("bilan.total"), [d, o, l, x, b.meetings()]);

    let orgs = &b.organisations;
    let section = t!("bilan.csv.organisations");
    push(
        &section,
        &t!("bilan.csv.zone_companies"),
        "",
        if orgs.in_zone == 0 {
            String::new()
        } else {
            orgs.in_zone.to_string()
        },
        "",
    );
    for (key, names) in super::organisation_lists(orgs) {
        push(&section, &t!(key), "", names.len().to_string(), "");
    }
    // One row an organisation engaged, saying how.
    let section = t!("bilan.csv.organisation");
    let lists: Vec<(String, std::collections::HashSet<String>)> = super::organisation_lists(orgs)
        .into_iter()
        .take(3)
        .map(|(key, list)| {
            (
                t!(format!("{key}_short")).into_owned(),
                list.iter().map(|n| name_key(n)).collect(),
            )
        })
        .collect();
    for name in &orgs.engaged {
        let key = name_key(name);
        let how: Vec<&str> = lists
            .iter()
            .filter(|(_, keys)| keys.contains(&key))
            .map(|(label, _)| label.as_str())
            .collect();
        push(&section, name, &how.join(", "), String::new(), "");
    }
    csv_out::file(&super::BilanFormat::Csv.file_name(), rows, opts).bytes
}
