//! Text entry: what is being edited, the text area, and how the typed text becomes an
//! operation. Also the picker (choose a person or a theme from a list).

use ratatui_textarea::{TextArea, WrapMode};
use rust_i18n::t;

use crate::domain::{LineId, NeedId, Op, ParticipantId, ReactionId, Session, ThemeId};

use super::fields::{Ctx, field};
use crate::app::Column;

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
    // The rencontre (its number first).
    /// A card being written: created when validated, with this kind and author.
    NewCard {
        rencontre: u32,
        kind: crate::domain::CardKind,
        author: Option<ParticipantId>,
    },
    CardText(u32, crate::domain::rencontre::CardId),
    /// « 12 t/an »: a number and a unit.
    CardQuantity(u32, crate::domain::rencontre::CardId),
    CardAnswer(u32, crate::domain::rencontre::CardId),
    /// A « hors atelier » problem's owner and due date (its follow-up line).
    OutsideOwner(u32, crate::domain::rencontre::CardId),
    OutsideDue(u32, crate::domain::rencontre::CardId),
    CandidateTitle(u32, crate::domain::rencontre::CandidateId),
    /// A stake of the steering committee (Diagnostic), by position; a new one.
    Stake(usize),
    NewStake,
    /// The planned minutes of a step of the rencontre (a person's, for the tour de table).
    StepMinutes(u32, crate::domain::rencontre::StepKind),
    /// « 3/2 »: dots a person, at most on one theme.
    VoteRules(u32),
    RencontreDate(u32),
    // The register of synergies (Suivi › Synergies).
    /// A new synergy's title: created at « idée » when validated.
    NewSynergy,
    SynergyTitle(crate::domain::synergy::SynergyId),
    /// « Scierie Vallet (fournisseur), Laiterie du Val (receveur) ».
    SynergyMembers(crate::domain::synergy::SynergyId),
    /// « Organisation, contact »: a hand-over, dated.
    SynergyPilot(crate::domain::synergy::SynergyId),
    /// A new impact: « 120 t/an estimé acier ».
    SynergyImpact(crate::domain::synergy::SynergyId),
    SynergyNote(crate::domain::synergy::SynergyId),
    /// Why it is abandoned: the move to « abandonnée » is made with it.
    SynergyAbandon(crate::domain::synergy::SynergyId),
    // The annual plenary.
    /// The day of a new plenary (`P` in Suivi).
    NewPlenary,
    /// Who an item of the review is handed over to: the line's owners, the synergy's pilot.
    HandOver(u32, crate::domain::plenary::Item),
    /// Why a synergy is abandoned (may stay empty).
    DropReason(u32, crate::domain::plenary::Item),
    /// A lead from the room, a catalogue entry.
    NewLead(u32),
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
                | EditTarget::NewCard { .. }
                | EditTarget::CardText(..)
                | EditTarget::CardAnswer(..)
                | EditTarget::SynergyNote(_)
                // Room for the preview and for a refusal naming the units, on two lines.
                | EditTarget::SynergyImpact(_)
                | EditTarget::SynergyMembers(_)
                | EditTarget::NewLead(_)
        )
    }

    /// The editor's title: the field's label; a card says its kind (and a new one who it
    /// is from), so that a card typed in the wrong column is seen before it is validated.
    pub fn title(self, s: &Session) -> String {
        match self {
            EditTarget::NewCard { kind, author, .. } => {
                let kind = t!(kind.label_key());
                match author.and_then(|a| s.participant(a)) {
                    Some(p) => t!("redit.new_card_from", kind = kind, name = p.name),
                    None => t!("redit.new_card", kind = kind),
                }
                .into_owned()
            }
            EditTarget::CardText(n, id) => match s.rencontre(n).and_then(|r| r.card(id)) {
                Some(c) => t!("redit.card_kind", kind = t!(c.kind.label_key())).into_owned(),
                None => t!(self.label_key()).into_owned(),
            },
            _ => t!(self.label_key()).into_owned(),
        }
    }

    /// The keys under the editor: a card's say where Tab goes (its quantity, its author).
    pub fn hint_key(self) -> &'static str {
        match self {
            EditTarget::NewCard { .. } | EditTarget::CardText(..) => "redit.card_hint",
            EditTarget::CardQuantity(..) => "redit.quantity_hint",
            _ => "ui.editor_hint",
        }
    }

    /// A number typed in digits (a count, minutes, a year): opened on « 0 », it starts
    /// empty, the 0 greyed, so that typing 14 gives 14, not 014.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            EditTarget::Zone(ZoneField::Companies | ZoneField::Since)
                | EditTarget::Agenda(_)
                | EditTarget::RoundCount
                | EditTarget::StepMinutes(..)
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
            EditTarget::NewCard { .. } | EditTarget::CardText(..) => "redit.card",
            EditTarget::CardQuantity(..) => "redit.quantity",
            EditTarget::CardAnswer(..) => "redit.answer",
            EditTarget::OutsideOwner(..) => "redit.owner",
            EditTarget::OutsideDue(..) => "redit.due",
            EditTarget::CandidateTitle(..) => "redit.theme",
            EditTarget::Stake(_) | EditTarget::NewStake => "redit.stake",
            EditTarget::StepMinutes(_, crate::domain::rencontre::StepKind::Introductions) => {
                "redit.per_person"
            }
            EditTarget::StepMinutes(..) => "redit.step_minutes",
            EditTarget::VoteRules(_) => "redit.vote_rules",
            EditTarget::RencontreDate(_) => "redit.date",
            EditTarget::NewSynergy => "synergy.edit.new",
            EditTarget::SynergyTitle(_) => "synergy.edit.title",
            EditTarget::SynergyMembers(_) => "synergy.edit.members",
            EditTarget::SynergyPilot(_) => "synergy.edit.pilot",
            EditTarget::SynergyImpact(_) => "synergy.edit.impact",
            EditTarget::SynergyNote(_) => "synergy.edit.note",
            EditTarget::SynergyAbandon(_) => "synergy.edit.abandon",
            EditTarget::NewPlenary => "pedit.date",
            EditTarget::HandOver(_, crate::domain::plenary::Item::Line(_)) => "pedit.owners",
            EditTarget::HandOver(_, crate::domain::plenary::Item::Synergy(_)) => "pedit.pilot",
            EditTarget::DropReason(..) => "pedit.reason",
            EditTarget::NewLead(_) => "pedit.lead",
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
    /// A new item's placeholder (« Nouveau thème »), shown greyed in an empty field: typing
    /// replaces it, and validating the field empty keeps it.
    pub placeholder: Option<String>,
    /// The item this field belongs to is being added (`a`, `o`, and the fields Tab goes on
    /// to from there): Esc takes the whole item away, with what Tab already stored of it.
    pub adding: bool,
}

impl Editor {
    /// An editor on a new item's field that holds `placeholder`: empty, the placeholder
    /// greyed in it.
    pub fn with_placeholder(
        target: EditTarget,
        placeholder: &str,
        style: ratatui::style::Style,
    ) -> Self {
        let mut e = Editor::new(target, "");
        e.textarea.set_placeholder_text(placeholder);
        e.textarea.set_placeholder_style(style);
        e.original = placeholder.to_string();
        e.placeholder = Some(placeholder.to_string());
        e
    }

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
            placeholder: None,
            adding: false,
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
    (field(target).read)(
        &Ctx {
            s,
            workshop,
            now: None,
        },
        target,
    )
}

/// Turns the typed text into the operation that stores it. `Ok(None)`: nothing to store
/// (unchanged, or an empty new reaction). `Err`: refused, with the reason for the user.
pub fn commit_op(
    s: &Session,
    workshop: u32,
    target: EditTarget,
    text: &str,
) -> Result<Option<Op>, String> {
    commit_op_at(s, workshop, None, target, text)
}

/// `commit_op` at `now`: the fields that record a dated event (a synergy's pilot, its
/// abandonment) need the time, and store nothing without it.
pub fn commit_op_at(
    s: &Session,
    workshop: u32,
    now: Option<crate::domain::Timestamp>,
    target: EditTarget,
    text: &str,
) -> Result<Option<Op>, String> {
    let ctx = Ctx { s, workshop, now };
    let f = field(target);
    let text = one_line(text);
    // A reaction may be added empty; a reason is asked for even when none is typed; a
    // constat to review is confirmed as it is by Enter.
    let to_review = match target {
        EditTarget::ThemeConstat(id) => s.theme(id).is_some_and(|t| t.review),
        _ => false,
    };
    if (f.read)(&ctx, target) == text
        && !to_review
        && !matches!(
            target,
            EditTarget::NewReaction(_) | EditTarget::SynergyAbandon(_)
        )
    {
        return Ok(None);
    }
    (f.write)(&ctx, target, text.trim().to_string())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionLine, Due, LineField, Session};
    use crate::overlays::picker::model::{PickTarget, Picker};

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
    fn enter_on_a_constat_to_review_confirms_it_even_unchanged() {
        let mut s = session();
        s.themes.push(crate::domain::Theme {
            id: 9,
            title: "Réseau de chaleur".into(),
            constat: "Repris du pilote".into(),
            expert: None,
            review: true,
        });
        let op = commit_op(&s, 1, EditTarget::ThemeConstat(9), "Repris du pilote");
        match op {
            Ok(Some(crate::domain::Op::UpdateTheme(t))) => {
                assert!(!t.review);
                assert_eq!(t.constat, "Repris du pilote");
            }
            other => panic!("{other:?}"),
        }
        // Once confirmed, the same text stores nothing again.
        if let Some(t) = s.themes.iter_mut().find(|t| t.id == 9) {
            t.review = false;
        }
        let op = commit_op(&s, 1, EditTarget::ThemeConstat(9), "Repris du pilote");
        assert_eq!(op, Ok(None));
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
        let p = Picker::new(
            PickTarget::Rapporteur(1),
            vec![(Some(1), "Léa Martin".into()), (None, "personne".into())],
        );
        assert_eq!(p.visible().len(), 2);
    }

    #[test]
    fn picker_filter_ignores_case_and_accents() {
        let p = Picker {
            filter: "lea".into(),
            ..Picker::new(
                PickTarget::Rapporteur(1),
                vec![
                    (Some(1), "Léa Martin".into()),
                    (Some(2), "Marc Dubois".into()),
                ],
            )
        };
        assert_eq!(p.visible().len(), 1);
    }
}
