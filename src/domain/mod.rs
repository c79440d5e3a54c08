//! The pure workshop core: model, operations, state machine, timer, agenda.
//!
//! Nothing in here touches the terminal, the file system or the wall clock: every function that
//! needs the time takes `now` from its caller, so the whole core is exact under test.

pub mod agenda;
pub mod due;
pub mod error;
pub mod history;
pub mod merge;
pub mod op;
pub mod poster;
pub mod rng;
pub mod rotation;
pub mod sample;
pub mod session;
pub mod timer;
pub mod workshop;

pub use agenda::{Agenda, ScheduleItem};
pub use due::Due;
pub use error::DomainError;
pub use history::History;
pub use op::{GroupField, LineField, Op};
pub use poster::{ActionLine, Owner, Poster, Reaction, Status};
pub use session::{
    Group, Meeting, Need, Participant, Pilot, PilotKind, Role, Session, Theme, Vocation, Zone,
};
pub use timer::{Timer, TimerState};
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
