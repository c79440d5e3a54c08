//! The compte rendu in Markdown: what the guide asks to send after a workshop.

use std::collections::BTreeMap;

use rust_i18n::t;

use super::{Options, OutFile, groups, owners, pilot_text, slug, undated};
use crate::domain::{NeedKind, Phase, Session, Timestamp, Workshop};
use crate::text;

mod catalogue;

/// What people typed, as Markdown text on one line that every CommonMark reader shows as
/// typed: never HTML (`<script>`), a heading (`# x`), a list item (`- x`, `1. x`), a quote,
/// emphasis (`*x*`), code, a link or a table cell break. Every ASCII punctuation character
/// that Markdown gives a meaning to is escaped with a backslash, which CommonMark allows
/// before any punctuation.
pub(super) fn inline(s: &str) -> String {
    let one_line = s.replace(['\r', '\n'], " ");
    let text = one_line.trim();
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        // `&` starts an entity (`&lt;`) only before a letter or `#`; `!` an image only
        // before `[`: « Leroux & Fils » stays as it is.
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) || (c == '&' && (next.is_alphanumeric() || next == '#'))
            || (c == '!' && next == '[');
        // At the start only: a list marker, or « 1. » / « 1) » for an ordered list.
        let starts_block = i == 0 && matches!(c, '-' | '+' | '=');
        if special || starts_block {
            out.push('\\');
        }
        out.push(c);
    }
    // « 2027. » at the start would be an ordered list item: escape its dot.
    if let Some(end) = out.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && out[end..].starts_with(['.', ')'])
    {
        out.insert(end, '\\');
    }
    out
}

/// A table cell: the same, on one line (pipes are escaped by `inline`).
fn cell(s: &str) -> String {
    inline(s)
}

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    let mut o = String::new();
    let mut line = |l: String| {
        o.push_str(&l);
        o.push('\n');
    };
    line(format!("# {}", inline(&s.title)));
    line(String::new());
    let z = &s.zone;
    line(format!(
        "**{}** {} ({})",
        t!("export.md.zone"),
        inline(&z.name),
        inline(&text::zone::typed(z).join(", "))
    ));
    line(String::new());
    if let Some(data) = text::zone::open_data(z) {
        line(format!(
            "**{}** {}",
            t!("zone_text.open_data"),
            inline(&data)
        ));
        line(String::new());
    }
    line(format!("**{}**", t!("export.md.workshops")));
    line(String::new());
    for w in &s.workshops {
        let date = w.date.map(text::long_date).unwrap_or_else(|| "—".into());
        line(format!(
            "- {} — {}",
            text::label(&format!("{} {}", t!("words.workshop_cap"), w.number), &date),
            text::phase(s, w, w.phase)
        ));
    }
    line(String::new());
    line(format!("## {}", t!("export.md.participants")));
    line(String::new());
    let mut by_org: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &s.participants {
        by_org
            .entry(if p.organisation.is_empty() {
                "—".into()
            } else {
                inline(&p.organisation)
            })
            .or_default()
            .push(format!("{} ({})", inline(&p.name), t!(p.role.label_key())));
    }
    for (org, people) in by_org {
        line(format!(
            "- {}",
            text::label(&format!("**{org}**"), &people.join(", "))
        ));
    }
    for (n, theme, g) in groups(s, opts) {
        line(String::new());
        line(format!(
            "## {} {n} — {}",
            t!("poster.group"),
            inline(&theme.title)
        ));
        line(String::new());
        line(format!(
            "**{}** {}",
            t!("poster.constat"),
            inline(&theme.constat)
        ));
        if let Some(e) = &theme.expert {
            line(String::new());
            line(format!("**{}** {}", t!("export.md.expert"), inline(e)));
        }
        let rapporteur = g
            .rapporteur
            .and_then(|id| s.participant(id))
            .map(|p| inline(&p.name))
            .unwrap_or_else(|| "—".into());
        line(String::new());
        line(format!("**{}** {rapporteur}", t!("groups.rapporteur")));
        if !g.poster.reactions.is_empty() {
            line(String::new());
            line(format!("### {}", t!("export.md.reactions")));
            line(String::new());
            for r in &g.poster.reactions {
                line(format!("- {}", inline(&r.text)));
            }
        }
        line(String::new());
        line(format!("### {}", t!("poster.plan")));
        line(String::new());
        line(format!(
            "| {} | {} | {} | {} | {} |",
            t!("poster.col.solution"),
            t!("poster.col.action"),
            t!("poster.col.owners"),
            t!("poster.col.due"),
            t!("poster.col.status")
        ));
        line("|---|---|---|---|---|".into());
        for l in &g.poster.lines {
            // Lines written at a later workshop say so.
            let solution = if l.workshop > 1 {
                format!(
                    "{} {}",
                    cell(&l.solution),
                    t!("export.md.from_workshop", n = l.workshop)
                )
            } else {
                cell(&l.solution)
            };
            line(format!(
                "| {} | {} | {} | {} | {} |",
                solution,
                cell(&l.action),
                cell(&owners(&l.owners)),
                cell(&text::due(&l.due)),
                t!(l.status.label_key())
            ));
        }
        line(String::new());
        // What the plenary said about the poster, written in Restitution.
        if !g.notes.trim().is_empty() {
            line(format!("### {}", t!("restitution.notes")));
            line(String::new());
            line(inline(&g.notes));
            line(String::new());
        }
        line(format!("### {}", t!("export.md.commitments")));
        line(String::new());
        let enrolled: Vec<String> = g
            .enrolled
            .iter()
            .filter_map(|id| s.participant(*id))
            .map(|p| inline(&p.name))
            .collect();
        line(format!(
            "- **{}** {}",
            t!("export.md.enrolled"),
            if enrolled.is_empty() {
                "—".into()
            } else {
                enrolled.join(", ")
            }
        ));
        line(format!(
            "- **{}** {}",
            t!("export.md.label", label = t!("commit.pilot_kind")),
            inline(&pilot_text(g.pilot.as_ref()))
        ));
        if !g.next_steps.is_empty() {
            line(format!(
                "- **{}** {}",
                t!("export.md.label", label = t!("commit.next_steps")),
                inline(&g.next_steps)
            ));
        }
        if let Some(d) = g.next_meeting {
            line(format!(
                "- **{}** {}",
                t!("export.md.label", label = t!("commit.next_meeting")),
                text::when(&d)
            ));
        }
        if !g.meetings.is_empty() {
            line(String::new());
            line(format!("#### {}", t!("export.md.meetings")));
            line(String::new());
            for m in &g.meetings {
                line(format!("- {} — {}", text::when(&m.date), inline(&m.note)));
            }
        }
    }
    let undated: Vec<String> = undated(s, opts)
        .map(|(n, l)| {
            format!(
                "- {} {n} — {} ({})",
                t!("poster.group"),
                inline(l.title()),
                inline(&text::due(&l.due))
            )
        })
        .collect();
    if !undated.is_empty() {
        line(String::new());
        line(format!("## {}", t!("export.md.undated")));
        line(String::new());
        for u in undated {
            line(u);
        }
    }
    // The catalogue of the preparation: only needs, « Besoins exprimés »; with what a
    // rencontre handed over, each kind under its own heading, counted as what it is.
    if !s.needs.is_empty() {
        let kinds: Vec<NeedKind> = NeedKind::ALL
            .into_iter()
            .filter(|k| s.needs.iter().any(|n| n.kind == *k))
            .collect();
        let entry = |n: &crate::domain::Need| {
            let theme = n
                .theme
                .and_then(|t| s.theme(t))
                .map(|t| {
                    format!(
                        " — {}",
                        t!("export.md.needs_theme", theme = inline(&t.title))
                    )
                })
                .unwrap_or_default();
            format!("- {}{theme}", inline(&n.text))
        };
        line(String::new());
        if kinds == [NeedKind::Need] {
            line(format!("## {}", t!("export.md.needs")));
            line(String::new());
            s.needs.iter().for_each(|n| line(entry(n)));
        } else {
            line(format!("## {}", t!("export.md.needs_all")));
            line(String::new());
            line(text::need_counts(&s.needs));
            for k in kinds {
                line(String::new());
                line(format!("### {}", t!(k.heading_key())));
                line(String::new());
                s.needs
                    .iter()
                    .filter(|n| n.kind == k)
                    .for_each(|n| line(entry(n)));
            }
        }
    }
    if let Some(d) = s.annual_plenary {
        line(String::new());
        line(format!(
            "**{}** {}",
            t!("export.md.label", label = t!("followup.annual_plenary")),
            text::when(&d)
        ));
    }
    // What the rencontres inter-entreprises gathered (nothing without one).
    for l in catalogue::markdown(s, opts) {
        line(l);
    }
    // The timing is the facilitators' business, not the participants': an annex.
    line(String::new());
    line(format!("## {}", t!("export.md.annex")));
    for w in &s.workshops {
        line(String::new());
        line(format!("### {} {}", t!("words.workshop_cap"), w.number));
        line(String::new());
        line(format!(
            "| {} | {} | {} |",
            t!("export.md.phase"),
            t!("export.md.planned"),
            t!("export.md.actual")
        ));
        line("|---|---:|---:|".into());
        let (until, open_step) = counted_until(w, opts.now);
        for t in s.time_by_phase(w, until) {
            line(format!(
                "| {} | {} min | {} min |",
                text::phase_kind(t.kind),
                t.planned_min,
                t.actual_min
            ));
        }
        if let Some(step) = open_step {
            line(String::new());
            line(t!("export.md.open_step", step = text::phase(s, w, step)).into_owned());
        }
    }
    let name = match opts.group.and_then(|g| s.theme(g)) {
        Some(t) => format!("compte-rendu-{}.md", slug(&t.title)),
        None => "compte-rendu.md".into(),
    };
    vec![OutFile {
        name,
        bytes: o.into_bytes(),
    }]
}

/// Until when the time spent is counted, and the step left out, if any. The step still open
/// counts up to `now` on the day it began (an export during the workshop); a session exported
/// weeks later cannot know how long that step really lasted, so it is left out rather than
/// counted as weeks.
fn counted_until(w: &Workshop, now: Timestamp) -> (Timestamp, Option<Phase>) {
    match w.log.last() {
        Some(last)
            if last.phase != Phase::Closed
                && now.with_timezone(last.at.offset()).date_naive() != last.at.date_naive() =>
        {
            (last.at, Some(last.phase))
        }
        _ => (now, None),
    }
}
