//! The territory's rows (read by the shell) and where the cursor and the sort are.

use crate::domain::territory::Entry;
use crate::domain::territory::{self, SortKey};

#[derive(Debug, Clone, PartialEq)]
pub struct Territory {
    pub entries: Vec<Entry>,
    pub sort: SortKey,
    pub selected: usize,
}

impl Territory {
    pub fn new(mut entries: Vec<Entry>, sort: SortKey) -> Self {
        territory::sort(&mut entries, sort, |e| e.row.as_ref().ok());
        Territory {
            entries,
            sort,
            selected: 0,
        }
    }

    /// The next sort, the cursor staying on its zone.
    pub fn resort(&mut self) {
        let at = self.entries.get(self.selected).map(|e| e.path.clone());
        self.sort = self.sort.next();
        territory::sort(&mut self.entries, self.sort, |e| e.row.as_ref().ok());
        self.selected = at
            .and_then(|p| self.entries.iter().position(|e| e.path == p))
            .unwrap_or(0);
    }
}

/// The column a sort orders by, as the table heads it.
pub fn column(key: SortKey) -> usize {
    match key {
        SortKey::Zone => 0,
        SortKey::Stage => 1,
        SortKey::Engaged => 2,
        SortKey::Actions => 3,
        SortKey::Overdue => 5,
        SortKey::Synergies => 6,
        SortKey::Next => 7,
    }
}
