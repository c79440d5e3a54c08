//! The room, simulated with the real binary: one facilitator (`open`, projected, 200×60) and six
//! rapporteurs (`join`, one per group) on one session file, each in its own pseudo-terminal,
//! typing poster lines at human speed (about 6 characters a second, Enter, a pause; now and
//! then the action cell of the line too, or an undo). Meanwhile a reader polls the file.
//!
//! Measured and asserted: every line typed is in the file at the end and reached the projected
//! screen; the delay from a rapporteur's Enter to the line on the projected screen (median,
//! p99); the file valid at every read; the CPU of each process while typing, and in the 10 s
//! after typing stops (idle: `IDLE_CPU_MS_PER_S` and ≤ 2 wake-ups a second).
//!
//! 60 s of typing by default; `ATELIER_LONG=1` types for 15 minutes.
//! `cargo test --release --test room -- --nocapture` prints the figures.

// Unix only: seven terminals, each a pseudo-terminal. portable-pty's Windows pseudo-console does
// not run under Wine, where CI runs the Windows build's tests; `two_processes.rs` covers saving,
// locks and presence there.
#![cfg(unix)]

mod common;

#[path = "support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use atelier::domain::rng::Rng;
use common::pty::*;

const GROUPS: usize = 6;
/// Target for the Enter-to-projected-screen delay (99th percentile).
const P99_TARGET: Duration = Duration::from_millis(300);

fn typing_time() -> Duration {
    if std::env::var_os("ATELIER_LONG").is_some() {
        Duration::from_secs(15 * 60)
    } else {
        Duration::from_secs(
            std::env::var("ROOM_SECS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(60),
        )
    }
}

/// What one rapporteur typed.
#[derive(Default)]
struct Typed {
    /// Solutions validated with Enter, and when Enter was sent.
    lines: Vec<(String, Instant)>,
    /// Action cells filled.
    actions: Vec<String>,
    /// Lines typed then undone (text and line): must not be in the file at the end.
    undone: Vec<String>,
}

const WORDS: [&str; 12] = [
    "covoiturage",
    "navette gare",
    "vélo partagé",
    "parking commun",
    "bornes été",
    "tri des cartons",
    "compost œuvre",
    "achat groupé",
    "toitures PV",
    "benne bois",
    "plan mobilité",
    "réseau chaleur",
];

/// Types `text` one character at a time, at about 6 characters a second.
fn type_slowly(app: &mut App, rng: &mut Rng, text: &str) {
    for c in text.chars() {
        app.send(&c.to_string());
        std::thread::sleep(Duration::from_millis(130 + rng.below(80) as u64));
    }
}

/// `reactions`: how many reactions the group's poster starts with (the cursor goes through
/// them before the first line).
fn rapporteur(
    mut app: App,
    group: usize,
    reactions: usize,
    fac: Arc<Mutex<App>>,
    until: Instant,
) -> (App, Typed) {
    let mut rng = Rng::new(20261129 + group as u64);
    let mut typed = Typed::default();
    let mut n = 0;
    while Instant::now() < until {
        n += 1;
        // A unique tag the projected screen can be searched for, then words.
        let word = WORDS
            .get(rng.below(WORDS.len()))
            .copied()
            .unwrap_or("ligne");
        let text = format!("G{group}L{n:03} {word}");
        // The first line goes to the top; later ones right under it (`o`), so that the newest
        // line is always within the group's pane on the projected screen, however long the
        // plan.
        app.send("\x1b[H"); // Home: the first reaction, or the first line
        for _ in 0..reactions {
            app.send("\x1b[B");
        }
        std::thread::sleep(Duration::from_millis(150));
        app.send("o");
        std::thread::sleep(Duration::from_millis(300 + rng.below(300) as u64));
        type_slowly(&mut app, &mut rng, &text);
        if let Ok(f) = fac.lock() {
            f.expect_text(&text);
        }
        let enter = Instant::now();
        app.send(ENTER);
        typed.lines.push((text.clone(), enter));
        std::thread::sleep(Duration::from_millis(800 + rng.below(1200) as u64));
        match rng.below(10) {
            // The action of the same line: → to its cell, Enter, type, Enter.
            0 | 1 => {
                let action = format!("G{group}A{n:03} contacter");
                app.send("\x1b[C");
                std::thread::sleep(Duration::from_millis(200));
                app.send(ENTER);
                std::thread::sleep(Duration::from_millis(300));
                type_slowly(&mut app, &mut rng, &action);
                app.send(ENTER);
                typed.actions.push(action);
                std::thread::sleep(Duration::from_millis(500 + rng.below(1000) as u64));
            }
            // Changed their mind: undo the text, then the line.
            2 => {
                app.send("u");
                std::thread::sleep(Duration::from_millis(250));
                app.send("u");
                if let Some((text, _)) = typed.lines.pop() {
                    typed.undone.push(text);
                }
                std::thread::sleep(Duration::from_millis(500 + rng.below(1000) as u64));
            }
            _ => {}
        }
    }
    (app, typed)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

/// Reads and parses the file until told to stop; counts reads and failures.
fn reader(path: &Path, stop: Arc<AtomicBool>, reads: Arc<AtomicUsize>) -> Vec<String> {
    let mut failures = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                if let Err(e) = atelier::store::parse(&text, path) {
                    failures.push(e.to_string());
                }
            }
            Err(e) => failures.push(e.to_string()),
        }
        reads.fetch_add(1, Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(25));
    }
    failures
}

#[test]
fn a_room_of_seven_terminals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.ron");
    let session = sample::session(
        sample::Size {
            groups: GROUPS,
            lines_per_group: 0,
            participants: 30,
            workshops: 1,
        },
        11,
    );
    let titles: Vec<String> = session.themes.iter().map(|t| t.title.clone()).collect();
    let reactions: Vec<usize> = session
        .groups
        .iter()
        .map(|g| g.poster.reactions.len())
        .collect();
    atelier::store::save(&path, &session).unwrap();
    let p = path.to_str().unwrap();

    let mut fac = App::spawn(&["open", p], dir.path(), dir.path(), (200, 60));
    fac.wait_text("Groupes de travail");
    // The facilitator starts the timer: this process has edited too.
    fac.keys(&[" "]);
    fac.wait_text("enregistré à");
    let fac = Arc::new(Mutex::new(fac));
    let mut raps = Vec::new();
    for g in 1..=GROUPS {
        let app = App::spawn(
            &["join", p, "--group", &g.to_string()],
            dir.path(),
            dir.path(),
            (100, 30),
        );
        app.wait_text("Plan d'actions");
        raps.push(app);
    }
    if let Ok(f) = fac.lock() {
        f.wait_text(&format!("groupe {GROUPS}"));
    }

    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reading = {
        let (path, stop, reads) = (path.clone(), stop.clone(), reads.clone());
        std::thread::spawn(move || reader(&path, stop, reads))
    };

    // Typing, with the CPU of every process measured over the whole of it.
    let start = Instant::now();
    let until = start + typing_time();
    let before: Vec<_> = std::iter::once(fac.lock().unwrap().cpu_and_wakeups())
        .chain(raps.iter().map(|r| r.cpu_and_wakeups()))
        .collect();
    let typists: Vec<_> = raps
        .into_iter()
        .enumerate()
        .map(|(i, app)| {
            let fac = fac.clone();
            let r = reactions.get(i).copied().unwrap_or(0);
            std::thread::spawn(move || rapporteur(app, i + 1, r, fac, until))
        })
        .collect();
    let mut raps = Vec::new();
    let mut typed = Vec::new();
    for t in typists {
        let (app, what) = t.join().unwrap();
        raps.push(app);
        typed.push(what);
    }
    let typing_secs = start.elapsed().as_secs_f64();
    let busy: Vec<(f64, f64)> = std::iter::once(fac.lock().unwrap().cpu_and_wakeups())
        .chain(raps.iter().map(|r| r.cpu_and_wakeups()))
        .zip(before)
        .map(|((c1, w1), (c0, w0))| {
            (
                c1.saturating_sub(c0).as_secs_f64() * 1e3 / typing_secs,
                w1.saturating_sub(w0) as f64 / typing_secs,
            )
        })
        .collect();

    // Every line reaches the projected screen.
    let fac = Arc::try_unwrap(fac)
        .ok()
        .and_then(|m| m.into_inner().ok())
        .expect("the facilitator's terminal");
    let deadline = Instant::now() + Duration::from_secs(10);
    let expected: Vec<&(String, Instant)> = typed.iter().flat_map(|t| t.lines.iter()).collect();
    while Instant::now() < deadline && expected.iter().any(|(l, _)| fac.seen_at(l).is_none()) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let unseen: Vec<&str> = expected
        .iter()
        .filter(|(l, _)| fac.seen_at(l).is_none())
        .map(|(l, _)| l.as_str())
        .collect();
    assert!(
        unseen.is_empty(),
        "lines never shown on the projected screen: {unseen:?}\n{}",
        fac.text()
    );
    let mut delays: Vec<Duration> = expected
        .iter()
        .filter_map(|(l, enter)| {
            fac.seen_at(l)
                .map(|seen| seen.saturating_duration_since(*enter))
        })
        .collect();
    delays.sort();

    // Idle: stop reading the file (its opens are events too), let the last saves settle.
    stop.store(true, Ordering::Relaxed);
    let failures = reading.join().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let all: Vec<&App> = std::iter::once(&fac).chain(raps.iter()).collect();
    let idle = measure(&all, Duration::from_secs(10));

    let lines: usize = typed.iter().map(|t| t.lines.len()).sum();
    let actions: usize = typed.iter().map(|t| t.actions.len()).sum();
    let undone: usize = typed.iter().map(|t| t.undone.len()).sum();
    eprintln!(
        "room: 1 open + {GROUPS} join, {typing_secs:.0} s of typing: {lines} lines, {actions} actions, {undone} undone; {} reads of the file, {} invalid",
        reads.load(Ordering::Relaxed),
        failures.len()
    );
    eprintln!(
        "Enter → projected screen over {} lines: median {:?}, p99 {:?}, max {:?}",
        delays.len(),
        percentile(&delays, 0.5),
        percentile(&delays, 0.99),
        delays.last().copied().unwrap_or_default()
    );
    for (i, ((cpu, wake), (icpu, iwake))) in busy.iter().zip(&idle).enumerate() {
        let who = if i == 0 {
            "open".to_string()
        } else {
            format!("join {i}")
        };
        eprintln!(
            "{who:>7}: typing {cpu:5.1} ms/s CPU, {wake:5.1} wake-ups/s; idle after {icpu:4.2} ms/s, {iwake:.1} wake-ups/s"
        );
    }

    assert!(failures.is_empty(), "the file was invalid: {failures:?}");
    assert!(
        percentile(&delays, 0.99) < P99_TARGET,
        "p99 delay {:?} (target {P99_TARGET:?}): {delays:?}",
        percentile(&delays, 0.99)
    );
    for (i, (cpu, wake)) in idle.iter().enumerate() {
        assert!(
            *cpu <= IDLE_CPU_MS_PER_S && *wake <= IDLE_WAKEUPS_PER_S,
            "process {i} not idle: {cpu:.2} ms/s, {wake:.1} wake-ups/s"
        );
    }

    // Everyone leaves; then the file holds every line and action, and no undone line.
    for mut r in raps {
        r.send("q");
        assert!(r.wait_exit().success());
    }
    let mut fac = fac;
    fac.send("q");
    assert!(fac.wait_exit().success());
    let s = atelier::store::load(&path).expect("the file is valid");
    let mut texts: Vec<String> = Vec::new();
    for l in s.groups.iter().flat_map(|g| g.poster.lines.iter()) {
        texts.push(l.solution.clone());
        texts.push(l.action.clone());
        texts.extend(l.history.iter().map(|h| h.text.clone()));
    }
    let found = |needle: &str| texts.iter().any(|t| t.contains(needle));
    for (g, t) in typed.iter().enumerate() {
        for (l, _) in &t.lines {
            assert!(
                found(l),
                "group {}: line {l:?} lost; typed {:?}, undone {:?}; in the file: {:?}",
                g + 1,
                t.lines.iter().map(|(l, _)| l).collect::<Vec<_>>(),
                t.undone,
                s.groups.get(g).map(|g| g
                    .poster
                    .lines
                    .iter()
                    .map(|l| &l.solution)
                    .collect::<Vec<_>>())
            );
        }
        for a in &t.actions {
            assert!(found(a), "group {}: action {a:?} lost", g + 1);
        }
        for u in &t.undone {
            let tag = u.split(' ').next().unwrap_or(u);
            assert!(
                !found(tag),
                "group {}: undone line {u:?} still there",
                g + 1
            );
        }
    }
    assert_eq!(s.themes.len(), titles.len());
}
