//! What the plenary's screens remember beyond the session: which plenary is open, the page
//! and row of the review, the lead selected.

use crate::domain::Session;
use crate::domain::plenary::{Item, ReviewGroup};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Model {
    /// The plenary on screen.
    pub number: u32,
    /// Revue des groupes: the page (in `Session::review_groups`) and the item selected.
    pub group: usize,
    pub row: usize,
    /// Nouvelles pistes: the lead selected (in the plenary's leads).
    pub lead: usize,
}

impl Model {
    pub fn new(number: u32) -> Self {
        Model {
            number,
            ..Model::default()
        }
    }

    /// The review's page on screen, if the session has any.
    pub fn review_group(&self, s: &Session) -> Option<ReviewGroup> {
        let groups = s.review_groups(self.number);
        groups
            .get(self.group.min(groups.len().saturating_sub(1)))
            .copied()
    }

    /// The items of the page on screen.
    pub fn review_items(&self, s: &Session) -> Vec<Item> {
        self.review_group(s)
            .map(|g| s.review_items(self.number, g))
            .unwrap_or_default()
    }

    /// The item selected on the page.
    pub fn item(&self, s: &Session) -> Option<Item> {
        let items = self.review_items(s);
        items
            .get(self.row.min(items.len().saturating_sub(1)))
            .copied()
    }

    /// The catalogue entry selected among the plenary's leads.
    pub fn lead_id(&self, s: &Session) -> Option<crate::domain::NeedId> {
        let leads = &s.plenary(self.number)?.leads;
        leads
            .get(self.lead.min(leads.len().saturating_sub(1)))
            .copied()
    }
}
