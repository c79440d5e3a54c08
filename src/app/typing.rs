//! Text typed where no field is open must not run commands. Outside a field every plain
//! letter is a command (`d` deletes, `n` moves the workshop on, `q` quits, `e` exports), so
//! a name typed after its field closed, or a burst that a slow connection delivers at once,
//! would run a string of them.
//!
//! So outside a field, plain letters and spaces are held a moment ([`GAP`]) before they run.
//! Keys that keep coming less than [`GAP`] apart are a burst; a burst of more than
//! [`MAX_COMMANDS`] letters is text, not commands: none of it runs, and a message says so.
//! The same key pressed again and again (`pppp` to go back four steps) is not text.
//! One exception: when the burst's first key opens a field (`a`, `o`, `r`) or a list of
//! people filtered by typing (`w` in the rencontre), it runs and the rest is typed into it,
//! as a quick « a » then a name always was.

use std::time::{Duration, Instant};

use super::key::{Key, KeyCode, KeyModifiers};
use super::{Action, State, keymap};

/// Keys closer together than this are one burst. Fast typists leave 100 to 200 ms between
/// keys; a connection that stalled, or a paste without bracketed paste, much less.
pub const GAP: Duration = Duration::from_millis(200);

/// More letters than this in one burst are text typed outside a field.
pub const MAX_COMMANDS: usize = 5;

/// The letters held while a burst may still be arriving.
#[derive(Debug, Default)]
pub struct Typing {
    held: Vec<Key>,
    last: Option<Instant>,
}

/// What to do with the held keys once the burst is over.
#[derive(Debug, PartialEq)]
pub enum Release {
    /// A few keys: run them as usual, in order.
    Run(Vec<Key>),
    /// Text: `first` opens a field and the rest is typed into it.
    IntoField(Key, Vec<Key>),
    /// Text typed where no field is open: nothing runs; the text, for the message.
    Drop(String),
}

impl Typing {
    /// Whether `key`, in this state, waits to see if more text follows: a letter or a space
    /// with no modifier but Shift, while no field, list filter or overlay takes text.
    pub fn holds(state: &State, key: Key) -> bool {
        let plain = key.modifiers == KeyModifiers::NONE || key.modifiers == KeyModifiers::SHIFT;
        let text = matches!(key.code, KeyCode::Char(c) if c.is_alphabetic() || c == ' ');
        plain
            && text
            && state.editor.is_none()
            && state.picker.is_none()
            && state.mode() != crate::app::Mode::DotEntry
    }

    pub fn push(&mut self, key: Key, at: Instant) {
        self.held.push(key);
        self.last = Some(at);
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// When the held keys are due: [`GAP`] after the last one.
    pub fn due(&self) -> Option<Instant> {
        self.last.filter(|_| !self.held.is_empty()).map(|t| t + GAP)
    }

    /// The burst is over (its time is up, or another kind of key came): what to do with it.
    pub fn release(&mut self, state: &State) -> Release {
        self.last = None;
        let held = std::mem::take(&mut self.held);
        let letters: Vec<char> = held
            .iter()
            .filter_map(|k| match k.code {
                KeyCode::Char(c) if c != ' ' => Some(c),
                _ => None,
            })
            .collect();
        // One key pressed again and again (`p` eight times to go back, a key held down) is
        // commands, not text.
        let one_key = letters.windows(2).all(|w| w.first() == w.get(1));
        if letters.len() <= MAX_COMMANDS || one_key {
            return Release::Run(held);
        }
        let Some((&first, rest)) = held.split_first() else {
            return Release::Run(held);
        };
        // A list filtered by typing (`w`: a person) takes the name typed after it too.
        let opens_field = matches!(
            keymap::action_for(state.mode(), first),
            Some(
                Action::Add
                    | Action::AddBelow
                    | Action::AddReaction
                    | Action::PickAuthor
                    | Action::PickSteering
            )
        );
        if opens_field {
            return Release::IntoField(first, rest.to_vec());
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{keys, press, state_at};
    use crate::domain::Phase;

    fn burst(state: &State, script: &str, apart: Duration) -> Release {
        let mut typing = Typing::default();
        let start = Instant::now();
        for (i, key) in keys(script).into_iter().enumerate() {
            assert!(Typing::holds(state, key), "{key:?}");
            let at = start + apart * i as u32;
            // Each key comes before the previous one's time is up.
            assert!(typing.due().is_none_or(|due| at < due));
            typing.push(key, at);
        }
        typing.release(state)
    }

    #[test]
    fn a_name_typed_where_no_field_is_open_runs_nothing() {
        let st = state_at(Phase::Groups { round: 1 });
        let release = burst(&st, "Sophie Martin", Duration::from_millis(90));
        assert_eq!(release, Release::Drop("Sophie Martin".into()));
    }

    #[test]
    fn a_few_letters_run_as_commands_in_order() {
        let st = state_at(Phase::Groups { round: 1 });
        assert_eq!(
            burst(&st, "nnp", Duration::from_millis(30)),
            Release::Run(keys("nnp"))
        );
        // The same key many times, as fast as a key held down repeats.
        assert_eq!(
            burst(&st, "pppppppp", Duration::from_millis(30)),
            Release::Run(keys("pppppppp"))
        );
    }

    #[test]
    fn a_key_that_opens_a_field_takes_the_text_after_it() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        assert_eq!(
            burst(&st, "aNavette gare", Duration::from_millis(40)),
            Release::IntoField(keys("a")[0], keys("Navette gare"))
        );
    }

    #[test]
    fn w_then_a_name_typed_fast_filters_the_list_of_people() {
        let mut st = state_at(Phase::Preparation);
        if let Some(r) = st.session.rencontres.first_mut() {
            r.phase = crate::domain::rencontre::Step::Census;
        }
        st.rencontre = Some(crate::screens::rencontre::model::Model::new(1));
        assert_eq!(
            burst(&st, "wkarim", Duration::from_millis(40)),
            Release::IntoField(keys("w")[0], keys("karim"))
        );
    }

    #[test]
    fn nothing_is_held_in_a_field_or_for_other_keys() {
        let mut st = state_at(Phase::Groups { round: 1 });
        assert!(!Typing::holds(&st, keys("<Enter>")[0]));
        assert!(!Typing::holds(&st, keys("1")[0]));
        assert!(!Typing::holds(&st, keys("<C-r>")[0]));
        press(&mut st, "<Enter>a");
        assert!(st.editor.is_some());
        assert!(!Typing::holds(&st, keys("x")[0]));
        let typing = Typing::default();
        assert_eq!(typing.due(), None);
    }
}
