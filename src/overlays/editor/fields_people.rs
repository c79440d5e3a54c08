//! A participant's fields: name, organisation, e-mail, and the themes they wish to join.

use rust_i18n::t;

use super::fields::{Ctx, Field, opt};
use super::model::EditTarget;
use crate::domain::{Op, Participant, ParticipantId};

impl Ctx<'_> {
    fn person(&self, t: EditTarget) -> Option<&Participant> {
        self.s.participant(person_of(t))
    }
}

fn person_of(t: EditTarget) -> ParticipantId {
    use EditTarget as E;
    match t {
        E::ParticipantName(id)
        | E::ParticipantOrg(id)
        | E::ParticipantEmail(id)
        | E::Choices(id) => id,
        _ => 0,
    }
}

fn with_person(
    c: &Ctx,
    t: EditTarget,
    change: impl FnOnce(&mut Participant) -> Result<(), String>,
) -> Result<Option<Op>, String> {
    let Some(mut p) = c.person(t).cloned() else {
        return Ok(None);
    };
    change(&mut p)?;
    Ok(Some(Op::UpdateParticipant(p)))
}

pub(super) const PARTICIPANT_NAME: Field = Field {
    read: |c, t| c.person(t).map(|x| x.name.clone()).unwrap_or_default(),
    write: |c, t, text| {
        with_person(c, t, |p| {
            p.name = text;
            Ok(())
        })
    },
};

pub(super) const PARTICIPANT_ORG: Field = Field {
    read: |c, t| {
        c.person(t)
            .map(|x| x.organisation.clone())
            .unwrap_or_default()
    },
    write: |c, t, text| {
        with_person(c, t, |p| {
            p.organisation = text;
            Ok(())
        })
    },
};

pub(super) const PARTICIPANT_EMAIL: Field = Field {
    read: |c, t| {
        c.person(t)
            .and_then(|x| x.email.clone())
            .unwrap_or_default()
    },
    write: |c, t, text| {
        if !text.is_empty() && !text.contains('@') {
            return Err(t!("edit.bad_email").into_owned());
        }
        with_person(c, t, |p| {
            p.email = opt(&text);
            Ok(())
        })
    },
};

/// Wished groups, as their numbers in theme order: "2, 1, 4".
pub(super) const CHOICES: Field = Field {
    read: |c, t| {
        c.person(t)
            .map(|x| {
                x.choices
                    .iter()
                    .filter_map(|t| c.s.themes.iter().position(|th| th.id == *t))
                    .map(|i| (i + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    },
    write: |c, t, text| {
        let s = c.s;
        with_person(c, t, |p| {
            let mut choices = Vec::new();
            for part in text
                .split([',', ';', ' ', '>', '›'])
                .filter(|x| !x.is_empty())
            {
                let theme = part
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| s.themes.get(i))
                    .ok_or_else(|| t!("edit.bad_choice", n = s.themes.len()).into_owned())?;
                if !choices.contains(&theme.id) {
                    choices.push(theme.id);
                }
            }
            p.choices = choices;
            Ok(())
        })
    },
};
