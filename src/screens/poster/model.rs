//! Where the poster's cursor is: on a reaction, or on a cell of an action line.

use crate::domain::{LineId, ReactionId};

/// The columns of a poster line, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Solution,
    Action,
    Owners,
    Due,
    Status,
}

impl Column {
    pub const ALL: [Column; 5] = [
        Column::Solution,
        Column::Action,
        Column::Owners,
        Column::Due,
        Column::Status,
    ];

    pub fn index(self) -> usize {
        Column::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }

    pub fn from_index(i: usize) -> Column {
        Column::ALL
            .get(i.min(Column::ALL.len() - 1))
            .copied()
            .unwrap_or(Column::Solution)
    }
}

/// Where the poster cursor is: on a reaction, or on a cell of an action line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterCursor {
    Reaction(ReactionId),
    Line(LineId, Column),
    /// The poster is empty.
    Nothing,
}
