//! `update`: the only place where the application state changes.

use chrono::Duration;
use rust_i18n::t;

use crate::domain::{DomainError, Op, Session, ThemeId, Timestamp, Warning, workshop::PhaseKind};

use super::edit::EditTarget;
use super::{Action, Flash, Overlay, PickTarget, PosterCursor, Screen, State};
use crate::overlays::editor::update::{cancel_editor, commit_editor, edit_key, edit_next, paste};
use crate::overlays::next_workshop::update::{next_workshop_action, open_next_workshop};
use crate::overlays::picker::update::picker_action;
use crate::screens::commitments::update::commitments_action;
use crate::screens::followup::update::followup_action;
use crate::screens::groups::update::groups_action;
use crate::screens::plenary::update as plenary;
use crate::screens::poster::update::{first_cursor, poster_action};
use crate::screens::preparation::update::prep_action;
use crate::screens::rencontre::update as rencontre;
use crate::screens::restitution::update::notes_action;
pub use crate::screens::rotation::model::table_columns;
use crate::screens::rotation::update::{propose_rotation, tables_action};

/// What the event loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Ring the terminal bell (the timer reached zero).
    Bell,
    Quit,
    /// Write the exports (files are the event loop's business).
    Export,
    /// Start, stop the room in the browsers, or give one of its links a new token.
    Room(crate::overlays::room::model::RoomCommand),
}

const FLASH_SECS: i64 = 6;

pub fn update(state: &mut State, action: Action) -> Effect {
    // A rapporteur edits their group's poster, an assistant types cards and dots: the keys
    // the keymap keeps for the facilitator are refused (and not in their footer or help).
    let seat = state.seat();
    if !super::keymap::allowed(seat, state.mode(), &action) {
        let why = match seat {
            super::keymap::Seat::Assistant => t!("rassist.facilitator_only"),
            _ => t!("flash.facilitator_only"),
        };
        flash(state, why.into_owned(), false);
        return Effect::None;
    }
    match action {
        Action::Tick(now) => return tick(state, now),
        Action::Resize(w, h) => state.size = (w, h),
        Action::SetDisplay { palette, depth } => {
            state.palette = palette;
            state.depth = depth;
        }
        Action::SetReadOnly => state.read_only = true,
        Action::SetSeat {
            who,
            scope,
            assistant,
        } => {
            state.who = who;
            state.scope = scope;
            state.assistant = assistant;
            // A rapporteur works on their group's poster, never on a rencontre.
            if scope.is_some() {
                state.rencontre = None;
            }
            // An assistant works on the rencontre under way, whatever the workshop's step.
            if assistant
                && state.rencontre.is_none()
                && let Some(r) = state.session.current_rencontre()
            {
                state.rencontre = Some(crate::screens::rencontre::model::Model::new(r.number));
            }
            state.sync_after_step();
        }
        Action::Others(others) => state.others = others,
        Action::Synced { at, outcome } => synced(state, *outcome, at),
        Action::SaveFailed(e) => state.save.error = Some(e),
        Action::Quit => return Effect::Quit,
        Action::Help => state.help = !state.help,
        Action::NextStep | Action::PrevStep if state.open_plenary().is_some() => {
            plenary::step(state, action == Action::NextStep)
        }
        Action::TimerToggle if state.open_plenary().is_some() => {
            plenary::timer(state, |t, now| t.toggled(now))
        }
        Action::TimerPlus if state.open_plenary().is_some() => {
            plenary::timer(state, |t, _| t.adjusted(1))
        }
        Action::TimerMinus if state.open_plenary().is_some() => {
            plenary::timer(state, |t, _| t.adjusted(-1))
        }
        Action::TogglePlenary => plenary::toggle_plenary(state),
        // `f` in the plenary: back to Suivi.
        Action::ToggleFollowUp if state.plenary.is_some() => {
            state.plenary = None;
            if state.followup.is_none() {
                state.followup = Some(super::followup::FollowUp::default());
            }
        }
        Action::NextStep | Action::PrevStep if state.rencontre.is_some() => {
            rencontre::step(state, action == Action::NextStep)
        }
        Action::TimerToggle if state.rencontre.is_some() => {
            rencontre::timer(state, |t, now| t.toggled(now))
        }
        Action::TimerPlus if state.rencontre.is_some() => {
            rencontre::timer(state, |t, _| t.adjusted(1))
        }
        Action::TimerMinus if state.rencontre.is_some() => {
            rencontre::timer(state, |t, _| t.adjusted(-1))
        }
        Action::NextStep => step(state, true),
        Action::PrevStep => step(state, false),
        Action::TimerToggle => timer(state, |t, now| t.toggled(now)),
        Action::TimerPlus => timer(state, |t, _| t.adjusted(1)),
        Action::TimerMinus => timer(state, |t, _| t.adjusted(-1)),
        Action::ToggleRencontre => {
            state.plenary = None;
            rencontre::toggle_rencontre(state)
        }
        Action::Undo => undo_redo(state, true),
        Action::Redo => undo_redo(state, false),
        Action::Paste(text) => paste(state, &crate::domain::clean::stored(&text)),
        Action::EditKey(key) if state.mode() == super::Mode::DotEntry => {
            rencontre::rencontre_action(state, Action::EditKey(key))
        }
        Action::EditKey(key) => edit_key(state, key),
        Action::EditCommit => {
            commit_editor(state);
        }
        Action::EditNext => edit_next(state),
        Action::Interrupt => {
            let how = if state.mode() == super::Mode::DotEntry {
                t!("flash.interrupt_dots")
            } else {
                t!("flash.interrupt_field")
            };
            flash(state, how.into_owned(), true)
        }
        Action::EditCancel => cancel_editor(state),
        Action::Click(col, row) => click(state, col, row),
        Action::ToggleFollowUp => {
            state.followup = match state.followup {
                Some(_) => None,
                None => Some(super::followup::FollowUp::default()),
            };
            state.rencontre = None;
        }
        Action::OpenNextWorkshop => open_next_workshop(state),
        Action::ProposeRotation => propose_rotation(state),
        Action::Export => return Effect::Export,
        Action::ToggleRoom => return crate::overlays::room::update::toggle(state),
        Action::RoomState(info, revoked) => {
            crate::overlays::room::update::set_state(state, info, revoked)
        }
        Action::RoomFailed(message) => crate::overlays::room::update::failed(state, message),
        Action::CopiesFound(paths) => crate::overlays::copies::update::found(state, paths),
        Action::CopiesMerged {
            merged,
            kept,
            failed,
        } => crate::overlays::copies::update::merged(state, merged, kept, failed),
        Action::Exported { ok, message } => flash(state, message, !ok),
        Action::AssignId(id) => {
            let op = Op::SetId(id);
            if let Ok(inverse) = state.session.apply(op.clone()) {
                state
                    .pending
                    .push(crate::domain::merge::Pending { op, inverse });
                state.save.dirty = true;
            }
        }
        Action::MistypedText(text) => {
            // Empty: the Enter that followed such text; the message about it stays up.
            match &mut state.flash {
                Some(f) if text.is_empty() => f.until = state.now + Duration::seconds(FLASH_SECS),
                _ if text.is_empty() => {
                    flash(state, t!("flash.mistyped_enter").into_owned(), true);
                }
                _ => {
                    let text = crate::text::cut(text.trim(), 12);
                    flash(state, t!("flash.mistyped", text = text).into_owned(), true);
                }
            }
        }
        other => match state.overlay() {
            Some(Overlay::Help) => {
                if other == Action::Back {
                    state.help = false;
                }
            }
            Some(Overlay::Picker) => picker_action(state, other),
            Some(Overlay::NextWorkshop) => next_workshop_action(state, other),
            Some(Overlay::Copies) => crate::overlays::copies::update::copies_action(state, other),
            Some(Overlay::Room) => return crate::overlays::room::update::room_action(state, other),
            Some(Overlay::Editor) | None => screen_action(state, other),
        },
    }
    Effect::None
}

fn tick(state: &mut State, now: crate::domain::Timestamp) -> Effect {
    state.now = now;
    if state.flash.as_ref().is_some_and(|f| f.until <= now) {
        state.flash = None;
    }
    if state.flash_timer_until.is_some_and(|u| u <= now) {
        state.flash_timer_until = None;
    }
    // A rencontre's steps ring as a workshop's do (its number and step kept apart).
    let key = match (state.open_rencontre(), state.workshop()) {
        _ if state.open_plenary().is_some() => match state.open_plenary() {
            Some(p) => (
                2000 + p.number,
                crate::domain::Phase::Presentation {
                    theme: crate::domain::PlenaryStep::ALL
                        .iter()
                        .position(|s| *s == p.step)
                        .unwrap_or(0) as u32,
                },
                p.timer.planned_secs,
            ),
            None => return Effect::None,
        },
        (Some(r), _) => (
            1000 + r.number,
            crate::domain::Phase::Presentation {
                theme: rencontre_step_key(r.phase),
            },
            r.timer.planned_secs,
        ),
        (None, Some(w)) => (w.number, w.phase, w.timer.planned_secs),
        (None, None) => return Effect::None,
    };
    let Some(timer) = state.active_timer() else {
        return Effect::None;
    };
    // A run left over from another day (`Timer::is_stale`) is shown stopped: it does not ring.
    if timer.is_running()
        && !timer.is_stale(now)
        && timer.remaining_secs(now) <= 0
        && state.rung != Some(key)
    {
        // Rings once per step and plan; never advances the phase by itself.
        state.rung = Some(key);
        state.flash_timer_until = Some(now + Duration::seconds(5));
        return Effect::Bell;
    }
    Effect::None
}

/// A number for each step of a rencontre, to remember that its timer rang.
fn rencontre_step_key(step: crate::domain::Step) -> u32 {
    use crate::domain::Step;
    match step {
        Step::Diagnostic => 0,
        Step::Introductions { person } => 100 + person,
        Step::Census => 1,
        Step::Grouping => 2,
        Step::Vote => 3,
        Step::Questions => 4,
        Step::Closing => 5,
    }
}

pub(crate) fn flash(state: &mut State, text: String, warning: bool) {
    state.flash = Some(Flash {
        text,
        warning,
        until: state.now + Duration::seconds(FLASH_SECS),
    });
}

/// Applies one content edit through the undo history and marks the session for saving.
pub(crate) fn apply(state: &mut State, op: Op) -> bool {
    apply_seen(state, op, None)
}

/// `apply`, telling the save's merge what the edited value was when the user started (`seen`,
/// an op setting it back) when that is not what it was just before this op.
pub(crate) fn apply_seen(state: &mut State, op: Op, seen: Option<Op>) -> bool {
    if state.read_only {
        flash(state, t!("flash.read_only").into_owned(), true);
        return false;
    }
    match state.history.apply(&mut state.session, op.clone()) {
        Ok(inverse) => {
            let inverse = seen.unwrap_or(inverse);
            state
                .pending
                .push(crate::domain::merge::Pending { op, inverse });
            state.save.dirty = true;
            true
        }
        Err(e) => {
            flash(state, t!("flash.op_failed", error = e).into_owned(), true);
            false
        }
    }
}

pub(crate) fn current_workshop_number(state: &State) -> u32 {
    state.workshop().map(|w| w.number).unwrap_or(1)
}

pub fn warning_text(s: &Session, w: &Warning) -> String {
    let title = |id: ThemeId| s.theme(id).map(|t| t.title.clone()).unwrap_or_default();
    match w {
        Warning::TooFewThemes(n) => t!("warn.too_few_themes", n = n).into_owned(),
        Warning::TooManyThemes(n) => t!("warn.too_many_themes", n = n).into_owned(),
        Warning::NoParticipants => t!("warn.no_participants").into_owned(),
        Warning::NoRapporteur(id) => t!("warn.no_rapporteur", theme = title(*id)).into_owned(),
        Warning::EmptyPoster(id) => t!("warn.empty_poster", theme = title(*id)).into_owned(),
        Warning::NoPilot(id) => t!("warn.no_pilot", theme = title(*id)).into_owned(),
        Warning::AlreadyAtEnd => t!("warn.at_end").into_owned(),
        Warning::AlreadyAtStart => t!("warn.at_start").into_owned(),
        Warning::FewCandidates(0) => t!("rwarn.no_candidates").into_owned(),
        Warning::FewCandidates(_) => t!("rwarn.one_candidate").into_owned(),
        Warning::NoDots => t!("rwarn.no_dots").into_owned(),
    }
}

/// A step's warnings, in one footer message (none: nothing said).
pub(crate) fn flash_warnings(state: &mut State, warnings: &[Warning]) {
    if warnings.is_empty() {
        return;
    }
    let text = warnings
        .iter()
        .map(|w| warning_text(&state.session, w))
        .collect::<Vec<_>>()
        .join(" · ");
    flash(state, text, true);
}

/// A step asked of the workshop, a rencontre or a plenary (PgDn / PgUp): its op applied, the
/// footer cleared and the new step's warnings said, or the refusal said. True when it moved.
pub(crate) fn take_step(
    state: &mut State,
    asked: Result<(Option<Op>, Vec<Warning>), DomainError>,
) -> bool {
    let (op, warnings) = match asked {
        Ok(t) => t,
        Err(e) => {
            flash(state, e.to_string(), true);
            return false;
        }
    };
    if let Some(op) = op {
        // Through the history so the save picks it up; phase ops are not undoable.
        apply(state, op);
    }
    state.flash = None;
    flash_warnings(state, &warnings);
    true
}

fn step(state: &mut State, forward: bool) {
    let asked = if forward {
        state.session.next_step(state.now)
    } else {
        state.session.prev_step(state.now)
    };
    if take_step(state, asked.map(|t| (t.op, t.warnings))) {
        state.sync_after_step();
    }
}

fn timer(
    state: &mut State,
    f: impl Fn(&crate::domain::Timer, crate::domain::Timestamp) -> crate::domain::Timer,
) {
    let Some(w) = state.workshop() else { return };
    let op = Op::SetTimer {
        workshop: w.number,
        timer: f(&w.timer, state.now),
    };
    apply(state, op);
}

pub(crate) fn undo_redo(state: &mut State, undo: bool) {
    use super::undo_text::describe;
    // The edit, named as of the session before it: for a redo, before it is applied again.
    let mut what = (!undo)
        .then(|| {
            state
                .history
                .next_redo()
                .map(|op| describe(op, &state.session))
        })
        .flatten();
    let result = if undo {
        state.history.undo(&mut state.session)
    } else {
        state.history.redo(&mut state.session)
    };
    match result {
        Ok(Some((op, inverse))) => {
            if undo {
                // The inverse of the undo is the edit itself.
                what = Some(describe(&inverse, &state.session));
            }
            state
                .pending
                .push(crate::domain::merge::Pending { op, inverse });
            state.save.dirty = true;
            fix_cursors(state);
            if let Some(p) = state.pending.last() {
                let op = p.op.clone();
                crate::screens::followup::synergies_update::follow(state, &op);
            }
            let what = what.unwrap_or_default();
            let text = if undo {
                t!("flash.undone", what = what)
            } else {
                t!("flash.redone", what = what)
            };
            flash(state, text.into_owned(), false);
        }
        Ok(None) => flash(
            state,
            t!(if undo {
                "flash.nothing_to_undo"
            } else {
                "flash.nothing_to_redo"
            })
            .into_owned(),
            false,
        ),
        Err(e) => flash(state, t!("flash.op_failed", error = e).into_owned(), true),
    }
}

/// The session was brought together with the file (`store::sync`): the file's session comes
/// in, the edits now in the file leave the pending list, ids this process created that were
/// renumbered are followed, and cursors put back on what still exists.
fn synced(state: &mut State, mut outcome: crate::store::sync::SyncOutcome, at: Timestamp) {
    let had_pending = !state.pending.is_empty();
    if let Some(p) = outcome.set_aside.take() {
        let name = p.file_name().unwrap_or(p.as_os_str());
        state.save.set_aside = Some(name.to_string_lossy().into_owned());
    }
    outcome.apply_to(&mut state.session, &mut state.pending);
    renumber(state, &outcome.report.renumbered);
    if outcome.reloaded {
        fix_cursors(state);
    }
    if had_pending || state.save.error.is_some() {
        state.save.dirty = !state.pending.is_empty();
        state.save.last_saved = Some(at);
        state.save.error = None;
    }
}

/// Lines or reactions this process created were renumbered when saved (another process had
/// taken their numbers): the editor, the cursor, a picker and the undo history follow them.
fn renumber(state: &mut State, map: &crate::domain::merge::Renumbering) {
    if map.is_empty() {
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        match &mut e.target {
            EditTarget::Cell { line, .. } => *line = map.line(*line),
            EditTarget::Reaction(r) => *r = map.reaction(*r),
            EditTarget::CardText(_, c)
            | EditTarget::CardQuantity(_, c)
            | EditTarget::CardAnswer(_, c)
            | EditTarget::OutsideOwner(_, c)
            | EditTarget::OutsideDue(_, c) => *c = map.card(*c),
            EditTarget::CandidateTitle(_, t) => *t = map.candidate(*t),
            _ => {}
        }
    }
    // The rencontre's cursors follow their cards and themes too.
    if let Some(m) = state.rencontre.as_mut() {
        m.card = m.card.map(|c| map.card(c));
        m.group_card = m.group_card.map(|c| map.card(c));
        if let Some(e) = m.entry.as_mut() {
            e.theme = map.candidate(e.theme);
        }
    }
    if let Some(p) = state.picker.as_mut() {
        match &mut p.target {
            PickTarget::CardAuthor(c) => *c = map.card(*c),
            PickTarget::MergeInto(t) => *t = map.candidate(*t),
            _ => {}
        }
    }
    state.poster = match state.poster {
        PosterCursor::Line(id, c) => PosterCursor::Line(map.line(id), c),
        PosterCursor::Reaction(id) => PosterCursor::Reaction(map.reaction(id)),
        PosterCursor::Nothing => PosterCursor::Nothing,
    };
    if let Some(p) = state.picker.as_mut()
        && let PickTarget::History(line) = &mut p.target
    {
        *line = map.line(*line);
    }
    state.history.renumber(map);
}

/// After undo/redo or a remote change, cursors may point at things that vanished.
pub(crate) fn fix_cursors(state: &mut State) {
    let theme = state.poster_theme();
    let valid = match (state.poster, theme.and_then(|t| state.session.group(t))) {
        (PosterCursor::Line(id, _), Some(g)) => g.poster.line(id).is_some(),
        (PosterCursor::Reaction(id), Some(g)) => g.poster.reaction_index(id).is_some(),
        (PosterCursor::Nothing, Some(g)) => {
            g.poster.lines.is_empty() && g.poster.reactions.is_empty()
        }
        (_, None) => true,
    };
    if !valid {
        state.poster = first_cursor(&state.session, theme);
    }
    if let Some(t) = state.poster_open
        && state.session.group(t).is_none()
    {
        state.poster_open = None;
    }
    // An undone plenary closes.
    if state.open_plenary().is_none() {
        state.plenary = None;
    }
    state.sync_after_step();
}

// ---------------------------------------------------------------- poster

// ---------------------------------------------------------------- editor

// ---------------------------------------------------------------- picker

// ---------------------------------------------------------------- screens

/// An action for the screen itself, sent to its update.
fn screen_action(state: &mut State, action: Action) {
    match state.screen() {
        Screen::FollowUp => followup_action(state, action),
        Screen::Poster => poster_action(state, action),
        Screen::Preparation => prep_action(state, action),
        Screen::Groups => groups_action(state, action),
        Screen::Rotation => tables_action(state, action),
        Screen::Restitution if state.notes_focus => notes_action(state, action),
        Screen::Restitution => poster_action(state, action),
        Screen::Commitments => commitments_action(state, action),
        Screen::Rencontre(_) => rencontre::rencontre_action(state, action),
        Screen::Plenary(_) => plenary::plenary_action(state, action),
        Screen::Presentation | Screen::Closed => {}
    }
}

// ---------------------------------------------------------------- tables (rotation)

// ---------------------------------------------------------------- engagements

// ---------------------------------------------------------------- préparation

// ---------------------------------------------------------------- mouse

fn click(state: &mut State, col: u16, row: u16) {
    if state.editor.is_some() || state.picker.is_some() || state.help {
        return;
    }
    if state.phase_kind() == PhaseKind::Groups && state.poster_open.is_none() {
        let area = crate::layout::body(state.size);
        let panes = crate::layout::group_panes(area, state.group_themes().len(), state.size.0);
        if let Some(i) = panes
            .iter()
            .position(|r| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height)
        {
            if state.focus == i {
                groups_action(state, Action::Activate);
            } else {
                state.focus = i;
            }
        }
    }
}

// ---------------------------------------------------------------- next workshop

// ---------------------------------------------------------------- follow-up

// ---------------------------------------------------------------- rotation planner
