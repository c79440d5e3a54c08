//! The pure workshop core: model, operations, state machine, timer, agenda.
//!
//! Nothing in here touches the terminal, the file system or the wall clock: every function that
//! needs the time takes `now` from its caller, so the whole core is exact under test.

pub mod agenda;
pub mod area;
pub mod bilan;
pub mod clean;
pub mod due;
pub mod error;
pub mod history;
pub mod invitation;
pub mod merge;
pub mod merge3;
pub mod op;
pub mod plenary;
mod plenary_ops;
pub mod poster;
pub mod profile;
pub mod rencontre;
mod rencontre_ops;
pub mod rng;
pub mod rotation;
pub mod session;
pub mod synergy;
pub mod template;
pub mod territory;
pub mod timer;
pub mod when;
pub mod workshop;

pub use agenda::{Agenda, ScheduleItem};
pub use due::Due;
pub use error::DomainError;
pub use history::History;
pub use invitation::Invitation;
pub use op::{GroupField, LineField, Op};
pub use plenary::{Plenary, PlenaryStep};
pub use poster::{ActionLine, Owner, Poster, Reaction, Status};
pub use profile::ZoneProfile;
pub use rencontre::{Candidate, Card, CardKind, Dot, Flow, Rencontre, Step};
pub use session::{
    Group, Meeting, Need, NeedKind, Participant, Pilot, PilotKind, Revision, Role, Session, Theme,
    Vocation, Zone,
};
pub use timer::{Timer, TimerState};
pub use when::When;
pub use workshop::{
    LineChange, LineMark, LogEntry, Phase, Round, Table, Transition, Warning, Workshop,
};

/// Stable identifiers. They are never reused inside one session file.
pub type ParticipantId = u32;
pub type ThemeId = u32;
pub type NeedId = u32;
pub type LineId = u32;
pub type ReactionId = u32;

/// Timestamps carry their UTC offset so a file read in another time zone still compares right.
pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;

/// The session file format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// The item after `current` in `all`, or before it with `forward` false, wrapping round; the
/// first item if `current` is not in the list. For the values a key steps through (status,
/// role, vocation, a tab, a view, a filter).
pub fn cycle<T: Clone + PartialEq>(all: &[T], current: &T, forward: bool) -> Option<T> {
    let n = all.len();
    let next = match all.iter().position(|x| x == current) {
        Some(i) if forward => (i + 1) % n.max(1),
        Some(i) => (i + n - 1) % n,
        None => 0,
    };
    all.get(next).cloned()
}

/// « Anne Leroux (Menuiserie Leroux) »: a name with what qualifies it in parentheses, or
/// after a comma when it has parentheses of its own (« Patrick Dumas, Mairie de
/// Saint-Aubin (voirie) »), so that two never nest or follow each other.
pub fn with_aside(main: &str, aside: &str) -> String {
    let (main, aside) = (main.trim(), aside.trim());
    // A participant made from the invitation list is named after its organisation until
    // someone types the person's name.
    if aside.is_empty() || aside == main {
        main.to_string()
    } else if main.is_empty() {
        aside.to_string()
    } else if aside.contains(['(', ')']) || main.ends_with(')') {
        format!("{main}, {aside}")
    } else {
        format!("{main} ({aside})")
    }
}

#[cfg(test)]
mod cycle_tests {
    use super::cycle;

    #[test]
    fn cycles_round_both_ways() {
        let all = [1, 2, 3];
        assert_eq!(cycle(&all, &3, true), Some(1));
        assert_eq!(cycle(&all, &1, false), Some(3));
        assert_eq!(cycle(&all, &9, true), Some(1));
        assert_eq!(cycle::<u8>(&[], &1, true), None);
    }
}
