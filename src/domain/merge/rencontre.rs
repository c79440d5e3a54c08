//! Replaying the rencontre's cards, candidate themes and dots, and the synergies.

use super::super::{
    Session,
    op::Op,
    rencontre::{Candidate, CandidateId, Card, Dot},
    synergy::Synergy,
};
use super::{Renumbering, Replayer, merge_card};

impl Replayer<'_> {
    /// A synergy of this process as the file numbers it and the lines it names.
    pub(super) fn synergy_here(&self, s: &Synergy) -> Synergy {
        let mut s = s.clone();
        s.id = self.map.synergy(s.id);
        s.lines.iter_mut().for_each(|l| *l = self.map.line(*l));
        s
    }

    /// A card written here: a new number when the file has a card with its number (another
    /// process wrote one at the same time).
    pub(super) fn add_card(
        &mut self,
        latest: &mut Session,
        rencontre: u32,
        index: usize,
        card: &Card,
    ) {
        let mut mine = self.card_here(card);
        let Some(r) = latest.rencontre(rencontre) else {
            self.report.dropped += 1;
            return;
        };
        if r.card(mine.id).is_some() {
            mine.id = r.next_card_id();
        }
        self.map.cards.insert(card.id, mine.id);
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
    pub(super) fn update_card(
        &mut self,
        latest: &mut Session,
        rencontre: u32,
        card: &Card,
        before: Option<&Card>,
    ) {
        let mut mine = self.card_here(card);
        mine.id = self.map.card(card.id);
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

    pub(super) fn add_candidate(
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
        self.map.candidates.insert(candidate.id, mine.id);
        self.count(latest.apply(Op::AddCandidate {
            rencontre,
            index,
            candidate: mine,
        }));
    }

    /// A dot placed here: a new number when the file has a dot with its number; refused
    /// (dropped, and its number [`Renumbering::GONE`]) when the file's dots already use up
    /// the person's dots or the theme's limit.
    pub(super) fn add_dot(&mut self, latest: &mut Session, rencontre: u32, dot: &Dot) {
        let mut mine = *dot;
        mine.theme = self.map.candidate(dot.theme);
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
                self.map.dots.insert(dot.id, mine.id);
                self.report.applied += 1;
            }
            Err(_) => {
                self.map.dots.insert(dot.id, Renumbering::GONE);
                self.report.dropped += 1;
            }
        }
    }

    /// A dot moved to another theme (`put_back` false: two themes merged), only if it is
    /// still in the file; or a dot put back (an undone removal), only within the file's
    /// limits.
    pub(super) fn update_dot(
        &mut self,
        latest: &mut Session,
        rencontre: u32,
        dot: &Dot,
        put_back: bool,
    ) {
        let mut mine = *dot;
        mine.id = self.map.dot(dot.id);
        mine.theme = self.map.candidate(dot.theme);
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
            self.map.dots.insert(dot.id, Renumbering::GONE);
            self.report.dropped += 1;
            return;
        }
        self.map.dots.insert(dot.id, mine.id);
        self.count(latest.apply(Op::UpdateDot {
            rencontre,
            dot: mine,
        }));
    }
}

/// After a candidate theme was removed here: the cards another process gathered into it
/// meanwhile go back to the unsorted ones, and the dots put on it are taken off (they would
/// count against their owner's dots, on a theme that no longer exists).
pub(super) fn unlink_candidate(latest: &mut Session, rencontre: u32, id: CandidateId) {
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
