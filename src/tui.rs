//! The terminal shell: set-up and restore (always, even on panic or signal), the event loop,
//! the clock, the bell and the autosave. Everything else is in `app` (state) and `ui` (views).

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::launcher::{Launcher, LauncherChoice, update_launcher};
use crate::app::{Action, Effect, State, ThemeName, keymap, update};
use crate::domain::Timestamp;
use crate::store::{self, Lock, StoreError};

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

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The app's clock: local wall time with its offset.
pub fn now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub theme: ThemeName,
    pub color: bool,
}

impl Options {
    pub fn from_env(theme: ThemeName) -> Self {
        // https://no-color.org: any non-empty value.
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Options { theme, color }
    }
}

fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Owns the terminal mode: restores it when dropped, whatever the exit path.
pub struct TerminalGuard {
    pub terminal: Term,
}

impl TerminalGuard {
    pub fn new() -> io::Result<Self> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
        terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        if let Err(e) = execute!(
            out,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            cursor::Hide
        ) {
            restore_terminal();
            return Err(e);
        }
        let terminal =
            Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore_terminal())?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
        // ratatui shows the cursor again when its terminal is dropped, and prints why if it
        // cannot: on a terminal that is gone (closed window, lost connection) that printing
        // would fail and panic. Nobody can read it there anyway.
        if self.terminal.show_cursor().is_err() {
            silence_output();
        }
    }
}

/// Sends what is still written to standard output and error to /dev/null: for a terminal that
/// is gone, where writing fails.
fn silence_output() {
    #[cfg(unix)]
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        use std::os::fd::AsRawFd;
        // SAFETY: dup2 on open descriptors; 1 and 2 now name /dev/null.
        unsafe {
            libc::dup2(null.as_raw_fd(), 1);
            libc::dup2(null.as_raw_fd(), 2);
        }
    }
}

enum Input {
    Term(Event),
    /// The session file changed on disk (another process saved).
    FileChanged,
    /// A process joined or left the session (its presence file came or went).
    PresenceChanged,
    /// SIGTERM, SIGHUP or SIGINT.
    Signal,
    /// The terminal is gone (closed window, dropped connection) or cannot be read.
    ReadFailed,
}

/// Blocks until the terminal hangs up, then reports it. crossterm's reader never does: on a
/// closed terminal it retries its read forever. `poll` with no events asked waits for the
/// hang-up alone, so this thread never wakes otherwise.
#[cfg(unix)]
fn watch_hangup(tx: Sender<Input>) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let tty = std::fs::File::open("/dev/tty")?;
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            let mut fds = libc::pollfd {
                fd: tty.as_raw_fd(),
                events: 0,
                revents: 0,
            };
            loop {
                // SAFETY: one valid pollfd, owned by this frame, and its count.
                let n = unsafe { libc::poll(&mut fds, 1, -1) };
                let interrupted =
                    n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted;
                if interrupted {
                    continue;
                }
                if n < 0 || fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    let _ = tx.send(Input::ReadFailed);
                    return;
                }
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
fn watch_hangup(_tx: Sender<Input>) -> io::Result<()> {
    Ok(())
}

fn spawn_inputs() -> io::Result<(Sender<Input>, Receiver<Input>)> {
    let (tx, rx) = mpsc::channel();
    let keep = tx.clone();
    let keys: Sender<Input> = tx.clone();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(e) => Input::Term(e),
                    Err(_) => Input::ReadFailed,
                };
                let stop = matches!(msg, Input::ReadFailed);
                if keys.send(msg).is_err() || stop {
                    break;
                }
            }
        })?;
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Input::Signal);
            }
        })?;
    // Without a controlling terminal (unusual) only the signals and the reader tell.
    let _ = watch_hangup(keep.clone());
    Ok((keep, rx))
}

/// A session as loaded: the model and the exact text it was read from.
pub struct Opened {
    pub session: crate::domain::Session,
    pub text: String,
    /// The file's stamp, taken before the text was read.
    pub stamp: Option<store::sync::Stamp>,
    /// Held by the facilitator only: rapporteurs (`join`) may be many.
    pub lock: Option<Lock>,
}

/// Opens a session for facilitation: takes the lock, cleans what a killed process left.
pub fn open_session(path: &Path) -> Result<Opened, StoreError> {
    let lock = Lock::acquire(path)?;
    store::clean_stale_temps(path);
    let mut opened = read_session(path)?;
    opened.lock = Some(lock);
    Ok(opened)
}

/// Reads a session without the facilitator lock (a rapporteur's `join`).
pub fn read_session(path: &Path) -> Result<Opened, StoreError> {
    let stamp = store::sync::stamp(path);
    let text = std::fs::read_to_string(path).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let session = store::parse(&text, path)?;
    Ok(Opened {
        session,
        text,
        stamp,
        lock: None,
    })
}

/// Who this process is on the session: the facilitator, or a rapporteur of one group.
#[derive(Debug, Clone)]
pub struct Seat {
    pub scope: Option<crate::domain::ThemeId>,
    pub who: String,
}

impl Seat {
    pub fn facilitator() -> Seat {
        Seat {
            scope: None,
            who: rust_i18n::t!("presence.facilitator").into_owned(),
        }
    }
}

/// Runs the facilitator view on a session until the user quits or a signal arrives.
pub fn run_session(path: PathBuf, options: Options) -> Result<(), crate::cli::RunError> {
    let opened = open_session(&path)?;
    run_opened(opened, path, options, Seat::facilitator())
}

/// Runs a session already opened, for a seat.
pub fn run_opened(
    opened: Opened,
    path: PathBuf,
    options: Options,
    seat: Seat,
) -> Result<(), crate::cli::RunError> {
    let mut guard = TerminalGuard::new()?;
    let inputs = spawn_inputs()?;
    session_loop(&mut guard.terminal, &inputs, opened, path, options, seat)
}

/// The launcher, then the chosen session, in one terminal session.
pub fn run_launcher(
    dirs: Vec<PathBuf>,
    data_dir: Option<PathBuf>,
    options: Options,
) -> Result<(), crate::cli::RunError> {
    let mut guard = TerminalGuard::new()?;
    let inputs = spawn_inputs()?;
    let mut launcher = Launcher::new(store::list_sessions(&dirs));
    let palette = crate::ui::theme::Palette::new(options.theme, options.color);
    loop {
        guard
            .terminal
            .draw(|f| crate::ui::launcher::render(&launcher, &palette, f.area(), f.buffer_mut()))?;
        let input = match inputs.1.recv() {
            Ok(i) => i,
            Err(_) => return Ok(()),
        };
        match input {
            Input::Signal | Input::ReadFailed => return Ok(()),
            Input::FileChanged | Input::PresenceChanged => {}
            Input::Term(Event::Key(key)) => {
                if let Some(a) = keymap::action_for(launcher.mode(), key) {
                    update_launcher(&mut launcher, a);
                }
            }
            Input::Term(Event::Paste(text)) => update_launcher(&mut launcher, Action::Paste(text)),
            Input::Term(_) => {}
        }
        if launcher.quit {
            return Ok(());
        }
        let Some(choice) = launcher.choice.take() else {
            continue;
        };
        let path = match choice {
            LauncherChoice::Open(p) => Ok(p),
            LauncherChoice::New(title) => match &data_dir {
                Some(dir) => {
                    let p = store::unique_path(dir, &store::slug(&title));
                    let s = crate::domain::Session::new(title.clone(), title);
                    store::create(&p, &s).map(|_| p)
                }
                None => Err(StoreError::AlreadyExists {
                    path: PathBuf::from("?"),
                }),
            },
            LauncherChoice::Example => match &data_dir {
                Some(dir) => {
                    let p = dir.join(crate::cli::EXAMPLE_FILE);
                    if p.exists() {
                        Ok(p)
                    } else {
                        store::create_text(&p, crate::cli::EXAMPLE).map(|_| p)
                    }
                }
                None => Err(StoreError::AlreadyExists {
                    path: PathBuf::from("?"),
                }),
            },
        };
        let opened = path.and_then(|p| open_session(&p).map(|o| (o, p)));
        match opened {
            Ok((opened, path)) => {
                return session_loop(
                    &mut guard.terminal,
                    &inputs,
                    opened,
                    path,
                    options,
                    Seat::facilitator(),
                );
            }
            Err(e) => launcher.message = Some(e.user_message()),
        }
    }
}

/// Merges with the file: the others' edits come in, ours go out.
fn sync(state: &mut State, shared: &mut store::sync::Shared) -> Redraw {
    let at = now();
    let had_pending = !state.pending.is_empty();
    let had_error = state.save.error.clone();
    let result = shared.sync(
        &state.path,
        &mut state.session,
        &mut state.pending,
        &state.who,
        at,
    );
    match result {
        Ok(outcome) => {
            crate::app::update::synced(state, &outcome.report, outcome.reloaded);
            if had_pending || state.save.error.is_some() {
                update(state, Action::Saved(at));
            }
            if outcome.reloaded || had_pending || had_error.is_some() {
                Redraw::All
            } else {
                Redraw::No
            }
        }
        Err(e) => {
            let message = e.user_message();
            if had_error.as_ref() == Some(&message) {
                Redraw::No
            } else {
                update(state, Action::SaveFailed(message));
                Redraw::All
            }
        }
    }
}

/// What a file event says, for this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileEvent {
    /// The session file may have new content: written, replaced, created or deleted.
    Session,
    /// A process came or went (its presence file was put in place, closed or removed).
    Presence,
    /// Anything else: a read, an open, a temporary file, a change of permissions.
    Nothing,
}

/// Sorts one event. Reads are the trap: the mere opening of the session file (this process's
/// own reads included) is an event, and answering it with a read would never end.
fn classify(ev: &notify::Event, name: &std::ffi::OsStr, who: &str) -> FileEvent {
    use notify::EventKind as K;
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    let changes_content = matches!(
        ev.kind,
        K::Create(_)
            | K::Remove(_)
            | K::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
            | K::Access(AccessKind::Close(AccessMode::Write))
            | K::Any
            | K::Other
    );
    if !changes_content {
        return FileEvent::Nothing;
    }
    let mut names = ev.paths.iter().filter_map(|p| p.file_name());
    if names.clone().any(|f| f == name) {
        return FileEvent::Session;
    }
    // A presence file is closed for writing only when its process ends, however it ends.
    if names.any(|f| f.to_string_lossy().starts_with(who)) {
        return FileEvent::Presence;
    }
    FileEvent::Nothing
}

/// Sends `FileChanged` when the directory of the session reports a change of the session file
/// (and `PresenceChanged` for a process coming or going). Where
/// events do not arrive (network file systems) the loop's polling still notices. `events`
/// turns true at the first event of any file in the directory (our own presence file, made
/// just after): from then on events are known to work and the loop stops polling.
fn watch(
    path: &Path,
    tx: Sender<Input>,
    events: Arc<AtomicBool>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let name = path.file_name()?.to_os_string();
    let who = format!(".{}.who.", name.to_string_lossy());
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            events.store(true, Ordering::Relaxed);
            let _ = match classify(&ev, &name, &who) {
                FileEvent::Session => tx.send(Input::FileChanged),
                FileEvent::Presence => tx.send(Input::PresenceChanged),
                FileEvent::Nothing => Ok(()),
            };
        }
    })
    .ok()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}

/// Every export format of the session, beside it; the result as a footer message.
fn export_all(state: &State) -> Action {
    use crate::export::{self, Format};
    let now = now();
    let opts = export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
    };
    let dir = crate::cli::default_export_dir(&state.path);
    let files: Vec<export::OutFile> = [
        Format::Md,
        Format::Csv,
        Format::Ics,
        Format::Eml,
        Format::Html,
    ]
    .into_iter()
    .flat_map(|f| export::render(&state.session, f, &opts))
    .collect();
    match export::write_files(&dir, &files) {
        Ok(written) => Action::Exported {
            ok: true,
            message: rust_i18n::t!("flash.exported", n = written.len(), dir = dir.display())
                .into_owned(),
        },
        Err(e) => Action::Exported {
            ok: false,
            message: rust_i18n::t!("cli.export.failed", error = e).into_owned(),
        },
    }
}

fn ring_bell() {
    let mut out = io::stdout();
    let _ = out.write_all(b"\x07");
    let _ = out.flush();
}

fn session_loop(
    terminal: &mut Term,
    inputs: &(Sender<Input>, Receiver<Input>),
    opened: Opened,
    path: PathBuf,
    options: Options,
    seat: Seat,
) -> Result<(), crate::cli::RunError> {
    let (tx, inputs) = inputs;
    let mut shared = store::sync::Shared::new(opened.text, opened.stamp);
    let events = Arc::new(AtomicBool::new(false));
    let _watcher = watch(&path, tx.clone(), events.clone());
    let presence = store::presence::Presence::announce(&path, &seat.who).ok();
    let mut state = State::new(opened.session, path, now());
    state.theme = options.theme;
    state.color = options.color;
    state.who = seat.who.clone();
    state.scope = seat.scope;
    state.sync_after_step();
    state.others = presence.as_ref().map(|p| p.others()).unwrap_or_default();
    let size = terminal.size()?;
    update(&mut state, Action::Resize(size.width, size.height));
    // A session whose workshop is over offers the next one straight away (Esc to decline).
    if state.scope.is_none()
        && matches!(
            state.phase_kind(),
            crate::domain::workshop::PhaseKind::Commitments
                | crate::domain::workshop::PhaseKind::Closed
        )
    {
        update(&mut state, Action::OpenNextWorkshop);
    }
    let mut dirty_since: Option<Instant> = None;
    let mut last_failed: Option<Instant> = None;
    let mut redraw = Redraw::All;
    let mut cache = crate::ui::ScreenCache::default();
    let mut last_second = state.now.timestamp();
    let mut last_poll = Instant::now();
    let mut last_presence = Instant::now();
    let mut presence_recheck: Option<Instant> = None;
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
        let input = match inputs.recv_timeout(timeout) {
            Ok(i) => Some(i),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::ReadFailed),
        };
        let t = now();
        if t.timestamp() != last_second {
            last_second = t.timestamp();
            if update(&mut state, Action::Tick(t)) == Effect::Bell {
                ring_bell();
            }
            // Where file events do not arrive, the list of connected processes is read now
            // and then; elsewhere arrivals and departures (even a kill -9) come as events.
            if let Some(p) = &presence
                && polling
                && last_presence.elapsed() >= PRESENCE_CHECK
            {
                state.others = p.others();
                last_presence = Instant::now();
            }
            redraw = Redraw::All;
        } else {
            state.now = t;
        }
        if presence_recheck.is_some_and(|at| at <= Instant::now()) {
            presence_recheck = None;
            if let Some(p) = &presence {
                let others = p.others();
                if others != state.others {
                    state.others = others;
                    redraw = Redraw::All;
                }
            }
        }
        let mut quit = false;
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
                    state.others = p.others();
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
            Some(Input::Term(ev)) => {
                let action = match ev {
                    Event::Key(key) => keymap::action_for(state.mode(), key),
                    Event::Paste(text) => Some(Action::Paste(text)),
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
                    match update(&mut state, a) {
                        Effect::Quit => quit = true,
                        Effect::Bell => ring_bell(),
                        Effect::Export => {
                            let outcome = export_all(&state);
                            update(&mut state, outcome);
                        }
                        Effect::None => {}
                    }
                }
            }
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

/// The terminal is gone: keeps what is being typed (stored like an Enter) and saves.
fn close(state: &mut State, shared: &mut store::sync::Shared) -> Result<(), crate::cli::RunError> {
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
fn rescue(state: &State) -> crate::cli::RunError {
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
    crate::cli::CliError::Unsaved {
        error,
        rescue: saved,
    }
}
