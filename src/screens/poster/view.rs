//! A group's poster full screen: constat, reactions, and the action plan as a table
//! (Solutions · Actions · Responsables · Échéances · Statut). Also the Restitution screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};
use rust_i18n::t;

use crate::app::{Column, PosterCursor, State};
use crate::domain::{LineChange, Owner, Status, ThemeId};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put, timer};

fn status_style(p: &Palette, s: Status) -> ratatui::style::Style {
    match s {
        Status::Todo => p.base,
        Status::InProgress => p.accent,
        Status::Done => p.ok,
        Status::Abandoned => p.dim.add_modifier(Modifier::CROSSED_OUT),
    }
}

/// The poster of a group in `area`, with its one-line title.
pub fn render_poster(
    state: &State,
    p: &Palette,
    theme: ThemeId,
    area: Rect,
    buf: &mut Buffer,
    active: bool,
) {
    let s = &state.session;
    let (Some(t), Some(g)) = (s.theme(theme), s.group(theme)) else {
        return;
    };
    if area.height < 3 || area.width < 10 {
        return;
    }
    let index = state
        .group_themes()
        .iter()
        .position(|&x| x == theme)
        .unwrap_or(0)
        + 1;
    let rapporteur = g
        .rapporteur
        .and_then(|id| s.participant(id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| t!("groups.nobody").into_owned());
    let head = format!(
        " {} {index} · {} — {} {rapporteur}",
        t!("poster.group"),
        t.title,
        t!("groups.rapporteur")
    );
    let (digits, _) = timer::digits(state);
    // The breadcrumb already names the step: the room needs the time left and the rapporteur.
    let right = format!("{digits} ");
    let rw = fit::width(&right) as u16;
    put(
        buf,
        area.x,
        area.y,
        &head,
        area.width.saturating_sub(rw + 1),
        p.title,
    );
    if area.width > rw + 20 {
        buf.set_string(
            area.x + area.width - rw,
            area.y,
            &right,
            timer::style(state, p).remove_modifier(Modifier::REVERSED),
        );
    }
    let mut y = area.y + 1;
    let bottom = area.y + area.height;
    // Constat, at most 2 lines.
    let label = format!(" {} ", t!("poster.constat"));
    let lw = fit::width(&label) as u16;
    let lines = fit::wrap(&t.constat, area.width.saturating_sub(lw + 1) as usize);
    for (i, l) in lines.iter().take(2).enumerate() {
        if y >= bottom {
            return;
        }
        if i == 0 {
            put(buf, area.x, y, &label, lw, p.dim);
        }
        let more = i == 1 && lines.len() > 2;
        let l = if more { format!("{l}…") } else { l.clone() };
        put(
            buf,
            area.x + lw,
            y,
            &l,
            area.width.saturating_sub(lw),
            p.base,
        );
        y += 1;
    }
    // Reactions, flowing, the selected one highlighted; at most 3 lines.
    let label = format!(" {} ", t!("poster.reactions"));
    let mut spans = vec![Span::styled(label, p.dim)];
    if g.poster.reactions.is_empty() {
        spans.push(Span::styled(t!("poster.no_reactions").into_owned(), p.dim));
    }
    for (i, r) in g.poster.reactions.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", p.dim));
        }
        let selected = active && state.poster == PosterCursor::Reaction(r.id);
        spans.push(Span::styled(
            crate::text::quoted(&r.text),
            if selected { p.selected } else { p.base },
        ));
    }
    let plain: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let rh = (fit::wrap(&plain, area.width as usize).len() as u16).clamp(1, 3);
    let para = Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true });
    if y + rh > bottom {
        return;
    }
    para.render(Rect::new(area.x, y, area.width, rh), buf);
    y += rh;
    if y >= bottom {
        return;
    }
    render_table(
        state,
        p,
        theme,
        Rect::new(area.x, y, area.width, bottom - y),
        buf,
        active,
    );
}

fn render_table(
    state: &State,
    p: &Palette,
    theme: ThemeId,
    area: Rect,
    buf: &mut Buffer,
    active: bool,
) {
    let Some(g) = state.session.group(theme) else {
        return;
    };
    let wn = state.workshop().map(|w| w.number).unwrap_or(1);
    let inner_w = area.width.saturating_sub(2 + 4); // borders and column gaps
    let due_w = 12.min(inner_w / 6);
    let status_w = 10.min(inner_w / 6);
    let rest = inner_w.saturating_sub(due_w + status_w);
    let sol_w = rest * 30 / 100;
    let act_w = rest * 40 / 100;
    let own_w = rest.saturating_sub(sol_w + act_w);
    let widths = [sol_w, act_w, own_w, due_w, status_w];
    let headers = [
        t!("poster.col.solution"),
        t!("poster.col.action"),
        t!("poster.col.owners"),
        t!("poster.col.due"),
        t!("poster.col.status"),
    ];
    let header = Row::new(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| Cell::from(fit::truncate(h, w as usize)).style(p.accent)),
    )
    .bottom_margin(0);
    let selected = g
        .poster
        .lines
        .iter()
        .position(|l| matches!(state.poster, PosterCursor::Line(id, _) if id == l.id));
    let make_row = |l: &crate::domain::ActionLine| -> (Row<'static>, u16) {
        let cells_text = [
            match state.session.line_change(l) {
                LineChange::New => format!("● {}", l.solution),
                LineChange::Changed => format!("◆ {}", l.solution),
                LineChange::Same => l.solution.clone(),
            },
            l.action.clone(),
            Owner::format_list(&l.owners),
            crate::text::due(&l.due),
            {
                let mut status = t!(l.status.label_key()).into_owned();
                if !l.history.is_empty() {
                    status.push_str(" ⟲");
                }
                if l.restored {
                    status.push_str(" ↺");
                }
                status
            },
        ];
        let wrapped: Vec<Vec<String>> = cells_text
            .iter()
            .zip(widths)
            .map(|(c, w)| fit::wrap(c, w.max(1) as usize))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).clamp(1, 4);
        let cells: Vec<Cell> = wrapped
            .into_iter()
            .enumerate()
            .map(|(ci, lines)| {
                let col = Column::from_index(ci);
                let is_cursor = active && state.poster == PosterCursor::Line(l.id, col);
                let style = if is_cursor {
                    p.selected
                } else if col == Column::Status {
                    status_style(p, l.status)
                } else if l.status == Status::Abandoned {
                    p.dim
                } else {
                    p.base
                };
                let cut = lines.len() > height;
                let w = widths.get(ci).copied().unwrap_or(1) as usize;
                let mut lines: Vec<Line> = lines
                    .into_iter()
                    .take(height)
                    .enumerate()
                    .map(|(li, l)| {
                        if cut && li + 1 == height {
                            Line::from(fit::truncate(&format!("{l} …"), w))
                        } else {
                            Line::from(l)
                        }
                    })
                    .collect();
                if is_cursor && lines.iter().all(|l| l.width() == 0) {
                    lines = vec![Line::from("▏")];
                }
                Cell::from(Text::from(lines)).style(style)
            })
            .collect();
        (Row::new(cells).height(height as u16), height as u16)
    };
    // Only the rows that fit are laid out, so a poster of 200 lines costs what 15 cost. The
    // window is the one ratatui would scroll to: from the top while the selected row fits,
    // else ending on the selected row.
    let lines = &g.poster.lines;
    let room = area.height.saturating_sub(3); // borders and the header row
    let mut window: Vec<(Row, u16)> = Vec::new();
    let mut first = 0;
    if let Some(k) = selected {
        let mut used = 0u16;
        let mut back: Vec<(Row, u16)> = Vec::new();
        for i in (0..=k).rev() {
            let Some(l) = lines.get(i) else { break };
            let (row, h) = make_row(l);
            if used + h > room && !back.is_empty() {
                break;
            }
            used += h;
            back.push((row, h));
            first = i;
        }
        back.reverse();
        window = back;
    }
    let mut used: u16 = window.iter().map(|(_, h)| *h).sum();
    for l in lines.iter().skip(first + window.len()) {
        if used >= room {
            break;
        }
        let (row, h) = make_row(l);
        used += h;
        window.push((row, h));
    }
    let selected_row = selected.and_then(|k| k.checked_sub(first));
    let rows: Vec<Row> = window.into_iter().map(|(r, _)| r).collect();
    let empty = rows.is_empty();
    let title = if wn > 1 {
        format!(
            "{} — {}",
            t!("poster.plan"),
            t!("poster.legend_changes", n = wn - 1)
        )
    } else {
        t!("poster.plan").into_owned()
    };
    let title = crate::ui::title_in(&title, area.width);
    let table = Table::new(rows, widths.map(Constraint::Length))
        .header(header)
        .column_spacing(1)
        .block(block(p, Line::styled(title, p.dim), false))
        // The block paints the base style already; a table style would paint it a second time.
        .row_highlight_style(ratatui::style::Style::default().add_modifier(Modifier::BOLD));
    let mut ts = TableState::default().with_selected(selected_row);
    StatefulWidget::render(table, area, buf, &mut ts);
    if empty && area.height > 3 {
        put(
            buf,
            area.x + 2,
            area.y + 2,
            &t!("poster.empty"),
            area.width.saturating_sub(4),
            p.dim,
        );
    }
}

/// Groupes: one poster full screen.
pub fn render_full(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    if let Some(theme) = state.poster_open {
        render_poster(state, p, theme, area, buf, true);
    }
}

/// Restitution: the group's poster full screen, the notes of the plenary, and the timer.
pub fn render_restitution(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(theme) = state.poster_theme() else {
        put(
            buf,
            area.x + 2,
            area.y + 1,
            &t!("groups.none"),
            area.width.saturating_sub(4),
            p.warn,
        );
        return;
    };
    let (poster_area, notes_area, timer_area) = if area.width >= 140 {
        let side = 44.min(area.width / 3);
        let left = Rect::new(area.x, area.y, area.width - side, area.height);
        let th = 12.min(area.height / 2);
        (
            left,
            Rect::new(
                area.x + area.width - side,
                area.y + th,
                side,
                area.height - th,
            ),
            Rect::new(area.x + area.width - side, area.y, side, th),
        )
    } else {
        // Short notes pane at small heights: the poster is what the room reads.
        let bottom_h = if area.height < 30 {
            5
        } else {
            7.min(area.height / 3)
        };
        let top = Rect::new(area.x, area.y, area.width, area.height - bottom_h);
        let tw = 24.min(area.width / 3);
        (
            top,
            Rect::new(area.x, area.y + top.height, area.width - tw, bottom_h),
            Rect::new(area.x + area.width - tw, area.y + top.height, tw, bottom_h),
        )
    };
    render_poster(state, p, theme, poster_area, buf, !state.notes_focus);
    timer::render(state, p, timer_area, buf);
    let notes = state
        .session
        .group(theme)
        .map(|g| g.notes.clone())
        .unwrap_or_default();
    let title = format!(" {} ", t!("restitution.notes"));
    let b = block(
        p,
        Line::styled(title, if state.notes_focus { p.focus } else { p.dim }),
        state.notes_focus,
    );
    let body = if notes.is_empty() {
        Text::styled(t!("restitution.notes_empty").into_owned(), p.dim)
    } else {
        Text::styled(notes, p.base)
    };
    Paragraph::new(body)
        .block(b)
        .wrap(Wrap { trim: true })
        .render(notes_area, buf);
}
