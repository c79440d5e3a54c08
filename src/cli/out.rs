//! What the command line prints. A reader that stops reading (`atelier list | head -1`,
//! `grep -q`) ends the process quietly, as it ends other command-line tools, instead of a
//! panic (« failed printing to stdout »). Nothing printed carries a control character.

use std::io::Write;

/// Prints `text` on the standard output, without what a terminal would run
/// (`domain::clean::for_terminal`: titles, names and paths come from files and arguments).
pub fn text(text: &str) {
    let text = crate::domain::clean::for_terminal(text);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        gone(&e);
    }
}

/// Prints `text` and a line end.
pub fn line(line: &str) {
    text(&format!("{line}\n"));
}

/// Prints `text` and a line end on the error stream (warnings).
pub fn warn(line: &str) {
    let line = crate::domain::clean::for_terminal(line);
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The reader is gone (a closed pipe: `EPIPE`; on Windows « the pipe is being closed » or
/// « no process is on the other end »): nothing more can be said, the work is done.
fn gone(e: &std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe || matches!(e.raw_os_error(), Some(232 | 233)) {
        std::process::exit(0);
    }
}

/// `println!` for the command line's output (see the module).
macro_rules! say {
    () => {
        $crate::cli::out::line("")
    };
    ($($arg:tt)*) => {
        $crate::cli::out::line(&format!($($arg)*))
    };
}
pub(crate) use say;

/// Writes `bytes` as they are on the standard output (a file's content: a CSV keeps its CR LF
/// and its byte-order mark); they were cleaned as an export's are.
pub fn bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        gone(&e);
    }
}

/// A file's bytes to standard output, or to `out` with the message `written` (a locale key
/// taking `path`) on standard output.
pub fn file_or_stdout(
    bytes: &[u8],
    out: Option<&std::path::Path>,
    written: &str,
) -> Result<(), crate::error::CliError> {
    match out {
        None => self::bytes(bytes),
        Some(o) => {
            std::fs::write(o, bytes).map_err(crate::error::CliError::Export)?;
            line(&rust_i18n::t!(written, path = o.display()));
        }
    }
    Ok(())
}
