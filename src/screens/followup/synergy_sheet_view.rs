//! A synergy's sheet: the rows it edits (title … note, the impacts estimated and measured
//! apart) and what it reads (its action lines, the lead it grew from, the dated history);
//! side by side when the terminal is wide, one after the other at 80 columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::is_overdue;
use super::synergies::{self as model, SheetRow};
use super::synergies_view::WIDE;
use crate::app::State;
use crate::domain::synergy::{EventKind, Synergy};
use crate::overlays::editor::fields_synergy::{impact_text, members_text};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

/// One line of the sheet: the row it edits (if any), its text and style.
struct Entry {
    row: Option<SheetRow>,
    text: String,
    style: Style,
}

fn entry(row: Option<SheetRow>, text: String, style: Style) -> Entry {
    Entry { row, text, style }
}

fn labelled(label: &str, value: &str) -> String {
    crate::text::label(label, value)
}

/// The rows edited (title … note, impacts) and what is read (lines, history, lead).
fn sheet_entries(state: &State, x: &Synergy, p: &Palette) -> (Vec<Entry>, Vec<Entry>) {
    let s = &state.session;
    let today = state.now.date_naive();
    let date = |at: &crate::domain::Timestamp| crate::text::short_date(at.date_naive());
    let mut left = Vec::new();
    for row in model::sheet_rows(x) {
        let e = match row {
            SheetRow::Title => entry(
                Some(row),
                labelled(&t!("synergy.sheet.title"), &x.title),
                p.title,
            ),
            SheetRow::Kind => entry(
                Some(row),
                labelled(&t!("synergy.sheet.kind"), &t!(x.kind.label_key())),
                p.base,
            ),
            SheetRow::Stage => {
                let stage = t!(x.stage().label_key()).into_owned();
                let value = match x.stage_since() {
                    Some(at) => {
                        t!("synergy.sheet.since", stage = stage, date = date(&at)).into_owned()
                    }
                    None => stage,
                };
                let value = match x.abandon_reason() {
                    Some(r) if !r.is_empty() => format!("{value} — {r}"),
                    _ => value,
                };
                entry(
                    Some(row),
                    labelled(&t!("synergy.sheet.stage"), &value),
                    p.accent,
                )
            }
            SheetRow::Pilot => {
                let pilot = match x.pilot_and_contact() {
                    Some((organisation, "")) => organisation.to_string(),
                    Some((organisation, contact)) => format!("{organisation} ({contact})"),
                    None => "—".into(),
                };
                let mut e = vec![entry(
                    Some(row),
                    labelled(&t!("synergy.sheet.pilot"), &pilot),
                    p.base,
                )];
                let pilots: Vec<(String, String)> = x
                    .history
                    .iter()
                    .filter_map(|e| match &e.what {
                        EventKind::Pilot { organisation, .. } => {
                            Some((organisation.clone(), date(&e.at)))
                        }
                        EventKind::Stage { .. } => None,
                    })
                    .collect();
                if pilots.len() > 1 {
                    let before: Vec<String> = pilots
                        .iter()
                        .take(pilots.len() - 1)
                        .map(|(o, d)| {
                            t!("synergy.sheet.pilot_from", who = o, date = d).into_owned()
                        })
                        .collect();
                    e.push(entry(
                        None,
                        format!(
                            "  {}",
                            labelled(&t!("synergy.sheet.before"), &before.join(" · "))
                        ),
                        p.dim,
                    ));
                }
                left.extend(e);
                continue;
            }
            SheetRow::Members => {
                let m = members_text(&x.members);
                let m = if m.is_empty() { "—".into() } else { m };
                entry(
                    Some(row),
                    labelled(&t!("synergy.sheet.members"), &m),
                    p.base,
                )
            }
            SheetRow::Group => entry(
                Some(row),
                labelled(&t!("synergy.sheet.group"), &model::group_label(s, x.group)),
                p.base,
            ),
            SheetRow::Impact(i) => {
                let Some(imp) = x.impacts.get(i) else {
                    continue;
                };
                // A heading before the first estimated and the first measured.
                let first_of_its_kind =
                    x.impacts.iter().position(|o| o.measured == imp.measured) == Some(i);
                if first_of_its_kind {
                    let key = if imp.measured {
                        "synergy.sheet.measured"
                    } else {
                        "synergy.sheet.estimated"
                    };
                    left.push(entry(None, t!(key).into_owned(), p.header));
                }
                entry(Some(row), format!("  {}", impact_text(imp, false)), p.base)
            }
            SheetRow::NewImpact => {
                if x.impacts.is_empty() {
                    left.push(entry(
                        None,
                        t!("synergy.sheet.impacts").into_owned(),
                        p.header,
                    ));
                }
                entry(
                    Some(row),
                    format!("  {}", t!("synergy.sheet.add_impact")),
                    p.dim,
                )
            }
            SheetRow::Note => {
                let note = if x.note.is_empty() {
                    "—"
                } else {
                    x.note.as_str()
                };
                entry(Some(row), labelled(&t!("synergy.sheet.note"), note), p.base)
            }
        };
        left.push(e);
    }
    let mut right = Vec::new();
    right.push(entry(
        None,
        format!("{} ({})", t!("synergy.sheet.lines"), x.lines.len()),
        p.header,
    ));
    if x.lines.is_empty() {
        right.push(entry(
            None,
            format!("  {}", t!("synergy.sheet.no_lines")),
            p.dim,
        ));
    }
    for l in x.lines.iter().filter_map(|id| s.line(*id)) {
        let late = is_overdue(l, today);
        let what = match (l.solution.is_empty(), l.action.is_empty()) {
            (false, false) => format!("{} — {}", l.solution, l.action),
            (false, true) => l.solution.clone(),
            _ => l.action.clone(),
        };
        let text = format!(
            "  {}{what} · {} · {}",
            if late { "⚠ " } else { "" },
            crate::text::due(&l.due),
            t!(l.status.label_key())
        );
        right.push(entry(None, text, if late { p.danger } else { p.base }));
    }
    if let Some(n) = x.lead.and_then(|id| s.needs.iter().find(|n| n.id == id)) {
        right.push(entry(
            None,
            labelled(&t!("synergy.sheet.lead"), &crate::text::quoted(&n.text)),
            p.dim,
        ));
    }
    right.push(entry(
        None,
        t!("synergy.sheet.history").into_owned(),
        p.header,
    ));
    if x.history.is_empty() {
        right.push(entry(
            None,
            format!("  {}", t!("synergy.sheet.no_history")),
            p.dim,
        ));
    }
    for e in &x.history {
        let what = match &e.what {
            EventKind::Stage { stage, reason } if reason.is_empty() => {
                t!("synergy.sheet.event_stage", stage = t!(stage.label_key())).into_owned()
            }
            EventKind::Stage { stage, reason } => format!(
                "{} — {reason}",
                t!("synergy.sheet.event_stage", stage = t!(stage.label_key()))
            ),
            EventKind::Pilot {
                organisation,
                contact,
            } if contact.is_empty() => {
                t!("synergy.sheet.event_pilot", who = organisation).into_owned()
            }
            EventKind::Pilot {
                organisation,
                contact,
            } => t!(
                "synergy.sheet.event_pilot",
                who = format!("{organisation} ({contact})")
            )
            .into_owned(),
        };
        right.push(entry(None, format!("  {} · {what}", date(&e.at)), p.base));
    }
    (left, right)
}

pub(super) fn sheet(
    state: &State,
    x: &Synergy,
    row: usize,
    p: &Palette,
    area: Rect,
    buf: &mut Buffer,
) {
    let title = format!(" {} ", t!("synergy.sheet.heading", title = x.title));
    let blk = block(
        p,
        Line::styled(
            fit::truncate(&title, area.width.saturating_sub(4) as usize),
            p.focus,
        ),
        true,
    );
    let inner = blk.inner(area);
    blk.render(area, buf);
    let (left, right) = sheet_entries(state, x, p);
    let selected = model::sheet_rows(x).get(row).copied();
    if area.width >= WIDE {
        let lw = inner.width / 2;
        entries(
            &left,
            selected,
            p,
            Rect::new(inner.x, inner.y, lw, inner.height),
            buf,
        );
        entries(
            &right,
            None,
            p,
            Rect::new(
                inner.x + lw + 1,
                inner.y,
                inner.width.saturating_sub(lw + 1),
                inner.height,
            ),
            buf,
        );
    } else {
        let mut all = left;
        all.push(entry(None, String::new(), p.base));
        all.extend(right);
        entries(&all, selected, p, inner, buf);
    }
}

/// Lines of entries, long ones wrapped, scrolled so that the selected row is in view.
fn entries(list: &[Entry], selected: Option<SheetRow>, p: &Palette, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<(String, Style, bool)> = Vec::new();
    for e in list {
        let sel = e.row.is_some() && e.row == selected;
        let body = e.text.trim_start_matches(' ');
        let indent = e.text.len() - body.len();
        let wrapped = fit::wrap(body, w.saturating_sub(indent + 2).max(8));
        let wrapped = if wrapped.is_empty() {
            vec![String::new()]
        } else {
            wrapped
        };
        for (i, l) in wrapped.into_iter().enumerate() {
            let pad = if i == 0 { indent } else { indent + 2 };
            let text = format!("{}{l}", " ".repeat(pad));
            lines.push((text, if sel { p.selected } else { e.style }, sel));
        }
    }
    let h = area.height as usize;
    let last_sel = lines.iter().rposition(|l| l.2).unwrap_or(0);
    // On the last row (the note), what follows it (the history) comes into view too.
    let last_row = list.iter().rposition(|e| e.row.is_some());
    let first = if selected.is_some() && list.iter().rposition(|e| e.row == selected) == last_row {
        lines.len().saturating_sub(h).min(last_sel)
    } else {
        (last_sel + 1).saturating_sub(h)
    };
    for (k, (text, style, sel)) in lines.iter().skip(first).take(h).enumerate() {
        let y = area.y + k as u16;
        if *sel {
            buf.set_style(Rect::new(area.x, y, area.width, 1), *style);
        }
        put(
            buf,
            area.x + 1,
            y,
            text,
            area.width.saturating_sub(2),
            *style,
        );
    }
}
