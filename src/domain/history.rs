//! Undo/redo from the inverses that [`Session::apply`] returns.

use std::collections::VecDeque;

use super::{error::DomainError, op::Op, session::Session};

pub const DEFAULT_DEPTH: usize = 500;

#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Op>,
    redo: Vec<Op>,
    depth: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(DEFAULT_DEPTH)
    }
}

impl History {
    pub fn new(depth: usize) -> Self {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            depth: depth.max(1),
        }
    }

    /// Applies an op and remembers its inverse if it is a content edit.
    /// Returns the inverse so a caller can also record it elsewhere.
    pub fn apply(&mut self, session: &mut Session, op: Op) -> Result<Op, DomainError> {
        let undoable = op.is_undoable();
        let inverse = session.apply(op)?;
        if undoable {
            self.undo.push_back(inverse.clone());
            if self.undo.len() > self.depth {
                self.undo.pop_front();
            }
            self.redo.clear();
        }
        Ok(inverse)
    }

    /// Undoes the last edit. Returns the op that was applied and its inverse (None when
    /// nothing to undo). An entry that no longer applies (its target vanished) is dropped
    /// with the error.
    pub fn undo(&mut self, session: &mut Session) -> Result<Option<(Op, Op)>, DomainError> {
        let Some(op) = self.undo.pop_back() else {
            return Ok(None);
        };
        let redo = session.apply(op.clone())?;
        self.redo.push(redo.clone());
        Ok(Some((op, redo)))
    }

    pub fn redo(&mut self, session: &mut Session) -> Result<Option<(Op, Op)>, DomainError> {
        let Some(op) = self.redo.pop() else {
            return Ok(None);
        };
        let undo = session.apply(op.clone())?;
        self.undo.push_back(undo.clone());
        Ok(Some((op, undo)))
    }

    /// Lines and reactions of this process were renumbered on save (see `merge`).
    pub fn renumber(&mut self, map: &super::merge::Renumbering) {
        self.undo
            .iter_mut()
            .chain(self.redo.iter_mut())
            .for_each(|op| op.renumber(map));
    }

    /// The edit the next redo would make again.
    pub fn next_redo(&self) -> Option<&Op> {
        self.redo.last()
    }

    /// What the next undo would apply (the inverse of the last edit).
    pub fn last(&self) -> Option<&Op> {
        self.undo.back()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionLine, LineField};

    fn session_with_line() -> Session {
        let mut s = Session::new("t", "z");
        s.apply(s.add_theme_op("Mobilité")).unwrap();
        s.apply(Op::AddLine {
            theme: 1,
            index: 0,
            line: ActionLine::new(1, 1),
        })
        .unwrap();
        s
    }

    #[test]
    fn undo_and_redo_a_hundred_and_fifty_edits() {
        let mut s = session_with_line();
        let start = s.clone();
        let mut h = History::default();
        let mut states = vec![s.clone()];
        for i in 0..150 {
            h.apply(
                &mut s,
                Op::SetLine {
                    line: 1,
                    field: LineField::Solution(format!("version {i}")),
                },
            )
            .unwrap();
            states.push(s.clone());
        }
        for expected in states.iter().rev().skip(1) {
            assert!(h.undo(&mut s).unwrap().is_some());
            assert_eq!(&s, expected);
        }
        assert_eq!(s, start);
        assert_eq!(h.undo(&mut s).unwrap(), None);
        for expected in states.iter().skip(1) {
            h.redo(&mut s).unwrap();
            assert_eq!(&s, expected);
        }
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo_and_depth_is_bounded() {
        let mut s = session_with_line();
        let mut h = History::new(3);
        for i in 0..5 {
            h.apply(
                &mut s,
                Op::SetLine {
                    line: 1,
                    field: LineField::Action(i.to_string()),
                },
            )
            .unwrap();
        }
        let mut undone = 0;
        while h.undo(&mut s).unwrap().is_some() {
            undone += 1;
        }
        assert_eq!(undone, 3);
        assert_eq!(s.groups[0].poster.lines[0].action, "1");
        assert!(h.can_redo());
        h.apply(&mut s, Op::SetTitle("x".into())).unwrap();
        assert!(!h.can_redo());
    }

    #[test]
    fn navigation_ops_are_not_undone() {
        let mut s = session_with_line();
        let mut h = History::default();
        h.apply(
            &mut s,
            Op::SetTimer {
                workshop: 1,
                timer: crate::domain::Timer::new(4),
            },
        )
        .unwrap();
        assert!(!h.can_undo());
    }
}
