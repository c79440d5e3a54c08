//! The rows of a group's detail on the Engagements screen, in screen order: one per
//! participant (enrolled or not), then the group's own fields. The update and the view both
//! walk this list, so adding a row is done here, once.

use rust_i18n::t;

use crate::domain::{Group, Pilot, PilotKind, ThemeId};
use crate::overlays::editor::model::EditTarget;

/// What the Engagements screen remembers: the selected row of the focused group's detail
/// (see `row_at`), and the pilots set aside while the kind goes round through « pas de
/// pilote », to be given back when it comes round again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub row: usize,
    pub set_aside: Vec<(ThemeId, Pilot)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A participant, by position in the session's list: Enter enrols or not.
    Person(usize),
    /// Enter cycles: la collectivité, une entreprise, une association, nobody.
    PilotKind,
    PilotName,
    PilotContact,
    NextSteps,
    NextMeeting,
}

/// The group's fields, under the participants.
pub const FIELDS: [Row; 5] = [
    Row::PilotKind,
    Row::PilotName,
    Row::PilotContact,
    Row::NextSteps,
    Row::NextMeeting,
];

/// How many rows there are with `people` participants.
pub fn row_count(people: usize) -> usize {
    people + FIELDS.len()
}

/// The row at a cursor position.
pub fn row_at(people: usize, index: usize) -> Option<Row> {
    if index < people {
        Some(Row::Person(index))
    } else {
        FIELDS.get(index - people).copied()
    }
}

/// The cursor position of a row.
pub fn index_of(people: usize, row: Row) -> usize {
    match row {
        Row::Person(i) => i,
        field => people + FIELDS.iter().position(|f| *f == field).unwrap_or(0),
    }
}

pub fn pilot_kind_label(k: PilotKind) -> String {
    t!(match k {
        PilotKind::LocalAuthority => "pilot.local_authority",
        PilotKind::Company => "pilot.company",
        PilotKind::Association => "pilot.association",
    })
    .into_owned()
}

impl Row {
    /// The label of a field row (participants are labelled by their names).
    pub fn label(self) -> String {
        t!(match self {
            Row::Person(_) => return String::new(),
            Row::PilotKind => "commit.pilot_kind",
            Row::PilotName => "commit.pilot_name",
            Row::PilotContact => "commit.pilot_contact",
            Row::NextSteps => "commit.next_steps",
            Row::NextMeeting => "commit.next_meeting",
        })
        .into_owned()
    }

    /// The value of a field row, as shown; empty when unset.
    pub fn value(self, g: &Group) -> String {
        let pilot = g.pilot.as_ref();
        match self {
            Row::Person(_) => String::new(),
            Row::PilotKind => pilot
                .map(|p| pilot_kind_label(p.kind))
                .unwrap_or_else(|| t!("commit.no_pilot").into_owned()),
            Row::PilotName => pilot.map(|p| p.name.clone()).unwrap_or_default(),
            Row::PilotContact => pilot.and_then(|p| p.contact.clone()).unwrap_or_default(),
            Row::NextSteps => g.next_steps.clone(),
            Row::NextMeeting => g
                .next_meeting
                .as_ref()
                .map(crate::text::when)
                .unwrap_or_default(),
        }
    }

    /// The field the editor opens on for this row, if it is typed in.
    pub fn editor(self, theme: ThemeId) -> Option<EditTarget> {
        match self {
            Row::PilotName => Some(EditTarget::PilotName(theme)),
            Row::PilotContact => Some(EditTarget::PilotContact(theme)),
            Row::NextSteps => Some(EditTarget::NextSteps(theme)),
            Row::NextMeeting => Some(EditTarget::NextMeeting(theme)),
            Row::Person(_) | Row::PilotKind => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_positions_agree() {
        for people in [0, 1, 12] {
            for i in 0..row_count(people) {
                let row = row_at(people, i).expect("a row");
                assert_eq!(index_of(people, row), i);
            }
            assert_eq!(row_at(people, row_count(people)), None);
        }
    }
}
