//! How the rencontre's operations apply (see [`Op`]), each returning its inverse.

use super::{
    error::DomainError,
    op::Op,
    rencontre::{CandidateId, Rencontre, RencontreField, StepLog, SynergyMark},
    session::Session,
};

fn insert_at<T>(v: &mut Vec<T>, index: usize, item: T) {
    let index = index.min(v.len());
    v.insert(index, item);
}

impl Session {
    pub(super) fn apply_rencontre(&mut self, op: Op) -> Result<Op, DomainError> {
        Ok(match op {
            Op::AddRencontre(r) => {
                if self.rencontre(r.number).is_some() {
                    return Err(DomainError::DuplicateId(r.number));
                }
                let number = r.number;
                self.rencontres.push(r);
                self.rencontres.sort_by_key(|r| r.number);
                Op::RemoveRencontre(number)
            }
            Op::RemoveRencontre(number) => {
                let i = self
                    .rencontres
                    .iter()
                    .position(|r| r.number == number)
                    .ok_or(DomainError::NoRencontre(number))?;
                Op::AddRencontre(self.rencontres.remove(i))
            }
            Op::SetRencontreStep {
                rencontre,
                step,
                timer,
                at,
            } => {
                let r = self.rencontre_mut(rencontre)?;
                let old_step = std::mem::replace(&mut r.phase, step);
                let old_timer = std::mem::replace(&mut r.timer, timer);
                r.log.push(StepLog { at, step });
                Op::SetRencontreStep {
                    rencontre,
                    step: old_step,
                    timer: old_timer,
                    at,
                }
            }
            Op::SetRencontreTimer { rencontre, timer } => {
                let r = self.rencontre_mut(rencontre)?;
                Op::SetRencontreTimer {
                    rencontre,
                    timer: std::mem::replace(&mut r.timer, timer),
                }
            }
            Op::SetRencontre { rencontre, field } => {
                let r = self.rencontre_mut(rencontre)?;
                let old = match field {
                    RencontreField::Date(v) => {
                        RencontreField::Date(std::mem::replace(&mut r.date, v))
                    }
                    RencontreField::Agenda(v) => {
                        RencontreField::Agenda(std::mem::replace(&mut r.agenda, v))
                    }
                    RencontreField::Vote(v) => {
                        RencontreField::Vote(std::mem::replace(&mut r.vote, v))
                    }
                    RencontreField::Revealed(v) => {
                        RencontreField::Revealed(std::mem::replace(&mut r.revealed, v))
                    }
                    RencontreField::Retained(v) => {
                        RencontreField::Retained(std::mem::replace(&mut r.retained, v))
                    }
                    RencontreField::HandedOff(v) => {
                        RencontreField::HandedOff(std::mem::replace(&mut r.handed_off, v))
                    }
                };
                Op::SetRencontre {
                    rencontre,
                    field: old,
                }
            }
            Op::AddCard {
                rencontre,
                index,
                card,
            } => {
                let r = self.rencontre_mut(rencontre)?;
                if r.card(card.id).is_some() {
                    return Err(DomainError::DuplicateId(card.id));
                }
                let id = card.id;
                insert_at(&mut r.cards, index, card);
                Op::RemoveCard {
                    rencontre,
                    card: id,
                }
            }
            Op::UpdateCard { rencontre, card } => {
                let r = self.rencontre_mut(rencontre)?;
                let slot = r
                    .cards
                    .iter_mut()
                    .find(|c| c.id == card.id)
                    .ok_or(DomainError::NoCard(card.id))?;
                Op::UpdateCard {
                    rencontre,
                    card: std::mem::replace(slot, card),
                }
            }
            Op::RemoveCard { rencontre, card } => {
                let r = self.rencontre_mut(rencontre)?;
                let index = r
                    .cards
                    .iter()
                    .position(|c| c.id == card)
                    .ok_or(DomainError::NoCard(card))?;
                Op::AddCard {
                    rencontre,
                    index,
                    card: r.cards.remove(index),
                }
            }
            Op::AddCandidate {
                rencontre,
                index,
                candidate,
            } => {
                let r = self.rencontre_mut(rencontre)?;
                if r.candidate(candidate.id).is_some() {
                    return Err(DomainError::DuplicateId(candidate.id));
                }
                let id = candidate.id;
                insert_at(&mut r.themes, index, candidate);
                Op::RemoveCandidate {
                    rencontre,
                    candidate: id,
                }
            }
            Op::UpdateCandidate {
                rencontre,
                candidate,
            } => {
                let r = self.rencontre_mut(rencontre)?;
                let slot = r
                    .themes
                    .iter_mut()
                    .find(|c| c.id == candidate.id)
                    .ok_or(DomainError::NoCandidate(candidate.id))?;
                Op::UpdateCandidate {
                    rencontre,
                    candidate: std::mem::replace(slot, candidate),
                }
            }
            Op::RemoveCandidate {
                rencontre,
                candidate,
            } => {
                let r = self.rencontre_mut(rencontre)?;
                let index = r
                    .themes
                    .iter()
                    .position(|c| c.id == candidate)
                    .ok_or(DomainError::NoCandidate(candidate))?;
                Op::AddCandidate {
                    rencontre,
                    index,
                    candidate: r.themes.remove(index),
                }
            }
            Op::AddDot { rencontre, dot } => {
                let participants = std::mem::take(&mut self.participants);
                let checked = self.rencontre_mut(rencontre).and_then(|r| {
                    if r.dots.iter().any(|d| d.id == dot.id) {
                        return Err(DomainError::DuplicateId(dot.id));
                    }
                    r.can_vote(&participants, dot.participant, dot.theme)
                        .map_err(DomainError::Dot)?;
                    r.dots.push(dot);
                    Ok(())
                });
                self.participants = participants;
                checked?;
                Op::RemoveDot {
                    rencontre,
                    dot: dot.id,
                }
            }
            Op::RemoveDot { rencontre, dot } => {
                let r = self.rencontre_mut(rencontre)?;
                let index = r
                    .dots
                    .iter()
                    .position(|d| d.id == dot)
                    .ok_or(DomainError::NoDot(dot))?;
                let removed = r.dots.remove(index);
                // Put back unchecked: the dot was allowed when it was placed.
                Op::UpdateDot {
                    rencontre,
                    dot: removed,
                }
            }
            Op::UpdateDot { rencontre, dot } => {
                let r = self.rencontre_mut(rencontre)?;
                match r.dots.iter_mut().find(|d| d.id == dot.id) {
                    Some(slot) => Op::UpdateDot {
                        rencontre,
                        dot: std::mem::replace(slot, dot),
                    },
                    // An undone removal: the dot comes back as it was.
                    None => {
                        r.dots.push(dot);
                        Op::RemoveDot {
                            rencontre,
                            dot: dot.id,
                        }
                    }
                }
            }
            Op::MarkSynergy {
                rencontre,
                offer,
                need,
                mark,
            } => {
                let r = self.rencontre_mut(rencontre)?;
                let old = r
                    .synergies
                    .iter()
                    .position(|m| m.offer == offer && m.need == need)
                    .map(|i| r.synergies.remove(i).accepted);
                if let Some(accepted) = mark {
                    r.synergies.push(SynergyMark {
                        offer,
                        need,
                        accepted,
                    });
                }
                Op::MarkSynergy {
                    rencontre,
                    offer,
                    need,
                    mark: old,
                }
            }
            other => return Err(DomainError::NotARencontreOp(format!("{other:?}"))),
        })
    }

    /// Removes a candidate theme: its cards go back to the unsorted ones and its dots are
    /// taken off, all in one undo step.
    pub fn remove_candidate_op(&self, rencontre: u32, candidate: CandidateId) -> Option<Op> {
        let r = self.rencontre(rencontre)?;
        r.candidate(candidate)?;
        let mut ops = unassign(r, candidate, None);
        ops.extend(
            r.dots
                .iter()
                .filter(|d| d.theme == candidate)
                .map(|d| Op::RemoveDot {
                    rencontre,
                    dot: d.id,
                }),
        );
        ops.push(Op::RemoveCandidate {
            rencontre,
            candidate,
        });
        Some(Op::Batch(ops))
    }

    /// Merges candidate `from` into `into`: its cards and dots move over (dots are kept
    /// even past the per-theme limit: they were cast), then `from` is removed.
    pub fn merge_candidates_op(
        &self,
        rencontre: u32,
        from: CandidateId,
        into: CandidateId,
    ) -> Option<Op> {
        let r = self.rencontre(rencontre)?;
        if from == into || r.candidate(from).is_none() || r.candidate(into).is_none() {
            return None;
        }
        let mut ops = unassign(r, from, Some(into));
        ops.extend(r.dots.iter().filter(|d| d.theme == from).map(|d| {
            let mut moved = *d;
            moved.theme = into;
            Op::UpdateDot {
                rencontre,
                dot: moved,
            }
        }));
        ops.push(Op::RemoveCandidate {
            rencontre,
            candidate: from,
        });
        Some(Op::Batch(ops))
    }
}

/// Moves every card of `from` to `to`.
fn unassign(r: &Rencontre, from: CandidateId, to: Option<CandidateId>) -> Vec<Op> {
    r.cards
        .iter()
        .filter(|c| c.theme == Some(from))
        .map(|c| {
            let mut card = c.clone();
            card.theme = to;
            Op::UpdateCard {
                rencontre: r.number,
                card,
            }
        })
        .collect()
}
