//! The bilan in Markdown: a heading, then one section a subject, figures in tables. Every
//! text from the session goes through `md::inline`, so a title never turns into markup.

use rust_i18n::t;

use super::super::md::inline;
use super::{as_of, figure, heading, organisation_lists, period_text, share};
use crate::domain::Session;
use crate::domain::bilan::Bilan;
use crate::text;

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// A table's header and its alignment line: the first column left, the others right.
fn head(cells: &[String]) -> String {
    let mut out = row(cells);
    let align: Vec<String> = (0..cells.len())
        .map(|i| if i == 0 { "---" } else { "---:" }.to_string())
        .collect();
    out.push_str(&row(&align));
    out
}

fn bold(s: &str) -> String {
    format!("**{s}**")
}

pub fn render(session: &Session, b: &Bilan) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# {}\n\n",
        t!("bilan.title", what = inline(&heading(session)))
    ));
    out.push_str(&format!(
        "{}\n\n",
        text::label(
            &bold(&t!("bilan.period_label")),
            &format!("{} ({})", period_text(&b.period), as_of(b))
        )
    ));

    // Synergies by stage.
    out.push_str(&format!("## {}\n\n", t!("bilan.stages.title")));
    out.push_str(&head(&[
        t!("bilan.stages.stage").into_owned(),
        t!("bilan.stages.now").into_owned(),
        t!("bilan.stages.reached").into_owned(),
    ]));
    for c in &b.stages {
        out.push_str(&row(&[
            t!(c.stage.label_key()).into_owned(),
            c.now.to_string(),
            c.reached.to_string(),
        ]));
    }
    out.push_str(&row(&[
        bold(&t!("bilan.total")),
        bold(&b.synergies.to_string()),
        String::new(),
    ]));
    out.push_str(&format!(
        "\n{}\n\n",
        text::count(b.moved, "bilan.stages.moved")
    ));

    // Impacts, a unit a row.
    out.push_str(&format!("## {}\n\n", t!("bilan.impacts.title")));
    if b.impacts.is_empty() {
        out.push_str(&format!("{}\n\n", t!("bilan.impacts.none")));
    } else {
        out.push_str(&head(&[
            t!("bilan.impacts.what").into_owned(),
            t!("bilan.impacts.unit").into_owned(),
            t!("bilan.impacts.estimated").into_owned(),
            t!("bilan.impacts.measured").into_owned(),
            t!("bilan.impacts.synergies").into_owned(),
        ]));
        for u in &b.impacts {
            out.push_str(&row(&[
                t!(u.unit.what_key()).into_owned(),
                inline(&t!(u.unit.label_key())),
                figure(&u.estimated),
                figure(&u.measured),
                u.synergies.to_string(),
            ]));
        }
        out.push_str(&format!("\n{}\n\n", t!("bilan.impacts.apart")));
    }

    // Actions and meetings, a group a row.
    out.push_str(&format!("## {}\n\n", t!("bilan.actions.title")));
    if b.groups.is_empty() {
        out.push_str(&format!("{}\n\n", t!("bilan.actions.none")));
    } else {
        out.push_str(&head(&[
            t!("bilan.actions.group").into_owned(),
            t!("bilan.actions.done").into_owned(),
            t!("bilan.actions.open").into_owned(),
            t!("bilan.actions.overdue").into_owned(),
            t!("bilan.actions.dropped").into_owned(),
            t!("bilan.actions.meetings").into_owned(),
        ]));
        for (i, g) in b.groups.iter().enumerate() {
            out.push_str(&row(&[
                format!("{} {}", i + 1, inline(&g.title)),
                g.done.to_string(),
                g.open.to_string(),
                g.overdue.to_string(),
                g.dropped.to_string(),
                g.meetings.to_string(),
            ]));
        }
        let (d, o, l, x) = b.actions();
        out.push_str(&row(&[
            bold(&t!("bilan.total")),
            bold(&d.to_string()),
            bold(&o.to_string()),
            bold(&l.to_string()),
            bold(&x.to_string()),
            bold(&b.meetings().to_string()),
        ]));
        out.push_str(&format!("\n{}\n\n", t!("bilan.actions.note")));
    }

    // Organisations.
    out.push_str(&format!("## {}\n\n", t!("bilan.orgs.title")));
    out.push_str(&format!("{}\n\n", share(&b.organisations)));
    for (key, names) in organisation_lists(&b.organisations) {
        let list = if names.is_empty() {
            t!("bilan.orgs.nobody").into_owned()
        } else {
            names
                .iter()
                .map(|n| inline(n))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "- {}\n",
            text::label(&bold(&format!("{} ({})", t!(key), names.len())), &list)
        ));
    }
    out
}
