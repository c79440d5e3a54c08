//! Views: functions of `&State` that draw a frame and never change anything.

pub use crate::layout;
pub mod big;
pub mod fit;
pub mod palette;
pub mod presence;
pub mod qr;
pub mod timer;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use rust_i18n::t;

use crate::app::{Screen, State, keymap};
use crate::domain::workshop::PhaseKind;
use crate::{overlays, screens};
use palette::Palette;

pub fn palette(state: &State) -> Palette {
    Palette::new(state.palette, state.depth)
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
    match state.screen() {
        Screen::FollowUp => {
            if let Some(f) = &state.followup {
                screens::followup::view::render(state, f, &p, body, buf);
            }
        }
        Screen::Poster => screens::poster::view::render_full(state, &p, body, buf),
        Screen::Preparation => screens::preparation::view::render(state, &p, body, buf),
        Screen::Presentation => screens::presentation::view::render(state, &p, body, buf),
        Screen::Groups => screens::groups::view::render(state, &p, body, buf),
        Screen::Rotation => screens::rotation::view::render(state, &p, body, buf),
        Screen::Restitution => screens::poster::view::render_restitution(state, &p, body, buf),
        Screen::Commitments => screens::commitments::view::render(state, &p, body, buf),
        Screen::Closed => screens::closed::view::render(state, &p, body, buf),
        Screen::Rencontre(_) => screens::rencontre::view::render(state, &p, body, buf),
        Screen::Plenary(_) => screens::plenary::view::render(state, &p, body, buf),
    }
    footer(state, &p, layout::footer(size), buf);
    if state.next_workshop.is_some() {
        overlays::next_workshop::view::render_next_workshop(state, &p, body, buf);
    }
    if let Some(picker) = &state.picker {
        overlays::picker::view::render_picker(picker, &p, body, buf);
    }
    if state.room_panel.is_some() {
        overlays::room::view::render(state, &p, body, buf);
    }
    if state.copies.is_some() {
        overlays::copies::view::render(state, &p, body, buf);
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
        overlays::editor::view::render_editor(editor, &state.session, &p, body, top, buf);
    }
    if state.help {
        overlays::help::view::render_help(state, &p, area, buf);
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
    let line = fit::truncate(&msg, area.width as usize);
    let x = area.x + (area.width.saturating_sub(fit::width(&line) as u16)) / 2;
    buf.set_string(x, y, line, p.warn);
}

/// "10:42" wall clock of the fake or real clock.
pub(crate) fn clock(state: &State) -> String {
    state.now.format("%H:%M").to_string()
}

/// The header's first row for the rencontre and the plenary: `full` on the left (`short`
/// when `full` does not fit beside the clock), the clock on the right.
pub(crate) fn title_bar(
    state: &State,
    short: String,
    full: String,
    p: &Palette,
    area: Rect,
    buf: &mut Buffer,
) {
    let right = format!("{} ", clock(state));
    let rw = fit::width(&right) as u16;
    let lw = area.width.saturating_sub(rw + 1) as usize;
    let left = if fit::width(&full) > lw { short } else { full };
    buf.set_string(area.x, area.y, fit::truncate(&left, lw), p.header);
    buf.set_string(
        area.x + area.width.saturating_sub(rw),
        area.y,
        &right,
        p.header,
    );
}

/// « Éco-parc du Moulin · Rencontre 1 · 14 janv. 2027 » and the rencontre's steps.
fn rencontre_header(
    state: &State,
    r: &crate::domain::Rencontre,
    p: &Palette,
    area: Rect,
    buf: &mut Buffer,
) {
    use crate::domain::rencontre::{Step, StepKind};
    let s = &state.session;
    let short = format!(" {} · {}", s.title, t!("rstep.rencontre", n = r.number));
    let left = match r.date {
        Some(d) => format!("{short} · {}", crate::text::short_date(d)),
        None => short.clone(),
    };
    title_bar(state, short, left, p, area, buf);
    if area.height < 2 {
        return;
    }
    let current = r.phase.kind();
    let label = |k: StepKind| t!(k.label_key()).into_owned();
    let current_label = match r.phase {
        Step::Introductions { .. } => {
            let (k, n) = s.rencontre_position(r);
            format!("{} {k}/{n}", label(current))
        }
        _ => label(current),
    };
    let mut spans: Vec<Span> = vec![Span::styled(" ", p.base)];
    for (i, kind) in StepKind::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", p.dim));
        }
        if *kind == current {
            spans.push(Span::styled(format!(" {current_label} "), p.current_step));
        } else {
            spans.push(Span::styled(label(*kind), p.dim));
        }
    }
    let full = Line::from(spans);
    let idx = StepKind::ALL
        .iter()
        .position(|k| *k == current)
        .unwrap_or(0);
    let mut spans = vec![Span::styled(" ", p.base)];
    if idx > 0 {
        spans.push(Span::styled("… › ", p.dim));
    }
    spans.push(Span::styled(format!(" {current_label} "), p.current_step));
    if let Some(next) = StepKind::ALL.get(idx + 1) {
        spans.push(Span::styled(format!(" › {} …", label(*next)), p.dim));
    }
    let row = Rect::new(area.x, area.y + 1, area.width, 1);
    breadcrumb_row(state, p, row, full, Line::from(spans), buf);
}

/// The breadcrumb row: every step (else the current one between « … »), and at its right
/// who else is on the file, in the room the steps leave: the step under way always shows,
/// the presence list shrinks to a count or goes.
pub(crate) fn breadcrumb_row(
    state: &State,
    p: &Palette,
    row: Rect,
    full: Line,
    short: Line,
    buf: &mut Buffer,
) {
    buf.set_style(row, p.base);
    let width = row.width as usize;
    let (fw, sw) = (full.width(), short.width());
    let whole = presence::fitted(&state.others, usize::MAX);
    let count = presence::fitted(
        &state.others,
        fit::width(&format!(" ⇄ {} ", state.others.len())),
    );
    let (steps, presence) = if fw + fit::width(&whole) <= width {
        (full, whole)
    } else if fw + fit::width(&count) <= width {
        (full, presence::fitted(&state.others, width - fw))
    } else {
        (
            short,
            presence::fitted(&state.others, width.saturating_sub(sw)),
        )
    };
    let pw = fit::width(&presence) as u16;
    let steps_w = row.width.saturating_sub(pw);
    steps.render(Rect::new(row.x, row.y, steps_w, 1), buf);
    if pw > 0 {
        put(buf, row.x + steps_w, row.y, &presence, pw, p.accent);
    }
}

fn header(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, p.header);
    let s = &state.session;
    if let Some(pl) = state.open_plenary() {
        screens::plenary::view::header(state, pl, p, area, buf);
        return;
    }
    if let Some(r) = state.open_rencontre() {
        rencontre_header(state, r, p, area, buf);
        return;
    }
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
    let rw = fit::width(&right) as u16;
    let lw = area.width.saturating_sub(rw + 1) as usize;
    // The date goes first when room is short; the title and workshop number stay.
    let left = if fit::width(&left) > lw { short } else { left };
    buf.set_string(area.x, area.y, fit::truncate(&left, lw), p.header);
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
    let full = Line::from(spans);
    // At 80 columns the full breadcrumb does not fit: keep the current step visible.
    let mut spans = vec![Span::styled(" ", p.base)];
    let idx = PhaseKind::ALL
        .iter()
        .position(|k| *k == current)
        .unwrap_or(0);
    if idx > 0 {
        spans.push(Span::styled("… › ", p.dim));
    }
    spans.push(Span::styled(
        format!(" {} ", crate::text::phase(s, w, w.phase)),
        p.current_step,
    ));
    if let Some(next) = PhaseKind::ALL.get(idx + 1) {
        spans.push(Span::styled(
            format!(" › {} …", crate::text::phase_kind(*next)),
            p.dim,
        ));
    }
    let row = Rect::new(area.x, area.y + 1, area.width, 1);
    breadcrumb_row(state, p, row, full, Line::from(spans), buf);
}

fn footer(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, p.header);
    let save = if let Some(e) = &state.save.error {
        // With edits waiting, they are not on disk yet; without, the file itself has a
        // problem (deleted, unreadable) and nothing is lost.
        let text = if state.save.dirty {
            t!("ui.save_failed", error = e).into_owned()
        } else {
            e.clone()
        };
        (format!(" ⚠ {text} "), p.danger)
    } else if state.read_only {
        (format!(" ⚠ {} ", t!("ui.read_only")), p.warn)
    } else if let Some(name) = &state.save.set_aside {
        (format!(" ⚠ {} ", t!("ui.set_aside", name = name)), p.warn)
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
    let sw = fit::width(&save.0) as u16;
    let room = area.width.saturating_sub(sw + 1) as usize;
    let (left, style) = if let Some(f) = &state.flash {
        (
            format!(" {}", f.text),
            if f.warning { p.warn } else { p.accent },
        )
    } else {
        let hints = keymap::hints(state.mode(), state.seat())
            .into_iter()
            .map(|h| format!("{} {}", h.keys, h.text))
            .collect::<Vec<_>>();
        // As many whole hints as fit.
        let mut s = String::from(" ");
        for h in hints {
            let add = if s.len() > 1 { format!(" · {h}") } else { h };
            if fit::width(&s) + fit::width(&add) > room {
                break;
            }
            s.push_str(&add);
        }
        (s, p.header)
    };
    buf.set_string(area.x, area.y, fit::truncate(&left, room), style);
    let save_style =
        if state.save.error.is_some() || state.save.set_aside.is_some() || state.read_only {
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

/// A block's title for a block `width` columns wide (borders included): « ␣text␣ », or cut
/// with « … » when it is longer than the border (a border would cut it without).
pub fn title_in(text: &str, width: u16) -> String {
    let room = width.saturating_sub(2) as usize;
    let padded = format!(" {text} ");
    if fit::width(&padded) <= room {
        return padded;
    }
    let left = format!(" {text}");
    if fit::width(&left) <= room {
        return left;
    }
    format!(" {} ", fit::truncate(text, room.saturating_sub(2)))
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
    let t = fit::truncate(s, max as usize);
    buf.set_string(x, y, &t, style);
    fit::width(&t) as u16
}

/// For the screens' view tests: the whole frame at `state.size`, as text, a line a row.
#[cfg(test)]
pub fn screen_text(state: &State) -> String {
    let (w, h) = state.size;
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    render(state, buf.area, &mut buf);
    (0..h)
        .map(|y| {
            (0..w)
                .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_string()))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::testing::state_at;
    use crate::domain::Phase;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_string()))
            .collect()
    }

    #[test]
    fn a_title_longer_than_its_border_is_cut_with_an_ellipsis() {
        use super::{fit, title_in};
        assert_eq!(title_in("Mobilité", 20), " Mobilité ");
        assert_eq!(title_in("Mobilité", 11), " Mobilité");
        let cut = title_in("2 Plan de mobilité inter-entreprises", 29);
        assert_eq!(cut, " 2 Plan de mobilité inter… ");
        for w in 0..40 {
            let t = title_in("2 Plan de mobilité inter-entreprises", w);
            assert!(
                fit::width(&t) <= usize::from(w.saturating_sub(2)).max(2),
                "{w}: {t}"
            );
        }
    }

    #[test]
    fn the_step_under_way_wins_over_the_presence_list() {
        let others = [
            "animation",
            "groupe 1 · Claire Martin",
            "groupe 2 · Sophie Bérard",
            "groupe 3 · Maëlle Péron",
            "assistant · Paul",
        ]
        .map(String::from)
        .to_vec();
        for phase in [
            Phase::Preparation,
            Phase::Groups { round: 2 },
            Phase::Restitution { group: 4 },
            Phase::Commitments,
            Phase::Closed,
        ] {
            for (w, h) in [(80, 24), (100, 30), (120, 36), (200, 60)] {
                let mut st = state_at(phase);
                st.size = (w, h);
                st.others = others.clone();
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                super::render(&st, buf.area, &mut buf);
                let crumb = row(&buf, 1);
                let (s, wk) = (&st.session, st.workshop().expect("a workshop"));
                let step = crate::text::phase(s, wk, wk.phase);
                assert!(crumb.contains(&step), "{w}×{h} {phase:?}: {crumb}");
                // Someone else is on the file: at least their count shows.
                assert!(crumb.contains("⇄ "), "{w}×{h} {phase:?}: {crumb}");
            }
        }
        // With room, the whole list and the whole breadcrumb.
        let mut st = state_at(Phase::Commitments);
        st.size = (200, 60);
        st.others = others;
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
        super::render(&st, buf.area, &mut buf);
        let crumb = row(&buf, 1);
        assert!(crumb.contains("Préparation › "), "{crumb}");
        assert!(
            crumb.contains("⇄ 5\u{a0}: animation, groupe 1 · Claire Martin"),
            "{crumb}"
        );
        assert!(crumb.trim_end().ends_with('…'), "{crumb}");
    }
}
