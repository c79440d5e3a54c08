//! Performance at scale: every figure of the README's "Performance" table, each beside its
//! baseline in the same run.
//!
//! - render of each screen into a 200×60 `TestBackend` terminal, for the example session and the
//!   large one (12 groups × 200 lines, 80 people, 3 workshops), as a ratio to the floor: one
//!   full-screen plain `Paragraph` drawn the same way;
//! - one keystroke (keymap + update + draw) while editing a poster line of the large session;
//! - load and save (with fsync) of the large session, RON beside `serde_json`;
//! - the real binary in a pseudo-terminal: time to the first frame, peak memory (RSS), and what
//!   it does when idle (CPU, wake-ups, bytes written).
//!
//! Run: `cargo bench --bench perf` (the table), then divan's own view of the render and
//! keystroke figures. `PERF_QUICK=1` takes fewer samples; `PERF_ONLY=render,keys,io,process,divan`
//! runs some parts only, `PERF_SCREEN=Poster` some screens only.

// The pseudo-terminal helper of the tests: the bench runs the real binary the same way.
#[path = "../tests/common/pty.rs"]
mod pty;

#[path = "../tests/support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use atelier::app::key::{Key as KeyEvent, KeyCode, KeyModifiers};
use atelier::app::{Action, State, keymap, update};
use atelier::domain::{Phase, Session, Step, Timestamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use pty::{App, EXAMPLE};

const W: u16 = 200;
const H: u16 = 60;

fn now() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2027-03-03T10:00:00+01:00").unwrap_or_default()
}

fn example() -> Session {
    atelier::store::parse(EXAMPLE, Path::new("exemple-za.ron")).unwrap_or_else(|e| panic!("{e}"))
}

fn large() -> Session {
    sample::session(sample::Size::LARGE, 7)
}

/// As many groups as the large session, a tenth of the lines: the screens are as full.
fn medium() -> Session {
    sample::session(
        sample::Size {
            lines_per_group: 20,
            ..sample::Size::LARGE
        },
        7,
    )
}

fn quick() -> bool {
    std::env::var_os("PERF_QUICK").is_some()
}

// ---------------------------------------------------------------------------------------------
// Sampling: like divan, many samples each of enough iterations to be well above the clock's
// resolution; the median and the spread (10th–90th percentile) of the per-iteration times.

#[derive(Debug, Clone, Copy)]
struct Stats {
    median: f64,
    p10: f64,
    p90: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn stats(mut xs: Vec<f64>) -> Stats {
    xs.sort_by(f64::total_cmp);
    Stats {
        median: percentile(&xs, 0.5),
        p10: percentile(&xs, 0.1),
        p90: percentile(&xs, 0.9),
    }
}

/// Seconds per call of `f`.
fn measure(mut f: impl FnMut()) -> Stats {
    // Warm up and find how many calls make a sample of about 2 ms.
    let mut iters = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        if t.elapsed() >= Duration::from_millis(2) || iters >= 1 << 20 {
            break;
        }
        iters *= 2;
    }
    let samples = if quick() { 30 } else { 150 };
    let xs = (0..samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_secs_f64() / f64::from(iters)
        })
        .collect();
    stats(xs)
}

fn us(s: f64) -> String {
    format!("{:.0} µs", s * 1e6)
}

fn ms(s: f64) -> String {
    if s < 0.01 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} ms", s * 1e3)
    }
}

fn spread(st: &Stats, unit: fn(f64) -> String) -> String {
    format!("{} ({}–{})", unit(st.median), unit(st.p10), unit(st.p90))
}

// ---------------------------------------------------------------------------------------------
// Screens

fn goto(s: &mut Session, phase: Phase) {
    if let Ok(t) = s.goto_step(phase, now())
        && let Some(op) = t.op
    {
        let _ = s.apply(op);
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn press(st: &mut State, c: KeyCode) {
    if let Some(a) = keymap::action_for(st.mode(), key(c)) {
        update(st, a);
    }
}

fn state(session: Session) -> State {
    let mut st = State::new(session, PathBuf::from("bench.ron"), now());
    update(&mut st, Action::Resize(W, H));
    st
}

/// Every screen, by name, set up as the facilitator reaches it.
fn screens(base: &Session) -> Vec<(&'static str, State)> {
    let at = |phase: Phase| {
        let mut s = base.clone();
        goto(&mut s, phase);
        state(s)
    };
    let mut out = vec![
        ("Préparation", at(Phase::Preparation)),
        ("Présentation", at(Phase::Presentation { theme: 1 })),
        ("Groupes", at(Phase::Groups { round: 2 })),
    ];
    let mut poster = at(Phase::Groups { round: 2 });
    press(&mut poster, KeyCode::Enter);
    out.push(("Poster", poster));
    out.push(("Rotation", at(Phase::Rotation { to_round: 2 })));
    out.push(("Restitution", at(Phase::Restitution { group: 1 })));
    out.push(("Engagements", at(Phase::Commitments)));
    out.push(("Clos", at(Phase::Closed)));
    for (k, name) in [
        "Suivi actions",
        "Suivi groupes",
        "Suivi calendrier",
        "Suivi temps",
    ]
    .into_iter()
    .enumerate()
    {
        let mut st = at(Phase::Groups { round: 2 });
        press(&mut st, KeyCode::Char('f'));
        for _ in 0..k {
            press(&mut st, KeyCode::Tab);
        }
        out.push((name, st));
    }
    // The rencontre's seven steps (and the vote being typed), on a wall of 300 cards with
    // 60 voters for the generated sessions, on its own rencontre for the example.
    let with_rencontre = rencontre_of(base);
    for (name, step) in [
        ("Rencontre diagnostic", Step::Diagnostic),
        ("Rencontre tour de table", Step::Introductions { person: 7 }),
        ("Rencontre recensement", Step::Census),
        ("Rencontre regroupement", Step::Grouping),
        ("Rencontre vote", Step::Vote),
        ("Rencontre questions", Step::Questions),
        ("Rencontre clôture", Step::Closing),
    ] {
        let mut s = with_rencontre.clone();
        if let Some(n) = s.current_rencontre().map(|r| r.number)
            && let Ok(t) = s.rencontre_goto(n, step, now())
            && let Some(op) = t.op
        {
            let _ = s.apply(op);
        }
        let mut st = state(s);
        update(&mut st, Action::ToggleRencontre);
        if st.rencontre.is_none() {
            update(&mut st, Action::ToggleRencontre);
        }
        if step == Step::Vote {
            let mut typing = state(st.session.clone());
            typing.rencontre = st.rencontre.clone();
            press(&mut typing, KeyCode::Char('2'));
            press(&mut typing, KeyCode::Char('m'));
            out.push((name, st));
            out.push(("Rencontre vote (saisie)", typing));
            continue;
        }
        out.push((name, st));
    }
    out
}

/// The session with a rencontre: its own if it has one, else one of 300 cards from its
/// people (60 of them voting, 3 dots each), 8 candidate themes, an accepted synergy.
fn rencontre_of(base: &Session) -> Session {
    use atelier::domain::rencontre::{
        Candidate, Card, CardKind, Dot, Flow, Quantity, Rencontre, SynergyMark,
    };
    let mut s = base.clone();
    if !s.rencontres.is_empty() {
        return s;
    }
    let mut r = Rencontre::new(1);
    r.revealed = true;
    r.themes = (1..=8)
        .map(|i| Candidate {
            id: i,
            title: format!("Thème candidat numéro {i} : mutualisation"),
        })
        .collect();
    let people: Vec<u32> = s.speakers().iter().map(|p| p.id).collect();
    for i in 0..300u32 {
        let kind = CardKind::ALL[(i % 5) as usize];
        let mut c = Card::new(
            i + 1,
            format!("Carte {i} : besoin de palettes, de chaleur et de places de parking partagées"),
            kind,
        );
        c.author = people.get(i as usize % people.len().max(1)).copied();
        c.flow = Some(Flow::ALL[(i % 8) as usize]);
        c.quantity = Some(Quantity {
            amount: f64::from(i) + 0.5,
            unit: "t/an".into(),
        });
        c.theme = (i % 3 != 0).then_some(i % 8 + 1);
        c.answer = if kind == CardKind::Question {
            "Réponse de la communauté de communes".into()
        } else {
            String::new()
        };
        r.cards.push(c);
    }
    let mut id = 0;
    for (k, p) in people.iter().take(60).enumerate() {
        for j in 0..3u32 {
            id += 1;
            r.dots.push(Dot {
                id,
                participant: *p,
                theme: (k as u32 + j * 2) % 8 + 1,
            });
        }
    }
    r.synergies.push(SynergyMark {
        offer: 2,
        need: 1,
        accepted: true,
    });
    s.rencontres.push(r);
    s
}

fn terminal() -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(W, H)) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

/// The floor: the cheapest full screen ratatui can draw, plain text in every cell.
fn floor_text() -> String {
    let row: String = "Plan d'actions · Solutions · Responsables · Échéances "
        .chars()
        .cycle()
        .take(W as usize)
        .collect();
    vec![row; H as usize].join("\n")
}

/// Each frame starts from a reset buffer, as after a full clear: the same for the floor and
/// the screens.
fn render_table() {
    println!("\n### Render, 200×60 (per frame, into a reset buffer)\n");
    let text = floor_text();
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    let floor = measure(|| {
        buf.reset();
        Paragraph::new(text.as_str()).render(area, &mut buf);
    });
    println!(
        "floor (one full-screen Paragraph): {}\n",
        spread(&floor, us)
    );
    println!(
        "| screen | example session (4 groups, 12 lines) | 12 groups × 20 lines | large session (12 groups × 200 lines) | large / floor |"
    );
    println!("|---|---:|---:|---:|---:|");
    let ex = screens(&example());
    let md = screens(&medium());
    let lg = screens(&large());
    let mut worst: f64 = 0.0;
    let screen = std::env::var("PERF_SCREEN").unwrap_or_default();
    for (((name, a), (_, m)), (_, b)) in ex.iter().zip(md.iter()).zip(lg.iter()) {
        if !screen.is_empty() && !name.contains(screen.as_str()) {
            continue;
        }
        let mut run = |st: &State| {
            measure(|| {
                buf.reset();
                atelier::ui::render(st, area, &mut buf);
            })
        };
        let sa = run(a);
        let sm = run(m);
        let sb = run(b);
        let ratio = sb.median / floor.median;
        worst = worst.max(ratio);
        println!(
            "| {name} | {} | {} | {} | {:.1}× |",
            spread(&sa, us),
            spread(&sm, us),
            spread(&sb, us),
            ratio
        );
    }
    println!("\nworst ratio to the floor: {worst:.1}× (target ≤ 3×)");
}

// ---------------------------------------------------------------------------------------------
// One keystroke while editing a poster line

fn keystroke_table() {
    println!("\n### One keystroke in the poster editor, large session (keymap + update + frame)\n");
    let mut s = large();
    goto(&mut s, Phase::Groups { round: 2 });
    let mut st = state(s);
    press(&mut st, KeyCode::Enter); // open the focused group's poster
    press(&mut st, KeyCode::Enter); // edit the selected cell
    assert!(st.editor.is_some(), "the editor is open");
    let mut term = terminal();
    let mut cache = atelier::ui::ScreenCache::default();
    let _ = term.draw(|f| {
        let area = f.area();
        cache.render(&st, area, f.buffer_mut(), false);
    });
    let typed: Vec<KeyCode> = "covoiturage été 日本 "
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Backspace, KeyCode::Left, KeyCode::Right])
        .collect();
    let n = if quick() { 2_000 } else { 20_000 };
    // As the event loop does it: keymap, update, then the frame (the screen under the editor
    // reused, the editor drawn, ratatui's diff into the terminal); and, alternately, the same
    // with the whole screen laid out again.
    let mut app = Vec::with_capacity(n / 2);
    let mut full = Vec::with_capacity(n / 2);
    for i in 0..n {
        let c = typed[i % typed.len()];
        let relayout = i % 2 == 1;
        let t = Instant::now();
        if let Some(a) = keymap::action_for(st.mode(), key(c)) {
            update(&mut st, a);
        }
        let _ = term.draw(|f| {
            let area = f.area();
            cache.render(&st, area, f.buffer_mut(), !relayout);
        });
        let dt = t.elapsed().as_secs_f64();
        if relayout {
            full.push(dt);
        } else {
            app.push(dt);
        }
        // Keep the cell from growing without end: clear it now and then, untimed.
        if i % 500 == 499 {
            for _ in 0..600 {
                if let Some(a) = keymap::action_for(st.mode(), key(KeyCode::Backspace)) {
                    update(&mut st, a);
                }
            }
        }
    }
    for (name, xs) in [
        (
            "as the app draws it (the screen under the editor reused)",
            &mut app,
        ),
        ("with the whole screen laid out again", &mut full),
    ] {
        xs.sort_by(f64::total_cmp);
        println!(
            "{} keystrokes {name}: median {}, p99 {}, max {} (target p99 < 1 ms)",
            xs.len(),
            us(percentile(xs, 0.5)),
            us(percentile(xs, 0.99)),
            us(percentile(xs, 1.0))
        );
    }
    // Where a keystroke's time goes.
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    let view = measure(|| {
        buf.reset();
        atelier::ui::render(&st, area, &mut buf);
    });
    let mut k = 0usize;
    let upd = measure(|| {
        k += 1;
        let c = if k.is_multiple_of(2) {
            KeyCode::Char('é')
        } else {
            KeyCode::Backspace
        };
        if let Some(a) = keymap::action_for(st.mode(), key(c)) {
            update(&mut st, a);
        }
    });
    println!(
        "\nthe parts: keymap + update {:.1} µs; the whole view {}; the rest is ratatui's diff",
        upd.median * 1e6,
        us(view.median)
    );
}

// ---------------------------------------------------------------------------------------------
// Load and save

fn json_save(path: &Path, s: &Session) {
    match serde_json::to_vec_pretty(s) {
        Ok(bytes) => {
            let _ = atelier::store::write_atomic(path, &bytes);
        }
        Err(e) => panic!("{e}"),
    }
}

fn io_table() {
    println!("\n### Load and save of the large session (RON beside serde_json, same data)\n");
    let s = large();
    let dir = std::env::temp_dir().join(format!("atelier-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let ron_path = dir.join("grande.ron");
    let json_path = dir.join("grande.json");
    let ron_text = atelier::store::to_text(&s).unwrap_or_default();
    let json_text = serde_json::to_string_pretty(&s).unwrap_or_default();
    let lines = s.groups.iter().map(|g| g.poster.lines.len()).sum::<usize>();
    println!(
        "{} poster lines; file: RON {} KiB, JSON {} KiB\n",
        lines,
        ron_text.len() / 1024,
        json_text.len() / 1024
    );
    let _ = std::fs::write(&ron_path, &ron_text);
    let _ = std::fs::write(&json_path, &json_text);
    let rows: Vec<(&str, Stats, Stats)> = vec![
        (
            "parse (text → session, checks included)",
            measure(|| {
                let _ = atelier::store::parse(&ron_text, &ron_path);
            }),
            measure(|| {
                let _ = serde_json::from_str::<Session>(&json_text);
            }),
        ),
        (
            "load (read + parse)",
            measure(|| {
                let _ = atelier::store::load(&ron_path);
            }),
            measure(|| {
                let _ = std::fs::read_to_string(&json_path)
                    .map(|t| serde_json::from_str::<Session>(&t));
            }),
        ),
        (
            "serialise (session → text)",
            measure(|| {
                let _ = atelier::store::to_text(&s);
            }),
            measure(|| {
                let _ = serde_json::to_vec_pretty(&s);
            }),
        ),
        (
            "save (serialise, write, fsync, backup, rename, fsync dir)",
            measure(|| {
                let _ = atelier::store::save(&ron_path, &s);
            }),
            measure(|| json_save(&json_path, &s)),
        ),
    ];
    println!("| operation | RON | JSON |");
    println!("|---|---:|---:|");
    for (name, r, j) in &rows {
        println!("| {name} | {} | {} |", spread(r, ms), spread(j, ms));
    }
    // The app's save is a merge: lock, re-read, compare, write (see store::sync).
    let mut shared = atelier::store::sync::Shared::new(ron_text.clone(), None);
    let mut session = s.clone();
    let line = session
        .groups
        .first()
        .and_then(|g| g.poster.lines.first())
        .map(|l| l.id)
        .unwrap_or(1);
    let mut k = 0u64;
    let app_save = measure(|| {
        k += 1;
        let op = atelier::domain::Op::SetLine {
            line,
            field: atelier::domain::LineField::Solution(format!("édition {k}")),
        };
        if let Ok(inverse) = session.apply(op.clone()) {
            let mut pending = vec![atelier::domain::merge::Pending { op, inverse }];
            let _ = shared.sync(&ron_path, &mut session, &mut pending, "bench", now());
        }
    });
    println!(
        "| the app's autosave of one edit (lock, re-read, compare, write as above) | {} | |",
        spread(&app_save, ms)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// The real binary in a pseudo-terminal

/// A number from `/proc/PID/status` (kB for memory fields).
fn proc_status(pid: u32, field: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn spawn(args: &[&str], home: &Path) -> (App, u32) {
    let app = App::spawn(args, home, home, (W, H));
    let pid = app.child.process_id().unwrap_or(0);
    (app, pid)
}

fn quit(mut app: App) {
    app.send("q");
    app.wait_exit();
}

/// CPU (ms a second), wake-ups a second and bytes written a second of each app over `secs`.
fn idle(apps: &[&App], secs: u64) -> Vec<(f64, f64, f64)> {
    let b0: Vec<usize> = apps
        .iter()
        .map(|a| a.bytes.load(Ordering::Relaxed))
        .collect();
    let figures = pty::measure(apps, Duration::from_secs(secs));
    figures
        .into_iter()
        .zip(apps.iter().zip(b0))
        .map(|((cpu, wake), (a, b0))| {
            let bytes = a.bytes.load(Ordering::Relaxed).saturating_sub(b0);
            (cpu, wake, bytes as f64 / secs as f64)
        })
        .collect()
}

/// Adds a poster line and waits until it is saved.
fn add_line(app: &mut App, text: &str) {
    app.keys(&["a"]);
    app.wait_text("valider");
    app.send(text);
    app.keys(&["\r"]);
    app.wait_text("enregistré à");
}

fn process_table() {
    println!("\n### The real binary in a 200×60 pseudo-terminal\n");
    let home = std::env::temp_dir().join(format!("atelier-bench-home-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&home);
    let example_path = home.join("exemple.ron");
    let large_path = home.join("grande.ron");
    let _ = std::fs::write(&example_path, EXAMPLE);
    let _ = atelier::store::save(&large_path, &large());
    println!("| session | first frame | peak RSS |");
    println!("|---|---:|---:|");
    let runs = if quick() { 5 } else { 20 };
    let idle_secs = if quick() { 3 } else { 10 };
    let mut idle_rows = Vec::new();
    for (name, path) in [("example", &example_path), ("large", &large_path)] {
        let file = path.to_string_lossy().into_owned();
        let mut first = Vec::new();
        let mut rss = Vec::new();
        for _ in 0..runs {
            let (app, pid) = spawn(&["open", &file], &home);
            first.push(app.first_frame().as_secs_f64());
            rss.push(proc_status(pid, "VmHWM:") as f64 / 1024.0);
            quit(app);
        }
        let f = stats(first);
        let r = stats(rss);
        println!(
            "| {name} | {} | {:.1} MiB ({:.1}–{:.1}) |",
            spread(&f, ms),
            r.median,
            r.p10,
            r.p90
        );

        // Idle, three ways: fresh; after edits (timer on and off, a line added, saved); and
        // beside a rapporteur on the same file who has added a line too.
        let (app, _) = spawn(&["open", &file], &home);
        app.first_frame();
        std::thread::sleep(Duration::from_secs(2));
        let fresh = idle(&[&app], idle_secs);
        quit(app);

        let (mut app, _) = spawn(&["open", &file], &home);
        app.first_frame();
        app.keys(&[" ", " ", "\r"]);
        app.wait_text("Plan d'actions");
        add_line(&mut app, "Ligne du banc d'essai");
        app.keys(&["\x1b"]);
        std::thread::sleep(Duration::from_secs(2));
        let edited = idle(&[&app], idle_secs);
        let (mut rap, _) = spawn(&["join", &file, "--group", "2"], &home);
        rap.wait_text("Plan d'actions");
        add_line(&mut rap, "Ligne du rapporteur");
        rap.keys(&["a"]);
        rap.send("en cours");
        std::thread::sleep(Duration::from_secs(2));
        let two = idle(&[&app, &rap], idle_secs);
        rap.keys(&["\x1b", "q"]);
        rap.wait_exit();
        quit(app);
        for (case, f) in [
            ("fresh, nothing edited", fresh.first()),
            ("after edits and saves", edited.first()),
            ("open, a rapporteur on the file", two.first()),
            ("join, after an edit, editor open", two.get(1)),
        ] {
            if let Some((cpu, wake, bytes)) = f {
                idle_rows.push(format!(
                    "| {name} | {case} | {cpu:.2} ms/s | {wake:.1}/s | {bytes:.0} B/s |"
                ));
            }
        }
    }
    println!("\n| session | idle ({idle_secs} s) | CPU | wake-ups | output |");
    println!("|---|---|---:|---:|---:|");
    for row in idle_rows {
        println!("{row}");
    }
    let _ = std::fs::remove_dir_all(&home);
}

// ---------------------------------------------------------------------------------------------
// divan's view of the same render and keystroke paths

#[divan::bench(args = ["example", "large"])]
fn groups_screen(bencher: divan::Bencher, which: &str) {
    let s = if which == "large" { large() } else { example() };
    let (_, st) = screens(&s)
        .into_iter()
        .nth(2)
        .unwrap_or_else(|| panic!("screen"));
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        atelier::ui::render(&st, area, &mut buf);
    });
}

#[divan::bench]
fn floor_paragraph(bencher: divan::Bencher) {
    let text = floor_text();
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        Paragraph::new(text.as_str()).render(area, &mut buf);
    });
}

fn main() {
    atelier::text::Lang::Fr.set();
    println!(
        "## atelier performance ({} samples per figure; median and 10th–90th percentile)",
        if quick() { 30 } else { 150 }
    );
    let only = std::env::var("PERF_ONLY").unwrap_or_default();
    let run = |part: &str| only.is_empty() || only.split(',').any(|o| o == part);
    if run("render") {
        render_table();
    }
    if run("keys") {
        keystroke_table();
    }
    if run("io") {
        io_table();
    }
    if run("process") {
        process_table();
    }
    if run("divan") {
        divan::main();
    }
}
