//! The room server's copy of the session: pages read it, their edits go through the same
//! operations and the same merge with the file as a rapporteur's `join`, and every change
//! (a page's, or another process's save) is pushed to the connected pages.

use std::collections::{HashSet, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::domain::merge::Pending;
use crate::domain::{Op, Session};
use crate::store::sync::Shared;

use super::tokens::Tokens;

/// How many request ids (one a submitted form) are remembered, so that a form sent again
/// after a dropped connection is not stored twice.
const REMEMBERED: usize = 4096;

/// How long a page's event stream stays silent before a comment line checks it is alive.
const HEARTBEAT: Duration = Duration::from_secs(20);

/// At most this many pages connected at once (each holds a connection).
pub const MAX_PAGES: usize = 400;

pub struct Hub {
    pub path: PathBuf,
    who: String,
    inner: Mutex<Inner>,
    changed: Condvar,
    pub tokens: Mutex<Tokens>,
    pages: Mutex<Vec<Page>>,
    pub stop: AtomicBool,
}

pub struct Inner {
    pub session: Session,
    shared: Shared,
    pending: Vec<Pending>,
    /// Raised by every change the pages should see.
    pub version: u64,
    seen: HashSet<String>,
    seen_order: VecDeque<String>,
}

/// A connected page: what it shows, and its event stream.
pub struct Page {
    pub view: super::pages::PageId,
    /// To the page's own writer thread: a phone that stops reading (its screen off, the
    /// Wi-Fi gone without closing) blocks that thread only, never the others or the edits.
    out: SyncSender<Vec<u8>>,
    shown: u64,
}

/// Events waiting for a slow page; one more and the page is let go (it reconnects by itself
/// and gets the page as it is then).
const QUEUE: usize = 16;

/// The thread that writes a page's events to its connection, until it closes.
fn writer_thread(mut writer: Box<dyn Write + Send>) -> Option<SyncSender<Vec<u8>>> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(QUEUE);
    std::thread::Builder::new()
        .name("salle-page".into())
        .spawn(move || {
            for bytes in rx {
                if writer
                    .write_all(&bytes)
                    .and_then(|_| writer.flush())
                    .is_err()
                {
                    break;
                }
            }
        })
        .ok()?;
    Some(tx)
}

/// Why an edit from a page was not stored.
#[derive(Debug)]
pub enum ApplyError {
    /// The operation does not apply (what it names is gone).
    Refused(String),
    /// The file could not be written: nothing was kept, the page keeps the text.
    NotSaved(String),
}

impl Hub {
    pub fn new(
        path: &Path,
        session: Session,
        text: String,
        stamp: Option<crate::store::sync::Stamp>,
        who: String,
    ) -> Hub {
        let mut tokens = Tokens::new();
        tokens.cover_groups(session.groups.iter().map(|g| g.theme));
        Hub {
            path: path.to_path_buf(),
            who,
            inner: Mutex::new(Inner {
                session,
                shared: Shared::new(text, stamp),
                pending: Vec::new(),
                version: 1,
                seen: HashSet::new(),
                seen_order: VecDeque::new(),
            }),
            changed: Condvar::new(),
            tokens: Mutex::new(tokens),
            pages: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn tokens(&self) -> MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn pages(&self) -> MutexGuard<'_, Vec<Page>> {
        self.pages.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reads the file if another process saved since: called on a file event.
    pub fn reload(&self) {
        let mut inner = self.lock();
        if !inner.shared.changed_on_disk(&self.path) {
            return;
        }
        let now = super::now();
        let Inner {
            session,
            shared,
            pending,
            ..
        } = &mut *inner;
        if let Ok(outcome) = shared.sync(&self.path, session, pending, &self.who, now)
            && outcome.reloaded
        {
            self.bump(&mut inner);
        }
    }

    fn bump(&self, inner: &mut Inner) {
        inner.version += 1;
        let groups: Vec<_> = inner.session.groups.iter().map(|g| g.theme).collect();
        self.tokens().cover_groups(groups);
        self.changed.notify_all();
    }

    /// Whether a form with this request id was stored already.
    pub fn seen(&self, inner: &Inner, rid: &str) -> bool {
        !rid.is_empty() && inner.seen.contains(rid)
    }

    /// Applies an edit built from the session as it is now (`make` sees it under the lock),
    /// and writes it to the file before answering: once a page is told « enregistré », the
    /// text is in the file. A request id already stored is answered as stored, unchanged.
    ///
    /// `latest`: the file is read first when another process saved, so that `make` checks
    /// the edit against it (the vote's limits). Otherwise the merge brings the two together,
    /// and a cell someone else changed meanwhile keeps their text in the line's history.
    pub fn edit<T>(
        &self,
        rid: &str,
        latest: bool,
        make: impl FnOnce(&Session) -> Result<(Op, Option<Op>, T), ApplyError>,
    ) -> Result<Option<T>, ApplyError> {
        let mut inner = self.lock();
        if self.seen(&inner, rid) {
            return Ok(None);
        }
        let now = super::now();
        // The latest file first, so that the edit is checked against what others saved.
        if latest && inner.shared.changed_on_disk(&self.path) {
            let Inner {
                session,
                shared,
                pending,
                ..
            } = &mut *inner;
            let _ = shared.sync(&self.path, session, pending, &self.who, now);
        }
        // `seen`: what the person saw before their edit, when it differs from what the op
        // replaced here (the merge keeps the other text in the line's history).
        let (op, seen, out) = make(&inner.session)?;
        let Inner {
            session,
            shared,
            pending,
            ..
        } = &mut *inner;
        // How to take the edit back if the file cannot be written: its inverse, or (for an
        // edit made from what a page showed) the session as it was.
        let undo = match seen {
            None => {
                let inverse = session
                    .apply(op.clone())
                    .map_err(|e| ApplyError::Refused(e.to_string()))?;
                pending.push(Pending {
                    op,
                    inverse: inverse.clone(),
                });
                Err(inverse)
            }
            Some(seen) => {
                // Replayed like a save's merge: a cell someone else changed since the page
                // showed it keeps their text in the line's history.
                let before = session.clone();
                let p = Pending { op, inverse: seen };
                crate::domain::merge::replay(
                    session,
                    std::slice::from_ref(&p),
                    &before,
                    &self.who,
                    now,
                );
                pending.push(p);
                Ok(before)
            }
        };
        if let Err(e) = shared.sync(&self.path, session, pending, &self.who, now) {
            // Not kept in memory either: the page still has the text and sends it again.
            pending.pop();
            match undo {
                Err(inverse) => {
                    let _ = session.apply(inverse);
                }
                Ok(before) => *session = before,
            }
            return Err(ApplyError::NotSaved(e.user_message()));
        }
        if !rid.is_empty() {
            inner.seen.insert(rid.to_string());
            inner.seen_order.push_back(rid.to_string());
            if inner.seen_order.len() > REMEMBERED
                && let Some(old) = inner.seen_order.pop_front()
            {
                inner.seen.remove(&old);
            }
        }
        self.bump(&mut inner);
        Ok(Some(out))
    }

    /// A page's event stream: the headers go now, its content at the next change (and at once).
    pub fn subscribe(&self, view: super::pages::PageId, writer: Box<dyn Write + Send>) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                    Connection: close\r\n\r\nretry: 1000\n\n";
        let mut pages = self.pages();
        if pages.len() >= MAX_PAGES {
            return;
        }
        let Some(out) = writer_thread(writer) else {
            return;
        };
        if out.try_send(head.as_bytes().to_vec()).is_err() {
            return;
        }
        pages.push(Page {
            view,
            out,
            shown: 0,
        });
        drop(pages);
        // Under the session's lock, so that the broadcaster cannot miss it between its look
        // at the pages and its wait.
        let _inner = self.lock();
        self.changed.notify_all();
    }

    pub fn connected(&self) -> usize {
        self.pages().len()
    }

    /// Wakes the broadcaster (a token revoked: its pages are closed).
    pub fn poke(&self) {
        let mut inner = self.lock();
        self.bump(&mut inner);
    }

    /// The broadcaster's loop: at each change, every page gets its new content; pages whose
    /// connection dropped are forgotten (they reconnect by themselves).
    pub fn broadcast_loop(self: Arc<Self>) {
        let mut heartbeat_due = std::time::Instant::now() + HEARTBEAT;
        loop {
            let version = {
                let mut inner = self.lock();
                loop {
                    if self.stop.load(Ordering::Relaxed) {
                        self.pages().clear();
                        return;
                    }
                    let (idle, behind) = {
                        let pages = self.pages();
                        (
                            pages.is_empty(),
                            pages.iter().any(|p| p.shown < inner.version),
                        )
                    };
                    if behind {
                        break;
                    }
                    if idle {
                        // No page connected: sleeps until something happens.
                        inner = self.changed.wait(inner).unwrap_or_else(|p| p.into_inner());
                        continue;
                    }
                    let wait = heartbeat_due.saturating_duration_since(std::time::Instant::now());
                    if wait.is_zero() {
                        break;
                    }
                    inner = self
                        .changed
                        .wait_timeout(inner, wait)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
                inner.version
            };
            let now = std::time::Instant::now();
            let beat = now >= heartbeat_due;
            if beat {
                heartbeat_due = now + HEARTBEAT;
            }
            self.send_all(version, beat);
        }
    }

    fn send_all(&self, version: u64, beat: bool) {
        let mut pages = std::mem::take(&mut *self.pages());
        {
            let inner = self.lock();
            let tokens = self.tokens();
            // Nothing here waits on a connection: each page's bytes go to its own thread.
            let send = |page: &Page, bytes: Vec<u8>| match page.out.try_send(bytes) {
                Ok(()) => true,
                Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => false,
            };
            pages.retain_mut(|page| {
                if !super::pages::still_valid(&tokens, &page.view) {
                    // A revoked link: the page is told, and its stream ends.
                    let _ = send(page, b"event: revoked\ndata: \n\n".to_vec());
                    return false;
                }
                if page.shown >= version {
                    return !beat || send(page, b": \n\n".to_vec());
                }
                let html = super::pages::live(&inner.session, &tokens, &page.view);
                page.shown = version;
                send(page, event("live", &html))
            });
        }
        let mut now = self.pages();
        // Pages that subscribed while these were sent.
        pages.append(&mut now);
        *now = pages;
    }
}

/// One server-sent event; each line of the data on a `data:` line of its own.
fn event(name: &str, data: &str) -> Vec<u8> {
    let mut out = String::with_capacity(data.len() + 64);
    out.push_str("event: ");
    out.push_str(name);
    out.push('\n');
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.trim_end_matches('\r'));
        out.push('\n');
    }
    out.push('\n');
    out.into_bytes()
}
