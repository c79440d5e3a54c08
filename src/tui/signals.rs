//! Being told to stop: on Unix SIGTERM, SIGHUP (the terminal closed) and SIGINT; on Windows
//! the console's control events (the window closed, the user logging off, the machine
//! shutting down, Ctrl-Break). Either way the event loop gets `Input::Signal`, keeps what is
//! being typed, saves and ends. Windows ends the process as soon as its handler returns, so
//! the handler waits for the loop to say it is done ([`CLOSED`]), a few seconds at most.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::input::Input;

/// Set once the session is saved and the app is ending.
pub static CLOSED: Latch = Latch::new();

/// How long a Windows console handler keeps the process alive for the save: Windows allows
/// 5 s after a window is closed before it ends the process anyway.
#[cfg_attr(not(windows), allow(dead_code))] // the Windows handler's; tested everywhere
pub const CLOSE_WAIT: Duration = Duration::from_millis(4500);

/// A one-way flag one thread waits on and another sets.
pub struct Latch {
    done: Mutex<bool>,
    cv: Condvar,
}

impl Latch {
    pub const fn new() -> Latch {
        Latch {
            done: Mutex::new(false),
            cv: Condvar::new(),
        }
    }

    pub fn set(&self) {
        if let Ok(mut d) = self.done.lock() {
            *d = true;
        }
        self.cv.notify_all();
    }

    /// Waits until set, or `timeout`; true if set.
    #[cfg_attr(not(windows), allow(dead_code))] // the Windows handler's; tested everywhere
    pub fn wait(&self, timeout: Duration) -> bool {
        let Ok(guard) = self.done.lock() else {
            return false;
        };
        match self.cv.wait_timeout_while(guard, timeout, |done| !*done) {
            Ok((done, _)) => *done,
            Err(_) => false,
        }
    }
}

/// Which console control events mean « save and end » (Windows' `CTRL_*_EVENT` codes): Ctrl-C
/// (0; in raw mode it arrives as a key instead), Ctrl-Break (1), the window closed (2),
/// logging off (5), shutting down (6).
#[cfg_attr(not(windows), allow(dead_code))] // the Windows handler's; tested everywhere
pub fn control_event_quits(code: u32) -> bool {
    matches!(code, 0 | 1 | 2 | 5 | 6)
}

/// Sends `Input::Signal` on `tx` when the process is told to stop.
#[cfg(unix)]
pub fn watch(tx: Sender<Input>) -> io::Result<()> {
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
    Ok(())
}

#[cfg(windows)]
static TX: std::sync::OnceLock<Mutex<Sender<Input>>> = std::sync::OnceLock::new();

/// Called by Windows on a thread of its own for each console control event.
#[cfg(windows)]
unsafe extern "system" fn on_control(code: u32) -> windows_sys::core::BOOL {
    if !control_event_quits(code) {
        return 0;
    }
    if let Some(Ok(tx)) = TX.get().map(|m| m.lock()) {
        let _ = tx.send(Input::Signal);
    }
    // Returning ends the process: not before the session is saved.
    CLOSED.wait(CLOSE_WAIT);
    1
}

/// Sends `Input::Signal` on `tx` when the process is told to stop.
#[cfg(windows)]
pub fn watch(tx: Sender<Input>) -> io::Result<()> {
    let _ = TX.set(Mutex::new(tx));
    // SAFETY: registers a function with the signature Windows calls, for the whole process.
    let ok =
        unsafe { windows_sys::Win32::System::Console::SetConsoleCtrlHandler(Some(on_control), 1) };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
pub fn watch(_tx: Sender<Input>) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_logging_off_shutting_down_and_ctrl_break_end_the_app() {
        for code in [0, 1, 2, 5, 6] {
            assert!(control_event_quits(code), "{code}");
        }
        // 3 and 4 are not sent to console programs; anything else is not ours.
        for code in [3, 4, 7, 100] {
            assert!(!control_event_quits(code), "{code}");
        }
    }

    #[test]
    fn the_close_handler_waits_for_the_save_and_no_longer() {
        static L: Latch = Latch::new();
        let t = std::thread::spawn(|| L.wait(Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(20));
        L.set();
        assert!(t.join().unwrap_or(false));
        // Not set: the wait ends at its timeout, false.
        let other = Latch::new();
        let start = std::time::Instant::now();
        assert!(!other.wait(Duration::from_millis(30)));
        assert!(start.elapsed() >= Duration::from_millis(30));
        // Already set: no wait.
        assert!(L.wait(Duration::from_secs(10)));
        assert!(CLOSE_WAIT < Duration::from_secs(5));
    }
}
