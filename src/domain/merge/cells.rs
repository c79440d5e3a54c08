//! Cells, cards and synergies compared and merged field by field.

use super::super::{
    ActionLine, LineId, Session,
    op::LineField,
    poster::{CellName, Owner, Status},
    rencontre::Card,
    synergy::Synergy,
};

impl LineField {
    pub fn cell(&self) -> CellName {
        match self {
            LineField::Solution(_) => CellName::Solution,
            LineField::Action(_) => CellName::Action,
            LineField::Owners(_) => CellName::Owners,
            LineField::Due(_) => CellName::Due,
            LineField::Status(_) => CellName::Status,
        }
    }

    /// The value as text (as typed in the cell).
    pub fn text(&self) -> String {
        match self {
            LineField::Solution(s) | LineField::Action(s) => s.clone(),
            LineField::Owners(o) => Owner::format_list(o),
            LineField::Due(d) => d.to_input(),
            LineField::Status(s) => format!("{s:?}"),
        }
    }
}

impl CellName {
    /// The field holding `text` in this cell: the inverse of [`LineField::text`].
    pub fn field(self, text: &str) -> LineField {
        match self {
            CellName::Solution => LineField::Solution(text.to_string()),
            CellName::Action => LineField::Action(text.to_string()),
            CellName::Owners => LineField::Owners(Owner::parse_list(text)),
            CellName::Due => LineField::Due(crate::domain::Due::parse(text)),
            CellName::Status => LineField::Status(
                Status::ALL
                    .into_iter()
                    .find(|s| format!("{s:?}") == text)
                    .unwrap_or_default(),
            ),
        }
    }
}

pub(super) fn current_field(s: &Session, line: LineId, cell: CellName) -> Option<LineField> {
    let l = s.line(line)?;
    Some(match cell {
        CellName::Solution => LineField::Solution(l.solution.clone()),
        CellName::Action => LineField::Action(l.action.clone()),
        CellName::Owners => LineField::Owners(l.owners.clone()),
        CellName::Due => LineField::Due(l.due.clone()),
        CellName::Status => LineField::Status(l.status),
    })
}

/// Two follow-up lines say the same (their revision counts aside: the store raises them).
pub(super) fn same_follow(a: &Option<ActionLine>, b: &Option<ActionLine>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.id == b.id
                && a.solution == b.solution
                && a.action == b.action
                && a.owners == b.owners
                && a.due == b.due
                && a.status == b.status
        }
        (None, None) => true,
        _ => false,
    }
}

/// Two cards say the same.
pub(super) fn same_card(a: &Card, b: &Card) -> bool {
    a.text == b.text
        && a.kind == b.kind
        && a.author == b.author
        && a.flow == b.flow
        && a.quantity == b.quantity
        && a.theme == b.theme
        && a.answer == b.answer
        && same_follow(&a.follow, &b.follow)
}

/// One field of a card edited here: what this process wrote if it changed the field, else
/// what the file holds. A change here over another change elsewhere is a conflict, which
/// the later one (this one) wins.
pub(super) fn pick<T: Clone>(
    mine: &T,
    before: &T,
    now: &T,
    same: impl Fn(&T, &T) -> bool,
    conflict: &mut bool,
) -> T {
    if same(mine, before) {
        return now.clone();
    }
    if !same(now, before) && !same(now, mine) {
        *conflict = true;
    }
    mine.clone()
}

/// A card edited here (`before` → `mine`) merged with the file's (`now`), field by field.
/// Returns the card and whether a field had been changed differently elsewhere.
pub(super) fn merge_card(mine: &Card, before: &Card, now: &Card) -> (Card, bool) {
    let mut c = false;
    macro_rules! field {
        ($f:ident) => {
            pick(&mine.$f, &before.$f, &now.$f, PartialEq::eq, &mut c)
        };
    }
    let mut out = Card {
        id: now.id,
        text: field!(text),
        kind: field!(kind),
        author: field!(author),
        flow: field!(flow),
        quantity: field!(quantity),
        theme: field!(theme),
        answer: field!(answer),
        follow: pick(
            &mine.follow,
            &before.follow,
            &now.follow,
            same_follow,
            &mut c,
        ),
    };
    // A revision count only goes up (and its time goes with it).
    if let (Some(o), Some(n)) = (out.follow.as_mut(), now.follow.as_ref())
        && o.id == n.id
        && n.revision > o.revision
    {
        o.revision = n.revision;
        o.revised_at = n.revised_at;
    }
    (out, c)
}

/// A synergy edited here (`before` → `mine`) merged with the file's (`now`): each field
/// this process changed is written (over a change elsewhere: a conflict, the later wins),
/// the others keep the file's. The history is the file's (events have ops of their own).
pub(super) fn merge_synergy(mine: &Synergy, before: &Synergy, now: &Synergy) -> (Synergy, bool) {
    let mut c = false;
    macro_rules! field {
        ($f:ident) => {
            pick(&mine.$f, &before.$f, &now.$f, PartialEq::eq, &mut c)
        };
    }
    let out = Synergy {
        id: now.id,
        title: field!(title),
        kind: field!(kind),
        members: field!(members),
        group: field!(group),
        lines: field!(lines),
        lead: field!(lead),
        impacts: field!(impacts),
        history: now.history.clone(),
        note: field!(note),
        created: field!(created),
    };
    (out, c)
}
