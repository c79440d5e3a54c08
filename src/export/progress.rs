//! « Point d'étape » drafts (`atelier export --format eml --depuis DATE`): one e-mail per
//! group saying what changed since a date: actions done, deadlines new or changed, actions
//! dropped, its synergies' stage changes and hand-overs, meetings held, the next meeting,
//! and what is still open. Addressed like the plan drafts (`eml`): from the facilitator to
//! the enrolled participants, or to the people of its tables and its rapporteur while
//! nobody is enrolled.
//!
//! atelier knows when a line last changed (its revision time, set at each save), not which
//! cell: a line done since the date is listed as done, an open line changed since then
//! with a dated deadline as a deadline new or changed. Lines of files older than the
//! revision times have none and are not listed as changed.

use chrono::NaiveDate;
use rust_i18n::t;

use super::eml::{Body, group_draft, one_line};
use super::{Options, OutFile, groups, owners};
use crate::domain::synergy::{EventKind, Stage};
use crate::domain::{ActionLine, Session, Status};
use crate::text;

fn changed_since(l: &ActionLine, since: NaiveDate) -> bool {
    l.revised_at.is_some_and(|at| at.date_naive() >= since)
}

/// « Recenser les places — Garage Roux — mars 2027 »: the line in one line.
fn line_text(l: &ActionLine, with_due: bool) -> String {
    let what = l.title().trim();
    let mut parts = vec![one_line(what)];
    let who = owners(&l.owners);
    if !who.trim().is_empty() {
        parts.push(one_line(&who));
    }
    if with_due && !l.due.is_undated() {
        parts.push(text::due(&l.due));
    }
    format!("- {}", parts.join(" — "))
}

pub fn render(s: &Session, opts: &Options, since: NaiveDate) -> Vec<OutFile> {
    let mut out = Vec::new();
    let date = text::long_date(since);
    for (n, theme, g) in groups(s, opts) {
        let lines: Vec<&ActionLine> = g.poster.lines.iter().filter(|l| !l.is_blank()).collect();
        let done: Vec<&&ActionLine> = lines
            .iter()
            .filter(|l| l.status == Status::Done && changed_since(l, since))
            .collect();
        let dated: Vec<&&ActionLine> = lines
            .iter()
            .filter(|l| {
                matches!(l.status, Status::Todo | Status::InProgress)
                    && changed_since(l, since)
                    && !l.due.is_undated()
            })
            .collect();
        let dropped: Vec<&&ActionLine> = lines
            .iter()
            .filter(|l| l.status == Status::Abandoned && changed_since(l, since))
            .collect();
        let mut moves = Vec::new();
        for syn in s.synergies.iter().filter(|x| x.group == Some(theme.id)) {
            let mut stage = Stage::Idea;
            for e in &syn.history {
                let day = e.at.date_naive();
                match &e.what {
                    EventKind::Stage { stage: to, reason } => {
                        if day >= since && day <= opts.today {
                            let mut l = t!(
                                "export.progress.stage",
                                title = one_line(&syn.title),
                                from = t!(stage.label_key()),
                                to = t!(to.label_key()),
                                date = text::long_date(day)
                            )
                            .into_owned();
                            if !reason.trim().is_empty() {
                                l.push_str(&format!(" ({})", one_line(reason.trim())));
                            }
                            moves.push(format!("- {l}"));
                        }
                        stage = *to;
                    }
                    EventKind::Pilot { organisation, .. } => {
                        if day >= since && day <= opts.today {
                            moves.push(format!(
                                "- {}",
                                t!(
                                    "export.progress.pilot",
                                    title = one_line(&syn.title),
                                    pilot = one_line(organisation),
                                    date = text::long_date(day)
                                )
                            ));
                        }
                    }
                }
            }
        }
        let held: Vec<String> = g
            .meetings
            .iter()
            .filter(|m| m.date.date >= since && m.date.date <= opts.today)
            .map(|m| {
                let note = one_line(m.note.trim());
                if note.is_empty() {
                    format!("- {}", text::when(&m.date))
                } else {
                    format!("- {}", text::label(&text::when(&m.date), &note))
                }
            })
            .collect();

        let mut body = Body::default();
        body.line(t!("export.eml.hello"));
        body.line("");
        body.line(t!(
            "export.progress.intro",
            n = n,
            theme = one_line(&theme.title),
            title = one_line(&s.title),
            date = &date
        ));
        let missing = super::eml::unreachable(s, theme.id);
        if !missing.is_empty() {
            body.line("");
            body.line(t!("export.eml.pass_on", names = missing.join(", ")));
        }
        let nothing = done.is_empty()
            && dated.is_empty()
            && dropped.is_empty()
            && moves.is_empty()
            && held.is_empty();
        if nothing {
            body.line("");
            body.line(t!("export.progress.nothing"));
        }
        let section = |body: &mut Body, key: &str, items: Vec<String>| {
            if items.is_empty() {
                return;
            }
            body.line("");
            body.line(text::label(&t!(key), "").trim_end());
            for i in items {
                body.line(i);
            }
        };
        section(
            &mut body,
            "export.progress.done",
            done.iter().map(|l| line_text(l, false)).collect(),
        );
        section(
            &mut body,
            "export.progress.dated",
            dated.iter().map(|l| line_text(l, true)).collect(),
        );
        section(
            &mut body,
            "export.progress.dropped",
            dropped.iter().map(|l| line_text(l, false)).collect(),
        );
        section(&mut body, "export.progress.synergies", moves);
        section(&mut body, "export.progress.held", held);
        body.line("");
        let open: Vec<&&ActionLine> = lines
            .iter()
            .filter(|l| matches!(l.status, Status::Todo | Status::InProgress))
            .collect();
        let late = open
            .iter()
            .filter(|l| l.due.deadline().is_some_and(|d| d < opts.today))
            .count();
        body.line(if late > 0 {
            t!(
                text::plural(open.len(), "export.progress.open_late"),
                count = open.len(),
                late = late
            )
        } else {
            t!(
                text::plural(open.len(), "export.progress.open"),
                count = open.len()
            )
        });
        match g.next_meeting.filter(|m| m.date >= opts.today) {
            Some(m) => body.line(text::label(&t!("commit.next_meeting"), &text::when(&m))),
            None => body.line(t!("export.progress.no_meeting")),
        }
        body.line("");
        body.line(t!("export.eml.bye"));
        let subject = t!(
            "export.progress.subject",
            theme = one_line(&theme.title),
            date = &date
        );
        out.push(group_draft(
            s,
            n,
            theme,
            "point-etape",
            &subject,
            &body,
            opts,
        ));
    }
    out
}
