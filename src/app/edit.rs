//! Text entry: what is being edited, the text area, and how the typed text becomes an
//! operation. Also the picker (choose a person or a theme from a list).

use chrono::{NaiveDate, NaiveTime};
use ratatui_textarea::{TextArea, WrapMode};
use rust_i18n::t;

use crate::domain::{
    Due, GroupField, LineField, LineId, NeedId, Op, Owner, ParticipantId, Pilot, PilotKind,
    Reaction, ReactionId, Session, ThemeId, workshop::MAX_ROUNDS,
};

use super::Column;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneField {
    Name,
    Specialisation,
    Companies,
    CompanySize,
    Since,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaField {
    Presentation,
    Groups,
    Rotation,
    Restitution,
    Commitments,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Cell {
        line: LineId,
        column: Column,
    },
    Reaction(ReactionId),
    NewReaction(ThemeId),
    Notes(ThemeId),
    NextSteps(ThemeId),
    NextMeeting(ThemeId),
    PilotName(ThemeId),
    PilotContact(ThemeId),
    ThemeTitle(ThemeId),
    ThemeConstat(ThemeId),
    ThemeExpert(ThemeId),
    ParticipantName(ParticipantId),
    ParticipantOrg(ParticipantId),
    ParticipantEmail(ParticipantId),
    /// Wished groups, as their numbers: "2, 1, 4".
    Choices(ParticipantId),
    NeedText(NeedId),
    SessionTitle,
    Zone(ZoneField),
    Agenda(AgendaField),
    AgendaStart,
    WorkshopDate,
    RoundCount,
    /// The launcher's "nouvelle session".
    NewSessionTitle,
    /// "15/01/2027 note": a follow-up meeting of a group.
    NewMeeting(ThemeId),
    AnnualPlenary,
}

impl EditTarget {
    /// Long texts wrap on several lines in the editor; the rest are one line.
    pub fn is_long(self) -> bool {
        matches!(
            self,
            EditTarget::Cell { .. }
                | EditTarget::Notes(_)
                | EditTarget::NextSteps(_)
                | EditTarget::ThemeConstat(_)
                | EditTarget::Reaction(_)
                | EditTarget::NewReaction(_)
        )
    }

    pub fn label_key(self) -> &'static str {
        match self {
            EditTarget::Cell { column, .. } => match column {
                Column::Solution => "poster.col.solution",
                Column::Action => "poster.col.action",
                Column::Owners => "poster.col.owners",
                Column::Due => "poster.col.due",
                Column::Status => "poster.col.status",
            },
            EditTarget::Reaction(_) | EditTarget::NewReaction(_) => "poster.reaction",
            EditTarget::Notes(_) => "restitution.notes",
            EditTarget::NextSteps(_) => "commit.next_steps",
            EditTarget::NextMeeting(_) => "commit.next_meeting",
            EditTarget::PilotName(_) => "commit.pilot_name",
            EditTarget::PilotContact(_) => "commit.pilot_contact",
            EditTarget::ThemeTitle(_) => "prep.theme.title",
            EditTarget::ThemeConstat(_) => "prep.theme.constat",
            EditTarget::ThemeExpert(_) => "prep.theme.expert",
            EditTarget::ParticipantName(_) => "prep.person.name",
            EditTarget::ParticipantOrg(_) => "prep.person.organisation",
            EditTarget::ParticipantEmail(_) => "prep.person.email",
            EditTarget::Choices(_) => "prep.person.choices_edit",
            EditTarget::NeedText(_) => "prep.need.text",
            EditTarget::SessionTitle => "prep.zone.title",
            EditTarget::Zone(f) => match f {
                ZoneField::Name => "prep.zone.name",
                ZoneField::Specialisation => "prep.zone.specialisation",
                ZoneField::Companies => "prep.zone.companies",
                ZoneField::CompanySize => "prep.zone.company_size",
                ZoneField::Since => "prep.zone.since",
            },
            EditTarget::Agenda(f) => match f {
                AgendaField::Presentation => "prep.agenda.presentation",
                AgendaField::Groups => "prep.agenda.groups",
                AgendaField::Rotation => "prep.agenda.rotation",
                AgendaField::Restitution => "prep.agenda.restitution",
                AgendaField::Commitments => "prep.agenda.commitments",
            },
            EditTarget::AgendaStart => "prep.agenda.start",
            EditTarget::WorkshopDate => "prep.agenda.date",
            EditTarget::RoundCount => "prep.agenda.rounds",
            EditTarget::NewSessionTitle => "launcher.new_title",
            EditTarget::NewMeeting(_) => "followup.new_meeting",
            EditTarget::AnnualPlenary => "followup.annual_plenary",
        }
    }
}

pub struct Editor {
    pub target: EditTarget,
    pub textarea: TextArea<'static>,
    /// Why the last Enter was refused (e.g. "not a number"); the text stays.
    pub error: Option<String>,
    /// The text when the editor opened: if another process changes the field meanwhile,
    /// what it wrote is not silently replaced (see `update::commit_editor`).
    pub original: String,
}

impl Editor {
    pub fn new(target: EditTarget, text: &str) -> Self {
        let mut textarea = TextArea::new(vec![one_line(text)]);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        if target.is_long() {
            textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        Editor {
            target,
            textarea,
            error: None,
            original: text.to_string(),
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join(" ")
    }
}

/// Cells are single paragraphs: newlines (typed or pasted) become spaces, so a paste can
/// never validate a cell or move a step.
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// The text currently stored at a target, to start editing from.
pub fn current_text(s: &Session, workshop: u32, target: EditTarget) -> String {
    let group = |id: ThemeId| s.group(id);
    let w = s.workshop(workshop);
    match target {
        EditTarget::Cell { line, column } => {
            let Some(l) = s.groups.iter().find_map(|g| g.poster.line(line)) else {
                return String::new();
            };
            match column {
                Column::Solution => l.solution.clone(),
                Column::Action => l.action.clone(),
                Column::Owners => Owner::format_list(&l.owners),
                Column::Due => l.due.to_input(),
                Column::Status => String::new(),
            }
        }
        EditTarget::Reaction(id) => s
            .groups
            .iter()
            .flat_map(|g| g.poster.reactions.iter())
            .find(|r| r.id == id)
            .map(|r| r.text.clone())
            .unwrap_or_default(),
        EditTarget::NewReaction(_) | EditTarget::NewSessionTitle | EditTarget::NewMeeting(_) => {
            String::new()
        }
        EditTarget::AnnualPlenary => s
            .annual_plenary
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        EditTarget::Notes(t) => group(t).map(|g| g.notes.clone()).unwrap_or_default(),
        EditTarget::NextSteps(t) => group(t).map(|g| g.next_steps.clone()).unwrap_or_default(),
        EditTarget::NextMeeting(t) => group(t)
            .and_then(|g| g.next_meeting)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        EditTarget::PilotName(t) => group(t)
            .and_then(|g| g.pilot.as_ref())
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        EditTarget::PilotContact(t) => group(t)
            .and_then(|g| g.pilot.as_ref())
            .and_then(|p| p.contact.clone())
            .unwrap_or_default(),
        EditTarget::ThemeTitle(t) => s.theme(t).map(|x| x.title.clone()).unwrap_or_default(),
        EditTarget::ThemeConstat(t) => s.theme(t).map(|x| x.constat.clone()).unwrap_or_default(),
        EditTarget::ThemeExpert(t) => s
            .theme(t)
            .and_then(|x| x.expert.clone())
            .unwrap_or_default(),
        EditTarget::ParticipantName(p) => {
            s.participant(p).map(|x| x.name.clone()).unwrap_or_default()
        }
        EditTarget::ParticipantOrg(p) => s
            .participant(p)
            .map(|x| x.organisation.clone())
            .unwrap_or_default(),
        EditTarget::ParticipantEmail(p) => s
            .participant(p)
            .and_then(|x| x.email.clone())
            .unwrap_or_default(),
        EditTarget::Choices(p) => s
            .participant(p)
            .map(|x| {
                x.choices
                    .iter()
                    .filter_map(|t| s.themes.iter().position(|th| th.id == *t))
                    .map(|i| (i + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        EditTarget::NeedText(n) => s
            .needs
            .iter()
            .find(|x| x.id == n)
            .map(|x| x.text.clone())
            .unwrap_or_default(),
        EditTarget::SessionTitle => s.title.clone(),
        EditTarget::Zone(f) => match f {
            ZoneField::Name => s.zone.name.clone(),
            ZoneField::Specialisation => s.zone.specialisation.clone().unwrap_or_default(),
            ZoneField::Companies => s.zone.companies.to_string(),
            ZoneField::CompanySize => s.zone.company_size.clone().unwrap_or_default(),
            ZoneField::Since => s.zone.since.map(|y| y.to_string()).unwrap_or_default(),
        },
        EditTarget::Agenda(f) => w
            .map(|w| {
                let a = &w.agenda;
                match f {
                    AgendaField::Presentation => a.presentation,
                    AgendaField::Groups => a.groups,
                    AgendaField::Rotation => a.rotation,
                    AgendaField::Restitution => a.restitution,
                    AgendaField::Commitments => a.commitments,
                }
                .to_string()
            })
            .unwrap_or_default(),
        EditTarget::AgendaStart => w
            .and_then(|w| w.agenda.start)
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        EditTarget::WorkshopDate => w
            .and_then(|w| w.date)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        EditTarget::RoundCount => w.map(|w| w.round_count.to_string()).unwrap_or_default(),
    }
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map(Some)
        .map_err(|_| t!("edit.bad_date").into_owned())
}

fn parse_number(text: &str, max: u32) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(|| t!("edit.bad_number", max = max).into_owned())
}

/// Turns the typed text into the operation that stores it. `Ok(None)`: nothing to store
/// (unchanged, or an empty new reaction). `Err`: refused, with the reason for the user.
pub fn commit_op(
    s: &Session,
    workshop: u32,
    target: EditTarget,
    text: &str,
) -> Result<Option<Op>, String> {
    let text = one_line(text);
    if current_text(s, workshop, target) == text && !matches!(target, EditTarget::NewReaction(_)) {
        return Ok(None);
    }
    let trimmed = text.trim().to_string();
    let w = s.workshop(workshop);
    let op = match target {
        EditTarget::Cell { line, column } => Op::SetLine {
            line,
            field: match column {
                Column::Solution => LineField::Solution(trimmed),
                Column::Action => LineField::Action(trimmed),
                Column::Owners => LineField::Owners(Owner::parse_list(&trimmed)),
                Column::Due => LineField::Due(Due::parse(&trimmed)),
                Column::Status => return Ok(None),
            },
        },
        EditTarget::Reaction(reaction) => {
            if trimmed.is_empty() {
                Op::DeleteReaction(reaction)
            } else {
                Op::SetReaction {
                    reaction,
                    text: trimmed,
                }
            }
        }
        EditTarget::NewReaction(theme) => {
            if trimmed.is_empty() {
                return Ok(None);
            }
            let index = s
                .group(theme)
                .map(|g| g.poster.reactions.len())
                .unwrap_or(0);
            Op::AddReaction {
                theme,
                index,
                reaction: Reaction {
                    id: s.next_reaction_id(),
                    text: trimmed,
                    workshop,
                },
            }
        }
        EditTarget::Notes(theme) => Op::SetGroup {
            theme,
            field: GroupField::Notes(trimmed),
        },
        EditTarget::NextSteps(theme) => Op::SetGroup {
            theme,
            field: GroupField::NextSteps(trimmed),
        },
        EditTarget::NextMeeting(theme) => Op::SetGroup {
            theme,
            field: GroupField::NextMeeting(parse_date(&trimmed)?),
        },
        EditTarget::PilotName(theme) | EditTarget::PilotContact(theme) => {
            let mut pilot = s
                .group(theme)
                .and_then(|g| g.pilot.clone())
                .unwrap_or(Pilot {
                    kind: PilotKind::LocalAuthority,
                    name: String::new(),
                    contact: None,
                });
            if matches!(target, EditTarget::PilotName(_)) {
                pilot.name = trimmed;
            } else {
                pilot.contact = opt(&trimmed);
            }
            Op::SetGroup {
                theme,
                field: GroupField::Pilot(Some(pilot)),
            }
        }
        EditTarget::ThemeTitle(id) | EditTarget::ThemeConstat(id) | EditTarget::ThemeExpert(id) => {
            let Some(mut theme) = s.theme(id).cloned() else {
                return Ok(None);
            };
            match target {
                EditTarget::ThemeTitle(_) => theme.title = trimmed,
                EditTarget::ThemeConstat(_) => theme.constat = trimmed,
                _ => theme.expert = opt(&trimmed),
            }
            Op::UpdateTheme(theme)
        }
        EditTarget::ParticipantName(id)
        | EditTarget::ParticipantOrg(id)
        | EditTarget::ParticipantEmail(id) => {
            let Some(mut p) = s.participant(id).cloned() else {
                return Ok(None);
            };
            match target {
                EditTarget::ParticipantName(_) => p.name = trimmed,
                EditTarget::ParticipantOrg(_) => p.organisation = trimmed,
                _ => {
                    if !trimmed.is_empty() && !trimmed.contains('@') {
                        return Err(t!("edit.bad_email").into_owned());
                    }
                    p.email = opt(&trimmed)
                }
            }
            Op::UpdateParticipant(p)
        }
        EditTarget::Choices(id) => {
            let Some(mut p) = s.participant(id).cloned() else {
                return Ok(None);
            };
            let mut choices = Vec::new();
            for part in trimmed
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
            Op::UpdateParticipant(p)
        }
        EditTarget::NeedText(id) => {
            let Some(mut n) = s.needs.iter().find(|n| n.id == id).cloned() else {
                return Ok(None);
            };
            n.text = trimmed;
            Op::UpdateNeed(n)
        }
        EditTarget::SessionTitle => Op::SetTitle(trimmed),
        EditTarget::Zone(f) => {
            let mut z = s.zone.clone();
            match f {
                ZoneField::Name => z.name = trimmed,
                ZoneField::Specialisation => z.specialisation = opt(&trimmed),
                ZoneField::Companies => z.companies = parse_number(&trimmed, 100_000)?,
                ZoneField::CompanySize => z.company_size = opt(&trimmed),
                ZoneField::Since => {
                    z.since = if trimmed.is_empty() {
                        None
                    } else {
                        Some(parse_number(&trimmed, 9999)? as i32)
                    }
                }
            }
            Op::SetZone(z)
        }
        EditTarget::Agenda(f) => {
            let Some(w) = w else { return Ok(None) };
            let minutes = parse_number(&trimmed, 600)?;
            let mut a = w.agenda.clone();
            match f {
                AgendaField::Presentation => a.presentation = minutes,
                AgendaField::Groups => a.groups = minutes,
                AgendaField::Rotation => a.rotation = minutes,
                AgendaField::Restitution => a.restitution = minutes,
                AgendaField::Commitments => a.commitments = minutes,
            }
            Op::SetAgenda {
                workshop,
                agenda: a,
            }
        }
        EditTarget::AgendaStart => {
            let Some(w) = w else { return Ok(None) };
            let start = if trimmed.is_empty() {
                None
            } else {
                Some(
                    NaiveTime::parse_from_str(&trimmed.replace('h', ":"), "%H:%M")
                        .map_err(|_| t!("edit.bad_time").into_owned())?,
                )
            };
            let mut a = w.agenda.clone();
            a.start = start;
            Op::SetAgenda {
                workshop,
                agenda: a,
            }
        }
        EditTarget::WorkshopDate => Op::SetWorkshopDate {
            workshop,
            date: parse_date(&trimmed)?,
        },
        EditTarget::RoundCount => {
            let n = parse_number(&trimmed, u32::from(MAX_ROUNDS))?;
            if n == 0 {
                return Err(t!("edit.bad_number", max = MAX_ROUNDS).into_owned());
            }
            Op::SetRoundCount {
                workshop,
                rounds: n as u8,
            }
        }
        EditTarget::NewSessionTitle => return Ok(None),
        EditTarget::NewMeeting(theme) => {
            if trimmed.is_empty() {
                return Ok(None);
            }
            let (date, note) = trimmed.split_once(' ').unwrap_or((&trimmed, ""));
            let Some(date) = parse_date(date)? else {
                return Ok(None);
            };
            let meetings = s.group(theme).map(|g| g.meetings.as_slice()).unwrap_or(&[]);
            // Kept in date order.
            let index = meetings.iter().take_while(|m| m.date <= date).count();
            Op::AddMeeting {
                theme,
                index,
                meeting: crate::domain::Meeting {
                    date,
                    note: note.trim().to_string(),
                },
            }
        }
        EditTarget::AnnualPlenary => Op::SetAnnualPlenary(parse_date(&trimmed)?),
    };
    Ok(Some(op))
}

/// Wished groups as shown: "2 › 1 › 4" (group numbers in theme order).
pub fn choices_text(s: &Session, choices: &[ThemeId]) -> String {
    choices
        .iter()
        .filter_map(|t| s.themes.iter().position(|th| th.id == *t))
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(" › ")
}

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Rapporteur(ThemeId),
    /// A text that lost a same-cell conflict, to restore.
    History(LineId),
}

pub struct Picker {
    pub target: PickTarget,
    /// (value, label); `None` means "nobody".
    pub options: Vec<(Option<u32>, String)>,
    pub filter: String,
    pub selected: usize,
}

impl Picker {
    /// Options matching the filter (case- and accent-insensitive on the typed letters).
    pub fn visible(&self) -> Vec<&(Option<u32>, String)> {
        let f = fold(&self.filter);
        self.options
            .iter()
            .filter(|(_, label)| f.is_empty() || fold(label).contains(&f))
            .collect()
    }
}

/// Lowercase without accents, for filtering.
pub fn fold(s: &str) -> String {
    // `slug` names an empty title "session"; an empty filter must stay empty.
    if !s.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    crate::store::slug(s).replace('-', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionLine, Session};

    fn session() -> Session {
        let mut s = Session::new("t", "z");
        s.apply(s.add_theme_op("Mobilité")).unwrap();
        s.apply(Op::AddLine {
            theme: 1,
            index: 0,
            line: ActionLine::new(1, 1),
        })
        .unwrap();
        s
    }

    #[test]
    fn cells_become_ops_with_parsed_values() {
        let s = session();
        let op = commit_op(
            &s,
            1,
            EditTarget::Cell {
                line: 1,
                column: Column::Due,
            },
            "mars 2027",
        )
        .unwrap();
        assert_eq!(
            op,
            Some(Op::SetLine {
                line: 1,
                field: LineField::Due(Due::Month(2027, 3))
            })
        );
        let op = commit_op(
            &s,
            1,
            EditTarget::Cell {
                line: 1,
                column: Column::Owners,
            },
            "CC (pilote), SARL Dupont",
        )
        .unwrap();
        assert!(matches!(
            op,
            Some(Op::SetLine {
                field: LineField::Owners(ref o),
                ..
            }) if o.len() == 2
        ));
    }

    #[test]
    fn unchanged_text_stores_nothing_and_bad_numbers_are_refused() {
        let s = session();
        let target = EditTarget::Cell {
            line: 1,
            column: Column::Solution,
        };
        assert_eq!(commit_op(&s, 1, target, "").unwrap(), None);
        assert!(commit_op(&s, 1, EditTarget::Agenda(AgendaField::Groups), "vingt").is_err());
        assert!(commit_op(&s, 1, EditTarget::RoundCount, "7").is_err());
        assert!(commit_op(&s, 1, EditTarget::RoundCount, "0").is_err());
        assert!(
            commit_op(&s, 1, EditTarget::RoundCount, "2")
                .unwrap()
                .is_some()
        );
        assert!(
            commit_op(&s, 1, EditTarget::AgendaStart, "9h30")
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn pasted_newlines_become_spaces() {
        assert_eq!(one_line("a\nb\r\nc\rd"), "a b c d");
    }

    #[test]
    fn an_empty_filter_shows_everything() {
        let p = Picker {
            target: PickTarget::Rapporteur(1),
            options: vec![(Some(1), "Léa Martin".into()), (None, "personne".into())],
            filter: String::new(),
            selected: 0,
        };
        assert_eq!(p.visible().len(), 2);
    }

    #[test]
    fn picker_filter_ignores_case_and_accents() {
        let p = Picker {
            target: PickTarget::Rapporteur(1),
            options: vec![
                (Some(1), "Léa Martin".into()),
                (Some(2), "Marc Dubois".into()),
            ],
            filter: "lea".into(),
            selected: 0,
        };
        assert_eq!(p.visible().len(), 1);
    }
}
