//! What an undo or a redo changed, in words, for the footer: « Annulé : échéance de
//! « Covoiturage » ». Undo on a projected screen must never make a due date vanish without a
//! word (rehearsal, issue 25).
//!
//! `describe` names an *edit* (the op as the user made it) against the session as it was
//! before that edit: for an undo, the session after the undo; for a redo, before the redo.

use rust_i18n::t;

use crate::domain::op::{GroupField, LineField, Op};
use crate::domain::rencontre::RencontreField;
use crate::domain::{LineId, ReactionId, Session};
use crate::text::{cut, quoted};

/// How much of a text is quoted.
const QUOTE: usize = 32;

fn q(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return t!("undo.untitled").into_owned();
    }
    quoted(&cut(text, QUOTE))
}

fn line_text(session: &Session, id: LineId) -> String {
    session
        .line(id)
        .map(|l| {
            if l.solution.trim().is_empty() {
                l.action.clone()
            } else {
                l.solution.clone()
            }
        })
        .map(|s| q(&s))
        .unwrap_or_else(|| t!("undo.a_line").into_owned())
}

fn reaction_text(session: &Session, id: ReactionId) -> String {
    session
        .groups
        .iter()
        .flat_map(|g| g.poster.reactions.iter())
        .find(|r| r.id == id)
        .map(|r| q(&r.text))
        .unwrap_or_else(|| t!("undo.a_reaction").into_owned())
}

fn person(session: &Session, id: crate::domain::ParticipantId) -> String {
    session
        .participant(id)
        .map(|p| q(&p.name))
        .unwrap_or_else(|| t!("undo.someone").into_owned())
}

fn theme(session: &Session, id: crate::domain::ThemeId) -> String {
    session
        .theme(id)
        .map(|th| q(&th.title))
        .unwrap_or_else(|| t!("undo.a_group").into_owned())
}

/// The edit `op`, in a few words, as of `session` before it.
pub fn describe(op: &Op, session: &Session) -> String {
    let card = |r: u32, id| {
        session
            .rencontre(r)
            .and_then(|r| r.card(id))
            .map(|c| q(&c.text))
            .unwrap_or_else(|| t!("undo.a_card").into_owned())
    };
    let candidate = |r: u32, id| {
        session
            .rencontre(r)
            .and_then(|r| r.candidate(id))
            .map(|c| q(&c.title))
            .unwrap_or_else(|| t!("undo.a_theme").into_owned())
    };
    match op {
        // A batch is one gesture: it is named by its first edit (a removal and what it
        // takes along, a merge and the dots it moves).
        // Participants made from the invitation list at once: how many.
        Op::Batch(ops)
            if ops.len() > 1
                && ops
                    .iter()
                    .all(|o| matches!(o, Op::AddInvitedParticipant { .. })) =>
        {
            crate::text::count(ops.len(), "undo.invited")
        }
        Op::Batch(ops) => ops
            .iter()
            .find(|o| o.is_undoable())
            .map(|o| describe(o, session))
            .unwrap_or_else(|| t!("undo.edit").into_owned()),
        Op::SetTitle(_) => t!("undo.title").into_owned(),
        Op::SetId(_) => t!("undo.edit").into_owned(),
        Op::SetZone(_) => t!("undo.zone").into_owned(),
        Op::AddParticipant { participant, .. } => {
            t!("undo.add", what = q(&participant.name)).into_owned()
        }
        Op::UpdateParticipant(p) => t!("undo.card_of", what = q(&p.name)).into_owned(),
        Op::RemoveParticipant(id) => t!("undo.remove", what = person(session, *id)).into_owned(),
        Op::AddNeed { need, .. } => t!("undo.add", what = q(&need.text)).into_owned(),
        Op::UpdateNeed(n) => t!("undo.change", what = q(&n.text)).into_owned(),
        Op::RemoveNeed(id) => {
            let text = session
                .needs
                .iter()
                .find(|n| n.id == *id)
                .map(|n| q(&n.text));
            t!(
                "undo.remove",
                what = text.unwrap_or_else(|| t!("undo.a_need").into_owned())
            )
            .into_owned()
        }
        Op::AddTheme { theme: th, .. } => t!("undo.add", what = q(&th.title)).into_owned(),
        Op::UpdateTheme(th) => t!("undo.change", what = q(&th.title)).into_owned(),
        Op::RemoveTheme(id) => t!("undo.remove", what = theme(session, *id)).into_owned(),
        Op::MoveTheme { theme: id, .. } => t!("undo.move", what = theme(session, *id)).into_owned(),
        Op::SetGroup { theme: id, field } => {
            let key = match field {
                GroupField::Rapporteur(_) => "undo.rapporteur",
                GroupField::Pilot(_) => "undo.pilot",
                GroupField::NextSteps(_) => "undo.next_steps",
                GroupField::NextMeeting(_) => "undo.next_meeting",
                GroupField::Notes(_) => "undo.notes",
            };
            t!(key, what = theme(session, *id)).into_owned()
        }
        Op::SetEnrolled {
            theme: id,
            participant,
            ..
        } => t!(
            "undo.enrolled",
            who = person(session, *participant),
            what = theme(session, *id)
        )
        .into_owned(),
        Op::AddLine { line, .. } => {
            let text = if line.solution.trim().is_empty() {
                &line.action
            } else {
                &line.solution
            };
            t!("undo.add_line", what = q(text)).into_owned()
        }
        Op::SetLine { line, field } => {
            let key = match field {
                LineField::Solution(_) => "undo.solution",
                LineField::Action(_) => "undo.action",
                LineField::Owners(_) => "undo.owners",
                LineField::Due(_) => "undo.due",
                LineField::Status(_) => "undo.status",
            };
            let empty = session
                .line(*line)
                .is_some_and(|l| l.solution.trim().is_empty() && l.action.trim().is_empty());
            // A line just typed was empty before its text: named by that text.
            let what = match field {
                LineField::Solution(t) | LineField::Action(t) if empty && !t.trim().is_empty() => {
                    q(t)
                }
                _ => line_text(session, *line),
            };
            t!(key, what = what).into_owned()
        }
        Op::DeleteLine(id) => t!("undo.remove_line", what = line_text(session, *id)).into_owned(),
        Op::MoveLine { line, .. } => t!("undo.move", what = line_text(session, *line)).into_owned(),
        Op::AddReaction { reaction, .. } => {
            t!("undo.add_reaction", what = q(&reaction.text)).into_owned()
        }
        Op::SetReaction { reaction, .. } => {
            t!("undo.change", what = reaction_text(session, *reaction)).into_owned()
        }
        Op::DeleteReaction(id) => {
            t!("undo.remove", what = reaction_text(session, *id)).into_owned()
        }
        Op::AddWorkshop(w) => t!("undo.add_workshop", n = w.number).into_owned(),
        Op::RemoveWorkshop(n) => t!("undo.remove_workshop", n = n).into_owned(),
        Op::SetPhase { .. }
        | Op::SetTimer { .. }
        | Op::SetRencontreStep { .. }
        | Op::SetRencontreTimer { .. } => t!("undo.edit").into_owned(),
        Op::SetAgenda { workshop, .. } => t!("undo.agenda", n = workshop).into_owned(),
        Op::SetRoundCount { workshop, .. } => t!("undo.rounds", n = workshop).into_owned(),
        Op::SetWorkshopDate { workshop, .. } => t!("undo.workshop_date", n = workshop).into_owned(),
        Op::SetTable {
            round, theme: id, ..
        } => t!("undo.table", what = theme(session, *id), round = round).into_owned(),
        Op::SetAnotherWorkshop { .. } => t!("undo.another_workshop").into_owned(),
        Op::AddMeeting { theme: id, .. } => {
            t!("undo.add_meeting", what = theme(session, *id)).into_owned()
        }
        Op::DeleteMeeting { theme: id, .. } => {
            t!("undo.remove_meeting", what = theme(session, *id)).into_owned()
        }
        Op::SetAnnualPlenary(_) => t!("undo.plenary").into_owned(),
        Op::AddSynergy { synergy, .. } => t!("undo.add", what = q(&synergy.title)).into_owned(),
        Op::UpdateSynergy(s) => t!("undo.synergy_sheet", what = q(&s.title)).into_owned(),
        Op::AddSynergyEvent { synergy, event } | Op::RemoveSynergyEvent { synergy, event } => {
            let what = session
                .synergy(*synergy)
                .map(|s| q(&s.title))
                .unwrap_or_else(|| t!("undo.a_synergy").into_owned());
            match &event.what {
                crate::domain::synergy::EventKind::Stage { stage, .. } => {
                    let stage = t!(stage.label_key()).into_owned();
                    t!("undo.synergy_stage", what = what, stage = stage).into_owned()
                }
                crate::domain::synergy::EventKind::Pilot { .. } => {
                    t!("undo.synergy_pilot", what = what).into_owned()
                }
            }
        }
        Op::RemoveSynergy(id) => {
            let what = session
                .synergy(*id)
                .map(|s| q(&s.title))
                .unwrap_or_else(|| t!("undo.a_synergy").into_owned());
            t!("undo.remove", what = what).into_owned()
        }
        Op::AddPlenary(p) => t!("undo.add_plenary", n = p.number).into_owned(),
        Op::RemovePlenary(n) => t!("undo.remove_plenary", n = n).into_owned(),
        Op::SetPlenaryStep { .. } | Op::SetPlenaryTimer { .. } => t!("undo.edit").into_owned(),
        Op::SetPlenaryDate { plenary, .. } => t!("undo.plenary_date", n = plenary).into_owned(),
        Op::SetDecision { item, .. } => {
            let what = match item {
                crate::domain::plenary::Item::Line(id) => line_text(session, *id),
                crate::domain::plenary::Item::Synergy(id) => session
                    .synergy(*id)
                    .map(|s| q(&s.title))
                    .unwrap_or_else(|| t!("undo.a_synergy").into_owned()),
            };
            t!("undo.decision", what = what).into_owned()
        }
        Op::AddPlenaryLead { need, .. } | Op::RemovePlenaryLead { need, .. } => {
            let text = session
                .needs
                .iter()
                .find(|n| n.id == *need)
                .map(|n| q(&n.text))
                .unwrap_or_else(|| t!("undo.a_need").into_owned());
            t!("undo.plenary_lead", what = text).into_owned()
        }
        Op::SetRegisterProfile(_) => t!("undo.register_profile").into_owned(),
        Op::SetSiteProfile(_) => t!("undo.site_profile").into_owned(),
        Op::SetInvitations(_) | Op::MergeInvitations(_) => t!("undo.invitations").into_owned(),
        Op::AddInvitedParticipant { participant, .. } => {
            t!("undo.add", what = q(&participant.organisation)).into_owned()
        }
        Op::RemoveInvitedParticipant { participant, .. } => {
            t!("undo.remove", what = person(session, *participant)).into_owned()
        }
        Op::LinkInvitation { .. } => t!("undo.invitations").into_owned(),
        Op::AddRencontre(r) => t!("undo.add_rencontre", n = r.number).into_owned(),
        Op::RemoveRencontre(n) => t!("undo.remove_rencontre", n = n).into_owned(),
        Op::SetRencontre { field, .. } => match field {
            RencontreField::Date(_) => t!("undo.rencontre_date").into_owned(),
            RencontreField::Agenda(_) => t!("undo.rencontre_agenda").into_owned(),
            RencontreField::Vote(_) => t!("undo.vote_rules").into_owned(),
            RencontreField::Revealed(true) => t!("undo.reveal").into_owned(),
            RencontreField::Revealed(false) => t!("undo.hide").into_owned(),
            RencontreField::Retained(_) => t!("undo.retained").into_owned(),
            RencontreField::HandedOff(_) => t!("undo.handed_off").into_owned(),
        },
        Op::AddCard { card: c, .. } => t!("undo.add_card", what = q(&c.text)).into_owned(),
        Op::UpdateCard { rencontre, card: c } => {
            // Named as it was: the text may be what changed.
            t!("undo.change", what = card(*rencontre, c.id)).into_owned()
        }
        Op::RemoveCard { rencontre, card: c } => {
            t!("undo.remove", what = card(*rencontre, *c)).into_owned()
        }
        Op::AddCandidate { candidate: c, .. } => t!("undo.add", what = q(&c.title)).into_owned(),
        Op::UpdateCandidate {
            rencontre,
            candidate: c,
        } => t!("undo.change", what = candidate(*rencontre, c.id)).into_owned(),
        Op::RemoveCandidate {
            rencontre,
            candidate: c,
        } => t!("undo.remove", what = candidate(*rencontre, *c)).into_owned(),
        Op::AddDot { rencontre, dot } => t!(
            "undo.add_dot",
            who = person(session, dot.participant),
            what = candidate(*rencontre, dot.theme)
        )
        .into_owned(),
        Op::RemoveDot { rencontre, dot } => {
            let found = session
                .rencontre(*rencontre)
                .and_then(|r| r.dots.iter().find(|d| d.id == *dot));
            match found {
                Some(d) => t!(
                    "undo.remove_dot",
                    who = person(session, d.participant),
                    what = candidate(*rencontre, d.theme)
                )
                .into_owned(),
                None => t!("undo.a_dot").into_owned(),
            }
        }
        Op::UpdateDot { rencontre, dot } => t!(
            "undo.move_dot",
            who = person(session, dot.participant),
            what = candidate(*rencontre, dot.theme)
        )
        .into_owned(),
        Op::MarkSynergy {
            rencontre,
            offer,
            need,
            ..
        } => t!(
            "undo.synergy",
            offer = card(*rencontre, *offer),
            need = card(*rencontre, *need)
        )
        .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn an_undo_says_what_it_undid_and_a_redo_what_it_redid() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>aCovoiturage du matin<Enter>");
        press(&mut st, "u");
        let flash = st
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        assert!(flash.starts_with("Annulé"), "{flash}");
        assert!(flash.contains("Covoiturage du matin"), "{flash}");
        press(&mut st, "<C-r>");
        let flash = st
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        assert!(flash.starts_with("Rétabli"), "{flash}");
        assert!(flash.contains("Covoiturage du matin"), "{flash}");
    }

    #[test]
    fn every_kind_of_line_edit_is_named_with_its_line() {
        let st = state_at(Phase::Groups { round: 1 });
        let line = st
            .session
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter())
            .find(|l| !l.solution.is_empty())
            .cloned()
            .unwrap_or_else(|| panic!("the example has lines"));
        let due = describe(
            &Op::SetLine {
                line: line.id,
                field: LineField::Due(crate::domain::Due::default()),
            },
            &st.session,
        );
        assert!(due.contains("échéance"), "{due}");
        assert!(due.contains(&cut(&line.solution, QUOTE)), "{due}");
        let gone = describe(&Op::DeleteLine(line.id), &st.session);
        assert!(gone.contains("suppression"), "{gone}");
    }
}
