//! Replaying a process's pending operations onto the latest version of the file, so that
//! several processes can edit one session and no edit is ever lost:
//! - edits of different lines or cells simply both apply;
//! - two edits of the same cell: the later (the one being replayed) wins, and the text it
//!   replaces is kept in the line's history;
//! - a line deleted elsewhere while it was edited here comes back, marked restored;
//! - ids created concurrently by two processes are renumbered.

use std::collections::{BTreeMap, HashMap};

use super::{
    LineId, ReactionId, Session, Timestamp,
    op::{LineField, Op},
    poster::{CellName, Overwritten, Owner, Status},
};

/// One local edit not yet written: the op and the inverse computed when it was applied
/// locally (which tells what the cell held before, to detect a concurrent edit).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub op: Op,
    pub inverse: Op,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub applied: usize,
    /// Same-cell conflicts; the replaced text went to the line's history.
    pub conflicts: usize,
    /// Lines deleted elsewhere and brought back.
    pub restored: usize,
    /// Ops with nothing left to act on (e.g. deleting what is already gone).
    pub dropped: usize,
    /// Ids this process created that the file already had for something else, and their
    /// new numbers: whatever still names them (an open editor, the cursor, the undo history)
    /// must follow, or it would act on another group's line.
    pub renumbered: Renumbering,
}

/// Old id → new id, for lines and reactions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renumbering {
    pub lines: BTreeMap<LineId, LineId>,
    pub reactions: BTreeMap<ReactionId, ReactionId>,
}

impl Renumbering {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.reactions.is_empty()
    }

    pub fn line(&self, id: LineId) -> LineId {
        self.lines.get(&id).copied().unwrap_or(id)
    }

    pub fn reaction(&self, id: ReactionId) -> ReactionId {
        self.reactions.get(&id).copied().unwrap_or(id)
    }
}

impl Op {
    /// The same op, naming lines and reactions by their new numbers.
    pub fn renumber(&mut self, map: &Renumbering) {
        match self {
            Op::Batch(ops) => ops.iter_mut().for_each(|o| o.renumber(map)),
            Op::AddLine { line, .. } => line.id = map.line(line.id),
            Op::SetLine { line, .. } | Op::MoveLine { line, .. } | Op::DeleteLine(line) => {
                *line = map.line(*line)
            }
            Op::AddReaction { reaction, .. } => reaction.id = map.reaction(reaction.id),
            Op::SetReaction { reaction, .. } | Op::DeleteReaction(reaction) => {
                *reaction = map.reaction(*reaction)
            }
            _ => {}
        }
    }
}

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
            CellName::Due => LineField::Due(super::Due::parse(text)),
            CellName::Status => LineField::Status(
                Status::ALL
                    .into_iter()
                    .find(|s| format!("{s:?}") == text)
                    .unwrap_or_default(),
            ),
        }
    }
}

fn current_field(s: &Session, line: LineId, cell: CellName) -> Option<LineField> {
    let l = s.line(line)?;
    Some(match cell {
        CellName::Solution => LineField::Solution(l.solution.clone()),
        CellName::Action => LineField::Action(l.action.clone()),
        CellName::Owners => LineField::Owners(l.owners.clone()),
        CellName::Due => LineField::Due(l.due.clone()),
        CellName::Status => LineField::Status(l.status),
    })
}

struct Replayer<'a> {
    local: &'a Session,
    who: &'a str,
    at: Timestamp,
    lines: HashMap<LineId, LineId>,
    reactions: HashMap<ReactionId, ReactionId>,
    report: MergeReport,
}

impl Replayer<'_> {
    fn line(&self, id: LineId) -> LineId {
        self.lines.get(&id).copied().unwrap_or(id)
    }

    fn reaction(&self, id: ReactionId) -> ReactionId {
        self.reactions.get(&id).copied().unwrap_or(id)
    }

    /// Brings back a line this process still has but the latest file lost.
    fn restore(&mut self, latest: &mut Session, local_id: LineId) -> bool {
        let Some(theme) = self.local.group_of_line(local_id) else {
            return false;
        };
        let Some(mut line) = self
            .local
            .group(theme)
            .and_then(|g| g.poster.line(local_id))
            .cloned()
        else {
            return false;
        };
        if latest.group_of_line(line.id).is_some() {
            line.id = latest.next_line_id();
        }
        line.restored = true;
        let new_id = line.id;
        let index = latest
            .group(theme)
            .map(|g| g.poster.lines.len())
            .unwrap_or(0);
        if latest.apply(Op::AddLine { theme, index, line }).is_err() {
            return false;
        }
        self.lines.insert(local_id, new_id);
        self.report.restored += 1;
        true
    }

    fn replay(&mut self, latest: &mut Session, op: &Op, inverse: &Op) {
        match (op, inverse) {
            (Op::Batch(ops), Op::Batch(invs)) => {
                // Inverses come in reverse order.
                for (o, i) in ops.iter().zip(invs.iter().rev()) {
                    self.replay(latest, o, i);
                }
            }
            (Op::AddLine { theme, index, line }, _) => {
                let mut line = line.clone();
                let local_id = line.id;
                if latest.group_of_line(line.id).is_some() {
                    line.id = latest.next_line_id();
                    self.lines.insert(local_id, line.id);
                }
                self.count(latest.apply(Op::AddLine {
                    theme: *theme,
                    index: *index,
                    line,
                }));
            }
            (
                Op::AddReaction {
                    theme,
                    index,
                    reaction,
                },
                _,
            ) => {
                let mut reaction = reaction.clone();
                let taken = latest
                    .groups
                    .iter()
                    .any(|g| g.poster.reaction_index(reaction.id).is_some());
                if taken {
                    let local_id = reaction.id;
                    reaction.id = latest.next_reaction_id();
                    self.reactions.insert(local_id, reaction.id);
                }
                self.count(latest.apply(Op::AddReaction {
                    theme: *theme,
                    index: *index,
                    reaction,
                }));
            }
            (Op::SetLine { line, field }, Op::SetLine { field: before, .. }) => {
                let local_id = *line;
                let mut id = self.line(local_id);
                if latest.group_of_line(id).is_none() {
                    // Deleted elsewhere while edited here: restore it with this edit.
                    if self.restore(latest, local_id) {
                        id = self.line(local_id);
                    } else {
                        self.report.dropped += 1;
                        return;
                    }
                }
                let cell = field.cell();
                if let Some(current) = current_field(latest, id, cell)
                    && &current != before
                    && &current != field
                {
                    self.report.conflicts += 1;
                    if let Some(l) = latest
                        .groups
                        .iter_mut()
                        .flat_map(|g| g.poster.lines.iter_mut())
                        .find(|l| l.id == id)
                    {
                        l.history.push(Overwritten {
                            field: cell,
                            text: current.text(),
                            replaced_by: self.who.to_string(),
                            at: self.at,
                        });
                    }
                }
                self.count(latest.apply(Op::SetLine {
                    line: id,
                    field: field.clone(),
                }));
            }
            (Op::DeleteLine(id), inv) => {
                let id = self.line(*id);
                // Edited elsewhere since this process saw it: keep it, marked restored.
                let seen = match inv {
                    Op::AddLine { line, .. } => Some(line),
                    _ => None,
                };
                let now = latest.line(id);
                if let (Some(seen), Some(now)) = (seen, now)
                    && (seen.solution != now.solution
                        || seen.action != now.action
                        || seen.owners != now.owners
                        || seen.due != now.due
                        || seen.status != now.status)
                {
                    if let Some(l) = latest
                        .groups
                        .iter_mut()
                        .flat_map(|g| g.poster.lines.iter_mut())
                        .find(|l| l.id == id)
                    {
                        l.restored = true;
                    }
                    self.report.restored += 1;
                    return;
                }
                self.count(latest.apply(Op::DeleteLine(id)));
            }
            (Op::MoveLine { line, to }, _) => {
                let id = self.line(*line);
                self.count(latest.apply(Op::MoveLine { line: id, to: *to }));
            }
            (Op::SetReaction { reaction, text }, _) => {
                let id = self.reaction(*reaction);
                self.count(latest.apply(Op::SetReaction {
                    reaction: id,
                    text: text.clone(),
                }));
            }
            (Op::DeleteReaction(id), _) => {
                let id = self.reaction(*id);
                self.count(latest.apply(Op::DeleteReaction(id)));
            }
            (other, _) => self.count(latest.apply(other.clone())),
        }
    }

    fn count<T, E>(&mut self, r: Result<T, E>) {
        match r {
            Ok(_) => self.report.applied += 1,
            Err(_) => self.report.dropped += 1,
        }
    }
}

/// Replays `pending` (in order) onto `latest`. `local` is this process's current session
/// (where deleted lines are recovered from); `who` and `at` label overwritten texts.
pub fn replay(
    latest: &mut Session,
    pending: &[Pending],
    local: &Session,
    who: &str,
    at: Timestamp,
) -> MergeReport {
    let mut r = Replayer {
        local,
        who,
        at,
        lines: HashMap::new(),
        reactions: HashMap::new(),
        report: MergeReport::default(),
    };
    for p in pending {
        r.replay(latest, &p.op, &p.inverse);
    }
    let mut report = r.report;
    report.renumbered = Renumbering {
        lines: r.lines.into_iter().filter(|(a, b)| a != b).collect(),
        reactions: r.reactions.into_iter().filter(|(a, b)| a != b).collect(),
    };
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionLine, History};
    use chrono::DateTime;

    fn at() -> Timestamp {
        DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap()
    }

    fn base() -> Session {
        let mut s = Session::new("t", "z");
        s.apply(s.add_theme_op("Mobilité")).unwrap();
        s.apply(s.add_theme_op("Déchets")).unwrap();
        for id in [1, 2] {
            s.apply(Op::AddLine {
                theme: 1,
                index: 9,
                line: ActionLine::new(id, 1),
            })
            .unwrap();
        }
        s
    }

    /// A process: its session and its pending list, fed like the app does.
    struct Proc {
        s: Session,
        h: History,
        pending: Vec<Pending>,
    }

    impl Proc {
        fn new(s: &Session) -> Self {
            Proc {
                s: s.clone(),
                h: History::default(),
                pending: Vec::new(),
            }
        }
        fn edit(&mut self, op: Op) {
            let inverse = self.h.apply(&mut self.s, op.clone()).unwrap();
            self.pending.push(Pending { op, inverse });
        }
        fn sync(&mut self, file: &mut Session) -> MergeReport {
            let mut latest = file.clone();
            let r = replay(&mut latest, &self.pending, &self.s, "p", at());
            *file = latest.clone();
            self.s = latest;
            self.pending.clear();
            r
        }
    }

    fn set(line: LineId, text: &str) -> Op {
        Op::SetLine {
            line,
            field: LineField::Action(text.into()),
        }
    }

    #[test]
    fn edits_of_different_cells_both_survive() {
        let mut file = base();
        let mut a = Proc::new(&file);
        let mut b = Proc::new(&file);
        a.edit(set(1, "de A"));
        b.edit(Op::SetLine {
            line: 1,
            field: LineField::Solution("de B".into()),
        });
        a.sync(&mut file);
        b.sync(&mut file);
        let l = file.group(1).unwrap().poster.line(1).unwrap();
        assert_eq!(l.action, "de A");
        assert_eq!(l.solution, "de B");
        assert!(l.history.is_empty());
    }

    #[test]
    fn same_cell_the_later_wins_and_the_other_is_kept() {
        let mut file = base();
        let mut a = Proc::new(&file);
        let mut b = Proc::new(&file);
        a.edit(set(1, "version A"));
        b.edit(set(1, "version B"));
        a.sync(&mut file);
        let r = b.sync(&mut file);
        assert_eq!(r.conflicts, 1);
        let l = file.group(1).unwrap().poster.line(1).unwrap();
        assert_eq!(l.action, "version B");
        assert_eq!(l.history.len(), 1);
        assert_eq!(l.history[0].text, "version A");
        assert_eq!(l.history[0].field, CellName::Action);
        // Restorable: the history entry turns back into the field.
        assert_eq!(
            l.history[0].field.field(&l.history[0].text),
            LineField::Action("version A".into())
        );
    }

    #[test]
    fn a_line_deleted_elsewhere_while_edited_comes_back() {
        let mut file = base();
        let mut a = Proc::new(&file);
        let mut b = Proc::new(&file);
        a.edit(Op::DeleteLine(2));
        b.edit(set(2, "encore utile"));
        a.sync(&mut file);
        let r = b.sync(&mut file);
        assert_eq!(r.restored, 1);
        let l = file
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter())
            .find(|l| l.action == "encore utile")
            .unwrap();
        assert!(l.restored);
    }

    #[test]
    fn lines_added_concurrently_get_distinct_ids_and_later_edits_follow() {
        let mut file = base();
        let mut a = Proc::new(&file);
        let mut b = Proc::new(&file);
        let id_a = a.s.next_line_id();
        a.edit(Op::AddLine {
            theme: 1,
            index: 9,
            line: ActionLine::new(id_a, 1),
        });
        a.edit(set(id_a, "ligne de A"));
        let id_b = b.s.next_line_id();
        assert_eq!(id_a, id_b);
        b.edit(Op::AddLine {
            theme: 2,
            index: 0,
            line: ActionLine::new(id_b, 1),
        });
        b.edit(set(id_b, "ligne de B"));
        b.edit(Op::MoveLine { line: id_b, to: 0 });
        a.sync(&mut file);
        let r = b.sync(&mut file);
        assert_eq!(r.dropped, 0);
        assert!(file.integrity_problems().is_empty());
        let texts: Vec<_> = file
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter().map(|l| l.action.clone()))
            .collect();
        assert!(texts.contains(&"ligne de A".to_string()));
        assert!(texts.contains(&"ligne de B".to_string()));
        assert_eq!(file.group(2).unwrap().poster.lines[0].action, "ligne de B");
    }

    #[test]
    fn a_delete_does_not_take_an_edit_it_never_saw() {
        let mut file = base();
        let mut a = Proc::new(&file);
        let mut b = Proc::new(&file);
        b.edit(set(2, "modifiée par B"));
        a.edit(Op::DeleteLine(2));
        b.sync(&mut file);
        let r = a.sync(&mut file);
        assert_eq!(r.restored, 1);
        let l = file.group(1).unwrap().poster.line(2).unwrap();
        assert_eq!(l.action, "modifiée par B");
        assert!(l.restored);
    }

    #[test]
    fn deleting_what_is_already_gone_is_harmless() {
        let mut file = base();
        let mut a = Proc::new(&file);
        let mut b = Proc::new(&file);
        a.edit(Op::DeleteLine(1));
        b.edit(Op::DeleteLine(1));
        a.sync(&mut file);
        let r = b.sync(&mut file);
        assert_eq!(r.dropped, 1);
        assert!(file.group(1).unwrap().poster.line(1).is_none());
    }
}
