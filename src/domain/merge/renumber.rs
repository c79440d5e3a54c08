//! The new numbers of what this process created and the file already had.

use std::collections::BTreeMap;

use super::super::{
    LineId, ReactionId,
    op::Op,
    rencontre::{CandidateId, Card, CardId, DotId, RencontreField},
    synergy::SynergyId,
};

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
