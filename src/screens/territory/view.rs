//! The territory's table: a row a zone, the sorted column marked, the chosen row highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::{Territory, column};
use crate::export::territory::{cells, header};
use crate::ui::palette::Palette;
use crate::ui::{block, put};

/// Below this width the table is narrow: short headings, no synergies, the next event's
/// date alone.
const WIDE: u16 = 130;

/// The columns' widths for a table `w` wide: the zone (and the synergies and the next event
/// when wide) share what the stage and the figures leave.
fn widths(w: u16) -> [u16; 8] {
    if w < WIDE {
        let fixed = [0, 12, 9, 7, 7, 9, 0, 14];
        let zone = w.saturating_sub(fixed.iter().sum::<u16>());
        [zone, 12, 9, 7, 7, 9, 0, 14]
    } else {
        let fixed: u16 = 13 + 22 + 8 + 11 + 12;
        let rest = w.saturating_sub(fixed);
        let zone = rest * 35 / 100;
        let syn = rest * 35 / 100;
        [zone, 13, 22, 8, 11, 12, syn, rest - zone - syn]
    }
}

/// The headings: the export's when wide, short ones when narrow.
fn headings(w: u16) -> Vec<String> {
    if w >= WIDE {
        return header();
    }
    let mut h = header();
    for (i, key) in [
        (2, "territory.short.engaged"),
        (3, "territory.short.done"),
        (4, "territory.short.open"),
        (5, "territory.short.overdue"),
        (7, "territory.short.next"),
    ] {
        if let Some(c) = h.get_mut(i) {
            *c = t!(key).into_owned();
        }
    }
    h
}

/// A row's cells: the export's, with the next event's date alone when narrow.
fn row_cells(e: &crate::domain::territory::Entry, w: u16) -> Vec<String> {
    let mut c = cells(e);
    if w < WIDE
        && let (Ok(r), Some(next)) = (&e.row, c.get_mut(7))
    {
        *next = r
            .next
            .as_ref()
            .map(|(d, _)| crate::text::short_date(*d))
            .unwrap_or_else(|| "—".into());
    }
    c
}

pub fn render(t: &Territory, p: &Palette, area: Rect, buf: &mut Buffer) {
    let title = crate::text::count(t.entries.len(), "territory.title");
    let b = block(p, Line::styled(format!(" {title} "), p.accent), true)
        .title_bottom(Line::styled(format!(" {} ", t!("territory.help")), p.dim));
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    let x0 = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    let cols = widths(w);
    let sorted = column(t.sort);
    let row = |buf: &mut Buffer, y: u16, cells: &[String], style, head: bool| {
        let mut x = x0;
        for (i, (c, cw)) in cells.iter().zip(cols).enumerate() {
            if cw == 0 {
                continue;
            }
            let mut text = c.clone();
            if head && i == sorted {
                text = format!("{text} ▼");
            }
            let cell_style = if head && i == sorted { p.accent } else { style };
            // Figures to the right.
            let shown = if (2..6).contains(&i) && !head {
                let len = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
                x + cw.saturating_sub(len + 1)
            } else {
                x
            };
            put(buf, shown, y, &text, cw.saturating_sub(1), cell_style);
            x += cw;
        }
    };
    let mut y = inner.y;
    row(buf, y, &headings(w), p.dim, true);
    y += 1;
    if t.entries.is_empty() {
        put(buf, x0, y + 1, &t!("territory.none"), w, p.dim);
        return;
    }
    let visible = usize::from(inner.height.saturating_sub(2));
    let offset = t.selected.saturating_sub(visible.saturating_sub(1));
    for (i, e) in t.entries.iter().enumerate().skip(offset).take(visible) {
        let selected = i == t.selected;
        let style = if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), p.selected);
            p.selected
        } else if e.row.is_err() {
            p.danger
        } else if e.row.as_ref().is_ok_and(|r| r.overdue > 0) {
            p.warn
        } else {
            p.base
        };
        row(buf, y, &row_cells(e, w), style, false);
        y += 1;
    }
    // The sort, and the chosen zone in full (the table cuts long names).
    let sorted_by = t!(
        "territory.sorted",
        col = header().get(sorted).cloned().unwrap_or_default()
    );
    let chosen = t.entries.get(t.selected).map(|e| {
        let title = e.row.as_ref().map(|r| r.title.clone()).unwrap_or_default();
        format!("{title} · {}", e.path.display())
    });
    let line = match chosen {
        Some(c) => format!("{sorted_by} · {c}"),
        None => sorted_by.into_owned(),
    };
    put(
        buf,
        x0,
        inner.y + inner.height.saturating_sub(1),
        &line,
        w,
        p.dim,
    );
}
