//! Opening a session for a seat: the facilitator's lock, a rapporteur's read.

use std::path::Path;

use crate::store::{self, Lock, StoreError};

/// A session as loaded: the model and the exact text it was read from.
pub struct Opened {
    pub session: crate::domain::Session,
    pub text: String,
    /// The file's stamp, taken before the text was read.
    pub stamp: Option<store::sync::Stamp>,
    /// Held by the facilitator only: rapporteurs (`join`) may be many.
    pub lock: Option<Lock>,
    /// The folder cannot be written: shown, never edited.
    pub read_only: bool,
}

/// Opens a session for facilitation: takes the lock, cleans what a killed process left.
pub fn open_session(path: &Path) -> Result<Opened, StoreError> {
    let lock = match Lock::acquire(path) {
        Ok(lock) => lock,
        // The folder cannot be written (no lock file can be made there): the session is
        // shown read-only, with a banner, rather than refused.
        Err(StoreError::Io { source, .. })
            if matches!(
                source.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) && path.is_file() =>
        {
            let mut opened = read_session(path)?;
            opened.read_only = true;
            return Ok(opened);
        }
        Err(e) => return Err(e),
    };
    store::clean_stale_temps(path);
    let mut opened = match read_session(path) {
        Ok(o) => o,
        Err(e) => {
            // Nothing was opened: no lock file left beside a file that is not a session.
            lock.remove();
            return Err(e);
        }
    };
    opened.lock = Some(lock);
    Ok(opened)
}

/// Reads a session without the facilitator lock (a rapporteur's `join`).
pub fn read_session(path: &Path) -> Result<Opened, StoreError> {
    let (session, text, stamp) = store::sync::read(path)?;
    Ok(Opened {
        session,
        text,
        stamp,
        lock: None,
        read_only: false,
    })
}

/// Who this process is on the session: the facilitator, or a rapporteur of one group.
#[derive(Debug, Clone)]
pub struct Seat {
    pub scope: Option<crate::domain::ThemeId>,
    pub who: String,
    /// An assistant of the rencontre (`join --cartes`).
    pub assistant: bool,
}

impl Seat {
    pub fn facilitator() -> Seat {
        Seat {
            scope: None,
            who: rust_i18n::t!("presence.facilitator").into_owned(),
            assistant: false,
        }
    }
}
