//! The fields of a synergy (Suivi › Synergies and its sheet): a new one's title, its title,
//! members, pilot, a new impact, its note, and the reason it is abandoned. The members and
//! impacts are read from one line each, with a preview of how the line is read.

use rust_i18n::t;

use super::fields::{Ctx, Field};
use super::model::EditTarget;
use crate::domain::Op;
use crate::domain::error::DomainError;
use crate::domain::synergy::{
    Amount, Impact, Member, MemberRole, Stage, Synergy, SynergyId, SynergyKind,
};
use crate::text::Lang;

fn id_of(t: EditTarget) -> SynergyId {
    use EditTarget as E;
    match t {
        E::SynergyTitle(id)
        | E::SynergyMembers(id)
        | E::SynergyPilot(id)
        | E::SynergyImpact(id)
        | E::SynergyNote(id)
        | E::SynergyAbandon(id) => id,
        _ => 0,
    }
}

fn synergy<'a>(c: &'a Ctx, t: EditTarget) -> Option<&'a Synergy> {
    c.s.synergy(id_of(t))
}

/// The same synergy with one field changed, as the op that stores it.
fn update(c: &Ctx, t: EditTarget, change: impl FnOnce(&mut Synergy)) -> Option<Op> {
    let mut x = synergy(c, t)?.clone();
    change(&mut x);
    Some(Op::UpdateSynergy(x))
}

pub const NEW_SYNERGY: Field = Field {
    read: |_, _| String::new(),
    write: |c, _, text| {
        if text.is_empty() {
            return Ok(None);
        }
        let id = c.s.next_synergy_id();
        let mut synergy = Synergy::new(id, text, SynergyKind::Substitution);
        synergy.created = c.now;
        Ok(Some(Op::AddSynergy {
            index: c.s.synergies.len(),
            synergy,
        }))
    },
};

pub const TITLE: Field = Field {
    read: |c, t| synergy(c, t).map(|x| x.title.clone()).unwrap_or_default(),
    write: |c, t, text| {
        if text.is_empty() {
            return Err(t!("synergy.edit.title_needed").into_owned());
        }
        Ok(update(c, t, |x| x.title = text))
    },
};

pub const NOTE: Field = Field {
    read: |c, t| synergy(c, t).map(|x| x.note.clone()).unwrap_or_default(),
    write: |c, t, text| Ok(update(c, t, |x| x.note = text)),
};

pub const MEMBERS: Field = Field {
    read: |c, t| {
        synergy(c, t)
            .map(|x| members_text(&x.members))
            .unwrap_or_default()
    },
    write: |c, t, text| {
        let members = parse_members(&text)?;
        Ok(update(c, t, |x| x.members = members))
    },
};

/// « Organisation, contact »: the pilot now, and a hand-over when changed.
pub const PILOT: Field = Field {
    read: |c, t| {
        // As it is typed: « organisation, contact ».
        match synergy(c, t).and_then(|x| x.pilot_and_contact()) {
            Some((organisation, "")) => organisation.to_string(),
            Some((organisation, contact)) => format!("{organisation}, {contact}"),
            None => String::new(),
        }
    },
    write: |c, t, text| {
        let (org, contact) = text.split_once(',').unwrap_or((text.as_str(), ""));
        if org.trim().is_empty() {
            return Err(t!("synergy.edit.pilot_needed").into_owned());
        }
        let Some(now) = c.now else {
            return Ok(None);
        };
        Ok(Some(Op::AddSynergyEvent {
            synergy: id_of(t),
            event: Synergy::pilot_event(org, contact, now),
        }))
    },
};

/// A new impact, read by [`parse_impact`].
pub const IMPACT: Field = Field {
    read: |_, _| String::new(),
    write: |c, t, text| {
        if text.is_empty() {
            return Ok(None);
        }
        let impact = parse_impact(&text).map_err(|e| e.message())?;
        Ok(update(c, t, |x| x.impacts.push(impact)))
    },
};

/// Why it is abandoned: the move to « abandonnée », dated, with its reason.
pub const ABANDON: Field = Field {
    read: |_, _| String::new(),
    write: |c, t, text| {
        if text.is_empty() {
            return Err(t!("synergy.edit.reason_needed").into_owned());
        }
        let (Some(x), Some(now)) = (synergy(c, t), c.now) else {
            return Ok(None);
        };
        Ok(x.stage_event(Stage::Abandoned, &text, now)
            .map(|event| Op::AddSynergyEvent {
                synergy: x.id,
                event,
            }))
    },
};

// ------------------------------------------------------------------ members

/// The role a word names, in French or English.
fn role_of(word: &str) -> Option<MemberRole> {
    let w = word.trim().to_lowercase();
    Some(match w.as_str() {
        "fournisseur" | "fournisseuse" | "supplier" | "provider" => MemberRole::Supplier,
        "receveur" | "receveuse" | "récepteur" | "recepteur" | "receiver" | "recipient" => {
            MemberRole::Receiver
        }
        "participant" | "participante" | "partner" | "partenaire" => MemberRole::Participant,
        "financeur" | "financeuse" | "funder" | "sponsor" => MemberRole::Funder,
        _ => return None,
    })
}

/// « Scierie Vallet (fournisseur), Laiterie du Val (receveur), Mairie »: organisations with
/// their roles, in French or English; without one, participant. A role not known is refused
/// (with the roles there are): the text stays in the field.
pub fn parse_members(text: &str) -> Result<Vec<Member>, String> {
    let mut out: Vec<Member> = Vec::new();
    for owner in crate::domain::Owner::parse_list(text) {
        let role = if owner.role.trim().is_empty() {
            MemberRole::Participant
        } else {
            role_of(&owner.role).ok_or_else(|| {
                t!(
                    "synergy.edit.unknown_role",
                    role = owner.role.trim(),
                    roles = role_names()
                )
                .into_owned()
            })?
        };
        let organisation = owner.who.trim().to_string();
        if organisation.is_empty() {
            continue;
        }
        match out
            .iter_mut()
            .find(|m| crate::domain::synergy::same_name(&m.organisation, &organisation))
        {
            Some(m) => m.role = role,
            None => out.push(Member { organisation, role }),
        }
    }
    Ok(out)
}

fn role_names() -> String {
    MemberRole::ALL
        .iter()
        .map(|r| t!(r.label_key()).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The members as the field shows them: a participant's role is not written.
pub fn members_text(members: &[Member]) -> String {
    members
        .iter()
        .map(|m| match m.role {
            MemberRole::Participant => m.organisation.clone(),
            r => format!("{} ({})", m.organisation, t!(r.label_key())),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

// ------------------------------------------------------------------ impacts

/// Why an impact's line is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImpactError {
    /// No figure first.
    NotANumber(String),
    /// A figure and no unit.
    MissingUnit,
    /// A unit outside the list.
    UnknownUnit(String),
}

impl ImpactError {
    pub fn message(&self) -> String {
        match self {
            ImpactError::NotANumber(what) => {
                t!("synergy.edit.not_a_number", text = what, units = UNITS).into_owned()
            }
            ImpactError::MissingUnit => t!("synergy.edit.missing_unit", units = UNITS).into_owned(),
            ImpactError::UnknownUnit(u) => {
                t!("synergy.edit.unknown_unit", unit = u, units = UNITS).into_owned()
            }
        }
    }
}

/// The units an impact is typed in, as the messages list them.
pub const UNITS: &str =
    "t, kg, m³, L, MWh, kWh, k€, €, t\u{a0}CO2e, kg\u{a0}CO2e, emplois (ETP), m², ha";

fn word(token: &str) -> String {
    token
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.'))
        .to_lowercase()
}

/// `Some(true)` for a word saying measured, `Some(false)` for estimated.
fn measured_word(token: &str) -> Option<bool> {
    match word(token).as_str() {
        "estimé" | "estimée" | "estime" | "estimee" | "estimés" | "estimées" | "est"
        | "estimated" | "estimate" | "estimation" => Some(false),
        "mesuré" | "mesurée" | "mesure" | "mesuree" | "mesurés" | "mesurées" | "measured"
        | "réel" | "réelle" | "actual" => Some(true),
        _ => None,
    }
}

fn is_factor(token: &str) -> bool {
    matches!(word(token).as_str(), "facteur" | "factor")
}

fn is_source(token: &str) -> bool {
    word(token) == "source"
}

/// Reads an impact from one line: a figure and its unit first, then in any order
/// « estimé » or « mesuré » (estimated, measured; estimated when neither), what it is about
/// in free words, « facteur … » and « source … » up to the end or the other keyword:
/// « 120 t/an estimé acier », « 3,2 t CO2e mesuré facteur 0,8 kgCO2e/km source ADEME ».
pub fn parse_impact(text: &str) -> Result<Impact, ImpactError> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let numeric = tokens
        .iter()
        .take_while(|t| {
            t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        })
        .count();
    let found = (1..=tokens.len().min(numeric + 4)).rev().find_map(|k| {
        let head = tokens.get(..k)?.join(" ");
        Amount::parse(&head).ok().map(|a| (a, k))
    });
    let Some((amount, used)) = found else {
        let first = tokens.first().copied().unwrap_or("");
        let starts_with_digit = first.chars().next().is_some_and(|c| c.is_ascii_digit());
        if numeric == 0 && !starts_with_digit {
            return Err(ImpactError::NotANumber(first.to_string()));
        }
        let head = tokens.get(..(numeric + 1).min(tokens.len())).unwrap_or(&[]);
        return Err(match Amount::parse(&head.join(" ")) {
            Err(DomainError::UnknownUnit(u)) if u.is_empty() => ImpactError::MissingUnit,
            Err(DomainError::UnknownUnit(u)) => ImpactError::UnknownUnit(u),
            _ => ImpactError::NotANumber(head.join(" ")),
        });
    };
    let rest = tokens.get(used..).unwrap_or(&[]);
    let mut measured = None;
    let (mut what, mut factor, mut source) = (Vec::new(), Vec::new(), Vec::new());
    let mut into = 0; // 0: what, 1: factor, 2: source
    for t in rest {
        if is_factor(t) {
            into = 1;
        } else if is_source(t) {
            into = 2;
        } else if into == 0 && measured.is_none() && measured_word(t).is_some() {
            measured = measured_word(t);
        } else {
            match into {
                0 => what.push(*t),
                1 => factor.push(*t),
                _ => source.push(*t),
            }
        }
    }
    Ok(Impact {
        amount,
        measured: measured.unwrap_or(false),
        what: what.join(" "),
        factor: factor.join(" "),
        source: source.join(" "),
    })
}

/// « 120 t/an » in the language shown.
pub fn amount_text(a: &Amount) -> String {
    format!(
        "{}\u{a0}{}",
        a.figure(Lang::current() == Lang::Fr, true),
        t!(a.unit.label_key())
    )
}

/// An impact on one line: « 120 t/an · estimé · acier · facteur … · source … » (the
/// status left out under a heading that says it).
pub fn impact_text(i: &Impact, with_status: bool) -> String {
    let mut parts = vec![amount_text(&i.amount)];
    if with_status {
        parts.push(
            t!(if i.measured {
                "synergy.measured"
            } else {
                "synergy.estimated"
            })
            .into_owned(),
        );
    }
    if !i.what.is_empty() {
        parts.push(i.what.clone());
    }
    if !i.factor.is_empty() {
        parts.push(t!("synergy.factor", factor = i.factor).into_owned());
    }
    if !i.source.is_empty() {
        parts.push(t!("synergy.source", source = i.source).into_owned());
    }
    parts.join(" · ")
}

/// What the editor says under a synergy's field as it is typed: an example while empty,
/// then how the line is read, or why it is not (`true`: a warning).
pub fn note(target: EditTarget, text: &str) -> Option<(String, bool)> {
    let empty = text.trim().is_empty();
    match target {
        EditTarget::SynergyImpact(_) => {
            if empty {
                return Some((t!("synergy.edit.impact_example").into_owned(), false));
            }
            Some(match parse_impact(text) {
                Ok(i) => (
                    t!("edit.day_read", date = impact_text(&i, true)).into_owned(),
                    false,
                ),
                Err(e) => (format!("⚠ {}", e.message()), true),
            })
        }
        EditTarget::SynergyMembers(_) => {
            if empty {
                return Some((t!("synergy.edit.members_example").into_owned(), false));
            }
            Some(match parse_members(text) {
                Ok(m) => (
                    t!(
                        "edit.day_read",
                        date = m
                            .iter()
                            .map(|m| format!("{} ({})", m.organisation, t!(m.role.label_key())))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    )
                    .into_owned(),
                    false,
                ),
                Err(e) => (format!("⚠ {e}"), true),
            })
        }
        EditTarget::SynergyPilot(_) if empty => {
            Some((t!("synergy.edit.pilot_example").into_owned(), false))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::synergy::Unit;

    #[test]
    fn an_impact_line_is_read_figure_unit_status_what_factor_source() {
        crate::text::Lang::Fr.set();
        let i = parse_impact("120 t/an estimé acier").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(i.amount.unit, Unit::Tonnes);
        assert_eq!(i.amount.milli, 120_000);
        assert!(!i.measured);
        assert_eq!(i.what, "acier");
        let i = parse_impact("3,2 t CO2e mesuré facteur 0,8 kgCO2e/km source ADEME Base Carbone")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(i.amount.unit, Unit::Co2);
        assert_eq!(i.amount.milli, 3_200);
        assert!(i.measured);
        assert_eq!(i.what, "");
        assert_eq!(i.factor, "0,8 kgCO2e/km");
        assert_eq!(i.source, "ADEME Base Carbone");
        let i = parse_impact("2 000 kWh eau chaude measured").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(i.amount.milli, 2_000);
        assert!(i.measured);
        assert_eq!(i.what, "eau chaude");
    }

    #[test]
    fn an_impact_in_an_unknown_unit_or_without_a_figure_is_refused_and_named() {
        assert_eq!(
            parse_impact("12 palettes"),
            Err(ImpactError::UnknownUnit("palettes".into()))
        );
        assert_eq!(parse_impact("12"), Err(ImpactError::MissingUnit));
        assert_eq!(
            parse_impact("beaucoup t"),
            Err(ImpactError::NotANumber("beaucoup".into()))
        );
    }

    #[test]
    fn members_take_roles_in_french_or_english_participant_by_default() {
        crate::text::Lang::Fr.set();
        let m = parse_members("Scierie Vallet (fournisseur), Laiterie du Val (receiver), Mairie")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].role, MemberRole::Supplier);
        assert_eq!(m[1].role, MemberRole::Receiver);
        assert_eq!(m[2].role, MemberRole::Participant);
        assert_eq!(
            members_text(&m),
            "Scierie Vallet (fournisseur), Laiterie du Val (receveur), Mairie"
        );
        let e = parse_members("Scierie (chef)").err().unwrap_or_default();
        assert!(e.contains("chef") && e.contains("fournisseur"), "{e}");
    }
}
