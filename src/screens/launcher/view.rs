//! The launcher screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use crate::app::keymap;
use crate::app::launcher::{Launcher, LauncherItem};
use crate::ui::palette::Palette;
use crate::ui::{block, layout, put};

pub fn render(l: &Launcher, p: &Palette, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, p.base);
    if area.width < 20 || area.height < 8 {
        put(
            buf,
            area.x,
            area.y,
            &t!(
                "ui.too_small",
                w = layout::MIN_WIDTH,
                h = layout::MIN_HEIGHT
            ),
            area.width,
            p.warn,
        );
        return;
    }
    if let Some(t) = &l.territory {
        crate::screens::territory::view::render(t, p, area, buf);
        return;
    }
    let box_area = layout::centered(area, 100, area.height.saturating_sub(2));
    let b = block(
        p,
        Line::styled(format!(" atelier — {} ", t!("launcher.title")), p.accent),
        true,
    )
    .title_bottom(Line::styled(
        format!(
            " {} ",
            keymap::hints(l.mode(), keymap::Seat::Facilitator)
                .iter()
                .map(|h| format!("{} {}", h.keys, h.text))
                .collect::<Vec<_>>()
                .join(" · ")
        ),
        p.dim,
    ));
    let inner = b.inner(box_area);
    b.render(box_area, buf);
    let w = inner.width.saturating_sub(4);
    let mut y = inner.y + 1;
    put(buf, inner.x + 2, y, &t!("launcher.intro"), w, p.dim);
    y += 2;
    let visible = inner.height.saturating_sub(5) as usize / 2;
    let offset = l.selected.saturating_sub(visible.saturating_sub(1));
    for (i, item) in l.items.iter().enumerate().skip(offset).take(visible) {
        let selected = i == l.selected;
        let (main, sub) = match item {
            LauncherItem::New => (
                format!("＋ {}", t!("launcher.new")),
                t!("launcher.new_hint").into_owned(),
            ),
            LauncherItem::Example => (
                format!("★ {}", t!("launcher.example")),
                t!("launcher.example_hint").into_owned(),
            ),
            LauncherItem::Territory => (
                format!("▦ {}", t!("territory.entry")),
                t!("territory.entry_hint").into_owned(),
            ),
            LauncherItem::Session(info) => match &info.content {
                Ok(s) => (
                    s.title.clone(),
                    format!(
                        "{} {} · {} · {}",
                        t!("words.workshop_cap"),
                        s.workshop,
                        s.phase
                            .map(|ph| crate::text::phase_kind(ph.kind()))
                            .unwrap_or_default(),
                        info.path.display()
                    ),
                ),
                Err(e) => (format!("⚠ {}", info.path.display()), e.clone()),
            },
        };
        let style = if selected {
            p.selected
        } else {
            p.base.add_modifier(Modifier::BOLD)
        };
        if selected {
            buf.set_style(
                Rect::new(inner.x + 1, y, inner.width.saturating_sub(2), 2),
                p.selected,
            );
        }
        put(buf, inner.x + 2, y, &main, w, style);
        put(
            buf,
            inner.x + 4,
            y + 1,
            &sub,
            w.saturating_sub(2),
            if selected { p.selected } else { p.dim },
        );
        y += 2;
    }
    if let Some(m) = &l.message {
        put(
            buf,
            inner.x + 2,
            inner.y + inner.height.saturating_sub(1),
            m,
            w,
            p.danger,
        );
    }
    if let Some(e) = &l.editor {
        let a = Rect::new(
            box_area.x + 2,
            box_area.y + box_area.height.saturating_sub(5),
            box_area.width.saturating_sub(4),
            3,
        );
        ratatui::widgets::Clear.render(a, buf);
        let b = block(
            p,
            Line::styled(format!(" {} ", t!(e.target.label_key())), p.accent),
            true,
        );
        let i = b.inner(a);
        b.render(a, buf);
        e.textarea.render(i, buf);
    }
}
