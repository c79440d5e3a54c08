//! Suivi › Synergies: the board by stage (six columns when the terminal is wide, else the
//! stages with their counts over the selected stage's list), and a synergy's sheet.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::FollowUp;
use super::synergies::{self as model, Board};
use crate::app::State;
use crate::domain::synergy::{Stage, Synergy};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

/// From this width the board shows its six columns side by side.
pub(super) const WIDE: u16 = 120;

pub fn render(state: &State, f: &FollowUp, p: &Palette, area: Rect, buf: &mut Buffer) {
    if area.height < 4 {
        return;
    }
    let b = &f.synergies;
    if let Some(x) = b.sheet.and_then(|sh| state.session.synergy(sh.id)) {
        let row = b.sheet.map(|sh| sh.row).unwrap_or(0);
        return super::synergy_sheet_view::sheet(state, x, row, p, area, buf);
    }
    board(state, b, p, area, buf);
}

fn board(state: &State, b: &Board, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let today = state.now.date_naive();
    let shown = model::shown(s, &b.filter);
    let late = shown
        .iter()
        .filter(|x| model::overdue_lines(s, x, today) > 0)
        .count();
    let mut head = format!(
        " {} · {}",
        t!(
            "followup.filter_is",
            filter = model::filter_label(s, &b.filter)
        ),
        crate::text::count(shown.len(), "synergy.count")
    );
    if late > 0 {
        head.push_str(&format!(
            " · ⚠ {}",
            crate::text::count(late, "synergy.late")
        ));
    }
    put(buf, area.x, area.y, &head, area.width, p.dim);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    if s.synergies.is_empty() {
        let b = block(
            p,
            Line::styled(format!(" {} ", t!("followup.view.synergies")), p.dim),
            false,
        );
        let inner = b.inner(body);
        b.render(body, buf);
        for (i, l) in fit::wrap(&t!("synergy.empty"), inner.width.saturating_sub(2) as usize)
            .iter()
            .enumerate()
        {
            if (i as u16) < inner.height {
                put(buf, inner.x + 1, inner.y + i as u16, l, inner.width, p.dim);
            }
        }
        return;
    }
    if area.width >= WIDE {
        wide_board(state, b, p, body, buf);
    } else {
        narrow_board(state, b, p, body, buf);
    }
}

/// « ⚠ » when one of its action lines is overdue.
fn mark(state: &State, x: &Synergy) -> &'static str {
    if model::overdue_lines(&state.session, x, state.now.date_naive()) > 0 {
        "⚠ "
    } else {
        ""
    }
}

fn kind_and_pilot(x: &Synergy) -> String {
    let kind = t!(x.kind.label_key()).into_owned();
    match x.pilot() {
        Some(pilot) => format!("{kind} · {pilot}"),
        None => kind,
    }
}

fn wide_board(state: &State, b: &Board, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let n = Stage::ALL.len() as u16;
    let w = area.width / n;
    for (i, stage) in Stage::ALL.iter().enumerate() {
        let cards = model::column(s, &b.filter, *stage);
        let x0 = area.x + i as u16 * w;
        let width = if i as u16 == n - 1 {
            area.width - w * (n - 1)
        } else {
            w
        };
        let col = Rect::new(x0, area.y, width, area.height);
        let focused = i == b.column;
        let title = format!(" {} · {} ", t!(stage.label_key()), cards.len());
        let blk = block(
            p,
            Line::styled(title, if focused { p.focus } else { p.dim }),
            focused,
        );
        let inner = blk.inner(col);
        blk.render(col, buf);
        // A card: its title on up to two lines, its type and pilot, then a blank line.
        let per = ((inner.height + 1) / 4).max(1) as usize;
        let first = if focused {
            b.row.saturating_sub(per - 1)
        } else {
            0
        };
        let bottom = inner.y + inner.height;
        let text_w = inner.width.saturating_sub(2);
        for (k, x) in cards.iter().enumerate().skip(first).take(per) {
            let y = inner.y + ((k - first) * 4) as u16;
            let sel = focused && k == b.row;
            let late = !mark(state, x).is_empty();
            let style = match (sel, late) {
                (true, _) => p.selected,
                (false, true) => p.danger,
                _ => p.base,
            };
            let mut title = fit::wrap(&format!("{}{}", mark(state, x), x.title), text_w as usize);
            if title.len() > 2 {
                let rest = title.split_off(1).join(" ");
                title.push(fit::truncate(&rest, text_w as usize));
            }
            title.resize(2, String::new());
            for (i, l) in title.iter().enumerate() {
                let y = y + i as u16;
                if y < bottom {
                    buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
                    put(buf, inner.x + 1, y, l, text_w, style);
                }
            }
            if y + 2 < bottom {
                let style = if sel { p.selected } else { p.dim };
                buf.set_style(Rect::new(inner.x, y + 2, inner.width, 1), style);
                put(buf, inner.x + 1, y + 2, &kind_and_pilot(x), text_w, style);
            }
        }
        if cards.len() > first + per && inner.height > 0 {
            let more = format!("+{}", cards.len() - first - per);
            put(
                buf,
                inner.x + inner.width.saturating_sub(fit::width(&more) as u16 + 1),
                inner.y + inner.height - 1,
                &more,
                inner.width,
                p.dim,
            );
        }
    }
}

/// The stages with their counts on one line, the selected one highlighted; each label cut
/// to what the width leaves.
fn stage_strip(state: &State, b: &Board, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let today = state.now.date_naive();
    // Each stage's count, with « ⚠ » when one of its synergies has an overdue action.
    let counts: Vec<(String, String)> = Stage::ALL
        .iter()
        .map(|st| {
            let cards = model::column(s, &b.filter, *st);
            let late = cards.iter().any(|x| model::overdue_lines(s, x, today) > 0);
            let n = format!("{}{}", cards.len(), if late { "⚠" } else { "" });
            (t!(st.label_key()).into_owned(), n)
        })
        .collect();
    let full: usize = counts
        .iter()
        .map(|(l, n)| fit::width(l) + fit::width(n) + 4)
        .sum();
    let room = area.width as usize;
    let cap = if full < room {
        usize::MAX
    } else {
        (room / counts.len()).saturating_sub(6).max(2)
    };
    let mut x = area.x + 1;
    for (i, (label, n)) in counts.iter().enumerate() {
        let text = format!(" {} {n} ", fit::truncate(label, cap));
        let style = if i == b.column {
            p.current_step
        } else if n == "0" {
            p.dim
        } else {
            p.base
        };
        let used = put(
            buf,
            x,
            area.y,
            &text,
            (area.x + area.width).saturating_sub(x),
            style,
        );
        x = x.saturating_add(used + 1);
    }
}

fn narrow_board(state: &State, b: &Board, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    stage_strip(state, b, p, Rect::new(area.x, area.y, area.width, 1), buf);
    let list = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    let stage = b.stage();
    let cards = model::column(s, &b.filter, stage);
    let title = format!(" {} · {} ", t!(stage.label_key()), cards.len());
    let blk = block(p, Line::styled(title, p.focus), true);
    let inner = blk.inner(list);
    blk.render(list, buf);
    if cards.is_empty() {
        put(
            buf,
            inner.x + 1,
            inner.y,
            &t!("synergy.column_empty"),
            inner.width.saturating_sub(2),
            p.dim,
        );
        return;
    }
    // Title · type · pilot · group (the reason, for the abandoned).
    let w = inner.width.saturating_sub(2) as usize;
    let kind_w = 14.min(w / 5);
    let pilot_w = (w / 5).max(8);
    let last_w = (w / 5).max(8);
    let title_w = w.saturating_sub(kind_w + pilot_w + last_w + 3);
    let last_head = if stage == Stage::Abandoned {
        t!("synergy.col.reason")
    } else {
        t!("synergy.col.group")
    };
    let head = format!(
        "{} {} {} {}",
        pad(&fit::truncate(&t!("synergy.col.title"), title_w), title_w),
        pad(&fit::truncate(&t!("synergy.col.kind"), kind_w), kind_w),
        pad(&fit::truncate(&t!("synergy.col.pilot"), pilot_w), pilot_w),
        fit::truncate(&last_head, last_w),
    );
    put(
        buf,
        inner.x + 1,
        inner.y,
        &head,
        inner.width.saturating_sub(2),
        p.accent,
    );
    let visible = inner.height.saturating_sub(1) as usize;
    let first = b.row.saturating_sub(visible.saturating_sub(1));
    for (k, x) in cards.iter().enumerate().skip(first).take(visible) {
        let y = inner.y + 1 + (k - first) as u16;
        let late = !mark(state, x).is_empty();
        let style = if k == b.row {
            p.selected
        } else if late {
            p.danger
        } else {
            p.base
        };
        let last = match x.abandon_reason() {
            Some(r) if stage == Stage::Abandoned => r.to_string(),
            _ => model::group_label(s, x.group),
        };
        let line = format!(
            "{} {} {} {}",
            pad(
                &fit::truncate(&format!("{}{}", mark(state, x), x.title), title_w),
                title_w
            ),
            pad(&fit::truncate(&t!(x.kind.label_key()), kind_w), kind_w),
            pad(&fit::truncate(x.pilot().unwrap_or("—"), pilot_w), pilot_w),
            fit::truncate(&last, last_w),
        );
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        put(
            buf,
            inner.x + 1,
            y,
            &line,
            inner.width.saturating_sub(2),
            style,
        );
    }
}

/// `text` filled with spaces to `w` columns.
fn pad(text: &str, w: usize) -> String {
    let n = w.saturating_sub(fit::width(text));
    format!("{text}{}", " ".repeat(n))
}
