//! The room in the browser under a vote: 60 voters' pages connected to `atelier salle` (a
//! separate process, as in the room), a burst of 180 dots in 10 s, each dot sent by its
//! voter's page as room.js sends it. Measured:
//! - dot → projector: from the dot's request to the moment a process watching the file the
//!   way the facilitator's terminal does (file events, `store::sync::Shared`) holds it;
//! - dot → page: from the request to the voter's own page receiving its update (its event
//!   stream);
//! - the server's CPU over the burst and its memory (peak resident set).
//!
//! Run: `cargo bench --bench salle` (Linux: CPU and memory are read from /proc). Then divan's
//! figures for rendering a page.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use atelier::domain::rencontre::Step;
use atelier::domain::{Participant, Role as PRole, Session};

const VOTERS: usize = 60;
const DOTS_EACH: usize = 3;
const BURST: Duration = Duration::from_secs(10);

fn session() -> Session {
    let text = include_str!("../sessions/exemple-za.ron");
    let mut s =
        atelier::store::parse(text, Path::new("exemple-za.ron")).unwrap_or_else(|e| panic!("{e}"));
    let mut next = s.next_participant_id();
    while s.speakers().len() < VOTERS {
        s.participants.push(Participant {
            id: next,
            name: format!("Votant {next}"),
            organisation: format!("Entreprise {next}"),
            role: PRole::Company,
            email: None,
            choices: Vec::new(),
        });
        next += 1;
    }
    if let Some(r) = s.rencontres.last_mut() {
        r.phase = Step::Vote;
        r.handed_off = false;
        r.revealed = false;
        r.dots.clear();
    }
    s
}

/// A tiny deterministic generator (the burst's timing), so that runs compare.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, a)| a).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 (after the command's parenthesis: 12th and 13th).
    let at = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    at(11) + at(12)
}

fn status_kb(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Opens a page's event stream and calls `on` with each event's data, until `stop`.
fn stream(url: &str, stop: Arc<AtomicBool>, mut on: impl FnMut(&str) + Send + 'static) {
    let rest = url.trim_start_matches("http://").to_string();
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h.to_string(), p.to_string()))
        .unwrap_or_default();
    let mut tcp = TcpStream::connect(&host).unwrap_or_else(|e| panic!("{e}"));
    let _ = write!(tcp, "GET /{path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
    let _ = tcp.set_read_timeout(Some(Duration::from_millis(500)));
    std::thread::spawn(move || {
        let mut r = BufReader::new(tcp);
        let mut line = String::new();
        while !stop.load(Ordering::Relaxed) {
            line.clear();
            match r.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) if line.starts_with("data: ") => on(&line),
                _ => {}
            }
        }
    });
}

fn main() {
    let dir = std::env::temp_dir().join(format!("atelier-bench-salle-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path: PathBuf = dir.join("vote.ron");
    atelier::store::save(&path, &session()).unwrap_or_else(|e| panic!("{e}"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args([
            "salle",
            &path.to_string_lossy(),
            "--adresse",
            "localhost",
            "--port",
            "0",
        ])
        .env("ATELIER_DATA_DIR", &dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let pid = child.id();
    let mut out = BufReader::new(child.stdout.take().unwrap_or_else(|| panic!("stdout")));
    let mut vote = String::new();
    let mut line = String::new();
    while out.read_line(&mut line).unwrap_or(0) > 0 {
        if line.contains("gommettes") {
            vote = line.split_whitespace().last().unwrap_or("").to_string();
            break;
        }
        line.clear();
    }
    let origin = vote
        .rsplit_once('/')
        .map(|(o, _)| o.to_string())
        .unwrap_or_default();
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let s = session();
    let speakers: Vec<u32> = s.speakers().iter().map(|p| p.id).take(VOTERS).collect();
    let themes: Vec<u32> = s
        .current_rencontre()
        .map(|r| r.themes.iter().map(|t| t.id).collect())
        .unwrap_or_default();
    // 60 pages: each claims a name, then keeps its event stream open.
    let stop = Arc::new(AtomicBool::new(false));
    let page_seen: Arc<Mutex<Vec<Vec<Instant>>>> = Arc::new(Mutex::new(vec![Vec::new(); VOTERS]));
    let mut keys = Vec::new();
    for (i, who) in speakers.iter().enumerate() {
        let mut r = agent
            .post(&format!("{vote}/claim"))
            .header("X-Room", "1")
            .send_form([("participant", who.to_string().as_str())])
            .unwrap_or_else(|e| panic!("{e}"));
        let key = r.body_mut().read_to_string().unwrap_or_default();
        let me = format!("{origin}{key}");
        let seen = page_seen.clone();
        let mut last = 0usize;
        stream(&format!("{me}/events"), stop.clone(), move |data| {
            // The page's own count of dots: data-mine on each theme.
            let mark = "class=\"ballot\" data-left=\"";
            if let Some(n) = data.find(mark) {
                let left: usize = data[n + mark.len()..]
                    .split('"')
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(DOTS_EACH);
                let placed = DOTS_EACH.saturating_sub(left);
                if placed > last {
                    last = placed;
                    if let Ok(mut s) = seen.lock() {
                        s[i].push(Instant::now());
                    }
                }
            }
        });
        keys.push(me);
    }
    // The projector: a process on the file, as the terminal is (file events, then a merge).
    let projector_seen: Arc<Mutex<Vec<Vec<Instant>>>> =
        Arc::new(Mutex::new(vec![Vec::new(); VOTERS]));
    let opened = atelier::tui::read_session(&path).unwrap_or_else(|e| panic!("{e}"));
    let proj = Arc::new(Mutex::new((
        atelier::store::sync::Shared::new(opened.text, opened.stamp),
        opened.session,
    )));
    let (p2, seen2, path2, speakers2) = (
        proj.clone(),
        projector_seen.clone(),
        path.clone(),
        speakers.clone(),
    );
    let _watcher =
        atelier::store::watch::watch(&path, Arc::new(AtomicBool::new(false)), move |ev| {
            if ev != atelier::store::watch::FileEvent::Session {
                return;
            }
            let Ok(mut g) = p2.lock() else { return };
            let (shared, session) = &mut *g;
            if !shared.changed_on_disk(&path2) {
                return;
            }
            let mut pending = Vec::new();
            if shared
                .sync(
                    &path2,
                    session,
                    &mut pending,
                    "projecteur",
                    atelier::tui::now(),
                )
                .is_ok()
            {
                let now = Instant::now();
                if let (Some(r), Ok(mut seen)) = (session.current_rencontre(), seen2.lock()) {
                    for (i, who) in speakers2.iter().enumerate() {
                        let n = r.dots_of(*who) as usize;
                        while seen[i].len() < n {
                            seen[i].push(now);
                        }
                    }
                }
            }
        });
    // Settle: every page has its first event.
    std::thread::sleep(Duration::from_millis(500));
    // The burst: each voter's 3 dots at random moments over 10 s.
    let mut rng = Lcg(42);
    let mut plan: Vec<(Duration, usize)> = (0..VOTERS)
        .flat_map(|v| (0..DOTS_EACH).map(move |_| v))
        .map(|v| {
            (
                Duration::from_millis(rng.next() % BURST.as_millis() as u64),
                v,
            )
        })
        .collect();
    plan.sort();
    let sent: Arc<Mutex<Vec<Vec<Instant>>>> = Arc::new(Mutex::new(vec![Vec::new(); VOTERS]));
    let cpu0 = cpu_ticks(pid);
    let start = Instant::now();
    let mut handles = Vec::new();
    let refused = Arc::new(Mutex::new(0usize));
    let mut placed = vec![0usize; VOTERS];
    for (at, v) in plan {
        let wait = (start + at).saturating_duration_since(Instant::now());
        std::thread::sleep(wait);
        let (agent, me, sent, refused) = (
            agent.clone(),
            keys[v].clone(),
            sent.clone(),
            refused.clone(),
        );
        // Three themes apart (at most two dots on one theme).
        let theme = themes[(v + placed[v]) % themes.len()];
        placed[v] += 1;
        handles.push(std::thread::spawn(move || {
            let t = Instant::now();
            if let Ok(mut s) = sent.lock() {
                s[v].push(t);
            }
            let ok = agent
                .post(&format!("{me}/dot"))
                .header("X-Room", "1")
                .send_form([("theme", theme.to_string().as_str())])
                .map(|r| r.status().as_u16() == 200)
                .unwrap_or(false);
            if !ok && let Ok(mut r) = refused.lock() {
                *r += 1;
            }
        }));
    }
    for h in handles {
        let _ = h.join();
    }
    let sending = start.elapsed();
    // Until every dot reached the projector (or 10 s more).
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let done = projector_seen
            .lock()
            .map(|s| s.iter().map(Vec::len).sum::<usize>())
            .unwrap_or(0);
        if done >= VOTERS * DOTS_EACH {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let burst = start.elapsed();
    let cpu = cpu_ticks(pid).saturating_sub(cpu0);
    let ticks_per_s = 100.0; // USER_HZ on Linux
    let lat = |seen: &Arc<Mutex<Vec<Vec<Instant>>>>| -> Vec<Duration> {
        let (sent, seen) = (
            sent.lock().map(|s| s.clone()).unwrap_or_default(),
            seen.lock().map(|s| s.clone()).unwrap_or_default(),
        );
        let mut out: Vec<Duration> = sent
            .iter()
            .zip(seen.iter())
            .flat_map(|(a, b)| {
                a.iter()
                    .zip(b.iter())
                    .map(|(s, r)| r.saturating_duration_since(*s))
            })
            .collect();
        out.sort();
        out
    };
    let projector = lat(&projector_seen);
    let pages = lat(&page_seen);
    let stored = atelier::tui::read_session(&path)
        .ok()
        .and_then(|o| o.session.current_rencontre().map(|r| r.dots.len()))
        .unwrap_or(0);
    println!(
        "salle: {VOTERS} pages connected, {} dots sent over {:.1} s, {} refused, {stored} in the file",
        VOTERS * DOTS_EACH,
        sending.as_secs_f64(),
        refused.lock().map(|r| *r).unwrap_or(0)
    );
    for (what, l) in [
        ("dot → projector", &projector),
        ("dot → voter's page", &pages),
    ] {
        println!(
            "  {what}: {} seen, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            l.len(),
            percentile(l, 0.5).as_secs_f64() * 1e3,
            percentile(l, 0.99).as_secs_f64() * 1e3,
            l.last().copied().unwrap_or_default().as_secs_f64() * 1e3
        );
    }
    println!(
        "  server CPU over the burst ({:.1} s): {:.0} ms ({:.1} % of one core); memory: {} kB resident, {} kB peak",
        burst.as_secs_f64(),
        cpu as f64 * 1e3 / ticks_per_s,
        cpu as f64 / ticks_per_s / burst.as_secs_f64() * 100.0,
        status_kb(pid, "VmRSS:"),
        status_kb(pid, "VmHWM:")
    );
    stop.store(true, Ordering::Relaxed);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    divan::main();
}

/// Rendering one voter's page (what the server does for each page at each change).
#[divan::bench]
fn voter_page(b: divan::Bencher) {
    let s = session();
    let mut tokens = atelier::web::tokens::Tokens::new();
    let who = s.speakers().first().map(|p| p.id).unwrap_or(1);
    let key = tokens.claim(who).unwrap_or_default();
    let id = atelier::web::pages::PageId {
        role: atelier::web::Role::Vote,
        token: tokens
            .token(atelier::web::Role::Vote)
            .unwrap_or("")
            .to_string(),
        voter: Some((key, who)),
    };
    b.bench(|| atelier::web::pages::live(divan::black_box(&s), &tokens, &id));
}

/// The room view of the example (every group's poster).
#[divan::bench]
fn room_view(b: divan::Bencher) {
    let s = session();
    let tokens = atelier::web::tokens::Tokens::new();
    let id = atelier::web::pages::PageId {
        role: atelier::web::Role::View,
        token: tokens
            .token(atelier::web::Role::View)
            .unwrap_or("")
            .to_string(),
        voter: None,
    };
    b.bench(|| atelier::web::pages::live(divan::black_box(&s), &tokens, &id));
}
