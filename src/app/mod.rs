//! The Elm-style application: [`State`], [`Action`], the keymap, and [`update()`], the only
//! place where state changes. Views (in `ui/`) read `&State` only.

pub mod action;
pub mod key;
pub mod keymap;
pub mod screen;
#[cfg(test)]
pub(crate) mod testing;
pub mod typing;
pub mod undo_text;
pub mod update;

// Where screens and overlays keep their own models (see `screens`, `overlays`).
pub use crate::overlays::editor::model as edit;
pub use crate::overlays::picker::model::{PickTarget, Picker};
pub use crate::screens::followup::model as followup;
pub use crate::screens::launcher::model as launcher;

use std::path::PathBuf;

use crate::domain::{
    History, ParticipantId, Session, ThemeId, Timestamp, Workshop, workshop::PhaseKind,
};

pub use crate::overlays::next_workshop::model::NextWorkshop;
pub use crate::screens::poster::model::{Column, PosterCursor};
pub use crate::screens::preparation::model::PrepTab;
pub use crate::screens::rotation::model::TablesCursor;
pub use action::Action;
pub use edit::{EditTarget, Editor};
pub use key::{Key, KeyCode, KeyModifiers};
pub use keymap::{Binding, Mode};
pub use screen::{Overlay, Screen};
pub use update::{Effect, update};

/// The colour scheme. Light matters: many meeting rooms are bright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PaletteName {
    #[default]
    Dark,
    Light,
}

/// How many colours the terminal shows (chosen from the environment by
/// `ui::palette::depth_from`): 24-bit, the 16 named ANSI colours, or none (`NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    TrueColor,
    Ansi16,
    None,
}

/// A short message in the footer: a warning from a transition, an invalid entry…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub warning: bool,
    pub until: Timestamp,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// Edits not yet on disk.
    pub dirty: bool,
    pub last_saved: Option<Timestamp>,
    pub error: Option<String>,
    /// The file went back to an older copy written by another program; the newer session was
    /// kept beside it under this name (said in the footer, on every screen, until quitting).
    pub set_aside: Option<String>,
}

pub struct State {
    pub session: Session,
    pub history: History,
    /// Edits applied here and not yet merged into the file (see `store::sync`).
    pub pending: Vec<crate::domain::merge::Pending>,
    /// A rapporteur's view (`atelier join`): only this group, navigation read-only.
    pub scope: Option<ThemeId>,
    /// Who this process is, for the others' presence lists and overwritten texts.
    pub who: String,
    /// The other processes on the file (facilitator, rapporteurs).
    pub others: Vec<String>,
    pub path: PathBuf,
    /// Opened where nothing can be written (`Action::SetReadOnly`): edits are refused.
    pub read_only: bool,
    pub now: Timestamp,
    pub size: (u16, u16),
    pub palette: PaletteName,
    pub depth: Depth,
    /// A group's poster open full screen (during Groupes).
    pub poster_open: Option<ThemeId>,
    /// Focused group, by position in theme order (Groupes, Restitution, Engagements).
    pub focus: usize,
    pub poster: PosterCursor,
    /// Préparation: its tab and cell.
    pub prep: crate::screens::preparation::model::Model,
    pub tables: TablesCursor,
    /// Restitution: the notes pane has the keyboard (else the poster).
    pub notes_focus: bool,
    /// Engagements: row in the participants list (0..n), then pilot, next steps, date.
    pub commit: crate::screens::commitments::model::Model,
    pub editor: Option<Editor>,
    pub picker: Option<Picker>,
    pub help: bool,
    pub flash: Option<Flash>,
    pub save: SaveStatus,
    /// The (workshop, step, planned seconds) whose timer already rang, so it rings once.
    pub rung: Option<(u32, crate::domain::Phase, i64)>,
    /// Until when the timer pane flashes after reaching zero.
    pub flash_timer_until: Option<Timestamp>,
    /// The follow-up screen (Suivi) is open over the workshop.
    pub followup: Option<followup::FollowUp>,
    /// Seed of the last rotation proposed (each proposal tries the next).
    pub planner: crate::screens::rotation::model::Planner,
    /// The "start the next workshop" dialog: themes and whether each continues.
    pub next_workshop: Option<NextWorkshop>,
    /// The rencontre inter-entreprises on screen (over the workshop, like Suivi).
    pub rencontre: Option<crate::screens::rencontre::model::Model>,
    /// An assistant typing cards and dots (`atelier join --cartes`): the rencontre only,
    /// its steps and timer left to the facilitator.
    pub assistant: bool,
    /// The annual plenary on screen (over Suivi, or over the workshop).
    pub plenary: Option<crate::screens::plenary::model::Model>,
    /// The room in the browsers, while it runs (its links, given by the shell).
    pub room: Option<crate::overlays::room::model::RoomInfo>,
    /// The room's panel over the screen (`W`).
    pub room_panel: Option<crate::overlays::room::model::RoomPanel>,
    /// Copies a file-sync tool left beside the session, offered for merging at opening.
    pub copies: Option<crate::overlays::copies::model::Copies>,
}

impl State {
    pub fn new(session: Session, path: PathBuf, now: Timestamp) -> Self {
        let mut s = State {
            session,
            history: History::default(),
            pending: Vec::new(),
            scope: None,
            who: String::new(),
            others: Vec::new(),
            path,
            read_only: false,
            now,
            size: (80, 24),
            palette: PaletteName::Dark,
            depth: Depth::TrueColor,
            poster_open: None,
            focus: 0,
            poster: PosterCursor::Nothing,
            prep: Default::default(),
            tables: TablesCursor {
                round: 1,
                column: 0,
                row: 0,
                picked: None,
            },
            notes_focus: false,
            commit: Default::default(),
            editor: None,
            picker: None,
            help: false,
            flash: None,
            save: SaveStatus::default(),
            rung: None,
            flash_timer_until: None,
            followup: None,
            planner: Default::default(),
            next_workshop: None,
            rencontre: None,
            assistant: false,
            plenary: None,
            room: None,
            room_panel: None,
            copies: None,
        };
        // A rencontre under way opens on its own; once it handed off to workshop 1, the
        // workshop does (`i` goes back to it).
        if let Some(r) = s.session.current_rencontre()
            && !r.handed_off
        {
            s.rencontre = Some(crate::screens::rencontre::model::Model::new(r.number));
        }
        // A timer that already ran out before a reopen does not ring again.
        if let Some(w) = s.session.current_workshop()
            && w.timer.remaining_secs(now) <= 0
        {
            s.rung = Some((w.number, w.phase, w.timer.planned_secs));
        }
        s.sync_after_step();
        s
    }

    pub fn workshop(&self) -> Option<&Workshop> {
        self.session.current_workshop()
    }

    /// The rencontre on screen, if one is open.
    pub fn open_rencontre(&self) -> Option<&crate::domain::Rencontre> {
        self.session.rencontre(self.rencontre.as_ref()?.number)
    }

    /// The plenary on screen, if one is open.
    pub fn open_plenary(&self) -> Option<&crate::domain::Plenary> {
        self.session.plenary(self.plenary.as_ref()?.number)
    }

    /// The timer on screen: the open plenary's, the open rencontre's, else the workshop's.
    pub fn active_timer(&self) -> Option<&crate::domain::Timer> {
        if let Some(p) = self.open_plenary() {
            return Some(&p.timer);
        }
        match &self.rencontre {
            Some(m) => self.session.rencontre(m.number).map(|r| &r.timer),
            None => self.workshop().map(|w| &w.timer),
        }
    }

    pub fn phase_kind(&self) -> PhaseKind {
        self.workshop()
            .map(|w| w.phase.kind())
            .unwrap_or(PhaseKind::Preparation)
    }

    /// Theme ids in display order (groups that exist).
    pub fn group_themes(&self) -> Vec<ThemeId> {
        match self.workshop() {
            Some(w) => self
                .session
                .groups_in(w)
                .iter()
                .map(|(t, _)| t.id)
                .collect(),
            None => Vec::new(),
        }
    }

    /// The group whose poster is on screen, if any: the one opened full screen, or the one
    /// being restituted.
    pub fn poster_theme(&self) -> Option<ThemeId> {
        if let Some(t) = self.poster_open {
            return Some(t);
        }
        let w = self.workshop()?;
        match w.phase {
            crate::domain::Phase::Restitution { .. } => {
                self.session.theme_of_step(w, w.phase).map(|t| t.id)
            }
            _ => None,
        }
    }

    pub fn focused_theme(&self) -> Option<ThemeId> {
        self.group_themes().get(self.focus).copied()
    }

    /// Who sits at a group in the current round (Groupes) or the next one (Rotation).
    pub fn members_now(&self, theme: ThemeId) -> Vec<ParticipantId> {
        let Some(w) = self.workshop() else {
            return Vec::new();
        };
        let round = match w.phase {
            crate::domain::Phase::Groups { round } => round,
            crate::domain::Phase::Rotation { to_round } => to_round,
            _ => 1,
        };
        w.members(round, theme).to_vec()
    }

    /// Resets cursors that depend on the step after a transition.
    pub fn sync_after_step(&mut self) {
        let Some(w) = self.workshop() else { return };
        match w.phase {
            crate::domain::Phase::Restitution { group } => {
                self.focus = (group as usize).saturating_sub(1);
                self.poster_open = None;
                self.notes_focus = false;
                self.poster = crate::screens::poster::update::first_cursor(
                    &self.session,
                    self.poster_theme(),
                );
            }
            crate::domain::Phase::Rotation { to_round } => {
                self.poster_open = None;
                self.tables = TablesCursor {
                    round: to_round,
                    column: 0,
                    row: 0,
                    picked: None,
                };
            }
            crate::domain::Phase::Groups { .. } => {}
            crate::domain::Phase::Commitments => {
                self.poster_open = None;
                self.focus = 0;
                self.commit.row = 0;
            }
            _ => self.poster_open = None,
        }
        let n = self.group_themes().len();
        if self.focus >= n {
            self.focus = n.saturating_sub(1);
        }
        // A rapporteur's view always shows their group's poster.
        if let Some(t) = self.scope {
            if self.poster_open != Some(t) {
                self.poster = crate::screens::poster::update::first_cursor(&self.session, Some(t));
            }
            self.poster_open = Some(t);
        }
    }
}
