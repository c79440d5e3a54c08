//! Several processes on one session file (one facilitator, any number of rapporteurs).
//!
//! No process ever writes its whole in-memory state over the file. Each save takes the write
//! lock, re-reads the latest file, replays this process's pending operations onto it
//! (`domain::merge`), writes atomically and releases: edits of others are never overwritten.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::domain::merge::{MergeReport, Pending, replay};
use crate::domain::{Session, Timestamp};

use super::{StoreError, parse, to_text, write_atomic};

fn write_lock_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".writelock");
    session.with_file_name(name)
}

/// Held while a process reads, merges and writes; other writers wait (a few milliseconds).
struct WriteLock(#[allow(dead_code)] File);

impl WriteLock {
    fn take(session: &Path) -> Result<WriteLock, StoreError> {
        let path = write_lock_path(session);
        let io = |e| StoreError::Io {
            path: path.clone(),
            source: e,
        };
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        f.lock().map_err(io)?;
        Ok(WriteLock(f))
    }
}

/// What this process knows of the file.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// The text last read or written by this process.
    pub last_text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// The file had changes from another process (the session was reloaded).
    pub reloaded: bool,
    /// This process wrote its pending edits.
    pub wrote: bool,
    pub report: MergeReport,
}

impl Shared {
    pub fn new(text: String) -> Self {
        Shared { last_text: text }
    }

    /// Brings `session` and the file together: the others' changes come in, this process's
    /// `pending` edits go out (and are cleared once written). On error nothing is lost: the
    /// pending edits stay for the next attempt.
    pub fn sync(
        &mut self,
        path: &Path,
        session: &mut Session,
        pending: &mut Vec<Pending>,
        who: &str,
        now: Timestamp,
    ) -> Result<SyncOutcome, StoreError> {
        let _lock = WriteLock::take(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| StoreError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let mut outcome = SyncOutcome::default();
        if text == self.last_text {
            if pending.is_empty() {
                return Ok(outcome);
            }
            // Nobody else wrote: what is in memory is the file plus our edits.
            let out = to_text(session)?;
            write_atomic(path, out.as_bytes())?;
            self.last_text = out;
            pending.clear();
            outcome.wrote = true;
            return Ok(outcome);
        }
        // Someone else wrote. A file that does not parse is never overwritten.
        let mut latest = parse(&text, path)?;
        outcome.reloaded = true;
        if pending.is_empty() {
            *session = latest;
            self.last_text = text;
            return Ok(outcome);
        }
        outcome.report = replay(&mut latest, pending, session, who, now);
        let out = to_text(&latest)?;
        write_atomic(path, out.as_bytes())?;
        *session = latest;
        self.last_text = out;
        pending.clear();
        outcome.wrote = true;
        Ok(outcome)
    }
}

/// A cheap fingerprint of the file, to notice changes by polling where file events do not
/// arrive (network file systems).
pub fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}
