//! One process's view of a session file driven like the event loop drives it: keys through
//! the real keymap and `update`, saves and reloads through `store::sync`.

use std::path::Path;

use atelier::app::{Action, State, update};
use atelier::store::sync::{Shared, stamp};

pub struct Seat {
    pub state: State,
    pub shared: Shared,
}

impl Seat {
    /// `theme`: a rapporteur's group (`atelier join --group`), or `None` for the facilitator.
    pub fn join(path: &Path, theme: Option<u32>, who: &str) -> Seat {
        let before = stamp(path);
        let text = std::fs::read_to_string(path).unwrap();
        let session = atelier::store::parse(&text, path).unwrap();
        let mut state = super::state(session, super::at("10:00:00"));
        state.path = path.to_path_buf();
        state.who = who.to_string();
        state.scope = theme;
        state.sync_after_step();
        Seat {
            state,
            shared: Shared::new(text, before),
        }
    }

    pub fn keys(&mut self, script: &str) {
        super::press(&mut self.state, script);
    }

    /// What the event loop does on a file event or when a save is due.
    pub fn sync(&mut self) {
        let st = &mut self.state;
        let at = super::at("10:00:05");
        let outcome = self
            .shared
            .merge(&st.path, &st.session, &st.pending, &st.who, at)
            .unwrap();
        update(
            st,
            Action::Synced {
                at,
                outcome: Box::new(outcome),
            },
        );
    }
}
