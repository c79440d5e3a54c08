//! Bilan de l'année: the figures of `domain::bilan` for the period since the previous
//! plenary, as bars drawn with block characters, in rows as tall as the room allows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use rust_i18n::t;

use crate::app::State;
use crate::domain::Plenary;
use crate::domain::bilan::{Bilan, bilan};
use crate::domain::synergy::Stage;
use crate::text::Lang;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

/// One bar: its label, its value, the figure written after it, and its colour.
struct Bar {
    label: String,
    value: f64,
    figure: String,
    style: Style,
}

pub(super) fn render(state: &State, pl: &Plenary, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let period = s.plenary_period(pl.number);
    let b = bilan(s, period, state.now.date_naive());
    let since = match period.from {
        Some(d) => t!("plenary.since", date = crate::text::long_date(d)).into_owned(),
        None => t!("plenary.since_start").into_owned(),
    };
    put(
        buf,
        area.x + 1,
        area.y,
        &since,
        area.width.saturating_sub(14),
        p.dim,
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    // Synergies on the left; actions and organisations on the right; impacts under both.
    let impacts = impact_bars(&b, p);
    let impact_rows = if impacts.is_empty() {
        3
    } else {
        (impacts.len() as u16 + 2).max(body.height / 3)
    };
    let top_h = body.height.saturating_sub(impact_rows);
    let left_w = body.width / 2;
    let left = Rect::new(body.x, body.y, left_w, top_h);
    let right = Rect::new(body.x + left_w, body.y, body.width - left_w, top_h);
    let bottom = Rect::new(body.x, body.y + top_h, body.width, impact_rows);
    let title = t!(
        "plenary.synergies_title",
        n = crate::text::count(b.synergies, "words.synergies")
    )
    .into_owned();
    panel(p, &title, &stage_bars(&b, p), left, buf);
    let (done, open, late, _) = b.actions();
    let actions = [
        ("plenary.actions_done", done, p.ok),
        ("plenary.actions_open", open, p.accent),
        ("plenary.actions_overdue", late, p.danger),
    ]
    .map(|(key, n, style)| Bar {
        label: t!(key).into_owned(),
        value: n as f64,
        figure: n.to_string(),
        style,
    });
    let org = &b.organisations;
    let engaged = org.engaged.len();
    let mut bars: Vec<Bar> = actions.into_iter().collect();
    bars.push(Bar {
        label: t!("plenary.organisations").into_owned(),
        value: engaged as f64,
        figure: if org.in_zone > 0 {
            t!("plenary.of_companies", n = engaged, total = org.in_zone).into_owned()
        } else {
            engaged.to_string()
        },
        style: p.title,
    });
    let zone = org.in_zone as f64;
    panel_scaled(
        p,
        &t!("plenary.actions_title"),
        &bars,
        right,
        // The organisations' bar against the zone's companies; the actions against each
        // other.
        |i, v, max| {
            if i == 3 && zone > 0.0 {
                v / zone
            } else {
                v / max
            }
        },
        buf,
    );
    if impacts.is_empty() {
        let b = block(p, format!(" {} ", t!("plenary.impacts_title")), false);
        let inner = b.inner(bottom);
        b.render(bottom, buf);
        put(
            buf,
            inner.x + 1,
            inner.y,
            &t!("plenary.no_impact"),
            inner.width.saturating_sub(2),
            p.dim,
        );
    } else {
        panel_scaled(
            p,
            &t!("plenary.impacts_title"),
            &impacts,
            bottom,
            // Each unit's estimate and measure against each other, never across units.
            |i, v, _| {
                let pair = impacts
                    .get(i & !1)
                    .map(|b| b.value)
                    .unwrap_or(0.0)
                    .max(impacts.get(i | 1).map(|b| b.value).unwrap_or(0.0));
                if pair > 0.0 { v / pair } else { 0.0 }
            },
            buf,
        );
    }
}

fn stage_bars(b: &Bilan, p: &Palette) -> Vec<Bar> {
    b.stages
        .iter()
        .map(|c| Bar {
            label: t!(c.stage.label_key()).into_owned(),
            value: c.now as f64,
            figure: if c.reached > 0 && c.stage != Stage::Idea {
                t!("plenary.reached", n = c.now, new = c.reached).into_owned()
            } else {
                c.now.to_string()
            },
            style: match c.stage {
                Stage::Done => p.ok,
                Stage::Abandoned => p.dim,
                _ => p.accent,
            },
        })
        .collect()
}

/// Two bars a unit: estimated, then measured.
fn impact_bars(b: &Bilan, p: &Palette) -> Vec<Bar> {
    let french = Lang::current() == Lang::Fr;
    b.impacts
        .iter()
        .flat_map(|u| {
            let unit = t!(u.unit.label_key()).into_owned();
            [(&u.estimated, false), (&u.measured, true)].map(|(a, measured)| Bar {
                label: if measured {
                    String::new()
                } else {
                    t!(u.unit.what_key()).into_owned()
                },
                value: a.as_f64().max(0.0),
                figure: t!(
                    if measured {
                        "plenary.measured"
                    } else {
                        "plenary.estimated"
                    },
                    amount = format!("{} {unit}", a.figure(french, true))
                )
                .into_owned(),
                style: if measured { p.ok } else { p.accent },
            })
        })
        .collect()
}

fn panel(p: &Palette, title: &str, bars: &[Bar], area: Rect, buf: &mut Buffer) {
    panel_scaled(p, title, bars, area, |_, v, max| v / max, buf);
}

/// A bordered panel of bars, each as tall as the room allows (a row at least, three at
/// most); `scale` gives a bar's length as a share of the longest (index, value, max value).
fn panel_scaled(
    p: &Palette,
    title: &str,
    bars: &[Bar],
    area: Rect,
    scale: impl Fn(usize, f64, f64) -> f64,
    buf: &mut Buffer,
) {
    if area.height < 3 || area.width < 10 {
        return;
    }
    let b = block(p, format!(" {title} "), false);
    let inner = b.inner(area);
    b.render(area, buf);
    let n = bars.len() as u16;
    if n == 0 || inner.height == 0 {
        return;
    }
    // Bars of one row, with a blank row between them when there is room, taller on a
    // large screen.
    let per = (inner.height / n).clamp(1, 4);
    let bar_h = if per >= 3 { per - 1 } else { 1 };
    let label_w = bars
        .iter()
        .map(|b| fit::width(&b.label) as u16)
        .max()
        .unwrap_or(0)
        .min(inner.width * 2 / 5);
    let figure_w = bars
        .iter()
        .map(|b| fit::width(&b.figure) as u16)
        .max()
        .unwrap_or(0)
        .min(inner.width / 3);
    let bar_room = inner.width.saturating_sub(label_w + figure_w + 4).max(1);
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
    for (i, bar) in bars.iter().enumerate() {
        let y = inner.y + i as u16 * per;
        if y + bar_h > inner.y + inner.height {
            break;
        }
        let mid = y + (bar_h - 1) / 2;
        put(buf, inner.x + 1, mid, &bar.label, label_w, p.base);
        let share = scale(i, bar.value, max).clamp(0.0, 1.0);
        let cells = share * f64::from(bar_room);
        let text = blocks(cells, bar.value > 0.0);
        let x = inner.x + 2 + label_w;
        for row in y..y + bar_h {
            put(buf, x, row, &text, bar_room, bar.style);
        }
        let fx = x + fit::width(&text) as u16 + 1;
        put(
            buf,
            fx,
            mid,
            &bar.figure,
            (inner.x + inner.width).saturating_sub(fx),
            p.base.add_modifier(Modifier::BOLD),
        );
    }
}

/// A bar `cells` long in block characters, to an eighth of a cell; a sliver when the value
/// is not zero but too small to show.
fn blocks(cells: f64, nonzero: bool) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (cells * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(EIGHTHS.get(eighths % 8).copied().unwrap_or(""));
    if s.is_empty() && nonzero {
        s.push('▏');
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_are_drawn_to_an_eighth() {
        assert_eq!(super::blocks(2.5, true), "██▌");
        assert_eq!(super::blocks(0.0, false), "");
        assert_eq!(super::blocks(0.01, true), "▏");
    }
}
