//! The table editor's cursor (Rotation, and Préparation › Tours), and the columns it moves
//! through: one per group, then the people not seated.

use crate::app::State;
use crate::domain::{ParticipantId, Role, ThemeId};

/// Cursor of the table editor (Préparation › Tours, and the Rotation screen): which round,
/// which column (a group, or the last column: not seated), which row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TablesCursor {
    pub round: u8,
    pub column: usize,
    pub row: usize,
    /// A person picked with `x`, waiting for the one to swap places with.
    pub picked: Option<ParticipantId>,
}

/// The planner (`R`) as the screen remembers it: which proposal comes next, the tables it
/// wrote last, and until when a second `R` confirms replacing seats placed by hand.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Planner {
    pub seed: u64,
    pub written: Option<Vec<crate::domain::workshop::Round>>,
    pub confirm_until: Option<crate::domain::Timestamp>,
}

/// The columns of the table editor for a round: one per group (rapporteur excluded, shown
/// apart), then everyone not seated.
pub fn table_columns(state: &State, round: u8) -> Vec<(Option<ThemeId>, Vec<u32>)> {
    let s = &state.session;
    let Some(w) = state.workshop() else {
        return Vec::new();
    };
    let mut cols: Vec<(Option<ThemeId>, Vec<u32>)> = s
        .groups_in(w)
        .into_iter()
        .map(|(t, g)| {
            let members = w
                .members(round, t.id)
                .iter()
                .copied()
                .filter(|&p| Some(p) != g.rapporteur)
                .collect();
            (Some(t.id), members)
        })
        .collect();
    // Rapporteurs stay at their group's table; the rapporteur of a theme this workshop does
    // not continue is free to sit anywhere.
    let seated: std::collections::HashSet<u32> = cols
        .iter()
        .flat_map(|(_, m)| m.iter().copied())
        .chain(s.groups_in(w).iter().filter_map(|(_, g)| g.rapporteur))
        .collect();
    let free = s
        .participants
        .iter()
        .filter(|p| p.role != Role::Facilitator && !seated.contains(&p.id))
        .map(|p| p.id)
        .collect();
    cols.push((None, free));
    cols
}
