//! One iCalendar for the session (RFC 5545): a VTODO per dated action (a month-only due
//! falls on the month's last day), the groups' and the follow-ups of the problems « hors
//! atelier » alike, a VEVENT per next group meeting, per dated rencontre and workshop (all
//! day), and for the annual plenary. Stable UIDs
//! (the same before and after a file's first opening), a SEQUENCE that each saved change
//! raises and a LAST-MODIFIED of the item's last change, so that importing again updates
//! instead of duplicating.

use chrono::{NaiveDate, Utc};
use rust_i18n::t;

use crate::text::label;

use super::{Options, OutFile, groups, owners};
use crate::domain::{ActionLine, Session, Status, Timestamp, When};

/// TEXT escaping (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                o.push_str("\\n");
            }
            '\n' => o.push_str("\\n"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// Folds a content line at 75 octets without splitting a character (RFC 5545 §3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if count + len > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += len;
    }
    out.push_str("\r\n");
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    // UIDs are named after the session's id, which never changes; a file never opened yet
    // has none: the one its first opening will give it (see `store::stable_id`).
    let domain = format!("{}.atelier", crate::store::stable_id(s));
    let utc = |t: Timestamp| t.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
    let stamp = utc(opts.now);
    // LAST-MODIFIED: when the item last changed, if the session says; else when the file
    // was last saved; never the export's time.
    let modified = |at: Option<Timestamp>| at.or(opts.saved).map(utc);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//atelier//EIT workshops//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&s.title)),
    ];
    let mut todo = |l: &ActionLine, context: String, category: &str| {
        let Some(due) = l.due.deadline() else {
            return;
        };
        let summary = l.title();
        let status = match l.status {
            Status::Todo => "NEEDS-ACTION",
            Status::InProgress => "IN-PROCESS",
            Status::Done => "COMPLETED",
            Status::Abandoned => "CANCELLED",
        };
        let mut description = vec![context];
        for (key, value) in [
            ("poster.col.solution", l.solution.trim().to_string()),
            ("poster.col.owners", owners(&l.owners)),
            // As typed (« T2 2027 »): DUE holds its last day.
            ("poster.col.due", crate::text::due(&l.due)),
        ] {
            if !value.is_empty() {
                description.push(label(&t!(key), &value));
            }
        }
        let description = description.join("\n");
        lines.extend([
            "BEGIN:VTODO".into(),
            format!("UID:action-{}@{domain}", l.id),
            format!("DTSTAMP:{stamp}"),
            // Each change of a cell raises it: a subscribed calendar takes the new one.
            format!("SEQUENCE:{}", l.revision),
        ]);
        lines.extend(modified(l.revised_at).map(|m| format!("LAST-MODIFIED:{m}")));
        lines.extend([
            format!("SUMMARY:{}", escape(summary)),
            format!("DESCRIPTION:{}", escape(&description)),
            format!("DUE;VALUE=DATE:{}", date(due)),
            format!("STATUS:{status}"),
            format!("CATEGORIES:{}", escape(category)),
            "END:VTODO".into(),
        ]);
    };
    let mut events: Vec<String> = Vec::new();
    for (n, theme, g) in groups(s, opts) {
        for l in &g.poster.lines {
            todo(
                l,
                format!("{} {n} — {}", t!("poster.group"), theme.title),
                &theme.title,
            );
        }
        if let Some(d) = g.next_meeting {
            events.extend(event(
                &format!("meeting-{}@{domain}", theme.id),
                &stamp,
                g.meeting_revision.count,
                modified(g.meeting_revision.at).as_deref(),
                d,
                &t!("export.ics.meeting", theme = theme.title),
                &g.next_steps,
            ));
        }
    }
    if opts.group.is_none() {
        // The follow-ups of the problems « hors atelier » a rencontre raised.
        let outside = t!("card.kinds.out_of_scope").into_owned();
        for (card, l) in s.outside_lines() {
            let mut l = l.clone();
            if l.action.trim().is_empty() {
                l.action = card.text.clone();
            }
            todo(&l, label(&outside, card.text.trim()), &outside);
        }
    }
    lines.extend(events);
    if opts.group.is_none() {
        // The démarche's meetings everyone is invited to, in their order.
        for r in &s.rencontres {
            let Some(d) = r.date else { continue };
            lines.extend(event(
                &format!("rencontre-{}@{domain}", r.number),
                &stamp,
                r.date_revision.count,
                modified(r.date_revision.at).as_deref(),
                When::day(d),
                &t!("export.ics.rencontre", n = r.number, title = s.title),
                &s.zone.name,
            ));
        }
        for w in &s.workshops {
            let Some(d) = w.date else { continue };
            lines.extend(event(
                &format!("workshop-{}@{domain}", w.number),
                &stamp,
                w.date_revision.count,
                modified(w.date_revision.at).as_deref(),
                When::day(d),
                &t!("export.ics.workshop", n = w.number, title = s.title),
                &s.zone.name,
            ));
        }
    }
    if opts.group.is_none()
        && let Some(d) = s.annual_plenary
    {
        lines.extend(event(
            &format!("plenary@{domain}"),
            &stamp,
            s.plenary_revision.count,
            modified(s.plenary_revision.at).as_deref(),
            d,
            &t!("export.ics.plenary", title = s.title),
            "",
        ));
    }
    lines.push("END:VCALENDAR".into());
    let text: String = lines.iter().map(|l| fold(l)).collect();
    vec![OutFile {
        name: "atelier.ics".into(),
        bytes: text.into_bytes(),
    }]
}

/// An event: all day, or from its start for its duration, in local time (floating: the
/// calendar shows it at that hour wherever it is opened, as a meeting in the zone is meant).
/// SEQUENCE: how many saves changed it, so that a subscribed calendar takes the new date.
fn event(
    uid: &str,
    stamp: &str,
    sequence: u32,
    modified: Option<&str>,
    w: When,
    summary: &str,
    description: &str,
) -> Vec<String> {
    let d = w.date;
    let (start, end) = match w.span() {
        Some((start, end)) => (
            format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")),
            format!("DTEND:{}", end.format("%Y%m%dT%H%M%S")),
        ),
        None => (
            format!("DTSTART;VALUE=DATE:{}", date(d)),
            format!("DTEND;VALUE=DATE:{}", date(d.succ_opt().unwrap_or(d))),
        ),
    };
    let mut v = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
        format!("SEQUENCE:{sequence}"),
    ];
    v.extend(modified.map(|m| format!("LAST-MODIFIED:{m}")));
    v.extend([start, end, format!("SUMMARY:{}", escape(summary))]);
    if !description.is_empty() {
        v.push(format!("DESCRIPTION:{}", escape(description)));
    }
    v.push("END:VEVENT".into());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole_and_lines_short() {
        let long = format!("SUMMARY:{}", "é".repeat(100));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }
}
