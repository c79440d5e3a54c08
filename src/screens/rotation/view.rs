//! Rotation (and Préparation › Tours): who goes to which group for a round, in columns,
//! rapporteurs staying put; the last column lists people not seated yet.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use crate::app::State;
use crate::screens::rotation::model::table_columns;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, layout, put, timer};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let planned = state
        .workshop()
        .map(|w| w.timer.planned_secs / 60)
        .unwrap_or(0);
    let title = t!("rotation.title", k = state.tables.round, n = planned);
    // Who goes where matters most: below 120 columns the tables get the full width and the
    // timer shrinks to the title line.
    let (grid, timer_area) = if area.width >= 120 {
        let (g, t) = layout::split_timer(area);
        (g, Some(t))
    } else {
        (area, None)
    };
    let used = put(
        buf,
        grid.x + 1,
        grid.y,
        &title,
        grid.width.saturating_sub(2),
        p.title.add_modifier(Modifier::BOLD),
    );
    if timer_area.is_none() {
        let (digits, _) = timer::digits(state);
        put(
            buf,
            grid.x + 2 + used,
            grid.y,
            &format!("· {digits}"),
            grid.width.saturating_sub(used + 3),
            timer::style(state, p),
        );
    }
    if let Some((line, warn)) = metrics_line(state) {
        let style = if warn { p.warn } else { p.dim };
        put(
            buf,
            grid.x + 1,
            grid.y + 1,
            &line,
            grid.width.saturating_sub(2),
            style,
        );
    }
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
    if let Some(t) = timer_area {
        timer::render(
            state,
            p,
            Rect::new(t.x, t.y, t.width, t.height.min(14)),
            buf,
        );
    }
}

/// The live quality of the tables as they stand: wishes, balance, repeats against the fewest
/// possible (cheap: a count), broken rules.
pub fn metrics_line(state: &State) -> Option<(String, bool)> {
    use crate::domain::rotation;
    let w = state.workshop()?;
    let inst = rotation::Instance::from_session(&state.session, w, usize::from(w.round_count))
        .present_at(w);
    if inst.groups.is_empty() {
        return None;
    }
    Some(match rotation::plan_from_tables(&inst, w) {
        Err(missing) => (crate::text::count(missing, "rotation.live_missing"), true),
        Ok(plan) => {
            let m = rotation::metrics(&inst, &plan);
            let pct = (m.honoured * 100).checked_div(m.wishes).unwrap_or(100);
            let mut line = t!(
                "rotation.live",
                pct = pct,
                spread = m.spread,
                repeats = m.repeats,
                bound = rotation::repeat_lower_bound(&inst)
            )
            .into_owned();
            let broken = !m.violations.is_empty() || m.spread > 1;
            if !m.violations.is_empty() {
                line.push_str(&format!(
                    " · ⚠ {}",
                    crate::text::count(m.violations.len(), "rotation.violations")
                ));
            }
            (line, broken)
        }
    })
}

/// The table editor: one block per group, then the people not seated, tiled like the group
/// grid; names flow in as many columns as the block allows.
pub fn render_tables(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let cols = table_columns(state, state.tables.round);
    if cols.is_empty() || area.width < 8 || area.height < 3 {
        return;
    }
    let n = cols.len();
    let per_row = if area.width >= 150 {
        n.min(5)
    } else {
        n.min(3)
    }
    .max(1);
    let rows = n.div_ceil(per_row);
    // Where each person sat in the round before, by group number: « 2 → Léa Martin ».
    let came_from: std::collections::HashMap<u32, usize> = match state.tables.round {
        r if r >= 2 => table_columns(state, r - 1)
            .iter()
            .enumerate()
            .filter(|(_, (theme, _))| theme.is_some())
            .flat_map(|(i, (_, m))| m.iter().map(move |p| (*p, i + 1)))
            .collect(),
        _ => Default::default(),
    };
    for (ci, (theme, members)) in cols.iter().enumerate() {
        let (r, c) = (ci / per_row, ci % per_row);
        let x0 = area.x + (area.width as usize * c / per_row) as u16;
        let x1 = area.x + (area.width as usize * (c + 1) / per_row) as u16;
        let y0 = area.y + (area.height as usize * r / rows) as u16;
        let y1 = area.y + (area.height as usize * (r + 1) / rows) as u16;
        let rect = Rect::new(x0, y0, x1 - x0, y1 - y0);
        let focused_col = state.tables.column == ci;
        let (title, sub) = match theme.and_then(|t| s.theme(t)) {
            Some(t) => (
                crate::ui::title_in(&format!("{} {}", ci + 1, t.title), x1 - x0),
                s.group(t.id)
                    .and_then(|g| g.rapporteur)
                    .and_then(|r| s.participant(r))
                    .map(|r| {
                        // « (François L. reste) » when the whole name does not fit.
                        let room = (x1 - x0).saturating_sub(4) as usize;
                        let whole = t!("rotation.stays", name = r.name.clone()).into_owned();
                        if fit::width(&whole) <= room {
                            whole
                        } else {
                            let name = crate::text::short_name(&r.name);
                            t!("rotation.stays", name = name).into_owned()
                        }
                    })
                    .unwrap_or_else(|| t!("groups.no_rapporteur").into_owned()),
            ),
            None => (
                crate::ui::title_in(&t!("rotation.not_seated"), x1 - x0),
                t!("rotation.not_seated_hint").into_owned(),
            ),
        };
        let b = block(
            p,
            Line::styled(title, if focused_col { p.focus } else { p.accent }),
            focused_col,
        );
        let inner = b.inner(rect);
        b.render(rect, buf);
        if inner.height == 0 || inner.width < 3 {
            continue;
        }
        put(
            buf,
            inner.x + 1,
            inner.y,
            &sub,
            inner.width.saturating_sub(2),
            p.dim,
        );
        let list = Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(1),
        );
        let name_w = 24u16.min(list.width.saturating_sub(1)).max(1);
        let sub_cols = (list.width / (name_w + 1)).max(1) as usize;
        let capacity = sub_cols * list.height as usize;
        if members.is_empty() && list.height > 0 {
            put(buf, list.x + 1, list.y, "—", 2, p.dim);
        }
        for (ri, pid) in members.iter().enumerate() {
            if ri >= capacity {
                break;
            }
            let (sc, sr) = (
                ri / list.height.max(1) as usize,
                ri % list.height.max(1) as usize,
            );
            let x = list.x + 1 + sc as u16 * (name_w + 1);
            let y = list.y + sr as u16;
            if capacity < members.len() && ri + 1 == capacity {
                put(
                    buf,
                    x,
                    y,
                    &format!("… +{}", members.len() - ri),
                    name_w,
                    p.dim,
                );
                break;
            }
            let name = s
                .participant(*pid)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let name = match came_from.get(pid) {
                Some(from) => format!("{from} → {name}"),
                None => name,
            };
            // The person picked for a swap (`x`) is marked until the second `x`.
            let name = if state.tables.picked == Some(*pid) {
                format!("⇄ {name}")
            } else {
                name
            };
            let selected = focused_col && state.tables.row == ri;
            put(
                buf,
                x,
                y,
                &name,
                name_w,
                if selected {
                    p.selected
                } else {
                    p.base.add_modifier(Modifier::BOLD)
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::state_at;
    use crate::domain::Phase;

    #[test]
    fn a_table_title_too_long_for_its_border_ends_with_an_ellipsis() {
        for size in [(120, 36), (80, 24)] {
            let mut st = state_at(Phase::Rotation { to_round: 3 });
            st.size = size;
            let text = crate::ui::screen_text(&st);
            let row = text
                .lines()
                .find(|l| l.contains("2 Plan de mobilité"))
                .expect("the second table");
            assert!(
                row.contains("2 Plan de mobilité inter-entreprises ") || row.contains("… ╮"),
                "{size:?}: {row}"
            );
        }
    }
}
