//! Suivi: the actions of every group (sorted, filtered, overdue in red), each group's
//! follow-up, a timeline of deadlines with today marked, and planned against actual time.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState, Widget};
use rust_i18n::t;

use crate::app::State;
use crate::app::followup::{self, FollowUp, View};
use crate::domain::Status;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

pub fn render(state: &State, f: &FollowUp, p: &Palette, area: Rect, buf: &mut Buffer) {
    if area.height < 4 {
        return;
    }
    let mut spans = vec![Span::styled(format!(" {} ", t!("followup.title")), p.title)];
    for v in View::ALL {
        spans.push(Span::styled(
            format!(" {} ", t!(v.label_key())),
            if v == f.view { p.current_step } else { p.dim },
        ));
        spans.push(Span::styled(" ", p.base));
    }
    Line::from(spans).render(Rect::new(area.x, area.y, area.width, 1), buf);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    match f.view {
        View::Actions => actions(state, f, p, body, buf),
        View::Synergies => super::synergies_view::render(state, f, p, body, buf),
        View::Groups => groups(state, f, p, body, buf),
        View::Timeline => timeline(state, p, body, buf),
        View::Chart => chart(state, p, body, buf),
        View::Bilan => super::bilan_view::render(state, f, p, body, buf),
    }
}

/// Column widths: the due, the status and the pilot (short, and unreadable cut: « in pr… »)
/// get what they need first, up to a cap; the group, the action and the owners share the rest.
fn action_widths(state: &State, rows: &[followup::Row], inner_w: u16) -> [u16; 6] {
    let s = &state.session;
    // The widest value, stopping at the cap: with thousands of lines, most columns reach it
    // within the first rows.
    let need = |header: &str, values: &mut dyn Iterator<Item = String>, cap: usize| {
        let mut widest = fit::width(header);
        for v in values {
            widest = widest.max(fit::width(&v) + 2); // room for « ⚠ » / « ? »
            if widest >= cap {
                break;
            }
        }
        widest.min(cap) as u16
    };
    let due = need(
        &t!("poster.col.due"),
        &mut rows.iter().map(|r| crate::text::due(&r.line.due)),
        16,
    );
    let status = need(
        &t!("poster.col.status"),
        &mut crate::domain::Status::ALL
            .iter()
            .map(|x| t!(x.label_key()).into_owned()),
        12,
    );
    // Groups (and « hors atelier ») by their rows, each once: a label a group, not a line.
    let mut groups: Vec<&followup::Row> = Vec::new();
    for r in rows {
        if !groups
            .iter()
            .any(|g| g.theme == r.theme && g.outside == r.outside)
        {
            groups.push(r);
        }
    }
    let has_pilot = groups.iter().any(|r| {
        s.group(r.theme)
            .is_some_and(|g| g.pilot.as_ref().is_some_and(|p| !p.name.is_empty()))
    });
    let pilot_cap = if has_pilot { inner_w as usize / 7 } else { 0 };
    let pilot = need(
        &t!("commit.pilot_kind"),
        &mut groups.iter().filter_map(|r| {
            s.group(r.theme)
                .and_then(|g| g.pilot.as_ref())
                .map(|p| p.name.clone())
        }),
        pilot_cap,
    );
    let rest = inner_w.saturating_sub(due + status + pilot);
    // « hors atelier » is a label, not a title: whole, or it reads « hors atel… ».
    let outside = if groups.iter().any(|r| r.outside) {
        fit::width(&t!("followup.outside")) + 2
    } else {
        0
    };
    let group = need(
        &t!("followup.col.group"),
        &mut groups.iter().map(|r| r.group_label(s)),
        usize::from(rest * 22 / 100).max(outside.min(usize::from(rest / 3))),
    );
    let rest = rest.saturating_sub(group);
    let action = rest * 60 / 100;
    let owners = rest.saturating_sub(action);
    [group, action, owners, due, status, pilot]
}

fn actions(state: &State, f: &FollowUp, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let today = state.now.date_naive();
    let rows = followup::rows(s, f, today);
    let head = format!(
        " {} · {} · {}",
        t!("followup.sorted_by", by = t!(f.sort.label_key())),
        t!(
            "followup.filter_is",
            filter = followup::filter_label(s, &f.filter)
        ),
        crate::text::count(rows.len(), "followup.count")
    );
    put(buf, area.x, area.y, &head, area.width, p.dim);
    let widths = action_widths(state, &rows, area.width.saturating_sub(2 + 5));
    let header = Row::new(
        [
            t!("followup.col.group"),
            t!("followup.col.action"),
            t!("poster.col.owners"),
            t!("poster.col.due"),
            t!("poster.col.status"),
            t!("commit.pilot_kind"),
        ]
        .into_iter()
        .zip(widths)
        .map(|(h, w)| Cell::from(fit::truncate(&h, w as usize)).style(p.accent)),
    );
    // Only the rows on screen are built: the window that keeps the selected row in view.
    let visible = area.height.saturating_sub(4) as usize; // head, borders, header row
    let first = f.row.saturating_sub(visible.saturating_sub(1));
    let body: Vec<Row> = rows
        .iter()
        .skip(first)
        .take(visible)
        .map(|r| {
            let g = s.group(r.theme);
            let action = match (r.line.solution.is_empty(), r.line.action.is_empty()) {
                (false, false) => format!("{} — {}", r.line.solution, r.line.action),
                (false, true) => r.line.solution.clone(),
                _ => r.line.action.clone(),
            };
            let due = crate::text::due(&r.line.due);
            let due = if r.overdue {
                format!("⚠ {due}")
            } else if r.line.due.is_undated() {
                format!("? {due}")
            } else {
                due
            };
            let pilot = g
                .and_then(|g| g.pilot.as_ref())
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let cells = [
                r.group_label(s),
                action,
                followup::owners_text(r.line),
                due,
                t!(r.line.status.label_key()).into_owned(),
                pilot,
            ];
            let style = if r.overdue {
                p.danger
            } else if r.line.status == Status::Done {
                p.ok
            } else if r.line.status == Status::Abandoned {
                p.dim
            } else {
                p.base
            };
            Row::new(
                cells
                    .into_iter()
                    .zip(widths)
                    .map(|(c, w)| Cell::from(fit::truncate(&c, w as usize))),
            )
            .style(style)
        })
        .collect();
    let table = Table::new(body, widths.map(Constraint::Length))
        .header(header)
        .column_spacing(1)
        .block(block(
            p,
            Line::styled(format!(" {} ", t!("followup.view.actions")), p.dim),
            false,
        ))
        .row_highlight_style(p.selected);
    let mut ts = TableState::default()
        .with_selected((!rows.is_empty()).then_some(f.row.saturating_sub(first)));
    StatefulWidget::render(
        table,
        Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(1),
        ),
        buf,
        &mut ts,
    );
}

fn groups(state: &State, f: &FollowUp, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let list_w = (area.width / 3).clamp(20, 44);
    let list = Rect::new(area.x, area.y, list_w, area.height);
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("followup.view.groups")), p.dim),
        false,
    );
    let inner = b.inner(list);
    b.render(list, buf);
    for (i, t) in s.themes.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let style = if f.row == i { p.selected } else { p.base };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        put(
            buf,
            inner.x + 1,
            y,
            &format!("{} {}", i + 1, t.title),
            inner.width.saturating_sub(2),
            style,
        );
    }
    let plenary_row = s.themes.len();
    let y = inner.y + plenary_row as u16 + 1;
    if y < inner.y + inner.height {
        let style = if f.row == plenary_row {
            p.selected
        } else {
            p.accent
        };
        let date = s
            .annual_plenary
            .as_ref()
            .map(crate::text::when)
            .unwrap_or_else(|| "—".into());
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        put(
            buf,
            inner.x + 1,
            y,
            &crate::text::label(&t!("followup.annual_plenary"), &date),
            inner.width.saturating_sub(2),
            style,
        );
    }
    let detail = Rect::new(
        area.x + list_w,
        area.y,
        area.width.saturating_sub(list_w),
        area.height,
    );
    let Some(theme) = s.themes.get(f.row) else {
        let b = block(
            p,
            Line::styled(format!(" {} ", t!("followup.annual_plenary")), p.focus),
            true,
        );
        let i = b.inner(detail);
        b.render(detail, buf);
        put(
            buf,
            i.x + 1,
            i.y,
            &t!("followup.plenary_hint"),
            i.width.saturating_sub(2),
            p.dim,
        );
        return;
    };
    let Some(g) = s.group(theme.id) else { return };
    let b = block(
        p,
        Line::styled(crate::ui::title_in(&theme.title, detail.width), p.focus),
        true,
    );
    let i = b.inner(detail);
    b.render(detail, buf);
    let w = i.width.saturating_sub(2);
    let mut lines: Vec<(String, String, bool)> = Vec::new();
    // As the exports say it (« Ciments de la Plaine, entreprise — contact »).
    let pilot = crate::export::pilot_text(g.pilot.as_ref());
    lines.push((t!("commit.pilot_kind").into_owned(), pilot, false));
    let members: Vec<String> = g
        .enrolled
        .iter()
        .filter_map(|id| s.participant(*id))
        .map(|p| p.name.clone())
        .collect();
    lines.push((
        t!("followup.members").into_owned(),
        if members.is_empty() {
            "—".into()
        } else {
            members.join(", ")
        },
        false,
    ));
    lines.push((
        t!("commit.next_steps").into_owned(),
        g.next_steps.clone(),
        false,
    ));
    let next = g
        .next_meeting
        .as_ref()
        .map(crate::text::when)
        .unwrap_or_else(|| "—".into());
    lines.push((t!("commit.next_meeting").into_owned(), next, true));
    lines.push((t!("followup.meetings").into_owned(), String::new(), false));
    for m in &g.meetings {
        lines.push((
            String::new(),
            format!("{} — {}", crate::text::when(&m.date), m.note),
            false,
        ));
    }
    if g.meetings.is_empty() {
        lines.push((
            String::new(),
            t!("followup.no_meetings").into_owned(),
            false,
        ));
    }
    let label_w = (lines
        .iter()
        .map(|(l, _, _)| fit::width(l))
        .max()
        .unwrap_or(0) as u16
        + 2)
    .min(w * 2 / 5);
    let mut y = i.y;
    for (label, value, emphasis) in lines {
        for (k, l) in fit::wrap(&value, w.saturating_sub(label_w).max(1) as usize)
            .into_iter()
            .enumerate()
        {
            if y >= i.y + i.height {
                return;
            }
            if k == 0 {
                // One column always left between a label and its value.
                put(buf, i.x + 1, y, &label, label_w.saturating_sub(1), p.dim);
            }
            put(
                buf,
                i.x + 1 + label_w,
                y,
                &l,
                w.saturating_sub(label_w),
                if emphasis { p.accent } else { p.base },
            );
            y += 1;
        }
    }
}

fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// One row per group, one column per week: a mark at each dated action's deadline, coloured
/// by status (overdue in red), with today as a vertical line.
fn timeline(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let today = state.now.date_naive();
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("followup.view.timeline")), p.dim),
        false,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let mut dated: Vec<NaiveDate> = s
        .groups
        .iter()
        .flat_map(|g| g.poster.lines.iter())
        .filter_map(|l| l.due.deadline())
        .collect();
    // The démarche's own dates: its rencontres, workshops and the annual plenary.
    let milestones: Vec<(NaiveDate, String)> = s
        .rencontres
        .iter()
        .filter_map(|r| {
            Some((
                r.date?,
                t!("followup.mark.rencontre", n = r.number).into_owned(),
            ))
        })
        .chain(s.workshops.iter().filter_map(|w| {
            Some((
                w.date?,
                t!("followup.mark.workshop", n = w.number).into_owned(),
            ))
        }))
        .chain(
            s.annual_plenary
                .map(|w| (w.date, t!("followup.mark.plenary").into_owned())),
        )
        .collect();
    dated.extend(milestones.iter().map(|(d, _)| *d));
    if dated.is_empty() {
        put(
            buf,
            inner.x + 1,
            inner.y,
            &t!("followup.no_dates"),
            inner.width.saturating_sub(2),
            p.dim,
        );
        return;
    }
    let first = dated.iter().copied().chain([today]).min().unwrap_or(today);
    let last = dated.iter().copied().chain([today]).max().unwrap_or(today);
    let (m0, m1) = (month_index(first), month_index(last) + 1);
    let label_w = (inner.width / 4).clamp(12, 32);
    let chart_w = inner.width.saturating_sub(label_w + 2).max(1);
    let months = (m1 - m0).max(1);
    let x_of = |d: NaiveDate| -> u16 {
        let pos = (month_index(d) - m0) as f64 + (d.day0() as f64 / 31.0);
        inner.x + label_w + 1 + ((pos / months as f64) * f64::from(chart_w - 1)).round() as u16
    };
    // Month ticks, each label whole and a column apart from the others (months can be
    // narrower than their names: some are then left out). January, where the year changes,
    // is placed first, then the first month (with its year if there is room, else alone),
    // then the others where they fit.
    let mut ticks: Vec<(u16, Vec<String>)> = Vec::new();
    for m in m0..m1 {
        let Some(d) = NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
        else {
            continue;
        };
        let short = crate::text::short_month(d.month());
        let with_year = format!("{short} {}", d.year());
        let choices = if d.month() == 1 || m == m0 {
            vec![with_year, short.to_string()]
        } else {
            vec![short.to_string()]
        };
        ticks.push((x_of(d), choices));
    }
    let rank = |i: usize, m: u32| -> u8 {
        match (m, i) {
            (1, _) => 0,
            (_, 0) => 1,
            _ => 2,
        }
    };
    let mut order: Vec<usize> = (0..ticks.len()).collect();
    order.sort_by_key(|&i| {
        let m = (m0 + i as i32).rem_euclid(12) as u32 + 1;
        (rank(i, m), i)
    });
    let mut placed: Vec<(u16, u16, String)> = Vec::new();
    for i in order {
        let Some((x, choices)) = ticks.get(i) else {
            continue;
        };
        let x = *x;
        for lab in choices {
            let w = fit::width(lab) as u16;
            let clear = placed.iter().all(|(px, pw, _)| x > px + pw || x + w < *px);
            if x >= inner.x && x + w < inner.x + inner.width && clear {
                placed.push((x, w, lab.clone()));
                break;
            }
        }
    }
    for (x, w, lab) in &placed {
        put(buf, *x, inner.y, lab, *w, p.dim);
    }
    let tx = x_of(today);
    for (i, t) in s.themes.iter().enumerate() {
        let y = inner.y + 2 + (i as u16) * 2;
        if y >= inner.y + inner.height {
            break;
        }
        put(
            buf,
            inner.x + 1,
            y,
            &format!("{} {}", i + 1, t.title),
            label_w - 1,
            p.base,
        );
        // The baseline of the row.
        for x in (inner.x + label_w + 1)..(inner.x + label_w + 1 + chart_w) {
            buf.set_string(x, y, "·", p.dim);
        }
        if let Some(g) = s.group(t.id) {
            for l in &g.poster.lines {
                let Some(d) = l.due.deadline() else { continue };
                let style = if followup::is_overdue(l, today) {
                    p.danger
                } else {
                    match l.status {
                        Status::Done => p.ok,
                        Status::Abandoned => p.dim,
                        Status::InProgress => p.accent,
                        Status::Todo => p.focus,
                    }
                };
                buf.set_string(x_of(d), y, "◆", style);
            }
        }
    }
    // Today, over everything.
    for y in inner.y + 1..inner.y + inner.height.saturating_sub(1) {
        if buf.cell((tx, y)).is_some_and(|c| c.symbol() != "◆") {
            buf.set_string(tx, y, "│", p.danger);
        }
    }
    // The démarche's dates on their own row, under the months: each mark whole where it
    // fits beside the others, else a bare ▲.
    let y = inner.y + 1;
    if y + 1 < inner.y + inner.height {
        put(
            buf,
            inner.x + 1,
            y,
            &t!("followup.milestones"),
            label_w - 1,
            p.dim,
        );
        let mut taken: Vec<(u16, u16)> = Vec::new();
        for (d, mark) in &milestones {
            let x = x_of(*d);
            let w = fit::width(mark) as u16;
            let free = |x: u16, w: u16| taken.iter().all(|(px, pw)| x > px + pw || x + w < *px);
            let (text, w) = if x + w <= inner.x + inner.width && free(x, w) {
                (mark.as_str(), w)
            } else {
                ("▲", 1)
            };
            if x < inner.x + inner.width {
                buf.set_string(x, y, text, p.accent.add_modifier(Modifier::BOLD));
                taken.push((x, w));
            }
        }
    }
    let legend = t!(
        "followup.timeline_legend",
        today = crate::text::short_date(today)
    );
    put(
        buf,
        inner.x + 1,
        inner.y + inner.height.saturating_sub(1),
        &legend,
        inner.width.saturating_sub(2),
        p.dim,
    );
}

/// Planned against actual minutes per phase, for each workshop, as bars.
fn chart(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("followup.view.chart")), p.dim),
        false,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let label_w = 22u16;
    let bar_w = inner.width.saturating_sub(label_w + 16).max(1);
    let mut rows: Vec<(String, u32, i64)> = Vec::new();
    let mut y = inner.y;
    for w in &s.workshops {
        let kinds: Vec<(String, u32, i64)> = s
            .time_by_phase(w, state.now)
            .into_iter()
            .map(|t| (crate::text::phase_kind(t.kind), t.planned_min, t.actual_min))
            .collect();
        rows.extend(kinds.iter().cloned());
        let max = kinds
            .iter()
            .map(|(_, p, a)| i64::from(*p).max(*a))
            .max()
            .unwrap_or(1)
            .max(1);
        if y >= inner.y + inner.height {
            break;
        }
        let date = w.date.map(crate::text::long_date).unwrap_or_default();
        put(
            buf,
            inner.x + 1,
            y,
            &format!("{} {} {date}", t!("words.workshop_cap"), w.number),
            inner.width,
            p.title,
        );
        y += 1;
        for (name, planned, real) in kinds {
            if y + 1 >= inner.y + inner.height {
                break;
            }
            let len = |v: i64| ((v as f64 / max as f64) * f64::from(bar_w)).round() as usize;
            put(buf, inner.x + 1, y, &name, label_w, p.base);
            let pb = "█".repeat(len(i64::from(planned)));
            let ab = "█".repeat(len(real));
            let used = put(buf, inner.x + 1 + label_w, y, &pb, bar_w, p.dim);
            put(
                buf,
                inner.x + 2 + label_w + used,
                y,
                &t!("followup.planned_n", n = planned),
                14,
                p.dim,
            );
            let over = real > i64::from(planned);
            let st = if over { p.warn } else { p.ok };
            let used = put(buf, inner.x + 1 + label_w, y + 1, &ab, bar_w, st);
            put(
                buf,
                inner.x + 2 + label_w + used,
                y + 1,
                &t!("followup.actual_n", n = real),
                14,
                st.add_modifier(Modifier::BOLD),
            );
            y += 2;
        }
        y += 1;
    }
    let _ = rows;
}

#[cfg(test)]
mod tests {
    use crate::app::testing::state_at;
    use crate::app::{Action, update};
    use crate::domain::Phase;

    #[test]
    fn outside_the_workshop_is_never_cut_in_the_actions() {
        for size in [(80, 24), (120, 36)] {
            let mut st = state_at(Phase::Closed);
            st.size = size;
            update(&mut st, Action::ToggleFollowUp);
            let text = crate::ui::screen_text(&st);
            assert!(text.contains("│hors atelier "), "{size:?}\n{text}");
        }
    }
}
