//! Every field the editor opens on, each in one place: how its stored text is read (to start
//! editing from), and how the typed text becomes the operation that stores it, with its
//! checks. Adding a field: a variant of `EditTarget`, and its `Field` here.

use chrono::{NaiveDate, NaiveTime};
use rust_i18n::t;

use super::model::{AgendaField, EditTarget, ZoneField};
use crate::app::Column;
use crate::domain::{
    Due, Group, GroupField, LineField, Op, Owner, Pilot, PilotKind, Reaction, Session, Theme,
    ThemeId, When, Workshop, workshop::MAX_ROUNDS,
};

/// What a field reads and writes against.
pub struct Ctx<'a> {
    pub s: &'a Session,
    /// The workshop being run (agenda, date and new lines belong to it).
    pub workshop: u32,
    /// The time of a dated event the field records (`None` when only reading).
    pub now: Option<crate::domain::Timestamp>,
}

impl Ctx<'_> {
    fn group(&self, t: EditTarget) -> Option<&Group> {
        self.s.group(theme_of(t))
    }

    fn theme(&self, t: EditTarget) -> Option<&Theme> {
        self.s.theme(theme_of(t))
    }

    fn workshop(&self) -> Option<&Workshop> {
        self.s.workshop(self.workshop)
    }
}

/// The text stored at a field, and how typed text (trimmed, on one line) is stored there:
/// `Ok(None)` when there is nothing to store, `Err` with the reason shown in the editor.
pub struct Field {
    pub read: fn(&Ctx, EditTarget) -> String,
    pub write: fn(&Ctx, EditTarget, String) -> Result<Option<Op>, String>,
}

/// The field of a target.
pub fn field(target: EditTarget) -> Field {
    use super::fields_people as P;
    use super::fields_rencontre as R;
    use super::fields_synergy as S;
    use EditTarget as E;
    match target {
        E::Cell { .. } => CELL,
        E::Reaction(_) => REACTION,
        E::NewReaction(_) => NEW_REACTION,
        E::Notes(_) => NOTES,
        E::NextSteps(_) => NEXT_STEPS,
        E::NextMeeting(_) => NEXT_MEETING,
        E::PilotName(_) => PILOT_NAME,
        E::PilotContact(_) => PILOT_CONTACT,
        E::ThemeTitle(_) => THEME_TITLE,
        E::ThemeConstat(_) => THEME_CONSTAT,
        E::ThemeExpert(_) => THEME_EXPERT,
        E::ParticipantName(_) => P::PARTICIPANT_NAME,
        E::ParticipantOrg(_) => P::PARTICIPANT_ORG,
        E::ParticipantEmail(_) => P::PARTICIPANT_EMAIL,
        E::Choices(_) => P::CHOICES,
        E::NeedText(_) => NEED_TEXT,
        E::SessionTitle => SESSION_TITLE,
        E::Zone(_) => ZONE,
        E::Agenda(_) => AGENDA,
        E::AgendaStart => AGENDA_START,
        E::WorkshopDate => WORKSHOP_DATE,
        E::RoundCount => ROUND_COUNT,
        E::NewSessionTitle => NEW_SESSION_TITLE,
        E::NewMeeting(_) => NEW_MEETING,
        E::AnnualPlenary => ANNUAL_PLENARY,
        E::NewCard { .. } => R::NEW_CARD,
        E::CardText(..) => R::CARD_TEXT,
        E::CardQuantity(..) => R::CARD_QUANTITY,
        E::CardAnswer(..) => R::CARD_ANSWER,
        E::OutsideOwner(..) => R::OUTSIDE_OWNER,
        E::OutsideDue(..) => R::OUTSIDE_DUE,
        E::CandidateTitle(..) => R::CANDIDATE_TITLE,
        E::Stake(_) | E::NewStake => R::STAKE,
        E::StepMinutes(..) => R::STEP_MINUTES,
        E::VoteRules(_) => R::VOTE_RULES,
        E::RencontreDate(_) => R::RENCONTRE_DATE,
        E::NewSynergy => S::NEW_SYNERGY,
        E::SynergyTitle(_) => S::TITLE,
        E::SynergyMembers(_) => S::MEMBERS,
        E::SynergyPilot(_) => S::PILOT,
        E::SynergyImpact(_) => S::IMPACT,
        E::SynergyNote(_) => S::NOTE,
        E::SynergyAbandon(_) => S::ABANDON,
        // Dated when stored: see `screens::plenary::update::field_op`.
        E::NewPlenary | E::HandOver(..) | E::DropReason(..) | E::NewLead(_) => PLENARY,
    }
}

fn theme_of(t: EditTarget) -> ThemeId {
    use EditTarget as E;
    match t {
        E::NewReaction(id)
        | E::Notes(id)
        | E::NextSteps(id)
        | E::NextMeeting(id)
        | E::PilotName(id)
        | E::PilotContact(id)
        | E::ThemeTitle(id)
        | E::ThemeConstat(id)
        | E::ThemeExpert(id)
        | E::NewMeeting(id) => id,
        _ => 0,
    }
}

pub(super) fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// A workshop's or a rencontre's day, read as a meeting's day is (`When::parse_day`).
pub(super) fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    When::parse_day(t)
        .map(Some)
        .ok_or_else(|| t!("edit.bad_date").into_owned())
}

fn when_text(w: Option<When>) -> String {
    w.map(|w| w.to_input()).unwrap_or_default()
}

/// A meeting's day, with its time and duration if given (« 12/01/2027 14:00 1h30 »).
fn parse_when(text: &str) -> Result<Option<When>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    When::parse(t)
        .map(Some)
        .ok_or_else(|| t!("edit.bad_when").into_owned())
}

fn parse_number(text: &str, max: u32) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(|| t!("edit.bad_number", max = max).into_owned())
}

// ------------------------------------------------------------------ poster

const CELL: Field = Field {
    read: |c, t| {
        let EditTarget::Cell { line, column } = t else {
            return String::new();
        };
        let Some(l) = c.s.line(line) else {
            return String::new();
        };
        match column {
            Column::Solution => l.solution.clone(),
            Column::Action => l.action.clone(),
            Column::Owners => Owner::format_list(&l.owners),
            Column::Due => l.due.to_input(),
            Column::Status => String::new(),
        }
    },
    write: |_, t, text| {
        let EditTarget::Cell { line, column } = t else {
            return Ok(None);
        };
        let field = match column {
            Column::Solution => LineField::Solution(text),
            Column::Action => LineField::Action(text),
            Column::Owners => LineField::Owners(Owner::parse_list(&text)),
            Column::Due => LineField::Due(Due::parse(&text)),
            Column::Status => return Ok(None),
        };
        Ok(Some(Op::SetLine { line, field }))
    },
};

const REACTION: Field = Field {
    read: |c, t| {
        let EditTarget::Reaction(id) = t else {
            return String::new();
        };
        c.s.groups
            .iter()
            .flat_map(|g| g.poster.reactions.iter())
            .find(|r| r.id == id)
            .map(|r| r.text.clone())
            .unwrap_or_default()
    },
    write: |_, t, text| {
        let EditTarget::Reaction(reaction) = t else {
            return Ok(None);
        };
        // Emptied: the reaction goes.
        Ok(Some(if text.is_empty() {
            Op::DeleteReaction(reaction)
        } else {
            Op::SetReaction { reaction, text }
        }))
    },
};

const NEW_REACTION: Field = Field {
    read: |_, _| String::new(),
    write: |c, t, text| {
        if text.is_empty() {
            return Ok(None);
        }
        let theme = theme_of(t);
        let index = c.group(t).map(|g| g.poster.reactions.len()).unwrap_or(0);
        Ok(Some(Op::AddReaction {
            theme,
            index,
            reaction: Reaction {
                id: c.s.next_reaction_id(),
                text,
                workshop: c.workshop,
            },
        }))
    },
};

// ------------------------------------------------------------------ a group

fn set_group(t: EditTarget, field: GroupField) -> Result<Option<Op>, String> {
    Ok(Some(Op::SetGroup {
        theme: theme_of(t),
        field,
    }))
}

const NOTES: Field = Field {
    read: |c, t| c.group(t).map(|g| g.notes.clone()).unwrap_or_default(),
    write: |_, t, text| set_group(t, GroupField::Notes(text)),
};

const NEXT_STEPS: Field = Field {
    read: |c, t| c.group(t).map(|g| g.next_steps.clone()).unwrap_or_default(),
    write: |_, t, text| set_group(t, GroupField::NextSteps(text)),
};

const NEXT_MEETING: Field = Field {
    read: |c, t| when_text(c.group(t).and_then(|g| g.next_meeting)),
    write: |_, t, text| set_group(t, GroupField::NextMeeting(parse_when(&text)?)),
};

/// The group's pilot with one change (a new pilot is the collectivité's).
fn with_pilot(
    c: &Ctx,
    t: EditTarget,
    change: impl FnOnce(&mut Pilot),
) -> Result<Option<Op>, String> {
    let mut pilot = c.group(t).and_then(|g| g.pilot.clone()).unwrap_or(Pilot {
        kind: PilotKind::LocalAuthority,
        name: String::new(),
        contact: None,
    });
    change(&mut pilot);
    set_group(t, GroupField::Pilot(Some(pilot)))
}

const PILOT_NAME: Field = Field {
    read: |c, t| {
        c.group(t)
            .and_then(|g| g.pilot.as_ref())
            .map(|p| p.name.clone())
            .unwrap_or_default()
    },
    write: |c, t, text| with_pilot(c, t, |p| p.name = text),
};

const PILOT_CONTACT: Field = Field {
    read: |c, t| {
        c.group(t)
            .and_then(|g| g.pilot.as_ref())
            .and_then(|p| p.contact.clone())
            .unwrap_or_default()
    },
    write: |c, t, text| with_pilot(c, t, |p| p.contact = opt(&text)),
};

const NEW_MEETING: Field = Field {
    read: |_, _| String::new(),
    write: |c, t, text| {
        if text.is_empty() {
            return Ok(None);
        }
        let (date, note) =
            When::parse_prefix(&text).ok_or_else(|| t!("edit.bad_when").into_owned())?;
        let meetings = c.group(t).map(|g| g.meetings.as_slice()).unwrap_or(&[]);
        // Kept in date order.
        let index = meetings.iter().take_while(|m| m.date <= date).count();
        Ok(Some(Op::AddMeeting {
            theme: theme_of(t),
            index,
            meeting: crate::domain::Meeting { date, note },
        }))
    },
};

// ------------------------------------------------------------------ a theme

fn with_theme(
    c: &Ctx,
    t: EditTarget,
    change: impl FnOnce(&mut Theme),
) -> Result<Option<Op>, String> {
    let Some(mut theme) = c.theme(t).cloned() else {
        return Ok(None);
    };
    change(&mut theme);
    Ok(Some(Op::UpdateTheme(theme)))
}

const THEME_TITLE: Field = Field {
    read: |c, t| c.theme(t).map(|x| x.title.clone()).unwrap_or_default(),
    write: |c, t, text| with_theme(c, t, |x| x.title = text),
};

const THEME_CONSTAT: Field = Field {
    read: |c, t| c.theme(t).map(|x| x.constat.clone()).unwrap_or_default(),
    // The constat written for this zone: no longer the pilot's or the model's to review.
    write: |c, t, text| {
        with_theme(c, t, |x| {
            x.constat = text;
            x.review = false;
        })
    },
};

const THEME_EXPERT: Field = Field {
    read: |c, t| {
        c.theme(t)
            .and_then(|x| x.expert.clone())
            .unwrap_or_default()
    },
    write: |c, t, text| with_theme(c, t, |x| x.expert = opt(&text)),
};

// ------------------------------------------------------------------ the session

const NEED_TEXT: Field = Field {
    read: |c, t| {
        let EditTarget::NeedText(n) = t else {
            return String::new();
        };
        c.s.needs
            .iter()
            .find(|x| x.id == n)
            .map(|x| x.text.clone())
            .unwrap_or_default()
    },
    write: |c, t, text| {
        let EditTarget::NeedText(id) = t else {
            return Ok(None);
        };
        let Some(mut n) = c.s.needs.iter().find(|n| n.id == id).cloned() else {
            return Ok(None);
        };
        n.text = text;
        Ok(Some(Op::UpdateNeed(n)))
    },
};

const SESSION_TITLE: Field = Field {
    read: |c, _| c.s.title.clone(),
    write: |_, _, text| Ok(Some(Op::SetTitle(text))),
};

/// The launcher's « nouvelle session »: the launcher itself takes the text.
const NEW_SESSION_TITLE: Field = Field {
    read: |_, _| String::new(),
    write: |_, _, _| Ok(None),
};

const ZONE: Field = Field {
    read: |c, t| {
        let z = &c.s.zone;
        match t {
            EditTarget::Zone(ZoneField::Name) => z.name.clone(),
            EditTarget::Zone(ZoneField::Specialisation) => {
                z.specialisation.clone().unwrap_or_default()
            }
            EditTarget::Zone(ZoneField::Companies) => z.companies.to_string(),
            EditTarget::Zone(ZoneField::CompanySize) => z.company_size.clone().unwrap_or_default(),
            EditTarget::Zone(ZoneField::Since) => {
                z.since.map(|y| y.to_string()).unwrap_or_default()
            }
            _ => String::new(),
        }
    },
    write: |c, t, text| {
        let EditTarget::Zone(f) = t else {
            return Ok(None);
        };
        let mut z = c.s.zone.clone();
        match f {
            ZoneField::Name => z.name = text,
            ZoneField::Specialisation => z.specialisation = opt(&text),
            ZoneField::Companies => z.companies = parse_number(&text, 100_000)?,
            ZoneField::CompanySize => z.company_size = opt(&text),
            ZoneField::Since => {
                z.since = if text.is_empty() {
                    None
                } else {
                    Some(parse_number(&text, 9999)? as i32)
                }
            }
        }
        Ok(Some(Op::SetZone(z)))
    },
};

/// The plenary's fields: read empty, stored by `screens::plenary::update::field_op`, which
/// has the clock.
const PLENARY: Field = Field {
    read: |_, _| String::new(),
    write: |_, _, _| Ok(None),
};

const ANNUAL_PLENARY: Field = Field {
    read: |c, _| when_text(c.s.annual_plenary),
    write: |_, _, text| Ok(Some(Op::SetAnnualPlenary(parse_when(&text)?))),
};

// ------------------------------------------------------------------ the workshop

fn minutes(a: &mut crate::domain::Agenda, f: AgendaField) -> &mut u32 {
    match f {
        AgendaField::Presentation => &mut a.presentation,
        AgendaField::Groups => &mut a.groups,
        AgendaField::Rotation => &mut a.rotation,
        AgendaField::Restitution => &mut a.restitution,
        AgendaField::Commitments => &mut a.commitments,
    }
}

const AGENDA: Field = Field {
    read: |c, t| {
        let (EditTarget::Agenda(f), Some(w)) = (t, c.workshop()) else {
            return String::new();
        };
        let mut a = w.agenda.clone();
        minutes(&mut a, f).to_string()
    },
    write: |c, t, text| {
        let (EditTarget::Agenda(f), Some(w)) = (t, c.workshop()) else {
            return Ok(None);
        };
        let m = parse_number(&text, 600)?;
        let mut agenda = w.agenda.clone();
        *minutes(&mut agenda, f) = m;
        Ok(Some(Op::SetAgenda {
            workshop: c.workshop,
            agenda,
        }))
    },
};

const AGENDA_START: Field = Field {
    read: |c, _| {
        c.workshop()
            .and_then(|w| w.agenda.start)
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default()
    },
    write: |c, _, text| {
        let Some(w) = c.workshop() else {
            return Ok(None);
        };
        let start = if text.is_empty() {
            None
        } else {
            Some(
                NaiveTime::parse_from_str(&text.replace('h', ":"), "%H:%M")
                    .map_err(|_| t!("edit.bad_time").into_owned())?,
            )
        };
        let mut agenda = w.agenda.clone();
        agenda.start = start;
        Ok(Some(Op::SetAgenda {
            workshop: c.workshop,
            agenda,
        }))
    },
};

const WORKSHOP_DATE: Field = Field {
    read: |c, _| date_text(c.workshop().and_then(|w| w.date)),
    write: |c, _, text| {
        Ok(Some(Op::SetWorkshopDate {
            workshop: c.workshop,
            date: parse_date(&text)?,
        }))
    },
};

const ROUND_COUNT: Field = Field {
    read: |c, _| {
        c.workshop()
            .map(|w| w.round_count.to_string())
            .unwrap_or_default()
    },
    write: |c, _, text| {
        let n = parse_number(&text, u32::from(MAX_ROUNDS))?;
        if n == 0 {
            return Err(t!("edit.bad_number", max = MAX_ROUNDS).into_owned());
        }
        Ok(Some(Op::SetRoundCount {
            workshop: c.workshop,
            rounds: n as u8,
        }))
    },
};
