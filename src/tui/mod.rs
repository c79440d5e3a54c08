//! The terminal shell: set-up and restore (always, even on panic or signal), the event loop,
//! the clock, the bell and the autosave. Everything else is in `app` (state) and `ui` (views).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{Event, MouseButton, MouseEventKind};

use crate::app::typing::{Release, Typing};
use crate::app::{Action, Effect, PaletteName, State, keymap, update};
use crate::domain::Timestamp;
use crate::store::{self, Lock, StoreError};

mod effects;
mod input;
mod launcher;
mod open;
mod signals;
mod terminal;

pub use effects::assign_id;
use effects::{export_all, merge_copies, ring_bell, sync};
pub use launcher::{run_launcher, run_territory};
pub use open::{Opened, Seat, open_session, read_session};
pub use terminal::SafeBackend;

use input::{Input, app_key, spawn_inputs, watch};
pub use terminal::{Term, TerminalGuard};

/// What the next frame must draw again, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Redraw {
    No,
    /// Only text typed in the editor changed: the screen under it can be reused.
    Editor,
    All,
}

/// Edits are written this long after the first unsaved change: short, so a rapporteur's line
/// shows on the projected screen at once, long enough to write a burst of edits as one save.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(100);
/// An Enter in a field followed this soon by another key is a line break inside pasted text
/// (a terminal without bracketed paste sends a paste as keys), not the end of the field.
const PASTE_GAP: Duration = Duration::from_millis(25);
/// A failed save is retried this often, at the clock's tick (which may come a little early).
const SAVE_RETRY: Duration = Duration::from_secs(1);
const RETRY_SLACK: Duration = Duration::from_millis(200);
/// How often the file is checked for other processes' saves when no file event came.
const POLL: Duration = Duration::from_millis(400);
/// Where file events do not arrive, how often the list of connected processes is checked.
const PRESENCE_CHECK: Duration = Duration::from_secs(10);
/// The list of connected processes is read once more this long after a process came or went:
/// a process killed outright closes its presence file a moment before its lock is released.
const PRESENCE_RECHECK: Duration = Duration::from_secs(1);

/// The app's clock: local wall time with its offset.
pub fn now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub palette: PaletteName,
    pub depth: crate::app::Depth,
    /// Where the room in the browsers listens (`W`, or `--salle`); `room_at_start`: opened
    /// with the session (`atelier open --salle`).
    pub room: crate::web::Bind,
    pub room_at_start: bool,
}

impl Options {
    pub fn from_env(palette: PaletteName) -> Self {
        // Read lossily: a non-UTF-8 NO_COLOR still counts as set (https://no-color.org).
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let depth = crate::ui::palette::depth_from(
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
            var("WT_SESSION").as_deref(),
            var("TERM_PROGRAM").as_deref(),
        );
        Options {
            palette,
            depth,
            room: crate::web::Bind::default(),
            room_at_start: false,
        }
    }
}

/// Runs the facilitator view on a session until the user quits or a signal arrives.
pub fn run_session(path: PathBuf, options: Options) -> Result<(), crate::error::RunError> {
    let path = store::resolve(&path)?;
    let opened = open_session(&path)?;
    run_opened(opened, path, options, Seat::facilitator())
}

/// Runs a session already opened, for a seat.
pub fn run_opened(
    opened: Opened,
    path: PathBuf,
    options: Options,
    seat: Seat,
) -> Result<(), crate::error::RunError> {
    // `open` and `join`: found again by `atelier list` wherever the file is.
    store::recent::remember(&path);
    let mut guard = TerminalGuard::new()?;
    let inputs = spawn_inputs()?;
    let result = session_loop(&mut guard.terminal, &inputs, opened, path, options, seat);
    // Saved (or rescued): a Windows console handler waiting on this may let the process end.
    signals::CLOSED.set();
    result
}

fn session_loop(
    terminal: &mut Term,
    inputs: &(Sender<Input>, Receiver<Input>),
    opened: Opened,
    path: PathBuf,
    options: Options,
    seat: Seat,
) -> Result<(), crate::error::RunError> {
    let (tx, inputs) = inputs;
    let opened_read_only = opened.read_only;
    let mut shared = store::sync::Shared::new(opened.text, opened.stamp);
    let events = Arc::new(AtomicBool::new(false));
    let _watcher = watch(&path, tx.clone(), events.clone());
    // Whatever the way out (quit, hang-up, a lost terminal, a failed save), once the session is
    // saved: this process leaves, and the last one out removes the lock files.
    let leaving = Leaving {
        path: path.clone(),
        presence: store::presence::Presence::announce(&path, &seat.who).ok(),
        lock: opened.lock,
    };
    let presence = leaving.presence.as_ref();
    let mut state = State::new(opened.session, path, now());
    update(
        &mut state,
        Action::SetDisplay {
            palette: options.palette,
            depth: options.depth,
        },
    );
    update(
        &mut state,
        Action::SetSeat {
            who: seat.who.clone(),
            scope: seat.scope,
            assistant: seat.assistant,
        },
    );
    if opened_read_only {
        update(&mut state, Action::SetReadOnly);
    }
    assign_id(&mut state);
    // Copies a file-sync tool left beside the file: offered to the facilitator at once.
    if state.seat() == crate::app::keymap::Seat::Facilitator {
        let copies = store::sync::conflict_copies(&state.path);
        update(&mut state, Action::CopiesFound(copies));
    }
    let others = presence.as_ref().map(|p| p.others()).unwrap_or_default();
    update(&mut state, Action::Others(others));
    let size = terminal.size()?;
    update(&mut state, Action::Resize(size.width, size.height));
    // A session whose workshop is over offers the next one straight away (Esc to decline).
    if state.scope.is_none()
        && !state.assistant
        && state.rencontre.is_none()
        && matches!(
            state.phase_kind(),
            crate::domain::workshop::PhaseKind::Commitments
                | crate::domain::workshop::PhaseKind::Closed
        )
    {
        update(&mut state, Action::OpenNextWorkshop);
    }
    let mut room = RoomSlot {
        room: None,
        bind: options.room,
    };
    // `atelier open --salle`: the room starts with the session, its panel open.
    if options.room_at_start
        && !state.read_only
        && state.seat() == crate::app::keymap::Seat::Facilitator
    {
        act(&mut state, &mut room, Action::ToggleRoom);
    }
    let mut dirty_since: Option<Instant> = None;
    let mut last_failed: Option<Instant> = None;
    let mut redraw = Redraw::All;
    let mut cache = crate::ui::ScreenCache::default();
    let mut last_second = state.now.timestamp();
    let mut last_poll = Instant::now();
    let mut last_presence = Instant::now();
    let mut presence_recheck: Option<Instant> = None;
    let mut typing = Typing::default();
    // An Enter typed in a field, held for PASTE_GAP: the end of the field or a pasted break.
    let mut enter_at: Option<Instant> = None;
    loop {
        if redraw != Redraw::No {
            let only_typed = redraw == Redraw::Editor;
            let drawn = terminal.draw(|f| {
                let area = f.area();
                cache.render(&state, area, f.buffer_mut(), only_typed);
            });
            redraw = Redraw::No;
            // The terminal is gone (window closed, connection dropped): what is being typed
            // is kept and saved, as on a hang-up.
            if drawn.is_err() {
                return close(&mut state, &mut shared);
            }
        }
        // Wake for the next clock second, or for the pending save; idle, nothing else wakes
        // the loop (file changes come as events), unless events do not arrive and the file
        // must be polled.
        let polling = !events.load(Ordering::Relaxed);
        let ms_to_second =
            1000 - u64::from(chrono::Local::now().timestamp_subsec_millis()).min(999);
        let mut timeout = Duration::from_millis(ms_to_second);
        if polling {
            timeout = timeout.min(POLL);
        }
        if let Some(at) = presence_recheck {
            timeout = timeout.min(at.saturating_duration_since(Instant::now()));
        }
        // A failing save is retried at the clock's tick, without a wake-up of its own.
        if state.save.dirty && state.save.error.is_none() {
            let since = *dirty_since.get_or_insert_with(Instant::now);
            timeout =
                timeout.min((since + SAVE_DEBOUNCE).saturating_duration_since(Instant::now()));
        }
        if let Some(due) = typing.due() {
            timeout = timeout.min(due.saturating_duration_since(Instant::now()));
        }
        if let Some(at) = enter_at {
            timeout = timeout.min((at + PASTE_GAP).saturating_duration_since(Instant::now()));
        }
        let input = match inputs.recv_timeout(timeout) {
            Ok(i) => Some(i),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::ReadFailed),
        };
        let t = now();
        if update(&mut state, Action::Tick(t)) == Effect::Bell {
            ring_bell();
        }
        if t.timestamp() != last_second {
            last_second = t.timestamp();
            // Where file events do not arrive, the list of connected processes is read now
            // and then; elsewhere arrivals and departures (even a kill -9) come as events.
            if let Some(p) = &presence
                && polling
                && last_presence.elapsed() >= PRESENCE_CHECK
            {
                update(&mut state, Action::Others(p.others()));
                last_presence = Instant::now();
            }
            redraw = Redraw::All;
        }
        if presence_recheck.is_some_and(|at| at <= Instant::now()) {
            presence_recheck = None;
            if let Some(p) = &presence {
                let others = p.others();
                if others != state.others {
                    update(&mut state, Action::Others(others));
                    redraw = Redraw::All;
                }
            }
        }
        let mut quit = false;
        if let Some(at) = enter_at {
            let next_key = match &input {
                Some(Input::Term(Event::Key(_) | Event::Paste(_), when)) => Some(*when),
                _ => None,
            };
            if next_key.is_some_and(|when| when.saturating_duration_since(at) <= PASTE_GAP) {
                // More text right behind the Enter: a line break of pasted text.
                update(&mut state, Action::Paste("\n".into()));
                enter_at = None;
            } else if next_key.is_some()
                || at.elapsed() > PASTE_GAP
                || matches!(input, Some(Input::Signal | Input::ReadFailed))
            {
                enter_at = None;
                if let Some(a) = keymap::action_for(
                    state.mode(),
                    crate::app::Key::new(
                        crate::app::KeyCode::Enter,
                        crate::app::KeyModifiers::NONE,
                    ),
                ) {
                    quit |= act(&mut state, &mut room, a);
                }
                redraw = Redraw::All;
            }
        }
        // Another process saved: noticed by a file event, or by polling, and only if the
        // file is not the one this process last read or wrote (its own saves make events too).
        let mut external =
            matches!(input, Some(Input::FileChanged)) && shared.changed_on_disk(&state.path);
        if polling && last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            external |= shared.changed_on_disk(&state.path);
        }
        if external && !state.save.dirty {
            redraw = redraw.max(sync(&mut state, &mut shared));
        }
        match input {
            None | Some(Input::FileChanged) => {}
            Some(Input::PresenceChanged) => {
                if let Some(p) = &presence {
                    update(&mut state, Action::Others(p.others()));
                    last_presence = Instant::now();
                    presence_recheck = Some(Instant::now() + PRESENCE_RECHECK);
                    redraw = Redraw::All;
                }
            }
            Some(Input::Signal) | Some(Input::ReadFailed) => {
                // Whatever is being typed is kept: stored like an Enter, then saved.
                if state.editor.is_some() {
                    update(&mut state, Action::EditCommit);
                }
                quit = true;
            }
            // A letter or a space where no field is open: held a moment, in case it is text.
            Some(Input::Term(Event::Key(key), when))
                if app_key(key).is_some_and(|k| Typing::holds(&state, k)) =>
            {
                if let Some(k) = app_key(key) {
                    typing.push(k, when);
                }
            }
            Some(Input::Term(ev, when)) => {
                // Any other key comes after the letters held before it.
                if !typing.is_empty() {
                    quit |= release(&mut state, &mut room, &mut typing);
                    redraw = Redraw::All;
                }
                let field_enter = state.editor.is_some()
                    && matches!(ev, Event::Key(key) if app_key(key).is_some_and(|k| {
                        k.code == crate::app::KeyCode::Enter
                            && k.modifiers == crate::app::KeyModifiers::NONE
                    }));
                let action = match ev {
                    // An Enter in a field: held a moment, in case pasted text goes on.
                    Event::Key(_) if field_enter => {
                        enter_at = Some(when);
                        None
                    }
                    // The Enter that « validates » text typed outside a field runs nothing
                    // either: the message about that text is shown again.
                    Event::Key(key) if app_key(key).is_some_and(|k| typing.swallows(k, when)) => {
                        Some(Action::MistypedText(String::new()))
                    }
                    Event::Key(key) => {
                        app_key(key).and_then(|k| keymap::action_for(state.mode(), k))
                    }
                    Event::Paste(text) => Some(Action::Paste(
                        crate::domain::clean::stored(&text).into_owned(),
                    )),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    Event::Mouse(m) => match m.kind {
                        MouseEventKind::Down(MouseButton::Left) => {
                            Some(Action::Click(m.column, m.row))
                        }
                        _ => None,
                    },
                    _ => None,
                };
                // Text typed in the editor changes the editor only: the screen under it can
                // be reused for the next frame (the cache checks that the editor is open).
                let this = match action {
                    Some(Action::EditKey(_)) => Redraw::Editor,
                    Some(_) => Redraw::All,
                    // A key with no meaning here, a mouse move: nothing changed.
                    None => Redraw::No,
                };
                redraw = redraw.max(this);
                if let Some(a) = action {
                    quit |= act(&mut state, &mut room, a);
                }
            }
        }
        if typing.due().is_some_and(|due| due <= Instant::now()) {
            quit |= release(&mut state, &mut room, &mut typing);
            redraw = Redraw::All;
        }
        if let Some(paths) = state.copies.as_ref().filter(|c| c.merge) {
            let paths = paths.paths.clone();
            merge_copies(&mut state, &mut shared, &paths);
            redraw = Redraw::All;
        }
        if state.save.dirty {
            let since = *dirty_since.get_or_insert_with(Instant::now);
            let retry_ok = last_failed.is_none_or(|t| t.elapsed() + RETRY_SLACK >= SAVE_RETRY);
            if quit || (since.elapsed() >= SAVE_DEBOUNCE && retry_ok) {
                sync(&mut state, &mut shared);
                redraw = Redraw::All;
                if state.save.dirty {
                    last_failed = Some(Instant::now());
                } else {
                    last_failed = None;
                    dirty_since = None;
                }
            }
        }
        if quit {
            if state.save.dirty {
                return Err(rescue(&state));
            }
            return Ok(());
        }
    }
}

/// The room in the browsers, when it runs in this process (`W`, `--salle`).
struct RoomSlot {
    room: Option<crate::web::Room>,
    bind: crate::web::Bind,
}

impl RoomSlot {
    fn run(&mut self, state: &mut State, command: crate::overlays::room::model::RoomCommand) {
        use crate::overlays::room::model::RoomCommand as C;
        match command {
            C::Start => {
                if self.room.is_none() {
                    match crate::web::Room::start(&state.path, self.bind, false) {
                        Ok(r) => self.room = Some(r),
                        Err(e) => {
                            let message = match e {
                                crate::web::RoomError::Store(e) => e.user_message(),
                                other => other.to_string(),
                            };
                            update(state, Action::RoomFailed(message));
                            return;
                        }
                    }
                }
                update(state, Action::RoomState(self.info(), None));
            }
            C::Revoke(row) => {
                if let Some(r) = &self.room
                    && let Some(link) = r.links().get(row)
                {
                    r.revoke(link.role);
                }
                update(state, Action::RoomState(self.info(), Some(row)));
            }
            C::Stop => {
                if let Some(r) = self.room.take() {
                    r.stop();
                }
                update(state, Action::RoomState(None, None));
            }
        }
    }

    fn info(&self) -> Option<crate::overlays::room::model::RoomInfo> {
        use crate::overlays::room::model::{RoomInfo, RoomLink};
        self.room.as_ref().map(|r| RoomInfo {
            addr: r.addr.to_string(),
            links: r
                .links()
                .into_iter()
                .map(|l| RoomLink {
                    label: l.label,
                    url: l.url,
                })
                .collect(),
        })
    }
}

/// Leaves the session when dropped (`store::sync::leave`).
struct Leaving {
    path: PathBuf,
    presence: Option<store::presence::Presence>,
    lock: Option<Lock>,
}

impl Drop for Leaving {
    fn drop(&mut self) {
        store::sync::leave(&self.path, self.presence.take(), self.lock.take());
    }
}

/// Runs an action from the user and its effect. True to quit.
fn act(state: &mut State, room: &mut RoomSlot, action: Action) -> bool {
    match update(state, action) {
        Effect::Quit => return true,
        Effect::Room(command) => room.run(state, command),
        Effect::Bell => ring_bell(),
        Effect::Export => {
            let outcome = export_all(state);
            update(state, outcome);
        }
        Effect::None => {}
    }
    false
}

/// The held letters, once their burst is over: run as keys, typed into the field the first
/// one opens, or dropped as text typed outside a field (see `app::typing`). True to quit.
fn release(state: &mut State, room: &mut RoomSlot, typing: &mut Typing) -> bool {
    let mut quit = false;
    let mut run = |state: &mut State, key| {
        if let Some(a) = keymap::action_for(state.mode(), key) {
            quit |= act(state, room, a);
        }
    };
    match typing.release(state, Instant::now()) {
        Release::Run(keys) => keys.into_iter().for_each(|k| run(state, k)),
        Release::IntoField(first, rest) => {
            run(state, first);
            // Typed into what the first key opened; if it opened nothing (a refusal), the
            // rest is text typed outside a field.
            if state.editor.is_some()
                || state.picker.is_some()
                || state.mode() == crate::app::Mode::DotEntry
            {
                rest.into_iter().for_each(|k| run(state, k));
            } else {
                let text = rest.iter().filter_map(|k| match k.code {
                    crate::app::KeyCode::Char(c) => Some(c),
                    _ => None,
                });
                update(state, Action::MistypedText(text.collect()));
            }
        }
        Release::Drop(text) => {
            update(state, Action::MistypedText(text));
        }
    }
    quit
}

/// The terminal is gone: keeps what is being typed (stored like an Enter) and saves.
fn close(
    state: &mut State,
    shared: &mut store::sync::Shared,
) -> Result<(), crate::error::RunError> {
    if state.editor.is_some() {
        update(state, Action::EditCommit);
    }
    if state.save.dirty {
        sync(state, shared);
    }
    if state.save.dirty {
        return Err(rescue(state));
    }
    Ok(())
}

/// The last save failed as the app closes: keep the edits in a rescue file rather than lose
/// them, and say where.
fn rescue(state: &State) -> crate::error::RunError {
    let error = state.save.error.clone().unwrap_or_default();
    let name = format!(
        "atelier-rescue-{}-{}.ron",
        store::slug(&state.session.title),
        std::process::id()
    );
    let candidates = [
        store::data_sessions_dir().map(|d| d.join(&name)),
        Some(std::env::temp_dir().join(&name)),
    ];
    let saved = candidates
        .into_iter()
        .flatten()
        .find(|p| store::save(p, &state.session).is_ok());
    crate::error::CliError::Unsaved {
        error,
        rescue: saved,
    }
}
