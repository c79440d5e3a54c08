//! Replaying a process's pending operations onto the latest version of the file, so that
//! several processes can edit one session and no edit is ever lost:
//! - edits of different lines or cells simply both apply;
//! - two edits of the same cell: the later (the one being replayed) wins, and the text it
//!   replaces is kept in the line's history;
//! - a line deleted elsewhere while it was edited here comes back, marked restored;
//! - ids created concurrently by two processes are renumbered;
//! - the rencontre's cards, candidate themes and dots go the same way: a card edited here
//!   takes the fields this process changed and keeps the others' (a card deleted elsewhere
//!   while edited here comes back), and a dot the file's vote limits refuse (another
//!   assistant already placed that person's dots) is dropped and counted.

use super::{
    LineId, Session, Timestamp,
    op::Op,
    poster::Overwritten,
    rencontre::{Card, RencontreField},
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

mod cells;
mod rencontre;
use rencontre::unlink_candidate;
mod renumber;

use cells::{current_field, merge_card, merge_synergy, same_card};
pub use renumber::Renumbering;

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
        map: Renumbering::default(),
        report: MergeReport::default(),
    };
    for p in pending {
        r.replay(latest, &p.op, &p.inverse);
    }
    let mut report = r.report;
    report.renumbered = r.map;
    // What kept its number was not renumbered.
    let m = &mut report.renumbered;
    m.lines.retain(|a, b| a != b);
    m.reactions.retain(|a, b| a != b);
    m.cards.retain(|a, b| a != b);
    m.candidates.retain(|a, b| a != b);
    m.dots.retain(|a, b| a != b);
    m.synergies.retain(|a, b| a != b);
    report
}

struct Replayer<'a> {
    local: &'a Session,
    who: &'a str,
    at: Timestamp,
    /// What this process created under a number the file already had, and its new number
    /// (identities included while replaying; dropped at the end).
    map: Renumbering,
    report: MergeReport,
}

impl Replayer<'_> {
    /// A card of this process as the file numbers what it names (its own id aside): its
    /// candidate theme and its follow-up line.
    fn card_here(&self, card: &Card) -> Card {
        let mut card = card.clone();
        card.theme = card.theme.map(|t| self.map.candidate(t));
        if let Some(l) = card.follow.as_mut() {
            l.id = self.map.line(l.id);
        }
        card
    }

    /// Gives a card's follow-up line a number free in the file when another process took
    /// its number (for a poster line or another card's follow-up). `local`: the line's id
    /// in this process.
    fn settle_follow(
        &mut self,
        latest: &Session,
        rencontre: u32,
        card: &mut Card,
        local: Option<LineId>,
    ) {
        let (Some(l), Some(local)) = (card.follow.as_mut(), local) else {
            return;
        };
        let own = latest
            .rencontre(rencontre)
            .and_then(|r| r.card(card.id))
            .and_then(|c| c.follow.as_ref())
            .is_some_and(|f| f.id == l.id);
        if !own && latest.line(l.id).is_some() {
            l.id = latest.next_line_id();
            self.map.lines.insert(local, l.id);
        }
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
        if latest.line(line.id).is_some() {
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
        self.map.lines.insert(local_id, new_id);
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
                // Taken by a poster line or by a card's follow-up line.
                if latest.line(line.id).is_some() {
                    line.id = latest.next_line_id();
                }
                self.map.lines.insert(local_id, line.id);
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
                    self.map.reactions.insert(local_id, reaction.id);
                }
                self.count(latest.apply(Op::AddReaction {
                    theme: *theme,
                    index: *index,
                    reaction,
                }));
            }
            (Op::SetLine { line, field }, Op::SetLine { field: before, .. }) => {
                let local_id = *line;
                let mut id = self.map.line(local_id);
                if latest.line(id).is_none() {
                    // Deleted elsewhere while edited here: restore it with this edit.
                    if self.restore(latest, local_id) {
                        id = self.map.line(local_id);
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
                    if let Some(l) = latest.line_anywhere_mut(id) {
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
                let id = self.map.line(*id);
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
                    if let Some(l) = latest.line_anywhere_mut(id) {
                        l.restored = true;
                    }
                    self.report.restored += 1;
                    return;
                }
                self.count(latest.apply(Op::DeleteLine(id)));
            }
            (Op::MoveLine { line, to }, _) => {
                let id = self.map.line(*line);
                self.count(latest.apply(Op::MoveLine { line: id, to: *to }));
            }
            (Op::SetReaction { reaction, text }, _) => {
                let id = self.map.reaction(*reaction);
                self.count(latest.apply(Op::SetReaction {
                    reaction: id,
                    text: text.clone(),
                }));
            }
            (Op::DeleteReaction(id), _) => {
                let id = self.map.reaction(*id);
                self.count(latest.apply(Op::DeleteReaction(id)));
            }
            (
                Op::AddCard {
                    rencontre,
                    index,
                    card,
                },
                _,
            ) => self.add_card(latest, *rencontre, *index, card),
            (Op::UpdateCard { rencontre, card }, inv) => {
                let before = match inv {
                    Op::UpdateCard { card, .. } => Some(card),
                    _ => None,
                };
                self.update_card(latest, *rencontre, card, before);
            }
            (Op::RemoveCard { rencontre, card }, inv) => {
                let id = self.map.card(*card);
                let now = latest.rencontre(*rencontre).and_then(|r| r.card(id));
                // Edited elsewhere since this process saw it: kept.
                if let (Op::AddCard { card: seen, .. }, Some(now)) = (inv, now) {
                    let mut seen = self.card_here(seen);
                    seen.id = id;
                    if !same_card(&seen, now) {
                        self.report.restored += 1;
                        return;
                    }
                }
                self.count(latest.apply(Op::RemoveCard {
                    rencontre: *rencontre,
                    card: id,
                }));
            }
            (
                Op::AddCandidate {
                    rencontre,
                    index,
                    candidate,
                },
                _,
            ) => self.add_candidate(latest, *rencontre, *index, candidate),
            (
                Op::UpdateCandidate {
                    rencontre,
                    candidate,
                },
                inv,
            ) => {
                let mut candidate = candidate.clone();
                candidate.id = self.map.candidate(candidate.id);
                let now = latest
                    .rencontre(*rencontre)
                    .and_then(|r| r.candidate(candidate.id));
                if let (
                    Op::UpdateCandidate {
                        candidate: before, ..
                    },
                    Some(now),
                ) = (inv, now)
                    && now.title != before.title
                    && now.title != candidate.title
                {
                    self.report.conflicts += 1;
                }
                self.count(latest.apply(Op::UpdateCandidate {
                    rencontre: *rencontre,
                    candidate,
                }));
            }
            (
                Op::RemoveCandidate {
                    rencontre,
                    candidate,
                },
                _,
            ) => {
                let id = self.map.candidate(*candidate);
                let removed = latest.apply(Op::RemoveCandidate {
                    rencontre: *rencontre,
                    candidate: id,
                });
                if removed.is_ok() {
                    unlink_candidate(latest, *rencontre, id);
                }
                self.count(removed);
            }
            (Op::AddDot { rencontre, dot }, _) => self.add_dot(latest, *rencontre, dot),
            (Op::RemoveDot { rencontre, dot }, inv) => {
                let id = self.map.dot(*dot);
                // The dot this process removed, not another one that took its number.
                let seen = match inv {
                    Op::UpdateDot { dot, .. } => Some(dot.participant),
                    _ => None,
                };
                let found = latest
                    .rencontre(*rencontre)
                    .and_then(|r| r.dots.iter().find(|d| d.id == id))
                    .is_some_and(|d| seen.is_none_or(|p| p == d.participant));
                if found {
                    self.count(latest.apply(Op::RemoveDot {
                        rencontre: *rencontre,
                        dot: id,
                    }));
                } else {
                    self.report.dropped += 1;
                }
            }
            (Op::UpdateDot { rencontre, dot }, inv) => {
                let put_back = matches!(inv, Op::RemoveDot { .. });
                self.update_dot(latest, *rencontre, dot, put_back);
            }
            (
                Op::MarkSynergy {
                    rencontre,
                    offer,
                    need,
                    mark,
                },
                _,
            ) => {
                let (offer, need) = (self.map.card(*offer), self.map.card(*need));
                self.count(latest.apply(Op::MarkSynergy {
                    rencontre: *rencontre,
                    offer,
                    need,
                    mark: *mark,
                }));
            }
            (
                Op::SetRencontre {
                    rencontre,
                    field: RencontreField::Retained(Some(ids)),
                },
                _,
            ) => {
                let ids = ids.iter().map(|t| self.map.candidate(*t)).collect();
                self.count(latest.apply(Op::SetRencontre {
                    rencontre: *rencontre,
                    field: RencontreField::Retained(Some(ids)),
                }));
            }
            (Op::AddSynergy { index, synergy }, _) => {
                let mut mine = self.synergy_here(synergy);
                if latest.synergy(mine.id).is_some() {
                    mine.id = latest.next_synergy_id();
                }
                self.map.synergies.insert(synergy.id, mine.id);
                self.count(latest.apply(Op::AddSynergy {
                    index: *index,
                    synergy: mine,
                }));
            }
            (Op::UpdateSynergy(synergy), inv) => {
                let mine = self.synergy_here(synergy);
                let Some(now) = latest.synergy(mine.id).cloned() else {
                    // Deleted elsewhere while edited here: it comes back with the edit.
                    let index = latest.synergies.len();
                    match latest.apply(Op::AddSynergy {
                        index,
                        synergy: mine,
                    }) {
                        Ok(_) => self.report.restored += 1,
                        Err(_) => self.report.dropped += 1,
                    }
                    return;
                };
                let merged = match inv {
                    Op::UpdateSynergy(before) => {
                        let before = self.synergy_here(before);
                        let (merged, conflict) = merge_synergy(&mine, &before, &now);
                        if conflict {
                            self.report.conflicts += 1;
                        }
                        merged
                    }
                    _ => mine,
                };
                self.count(latest.apply(Op::UpdateSynergy(merged)));
            }
            (Op::RemoveSynergy(id), inv) => {
                let id = self.map.synergy(*id);
                // Edited elsewhere since this process saw it: kept.
                if let (Op::AddSynergy { synergy: seen, .. }, Some(now)) = (inv, latest.synergy(id))
                {
                    let mut seen = self.synergy_here(seen);
                    seen.id = id;
                    if &seen != now {
                        self.report.restored += 1;
                        return;
                    }
                }
                self.count(latest.apply(Op::RemoveSynergy(id)));
            }
            (Op::AddSynergyEvent { synergy, event }, _) => {
                self.count(latest.apply(Op::AddSynergyEvent {
                    synergy: self.map.synergy(*synergy),
                    event: event.clone(),
                }));
            }
            (Op::RemoveSynergyEvent { synergy, event }, _) => {
                self.count(latest.apply(Op::RemoveSynergyEvent {
                    synergy: self.map.synergy(*synergy),
                    event: event.clone(),
                }));
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

#[cfg(test)]
mod test_proc;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rencontre_tests;

#[cfg(test)]
mod synergy_tests;
