//! Several processes on one session file (one facilitator, any number of rapporteurs).
//!
//! No process ever writes its whole in-memory state over the file. Each save takes the write
//! lock, re-reads the latest file, replays this process's pending operations onto it
//! (`domain::merge`), writes atomically and releases: edits of others are never overwritten.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::domain::merge::{MergeReport, Pending, replay};
use crate::domain::{Revision, Session, Timestamp};

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
        loop {
            let f = WriteLock::open(&path).map_err(io)?;
            f.lock().map_err(io)?;
            // The last process leaving removed the file while we waited: this lock protects
            // nothing, the new file's does.
            if super::lock::still_at(&f, &path) {
                return Ok(WriteLock(f));
            }
        }
    }

    /// The lock if it comes within `wait` (a process leaving does not wait on a stuck one).
    fn take_within(session: &Path, wait: std::time::Duration) -> Option<WriteLock> {
        let path = write_lock_path(session);
        let since = std::time::Instant::now();
        loop {
            let f = WriteLock::open(&path).ok()?;
            match f.try_lock() {
                Ok(()) if super::lock::still_at(&f, &path) => return Some(WriteLock(f)),
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) if since.elapsed() < wait => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(_) => return None,
            }
        }
    }

    fn open(path: &Path) -> std::io::Result<File> {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
    }
}

/// How long a process leaving waits for another one's save to end before it leaves the lock
/// files be.
const LEAVE_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Leaving a session: this process's presence file goes, and when no other process is on the
/// session any more, its lock files too (`NAME.ron.lock`, `NAME.ron.writelock`), so that
/// nothing is left beside the session once everyone quit. Done under the write lock, each
/// file removed while locked: a process that opened one meanwhile finds, once it has the
/// lock, that the file is gone and takes the new one (`lock::still_at`); a facilitator
/// starting meanwhile holds the facilitator lock, which then stays.
/// Unix only: Windows refuses to open a file being removed, so there they stay (harmless).
pub fn leave(
    session: &Path,
    presence: Option<super::presence::Presence>,
    lock: Option<super::Lock>,
) {
    // Without a presence file (a folder that cannot be written) who else is there is unknown.
    let Some(presence) = presence else {
        return;
    };
    if !cfg!(unix) {
        return;
    }
    let Some(write_lock) = WriteLock::take_within(session, LEAVE_WAIT) else {
        return;
    };
    if !presence.leave_alone() {
        return;
    }
    match lock {
        Some(lock) => lock.remove(),
        None => super::lock::remove_if_free(session),
    }
    let _ = std::fs::remove_file(write_lock_path(session));
    drop(write_lock);
}

/// The session, its text and the file's stamp (taken before the read, so that a save in
/// between shows as a change): what a process joining the file starts from.
pub fn read(path: &Path) -> Result<(Session, String, Option<Stamp>), StoreError> {
    let stamp = stamp(path);
    let text = super::read_text(path).map_err(|e| StoreError::reading(path, e))?;
    let session = parse(&text, path)?;
    Ok((session, text, stamp))
}

/// What this process knows of the file.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// The text last read or written by this process.
    pub last_text: String,
    /// The file's stamp when `last_text` was read or written, taken under the write lock: a
    /// file event whose file still has this stamp is this process's own save (or a mere
    /// read), never worth reading the file again.
    stamp: Option<Stamp>,
    /// The highest save count (`Session::saves`) this process has read or written.
    seen_saves: u64,
    /// How many copies were set aside beside the file when this process last looked: a new
    /// one (set aside by another process) is said here too.
    known_asides: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncOutcome {
    /// The file had changes from another process (the session was reloaded).
    pub reloaded: bool,
    /// How many of the pending edits (the first ones) are now in the file.
    pub written: usize,
    /// The file had been deleted by another program and was written again from memory.
    pub recreated: bool,
    pub report: MergeReport,
    /// The session as the file now holds it, where it differs from the one in memory.
    pub session: Option<Session>,
    /// The revision each calendar item (a line, a group's next meeting, the plenary) whose
    /// content was saved now has in the file.
    pub revised: Vec<(Revised, Revision)>,
    /// The file went back to an older copy (its save count went down): the newer session
    /// this process had was written beside it, here.
    pub set_aside: Option<PathBuf>,
}

impl SyncOutcome {
    /// Whether this process wrote the file.
    pub fn wrote(&self) -> bool {
        self.written > 0
    }

    /// Takes the outcome in: the file's session, and the pending edits it now holds removed.
    pub fn apply_to(&mut self, session: &mut Session, pending: &mut Vec<Pending>) {
        pending.drain(..self.written.min(pending.len()));
        if let Some(s) = self.session.take() {
            *session = s;
        }
        for (item, revision) in self.revised.drain(..) {
            set_revision(session, item, revision);
        }
    }
}

/// A calendar item whose content a save changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Revised {
    Line(crate::domain::LineId),
    /// A group's next meeting (its date or its next steps), by theme.
    Meeting(crate::domain::ThemeId),
    Plenary,
    /// A workshop's date, by number.
    Workshop(u32),
    /// A rencontre's date, by number.
    Rencontre(u32),
}

/// An item's revision as `session` holds it.
fn revision_of(session: &mut Session, item: Revised) -> Option<Revision> {
    match item {
        Revised::Line(id) => session.line_anywhere_mut(id).map(|l| Revision {
            count: l.revision,
            at: l.revised_at,
        }),
        Revised::Meeting(theme) => session.group(theme).map(|g| g.meeting_revision),
        Revised::Plenary => Some(session.plenary_revision),
        Revised::Workshop(n) => session.workshop(n).map(|w| w.date_revision),
        Revised::Rencontre(n) => session.rencontre(n).map(|r| r.date_revision),
    }
}

fn set_revision(session: &mut Session, item: Revised, r: Revision) {
    match item {
        Revised::Line(id) => {
            if let Some(l) = session.line_anywhere_mut(id) {
                l.revision = r.count;
                l.revised_at = r.at;
            }
        }
        Revised::Meeting(theme) => {
            if let Some(g) = session.groups.iter_mut().find(|g| g.theme == theme) {
                g.meeting_revision = r;
            }
        }
        Revised::Plenary => session.plenary_revision = r,
        Revised::Workshop(n) => {
            if let Some(w) = session.workshops.iter_mut().find(|w| w.number == n) {
                w.date_revision = r;
            }
        }
        Revised::Rencontre(n) => {
            if let Some(x) = session.rencontres.iter_mut().find(|x| x.number == n) {
                x.date_revision = r;
            }
        }
    }
}

/// Raises the revision of every calendar item the pending edits change, once per save,
/// stamped `now`: the calendar's SEQUENCE and LAST-MODIFIED (a line's cells, a group's next
/// meeting or next steps, the annual plenary, a workshop's or a rencontre's date). Done here, when the edits reach the file, so
/// that undoing an edit is a new revision too and the count only ever goes up, across
/// processes.
fn revise(session: &mut Session, pending: &[Pending], now: Timestamp) -> Vec<(Revised, Revision)> {
    use crate::domain::rencontre::RencontreField;
    use crate::domain::{GroupField, Op};
    fn items(op: &Op, out: &mut Vec<Revised>) {
        match op {
            Op::SetLine { line, .. } => out.push(Revised::Line(*line)),
            // A problem « hors atelier »: its follow-up line is edited with its card.
            Op::UpdateCard { card, .. } => {
                out.extend(card.follow.as_ref().map(|l| Revised::Line(l.id)))
            }
            Op::SetGroup {
                theme,
                field: GroupField::NextMeeting(_) | GroupField::NextSteps(_),
            } => out.push(Revised::Meeting(*theme)),
            Op::SetAnnualPlenary(_) => out.push(Revised::Plenary),
            Op::SetWorkshopDate { workshop, .. } => out.push(Revised::Workshop(*workshop)),
            Op::SetRencontre {
                rencontre,
                field: RencontreField::Date(_),
            } => out.push(Revised::Rencontre(*rencontre)),
            Op::Batch(ops) => ops.iter().for_each(|o| items(o, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    pending.iter().for_each(|p| items(&p.op, &mut all));
    all.sort_unstable();
    all.dedup();
    all.into_iter()
        .filter_map(|item| {
            let mut r = revision_of(session, item)?;
            r.raise(now);
            set_revision(session, item, r);
            Some((item, r))
        })
        .collect()
}

impl Shared {
    /// `stamp` is the file's, taken before `text` was read (so a save in between shows as a
    /// change, not the other way round).
    pub fn new(text: String, stamp: Option<Stamp>) -> Self {
        Shared {
            last_text: text,
            stamp,
            seen_saves: 0,
            known_asides: None,
        }
    }

    /// Whether the file may hold something this process has not read: its stamp differs
    /// from the one of the last read or write. One `stat`, no read.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        stamp(path) != self.stamp
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
        let mut outcome = self.merge(path, session, pending, who, now)?;
        outcome.apply_to(session, pending);
        Ok(outcome)
    }

    /// `sync` without touching the session in memory: what changed comes back in the
    /// outcome (the file's session if it differs, how many pending edits were written), for
    /// the app's `update` to take in.
    pub fn merge(
        &mut self,
        path: &Path,
        session: &Session,
        pending: &[Pending],
        who: &str,
        now: Timestamp,
    ) -> Result<SyncOutcome, StoreError> {
        let _lock = WriteLock::take(path)?;
        let before = stamp(path);
        let mut outcome = SyncOutcome::default();
        self.seen_saves = self.seen_saves.max(session.saves);
        if self.known_asides.is_none() {
            self.known_asides = Some(set_aside_copies(path).len());
        }
        let text = match super::read_text(path) {
            Ok(text) => text,
            // Deleted (or moved away) by another program. Nothing is lost: the session in
            // memory is the last file this process knew plus its own edits, and it is written
            // back as soon as there is an edit to save.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if pending.is_empty() {
                    self.stamp = None;
                    return Err(StoreError::Missing {
                        path: path.to_path_buf(),
                    });
                }
                let mut s = session.clone();
                outcome.revised = revise(&mut s, pending, now);
                self.write(path, &mut s)?;
                outcome.written = pending.len();
                outcome.recreated = true;
                return Ok(outcome);
            }
            Err(e) => return Err(StoreError::reading(path, e)),
        };
        if text == self.last_text {
            self.stamp = before;
            if pending.is_empty() {
                return Ok(outcome);
            }
            // Nobody else wrote: what is in memory is the file plus our edits.
            let mut s = session.clone();
            outcome.revised = revise(&mut s, pending, now);
            self.write(path, &mut s)?;
            outcome.written = pending.len();
            return Ok(outcome);
        }
        // Someone else wrote. A file that does not parse is never overwritten; its stamp is
        // kept so that it is not read again until it changes (or there is an edit to save).
        let mut latest = match parse(&text, path) {
            Ok(s) => s,
            Err(e) => {
                self.stamp = before;
                return Err(e);
            }
        };
        outcome.reloaded = true;
        let asides = set_aside_copies(path);
        let known = self.known_asides.unwrap_or(asides.len());
        if latest.saves < self.seen_saves {
            // An older copy was written over the file. It stays (somebody may have meant
            // it), and nothing is lost: the session this process had goes beside it. The
            // count restarts from the copy's, so that the next read is no new alarm.
            outcome.set_aside = Some(set_aside(path, session, now)?);
            self.seen_saves = latest.saves;
            self.known_asides = Some(asides.len() + 1);
        } else if asides.len() > known {
            // Another process noticed it first and set its session aside (with what this
            // one had saved: it had read it). Said here too.
            outcome.set_aside = asides.last().cloned();
            self.known_asides = Some(asides.len());
        }
        self.seen_saves = self.seen_saves.max(latest.saves);
        if pending.is_empty() {
            outcome.session = Some(latest);
            self.last_text = text;
            self.stamp = before;
            return Ok(outcome);
        }
        outcome.report = replay(&mut latest, pending, session, who, now);
        outcome.revised = revise(&mut latest, pending, now);
        self.write(path, &mut latest)?;
        outcome.session = Some(latest);
        outcome.written = pending.len();
        Ok(outcome)
    }

    /// Merges into the file the copies a file-sync tool left beside it
    /// ([`conflict_copies`]), with no common base (`domain::merge3::merge2`): what only a
    /// copy has is added, a copy's differing line texts go to the line's history. This
    /// process's pending edits are written first. Each copy merged is renamed
    /// `….fusionnée.ron` (kept, no longer offered); a copy that does not read is left where
    /// it is and named in `failed`.
    pub fn merge_copies(
        &mut self,
        path: &Path,
        session: &Session,
        pending: &[Pending],
        copies: &[PathBuf],
        who: &str,
        now: Timestamp,
    ) -> Result<CopiesOutcome, StoreError> {
        let mut sync = self.merge(path, session, pending, who, now)?;
        let _lock = WriteLock::take(path)?;
        let text = super::read_text(path).map_err(|e| StoreError::reading(path, e))?;
        let mut latest = parse(&text, path)?;
        let mut out = CopiesOutcome::default();
        for copy in copies {
            let read = super::read_text(copy)
                .map_err(|e| StoreError::reading(copy, e))
                .and_then(|t| parse(&t, copy));
            match read {
                Ok(c) => {
                    let (merged, report) = crate::domain::merge3::merge2(&latest, &c, who, now);
                    latest = merged;
                    out.kept += report.conflicts;
                    out.merged.push(copy.clone());
                }
                Err(e) => out.failed.push((copy.clone(), e.user_message())),
            }
        }
        if !out.merged.is_empty() {
            self.seen_saves = self.seen_saves.max(latest.saves);
            self.write(path, &mut latest)?;
            for copy in &out.merged {
                let name = copy
                    .file_stem()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let _ = super::replace(copy, &copy.with_file_name(format!("{name}.{MERGED}.ron")));
            }
            sync.reloaded = true;
            sync.session = Some(latest);
        }
        out.sync = sync;
        Ok(out)
    }

    /// Writes `s` as the file (the write lock held), one more save counted from the
    /// highest count seen, and remembers what was written.
    fn write(&mut self, path: &Path, s: &mut Session) -> Result<(), StoreError> {
        s.saves = s.saves.max(self.seen_saves) + 1;
        self.seen_saves = s.saves;
        let text = to_text(s)?;
        write_atomic(path, text.as_bytes())?;
        self.last_text = text;
        self.stamp = stamp(path);
        Ok(())
    }
}

/// Writes `session` beside `path` as `NAME.restauré-20261206-100503.ron` (a number
/// added if taken), never over a file.
fn set_aside(path: &Path, session: &Session, now: Timestamp) -> Result<PathBuf, StoreError> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let when = now.format("%Y%m%d-%H%M%S");
    let text = to_text(session)?;
    for n in 1..100 {
        let name = match n {
            1 => format!("{stem}.restauré-{when}.ron"),
            n => format!("{stem}.restauré-{when}-{n}.ron"),
        };
        let aside = path.with_file_name(name);
        match super::create_text(&aside, &text) {
            Err(StoreError::AlreadyExists { .. }) => continue,
            Err(e) => return Err(e),
            Ok(()) => return Ok(aside),
        }
    }
    Err(StoreError::AlreadyExists {
        path: path.to_path_buf(),
    })
}

/// The copies set aside beside a session (`NAME.restauré-*.ron`), oldest first.
pub fn set_aside_copies(path: &Path) -> Vec<PathBuf> {
    beside(path, |stem, name| {
        name.strip_prefix(stem)
            .is_some_and(|rest| rest.starts_with(".restauré-") && rest.ends_with(".ron"))
    })
}

/// The files beside `path` whose name `keep` takes (given the session's stem and the
/// file's name), sorted by name.
fn beside(path: &Path, keep: impl Fn(&str, &str) -> bool) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (path.parent(), path.file_stem()) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let stem = stem.to_string_lossy();
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| keep(&stem, &e.file_name().to_string_lossy()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What [`Shared::merge_copies`] did.
#[derive(Debug, Default)]
pub struct CopiesOutcome {
    /// The pending edits written, and the file as it now is.
    pub sync: SyncOutcome,
    pub merged: Vec<PathBuf>,
    /// Texts of the copies kept in the lines' history.
    pub kept: usize,
    pub failed: Vec<(PathBuf, String)>,
}

/// The mark a merged copy's name takes (`NAME.sync-conflict-….fusionnée.ron`).
const MERGED: &str = "fusionnée";

/// What sync tools put in a copy's name.
const COPY_MARKS: [&str; 4] = [
    ".sync-conflict-",
    "conflicted copy",
    "copie en conflit",
    "_conflict-",
];

/// A copy's name: one a sync tool left, or one already merged.
pub fn is_copy_name(name: &str) -> bool {
    let name = name.to_lowercase();
    name.contains(MERGED) || COPY_MARKS.iter().any(|mark| name.contains(mark))
}

/// Copies of the session a file-sync tool left beside it when two computers changed it at
/// once, oldest name first: Syncthing's `NAME.sync-conflict-20261207-101500-ABCDEFG.ron`,
/// Nextcloud's and ownCloud's `NAME (conflicted copy 2026-12-07 101500).ron` and
/// `NAME_conflict-20261207-101500.ron`, Dropbox's `NAME (Camille's conflicted copy
/// 2026-12-07).ron` (`copie en conflit` in French). Copies already merged are not listed.
pub fn conflict_copies(path: &Path) -> Vec<PathBuf> {
    let own = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    beside(path, |stem, name| {
        let (stem, name) = (stem.to_lowercase(), name.to_lowercase());
        let Some(middle) = name
            .strip_prefix(&stem)
            .and_then(|rest| rest.strip_suffix(".ron"))
        else {
            return false;
        };
        Some(&name) != own.as_ref()
            && !middle.contains(MERGED)
            && COPY_MARKS.iter().any(|mark| middle.contains(mark))
    })
}

/// A cheap fingerprint of the file: which file it is (every save replaces it by a new one),
/// its size and modification time. Changes with every save of any process, and with any edit
/// in place by another program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    file: u64,
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let file = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let file = 0;
    Some(Stamp {
        modified: m.modified().ok(),
        len: m.len(),
        file,
    })
}
