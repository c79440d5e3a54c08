//! Rotation (and Préparation › Tours): who goes to which group for a round, in columns,
//! rapporteurs staying put; the last column lists people not seated yet.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use rust_i18n::t;

use super::theme::Palette;
use super::{layout, put, timer};
use crate::app::State;
use crate::app::update::table_columns;

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let (grid, timer_area) = layout::split_timer(area);
    let planned = state
        .workshop()
        .map(|w| w.timer.planned_secs / 60)
        .unwrap_or(0);
    let title = t!("rotation.title", k = state.tables.round, n = planned);
    put(
        buf,
        grid.x + 1,
        grid.y,
        &title,
        grid.width.saturating_sub(2),
        p.title.add_modifier(Modifier::BOLD),
    );
    render_tables(
        state,
        p,
        Rect::new(
            grid.x,
            grid.y + 2,
            grid.width,
            grid.height.saturating_sub(2),
        ),
        buf,
    );
    timer::render(
        state,
        p,
        Rect::new(
            timer_area.x,
            timer_area.y,
            timer_area.width,
            timer_area.height.min(10),
        ),
        buf,
    );
}

/// The table editor: one column per group, then the people not seated.
pub fn render_tables(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let cols = table_columns(state, state.tables.round);
    if cols.is_empty() || area.width < 8 || area.height < 3 {
        return;
    }
    let n = cols.len() as u16;
    let cw = area.width / n;
    for (ci, (theme, members)) in cols.iter().enumerate() {
        let x = area.x + ci as u16 * cw;
        let w = cw.saturating_sub(2);
        let mut y = area.y;
        let bottom = area.y + area.height;
        let focused_col = state.tables.column == ci;
        let head_style = if focused_col { p.focus } else { p.accent };
        match theme.and_then(|t| s.theme(t)) {
            Some(t) => {
                let idx = ci + 1;
                put(buf, x + 1, y, &format!("{idx} {}", t.title), w, head_style);
                y += 1;
                let stays = s
                    .group(t.id)
                    .and_then(|g| g.rapporteur)
                    .and_then(|r| s.participant(r))
                    .map(|r| t!("rotation.stays", name = r.name.clone()).into_owned())
                    .unwrap_or_else(|| t!("groups.no_rapporteur").into_owned());
                put(buf, x + 1, y, &stays, w, p.dim);
            }
            None => {
                put(buf, x + 1, y, &t!("rotation.not_seated"), w, head_style);
                y += 1;
                put(buf, x + 1, y, &t!("rotation.not_seated_hint"), w, p.dim);
            }
        }
        y += 2;
        for (ri, pid) in members.iter().enumerate() {
            if y >= bottom {
                put(
                    buf,
                    x + 1,
                    bottom - 1,
                    &format!("… +{}", members.len() - ri),
                    w,
                    p.dim,
                );
                break;
            }
            let name = s
                .participant(*pid)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let selected = focused_col && state.tables.row == ri;
            put(
                buf,
                x + 1,
                y,
                &name,
                w,
                if selected {
                    p.selected
                } else {
                    p.base.add_modifier(Modifier::BOLD)
                },
            );
            y += 1;
        }
        if members.is_empty() && y < bottom {
            put(buf, x + 1, y, "—", w, p.dim);
        }
    }
}
