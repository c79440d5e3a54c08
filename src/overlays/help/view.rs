//! The help overlay: every key of the current mode, from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use rust_i18n::t;

use crate::app::{State, keymap};
use crate::ui::palette::Palette;
use crate::ui::{block, layout};

pub fn render_help(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let sections = keymap::help_sections(state.screen_mode());
    let mut lines: Vec<Line> = Vec::new();
    for (title, entries) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, p.accent));
        for e in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12} ", e.keys), p.focus),
                Span::styled(e.text, p.base),
            ]));
        }
    }
    // Two columns when one does not fit the height: every key stays visible at 80×24.
    let rows = area.height.saturating_sub(2) as usize;
    let columns = if lines.len() > rows && area.width >= 80 {
        2
    } else {
        1
    };
    let per_col = lines.len().div_ceil(columns);
    let w = if columns == 2 {
        area.width.min(150)
    } else {
        area.width.min(76)
    };
    let h = (per_col as u16 + 2).min(area.height);
    let popup = layout::centered(area, w, h);
    Clear.render(popup, buf);
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("ui.help_title")), p.accent),
        true,
    )
    .title_bottom(Line::styled(format!(" {} ", t!("ui.help_close")), p.dim).right_aligned());
    let inner = b.inner(popup);
    b.render(popup, buf);
    let col_w = inner.width / columns as u16;
    for (c, chunk) in lines.chunks(per_col.max(1)).enumerate() {
        let rect = Rect::new(inner.x + c as u16 * col_w, inner.y, col_w, inner.height);
        Paragraph::new(chunk.to_vec())
            .style(p.base)
            .render(rect, buf);
    }
}
