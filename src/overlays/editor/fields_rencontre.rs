//! The rencontre's fields: cards, answers, « hors atelier » follow-ups, candidate themes, the
//! steering committee's stakes and the rencontre's settings.

use rust_i18n::t;

use super::fields::{Ctx, Field};
use super::model::EditTarget;
use crate::domain::rencontre::{
    Card, CardId, Quantity, Rencontre, RencontreAgenda, RencontreField, StepKind, VoteRules,
};
use crate::domain::{Due, Op, Owner};

fn rencontre<'a>(c: &'a Ctx, n: u32) -> Option<&'a Rencontre> {
    c.s.rencontre(n)
}

fn card<'a>(c: &'a Ctx, n: u32, id: CardId) -> Option<&'a Card> {
    rencontre(c, n)?.card(id)
}

/// The card with one change, as the op that stores it.
fn update(c: &Ctx, n: u32, id: CardId, f: impl FnOnce(&mut Card)) -> Result<Option<Op>, String> {
    let Some(mut card) = card(c, n, id).cloned() else {
        return Ok(None);
    };
    f(&mut card);
    Ok(Some(Op::UpdateCard { rencontre: n, card }))
}

pub(super) const NEW_CARD: Field = Field {
    read: |_, _| String::new(),
    write: |c, t, text| {
        let EditTarget::NewCard {
            rencontre: n,
            kind,
            author,
        } = t
        else {
            return Ok(None);
        };
        if text.is_empty() {
            return Err(t!("redit.empty_card").into_owned());
        }
        let Some(r) = rencontre(c, n) else {
            return Ok(None);
        };
        let mut card = Card::new(r.next_card_id(), text, kind);
        card.author = author;
        Ok(Some(Op::AddCard {
            rencontre: n,
            index: r.cards.len(),
            card,
        }))
    },
};

pub(super) const CARD_TEXT: Field = Field {
    read: |c, t| match t {
        EditTarget::CardText(n, id) => card(c, n, id).map(|x| x.text.clone()).unwrap_or_default(),
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::CardText(n, id) = t else {
            return Ok(None);
        };
        if text.is_empty() {
            return Err(t!("redit.empty_card").into_owned());
        }
        update(c, n, id, |card| card.text = text)
    },
};

pub(super) const CARD_QUANTITY: Field = Field {
    read: |c, t| match t {
        EditTarget::CardQuantity(n, id) => card(c, n, id)
            .and_then(|x| x.quantity.as_ref())
            .map(|q| q.to_text(crate::text::Lang::current() == crate::text::Lang::Fr))
            .unwrap_or_default()
            .replace('\u{a0}', " "),
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::CardQuantity(n, id) = t else {
            return Ok(None);
        };
        let quantity = if text.is_empty() {
            None
        } else {
            Some(Quantity::parse(&text).ok_or_else(|| t!("redit.bad_quantity").into_owned())?)
        };
        update(c, n, id, |card| card.quantity = quantity)
    },
};

pub(super) const CARD_ANSWER: Field = Field {
    read: |c, t| match t {
        EditTarget::CardAnswer(n, id) => {
            card(c, n, id).map(|x| x.answer.clone()).unwrap_or_default()
        }
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::CardAnswer(n, id) = t else {
            return Ok(None);
        };
        update(c, n, id, |card| card.answer = text)
    },
};

pub(super) const OUTSIDE_OWNER: Field = Field {
    read: |c, t| match t {
        EditTarget::OutsideOwner(n, id) => card(c, n, id)
            .and_then(|x| x.follow.as_ref())
            .map(|l| Owner::format_list(&l.owners))
            .unwrap_or_default(),
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::OutsideOwner(n, id) = t else {
            return Ok(None);
        };
        let Some(found) = card(c, n, id) else {
            return Ok(None);
        };
        let mut line = c.s.follow_line_for(found);
        line.owners = Owner::parse_list(&text);
        update(c, n, id, |card| card.follow = Some(line))
    },
};

pub(super) const OUTSIDE_DUE: Field = Field {
    read: |c, t| match t {
        EditTarget::OutsideDue(n, id) => card(c, n, id)
            .and_then(|x| x.follow.as_ref())
            .map(|l| l.due.to_input())
            .unwrap_or_default(),
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::OutsideDue(n, id) = t else {
            return Ok(None);
        };
        let Some(found) = card(c, n, id) else {
            return Ok(None);
        };
        let mut line = c.s.follow_line_for(found);
        line.due = Due::parse(&text);
        update(c, n, id, |card| card.follow = Some(line))
    },
};

pub(super) const CANDIDATE_TITLE: Field = Field {
    read: |c, t| match t {
        EditTarget::CandidateTitle(n, id) => rencontre(c, n)
            .and_then(|r| r.candidate(id))
            .map(|x| x.title.clone())
            .unwrap_or_default(),
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::CandidateTitle(n, id) = t else {
            return Ok(None);
        };
        if text.is_empty() {
            return Err(t!("redit.empty_theme").into_owned());
        }
        let Some(mut candidate) = rencontre(c, n).and_then(|r| r.candidate(id)).cloned() else {
            return Ok(None);
        };
        candidate.title = text;
        Ok(Some(Op::UpdateCandidate {
            rencontre: n,
            candidate,
        }))
    },
};

pub(super) const STAKE: Field = Field {
    read: |c, t| match t {
        EditTarget::Stake(i) => c.s.zone.stakes.get(i).cloned().unwrap_or_default(),
        _ => String::new(),
    },
    write: |c, t, text| {
        let mut zone = c.s.zone.clone();
        match t {
            EditTarget::Stake(i) => match (zone.stakes.get_mut(i), text.is_empty()) {
                (Some(_), true) => {
                    zone.stakes.remove(i);
                }
                (Some(slot), false) => *slot = text,
                (None, _) => return Ok(None),
            },
            EditTarget::NewStake if !text.is_empty() => zone.stakes.push(text),
            _ => return Ok(None),
        }
        Ok(Some(Op::SetZone(zone)))
    },
};

fn minutes_of(a: &mut RencontreAgenda, kind: StepKind) -> &mut u32 {
    match kind {
        StepKind::Diagnostic => &mut a.diagnostic,
        StepKind::Introductions => &mut a.per_person,
        StepKind::Census => &mut a.census,
        StepKind::Grouping => &mut a.grouping,
        StepKind::Vote => &mut a.vote,
        StepKind::Questions => &mut a.questions,
        StepKind::Closing => &mut a.closing,
    }
}

/// A step's planned minutes; when it is the step under way, its timer takes them too.
pub(super) const STEP_MINUTES: Field = Field {
    read: |c, t| match t {
        EditTarget::StepMinutes(n, kind) => rencontre(c, n)
            .map(|r| {
                let mut a = r.agenda;
                minutes_of(&mut a, kind).to_string()
            })
            .unwrap_or_default(),
        _ => String::new(),
    },
    write: |c, t, text| {
        let EditTarget::StepMinutes(n, kind) = t else {
            return Ok(None);
        };
        let Some(r) = rencontre(c, n) else {
            return Ok(None);
        };
        let (max, err) = if kind == StepKind::Introductions {
            (10, "redit.bad_per_person")
        } else {
            (600, "redit.bad_step_minutes")
        };
        let minutes = text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=max).contains(m))
            .ok_or_else(|| t!(err).into_owned())?;
        let mut agenda = r.agenda;
        *minutes_of(&mut agenda, kind) = minutes;
        let mut ops = vec![Op::SetRencontre {
            rencontre: n,
            field: RencontreField::Agenda(agenda),
        }];
        if r.phase.kind() == kind {
            let mut timer = r.timer.clone();
            timer.planned_secs = i64::from(minutes) * 60;
            ops.push(Op::SetRencontreTimer {
                rencontre: n,
                timer,
            });
        }
        Ok(Some(Op::Batch(ops)))
    },
};

pub(super) const VOTE_RULES: Field = Field {
    read: |c, t| match t {
        EditTarget::VoteRules(n) => rencontre(c, n)
            .map(|r| format!("{}/{}", r.vote.per_person, r.vote.per_theme))
            .unwrap_or_default(),
        _ => String::new(),
    },
    write: |_, t, text| {
        let EditTarget::VoteRules(n) = t else {
            return Ok(None);
        };
        let bad = || t!("redit.bad_vote_rules").into_owned();
        let mut parts = text.split(['/', ' ', ',']).filter(|p| !p.is_empty());
        let per_person: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let per_theme: u8 = match parts.next() {
            Some(p) => p.parse().map_err(|_| bad())?,
            None => per_person.min(2),
        };
        if !(1..=9).contains(&per_person) || per_theme == 0 || per_theme > per_person {
            return Err(bad());
        }
        Ok(Some(Op::SetRencontre {
            rencontre: n,
            field: RencontreField::Vote(VoteRules {
                per_person,
                per_theme,
            }),
        }))
    },
};

pub(super) const RENCONTRE_DATE: Field = Field {
    read: |c, t| match t {
        EditTarget::RencontreDate(n) => rencontre(c, n)
            .and_then(|r| r.date)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        _ => String::new(),
    },
    write: |_, t, text| {
        let EditTarget::RencontreDate(n) = t else {
            return Ok(None);
        };
        let date = super::fields::parse_date(&text)?;
        Ok(Some(Op::SetRencontre {
            rencontre: n,
            field: RencontreField::Date(date),
        }))
    },
};
