//! Everything that wakes the event loop, each from its own thread: the terminal's events, the
//! signals, the terminal's hang-up, and file events of the session's directory.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, Receiver, Sender};

use crossterm::event::{self, Event};

pub(super) enum Input {
    /// A terminal event and when it was read: bursts and pasted line breaks are told apart
    /// by when keys arrived, not by when a busy loop got to them.
    Term(Event, std::time::Instant),
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

pub(super) fn spawn_inputs() -> io::Result<(Sender<Input>, Receiver<Input>)> {
    let (tx, rx) = mpsc::channel();
    let keep = tx.clone();
    let keys: Sender<Input> = tx.clone();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(e) => Input::Term(e, std::time::Instant::now()),
                    Err(_) => Input::ReadFailed,
                };
                let stop = matches!(msg, Input::ReadFailed);
                if keys.send(msg).is_err() || stop {
                    break;
                }
            }
        })?;
    super::signals::watch(tx)?;
    // Without a controlling terminal (unusual) only the signals and the reader tell.
    let _ = watch_hangup(keep.clone());
    Ok((keep, rx))
}

/// Sends `FileChanged` when the session file changes on disk and `PresenceChanged` when a
/// process comes or goes (`store::watch`).
pub(super) fn watch(
    path: &Path,
    tx: Sender<Input>,
    events: Arc<AtomicBool>,
) -> Option<notify::RecommendedWatcher> {
    use crate::store::watch::FileEvent;
    crate::store::watch::watch(path, events, move |ev| {
        let _ = match ev {
            FileEvent::Session => tx.send(Input::FileChanged),
            FileEvent::Presence => tx.send(Input::PresenceChanged),
            FileEvent::Nothing => Ok(()),
        };
    })
}

/// The terminal's key as the app's; None for key releases and keys the app has no use for.
pub(super) fn app_key(ev: event::KeyEvent) -> Option<crate::app::Key> {
    use crate::app::{Key, KeyCode as K, KeyModifiers};
    use event::KeyCode as C;
    if ev.kind == event::KeyEventKind::Release {
        return None;
    }
    let code = match ev.code {
        // A line feed (Ctrl-J in raw mode) is a newline: Enter. The editor would otherwise
        // take it as « delete to the start of the line » and lose what was typed.
        C::Char('j') if ev.modifiers.contains(event::KeyModifiers::CONTROL) => {
            return Some(Key::new(K::Enter, KeyModifiers::NONE));
        }
        // A control character typed or sent raw is never text (see `domain::clean`).
        C::Char(c) if crate::domain::clean::is_unsafe(c) => return None,
        C::Char(c) => K::Char(c),
        C::Enter => K::Enter,
        C::Esc => K::Esc,
        C::Tab => K::Tab,
        C::BackTab => K::BackTab,
        C::Backspace => K::Backspace,
        C::Delete => K::Delete,
        C::Insert => K::Insert,
        C::Up => K::Up,
        C::Down => K::Down,
        C::Left => K::Left,
        C::Right => K::Right,
        C::Home => K::Home,
        C::End => K::End,
        C::PageUp => K::PageUp,
        C::PageDown => K::PageDown,
        C::F(n) => K::F(n),
        _ => return None,
    };
    let m = ev.modifiers;
    let modifiers = KeyModifiers {
        shift: m.contains(event::KeyModifiers::SHIFT),
        ctrl: m.contains(event::KeyModifiers::CONTROL),
        alt: m.contains(event::KeyModifiers::ALT),
    };
    Some(Key::new(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_sent_raw_are_not_keys() {
        let key = |c| event::KeyEvent::new(event::KeyCode::Char(c), event::KeyModifiers::NONE);
        for c in [
            '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{7f}',
        ] {
            assert_eq!(app_key(key(c)), None, "{c:?}");
        }
        assert!(app_key(key('é')).is_some());
    }
}
