//! Suivi's Bilan view: the figures of `atelier bilan` for the chosen period, with bars drawn
//! in block characters: synergies by stage, each unit's estimated and measured impacts (each
//! unit on its own scale), each group's actions stacked by status with its meetings, the
//! organisations engaged. Two columns from 70 columns wide, one under the other below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::FollowUp;
use crate::app::State;
use crate::domain::bilan::{Bilan, bilan};
use crate::export::bilan::{as_of, figure, period_text, share};
use crate::text;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

/// A bar of `value` out of `max` in `width` cells, in eighths of a cell.
fn bar(value: f64, max: f64, width: u16) -> String {
    if max <= 0.0 || value <= 0.0 || width == 0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * f64::from(width) * 8.0).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if let Some(c) = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'].get(eighths % 8)
        && *c != ' '
    {
        out.push(*c);
    }
    // A value that is not nothing shows, however small.
    if out.is_empty() {
        out.push('▏');
    }
    out
}

/// The block around a part, and the area inside it (nothing when there is no room).
fn frame(p: &Palette, title: &str, area: Rect, buf: &mut Buffer) -> Option<Rect> {
    if area.height < 3 || area.width < 6 {
        return None;
    }
    let b = block(p, Line::styled(format!(" {title} "), p.dim), false);
    let inner = b.inner(area);
    b.render(area, buf);
    Some(inner)
}

/// `text` at `(x, y)` when that row is inside `area`, cut at its right edge; the width used.
fn say(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) -> u16 {
    if y < area.y || y >= area.bottom() || x >= area.right() {
        return 0;
    }
    put(buf, x, y, text, area.right() - x, style)
}

pub fn render(state: &State, f: &FollowUp, p: &Palette, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 20 {
        return;
    }
    let s = &state.session;
    let today = state.now.date_naive();
    let b = bilan(s, f.period.period(s, today), today);
    let period = format!("{} — {}", f.period.label(today), period_text(&b.period));
    let mut head = t!("bilan.screen.period", period = period, as_of = as_of(&b)).into_owned();
    // Narrow: the day the figures are taken on goes first, the key stays.
    if fit::width(&head) + 2 > usize::from(area.width) {
        head = t!("bilan.screen.period_short", period = period).into_owned();
    }
    say(buf, area, area.x + 1, area.y, &head, p.title);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let stages_h = (b.stages.len() as u16 + 3).min(body.height / 2);
    let orgs_h = 5u16;
    if body.width >= 70 {
        let left_w = body.width / 2;
        let left = Rect::new(body.x, body.y, left_w, body.height);
        let right = Rect::new(body.x + left_w, body.y, body.width - left_w, body.height);
        let (st, im) = split(left, stages_h);
        let groups_h = (b.groups.len() as u16 + 4).min(right.height.saturating_sub(orgs_h));
        let (ac, or) = split(right, groups_h);
        stages(&b, p, st, buf);
        impacts(&b, p, im, buf);
        actions(&b, p, ac, buf);
        organisations(&b, p, or, buf);
    } else {
        let (st, rest) = split(body, stages_h);
        let im_h = (b.impacts.len() as u16 * 2 + 2).max(3).min(rest.height / 3);
        let (im, rest) = split(rest, im_h);
        let (ac, or) = split(rest, rest.height.saturating_sub(orgs_h));
        stages(&b, p, st, buf);
        impacts(&b, p, im, buf);
        actions(&b, p, ac, buf);
        organisations(&b, p, or, buf);
    }
}

/// `area` cut in two rows: `top` high, and the rest.
fn split(area: Rect, top: u16) -> (Rect, Rect) {
    let top = top.min(area.height);
    (
        Rect::new(area.x, area.y, area.width, top),
        Rect::new(area.x, area.y + top, area.width, area.height - top),
    )
}

fn stages(b: &Bilan, p: &Palette, area: Rect, buf: &mut Buffer) {
    let title = if area.width < 60 {
        t!("bilan.screen.stages_short")
    } else {
        t!("bilan.screen.stages")
    };
    let Some(inner) = frame(p, &title, area, buf) else {
        return;
    };
    let labels: Vec<String> = b
        .stages
        .iter()
        .map(|c| t!(c.stage.label_key()).into_owned())
        .collect();
    let lw = labels.iter().map(|l| fit::width(l)).max().unwrap_or(0) as u16 + 1;
    let values: Vec<String> = b
        .stages
        .iter()
        .map(|c| format!(" {} · {}", c.now, c.reached))
        .collect();
    let vw = values.iter().map(|v| fit::width(v)).max().unwrap_or(0) as u16;
    let bw = inner.width.saturating_sub(lw + vw + 1);
    let max = b.stages.iter().map(|c| c.now).max().unwrap_or(0) as f64;
    let mut y = inner.y;
    for ((c, label), value) in b.stages.iter().zip(&labels).zip(&values) {
        if y >= inner.bottom() {
            return;
        }
        say(buf, inner, inner.x + 1, y, label, p.base);
        let used = say(
            buf,
            inner,
            inner.x + 1 + lw,
            y,
            &bar(c.now as f64, max, bw),
            p.accent,
        );
        say(buf, inner, inner.x + 1 + lw + used, y, value, p.dim);
        y += 1;
    }
    say(
        buf,
        inner,
        inner.x + 1,
        y,
        &text::count(b.moved, "bilan.screen.moved"),
        p.dim,
    );
}

fn impacts(b: &Bilan, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(inner) = frame(p, &t!("bilan.screen.impacts"), area, buf) else {
        return;
    };
    if b.impacts.is_empty() {
        for (i, l) in fit::wrap(
            &t!("bilan.impacts.none"),
            usize::from(inner.width.saturating_sub(2)),
        )
        .iter()
        .enumerate()
        {
            say(buf, inner, inner.x + 1, inner.y + i as u16, l, p.dim);
        }
        return;
    }
    let units: Vec<(String, String)> = b
        .impacts
        .iter()
        .map(|u| {
            (
                t!(u.unit.label_key()).into_owned(),
                text::count(u.synergies, "bilan.screen.synergies"),
            )
        })
        .collect();
    let lw = units
        .iter()
        .map(|(a, b)| fit::width(a).max(fit::width(b)))
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width / 3)) as u16
        + 1;
    let texts: Vec<(String, String)> = b
        .impacts
        .iter()
        .map(|u| {
            (
                format!(" {} {}", figure(&u.estimated), t!("bilan.screen.estimated")),
                format!(" {} {}", figure(&u.measured), t!("bilan.screen.measured")),
            )
        })
        .collect();
    let vw = texts
        .iter()
        .map(|(e, m)| fit::width(e).max(fit::width(m)))
        .max()
        .unwrap_or(0) as u16;
    let bw = inner.width.saturating_sub(lw + vw + 1);
    let rows = usize::from(inner.height / 2);
    for (i, ((u, (unit, count)), (est, mes))) in
        b.impacts.iter().zip(&units).zip(&texts).enumerate()
    {
        let y = inner.y + 2 * i as u16;
        if i + 1 == rows && b.impacts.len() > rows {
            let more = text::count(b.impacts.len() - i, "bilan.screen.more");
            say(buf, inner, inner.x + 1, y, &more, p.dim);
            return;
        }
        if i >= rows {
            return;
        }
        // Each unit on its own scale: units are never compared.
        let max = u.estimated.as_f64().max(u.measured.as_f64());
        let x = inner.x + 1 + lw;
        let cut = |t: &str| fit::truncate(t, usize::from(lw.saturating_sub(1)));
        say(buf, inner, inner.x + 1, y, &cut(unit), p.base);
        let used = say(
            buf,
            inner,
            x,
            y,
            &bar(u.estimated.as_f64(), max, bw),
            p.warn,
        );
        say(buf, inner, x + used, y, est, p.dim);
        say(buf, inner, inner.x + 1, y + 1, &cut(count), p.dim);
        let used = say(
            buf,
            inner,
            x,
            y + 1,
            &bar(u.measured.as_f64(), max, bw),
            p.ok,
        );
        say(buf, inner, x + used, y + 1, mes, p.dim);
    }
}

fn actions(b: &Bilan, p: &Palette, area: Rect, buf: &mut Buffer) {
    let title = if area.width < 60 {
        t!("bilan.screen.actions_short")
    } else {
        t!("bilan.screen.actions")
    };
    let Some(inner) = frame(p, &title, area, buf) else {
        return;
    };
    if b.groups.is_empty() {
        say(
            buf,
            inner,
            inner.x + 1,
            inner.y,
            &t!("bilan.actions.none"),
            p.dim,
        );
        return;
    }
    let (d, o, l, x) = b.actions();
    let mut rows: Vec<(String, [usize; 4], usize)> = b
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            (
                format!("{} {}", i + 1, g.title),
                [g.done, g.open - g.overdue.min(g.open), g.overdue, g.dropped],
                g.meetings,
            )
        })
        .collect();
    let values: Vec<String> = rows
        .iter()
        .map(|(_, [d, o, l, x], m)| format!(" {d}/{}/{l}/{x} · {m}", o + l))
        .collect();
    let total = format!(" {d}/{o}/{l}/{x} · {}", b.meetings());
    let vw = values
        .iter()
        .chain([&total])
        .map(|v| fit::width(v))
        .max()
        .unwrap_or(0) as u16;
    let lw = (rows.iter().map(|r| fit::width(&r.0)).max().unwrap_or(0) as u16 + 1)
        .min(inner.width * 2 / 5)
        .max(6);
    let bw = inner.width.saturating_sub(lw + vw + 1);
    let max = rows
        .iter()
        .map(|(_, c, _)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0) as f64;
    // Room for the total and the legend under the groups.
    let room = usize::from(inner.height.saturating_sub(2));
    let cut = rows.len() > room;
    if cut {
        rows.truncate(room.saturating_sub(1));
    }
    let styles = [('█', p.ok), ('▓', p.accent), ('▒', p.danger), ('░', p.dim)];
    let mut y = inner.y;
    for ((label, counts, _), value) in rows.iter().zip(&values) {
        let label = fit::truncate(label, usize::from(lw.saturating_sub(1)));
        say(buf, inner, inner.x + 1, y, &label, p.base);
        // Whole cells, status after status, the total's length in eighths kept.
        let total: usize = counts.iter().sum();
        let cells = if max > 0.0 {
            ((total as f64 / max) * f64::from(bw)).round() as usize
        } else {
            0
        };
        let mut xx = inner.x + 1 + lw;
        let mut drawn = 0usize;
        let mut running = 0usize;
        for (n, (ch, st)) in counts.iter().zip(styles) {
            running += n;
            let upto = (running * cells + total / 2)
                .checked_div(total)
                .unwrap_or(0);
            let mut w = upto.saturating_sub(drawn);
            if *n > 0 && w == 0 && drawn < usize::from(bw) {
                w = 1;
            }
            let part: String = std::iter::repeat_n(ch, w).collect();
            xx += say(buf, inner, xx, y, &part, st);
            drawn += w;
        }
        say(buf, inner, xx, y, value, p.dim);
        y += 1;
    }
    if cut {
        let more = text::count(b.groups.len() - rows.len(), "bilan.screen.more");
        say(buf, inner, inner.x + 1, y, &more, p.dim);
        y += 1;
    }
    say(buf, inner, inner.x + 1, y, &t!("bilan.total"), p.title);
    say(buf, inner, inner.x + 1 + lw + bw, y, &total, p.title);
    let legend = if inner.width < 50 {
        t!("bilan.screen.legend_short")
    } else {
        t!("bilan.screen.legend")
    };
    say(buf, inner, inner.x + 1, y + 1, &legend, p.dim);
}

fn organisations(b: &Bilan, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(inner) = frame(p, &t!("bilan.screen.orgs"), area, buf) else {
        return;
    };
    let o = &b.organisations;
    let width = usize::from(inner.width.saturating_sub(2));
    let counts = t!(
        "bilan.screen.orgs_counts",
        enrolled = o.enrolled.len(),
        piloting = o.piloting.len(),
        in_synergy = o.in_synergy.len()
    );
    let mut lines: Vec<(String, Style)> = fit::wrap(&share(o), width)
        .into_iter()
        .map(|l| (l, p.title))
        .chain(fit::wrap(&counts, width).into_iter().map(|l| (l, p.dim)))
        .collect();
    let room = usize::from(inner.height).saturating_sub(lines.len());
    // The names, wrapped; the last row says how many are left out.
    let mut names: Vec<String> = Vec::new();
    let mut shown = 0usize;
    for n in &o.engaged {
        let sep = if shown + 1 < o.engaged.len() {
            ", "
        } else {
            ""
        };
        let piece = format!("{n}{sep}");
        match names.last_mut() {
            Some(last) if fit::width(last) + fit::width(&piece) <= width => last.push_str(&piece),
            _ => {
                if names.len() == room {
                    break;
                }
                names.push(piece);
            }
        }
        shown += 1;
    }
    if shown < o.engaged.len()
        && let Some(last) = names.last_mut()
    {
        let more = text::count(o.engaged.len() - shown, "bilan.screen.more");
        *last = fit::truncate(last, width.saturating_sub(fit::width(&more) + 1));
        last.push(' ');
        last.push_str(&more);
    }
    lines.extend(names.into_iter().map(|n| (n, p.base)));
    for (i, (l, st)) in lines.iter().enumerate() {
        say(buf, inner, inner.x + 1, inner.y + i as u16, l, *st);
    }
}
