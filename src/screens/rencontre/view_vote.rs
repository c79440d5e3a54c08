//! The vote: dots counted but hidden until `v`; then bars, largest first, ties marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::dot_matches;
use crate::app::State;
use crate::domain::rencontre::Rencontre;
use crate::ui::palette::Palette;
use crate::ui::{fit, put};

pub(super) fn vote(state: &State, r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let x = area.x + 1;
    let width = area.width.saturating_sub(2);
    let bottom = area.y + area.height;
    let voters = s.speakers();
    let per = u32::from(r.vote.per_person);
    let possible = voters.len() as u32 * per;
    let placed = r.dots.len();
    let status = if r.revealed {
        t!("rvote.revealed")
    } else {
        t!("rvote.hidden")
    };
    put(
        buf,
        x,
        area.y,
        &format!(
            "{} · {} · {} · {status}",
            t!("rvote.heading"),
            crate::text::count(per as usize, "rvote.per_person"),
            t!("rvote.placed_count", placed = placed, possible = possible)
        ),
        width,
        p.title,
    );
    let m = state.rencontre.as_ref();
    let selected = m
        .map(|m| m.vote_row.min(r.themes.len().saturating_sub(1)))
        .unwrap_or(0);
    // Rows: the themes in their order, numbered; once revealed, by total.
    let order: Vec<(usize, u32, bool)> = if r.revealed {
        r.ranking()
            .iter()
            .filter_map(|x| {
                r.themes
                    .iter()
                    .position(|t| t.id == x.theme)
                    .map(|i| (i, x.dots, x.tied))
            })
            .collect()
    } else {
        (0..r.themes.len()).map(|i| (i, 0, false)).collect()
    };
    let footer_rows = 3u16;
    let room = bottom.saturating_sub(area.y + 2 + footer_rows);
    let n = order.len().max(1) as u16;
    // Bars two or three rows high when the room allows: read from the back of the room.
    let row_h = if r.revealed {
        (room / n).clamp(1, 3)
    } else {
        1
    };
    let title_w = order
        .iter()
        .filter_map(|(i, _, _)| r.themes.get(*i))
        .map(|t| fit::width(&t.title))
        .max()
        .unwrap_or(0)
        .min(width as usize / 2) as u16
        + 4;
    let max = order.iter().map(|(_, d, _)| *d).max().unwrap_or(0).max(1);
    let mut y = area.y + 2;
    // On the projector (room for 7 rows a theme, and every title fits 4 columns a letter):
    // each title in large type, all the same size, its bar under it.
    let longest = order
        .iter()
        .filter_map(|(i, _, _)| r.themes.get(*i))
        .map(|t| fit::width(&format!("{} {}", r.themes.len(), t.title)) as u16)
        .max()
        .unwrap_or(0);
    let drawable = r
        .themes
        .iter()
        .all(|t| t.title.chars().all(|c| (c as u32) < 0x100));
    if room >= n * 7 && longest * 4 <= width && drawable {
        for (i, dots, tied) in &order {
            let Some(t) = r.themes.get(*i) else { continue };
            let style = if *i == selected { p.selected } else { p.title };
            tui_big_text::BigText::builder()
                .pixel_size(tui_big_text::PixelSize::Quadrant)
                .style(style)
                .lines(vec![ratatui::text::Line::from(format!(
                    "{} {}",
                    i + 1,
                    t.title
                ))])
                .build()
                .render(Rect::new(x, y, width, 4), buf);
            y += 4;
            if r.revealed {
                let bar_room = width.saturating_sub(16);
                let len = (u32::from(bar_room) * dots / max) as u16;
                let tie = if *tied {
                    format!(" {}", t!("rvote.tie"))
                } else {
                    String::new()
                };
                for k in 0..2 {
                    put(buf, x, y + k, &"█".repeat(len as usize), bar_room, p.accent);
                }
                put(
                    buf,
                    x + len + 1,
                    y,
                    &format!("{dots}{tie}"),
                    15,
                    p.title.add_modifier(Modifier::BOLD),
                );
            } else {
                put(buf, x, y, &t!("rvote.masked"), width, p.dim);
            }
            y += 3;
        }
    } else {
        for (i, dots, tied) in &order {
            if y + row_h > bottom.saturating_sub(footer_rows) {
                break;
            }
            let Some(t) = r.themes.get(*i) else { continue };
            let style = if *i == selected { p.selected } else { p.base };
            put(
                buf,
                x,
                y,
                &fit::truncate(&format!("{} {}", i + 1, t.title), title_w as usize - 1),
                title_w,
                style,
            );
            let bar_x = x + title_w;
            let bar_room = width.saturating_sub(title_w + 14);
            if r.revealed {
                let len = (u32::from(bar_room) * dots / max) as u16;
                let tie = if *tied {
                    format!(" {}", t!("rvote.tie"))
                } else {
                    String::new()
                };
                for k in 0..row_h.saturating_sub(u16::from(row_h > 1)).max(1) {
                    put(
                        buf,
                        bar_x,
                        y + k,
                        &"█".repeat(len as usize),
                        bar_room,
                        p.accent,
                    );
                }
                put(
                    buf,
                    bar_x + len + 1,
                    y,
                    &format!("{dots}{tie}"),
                    14,
                    p.title.add_modifier(Modifier::BOLD),
                );
            } else {
                put(buf, bar_x, y, &t!("rvote.masked"), bar_room + 14, p.dim);
            }
            y += row_h;
        }
    }
    // Who has dots left: never per-theme counts before the reveal.
    let done = voters.iter().filter(|v| r.dots_of(v.id) > 0).count();
    let left: Vec<String> = voters
        .iter()
        .filter(|v| r.dots_of(v.id) == 0)
        .map(|v| short_name(&v.name))
        .collect();
    let fy = bottom.saturating_sub(footer_rows);
    let remaining = if left.is_empty() {
        t!("rvote.all_voted").into_owned()
    } else {
        crate::text::label(&t!("rvote.remaining"), &left.join(", "))
    };
    put(
        buf,
        x,
        fy,
        &format!(
            "{} — {remaining}",
            t!("rvote.voted", done = done, n = voters.len())
        ),
        width,
        p.dim,
    );
    // The dot being typed: theme, query, who it matches, or why it was refused.
    let Some(entry) = m.and_then(|m| m.entry.as_ref()) else {
        put(buf, x, fy + 1, &t!("rvote.how"), width, p.dim);
        return;
    };
    let title = r
        .candidate(entry.theme)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    let line = crate::text::label(
        &t!("rvote.entry", theme = crate::text::quoted(&title)),
        &format!("{}▏", entry.query),
    );
    put(buf, x, fy + 1, &line, width, p.focus);
    let done = entry
        .done
        .and_then(|(who, _)| s.participant(who))
        .map(|who| who.name.clone());
    let hint = match (&entry.error, done) {
        (Some(e), _) => (e.clone(), p.danger),
        // The name got its dot: what is typed next starts the next name.
        (None, Some(name)) => (t!("rvote.done", name = name).into_owned(), p.base),
        (None, None) => {
            let names: Vec<String> = dot_matches(s, &entry.query)
                .iter()
                .take(5)
                .filter_map(|id| {
                    let i = voters.iter().position(|v| v.id == *id)?;
                    voters.get(i).map(|v| format!("{} ({})", v.name, i + 1))
                })
                .collect();
            if names.is_empty() && !entry.query.trim().is_empty() {
                // Said as it is typed: the next letter starts a new name.
                let query = entry.query.trim();
                (t!("rvote.nobody", query = query).into_owned(), p.warn)
            } else if names.is_empty() {
                (t!("rvote.entry_hint").into_owned(), p.dim)
            } else {
                (format!("→ {}", names.join(" · ")), p.base)
            }
        }
    };
    put(buf, x, fy + 2, &hint.0, width, hint.1);
}

/// « Agnès R. »
fn short_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    match (words.next(), words.next()) {
        (Some(first), Some(last)) => {
            let initial: String = last.chars().take(1).collect();
            format!("{first} {initial}.")
        }
        (Some(first), None) => first.to_string(),
        _ => String::new(),
    }
}
