//! Présentation d'un thème: the title as big as the width allows, the constat, the linked
//! needs and the expert, with the timer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use rust_i18n::t;

use crate::app::State;
use crate::ui::palette::Palette;
use crate::ui::{big::big, fit, put, timer};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let Some(w) = state.workshop() else { return };
    let Some(theme) = s.theme_of_step(w, w.phase) else {
        put(
            buf,
            area.x + 2,
            area.y + 1,
            &t!("presentation.none"),
            area.width.saturating_sub(4),
            p.warn,
        );
        return;
    };
    let (k, n) = s.step_position(w);
    let margin = if area.width >= 120 { 6 } else { 2 };
    let inner = Rect::new(
        area.x + margin,
        area.y + 1,
        area.width.saturating_sub(2 * margin),
        area.height.saturating_sub(1),
    );
    put(
        buf,
        inner.x,
        inner.y,
        &t!("presentation.step", k = k, n = n),
        inner.width,
        p.dim,
    );
    let mut y = inner.y + 1;
    // Title: the largest glyphs that fit on one line (or two), else plain text.
    let room = inner.height.saturating_sub(12);
    y += big(
        &theme.title.to_uppercase(),
        p.accent,
        inner.x,
        y,
        inner.width,
        room,
        buf,
    ) + 1;
    let (text_area, timer_area) = {
        let tw = crate::ui::layout::timer_column_width(area.width).min(inner.width / 2);
        let bottom = area.y + area.height;
        let top = y.min(bottom);
        (
            Rect::new(
                inner.x,
                top,
                inner.width.saturating_sub(tw + 2),
                bottom - top,
            ),
            Rect::new(
                inner.x + inner.width.saturating_sub(tw),
                top,
                tw,
                (bottom - top).min(10),
            ),
        )
    };
    // Label column, then text wrapped with a hanging indent so it reads as a form.
    let label_w = 11usize;
    let text_w = (text_area.width as usize).saturating_sub(label_w).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let field = |label: String, body: &str, lines: &mut Vec<Line>| {
        for (i, l) in fit::wrap(body, text_w).into_iter().enumerate() {
            let head = if i == 0 { label.clone() } else { String::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("{head:<label_w$}"), p.dim),
                Span::styled(l, p.base),
            ]));
        }
    };
    field(
        t!("presentation.constat").into_owned(),
        &theme.constat,
        &mut lines,
    );
    lines.push(Line::default());
    // Only needs: « Besoins » over them; with what a rencontre handed over (offers, leads,
    // synergies), « Catalogue » and each entry named by its kind.
    let mixed = s
        .needs_of(theme.id)
        .any(|n| n.kind != crate::domain::NeedKind::Need);
    let needs: Vec<String> = s
        .needs_of(theme.id)
        .map(|n| {
            if mixed {
                format!("• {}", crate::text::label(&t!(n.kind.label_key()), &n.text))
            } else {
                format!("• {}", n.text)
            }
        })
        .collect();
    for (i, need) in needs.iter().enumerate() {
        let l = if i == 0 && mixed {
            t!("presentation.catalogue").into_owned()
        } else if i == 0 {
            t!("presentation.needs").into_owned()
        } else {
            String::new()
        };
        field(l, need, &mut lines);
    }
    if !needs.is_empty() {
        lines.push(Line::default());
    }
    if let Some(e) = &theme.expert {
        field(t!("presentation.expert").into_owned(), e, &mut lines);
    }
    Paragraph::new(lines).style(p.base).render(text_area, buf);
    timer::render(state, p, timer_area, buf);
}
