//! The next-workshop dialog.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use crate::app::State;
use crate::ui::palette::Palette;
use crate::ui::{block, layout, put};

/// The "start the next workshop" dialog.
pub fn render_next_workshop(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(d) = &state.next_workshop else {
        return;
    };
    let s = &state.session;
    let n = state.workshop().map(|w| w.number).unwrap_or(0) + 1;
    let h = (d.choices.len() as u16 + 6).min(area.height);
    let popup = layout::centered(area, 70, h);
    ratatui::widgets::Clear.render(popup, buf);
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("next.title", n = n)), p.accent),
        true,
    );
    let inner = b.inner(popup);
    b.render(popup, buf);
    let w = inner.width.saturating_sub(2);
    put(buf, inner.x + 1, inner.y, &t!("next.intro"), w, p.dim);
    for (i, (theme, on)) in d.choices.iter().enumerate() {
        let y = inner.y + 2 + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let title = s.theme(*theme).map(|t| t.title.clone()).unwrap_or_default();
        let lines = s.group(*theme).map(|g| g.poster.lines.len()).unwrap_or(0);
        let style = if d.row == i {
            p.selected
        } else if *on {
            p.base
        } else {
            p.dim
        };
        put(
            buf,
            inner.x + 1,
            y,
            &format!(
                "[{}] {title} ({})",
                if *on { "x" } else { " " },
                crate::text::count(lines, "words.lines")
            ),
            w,
            style,
        );
    }
    let y = inner.y + 3 + d.choices.len() as u16;
    if y < inner.y + inner.height {
        let style = if d.row == d.choices.len() {
            p.selected
        } else {
            p.accent
        };
        put(
            buf,
            inner.x + 1,
            y,
            &format!("▶ {}", t!("next.start", n = n)),
            w,
            style,
        );
    }
}
