//! What is on screen: the one decision, read by the keymap lookup (`State::mode`), by
//! `update` (which screen's or overlay's update gets an action) and by the view (what is
//! drawn, and in which order).

use super::keymap::{Mode, Seat};
use super::{PrepTab, State};
use crate::domain::plenary::PlenaryStep;
use crate::domain::rencontre::StepKind;
use crate::domain::workshop::PhaseKind;

/// The screen under any overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Preparation,
    Presentation,
    /// The grid of every group's poster.
    Groups,
    /// One group's poster full screen (in Groupes, and always for a rapporteur).
    Poster,
    Rotation,
    /// The poster being presented in plenary, with its notes.
    Restitution,
    Commitments,
    Closed,
    /// Suivi, over the workshop.
    FollowUp,
    /// A step of the rencontre inter-entreprises, over the workshop.
    Rencontre(StepKind),
    /// A step of the annual plenary, over Suivi or the workshop.
    Plenary(PlenaryStep),
}

/// What opens over the screen and takes the keyboard, first match wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Editor,
    Picker,
    Help,
    NextWorkshop,
    Room,
    Copies,
}

impl State {
    pub fn screen(&self) -> Screen {
        if let Some(p) = self.open_plenary() {
            return Screen::Plenary(p.step);
        }
        if self.followup.is_some() {
            return Screen::FollowUp;
        }
        if let Some(r) = self.open_rencontre() {
            let kind = r.phase.kind();
            // An assistant types cards whatever the step, and dots during the vote.
            if self.assistant && kind != StepKind::Vote {
                return Screen::Rencontre(StepKind::Census);
            }
            return Screen::Rencontre(kind);
        }
        if self.poster_open.is_some() {
            return Screen::Poster;
        }
        match self.phase_kind() {
            PhaseKind::Preparation => Screen::Preparation,
            PhaseKind::Presentation => Screen::Presentation,
            PhaseKind::Groups => Screen::Groups,
            PhaseKind::Rotation => Screen::Rotation,
            PhaseKind::Restitution => Screen::Restitution,
            PhaseKind::Commitments => Screen::Commitments,
            PhaseKind::Closed => Screen::Closed,
        }
    }

    pub fn overlay(&self) -> Option<Overlay> {
        // Help first: F1 opens it over a field being typed, Esc goes back to the field.
        if self.help {
            Some(Overlay::Help)
        } else if self.editor.is_some() {
            Some(Overlay::Editor)
        } else if self.picker.is_some() {
            Some(Overlay::Picker)
        } else if self.copies.is_some() {
            Some(Overlay::Copies)
        } else if self.next_workshop.is_some() {
            Some(Overlay::NextWorkshop)
        } else if self.room_panel.is_some() {
            Some(Overlay::Room)
        } else {
            None
        }
    }

    /// Who this process is, for the keys it may use.
    pub fn seat(&self) -> Seat {
        if self.assistant {
            Seat::Assistant
        } else if self.scope.is_some() {
            Seat::Rapporteur
        } else {
            Seat::Facilitator
        }
    }

    /// The input mode, which selects the keymap: the overlay's, else the screen's.
    pub fn mode(&self) -> Mode {
        match self.overlay() {
            Some(Overlay::Editor) => Mode::Edit,
            Some(Overlay::Picker) => Mode::Picker,
            Some(Overlay::Help) => Mode::Help,
            Some(Overlay::NextWorkshop) => Mode::NextWorkshop,
            Some(Overlay::Room) => Mode::Room,
            Some(Overlay::Copies) => Mode::Copies,
            None => self.screen_mode(),
        }
    }

    /// The keymap of the screen itself, ignoring overlays (what the help describes).
    pub fn screen_mode(&self) -> Mode {
        match self.screen() {
            // The Tours tab edits tables like the Rotation screen.
            Screen::Preparation if self.prep.tab == PrepTab::Tables => Mode::Rotation,
            Screen::Preparation if self.prep.tab == PrepTab::Invitations => Mode::Invitations,
            Screen::Preparation => Mode::Preparation,
            Screen::Presentation => Mode::Presentation,
            Screen::Groups => Mode::Groups,
            Screen::Poster => Mode::Poster,
            Screen::Rotation => Mode::Rotation,
            Screen::Restitution if self.notes_focus => Mode::Notes,
            Screen::Restitution => Mode::Poster,
            Screen::Commitments => Mode::Commitments,
            Screen::Closed => Mode::Closed,
            Screen::FollowUp => match &self.followup {
                Some(f) if f.view == crate::screens::followup::model::View::Synergies => {
                    match f.synergies.sheet {
                        Some(sh) if self.session.synergy(sh.id).is_some() => Mode::SynergySheet,
                        _ => Mode::Synergies,
                    }
                }
                _ => Mode::FollowUp,
            },
            Screen::Plenary(step) => match step {
                PlenaryStep::Bilan => Mode::PlenaryBilan,
                PlenaryStep::Review => Mode::PlenaryReview,
                PlenaryStep::Leads => Mode::PlenaryLeads,
                PlenaryStep::Next => Mode::PlenaryNext,
            },
            Screen::Rencontre(kind) => match kind {
                StepKind::Diagnostic => Mode::Diagnostic,
                StepKind::Introductions => Mode::Introductions,
                StepKind::Census => Mode::Census,
                StepKind::Grouping => Mode::Grouping,
                StepKind::Vote if self.rencontre.as_ref().is_some_and(|m| m.entry.is_some()) => {
                    Mode::DotEntry
                }
                StepKind::Vote => Mode::Vote,
                StepKind::Questions => Mode::Questions,
                StepKind::Closing => Mode::Closing,
            },
        }
    }
}
