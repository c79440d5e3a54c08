//! The terminal's mode: raw, alternate screen, mouse and paste; restored whatever the exit
//! path (quit, error, panic, signal), and quiet once the terminal is gone.

use std::io::{self, Stdout, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

pub type Term = Terminal<SafeBackend<CrosstermBackend<Stdout>>>;

/// The terminal's backend with the last word on what reaches the screen: a cell whose text
/// holds a control, bidirectional or invisible character (`domain::clean`) is drawn without
/// it, whichever view put it there; escape sequences are only ever the backend's own.
pub struct SafeBackend<B>(pub B);

impl<B: Backend> Backend for SafeBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cleaned: Vec<(u16, u16, Cell)> = Vec::new();
        let cells: Vec<(u16, u16, &'a Cell)> = content.collect();
        let unsafe_cell = |c: &Cell| {
            matches!(
                crate::domain::clean::for_terminal(c.symbol()),
                std::borrow::Cow::Owned(_)
            )
        };
        if !cells.iter().any(|(_, _, c)| unsafe_cell(c)) {
            return self.0.draw(cells.into_iter());
        }
        for (x, y, c) in cells {
            let mut c = c.clone();
            if unsafe_cell(&c) {
                let text = crate::domain::clean::for_terminal(c.symbol()).into_owned();
                // A cell emptied entirely keeps its place as a space.
                c.set_symbol(if text.is_empty() { " " } else { &text });
            }
            cleaned.push((x, y, c));
        }
        self.0.draw(cleaned.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

pub(super) fn restore_terminal() {
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
        let terminal = Terminal::new(SafeBackend(CrosstermBackend::new(out)))
            .inspect_err(|_| restore_terminal())?;
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
