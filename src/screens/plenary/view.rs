//! The plenary's screens: its header, the leads from the room, the next plenary's date; the
//! bilan in `view_bilan.rs`, the review in `view_review.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use rust_i18n::t;

use crate::app::State;
use crate::domain::Plenary;
use crate::domain::plenary::PlenaryStep;
use crate::ui::palette::Palette;
use crate::ui::{fit, put, timer};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(pl) = state.open_plenary() else {
        return;
    };
    match pl.step {
        PlenaryStep::Bilan => super::view_bilan::render(state, pl, p, area, buf),
        PlenaryStep::Review => super::view_review::render(state, pl, p, area, buf),
        PlenaryStep::Leads => leads(state, pl, p, area, buf),
        PlenaryStep::Next => next(state, pl, p, area, buf),
    }
    // The timer, small at the top right.
    timer::corner(state, pl.timer.live(state.now).is_running(), p, area, buf);
}

/// « Éco-parc du Moulin · Plénière 2 · 20 janv. 2028 » and the plenary's steps.
pub fn header(state: &State, pl: &Plenary, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let short = format!(" {} · {}", s.title, t!("pstep.plenary", n = pl.number));
    let left = format!("{short} · {}", crate::text::short_date(pl.date));
    crate::ui::title_bar(state, short, left, p, area, buf);
    if area.height < 2 {
        return;
    }
    let label = |k: PlenaryStep| t!(k.label_key()).into_owned();
    let mut spans: Vec<Span> = vec![Span::styled(" ", p.base)];
    for (i, step) in PlenaryStep::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", p.dim));
        }
        if *step == pl.step {
            spans.push(Span::styled(format!(" {} ", label(*step)), p.current_step));
        } else {
            spans.push(Span::styled(label(*step), p.dim));
        }
    }
    let full = Line::from(spans);
    let idx = PlenaryStep::ALL
        .iter()
        .position(|k| *k == pl.step)
        .unwrap_or(0);
    let mut spans = vec![Span::styled(" ", p.base)];
    if idx > 0 {
        spans.push(Span::styled("… › ", p.dim));
    }
    spans.push(Span::styled(
        format!(" {} ", label(pl.step)),
        p.current_step,
    ));
    if let Some(next) = PlenaryStep::ALL.get(idx + 1) {
        spans.push(Span::styled(format!(" › {} …", label(*next)), p.dim));
    }
    let row = Rect::new(area.x, area.y + 1, area.width, 1);
    crate::ui::breadcrumb_row(state, p, row, full, Line::from(spans), buf);
}

/// Nouvelles pistes: the entries the room brought, as the catalogue lists them.
fn leads(state: &State, pl: &Plenary, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    let needs: Vec<&crate::domain::Need> = pl
        .leads
        .iter()
        .filter_map(|id| s.needs.iter().find(|n| n.id == *id))
        .collect();
    let title = if needs.is_empty() {
        t!("plenary.leads_none").into_owned()
    } else {
        crate::text::need_counts(needs.iter().copied())
    };
    let rows = if area.height >= 40 { 4 } else { 1 };
    let used = crate::ui::big::big(
        &title,
        p.title.add_modifier(Modifier::BOLD),
        x,
        area.y,
        w.saturating_sub(16),
        rows,
        buf,
    )
    .max(1);
    let top = area.y + used + 1;
    if needs.is_empty() {
        put(buf, x, top, &t!("plenary.leads_hint"), w, p.dim);
        return;
    }
    let selected = state
        .plenary
        .as_ref()
        .map(|m| m.lead.min(needs.len().saturating_sub(1)))
        .unwrap_or(0);
    let kind_w = needs
        .iter()
        .map(|n| fit::width(&t!(n.kind.label_key())) as u16)
        .max()
        .unwrap_or(0);
    let theme_w = (w / 4).clamp(10, 40);
    let text_w = w.saturating_sub(kind_w + theme_w + 4);
    let room = (area.y + area.height).saturating_sub(top);
    let per = if room >= 2 * needs.len() as u16 { 2 } else { 1 };
    let fits = (room / per).max(1) as usize;
    let first = selected.saturating_sub(fits.saturating_sub(1));
    for (i, n) in needs.iter().enumerate().skip(first).take(fits) {
        let y = top + (i - first) as u16 * per;
        let style = if i == selected { p.selected } else { p.base };
        if i == selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), p.selected);
        }
        put(
            buf,
            x,
            y,
            &t!(n.kind.label_key()),
            kind_w,
            style.add_modifier(Modifier::BOLD),
        );
        let tx = x + kind_w + 2;
        put(
            buf,
            tx,
            y,
            &fit::truncate(&n.text, text_w as usize),
            text_w,
            style,
        );
        let theme = n
            .theme
            .and_then(|t| s.theme(t))
            .map(|t| t.title.clone())
            .unwrap_or_default();
        put(
            buf,
            tx + text_w + 1,
            y,
            &fit::truncate(&theme, theme_w as usize),
            theme_w,
            if i == selected { style } else { p.dim },
        );
    }
}

/// Prochaine plénière: its date, as large as the screen allows.
fn next(state: &State, pl: &Plenary, p: &Palette, area: Rect, buf: &mut Buffer) {
    let x = area.x + 2;
    let w = area.width.saturating_sub(4);
    let mut y = area.y + 1;
    put(
        buf,
        x,
        y,
        &t!("plenary.next_title"),
        w.saturating_sub(14),
        p.dim,
    );
    y += 2;
    let room = (area.y + area.height).saturating_sub(y + 3);
    match state.session.annual_plenary.filter(|n| n.date > pl.date) {
        Some(next) => {
            let day = crate::text::short_date(next.date);
            let used = crate::ui::big::big(
                &day,
                p.title.add_modifier(Modifier::BOLD),
                x,
                y,
                w,
                room.min(8),
                buf,
            );
            y += used + 1;
            put(buf, x, y, &crate::text::when(&next), w, p.base);
        }
        None => {
            put(buf, x, y, &t!("plenary.next_none"), w, p.warn);
        }
    }
    y += 2;
    put(buf, x, y, &t!("plenary.next_hint"), w, p.dim);
}
