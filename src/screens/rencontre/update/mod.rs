//! The rencontre's keys: steps and timer (PgDn/PgUp, Space, +/-), then each step's own.

use rust_i18n::t;

use super::model::{
    DotEntry, Model, WALL, dot_matches, group_column, number_may_grow, question_rows, wall_column,
};
use crate::app::key::{KeyCode, KeyModifiers};
use crate::app::update::{apply, flash, take_step};
use crate::app::{Action, EditTarget, PickTarget, Picker, State};
use crate::domain::rencontre::CardId;
use crate::domain::rencontre::{
    Candidate, CardKind, Dot, DotRefusal, Flow, RencontreField, StepKind,
};
use crate::domain::{Op, ParticipantId, Timer, Timestamp, Zone};
use crate::overlays::editor::update::open_editor;

mod census;
mod closing;
mod diagnostic;
mod grouping;
mod introductions;
mod questions;
mod vote;

use census::census;
pub(crate) use census::{pick_card_author, pick_card_kind, picked, wall_selection};
use closing::closing;
use diagnostic::diagnostic;
pub(crate) use grouping::group_selection;
use grouping::grouping;
use introductions::introductions;
pub(crate) use introductions::speaker_last_card;
use questions::questions;
use vote::vote;

/// `i`: opens the rencontre (creating the first one), or goes back to the workshop.
pub(crate) fn toggle_rencontre(state: &mut State) {
    if state.rencontre.take().is_some() {
        return;
    }
    state.followup = None;
    if let Some(r) = state.session.current_rencontre() {
        state.rencontre = Some(Model::new(r.number));
        return;
    }
    if let Some(op) = state.session.add_rencontre_op()
        && apply(state, op)
        && let Some(r) = state.session.current_rencontre()
    {
        state.rencontre = Some(Model::new(r.number));
    }
}

pub(super) fn number(state: &State) -> u32 {
    state.rencontre.as_ref().map(|m| m.number).unwrap_or(0)
}

pub(super) fn model(state: &mut State) -> Option<&mut Model> {
    state.rencontre.as_mut()
}

/// PgDn / PgUp in a rencontre.
pub(crate) fn step(state: &mut State, forward: bool) {
    let n = number(state);
    let asked = state.session.rencontre_step(n, state.now, forward);
    if take_step(state, asked.map(|t| (t.op, t.warnings)))
        && let Some(m) = model(state)
    {
        m.entry = None;
        m.row = 0;
    }
}

pub(crate) fn timer(state: &mut State, f: impl Fn(&Timer, Timestamp) -> Timer) {
    let n = number(state);
    let Some(r) = state.session.rencontre(n) else {
        return;
    };
    let op = Op::SetRencontreTimer {
        rencontre: n,
        timer: f(&r.timer, state.now),
    };
    apply(state, op);
}

/// The keys of the step on screen.
pub(crate) fn rencontre_action(state: &mut State, action: Action) {
    let crate::app::Screen::Rencontre(kind) = state.screen() else {
        return;
    };
    // `c`: the step's planned minutes, wherever no step-specific meaning was given.
    if action == Action::Configure
        && matches!(
            kind,
            StepKind::Census | StepKind::Grouping | StepKind::Questions | StepKind::Closing
        )
    {
        open_editor(state, EditTarget::StepMinutes(number(state), kind));
        return;
    }
    match kind {
        StepKind::Diagnostic => diagnostic(state, action),
        StepKind::Introductions => introductions(state, action),
        StepKind::Census => census(state, action),
        StepKind::Grouping => grouping(state, action),
        StepKind::Vote => vote(state, action),
        StepKind::Questions => questions(state, action),
        StepKind::Closing => closing(state, action),
    }
}

/// The column after (or before) `col` of `n`, wrapping round (the wall's, the Regroupement's).
pub(super) fn next_column(col: usize, n: usize, forward: bool) -> usize {
    let n = n.max(1);
    if forward {
        (col + 1) % n
    } else {
        (col + n - 1) % n
    }
}

/// The card above (or below) the one at `pos` in a column, staying at its ends; the first
/// when none is selected.
pub(super) fn moved(
    ids: &[crate::domain::rencontre::CardId],
    pos: Option<usize>,
    down: bool,
) -> Option<crate::domain::rencontre::CardId> {
    let i = match (pos, down) {
        (Some(i), false) => i.saturating_sub(1),
        (Some(i), true) => (i + 1).min(ids.len().saturating_sub(1)),
        (None, _) => 0,
    };
    ids.get(i).copied()
}

pub(super) fn person_label(p: &crate::domain::Participant) -> String {
    if p.organisation.trim().is_empty() {
        p.name.clone()
    } else {
        format!("{} ({})", p.name, p.organisation)
    }
}

/// No one in the session yet: a list of people would be empty, so this says where they are
/// added instead. `true` when there is no one.
pub(super) fn no_participants(state: &mut State) -> bool {
    if state.session.participants.is_empty() {
        flash(state, t!("rcensus.no_participants").into_owned(), true);
        return true;
    }
    false
}

#[cfg(test)]
mod tests;
