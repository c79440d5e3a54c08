//! Choosing from a list: a rapporteur for a group, or an earlier version of a cell.

use crate::domain::{LineId, ThemeId};

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Rapporteur(ThemeId),
    /// A text that lost a same-cell conflict, to restore.
    History(LineId),
    /// Who raised a card of the open rencontre (re-attributing it); who the next cards are
    /// from.
    CardAuthor(crate::domain::rencontre::CardId),
    NewCardAuthor,
    /// A card's kind (the index in `CardKind::ALL`) and flow (in `Flow::ALL`, `None`: none).
    CardKind(crate::domain::rencontre::CardId),
    CardFlow(crate::domain::rencontre::CardId),
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
    /// What is being chosen, when « Choisir » would not say it.
    pub title: Option<String>,
    /// The options' labels start with their number (« 1 besoin », « 0 aucun »): typing the
    /// digit chooses at once.
    pub numbered: bool,
}

impl Picker {
    /// A list to choose from, the first option selected, titled « Choisir ».
    pub fn new(target: PickTarget, options: Vec<(Option<u32>, String)>) -> Self {
        Picker {
            target,
            options,
            filter: String::new(),
            selected: 0,
            title: None,
            numbered: false,
        }
    }

    /// The visible option numbered `digit`, in a numbered list.
    pub fn numbered_option(&self, digit: char) -> Option<usize> {
        if !self.numbered {
            return None;
        }
        let prefix = format!("{digit} ");
        self.visible()
            .iter()
            .position(|(_, label)| label.starts_with(&prefix))
    }

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
    crate::domain::clean::slug(s).replace('-', " ")
}
