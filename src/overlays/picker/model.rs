//! Choosing from a list: a rapporteur for a group, or an earlier version of a cell.

use crate::domain::{LineId, ThemeId};

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Rapporteur(ThemeId),
    /// A text that lost a same-cell conflict, to restore.
    History(LineId),
    /// Who raised a card of the open rencontre; who the next cards are for.
    CardAuthor(crate::domain::rencontre::CardId),
    NewCardAuthor,
    /// Someone to add to (or take off) the steering group.
    Steering,
    /// The candidate theme to merge this one into.
    MergeInto(crate::domain::rencontre::CandidateId),
}

pub struct Picker {
    pub target: PickTarget,
    /// (value, label); `None` means "nobody".
    pub options: Vec<(Option<u32>, String)>,
    pub filter: String,
    pub selected: usize,
}

impl Picker {
    /// Options matching the filter (case- and accent-insensitive on the typed letters).
    pub fn visible(&self) -> Vec<&(Option<u32>, String)> {
        let f = fold(&self.filter);
        self.options
            .iter()
            .filter(|(_, label)| f.is_empty() || fold(label).contains(&f))
            .collect()
    }
}

/// Lowercase without accents, for filtering.
pub fn fold(s: &str) -> String {
    // `slug` names an empty title "session"; an empty filter must stay empty.
    if !s.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    crate::store::slug(s).replace('-', " ")
}
