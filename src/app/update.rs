//! `update`: the only place where the application state changes.

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_i18n::t;

use crate::domain::{
    ActionLine, GroupField, LineField, Need, Op, Participant, PilotKind, Role, Session, ThemeId,
    Vocation, Warning, workshop::PhaseKind,
};

use super::edit::{self, AgendaField, EditTarget, Editor, PickTarget, Picker, ZoneField};
use super::{Action, Column, Flash, PosterCursor, PrepTab, State, TablesCursor};

/// What the event loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Ring the terminal bell (the timer reached zero).
    Bell,
    Quit,
    /// Write the exports (files are the event loop's business).
    Export,
}

const FLASH_SECS: i64 = 6;

pub fn update(state: &mut State, action: Action) -> Effect {
    // A rapporteur edits their group only; the workshop's steps and timer belong to the
    // facilitator.
    if state.scope.is_some()
        && (matches!(
            action,
            Action::NextStep
                | Action::PrevStep
                | Action::TimerToggle
                | Action::TimerPlus
                | Action::TimerMinus
                | Action::ToggleFollowUp
                | Action::OpenNextWorkshop
                | Action::FocusNext
                | Action::FocusPrev
        ) || (action == Action::Back && state.picker.is_none() && !state.help))
    {
        if matches!(
            action,
            Action::NextStep | Action::PrevStep | Action::TimerToggle
        ) {
            flash(state, t!("flash.facilitator_only").into_owned(), false);
        }
        return Effect::None;
    }
    match action {
        Action::Tick(now) => return tick(state, now),
        Action::Resize(w, h) => state.size = (w, h),
        Action::Saved(at) => {
            state.save.dirty = false;
            state.save.last_saved = Some(at);
            state.save.error = None;
        }
        Action::SaveFailed(e) => state.save.error = Some(e),
        Action::Quit => {
            state.quit = true;
            return Effect::Quit;
        }
        Action::Help => state.help = !state.help,
        Action::NextStep => step(state, true),
        Action::PrevStep => step(state, false),
        Action::TimerToggle => timer(state, |t, now| t.toggled(now)),
        Action::TimerPlus => timer(state, |t, _| t.adjusted(1)),
        Action::TimerMinus => timer(state, |t, _| t.adjusted(-1)),
        Action::Undo => undo_redo(state, true),
        Action::Redo => undo_redo(state, false),
        Action::Paste(text) => paste(state, &text),
        Action::EditKey(key) => edit_key(state, key),
        Action::EditCommit => {
            commit_editor(state);
        }
        Action::EditNext => edit_next(state),
        Action::EditCancel => state.editor = None,
        Action::Click(col, row) => click(state, col, row),
        Action::ToggleFollowUp => {
            state.followup = match state.followup {
                Some(_) => None,
                None => Some(super::followup::FollowUp::default()),
            }
        }
        Action::OpenNextWorkshop => open_next_workshop(state),
        Action::ProposeRotation => propose_rotation(state),
        Action::Export => return Effect::Export,
        Action::Exported { ok, message } => flash(state, message, !ok),
        other => {
            if state.help {
                if other == Action::Back {
                    state.help = false;
                }
            } else if state.picker.is_some() {
                picker_action(state, other);
            } else if state.next_workshop.is_some() {
                next_workshop_action(state, other);
            } else if state.followup.is_some() {
                followup_action(state, other);
            } else {
                screen_action(state, other);
            }
        }
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
    let Some(w) = state.workshop() else {
        return Effect::None;
    };
    let key = (w.number, w.phase, w.timer.planned_secs);
    if w.timer.is_running() && w.timer.remaining_secs(now) <= 0 && state.rung != Some(key) {
        // Rings once per step and plan; never advances the phase by itself.
        state.rung = Some(key);
        state.flash_timer_until = Some(now + Duration::seconds(5));
        return Effect::Bell;
    }
    Effect::None
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
fn apply_seen(state: &mut State, op: Op, seen: Option<Op>) -> bool {
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

fn current_workshop_number(state: &State) -> u32 {
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
    }
}

fn step(state: &mut State, forward: bool) {
    let result = if forward {
        state.session.next_step(state.now)
    } else {
        state.session.prev_step(state.now)
    };
    let transition = match result {
        Ok(t) => t,
        Err(e) => {
            flash(state, e.to_string(), true);
            return;
        }
    };
    if let Some(op) = transition.op {
        // Through the history so the save picks it up; phase ops are not undoable.
        apply(state, op);
    }
    state.flash = None;
    if !transition.warnings.is_empty() {
        let text = transition
            .warnings
            .iter()
            .map(|w| warning_text(&state.session, w))
            .collect::<Vec<_>>()
            .join(" · ");
        flash(state, text, true);
    }
    state.sync_after_step();
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

fn undo_redo(state: &mut State, undo: bool) {
    let result = if undo {
        state.history.undo(&mut state.session)
    } else {
        state.history.redo(&mut state.session)
    };
    match result {
        Ok(Some((op, inverse))) => {
            state
                .pending
                .push(crate::domain::merge::Pending { op, inverse });
            state.save.dirty = true;
            fix_cursors(state);
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

/// After undo/redo or a remote change, cursors may point at things that vanished.
/// After the session was brought together with the file (`store::sync`): ids this process
/// created that were renumbered are followed, and cursors put back on what still exists.
pub fn synced(state: &mut State, report: &crate::domain::merge::MergeReport, reloaded: bool) {
    renumber(state, &report.renumbered);
    if reloaded {
        fix_cursors(state);
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
    state.sync_after_step();
}

// ---------------------------------------------------------------- poster

/// The rows of a poster as the cursor sees them: reactions, then lines.
fn poster_rows(s: &Session, theme: Option<ThemeId>) -> Vec<PosterCursor> {
    let Some(g) = theme.and_then(|t| s.group(t)) else {
        return Vec::new();
    };
    g.poster
        .reactions
        .iter()
        .map(|r| PosterCursor::Reaction(r.id))
        .chain(
            g.poster
                .lines
                .iter()
                .map(|l| PosterCursor::Line(l.id, Column::Solution)),
        )
        .collect()
}

pub fn first_cursor(s: &Session, theme: Option<ThemeId>) -> PosterCursor {
    let rows = poster_rows(s, theme);
    rows.iter()
        .find(|r| matches!(r, PosterCursor::Line(..)))
        .or(rows.first())
        .copied()
        .unwrap_or(PosterCursor::Nothing)
}

fn same_row(a: PosterCursor, b: PosterCursor) -> bool {
    match (a, b) {
        (PosterCursor::Line(x, _), PosterCursor::Line(y, _)) => x == y,
        (PosterCursor::Reaction(x), PosterCursor::Reaction(y)) => x == y,
        _ => false,
    }
}

fn poster_move(state: &mut State, delta: isize) {
    let rows = poster_rows(&state.session, state.poster_theme());
    if rows.is_empty() {
        state.poster = PosterCursor::Nothing;
        return;
    }
    let pos = rows
        .iter()
        .position(|r| same_row(*r, state.poster))
        .unwrap_or(0);
    let next = (pos as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
    let col = match state.poster {
        PosterCursor::Line(_, c) => c,
        _ => Column::Solution,
    };
    state.poster = match rows.get(next).copied() {
        Some(PosterCursor::Line(id, _)) => PosterCursor::Line(id, col),
        Some(other) => other,
        None => PosterCursor::Nothing,
    };
}

fn poster_action(state: &mut State, action: Action) {
    let Some(theme) = state.poster_theme() else {
        return;
    };
    let wn = current_workshop_number(state);
    match action {
        Action::Up => poster_move(state, -1),
        Action::Down => poster_move(state, 1),
        Action::Home => poster_move(state, isize::MIN / 2),
        Action::End => poster_move(state, isize::MAX / 2),
        Action::Left | Action::Right => {
            if let PosterCursor::Line(id, c) = state.poster {
                let i = c.index() as isize + if action == Action::Left { -1 } else { 1 };
                state.poster = PosterCursor::Line(id, Column::from_index(i.clamp(0, 4) as usize));
            }
        }
        Action::Activate => match state.poster {
            PosterCursor::Line(id, Column::Status) => cycle_status(state, id),
            PosterCursor::Line(line, column) => {
                open_editor(state, EditTarget::Cell { line, column })
            }
            PosterCursor::Reaction(id) => open_editor(state, EditTarget::Reaction(id)),
            PosterCursor::Nothing => add_line(state, theme, wn),
        },
        Action::Add => add_line(state, theme, wn),
        Action::AddReaction => open_editor(state, EditTarget::NewReaction(theme)),
        Action::Delete => {
            let rows = poster_rows(&state.session, Some(theme));
            let pos = rows.iter().position(|r| same_row(*r, state.poster));
            let op = match state.poster {
                PosterCursor::Line(id, _) => Some(Op::DeleteLine(id)),
                PosterCursor::Reaction(id) => Some(Op::DeleteReaction(id)),
                PosterCursor::Nothing => None,
            };
            if let Some(op) = op
                && apply(state, op)
            {
                let rows = poster_rows(&state.session, Some(theme));
                let keep = pos.unwrap_or(0).min(rows.len().saturating_sub(1));
                state.poster = rows.get(keep).copied().unwrap_or(PosterCursor::Nothing);
                flash(state, t!("flash.deleted").into_owned(), false);
            }
        }
        Action::MoveUp | Action::MoveDown => {
            if let PosterCursor::Line(id, _) = state.poster
                && let Some(g) = state.session.group(theme)
                && let Some(i) = g.poster.line_index(id)
            {
                let to = if action == Action::MoveUp {
                    i.checked_sub(1)
                } else {
                    (i + 1 < g.poster.lines.len()).then_some(i + 1)
                };
                if let Some(to) = to {
                    apply(state, Op::MoveLine { line: id, to });
                }
            }
        }
        Action::CycleStatus => {
            if let PosterCursor::Line(id, _) = state.poster {
                cycle_status(state, id);
            }
        }
        Action::ShowHistory => {
            if let PosterCursor::Line(id, _) = state.poster {
                open_history_picker(state, id);
            }
        }
        Action::Back => state.poster_open = None,
        Action::FocusNext | Action::FocusPrev => {
            if state.phase_kind() == PhaseKind::Restitution {
                state.notes_focus = true;
            } else {
                let n = state.group_themes().len().max(1);
                state.focus = if action == Action::FocusNext {
                    (state.focus + 1) % n
                } else {
                    (state.focus + n - 1) % n
                };
                state.poster_open = state.focused_theme();
                state.poster = first_cursor(&state.session, state.poster_open);
            }
        }
        _ => {}
    }
}

fn cycle_status(state: &mut State, line: crate::domain::LineId) {
    let Some(l) = state
        .session
        .groups
        .iter()
        .find_map(|g| g.poster.line(line))
    else {
        return;
    };
    let next = l.status.cycle();
    apply(
        state,
        Op::SetLine {
            line,
            field: LineField::Status(next),
        },
    );
}

fn add_line(state: &mut State, theme: ThemeId, workshop: u32) {
    let Some(g) = state.session.group(theme) else {
        return;
    };
    let index = match state.poster {
        PosterCursor::Line(id, _) => g.poster.line_index(id).map(|i| i + 1),
        _ => None,
    }
    .unwrap_or(g.poster.lines.len());
    let id = state.session.next_line_id();
    if apply(
        state,
        Op::AddLine {
            theme,
            index,
            line: ActionLine::new(id, workshop),
        },
    ) {
        state.poster = PosterCursor::Line(id, Column::Solution);
        open_editor(
            state,
            EditTarget::Cell {
                line: id,
                column: Column::Solution,
            },
        );
    }
}

// ---------------------------------------------------------------- editor

pub(crate) fn open_editor(state: &mut State, target: EditTarget) {
    let text = edit::current_text(&state.session, current_workshop_number(state), target);
    state.editor = Some(Editor::new(target, &text));
}

fn edit_key(state: &mut State, key: KeyEvent) {
    if let Some(p) = state.picker.as_mut() {
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                p.filter.push(c);
                p.selected = 0;
            }
            KeyCode::Backspace => {
                p.filter.pop();
                p.selected = 0;
            }
            _ => {}
        }
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        // Enter never reaches the text area: cells are one paragraph.
        if key.code != KeyCode::Enter {
            e.textarea.input(key);
            e.error = None;
        }
    }
}

fn paste(state: &mut State, text: &str) {
    if let Some(p) = state.picker.as_mut() {
        p.filter.push_str(&edit::one_line(text));
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        e.textarea.insert_str(edit::one_line(text));
        e.error = None;
    }
    // A paste outside text entry is ignored: it must never trigger keys or steps.
}

/// Stores the editor's text. Returns false (and keeps the editor open) if refused.
fn commit_editor(state: &mut State) -> bool {
    let Some(editor) = state.editor.as_ref() else {
        return true;
    };
    let target = editor.target;
    let text = editor.text();
    let original = editor.original.clone();
    let wn = current_workshop_number(state);
    match edit::commit_op(&state.session, wn, target, &text) {
        Ok(op) => {
            state.editor = None;
            if let Some(op) = op {
                let seen = overwritten_while_editing(state, wn, target, &original);
                apply_seen(state, op, seen);
            }
            true
        }
        Err(reason) => {
            if let Some(e) = state.editor.as_mut() {
                e.error = Some(reason);
            }
            false
        }
    }
}

/// The editor was opened on `original`, but the cell now holds another process's text (it
/// arrived while typing): that text goes to the line's history, as a same-cell conflict on
/// save would put it, and the op that would set the cell back to `original` is returned, for
/// the save's merge to compare with what the file holds then.
fn overwritten_while_editing(
    state: &mut State,
    wn: u32,
    target: EditTarget,
    original: &str,
) -> Option<Op> {
    let EditTarget::Cell { line, .. } = target else {
        return None;
    };
    let current = edit::current_text(&state.session, wn, target);
    if current == original {
        return None;
    }
    let seen = edit::commit_op(&state.session, wn, target, original)
        .ok()
        .flatten()?;
    if let Op::SetLine { field, .. } = &seen
        && !current.is_empty()
    {
        let who = state.who.clone();
        state
            .session
            .keep_overwritten(line, field.cell(), current, who, state.now);
    }
    Some(seen)
}

/// Tab in the editor: store, then edit the next cell of the line (a whole line typed in one go).
fn edit_next(state: &mut State) {
    let Some(target) = state.editor.as_ref().map(|e| e.target) else {
        return;
    };
    if !commit_editor(state) {
        return;
    }
    if let EditTarget::Cell { line, column } = target {
        let next = Column::from_index(column.index() + 1);
        state.poster = PosterCursor::Line(line, next);
        if next != Column::Status {
            open_editor(state, EditTarget::Cell { line, column: next });
        }
    }
}

// ---------------------------------------------------------------- picker

fn picker_action(state: &mut State, action: Action) {
    let Some(p) = state.picker.as_mut() else {
        return;
    };
    let n = p.visible().len();
    match action {
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::Down => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
        Action::Back => state.picker = None,
        Action::Activate => {
            let choice = p.visible().get(p.selected).map(|(v, _)| *v);
            let target = p.target;
            state.picker = None;
            if let Some(value) = choice {
                match target {
                    PickTarget::History(line) => {
                        let entry = state
                            .session
                            .groups
                            .iter()
                            .find_map(|g| g.poster.line(line))
                            .and_then(|l| value.and_then(|i| l.history.get(i as usize)))
                            .cloned();
                        if let Some(e) = entry {
                            apply(
                                state,
                                Op::SetLine {
                                    line,
                                    field: e.field.field(&e.text),
                                },
                            );
                        }
                    }
                    PickTarget::Rapporteur(theme) => {
                        apply(
                            state,
                            Op::SetGroup {
                                theme,
                                field: GroupField::Rapporteur(value),
                            },
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

fn open_rapporteur_picker(state: &mut State, theme: ThemeId) {
    let mut options = vec![(None, t!("words.nobody").into_owned())];
    options.extend(state.session.participants.iter().map(|p| {
        (
            Some(p.id),
            if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            },
        )
    }));
    let current = state.session.group(theme).and_then(|g| g.rapporteur);
    let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
    state.picker = Some(Picker {
        target: PickTarget::Rapporteur(theme),
        options,
        filter: String::new(),
        selected,
    });
}

// ---------------------------------------------------------------- screens

fn screen_action(state: &mut State, action: Action) {
    if state.poster_open.is_some() {
        return poster_action(state, action);
    }
    match state.phase_kind() {
        PhaseKind::Preparation => prep_action(state, action),
        PhaseKind::Groups => groups_action(state, action),
        PhaseKind::Rotation => tables_action(state, action),
        PhaseKind::Restitution => {
            if state.notes_focus {
                notes_action(state, action)
            } else {
                poster_action(state, action)
            }
        }
        PhaseKind::Commitments => commitments_action(state, action),
        PhaseKind::Presentation | PhaseKind::Closed => {}
    }
}

fn groups_action(state: &mut State, action: Action) {
    let n = state.group_themes().len();
    if n == 0 {
        return;
    }
    let (grid, _) = crate::ui::layout::split_timer(crate::ui::layout::body(state.size));
    let cols = crate::ui::layout::grid_columns(n, grid.width);
    match action {
        Action::FocusNext | Action::Right => state.focus = (state.focus + 1) % n,
        Action::FocusPrev | Action::Left => state.focus = (state.focus + n - 1) % n,
        Action::Down if state.focus + cols < n => state.focus += cols,
        Action::Up => state.focus = state.focus.checked_sub(cols).unwrap_or(state.focus),
        Action::FocusGroup(k) if (1..=n).contains(&(k as usize)) => state.focus = k as usize - 1,
        Action::Activate => {
            state.poster_open = state.focused_theme();
            state.poster = first_cursor(&state.session, state.poster_open);
        }
        _ => {}
    }
}

fn notes_action(state: &mut State, action: Action) {
    match action {
        Action::Activate => {
            if let Some(t) = state.poster_theme() {
                open_editor(state, EditTarget::Notes(t));
            }
        }
        Action::FocusNext | Action::FocusPrev | Action::Back => state.notes_focus = false,
        _ => {}
    }
}

// ---------------------------------------------------------------- tables (rotation)

/// The columns of the table editor for a round: one per group (rapporteur excluded, shown
/// apart), then everyone not seated.
pub fn table_columns(state: &State, round: u8) -> Vec<(Option<ThemeId>, Vec<u32>)> {
    let s = &state.session;
    let Some(w) = state.workshop() else {
        return Vec::new();
    };
    let mut cols: Vec<(Option<ThemeId>, Vec<u32>)> = s
        .groups_in(w)
        .into_iter()
        .map(|(t, g)| {
            let members = w
                .members(round, t.id)
                .iter()
                .copied()
                .filter(|&p| Some(p) != g.rapporteur)
                .collect();
            (Some(t.id), members)
        })
        .collect();
    let seated: std::collections::HashSet<u32> = cols
        .iter()
        .flat_map(|(_, m)| m.iter().copied())
        .chain(s.groups.iter().filter_map(|g| g.rapporteur))
        .collect();
    let free = s
        .participants
        .iter()
        .filter(|p| p.role != Role::Facilitator && !seated.contains(&p.id))
        .map(|p| p.id)
        .collect();
    cols.push((None, free));
    cols
}

fn move_person(state: &mut State, person: u32, round: u8, to: Option<ThemeId>) {
    let Some(w) = state.workshop() else { return };
    let wn = w.number;
    let mut ops = Vec::new();
    for (t, _) in state.session.groups_in(w) {
        let members = w.members(round, t.id);
        if members.contains(&person) && Some(t.id) != to {
            ops.push(Op::SetTable {
                workshop: wn,
                round,
                theme: t.id,
                members: members.iter().copied().filter(|&m| m != person).collect(),
            });
        }
    }
    if let Some(theme) = to {
        let mut members = w.members(round, theme).to_vec();
        if !members.contains(&person) {
            members.push(person);
            ops.push(Op::SetTable {
                workshop: wn,
                round,
                theme,
                members,
            });
        }
        // Nobody visits the same group twice: say so, but let the facilitator decide.
        let visited = (1..round).any(|r| w.members(r, theme).contains(&person));
        if visited {
            let name = person_name(state, person);
            flash(
                state,
                t!("flash.already_visited", name = name).into_owned(),
                true,
            );
        }
    }
    if !ops.is_empty() {
        apply(state, Op::Batch(ops));
    }
}

fn person_name(state: &State, id: u32) -> String {
    state
        .session
        .participant(id)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// Swaps two people's places in a round (either may be unseated): one undo step.
fn swap_people(state: &mut State, a: u32, b: u32, round: u8) {
    let Some(w) = state.workshop() else { return };
    let wn = w.number;
    let groups: Vec<ThemeId> = state
        .session
        .groups_in(w)
        .iter()
        .map(|(t, _)| t.id)
        .collect();
    let table_of = |p: u32| {
        groups
            .iter()
            .copied()
            .find(|&t| w.members(round, t).contains(&p))
    };
    let (ta, tb) = (table_of(a), table_of(b));
    if ta == tb {
        return;
    }
    let mut ops = Vec::new();
    for (from, leaving, coming) in [(ta, a, b), (tb, b, a)] {
        if let Some(theme) = from {
            // The newcomer takes the leaver's place in the list.
            let members = w
                .members(round, theme)
                .iter()
                .map(|&m| if m == leaving { coming } else { m })
                .collect();
            ops.push(Op::SetTable {
                workshop: wn,
                round,
                theme,
                members,
            });
        }
    }
    let mut warned = Vec::new();
    for (person, to) in [(a, tb), (b, ta)] {
        if let Some(theme) = to
            && (1..round).any(|r| w.members(r, theme).contains(&person))
            && let Some(p) = state.session.participant(person)
        {
            warned.push(p.name.clone());
        }
    }
    apply(state, Op::Batch(ops));
    if !warned.is_empty() {
        flash(
            state,
            t!("flash.already_visited", name = warned.join(", ")).into_owned(),
            true,
        );
    }
}

fn tables_action(state: &mut State, action: Action) {
    let round = state.tables.round;
    let cols = table_columns(state, round);
    let ncols = cols.len();
    let c = &mut state.tables;
    c.column = c.column.min(ncols.saturating_sub(1));
    let len = cols.get(c.column).map(|(_, m)| m.len()).unwrap_or(0);
    match action {
        Action::Left => c.column = c.column.saturating_sub(1),
        Action::Right => c.column = (c.column + 1).min(ncols.saturating_sub(1)),
        Action::Up => c.row = c.row.saturating_sub(1),
        Action::Down => c.row = (c.row + 1).min(len.saturating_sub(1)),
        Action::Activate | Action::FocusGroup(_) => {
            let person = cols.get(c.column).and_then(|(_, m)| m.get(c.row)).copied();
            let Some(person) = person else { return };
            let to = match action {
                Action::FocusGroup(0) => None,
                Action::FocusGroup(k) => match cols.get(k as usize - 1) {
                    Some((Some(t), _)) => Some(*t),
                    _ => return,
                },
                // Enter sends the person one table to the right (the last column is "not
                // seated"): repeated Enter walks them round the room.
                _ => cols
                    .get((c.column + 1) % ncols.max(1))
                    .and_then(|(t, _)| *t),
            };
            move_person(state, person, round, to);
            let len = table_columns(state, round)
                .get(state.tables.column)
                .map(|(_, m)| m.len())
                .unwrap_or(0);
            state.tables.row = state.tables.row.min(len.saturating_sub(1));
        }
        Action::Swap => {
            let person = cols.get(c.column).and_then(|(_, m)| m.get(c.row)).copied();
            let Some(person) = person else { return };
            match c.picked.take() {
                None => {
                    c.picked = Some(person);
                    let name = person_name(state, person);
                    flash(
                        state,
                        t!("flash.swap_picked", name = name).into_owned(),
                        false,
                    );
                }
                // The same person again: put down.
                Some(p) if p == person => {}
                Some(p) => swap_people(state, p, person, round),
            }
        }
        Action::Back if c.picked.is_some() => c.picked = None,
        Action::RoundPrev => {
            c.picked = None;
            c.round = c.round.saturating_sub(1).max(1);
            c.row = 0;
        }
        Action::RoundNext => {
            let max = state.workshop().map(|w| w.round_count).unwrap_or(1);
            let c = &mut state.tables;
            c.picked = None;
            c.round = (c.round + 1).min(max);
            c.row = 0;
        }
        Action::NextTab | Action::PrevTab => prep_action(state, action),
        _ => {}
    }
}

// ---------------------------------------------------------------- engagements

/// Rows of the Engagements screen after the participants: pilot kind, pilot name, contact,
/// next steps, next meeting.
pub const COMMIT_EXTRA_ROWS: usize = 5;

fn commitments_action(state: &mut State, action: Action) {
    let n = state.group_themes().len();
    let people = state.session.participants.len();
    let rows = people + COMMIT_EXTRA_ROWS;
    match action {
        Action::FocusNext if n > 0 => state.focus = (state.focus + 1) % n,
        Action::FocusPrev if n > 0 => state.focus = (state.focus + n - 1) % n,
        Action::FocusGroup(k) if (1..=n).contains(&(k as usize)) => state.focus = k as usize - 1,
        Action::Up => state.commit_row = state.commit_row.saturating_sub(1),
        Action::Down => state.commit_row = (state.commit_row + 1).min(rows - 1),
        Action::ToggleAnotherWorkshop => {
            if let Some(w) = state.workshop() {
                let next = match w.another_workshop {
                    None => Some(true),
                    Some(true) => Some(false),
                    Some(false) => None,
                };
                let op = Op::SetAnotherWorkshop {
                    workshop: w.number,
                    needed: next,
                };
                apply(state, op);
            }
        }
        Action::Activate => {
            let Some(theme) = state.focused_theme() else {
                return;
            };
            let row = state.commit_row;
            if let Some(p) = state.session.participants.get(row) {
                let enrolled = state
                    .session
                    .group(theme)
                    .is_some_and(|g| g.enrolled.contains(&p.id));
                let op = Op::SetEnrolled {
                    theme,
                    participant: p.id,
                    enrolled: !enrolled,
                };
                apply(state, op);
                return;
            }
            match row - people {
                0 => {
                    let pilot = state.session.group(theme).and_then(|g| g.pilot.clone());
                    let next = match pilot {
                        None => Some(crate::domain::Pilot {
                            kind: PilotKind::LocalAuthority,
                            name: state
                                .session
                                .participants
                                .iter()
                                .find(|p| p.role == Role::LocalAuthority)
                                .map(|p| p.organisation.clone())
                                .unwrap_or_default(),
                            contact: None,
                        }),
                        Some(mut p) => match p.kind {
                            PilotKind::LocalAuthority => {
                                p.kind = PilotKind::Company;
                                Some(p)
                            }
                            PilotKind::Company => {
                                p.kind = PilotKind::Association;
                                Some(p)
                            }
                            PilotKind::Association => None,
                        },
                    };
                    apply(
                        state,
                        Op::SetGroup {
                            theme,
                            field: GroupField::Pilot(next),
                        },
                    );
                }
                1 => open_editor(state, EditTarget::PilotName(theme)),
                2 => open_editor(state, EditTarget::PilotContact(theme)),
                3 => open_editor(state, EditTarget::NextSteps(theme)),
                _ => open_editor(state, EditTarget::NextMeeting(theme)),
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- préparation

/// Number of rows and columns of a Préparation tab.
pub fn prep_shape(state: &State, tab: PrepTab) -> (usize, usize) {
    let s = &state.session;
    match tab {
        PrepTab::Zone => (ZONE_ROWS.len(), 1),
        PrepTab::Themes => (s.themes.len(), 4),
        PrepTab::Participants => (s.participants.len(), 5),
        PrepTab::Needs => (s.needs.len(), 2),
        PrepTab::Agenda => (AGENDA_ROWS.len(), 1),
        PrepTab::Tables => (0, 0),
    }
}

/// The Zone tab's rows, in order.
pub const ZONE_ROWS: [Option<ZoneField>; 7] = [
    None, // session title
    Some(ZoneField::Name),
    None, // vocation (cycles)
    Some(ZoneField::Specialisation),
    Some(ZoneField::Companies),
    Some(ZoneField::CompanySize),
    Some(ZoneField::Since),
];

/// The Agenda tab's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaRow {
    Date,
    Start,
    Rounds,
    Minutes(AgendaField),
}

pub const AGENDA_ROWS: [AgendaRow; 8] = [
    AgendaRow::Date,
    AgendaRow::Start,
    AgendaRow::Rounds,
    AgendaRow::Minutes(AgendaField::Presentation),
    AgendaRow::Minutes(AgendaField::Groups),
    AgendaRow::Minutes(AgendaField::Rotation),
    AgendaRow::Minutes(AgendaField::Restitution),
    AgendaRow::Minutes(AgendaField::Commitments),
];

fn prep_action(state: &mut State, action: Action) {
    if state.prep_tab == PrepTab::Tables && !matches!(action, Action::NextTab | Action::PrevTab) {
        return tables_action(state, action);
    }
    let (rows, cols) = prep_shape(state, state.prep_tab);
    match action {
        Action::NextTab | Action::PrevTab => {
            let all = PrepTab::ALL;
            let i = all.iter().position(|&t| t == state.prep_tab).unwrap_or(0);
            let j = if action == Action::NextTab {
                (i + 1) % all.len()
            } else {
                (i + all.len() - 1) % all.len()
            };
            state.prep_tab = all.get(j).copied().unwrap_or(PrepTab::Themes);
            state.prep_row = 0;
            state.prep_col = 0;
            if state.prep_tab == PrepTab::Tables {
                state.tables = TablesCursor {
                    round: 1,
                    column: 0,
                    row: 0,
                    picked: None,
                };
            }
        }
        Action::Up => state.prep_row = state.prep_row.saturating_sub(1),
        Action::Down => state.prep_row = (state.prep_row + 1).min(rows.saturating_sub(1)),
        Action::Left => state.prep_col = state.prep_col.saturating_sub(1),
        Action::Right => state.prep_col = (state.prep_col + 1).min(cols.saturating_sub(1)),
        Action::Activate => prep_activate(state),
        Action::Add => prep_add(state),
        Action::Delete => prep_delete(state),
        Action::MoveUp | Action::MoveDown if state.prep_tab == PrepTab::Themes => {
            if let Some(t) = state.session.themes.get(state.prep_row) {
                let id = t.id;
                let to = if action == Action::MoveUp {
                    state.prep_row.checked_sub(1)
                } else {
                    (state.prep_row + 1 < state.session.themes.len()).then_some(state.prep_row + 1)
                };
                if let Some(to) = to
                    && apply(state, Op::MoveTheme { theme: id, to })
                {
                    state.prep_row = to;
                }
            }
        }
        _ => {}
    }
}

fn prep_activate(state: &mut State) {
    let row = state.prep_row;
    let col = state.prep_col;
    let s = &state.session;
    match state.prep_tab {
        PrepTab::Zone => match (row, ZONE_ROWS.get(row).copied().flatten()) {
            (0, _) => open_editor(state, EditTarget::SessionTitle),
            (2, _) => {
                let i = Vocation::ALL
                    .iter()
                    .position(|&v| v == s.zone.vocation)
                    .unwrap_or(0);
                let mut z = s.zone.clone();
                z.vocation = Vocation::ALL
                    .get((i + 1) % Vocation::ALL.len())
                    .copied()
                    .unwrap_or(Vocation::Mixed);
                apply(state, Op::SetZone(z));
            }
            (_, Some(f)) => open_editor(state, EditTarget::Zone(f)),
            _ => {}
        },
        PrepTab::Themes => {
            let Some(id) = s.themes.get(row).map(|t| t.id) else {
                return prep_add(state);
            };
            match col {
                0 => open_editor(state, EditTarget::ThemeTitle(id)),
                1 => open_editor(state, EditTarget::ThemeConstat(id)),
                2 => open_editor(state, EditTarget::ThemeExpert(id)),
                _ => open_rapporteur_picker(state, id),
            }
        }
        PrepTab::Participants => {
            let Some(p) = s.participants.get(row).cloned() else {
                return prep_add(state);
            };
            match col {
                0 => open_editor(state, EditTarget::ParticipantName(p.id)),
                1 => open_editor(state, EditTarget::ParticipantOrg(p.id)),
                2 => {
                    let i = Role::ALL.iter().position(|&r| r == p.role).unwrap_or(0);
                    let role = Role::ALL
                        .get((i + 1) % Role::ALL.len())
                        .copied()
                        .unwrap_or(Role::Company);
                    apply(state, Op::UpdateParticipant(Participant { role, ..p }));
                }
                3 => open_editor(state, EditTarget::ParticipantEmail(p.id)),
                _ => open_editor(state, EditTarget::Choices(p.id)),
            }
        }
        PrepTab::Needs => {
            let Some(n) = s.needs.get(row).cloned() else {
                return prep_add(state);
            };
            if col == 0 {
                open_editor(state, EditTarget::NeedText(n.id));
            } else {
                // Cycle: no theme → theme 1 → … → last theme → no theme.
                let ids: Vec<Option<ThemeId>> = std::iter::once(None)
                    .chain(s.themes.iter().map(|t| Some(t.id)))
                    .collect();
                let i = ids.iter().position(|&t| t == n.theme).unwrap_or(0);
                let theme = ids.get((i + 1) % ids.len()).copied().flatten();
                apply(state, Op::UpdateNeed(Need { theme, ..n }));
            }
        }
        PrepTab::Agenda => match AGENDA_ROWS.get(row) {
            Some(AgendaRow::Date) => open_editor(state, EditTarget::WorkshopDate),
            Some(AgendaRow::Start) => open_editor(state, EditTarget::AgendaStart),
            Some(AgendaRow::Rounds) => open_editor(state, EditTarget::RoundCount),
            Some(AgendaRow::Minutes(f)) => open_editor(state, EditTarget::Agenda(*f)),
            None => {}
        },
        PrepTab::Tables => {}
    }
}

fn prep_add(state: &mut State) {
    let s = &state.session;
    match state.prep_tab {
        PrepTab::Themes => {
            let op = s.add_theme_op(t!("prep.theme.new").into_owned());
            let id = s.next_theme_id();
            if apply(state, op) {
                state.prep_row = state
                    .session
                    .themes
                    .iter()
                    .position(|t| t.id == id)
                    .unwrap_or(0);
                state.prep_col = 0;
                open_editor(state, EditTarget::ThemeTitle(id));
            }
        }
        PrepTab::Participants => {
            let id = s.next_participant_id();
            let op = Op::AddParticipant {
                index: s.participants.len(),
                participant: Participant {
                    id,
                    name: String::new(),
                    organisation: String::new(),
                    role: Role::Company,
                    email: None,
                    choices: Vec::new(),
                },
            };
            if apply(state, op) {
                state.prep_row = state.session.participants.len().saturating_sub(1);
                state.prep_col = 0;
                open_editor(state, EditTarget::ParticipantName(id));
            }
        }
        PrepTab::Needs => {
            let id = s.next_need_id();
            let op = Op::AddNeed {
                index: s.needs.len(),
                need: Need {
                    id,
                    text: String::new(),
                    theme: None,
                },
            };
            if apply(state, op) {
                state.prep_row = state.session.needs.len().saturating_sub(1);
                state.prep_col = 0;
                open_editor(state, EditTarget::NeedText(id));
            }
        }
        _ => {}
    }
}

fn prep_delete(state: &mut State) {
    let s = &state.session;
    let row = state.prep_row;
    let op = match state.prep_tab {
        PrepTab::Themes => s.themes.get(row).map(|t| s.remove_theme_op(t.id)),
        PrepTab::Participants => s
            .participants
            .get(row)
            .map(|p| s.remove_participant_op(p.id)),
        PrepTab::Needs => s.needs.get(row).map(|n| Op::RemoveNeed(n.id)),
        _ => None,
    };
    if let Some(op) = op
        && apply(state, op)
    {
        let (rows, _) = prep_shape(state, state.prep_tab);
        state.prep_row = state.prep_row.min(rows.saturating_sub(1));
        flash(state, t!("flash.deleted").into_owned(), false);
    }
}

// ---------------------------------------------------------------- mouse

fn click(state: &mut State, col: u16, row: u16) {
    if state.editor.is_some() || state.picker.is_some() || state.help {
        return;
    }
    if state.phase_kind() == PhaseKind::Groups && state.poster_open.is_none() {
        let area = crate::ui::layout::body(state.size);
        let panes = crate::ui::layout::group_panes(area, state.group_themes().len(), state.size.0);
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

/// Offers the next workshop: every theme, the unfinished ones ticked.
pub(crate) fn open_next_workshop(state: &mut State) {
    let unfinished = state.session.unfinished_themes();
    state.next_workshop = Some(super::NextWorkshop {
        choices: state
            .session
            .themes
            .iter()
            .map(|t| (t.id, unfinished.contains(&t.id)))
            .collect(),
        row: 0,
    });
}

fn next_workshop_action(state: &mut State, action: Action) {
    let Some(d) = state.next_workshop.as_mut() else {
        return;
    };
    // Rows: the themes, then "start".
    let last = d.choices.len();
    match action {
        Action::Up => d.row = d.row.saturating_sub(1),
        Action::Down => d.row = (d.row + 1).min(last),
        Action::Back => state.next_workshop = None,
        Action::Activate => {
            if let Some(c) = d.choices.get_mut(d.row) {
                c.1 = !c.1;
                return;
            }
            let themes: Vec<ThemeId> = d.choices.iter().filter(|c| c.1).map(|c| c.0).collect();
            if themes.is_empty() {
                flash(state, t!("flash.no_theme_chosen").into_owned(), true);
                return;
            }
            state.next_workshop = None;
            let op = state.session.start_workshop_op(themes, None);
            if apply(state, op) {
                let n = state.workshop().map(|w| w.number).unwrap_or(0);
                state.prep_tab = PrepTab::Agenda;
                state.prep_row = 0;
                state.followup = None;
                state.sync_after_step();
                flash(
                    state,
                    t!("flash.workshop_started", n = n).into_owned(),
                    false,
                );
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- follow-up

fn followup_action(state: &mut State, action: Action) {
    use super::followup::{self, View};
    let today = state.now.date_naive();
    let Some(mut f) = state.followup.clone() else {
        return;
    };
    match action {
        Action::Back => {
            state.followup = None;
            return;
        }
        Action::NextTab | Action::PrevTab => {
            let all = View::ALL;
            let i = all.iter().position(|v| *v == f.view).unwrap_or(0);
            let j = if action == Action::NextTab {
                (i + 1) % all.len()
            } else {
                (i + all.len() - 1) % all.len()
            };
            f.view = all.get(j).copied().unwrap_or_default();
            f.row = 0;
        }
        Action::CycleSort => f.sort = f.sort.next(),
        Action::CycleFilter => {
            let all = followup::filters(&state.session);
            let i = all.iter().position(|x| *x == f.filter).unwrap_or(0);
            f.filter = all
                .get((i + 1) % all.len().max(1))
                .cloned()
                .unwrap_or_default();
            f.row = 0;
        }
        Action::Up => f.row = f.row.saturating_sub(1),
        Action::Down => {
            let n = match f.view {
                View::Actions => followup::rows(&state.session, &f, today).len(),
                // The groups, then the annual plenary.
                View::Groups => state.session.themes.len() + 1,
                _ => 0,
            };
            f.row = (f.row + 1).min(n.saturating_sub(1));
        }
        Action::Activate | Action::CycleStatus if f.view == View::Actions => {
            if let Some(line) = followup::selected_line(&state.session, &f, today) {
                cycle_status(state, line);
            }
        }
        Action::Activate if f.view == View::Groups => {
            match state.session.themes.get(f.row).map(|t| t.id) {
                Some(theme) => open_editor(state, EditTarget::NextMeeting(theme)),
                None => open_editor(state, EditTarget::AnnualPlenary),
            }
        }
        Action::Add if f.view == View::Groups => {
            if let Some(theme) = state.session.themes.get(f.row).map(|t| t.id) {
                open_editor(state, EditTarget::NewMeeting(theme));
            }
        }
        Action::Delete if f.view == View::Groups => {
            if let Some(theme) = state.session.themes.get(f.row).map(|t| t.id) {
                let n = state
                    .session
                    .group(theme)
                    .map(|g| g.meetings.len())
                    .unwrap_or(0);
                if n > 0 {
                    apply(
                        state,
                        Op::DeleteMeeting {
                            theme,
                            index: n - 1,
                        },
                    );
                    flash(state, t!("flash.deleted").into_owned(), false);
                }
            }
        }
        _ => {}
    }
    // The list may have shrunk (a status changed under an "overdue" filter).
    if f.view == View::Actions {
        let n = followup::rows(&state.session, &f, today).len();
        f.row = f.row.min(n.saturating_sub(1));
    }
    if state.followup.is_some() {
        state.followup = Some(f);
    }
}

/// The texts a line lost to concurrent edits, newest first, to pick one back.
fn open_history_picker(state: &mut State, line: crate::domain::LineId) {
    let Some(l) = state
        .session
        .groups
        .iter()
        .find_map(|g| g.poster.line(line))
    else {
        return;
    };
    if l.history.is_empty() {
        flash(state, t!("flash.no_history").into_owned(), false);
        return;
    }
    let options = l
        .history
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| {
            let cell = t!(match h.field {
                crate::domain::poster::CellName::Solution => "poster.col.solution",
                crate::domain::poster::CellName::Action => "poster.col.action",
                crate::domain::poster::CellName::Owners => "poster.col.owners",
                crate::domain::poster::CellName::Due => "poster.col.due",
                crate::domain::poster::CellName::Status => "poster.col.status",
            });
            (
                Some(i as u32),
                t!(
                    "poster.history_entry",
                    cell = cell,
                    text = h.text,
                    by = h.replaced_by,
                    time = h.at.format("%H:%M")
                )
                .into_owned(),
            )
        })
        .collect();
    state.picker = Some(Picker {
        target: PickTarget::History(line),
        options,
        filter: String::new(),
        selected: 0,
    });
}

// ---------------------------------------------------------------- rotation planner

/// Plans every round's tables from the wishes, applies the plan (one undo step) and says how
/// good it is. Each press tries another seed.
fn propose_rotation(state: &mut State) {
    use crate::domain::rotation;
    let Some(w) = state.workshop() else { return };
    let inst = rotation::Instance::from_session(&state.session, w, usize::from(w.round_count));
    if inst.groups.is_empty() {
        flash(state, t!("groups.none").into_owned(), true);
        return;
    }
    let (number, rounds) = (w.number, w.round_count);
    // Rounds already started keep their tables: only the ones to come are planned.
    let kept = rotation::Kept::played(&inst, w);
    if kept.rounds >= inst.rounds {
        flash(state, t!("rotation.all_played").into_owned(), true);
        return;
    }
    state.rotation_seed = state.rotation_seed.wrapping_add(1);
    let plan = rotation::plan_after(&inst, state.rotation_seed, &kept);
    let m = rotation::metrics(&inst, &plan);
    let baseline = rotation::random_baseline_after(&inst, 20, &kept);
    let op = rotation::apply_op_after(&inst, &plan, number, rounds, kept.rounds);
    if apply(state, op) {
        let mut line = crate::text::rotation_metrics(&m, baseline);
        if kept.rounds > 0 {
            line = format!(
                "{line} · {}",
                crate::text::count(kept.rounds, "rotation.kept")
            );
        }
        flash(
            state,
            t!("rotation.propose_done", metrics = line).into_owned(),
            false,
        );
    }
}
