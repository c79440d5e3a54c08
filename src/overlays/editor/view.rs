//! The editor, drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};
use rust_i18n::t;

use crate::ui::palette::Palette;
use crate::ui::{block, fit};

pub fn render_editor(
    editor: &crate::app::Editor,
    p: &Palette,
    body: Rect,
    top: bool,
    buf: &mut Buffer,
) {
    let h = if editor.target.is_long() { 6 } else { 4 };
    // Full width: a narrower box would leave slivers of the screen beneath on its sides.
    let w = body.width;
    let y = if top {
        body.y
    } else {
        body.y + body.height.saturating_sub(h + 1)
    };
    let area = Rect::new(
        body.x + (body.width.saturating_sub(w)) / 2,
        y,
        w,
        h.min(body.height),
    );
    Clear.render(area, buf);
    let title = format!(" {} ", t!(editor.target.label_key()));
    let hint = format!(" {} ", t!("ui.editor_hint"));
    let b = block(p, Line::styled(title, p.accent), true)
        .title_bottom(Line::styled(hint, p.dim).right_aligned());
    let inner = b.inner(area);
    b.render(area, buf);
    let text_area = if let Some(err) = &editor.error {
        if inner.height > 1 {
            buf.set_string(
                inner.x,
                inner.y + inner.height - 1,
                fit::truncate(&format!("⚠ {err}"), inner.width as usize),
                p.danger,
            );
            Rect::new(inner.x, inner.y, inner.width, inner.height - 1)
        } else {
            inner
        }
    } else {
        inner
    };
    buf.set_style(text_area, p.base);
    editor.textarea.render(text_area, buf);
}
