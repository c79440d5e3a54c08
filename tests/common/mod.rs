//! Shared test helpers: the example session, a fixed clock, and key scripts.
#![allow(dead_code)]

pub mod pty;
pub mod seat;
pub mod webdriver;

use std::path::{Path, PathBuf};

use atelier::app::key::Key as KeyEvent;
use atelier::app::{Action, State, keymap, update};
use atelier::domain::{Session, Timestamp};

pub const EXAMPLE: &str = include_str!("../../sessions/exemple-za.ron");

/// How hard the proofs push: `cargo test` (about a minute each), `ATELIER_LONG=1`, or
/// `ATELIER_SOAK=1` (the sizes the README promises: 2 000 kills, 1 000 000 UI events, 7 writers
/// × 2 000 operations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Proof {
    Default,
    Long,
    Soak,
}

pub fn proof() -> Proof {
    let on = |name: &str| std::env::var_os(name).is_some_and(|v| v == "1");
    if on("ATELIER_SOAK") {
        Proof::Soak
    } else if on("ATELIER_LONG") {
        Proof::Long
    } else {
        Proof::Default
    }
}

pub fn example() -> Session {
    atelier::store::parse(EXAMPLE, Path::new("exemple-za.ron")).expect("example parses")
}

/// The options the export tests share: `;`, a BOM, every group, A3, exported on 15 February
/// 2027 at 10:00.
pub fn export_options() -> atelier::export::Options {
    let now = chrono::DateTime::parse_from_rfc3339("2027-02-15T10:00:00+01:00").expect("time");
    atelier::export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
        paper: Default::default(),
        saved: None,
    }
}

/// Group `theme`'s poster solutions, in order.
pub fn solutions(s: &Session, theme: u32) -> Vec<String> {
    s.group(theme)
        .map(|g| g.poster.lines.iter().map(|l| l.solution.clone()).collect())
        .unwrap_or_default()
}

pub fn at(hms: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-12-03T{hms}+01:00")).expect("time")
}

pub fn state(session: Session, now: Timestamp) -> State {
    atelier::text::Lang::Fr.set();
    let mut s = State::new(session, PathBuf::from("test.ron"), now);
    s.size = (100, 30);
    s
}

/// A key script (see `atelier::app::key::parse_script`).
pub fn keys(script: &str) -> Vec<KeyEvent> {
    atelier::app::key::parse_script(script).unwrap_or_else(|e| panic!("{e}"))
}

/// Sends keys through the real keymap and update, rendering after each like the app does.
pub fn press(state: &mut State, script: &str) {
    for key in keys(script) {
        if let Some(action) = keymap::action_for(state.mode(), key) {
            update(state, action);
        }
        render(state);
    }
}

pub fn render(state: &State) -> String {
    let (w, h) = state.size;
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    atelier::ui::render(state, buf.area, &mut buf);
    let mut text = String::new();
    for y in 0..h {
        for x in 0..w {
            if let Some(cell) = buf.cell((x, y)) {
                text.push_str(cell.symbol());
            }
        }
        text.push('\n');
    }
    text
}

/// Moves the fake clock.
pub fn tick(state: &mut State, now: Timestamp) {
    update(state, Action::Tick(now));
}

pub fn temp_copy(dir: &Path) -> PathBuf {
    let p = dir.join("atelier.ron");
    std::fs::write(&p, EXAMPLE).expect("write copy");
    p
}

/// One line per row. A wide glyph sits in its first cell; the cells it covers are skipped,
/// as the terminal does.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let width = buf.area.width as usize;
    let mut out = String::new();
    if width == 0 {
        return out;
    }
    for row in buf.content.chunks(width) {
        let mut line = String::new();
        let mut hidden: u16 = 0;
        for cell in row {
            if hidden == 0 {
                line.push_str(cell.symbol());
            }
            hidden = hidden
                .max(ratatui::buffer::CellWidth::cell_width(cell))
                .saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
