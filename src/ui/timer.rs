//! The big countdown: as large as its pane allows, amber at 20 % left, red at zero, then
//! counting overtime upwards.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;
use tui_big_text::{BigText, PixelSize};

use super::palette::Palette;
use super::{block, fit};
use crate::app::State;
use crate::domain::{Timer, TimerState, Timestamp};

/// « lancé le 3 déc. 2026 » (another day) or « lancé à 09:57 » (the same day).
fn started_label(since: Timestamp, now: Timestamp) -> String {
    if now.with_timezone(since.offset()).date_naive() == since.date_naive() {
        t!("timer.started_at", time = since.format("%H:%M").to_string()).into_owned()
    } else {
        let day = crate::text::short_date(since.date_naive());
        t!("timer.started_on", day = day).into_owned()
    }
}

/// The timer on screen as it is shown: a run left over from another day (or hours past its
/// step) shows stopped at the step's planned length (`Timer::is_stale`).
fn shown(state: &State) -> Option<Timer> {
    state.active_timer().map(|t| t.live(state.now))
}

/// "12:40", or "+03:15" in overtime.
pub fn digits(state: &State) -> (String, TimerState) {
    let Some(timer) = shown(state) else {
        return ("--:--".into(), TimerState::Remaining(0));
    };
    let st = timer.state(state.now);
    let secs = match st {
        TimerState::Remaining(s) | TimerState::Overtime(s) => s,
    };
    let (m, s) = (secs / 60, secs % 60);
    let body = if m >= 100 {
        format!("{m}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    };
    let text = match st {
        TimerState::Overtime(_) => format!("+{body}"),
        TimerState::Remaining(_) => body,
    };
    (text, st)
}

pub fn style(state: &State, p: &Palette) -> Style {
    let Some(timer) = shown(state) else {
        return p.base;
    };
    let st = timer.state(state.now);
    let base = match st {
        TimerState::Overtime(_) | TimerState::Remaining(0) => p.danger,
        _ if timer.planned_secs > 0 && timer.fraction_left(state.now) <= 0.2 => p.warn,
        _ => p.title,
    };
    let flashing = state
        .flash_timer_until
        .is_some_and(|_| state.now.timestamp() % 2 == 0);
    if flashing {
        base.add_modifier(Modifier::REVERSED)
    } else {
        base
    }
}

/// The timer pane, bordered, with its label below the digits.
pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let running = shown(state).is_some_and(|t| t.is_running());
    // When a left-over run was started, told instead of « en pause ».
    let stale_since = state
        .active_timer()
        .filter(|t| t.is_stale(state.now))
        .and_then(|t| t.running_since);
    let title = if running {
        format!(" {} ", t!("timer.title"))
    } else {
        format!(" {} ⏸ ", t!("timer.title"))
    };
    let b = block(p, Line::styled(title, p.dim), false);
    let inner = b.inner(area);
    b.render(area, buf);
    let (digits, st) = digits(state);
    let style = style(state, p);
    let label = match (st, stale_since) {
        (_, Some(_)) => t!("timer.stale").into_owned(),
        (TimerState::Overtime(_), _) => t!("timer.overtime").into_owned(),
        _ if !running => t!("timer.paused").into_owned(),
        _ => t!("timer.remaining").into_owned(),
    };
    let planned = state
        .active_timer()
        .map(|t| t.planned_secs / 60)
        .unwrap_or(0);
    let sub = match stale_since {
        Some(since) => started_label(since, state.now),
        None => t!("timer.planned", n = planned).into_owned(),
    };
    let n = fit::width(&digits) as u16;
    // The biggest glyphs that fit, keeping two rows for the labels.
    let room_h = inner.height.saturating_sub(2);
    let size = [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
    ]
    .into_iter()
    .find(|(_, cw, ch)| n * cw <= inner.width && *ch <= room_h);
    let mut y = inner.y;
    match size {
        Some((px, _, ch)) => {
            let top = inner.y + room_h.saturating_sub(ch) / 2;
            let big = BigText::builder()
                .pixel_size(px)
                .style(style)
                .alignment(Alignment::Center)
                .lines(vec![Line::from(digits.clone())])
                .build();
            big.render(Rect::new(inner.x, top, inner.width, ch), buf);
            y = top + ch;
        }
        None => {
            let line = Line::styled(digits, style.add_modifier(Modifier::BOLD)).centered();
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
            y += 1;
        }
    }
    let bottom = inner.y + inner.height;
    for (l, st) in [
        (label, style.remove_modifier(Modifier::REVERSED)),
        (sub, p.dim),
    ] {
        if y < bottom {
            Line::styled(fit::truncate(&l, inner.width as usize), st)
                .centered()
                .render(Rect::new(inner.x, y, inner.width, 1), buf);
            y += 1;
        }
    }
}

/// The step's timer small at the top right of `area` (« ⏱ 12:30 ⏸ »), for the screens
/// without a timer pane (the rencontre's later steps, the plenary).
pub fn corner(state: &State, running: bool, p: &Palette, area: Rect, buf: &mut Buffer) {
    let (digits, _) = digits(state);
    let paused = if running { "" } else { " ⏸" };
    let text = format!("⏱ {digits}{paused} ");
    let w = fit::width(&text) as u16;
    super::put(
        buf,
        area.x + area.width.saturating_sub(w),
        area.y,
        &text,
        w,
        style(state, p).add_modifier(Modifier::BOLD),
    );
}
