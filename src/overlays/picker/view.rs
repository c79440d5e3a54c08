//! A picker, drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};
use rust_i18n::t;

use crate::ui::palette::Palette;
use crate::ui::{block, fit, layout};

pub fn render_picker(picker: &crate::app::Picker, p: &Palette, body: Rect, buf: &mut Buffer) {
    let visible = picker.visible();
    let h = (visible.len() as u16 + 4).min(body.height).max(5);
    let area = layout::centered(body, body.width.saturating_sub(4).min(100), h);
    Clear.render(area, buf);
    let title = match &picker.title {
        Some(t) => format!(
            " {} ",
            fit::truncate(t, area.width.saturating_sub(4) as usize)
        ),
        None => format!(" {} ", t!("ui.pick_title")),
    };
    let b = block(p, Line::styled(title, p.accent), true);
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 {
        return;
    }
    buf.set_string(
        inner.x,
        inner.y,
        fit::truncate(
            &format!("{} {}▏", t!("ui.filter"), picker.filter),
            inner.width as usize,
        ),
        p.dim,
    );
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = picker.selected.saturating_sub(rows.saturating_sub(1));
    for (i, (_, label)) in visible.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 1 + (i - offset) as u16;
        let style = if i == picker.selected {
            p.selected
        } else {
            p.base
        };
        let line = fit::truncate(label, inner.width as usize);
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_string(inner.x, y, line, style);
    }
}
