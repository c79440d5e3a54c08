//! A process of the merge tests: its session, its undo history and its pending list, fed
//! like the app does, and saved like `store::sync`.

use super::{MergeReport, Pending, replay};
use crate::domain::{History, Op, Session, Timestamp};

pub(super) struct Proc {
    pub(super) s: Session,
    pub(super) h: History,
    pub(super) pending: Vec<Pending>,
    /// When its saves happen: the date of the texts they overwrite.
    at: Timestamp,
}

impl Proc {
    pub(super) fn new_at(s: &Session, at: Timestamp) -> Self {
        Proc {
            s: s.clone(),
            h: History::default(),
            pending: Vec::new(),
            at,
        }
    }

    pub(super) fn edit(&mut self, op: Op) {
        let inverse = self.h.apply(&mut self.s, op.clone()).unwrap();
        self.pending.push(Pending { op, inverse });
    }

    pub(super) fn undo(&mut self) {
        let (op, inverse) = self.h.undo(&mut self.s).unwrap().unwrap();
        self.pending.push(Pending { op, inverse });
    }

    /// Saves like `store::sync`: replays the pending edits onto the file, takes the file,
    /// and makes the undo history follow the renumbering.
    pub(super) fn sync(&mut self, file: &mut Session) -> MergeReport {
        let mut latest = file.clone();
        let r = replay(&mut latest, &self.pending, &self.s, "p", self.at);
        *file = latest.clone();
        self.s = latest;
        self.pending.clear();
        self.h.renumber(&r.renumbered);
        r
    }
}
