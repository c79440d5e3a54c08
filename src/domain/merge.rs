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

use std::collections::{BTreeMap, HashMap};

use super::{
    ActionLine, LineId, ReactionId, Session, Timestamp,
    op::{LineField, Op},
    poster::{CellName, Overwritten, Owner, Status},
    rencontre::{Candidate, CandidateId, Card, CardId, Dot, DotId, RencontreField},
    synergy::{Synergy, SynergyId},
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

/// Old id → new id, for lines (poster lines and « hors atelier » follow-ups share one
/// numbering), reactions, and the rencontre's cards, candidate themes and dots.
///
/// Card, candidate and dot ids are numbered within a rencontre; the maps hold the ids of
/// the rencontre this process edited (a session has at most two, and one save never holds
/// edits of both in practice).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renumbering {
    pub lines: BTreeMap<LineId, LineId>,
    pub reactions: BTreeMap<ReactionId, ReactionId>,
    pub cards: BTreeMap<CardId, CardId>,
    pub candidates: BTreeMap<CandidateId, CandidateId>,
    /// A dot the file refused (the vote's limits were reached by another process's dots)
    /// maps to [`Renumbering::GONE`]: whatever still names it (a cursor, an undo) must let
    /// go rather than act on another person's dot that took its number.
    pub dots: BTreeMap<DotId, DotId>,
    pub synergies: BTreeMap<SynergyId, SynergyId>,
}

impl Renumbering {
    /// The new number of a dot that is not in the file (see [`Renumbering::dots`]); no dot
    /// ever has it.
    pub const GONE: DotId = DotId::MAX;

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.reactions.is_empty()
            && self.cards.is_empty()
            && self.candidates.is_empty()
            && self.dots.is_empty()
            && self.synergies.is_empty()
    }

    pub fn synergy(&self, id: SynergyId) -> SynergyId {
        self.synergies.get(&id).copied().unwrap_or(id)
    }

    pub fn line(&self, id: LineId) -> LineId {
        self.lines.get(&id).copied().unwrap_or(id)
    }

    pub fn reaction(&self, id: ReactionId) -> ReactionId {
        self.reactions.get(&id).copied().unwrap_or(id)
    }

    pub fn card(&self, id: CardId) -> CardId {
        self.cards.get(&id).copied().unwrap_or(id)
    }

    pub fn candidate(&self, id: CandidateId) -> CandidateId {
        self.candidates.get(&id).copied().unwrap_or(id)
    }

    /// [`Renumbering::GONE`] for a dot the file refused.
    pub fn dot(&self, id: DotId) -> DotId {
        self.dots.get(&id).copied().unwrap_or(id)
    }

    /// A card as the file numbers it: its id, its candidate theme, its follow-up line.
    fn renumber_card(&self, card: &mut Card) {
        card.id = self.card(card.id);
        card.theme = card.theme.map(|t| self.candidate(t));
        if let Some(l) = card.follow.as_mut() {
            l.id = self.line(l.id);
        }
    }
}

impl Op {
    /// The same op, naming lines, reactions, cards, candidate themes and dots by their new
    /// numbers.
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
            Op::AddCard { card, .. } | Op::UpdateCard { card, .. } => map.renumber_card(card),
            Op::RemoveCard { card, .. } => *card = map.card(*card),
            Op::AddCandidate { candidate, .. } | Op::UpdateCandidate { candidate, .. } => {
                candidate.id = map.candidate(candidate.id)
            }
            Op::RemoveCandidate { candidate, .. } => *candidate = map.candidate(*candidate),
            Op::AddDot { dot, .. } | Op::UpdateDot { dot, .. } => {
                dot.id = map.dot(dot.id);
                dot.theme = map.candidate(dot.theme);
            }
            Op::RemoveDot { dot, .. } => *dot = map.dot(*dot),
            Op::MarkSynergy { offer, need, .. } => {
                *offer = map.card(*offer);
                *need = map.card(*need);
            }
            Op::SetRencontre {
                field: RencontreField::Retained(Some(ids)),
                ..
            } => ids.iter_mut().for_each(|t| *t = map.candidate(*t)),
            Op::AddSynergy { synergy, .. } | Op::UpdateSynergy(synergy) => {
                synergy.id = map.synergy(synergy.id);
                synergy.lines.iter_mut().for_each(|l| *l = map.line(*l));
            }
            Op::RemoveSynergy(id)
            | Op::AddSynergyEvent { synergy: id, .. }
            | Op::RemoveSynergyEvent { synergy: id, .. } => *id = map.synergy(*id),
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

/// A line of the file: on a poster, or the follow-up of a « hors atelier » card.
fn line_mut(s: &mut Session, id: LineId) -> Option<&mut ActionLine> {
    s.groups
        .iter_mut()
        .flat_map(|g| g.poster.lines.iter_mut())
        .chain(
            s.rencontres
                .iter_mut()
                .flat_map(|r| r.cards.iter_mut())
                .filter_map(|c| c.follow.as_mut()),
        )
        .find(|l| l.id == id)
}

/// Two follow-up lines say the same (their revision counts aside: the store raises them).
fn same_follow(a: &Option<ActionLine>, b: &Option<ActionLine>) -> bool {
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
fn same_card(a: &Card, b: &Card) -> bool {
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
fn pick<T: Clone>(
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
fn merge_card(mine: &Card, before: &Card, now: &Card) -> (Card, bool) {
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

struct Replayer<'a> {
    local: &'a Session,
    who: &'a str,
    at: Timestamp,
    lines: HashMap<LineId, LineId>,
    reactions: HashMap<ReactionId, ReactionId>,
    cards: HashMap<CardId, CardId>,
    candidates: HashMap<CandidateId, CandidateId>,
    dots: HashMap<DotId, DotId>,
    synergies: HashMap<SynergyId, SynergyId>,
    report: MergeReport,
}

impl Replayer<'_> {
    fn line(&self, id: LineId) -> LineId {
        self.lines.get(&id).copied().unwrap_or(id)
    }

    fn reaction(&self, id: ReactionId) -> ReactionId {
        self.reactions.get(&id).copied().unwrap_or(id)
    }

    fn card(&self, id: CardId) -> CardId {
        self.cards.get(&id).copied().unwrap_or(id)
    }

    fn candidate(&self, id: CandidateId) -> CandidateId {
        self.candidates.get(&id).copied().unwrap_or(id)
    }

    fn dot(&self, id: DotId) -> DotId {
        self.dots.get(&id).copied().unwrap_or(id)
    }

    /// A card of this process as the file numbers what it names (its own id aside): its
    /// candidate theme and its follow-up line.
    fn card_here(&self, card: &Card) -> Card {
        let mut card = card.clone();
        card.theme = card.theme.map(|t| self.candidate(t));
        if let Some(l) = card.follow.as_mut() {
            l.id = self.line(l.id);
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
            self.lines.insert(local, l.id);
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
                // Taken by a poster line or by a card's follow-up line.
                if latest.line(line.id).is_some() {
                    line.id = latest.next_line_id();
                }
                self.lines.insert(local_id, line.id);
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
                if latest.line(id).is_none() {
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
                    if let Some(l) = line_mut(latest, id) {
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
                    if let Some(l) = line_mut(latest, id) {
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
                let id = self.card(*card);
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
                candidate.id = self.candidate(candidate.id);
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
                let id = self.candidate(*candidate);
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
                let id = self.dot(*dot);
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
                let (offer, need) = (self.card(*offer), self.card(*need));
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
                let ids = ids.iter().map(|t| self.candidate(*t)).collect();
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
                self.synergies.insert(synergy.id, mine.id);
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
                        let (merged, conflict) = super::synergy::merge(&mine, &before, &now);
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
                let id = self.synergy_id(*id);
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
                    synergy: self.synergy_id(*synergy),
                    event: event.clone(),
                }));
            }
            (Op::RemoveSynergyEvent { synergy, event }, _) => {
                self.count(latest.apply(Op::RemoveSynergyEvent {
                    synergy: self.synergy_id(*synergy),
                    event: event.clone(),
                }));
            }
            (other, _) => self.count(latest.apply(other.clone())),
        }
    }

    fn synergy_id(&self, id: SynergyId) -> SynergyId {
        self.synergies.get(&id).copied().unwrap_or(id)
    }

    /// A synergy of this process as the file numbers it and the lines it names.
    fn synergy_here(&self, s: &Synergy) -> Synergy {
        let mut s = s.clone();
        s.id = self.synergy_id(s.id);
        s.lines.iter_mut().for_each(|l| *l = self.line(*l));
        s
    }

    /// A card written here: a new number when the file has a card with its number (another
    /// process wrote one at the same time).
    fn add_card(&mut self, latest: &mut Session, rencontre: u32, index: usize, card: &Card) {
        let mut mine = self.card_here(card);
        let Some(r) = latest.rencontre(rencontre) else {
            self.report.dropped += 1;
            return;
        };
        if r.card(mine.id).is_some() {
            mine.id = r.next_card_id();
        }
        self.cards.insert(card.id, mine.id);
        self.settle_follow(
            latest,
            rencontre,
            &mut mine,
            card.follow.as_ref().map(|l| l.id),
        );
        self.count(latest.apply(Op::AddCard {
            rencontre,
            index,
            card: mine,
        }));
    }

    /// A card edited here: the fields this process changed are written, the others keep
    /// what the file holds. Deleted elsewhere, it comes back with the edit.
    fn update_card(
        &mut self,
        latest: &mut Session,
        rencontre: u32,
        card: &Card,
        before: Option<&Card>,
    ) {
        let mut mine = self.card_here(card);
        mine.id = self.card(card.id);
        let local_line = card.follow.as_ref().map(|l| l.id);
        let Some(r) = latest.rencontre(rencontre) else {
            self.report.dropped += 1;
            return;
        };
        let Some(now) = r.card(mine.id).cloned() else {
            let index = r.cards.len();
            self.settle_follow(latest, rencontre, &mut mine, local_line);
            match latest.apply(Op::AddCard {
                rencontre,
                index,
                card: mine,
            }) {
                Ok(_) => self.report.restored += 1,
                Err(_) => self.report.dropped += 1,
            }
            return;
        };
        let mut merged = match before {
            Some(before) => {
                let mut before = self.card_here(before);
                before.id = mine.id;
                let (merged, conflict) = merge_card(&mine, &before, &now);
                if conflict {
                    self.report.conflicts += 1;
                }
                merged
            }
            None => mine,
        };
        self.settle_follow(latest, rencontre, &mut merged, local_line);
        self.count(latest.apply(Op::UpdateCard {
            rencontre,
            card: merged,
        }));
    }

    fn add_candidate(
        &mut self,
        latest: &mut Session,
        rencontre: u32,
        index: usize,
        candidate: &Candidate,
    ) {
        let mut mine = candidate.clone();
        let Some(r) = latest.rencontre(rencontre) else {
            self.report.dropped += 1;
            return;
        };
        if r.candidate(mine.id).is_some() {
            mine.id = r.next_candidate_id();
        }
        self.candidates.insert(candidate.id, mine.id);
        self.count(latest.apply(Op::AddCandidate {
            rencontre,
            index,
            candidate: mine,
        }));
    }

    /// A dot placed here: a new number when the file has a dot with its number; refused
    /// (dropped, and its number [`Renumbering::GONE`]) when the file's dots already use up
    /// the person's dots or the theme's limit.
    fn add_dot(&mut self, latest: &mut Session, rencontre: u32, dot: &Dot) {
        let mut mine = *dot;
        mine.theme = self.candidate(dot.theme);
        if let Some(r) = latest.rencontre(rencontre)
            && r.dots.iter().any(|d| d.id == mine.id)
        {
            mine.id = r.next_dot_id();
        }
        match latest.apply(Op::AddDot {
            rencontre,
            dot: mine,
        }) {
            Ok(_) => {
                self.dots.insert(dot.id, mine.id);
                self.report.applied += 1;
            }
            Err(_) => {
                self.dots.insert(dot.id, Renumbering::GONE);
                self.report.dropped += 1;
            }
        }
    }

    /// A dot moved to another theme (`put_back` false: two themes merged), only if it is
    /// still in the file; or a dot put back (an undone removal), only within the file's
    /// limits.
    fn update_dot(&mut self, latest: &mut Session, rencontre: u32, dot: &Dot, put_back: bool) {
        let mut mine = *dot;
        mine.id = self.dot(dot.id);
        mine.theme = self.candidate(dot.theme);
        let Some(r) = latest.rencontre(rencontre) else {
            self.report.dropped += 1;
            return;
        };
        let now = r.dots.iter().find(|d| d.id == mine.id).copied();
        if !put_back {
            match now {
                Some(d) if d.participant == mine.participant => {
                    self.count(latest.apply(Op::UpdateDot {
                        rencontre,
                        dot: mine,
                    }))
                }
                _ => self.report.dropped += 1,
            }
            return;
        }
        if mine.id == Renumbering::GONE {
            self.report.dropped += 1;
            return;
        }
        if now.is_some() {
            mine.id = r.next_dot_id();
        }
        if r.can_vote(&latest.participants, mine.participant, mine.theme)
            .is_err()
        {
            self.dots.insert(dot.id, Renumbering::GONE);
            self.report.dropped += 1;
            return;
        }
        self.dots.insert(dot.id, mine.id);
        self.count(latest.apply(Op::UpdateDot {
            rencontre,
            dot: mine,
        }));
    }

    fn count<T, E>(&mut self, r: Result<T, E>) {
        match r {
            Ok(_) => self.report.applied += 1,
            Err(_) => self.report.dropped += 1,
        }
    }
}

/// After a candidate theme was removed here: the cards another process gathered into it
/// meanwhile go back to the unsorted ones, and the dots put on it are taken off (they would
/// count against their owner's dots, on a theme that no longer exists).
fn unlink_candidate(latest: &mut Session, rencontre: u32, id: CandidateId) {
    let Some(r) = latest.rencontre(rencontre) else {
        return;
    };
    let mut ops: Vec<Op> = r
        .cards
        .iter()
        .filter(|c| c.theme == Some(id))
        .map(|c| {
            let mut card = c.clone();
            card.theme = None;
            Op::UpdateCard { rencontre, card }
        })
        .collect();
    ops.extend(
        r.dots
            .iter()
            .filter(|d| d.theme == id)
            .map(|d| Op::RemoveDot {
                rencontre,
                dot: d.id,
            }),
    );
    for op in ops {
        let _ = latest.apply(op);
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
        cards: HashMap::new(),
        candidates: HashMap::new(),
        dots: HashMap::new(),
        synergies: HashMap::new(),
        report: MergeReport::default(),
    };
    for p in pending {
        r.replay(latest, &p.op, &p.inverse);
    }
    fn moved<K: Ord + Eq>(map: HashMap<K, K>) -> BTreeMap<K, K> {
        map.into_iter().filter(|(a, b)| a != b).collect()
    }
    let mut report = r.report;
    report.renumbered = Renumbering {
        lines: moved(r.lines),
        reactions: moved(r.reactions),
        cards: moved(r.cards),
        candidates: moved(r.candidates),
        dots: moved(r.dots),
        synergies: moved(r.synergies),
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

#[cfg(test)]
#[path = "merge_tests.rs"]
mod rencontre_tests;

#[cfg(test)]
#[path = "merge_synergy_tests.rs"]
mod synergy_tests;
