//! What can stop a command or the terminal UI, and how it is told to the user: shared by the
//! command line (`cli`) and the terminal shell (`tui`), which do not depend on each other.

use std::path::PathBuf;

use rust_i18n::t;

use crate::store::StoreError;

/// Exit codes: 0 fine, 1 an operation failed, 2 a file or the command line is wrong.
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;

pub enum CliError {
    Store(StoreError),
    NoDataDir,
    Terminal(std::io::Error),
    /// A bad argument, with its message.
    Usage(String),
    Export(std::io::Error),
    /// The session could not be written on quitting; the edits went to `rescue`, if anywhere.
    Unsaved {
        error: String,
        rescue: Option<PathBuf>,
    },
    /// The room in the browsers could not start (no network address, a port taken).
    Room(String),
    /// An open-data file could not be imported (`atelier import`).
    Import(crate::import::ImportError),
}

/// What can stop the terminal UI.
pub type RunError = CliError;

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Terminal(e)
    }
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Store(StoreError::Parse { .. })
            | CliError::Store(StoreError::TooNew { .. })
            | CliError::Store(StoreError::Integrity { .. })
            | CliError::Store(StoreError::HardLinked { .. })
            | CliError::Usage(_) => EXIT_BAD_INPUT,
            CliError::Import(e) if e.is_bad_input() => EXIT_BAD_INPUT,
            // Not a session at all: a pipe, a device, a file too large (`store::read_text`).
            CliError::Store(StoreError::Io { source, .. })
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
                ) =>
            {
                EXIT_BAD_INPUT
            }
            _ => EXIT_FAILURE,
        }
    }

    pub fn message(&self) -> String {
        match self {
            CliError::Store(e) => e.user_message(),
            CliError::NoDataDir => t!("cli.no_data_dir").into_owned(),
            CliError::Terminal(e) => t!("cli.terminal", error = e).into_owned(),
            CliError::Usage(m) | CliError::Room(m) => m.clone(),
            CliError::Import(e) => e.user_message(),
            CliError::Export(e) => t!("cli.export.failed", error = e).into_owned(),
            CliError::Unsaved { error, rescue } => match rescue {
                Some(p) => t!("cli.rescued", error = error, path = p.display()).into_owned(),
                None => t!("cli.lost", error = error).into_owned(),
            },
        }
    }
}

impl From<crate::web::RoomError> for CliError {
    fn from(e: crate::web::RoomError) -> Self {
        match e {
            crate::web::RoomError::Store(e) => CliError::Store(e),
            other => CliError::Room(other.to_string()),
        }
    }
}

impl From<crate::import::ImportError> for CliError {
    fn from(e: crate::import::ImportError) -> Self {
        CliError::Import(e)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}
