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

/// The columns' widths for a table `w` wide: the zone and the next event share what the
/// figures leave.
fn widths(w: u16) -> [u16; 8] {
    // Figures and stage: fixed; at 80 columns the synergies column goes.
    let fixed = [0, 12, 10, 6, 8, 9, 0, 0];
    let rest = w.saturating_sub(fixed.iter().sum::<u16>() + 7);
    if w < 110 {
        let zone = rest * 5 / 10;
        [zone, 12, 10, 6, 8, 9, 0, rest - zone]
    } else {
        let zone = rest * 3 / 10;
        let syn = rest * 3 / 10;
        [zone, 12, 10, 6, 8, 9, syn, rest - zone - syn]
    }
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
    row(buf, y, &header(), p.dim, true);
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
        row(buf, y, &cells(e), style, false);
        y += 1;
    }
    let sorted_by = t!(
        "territory.sorted",
        col = header().get(sorted).cloned().unwrap_or_default()
    );
    put(
        buf,
        x0,
        inner.y + inner.height.saturating_sub(1),
        &sorted_by,
        w,
        p.dim,
    );
}
