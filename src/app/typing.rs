//! Text typed where no field is open must not run commands. Outside a field most keys are
//! commands (`d` deletes, `e` exports, `u` undoes, `-` cuts the timer, `q` quits), so a name
//! or an address typed after its field closed, or a word like « oui », would run a string of
//! them on the projected screen.
//!
//! The rule: **a command is a key on its own.** Outside a field every printable key (letters,
//! digits, punctuation, space) is held a moment ([`GAP`]). Keys that keep coming less than
//! [`GAP`] apart are a burst, and a burst of several different keys is text, whatever its
//! characters: none of it runs, and a message says so. Two exceptions, both still « one key »:
//! the same key again and again (`pppp` to go back four steps, a key held down), and a burst
//! whose first key opens a field (`a`, `o`, `r`): that key runs and the rest is typed into the
//! field, as a quick « a » then a name always was.
//!
//! Text is often followed by Enter (to « validate » it): an Enter, Backspace or Delete within
//! [`AFTER_TEXT`] of dropped text is dropped with it, so it cannot toggle a status or open a
//! line that happened to be selected.

use std::time::{Duration, Instant};

use super::key::{Key, KeyCode, KeyModifiers};
use super::{Action, State, keymap};

/// Keys closer together than this are one burst. Fast typists leave 100 to 200 ms between
/// keys; a connection that stalled, or a paste without bracketed paste, much less.
pub const GAP: Duration = Duration::from_millis(200);

/// How long after dropped text an Enter (or Backspace, Delete) still belongs to that text.
pub const AFTER_TEXT: Duration = Duration::from_secs(2);

/// The keys held while a burst may still be arriving.
#[derive(Debug, Default)]
pub struct Typing {
    held: Vec<Key>,
    last: Option<Instant>,
    /// When text typed outside a field was last dropped.
    dropped: Option<Instant>,
}

/// What to do with the held keys once the burst is over.
#[derive(Debug, PartialEq)]
pub enum Release {
    /// One key (maybe repeated): run it as usual.
    Run(Vec<Key>),
    /// Text: `first` opens a field and the rest is typed into it.
    IntoField(Key, Vec<Key>),
    /// Text typed where no field is open: nothing runs; the text, for the message.
    Drop(String),
}

impl Typing {
    /// Whether `key`, in this state, waits to see if more text follows: a printable key with
    /// no modifier but Shift, while no field, list filter or overlay takes text.
    pub fn holds(state: &State, key: Key) -> bool {
        let plain = key.modifiers == KeyModifiers::NONE || key.modifiers == KeyModifiers::SHIFT;
        let text = matches!(key.code, KeyCode::Char(c) if !c.is_control());
        plain
            && text
            && state.editor.is_none()
            && state.picker.is_none()
            && state.mode() != crate::app::Mode::DotEntry
    }

    pub fn push(&mut self, key: Key, at: Instant) {
        self.held.push(key);
        self.last = Some(at);
        self.dropped = None;
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// When the held keys are due: [`GAP`] after the last one.
    pub fn due(&self) -> Option<Instant> {
        self.last.filter(|_| !self.held.is_empty()).map(|t| t + GAP)
    }

    /// Whether `key`, a key that is not held, belongs to text just dropped (an Enter typed to
    /// « validate » it): then it must not run either. Any other key ends that time.
    pub fn swallows(&mut self, key: Key, at: Instant) -> bool {
        let validating = matches!(
            key.code,
            KeyCode::Enter | KeyCode::Backspace | KeyCode::Delete
        );
        let recent = self
            .dropped
            .is_some_and(|t| at.saturating_duration_since(t) <= AFTER_TEXT);
        if !validating {
            self.dropped = None;
        }
        validating && recent
    }

    /// The burst is over (its time is up, or another kind of key came): what to do with it.
    /// `at` is when it ended (for [`Typing::swallows`]).
    pub fn release(&mut self, state: &State, at: Instant) -> Release {
        self.last = None;
        let held = std::mem::take(&mut self.held);
        // One key, or one key again and again (`p` eight times to go back, a key held down),
        // is commands, not text.
        let one_key = held.windows(2).all(|w| w.first() == w.get(1));
        if one_key {
            return Release::Run(held);
        }
        let Some((&first, rest)) = held.split_first() else {
            return Release::Run(held);
        };
        let mode = state.mode();
        if keymap::action_for(mode, first).is_some_and(|a| opens_text(mode, a)) {
            return Release::IntoField(first, rest.to_vec());
        }
        self.dropped = Some(at);
        Release::Drop(
            held.iter()
                .filter_map(|k| match k.code {
                    KeyCode::Char(c) => Some(c),
                    _ => None,
                })
                .collect(),
        )
    }
}

/// Whether an action opens something that takes text (a field, a list to filter by typing),
/// so that the keys typed right after it are its text.
pub fn opens_text(mode: crate::app::Mode, action: Action) -> bool {
    // On the Vote, a theme's digit opens the entry where the person's number or name is typed.
    if mode == crate::app::Mode::Vote && matches!(action, Action::FocusGroup(n) if n > 0) {
        return true;
    }
    matches!(
        action,
        Action::Add
            | Action::AddBelow
            | Action::AddReaction
            | Action::Configure
            | Action::SetDate
            | Action::NewCandidate
            | Action::RenameCandidate
            | Action::MergeCandidate
            | Action::PickSteering
            | Action::PickAuthor
            | Action::CycleKind
            | Action::CycleFlow
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{keys, press, state_at};
    use crate::domain::Phase;

    fn burst_at(typing: &mut Typing, state: &State, script: &str, start: Instant) -> Release {
        let apart = Duration::from_millis(40);
        let mut at = start;
        for (i, key) in keys(script).into_iter().enumerate() {
            assert!(Typing::holds(state, key), "{key:?}");
            at = start + apart * i as u32;
            // Each key comes before the previous one's time is up.
            assert!(typing.due().is_none_or(|due| at < due));
            typing.push(key, at);
        }
        typing.release(state, at + GAP)
    }

    fn burst(state: &State, script: &str) -> Release {
        burst_at(&mut Typing::default(), state, script, Instant::now())
    }

    #[test]
    fn a_name_typed_where_no_field_is_open_runs_nothing() {
        let st = state_at(Phase::Groups { round: 1 });
        assert_eq!(
            burst(&st, "Sophie Martin"),
            Release::Drop("Sophie Martin".into())
        );
    }

    #[test]
    fn text_is_text_whatever_its_characters() {
        // The rehearsal's address ran `e` (export), `-` twice (timer), `f` (Suivi): a burst of
        // letters, digits and punctuation is one piece of text.
        let st = state_at(Phase::Commitments);
        assert_eq!(
            burst(&st, "dev-eco@cc-plaine.fr"),
            Release::Drop("dev-eco@cc-plaine.fr".into())
        );
        // A short word too: « oui » switched to the rencontre (`i`) and undid an edit (`u`).
        assert_eq!(burst(&st, "oui"), Release::Drop("oui".into()));
        assert_eq!(burst(&st, "-+"), Release::Drop("-+".into()));
        assert_eq!(burst(&st, "12"), Release::Drop("12".into()));
        for key in keys("-+1@.?") {
            assert!(Typing::holds(&st, key), "{key:?}");
        }
    }

    #[test]
    fn a_key_on_its_own_or_repeated_runs() {
        let st = state_at(Phase::Groups { round: 1 });
        assert_eq!(burst(&st, "u"), Release::Run(keys("u")));
        assert_eq!(burst(&st, "-"), Release::Run(keys("-")));
        // The same key many times, as fast as a key held down repeats.
        assert_eq!(burst(&st, "pppppppp"), Release::Run(keys("pppppppp")));
    }

    #[test]
    fn a_key_that_opens_a_field_takes_the_text_after_it() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        assert_eq!(
            burst(&st, "aNavette gare"),
            Release::IntoField(keys("a")[0], keys("Navette gare"))
        );
    }

    #[test]
    fn the_enter_that_validates_dropped_text_is_dropped_with_it() {
        let st = state_at(Phase::Commitments);
        let mut typing = Typing::default();
        let start = Instant::now();
        let dropped = burst_at(&mut typing, &st, "dev-eco@cc-plaine.fr", start);
        assert!(matches!(dropped, Release::Drop(_)));
        let enter = keys("<Enter>")[0];
        let soon = start + Duration::from_secs(1);
        assert!(typing.swallows(enter, soon));
        assert!(typing.swallows(keys("<Bs>")[0], soon));
        // Long after, or after another key, Enter is Enter again.
        assert!(!typing.swallows(enter, start + Duration::from_secs(10)));
        let _ = burst_at(&mut typing, &st, "oui", start);
        assert!(!typing.swallows(keys("<Down>")[0], soon));
        assert!(!typing.swallows(enter, soon));
        // After a command that ran, Enter is never swallowed.
        let mut typing = Typing::default();
        assert_eq!(
            burst_at(&mut typing, &st, "u", start),
            Release::Run(keys("u"))
        );
        assert!(!typing.swallows(enter, start + Duration::from_millis(300)));
    }

    #[test]
    fn w_then_a_name_typed_fast_filters_the_list_of_people() {
        let mut st = state_at(Phase::Preparation);
        if let Some(r) = st.session.rencontres.first_mut() {
            r.phase = crate::domain::rencontre::Step::Census;
        }
        st.rencontre = Some(crate::screens::rencontre::model::Model::new(1));
        assert_eq!(
            burst(&st, "wkarim"),
            Release::IntoField(keys("w")[0], keys("karim"))
        );
        // `k` then a digit: the kind chosen in the list it opens.
        assert_eq!(
            burst(&st, "k2"),
            Release::IntoField(keys("k")[0], keys("2"))
        );
        // On the Vote, a theme's digit then the person's number, typed fast.
        if let Some(r) = st.session.rencontres.first_mut() {
            r.phase = crate::domain::rencontre::Step::Vote;
        }
        assert_eq!(st.mode(), crate::app::Mode::Vote);
        assert_eq!(
            burst(&st, "25"),
            Release::IntoField(keys("2")[0], keys("5"))
        );
    }

    #[test]
    fn nothing_is_held_in_a_field_or_for_other_keys() {
        let mut st = state_at(Phase::Groups { round: 1 });
        assert!(!Typing::holds(&st, keys("<Enter>")[0]));
        assert!(!Typing::holds(&st, keys("<C-r>")[0]));
        press(&mut st, "<Enter>a");
        assert!(st.editor.is_some());
        assert!(!Typing::holds(&st, keys("x")[0]));
        assert!(!Typing::holds(&st, keys("-")[0]));
        let typing = Typing::default();
        assert_eq!(typing.due(), None);
    }
}
