//! For the screens' unit tests: the example session at a given step, a fixed clock, and key
//! scripts sent through the real keymap and `update`, like `tests/common`.

use std::path::{Path, PathBuf};

use super::key::Key;
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

/// A key script (see `key::parse_script`).
pub fn keys(script: &str) -> Vec<Key> {
    super::key::parse_script(script).unwrap_or_else(|e| panic!("{e}"))
}

/// Sends a key script through the keymap of the current mode and `update`.
pub fn press(state: &mut State, script: &str) {
    for key in keys(script) {
        if let Some(action) = keymap::action_for(state.mode(), key) {
            update(state, action);
        }
    }
}
