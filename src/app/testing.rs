//! For the screens' unit tests: the example session at a given step, a fixed clock, and key
//! scripts sent through the real keymap and `update`, like `tests/common`.

use std::path::{Path, PathBuf};

use super::key::{Key, KeyCode, KeyModifiers};
use super::{State, keymap, update};
use crate::domain::{Phase, Session, Timestamp};

pub fn at(hms: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-12-03T{hms}+01:00"))
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn example() -> Session {
    crate::store::parse(crate::store::EXAMPLE, Path::new("exemple-za.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The example session, its workshop moved to `phase`, in a 100×30 terminal, in French.
pub fn state_at(phase: Phase) -> State {
    crate::text::Lang::Fr.set();
    let mut s = example();
    let now = at("10:00:00");
    let t = s.goto_step(phase, now).unwrap_or_else(|e| panic!("{e:?}"));
    if let Some(op) = t.op {
        s.apply(op).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let mut st = State::new(s, PathBuf::from("test.ron"), now);
    st.size = (100, 30);
    st
}

/// A key script: plain characters are typed, `<Name>` is a special key (`<Enter> <Esc> <Tab>
/// <BackTab> <Up> <Down> <Left> <Right> <Home> <End> <Space> <Bs>`).
pub fn keys(script: &str) -> Vec<Key> {
    let mut out = Vec::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(Key::new(KeyCode::Char(c), KeyModifiers::NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        let (code, mods) = match name.as_str() {
            "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
            "Up" => (KeyCode::Up, KeyModifiers::NONE),
            "Down" => (KeyCode::Down, KeyModifiers::NONE),
            "Left" => (KeyCode::Left, KeyModifiers::NONE),
            "Right" => (KeyCode::Right, KeyModifiers::NONE),
            "Home" => (KeyCode::Home, KeyModifiers::NONE),
            "End" => (KeyCode::End, KeyModifiers::NONE),
            "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
            "Bs" => (KeyCode::Backspace, KeyModifiers::NONE),
            other => panic!("unknown key <{other}>"),
        };
        out.push(Key::new(code, mods));
    }
    out
}

/// Sends a key script through the keymap of the current mode and `update`.
pub fn press(state: &mut State, script: &str) {
    for key in keys(script) {
        if let Some(action) = keymap::action_for(state.mode(), key) {
            update(state, action);
        }
    }
}
