//! The next-workshop dialog: the themes, and whether each continues.

use crate::domain::ThemeId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextWorkshop {
    pub choices: Vec<(ThemeId, bool)>,
    pub row: usize,
}
