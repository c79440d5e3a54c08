//! The room in the browser (`--salle`): rapporteurs, assistants and voters take part from a
//! phone or a laptop on the room's network, with no install, no account and no Internet.
//!
//! A small synchronous HTTP server (tiny_http: one thread a connection, no async runtime)
//! runs beside the terminal (`atelier open --salle`, or the `W` key) or alone (`atelier
//! salle`). It is one more process on the session file as far as the file is concerned: its
//! own copy of the session (`hub`), the same operations and the same merge as `join`; each
//! page's edit is written to the file before the page is told it is saved, and every change
//! is pushed to the connected pages as a server-sent event (`hub::broadcast_loop`).

pub mod http;
pub mod hub;
pub mod pages;
pub mod tokens;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use rust_i18n::t;

pub use tokens::Role;

/// The server's clock: local wall time with its offset (a page's edit is dated by it).
fn now() -> crate::domain::Timestamp {
    chrono::Local::now().fixed_offset()
}

/// The port tried first; the next ones if it is taken.
pub const PORT: u16 = 8765;
const PORTS_TRIED: u16 = 10;
/// Threads answering requests (event streams hold none once started).
const WORKERS: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    #[error("{}", t!("salle.error.no_lan"))]
    NoLan,
    #[error("{}", t!("salle.error.bind", addr = .addr.to_string(), error = .error))]
    Bind { addr: SocketAddr, error: String },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

/// Where to serve: an address the facilitator chose, or the laptop's address on the local
/// network; a port, or the first free one from `PORT`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bind {
    pub ip: Option<IpAddr>,
    pub port: Option<u16>,
}

/// The addresses of this computer on local networks (IPv4, private ranges first), for the
/// default and for the message when there is none.
pub fn lan_addresses() -> Vec<IpAddr> {
    let mut out: Vec<Ipv4Addr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_link_local() && !v4.is_unspecified() => Some(v4),
            _ => None,
        })
        .collect();
    out.sort_by_key(|a| !a.is_private());
    out.dedup();
    out.into_iter().map(IpAddr::V4).collect()
}

/// One link to give out: who it is for, and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub role: Role,
    pub label: String,
    pub url: String,
}

/// The running room: dropped or `stop`ped, it stops serving and closes the pages' streams.
pub struct Room {
    hub: Arc<hub::Hub>,
    server: Arc<tiny_http::Server>,
    pub addr: SocketAddr,
    threads: Vec<JoinHandle<()>>,
    _watcher: Option<notify::RecommendedWatcher>,
    presence: Option<crate::store::presence::Presence>,
}

impl Room {
    /// Opens the session as one more process on it and starts serving. `announce`: shown to
    /// the other processes as « Salle » (not when it runs inside the facilitator's process,
    /// whose presence already says it is there).
    pub fn start(path: &Path, bind: Bind, announce: bool) -> Result<Room, RoomError> {
        let ip = match bind.ip {
            Some(ip) => ip,
            None => *lan_addresses().first().ok_or(RoomError::NoLan)?,
        };
        let ports: Vec<u16> = match bind.port {
            Some(p) => vec![p],
            None => (PORT..PORT + PORTS_TRIED).collect(),
        };
        let mut last_error = None;
        let mut server = None;
        for port in ports {
            let addr = SocketAddr::new(ip, port);
            match tiny_http::Server::http(addr) {
                Ok(s) => {
                    server = Some(s);
                    break;
                }
                Err(e) => last_error = Some((addr, e.to_string())),
            }
        }
        let server = match server {
            Some(s) => Arc::new(s),
            None => {
                let (addr, error) =
                    last_error.unwrap_or((SocketAddr::new(ip, PORT), String::new()));
                return Err(RoomError::Bind { addr, error });
            }
        };
        let addr = server
            .server_addr()
            .to_ip()
            .unwrap_or(SocketAddr::new(ip, PORT));
        let (session, text, stamp) = crate::store::sync::read(path)?;
        let who = t!("salle.presence").into_owned();
        let hub = Arc::new(hub::Hub::new(path, session, text, stamp, who.clone()));
        let limits = Arc::new(http::Limits::default());
        let mut threads = Vec::new();
        for i in 0..WORKERS {
            let (server, hub, limits) = (server.clone(), hub.clone(), limits.clone());
            if let Ok(t) = std::thread::Builder::new()
                .name(format!("salle-{i}"))
                .spawn(move || {
                    while !hub.stop.load(Ordering::Relaxed) {
                        if let Ok(rq) = server.recv() {
                            http::handle(&hub, &limits, rq);
                        }
                    }
                })
            {
                threads.push(t);
            }
        }
        let b = hub.clone();
        if let Ok(t) = std::thread::Builder::new()
            .name("salle-events".into())
            .spawn(move || b.broadcast_loop())
        {
            threads.push(t);
        }
        let watched = hub.clone();
        let watcher =
            crate::store::watch::watch(path, Arc::new(AtomicBool::new(false)), move |ev| {
                if ev == crate::store::watch::FileEvent::Session {
                    watched.reload();
                }
            });
        let presence = if announce {
            crate::store::presence::Presence::announce(path, &who).ok()
        } else {
            None
        };
        Ok(Room {
            hub,
            server,
            addr,
            threads,
            _watcher: watcher,
            presence,
        })
    }

    /// Every link, in the order they are given out: the room view, each group, the cards,
    /// the vote.
    pub fn links(&self) -> Vec<Link> {
        let titles: Vec<(crate::domain::ThemeId, String)> = {
            let inner = self.hub.lock();
            inner
                .session
                .groups_in_order()
                .map(|(t, _)| (t.id, t.title.clone()))
                .collect()
        };
        let tokens = self.hub.tokens();
        let url = |tok: &str| format!("http://{}/{}", self.addr, tok);
        let mut out = Vec::new();
        let mut push = |role: Role, label: String| {
            if let Some(tok) = tokens.token(role) {
                out.push(Link {
                    role,
                    label,
                    url: url(tok),
                });
            }
        };
        push(Role::View, t!("salle.role.view").into_owned());
        for (theme, title) in titles {
            push(
                Role::Group(theme),
                t!("salle.role.group_named", title = title).into_owned(),
            );
        }
        push(Role::Cards, t!("salle.role.cards").into_owned());
        push(Role::Vote, t!("salle.role.vote").into_owned());
        out
    }

    /// A new link for `role`: whoever had the old one is shown « lien révoqué ».
    pub fn revoke(&self, role: Role) {
        self.hub.tokens().revoke(role);
        self.hub.poke();
    }

    pub fn connected(&self) -> usize {
        self.hub.connected()
    }

    /// How many names were claimed for the vote.
    pub fn voters(&self) -> usize {
        self.hub.tokens().voters()
    }

    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.hub.stop.store(true, Ordering::Relaxed);
        for _ in 0..WORKERS {
            self.server.unblock();
        }
        self.hub.poke();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        if let Some(p) = self.presence.take() {
            let _ = p.leave_alone();
        }
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.halt();
    }
}
