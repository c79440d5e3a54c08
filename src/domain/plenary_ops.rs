//! How the plenary's operations apply (see [`Op`]), each returning its inverse, and the
//! review's decisions as one undo step with their effects on the session.

use super::{
    LineField, NeedId, Owner, Status, Timestamp,
    error::DomainError,
    op::Op,
    plenary::{Decision, Item, PlenaryLog, Verdict},
    session::{Need, NeedKind, Session},
    synergy::{Stage, Synergy},
};

impl Session {
    pub(super) fn apply_plenary(&mut self, op: Op) -> Result<Op, DomainError> {
        Ok(match op {
            Op::AddPlenary(p) => {
                if self.plenary(p.number).is_some() {
                    return Err(DomainError::DuplicateId(p.number));
                }
                let number = p.number;
                self.plenaries.push(p);
                self.plenaries.sort_by_key(|p| p.number);
                Op::RemovePlenary(number)
            }
            Op::RemovePlenary(number) => {
                let i = self
                    .plenaries
                    .iter()
                    .position(|p| p.number == number)
                    .ok_or(DomainError::NoPlenary(number))?;
                Op::AddPlenary(self.plenaries.remove(i))
            }
            Op::SetPlenaryStep {
                plenary,
                step,
                timer,
                at,
            } => {
                let p = self.plenary_mut(plenary)?;
                let old_step = std::mem::replace(&mut p.step, step);
                let old_timer = std::mem::replace(&mut p.timer, timer);
                p.log.push(PlenaryLog { at, step });
                Op::SetPlenaryStep {
                    plenary,
                    step: old_step,
                    timer: old_timer,
                    at,
                }
            }
            Op::SetPlenaryTimer { plenary, timer } => {
                let p = self.plenary_mut(plenary)?;
                Op::SetPlenaryTimer {
                    plenary,
                    timer: std::mem::replace(&mut p.timer, timer),
                }
            }
            Op::SetPlenaryDate { plenary, date } => {
                let p = self.plenary_mut(plenary)?;
                Op::SetPlenaryDate {
                    plenary,
                    date: std::mem::replace(&mut p.date, date),
                }
            }
            Op::SetDecision {
                plenary,
                item,
                decision,
            } => {
                let p = self.plenary_mut(plenary)?;
                let old = p
                    .decisions
                    .iter()
                    .position(|d| d.item == item)
                    .map(|i| p.decisions.remove(i));
                if let Some(d) = decision {
                    p.decisions.push(Decision { item, ..d });
                }
                Op::SetDecision {
                    plenary,
                    item,
                    decision: old,
                }
            }
            Op::AddPlenaryLead { plenary, need } => {
                let p = self.plenary_mut(plenary)?;
                if !p.leads.contains(&need) {
                    p.leads.push(need);
                }
                Op::RemovePlenaryLead { plenary, need }
            }
            Op::RemovePlenaryLead { plenary, need } => {
                let p = self.plenary_mut(plenary)?;
                p.leads.retain(|n| *n != need);
                Op::AddPlenaryLead { plenary, need }
            }
            other => return Err(DomainError::NotAPlenaryOp(format!("{other:?}"))),
        })
    }

    /// The room's decision on an item of the review, with what it does, as one undo step:
    /// « terminée » and « abandonnée » set a line's status or a synergy's stage (the reason
    /// of an abandon in `note`); « transmise » gives the line to the owners typed in `note`
    /// or hands the synergy's pilot to that organisation; « poursuivre » changes nothing
    /// but the minutes. `None` when the item is gone, or a hand-over names no one.
    pub fn decide_op(
        &self,
        plenary: u32,
        item: Item,
        verdict: Verdict,
        note: &str,
        now: Timestamp,
    ) -> Option<Op> {
        self.plenary(plenary)?;
        let note = note.trim();
        // The decision first: the batch is named by it in « annulé : … ».
        let mut ops = vec![Op::SetDecision {
            plenary,
            item,
            decision: Some(Decision {
                item,
                verdict,
                note: note.to_string(),
                at: now,
            }),
        }];
        match item {
            Item::Line(id) => {
                let line = self.line(id)?;
                match verdict {
                    Verdict::Continue => {}
                    Verdict::Done | Verdict::Dropped => {
                        let status = if verdict == Verdict::Done {
                            Status::Done
                        } else {
                            Status::Abandoned
                        };
                        if line.status != status {
                            ops.push(Op::SetLine {
                                line: id,
                                field: LineField::Status(status),
                            });
                        }
                    }
                    Verdict::HandedOver => {
                        let owners = Owner::parse_list(note);
                        if owners.is_empty() {
                            return None;
                        }
                        ops.push(Op::SetLine {
                            line: id,
                            field: LineField::Owners(owners),
                        });
                    }
                }
            }
            Item::Synergy(id) => {
                let s = self.synergy(id)?;
                let event = match verdict {
                    Verdict::Continue => None,
                    Verdict::Done => s.stage_event(Stage::Done, "", now),
                    Verdict::Dropped => s.stage_event(Stage::Abandoned, note, now),
                    Verdict::HandedOver if note.is_empty() => return None,
                    Verdict::HandedOver => Some(Synergy::pilot_event(note, "", now)),
                };
                if let Some(event) = event {
                    ops.push(Op::AddSynergyEvent { synergy: id, event });
                }
            }
        }
        Some(Op::Batch(ops))
    }

    /// A lead from the room: a catalogue entry, noted in the plenary, as one undo step.
    pub fn add_lead_op(
        &self,
        plenary: u32,
        text: &str,
        kind: NeedKind,
        theme: Option<super::ThemeId>,
    ) -> Option<(NeedId, Op)> {
        self.plenary(plenary)?;
        let id = self.next_need_id();
        let need = Need {
            id,
            text: text.trim().to_string(),
            theme,
            kind,
        };
        Some((
            id,
            Op::Batch(vec![
                Op::AddNeed {
                    index: self.needs.len(),
                    need,
                },
                Op::AddPlenaryLead { plenary, need: id },
            ]),
        ))
    }

    /// A lead taken back: the catalogue entry and its mention in the plenary.
    pub fn remove_lead_op(&self, plenary: u32, need: NeedId) -> Option<Op> {
        self.plenary(plenary)?;
        self.needs.iter().find(|n| n.id == need)?;
        Some(Op::Batch(vec![
            Op::RemovePlenaryLead { plenary, need },
            Op::RemoveNeed(need),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActionLine;
    use crate::domain::synergy::{EventKind, SynergyKind};
    use chrono::{NaiveDate, TimeZone};

    fn now() -> Timestamp {
        chrono::FixedOffset::east_opt(3600)
            .and_then(|o| o.with_ymd_and_hms(2028, 1, 20, 10, 0, 0).single())
            .unwrap_or_default()
    }

    fn session() -> Session {
        let mut s = Session::new("t", "z");
        s.apply(s.add_theme_op("Déchets")).unwrap();
        s.apply(Op::AddLine {
            theme: 1,
            index: 0,
            line: ActionLine::new(1, 1),
        })
        .unwrap();
        let mut syn = Synergy::new(1, "Palettes", SynergyKind::Substitution);
        syn.group = Some(1);
        s.apply(Op::AddSynergy {
            index: 0,
            synergy: syn.handed_to("Menuiserie Leroux", "", now()),
        })
        .unwrap();
        s.apply(s.add_plenary_op(NaiveDate::from_ymd_opt(2028, 1, 20).unwrap()))
            .unwrap();
        s
    }

    #[test]
    fn a_decision_and_its_effect_undo_together() {
        let mut s = session();
        let before = s.clone();
        let op = s
            .decide_op(1, Item::Line(1), Verdict::Dropped, "", now())
            .unwrap();
        let inverse = s.apply(op).unwrap();
        assert_eq!(s.line(1).unwrap().status, Status::Abandoned);
        assert_eq!(
            s.plenary(1)
                .unwrap()
                .decision(Item::Line(1))
                .map(|d| d.verdict),
            Some(Verdict::Dropped)
        );
        s.apply(inverse).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn a_hand_over_changes_owners_or_the_pilot_and_needs_a_name() {
        let mut s = session();
        assert!(
            s.decide_op(1, Item::Synergy(1), Verdict::HandedOver, " ", now())
                .is_none()
        );
        let op = s
            .decide_op(
                1,
                Item::Synergy(1),
                Verdict::HandedOver,
                "Scierie Morel",
                now(),
            )
            .unwrap();
        s.apply(op).unwrap();
        assert_eq!(s.synergy(1).unwrap().pilot(), Some("Scierie Morel"));
        let op = s
            .decide_op(
                1,
                Item::Line(1),
                Verdict::HandedOver,
                "CC (pilote), Morel",
                now(),
            )
            .unwrap();
        s.apply(op).unwrap();
        assert_eq!(s.line(1).unwrap().owners.len(), 2);
        // A second decision on an item replaces the first.
        let op = s
            .decide_op(1, Item::Synergy(1), Verdict::Dropped, "trop cher", now())
            .unwrap();
        s.apply(op).unwrap();
        let p = s.plenary(1).unwrap();
        assert_eq!(p.decisions.len(), 2);
        assert_eq!(s.synergy(1).unwrap().abandon_reason(), Some("trop cher"));
        assert!(matches!(
            s.synergy(1).unwrap().history.last().map(|e| &e.what),
            Some(EventKind::Stage {
                stage: Stage::Abandoned,
                ..
            })
        ));
    }

    #[test]
    fn a_lead_becomes_a_catalogue_entry_and_goes_back_with_undo() {
        let mut s = session();
        let (id, op) = s
            .add_lead_op(1, " Vapeur basse pression ", NeedKind::Offer, Some(1))
            .unwrap();
        let inverse = s.apply(op).unwrap();
        let need = s.needs.iter().find(|n| n.id == id).unwrap();
        assert_eq!(need.text, "Vapeur basse pression");
        assert_eq!(need.kind, NeedKind::Offer);
        assert_eq!(s.plenary(1).unwrap().leads, vec![id]);
        s.apply(inverse).unwrap();
        assert!(s.needs.is_empty());
        assert!(s.plenary(1).unwrap().leads.is_empty());
    }
}
