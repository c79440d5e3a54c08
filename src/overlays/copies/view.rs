//! The copies dialog: what was found, what Enter does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::Copies;
use crate::app::State;
use crate::ui::palette::Palette;
use crate::ui::{block, layout, put};

/// At most this many copies are named; the others are counted.
const NAMED: usize = 4;

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(c) = &state.copies else {
        return;
    };
    let named = c.paths.len().min(NAMED);
    let more = c.paths.len() > named;
    let width = area.width.clamp(20, 76);
    let inner_w = usize::from(width.saturating_sub(4));
    let intro = crate::ui::fit::wrap(
        &t!(crate::text::plural(c.paths.len(), "copies.intro")),
        inner_w,
    );
    let what = crate::ui::fit::wrap(
        &t!(crate::text::plural(c.paths.len(), "copies.what")),
        inner_w,
    );
    let rows = intro.len() + 1 + named + usize::from(more) + 1 + what.len() + 2;
    let h = (rows as u16 + 2).min(area.height);
    let popup = layout::centered(area, width, h);
    ratatui::widgets::Clear.render(popup, buf);
    let b = block(
        p,
        Line::styled(
            format!(" {} ", crate::text::count(c.paths.len(), "copies.title")),
            p.accent,
        ),
        true,
    );
    let inner = b.inner(popup);
    b.render(popup, buf);
    let w = inner.width.saturating_sub(2);
    let bottom = inner.y + inner.height;
    let mut y = inner.y;
    let mut line = |text: &str, style, y: &mut u16| {
        if *y < bottom {
            put(buf, inner.x + 1, *y, text, w, style);
        }
        *y += 1;
    };
    for l in &intro {
        line(l, p.base, &mut y);
    }
    y += 1;
    for path in c.paths.iter().take(named) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        line(
            &format!("• {name} ({})", Copies::tool(path)),
            p.accent,
            &mut y,
        );
    }
    if more {
        let others = crate::text::count(c.paths.len() - named, "copies.more");
        line(&others, p.dim, &mut y);
    }
    y += 1;
    for l in &what {
        line(l, p.dim, &mut y);
    }
    y += 1;
    line(&t!("copies.keys"), p.selected, &mut y);
}
