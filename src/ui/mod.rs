//! Views: functions of `&State` that draw a frame and never change anything.

pub mod commitments;
pub mod followup;
pub mod groups;
pub mod launcher;
pub mod layout;
pub mod poster;
pub mod prep;
pub mod presentation;
pub mod rotation;
pub mod summary;
pub mod text;
pub mod theme;
pub mod timer;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};
use rust_i18n::t;

use crate::app::{State, keymap};
use crate::domain::workshop::PhaseKind;
use theme::Palette;

pub fn palette(state: &State) -> Palette {
    Palette::new(state.theme, state.color)
}

/// Draws the whole screen into a buffer (also used by tests and benchmarks).
pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    if render_screen(state, area, buf) {
        render_above(state, area, buf);
    }
}

/// Everything under the text editor: header, the phase's screen, footer, dialogs. False when
/// the terminal is too small to draw more.
fn render_screen(state: &State, area: Rect, buf: &mut Buffer) -> bool {
    let p = palette(state);
    fill_style(buf, area, p.base);
    let size = (area.width, area.height);
    if layout::too_small(size) {
        too_small(&p, area, buf);
        return false;
    }
    header(state, &p, layout::header(size), buf);
    let body = layout::body(size);
    match state.phase_kind() {
        _ if state.followup.is_some() => {
            if let Some(f) = &state.followup {
                followup::render(state, f, &p, body, buf);
            }
        }
        _ if state.poster_open.is_some() => poster::render_full(state, &p, body, buf),
        PhaseKind::Preparation => prep::render(state, &p, body, buf),
        PhaseKind::Presentation => presentation::render(state, &p, body, buf),
        PhaseKind::Groups => groups::render(state, &p, body, buf),
        PhaseKind::Rotation => rotation::render(state, &p, body, buf),
        PhaseKind::Restitution => poster::render_restitution(state, &p, body, buf),
        PhaseKind::Commitments => commitments::render(state, &p, body, buf),
        PhaseKind::Closed => summary::render(state, &p, body, buf),
    }
    footer(state, &p, layout::footer(size), buf);
    if state.next_workshop.is_some() {
        followup::render_next_workshop(state, &p, body, buf);
    }
    if let Some(picker) = &state.picker {
        render_picker(picker, &p, body, buf);
    }
    true
}

/// The text editor and the help, over the screen.
fn render_above(state: &State, area: Rect, buf: &mut Buffer) {
    let p = palette(state);
    let body = layout::body((area.width, area.height));
    if let Some(editor) = &state.editor {
        // Over a poster the editor goes on top, over the constat, so the table and the line
        // being typed stay visible below it.
        let top = state.poster_theme().is_some()
            && matches!(
                editor.target,
                crate::app::EditTarget::Cell { .. }
                    | crate::app::EditTarget::Reaction(_)
                    | crate::app::EditTarget::NewReaction(_)
            );
        render_editor(editor, &p, body, top, buf);
    }
    if state.help {
        render_help(state, &p, area, buf);
    }
}

fn too_small(p: &Palette, area: Rect, buf: &mut Buffer) {
    let msg = t!(
        "ui.too_small",
        w = layout::MIN_WIDTH,
        h = layout::MIN_HEIGHT
    );
    let y = area.y + area.height / 2;
    if area.height == 0 {
        return;
    }
    let line = text::truncate(&msg, area.width as usize);
    let x = area.x + (area.width.saturating_sub(text::width(&line) as u16)) / 2;
    buf.set_string(x, y, line, p.warn);
}

/// "10:42" wall clock of the fake or real clock.
fn clock(state: &State) -> String {
    state.now.format("%H:%M").to_string()
}

fn header(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, p.header);
    let s = &state.session;
    let Some(w) = state.workshop() else { return };
    let short = format!(" {} · {} {}", s.title, t!("words.workshop_cap"), w.number);
    let left = match w.date {
        Some(d) => format!("{short} · {}", crate::text::short_date(d)),
        None => short.clone(),
    };
    let mut right = clock(state);
    let steps = s.steps(w);
    if let Some(delta) = w.schedule_delta(&steps, state.now) {
        let min = (delta.abs() + 30) / 60;
        if min >= 1 {
            let txt = if delta > 0 {
                t!("ui.behind", n = min)
            } else {
                t!("ui.ahead", n = min)
            };
            right = format!("{right}  {txt}");
        } else {
            right = format!("{right}  {}", t!("ui.on_time"));
        }
    }
    right.push(' ');
    let rw = text::width(&right) as u16;
    let lw = area.width.saturating_sub(rw + 1) as usize;
    // The date goes first when room is short; the title and workshop number stay.
    let left = if text::width(&left) > lw { short } else { left };
    buf.set_string(area.x, area.y, text::truncate(&left, lw), p.header);
    let delta_style = match w.schedule_delta(&steps, state.now) {
        Some(d) if d > 5 * 60 => p.header.patch(p.danger).bg(p.header.bg.unwrap_or_default()),
        _ => p.header,
    };
    buf.set_string(
        area.x + area.width.saturating_sub(rw),
        area.y,
        &right,
        delta_style,
    );
    // Breadcrumb on the second row.
    if area.height < 2 {
        return;
    }
    let current = w.phase.kind();
    let mut spans: Vec<Span> = vec![Span::styled(" ", p.base)];
    for (i, kind) in PhaseKind::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", p.dim));
        }
        if *kind == current {
            spans.push(Span::styled(
                format!(" {} ", crate::text::phase(s, w, w.phase)),
                p.current_step,
            ));
        } else {
            spans.push(Span::styled(crate::text::phase_kind(*kind), p.dim));
        }
    }
    let line = Line::from(spans);
    let row = Rect::new(area.x, area.y + 1, area.width, 1);
    // Who else is on the session, at the right of the breadcrumb row.
    let presence = if state.others.is_empty() {
        String::new()
    } else {
        format!(" ⇄ {} ", state.others.join(" · "))
    };
    let pw = (text::width(&presence) as u16).min(area.width / 2);
    let row = Rect::new(row.x, row.y, row.width.saturating_sub(pw), 1);
    if pw > 0 {
        buf.set_style(Rect::new(area.x + row.width, area.y + 1, pw, 1), p.base);
        put(buf, area.x + row.width, area.y + 1, &presence, pw, p.accent);
    }
    buf.set_style(row, p.base);
    // At 80 columns the full breadcrumb does not fit: keep the current step visible.
    if line.width() > area.width as usize {
        let short = format!(" {} ", crate::text::phase(s, w, w.phase));
        let mut spans = vec![Span::styled(" ", p.base)];
        let idx = PhaseKind::ALL
            .iter()
            .position(|k| *k == current)
            .unwrap_or(0);
        if idx > 0 {
            spans.push(Span::styled("… › ", p.dim));
        }
        spans.push(Span::styled(short, p.current_step));
        if let Some(next) = PhaseKind::ALL.get(idx + 1) {
            spans.push(Span::styled(
                format!(" › {} …", crate::text::phase_kind(*next)),
                p.dim,
            ));
        }
        Line::from(spans).render(row, buf);
    } else {
        line.render(row, buf);
    }
}

fn footer(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, p.header);
    let save = if let Some(e) = &state.save.error {
        (format!(" ⚠ {} ", t!("ui.save_failed", error = e)), p.danger)
    } else if state.save.dirty {
        (format!(" {} ", t!("ui.saving")), p.header)
    } else if let Some(at) = state.save.last_saved {
        (
            format!(" {} ", t!("ui.saved_at", time = at.format("%H:%M:%S"))),
            p.header,
        )
    } else {
        (format!(" {} ", t!("ui.saved")), p.header)
    };
    let sw = text::width(&save.0) as u16;
    let room = area.width.saturating_sub(sw + 1) as usize;
    let (left, style) = if let Some(f) = &state.flash {
        (
            format!(" {}", f.text),
            if f.warning { p.warn } else { p.accent },
        )
    } else {
        let hints = keymap::hints(state.mode())
            .into_iter()
            .map(|h| format!("{} {}", h.keys, h.text))
            .collect::<Vec<_>>();
        // As many whole hints as fit.
        let mut s = String::from(" ");
        for h in hints {
            let add = if s.len() > 1 { format!(" · {h}") } else { h };
            if text::width(&s) + text::width(&add) > room {
                break;
            }
            s.push_str(&add);
        }
        (s, p.header)
    };
    buf.set_string(area.x, area.y, text::truncate(&left, room), style);
    let save_style = if state.save.error.is_some() {
        save.1
    } else {
        p.header
    };
    buf.set_string(
        area.x + area.width.saturating_sub(sw),
        area.y,
        save.0,
        save_style,
    );
}

/// A bordered block in the palette; focused blocks get a thick, coloured border.
pub fn block<'a>(p: &Palette, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused { p.focus } else { p.border })
        .title(title)
        .style(p.base)
}

fn render_editor(
    editor: &crate::app::Editor,
    p: &Palette,
    body: Rect,
    top: bool,
    buf: &mut Buffer,
) {
    let h = if editor.target.is_long() { 6 } else { 4 };
    // Full width: a narrower box would leave slivers of the screen beneath on its sides.
    let w = body.width;
    let y = if top {
        body.y
    } else {
        body.y + body.height.saturating_sub(h + 1)
    };
    let area = Rect::new(
        body.x + (body.width.saturating_sub(w)) / 2,
        y,
        w,
        h.min(body.height),
    );
    Clear.render(area, buf);
    let title = format!(" {} ", t!(editor.target.label_key()));
    let hint = format!(" {} ", t!("ui.editor_hint"));
    let b = block(p, Line::styled(title, p.accent), true)
        .title_bottom(Line::styled(hint, p.dim).right_aligned());
    let inner = b.inner(area);
    b.render(area, buf);
    let text_area = if let Some(err) = &editor.error {
        if inner.height > 1 {
            buf.set_string(
                inner.x,
                inner.y + inner.height - 1,
                text::truncate(&format!("⚠ {err}"), inner.width as usize),
                p.danger,
            );
            Rect::new(inner.x, inner.y, inner.width, inner.height - 1)
        } else {
            inner
        }
    } else {
        inner
    };
    buf.set_style(text_area, p.base);
    editor.textarea.render(text_area, buf);
}

fn render_picker(picker: &crate::app::Picker, p: &Palette, body: Rect, buf: &mut Buffer) {
    let visible = picker.visible();
    let h = (visible.len() as u16 + 4).min(body.height).max(5);
    let area = layout::centered(body, body.width.saturating_sub(4).min(100), h);
    Clear.render(area, buf);
    let title = format!(" {} ", t!("ui.pick_title"));
    let b = block(p, Line::styled(title, p.accent), true);
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 {
        return;
    }
    buf.set_string(
        inner.x,
        inner.y,
        text::truncate(
            &format!("{} {}▏", t!("ui.filter"), picker.filter),
            inner.width as usize,
        ),
        p.dim,
    );
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = picker.selected.saturating_sub(rows.saturating_sub(1));
    for (i, (_, label)) in visible.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + 1 + (i - offset) as u16;
        let style = if i == picker.selected {
            p.selected
        } else {
            p.base
        };
        let line = text::truncate(label, inner.width as usize);
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_string(inner.x, y, line, style);
    }
}

fn render_help(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let sections = keymap::help_sections(state.screen_mode());
    let mut lines: Vec<Line> = Vec::new();
    for (title, entries) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, p.accent));
        for e in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12} ", e.keys), p.focus),
                Span::styled(e.text, p.base),
            ]));
        }
    }
    // Two columns when one does not fit the height: every key stays visible at 80×24.
    let rows = area.height.saturating_sub(2) as usize;
    let columns = if lines.len() > rows && area.width >= 80 {
        2
    } else {
        1
    };
    let per_col = lines.len().div_ceil(columns);
    let w = if columns == 2 {
        area.width.min(150)
    } else {
        area.width.min(76)
    };
    let h = (per_col as u16 + 2).min(area.height);
    let popup = layout::centered(area, w, h);
    Clear.render(popup, buf);
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("ui.help_title")), p.accent),
        true,
    )
    .title_bottom(Line::styled(format!(" {} ", t!("ui.help_close")), p.dim).right_aligned());
    let inner = b.inner(popup);
    b.render(popup, buf);
    let col_w = inner.width / columns as u16;
    for (c, chunk) in lines.chunks(per_col.max(1)).enumerate() {
        let rect = Rect::new(inner.x + c as u16 * col_w, inner.y, col_w, inner.height);
        Paragraph::new(chunk.to_vec())
            .style(p.base)
            .render(rect, buf);
    }
}

/// The screen last drawn under the text editor. While someone types in the editor nothing
/// else on screen changes, so a keystroke's frame is a copy of that screen plus the editor,
/// not a new layout of the whole poster. Owned by the event loop, which alone knows what
/// changed since the last frame; the views stay functions of `&State`.
#[derive(Default)]
pub struct ScreenCache {
    screen: Option<Buffer>,
}

impl ScreenCache {
    /// Draws the frame. `only_typed`: the only change since the last frame is text typed in
    /// the editor (no tick, no save, no file change, no other key).
    pub fn render(&mut self, state: &State, area: Rect, buf: &mut Buffer, only_typed: bool) {
        let typing = state.editor.is_some() && state.picker.is_none() && !state.help;
        if let Some(screen) = &self.screen
            && only_typed
            && typing
            && screen.area == area
            && buf.area == area
            && screen.content.len() == buf.content.len()
        {
            buf.content.clone_from_slice(&screen.content);
            render_above(state, area, buf);
            return;
        }
        let whole = render_screen(state, area, buf);
        if typing && whole {
            match &mut self.screen {
                Some(screen) => screen.clone_from(buf),
                None => self.screen = Some(buf.clone()),
            }
        } else {
            self.screen = None;
        }
        if whole {
            render_above(state, area, buf);
        }
    }
}

/// `Buffer::set_style` row by row on the cell slice: the same result without a bounds-checked
/// index computation per cell (a full-screen fill is on every frame's path).
pub fn fill_style(buf: &mut Buffer, area: Rect, style: Style) {
    let area = buf.area.intersection(area);
    let (bx, by, bw) = (buf.area.x, buf.area.y, buf.area.width as usize);
    for y in area.top()..area.bottom() {
        let start = (y - by) as usize * bw + (area.x - bx) as usize;
        if let Some(row) = buf.content.get_mut(start..start + area.width as usize) {
            for cell in row {
                cell.set_style(style);
            }
        }
    }
}

/// Writes `s` at (x, y) clipped to `max` columns; returns the columns used.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    if max == 0 {
        return 0;
    }
    let t = text::truncate(s, max as usize);
    buf.set_string(x, y, &t, style);
    text::width(&t) as u16
}
