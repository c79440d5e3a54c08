//! Random input against the whole TUI state machine: every bound key, text characters, pastes
//! with newlines, combining accents (`e\u{301}`), CJK, emoji, zero-width joiners, editing
//! chords, mouse clicks, resizes from 0×0 to 300×100, clock ticks (forwards, jumps and
//! backwards), saves that succeed or fail. After **every** event:
//!
//! - nothing panics, and the screen renders at the current size;
//! - `Session::integrity_problems` is empty;
//! - wherever the keymap would send Ctrl-z / Ctrl-r to undo / redo (no editor, picker or
//!   overlay swallows them), undo then redo gives back an equal session, and so does redo
//!   then undo (the screen is also rendered in between);
//! - every few hundred events, and at the end, the session is written and read back equal.
//!
//! By default (`cargo test`) a proptest (shrinking) and a few seeded runs make a few
//! thousand events. With `ATELIER_LONG=1` the seeded runs make at least 100 000 events
//! (`ATELIER_LONG=1 cargo test --release --test ui_fuzz`), on several threads, and with
//! `ATELIER_SOAK=1` a million. A failing seeded
//! run prints its seed, the step and the events that led there. `ATELIER_FUZZ_SEED=N` makes
//! the seeded runs start from another seed (the default is fixed, so runs are reproducible).

mod common;

#[path = "support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use atelier::app::key::{Key as KeyEvent, KeyCode, KeyModifiers};
use atelier::app::{Action, Effect, Mode, State, keymap, update};
use atelier::domain::Session;
use atelier::domain::poster::{CellName, Overwritten};
use atelier::domain::rng::Rng;
use proptest::prelude::*;

fn long() -> bool {
    common::proof() >= common::Proof::Long
}

#[derive(Debug, Clone)]
enum Ev {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
    /// Seconds added to the fake clock (negative: the wall clock went back).
    Tick(i64),
    /// The event loop wrote the pending edits.
    Saved,
    /// The event loop could not write.
    SaveFailed,
    /// Keys in a row: clearing a text field (start of line, delete to the end).
    Keys(Vec<(KeyCode, KeyModifiers)>),
}

/// Typed one key at a time: letters, accents, a combining accent, CJK, emoji and the pieces of
/// a zero-width-joiner sequence, a flag's two halves, quotes, invisible characters.
const TEXT: &[char] = &[
    'a', 'b', 'e', 'E', 'm', 'x', 'z', ' ', ' ', '0', '7', '\'', '"', '-', ',', 'é', 'à', 'œ', 'ß',
    '«', '»', '\u{301}', '\u{301}', '\u{200d}', '\u{200b}', '\u{fe0f}', '日', '本', '語', 'ｱ',
    '👩', '🔧', '🇫', '🇷', '\u{202e}', '﷽',
];

/// Pasted: built from these pieces, so grapheme clusters and line breaks are common.
const PIECES: &[&str] = &[
    "a",
    "Zone ",
    " ",
    "e\u{301}",
    "x\u{301}\u{301}\u{301}",
    "\u{301}",
    "日本語",
    "👩\u{200d}🔧",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "\u{200d}",
    "🇫🇷",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "«\u{a0}citation\u{a0}»",
    "'\"",
    "\u{200b}",
    "ﷺ",
    "0123456789",
];

/// Keys a text field understands besides characters (emacs chords, word moves…).
fn editing_key(r: &mut Rng) -> (KeyCode, KeyModifiers) {
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    match r.below(4) {
        0 => {
            let codes = [
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Up,
                KeyCode::Down,
            ];
            let mods = [KeyModifiers::NONE, CTRL, ALT, KeyModifiers::SHIFT];
            (codes[r.below(codes.len())], mods[r.below(mods.len())])
        }
        1 | 2 => {
            let c: Vec<char> = "aehbfnpkuwydmjvzrc".chars().collect();
            (KeyCode::Char(c[r.below(c.len())]), CTRL)
        }
        _ => {
            let c: Vec<char> = "bfdv<>nph".chars().collect();
            (KeyCode::Char(c[r.below(c.len())]), ALT)
        }
    }
}

/// One random event. `mode` and `size` only bias the choice (keys of the current mode, clicks
/// on the screen); any key can still come in any mode.
fn gen_event(r: &mut Rng, mode: Mode, size: (u16, u16)) -> Ev {
    let bindings = keymap::bindings();
    if mode == Mode::Edit && r.below(16) == 0 {
        // What a person does with a refused entry (a bad e-mail address): clear it. Without
        // this the walk can stay in one editor for thousands of events.
        return Ev::Keys(vec![
            (KeyCode::Home, KeyModifiers::NONE),
            (KeyCode::Char('k'), KeyModifiers::CONTROL),
        ]);
    }
    let roll = r.below(100);
    let own: Vec<_> = bindings.iter().filter(|b| b.mode == mode).collect();
    if roll < 20 && !own.is_empty() {
        // A key of the current mode (this is also how overlays get closed again).
        let b = own[r.below(own.len())];
        Ev::Key(b.code, b.mods)
    } else if roll < 30 {
        let global: Vec<_> = bindings.iter().filter(|b| b.mode == Mode::Global).collect();
        let b = global[r.below(global.len())];
        Ev::Key(b.code, b.mods)
    } else if roll < 40 {
        // Any bound key of any mode.
        let b = &bindings[r.below(bindings.len())];
        Ev::Key(b.code, b.mods)
    } else if roll < 62 {
        let c = TEXT[r.below(TEXT.len())];
        let m = if r.below(8) == 0 {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        Ev::Key(KeyCode::Char(c), m)
    } else if roll < 70 {
        let (c, m) = editing_key(r);
        Ev::Key(c, m)
    } else if roll < 72 {
        // Anything at all, even keys nothing binds.
        let codes = [
            KeyCode::F(r.below(13) as u8),
            KeyCode::Insert,
            KeyCode::Char(char::from(b'a' + r.below(26) as u8)),
            KeyCode::Char(char::from(b'A' + r.below(26) as u8)),
        ];
        let bits = r.below(16);
        let mods = KeyModifiers {
            shift: bits & 1 != 0,
            ctrl: bits & 2 != 0,
            alt: bits & 4 != 0,
        };
        Ev::Key(codes[r.below(codes.len())], mods)
    } else if roll < 78 {
        let n = if r.below(10) == 0 {
            r.below(400)
        } else {
            r.below(12)
        };
        let text: String = (0..n).map(|_| PIECES[r.below(PIECES.len())]).collect();
        Ev::Paste(text)
    } else if roll < 82 {
        let (w, h) = match r.below(10) {
            0 => (0, 0),
            1 => (r.below(4) as u16, r.below(4) as u16),
            2 => (300, 100),
            3 | 4 => (r.below(301) as u16, r.below(101) as u16),
            _ => (60 + r.below(141) as u16, 18 + r.below(43) as u16),
        };
        Ev::Resize(w, h)
    } else if roll < 87 {
        Ev::Click(
            r.below(usize::from(size.0)) as u16,
            r.below(usize::from(size.1)) as u16,
        )
    } else if roll < 96 {
        let d = match r.below(20) {
            0 => r.below(3600) as i64,
            1 => -(r.below(600) as i64),
            _ => 1,
        };
        Ev::Tick(d)
    } else if roll < 99 {
        Ev::Saved
    } else {
        Ev::SaveFailed
    }
}

/// What a step can start from.
#[derive(Debug, Clone, Copy)]
enum Start {
    Example,
    /// A rapporteur's view (`atelier join`) of the example's first group.
    Rapporteur,
    /// A generated session: several workshops, many lines.
    Sample,
    Empty,
}

fn start_state(start: Start, phase: usize, seed: u64) -> State {
    let mut session = match start {
        Start::Example | Start::Rapporteur => common::example(),
        Start::Sample => sample::session(
            sample::Size {
                groups: 5,
                lines_per_group: 12,
                participants: 24,
                workshops: 2,
            },
            seed,
        ),
        Start::Empty => Session::new("Vide", "ZA vide"),
    };
    if let Some(w) = session.current_workshop().cloned() {
        let steps = session.steps(&w);
        if let Some(current) = session.workshops.iter_mut().find(|x| x.number == w.number) {
            current.phase = steps[phase % steps.len()];
        }
    }
    if let Start::Example | Start::Rapporteur = start {
        // Texts lost to concurrent edits, as a shared file gets them: `h` opens their picker.
        for g in &mut session.groups {
            for l in g.poster.lines.iter_mut().take(2) {
                l.history.push(Overwritten {
                    field: CellName::Solution,
                    text: format!("{} (version de la table)", l.solution),
                    replaced_by: "Rapporteur".into(),
                    at: common::at("09:58:00"),
                });
            }
        }
    }
    let mut st = common::state(session, common::at("10:00:00"));
    if st.mode() == Mode::Preparation && !st.session.themes.is_empty() {
        // On the themes' rapporteur column: one Enter from the picker.
        st.prep.col = 3;
    }
    if let Start::Rapporteur = start {
        st.scope = st.group_themes().first().copied();
        st.sync_after_step();
    }
    st
}

#[derive(Debug, Clone, Copy)]
struct Stats {
    events: usize,
    undo_checks: usize,
    redo_checks: usize,
    undo_refused: usize,
    /// Events seen per input mode (indexed by `Mode as usize`).
    modes: [usize; 48],
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            events: 0,
            undo_checks: 0,
            redo_checks: 0,
            undo_refused: 0,
            modes: [0; 48],
        }
    }
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.events += o.events;
        self.undo_checks += o.undo_checks;
        self.redo_checks += o.redo_checks;
        self.undo_refused += o.undo_refused;
        for (a, b) in self.modes.iter_mut().zip(o.modes) {
            *a += b;
        }
    }
}

fn mode_index(m: Mode) -> usize {
    m as usize
}

struct Run {
    st: State,
    clock: i64,
    stats: Stats,
}

impl Run {
    fn new(st: State) -> Run {
        Run {
            st,
            clock: 0,
            stats: Stats::default(),
        }
    }

    fn now(&self) -> atelier::domain::Timestamp {
        common::at("10:00:00") + chrono::Duration::seconds(self.clock)
    }

    /// Feeds one event the way the event loop does.
    fn apply(&mut self, ev: &Ev) {
        if let Ev::Keys(keys) = ev {
            for (code, m) in keys {
                self.apply(&Ev::Key(*code, *m));
            }
            return;
        }
        let st = &mut self.st;
        let action = match ev {
            Ev::Key(code, m) => match keymap::action_for(st.mode(), KeyEvent::new(*code, *m)) {
                // Quitting would end the run; the real loop handles it.
                None | Some(Action::Quit) => return,
                Some(a) => a,
            },
            Ev::Paste(t) => Action::Paste(t.clone()),
            Ev::Resize(w, h) => Action::Resize(*w, *h),
            Ev::Click(x, y) => Action::Click(*x, *y),
            Ev::Tick(d) => {
                self.clock += d;
                Action::Tick(self.now())
            }
            Ev::Saved => {
                // What `store::sync` reports once the edits are on disk.
                let written = st.pending.len();
                let at = common::at("10:00:00") + chrono::Duration::seconds(self.clock);
                Action::Synced {
                    at,
                    outcome: Box::new(atelier::store::sync::SyncOutcome {
                        written,
                        ..Default::default()
                    }),
                }
            }
            Ev::SaveFailed => Action::SaveFailed("disque plein (os error 28)".into()),
            Ev::Keys(_) => return,
        };
        let st = &mut self.st;
        match update(st, action) {
            Effect::Export => {
                update(
                    st,
                    Action::Exported {
                        ok: true,
                        message: "exporté".into(),
                    },
                );
            }
            // The shell's answer: the room runs with two links (or stops).
            Effect::Room(command) => {
                use atelier::overlays::room::model::{RoomCommand, RoomInfo, RoomLink};
                let info = RoomInfo {
                    addr: "192.168.1.20:8765".into(),
                    links: ["Vue de la salle", "Vote par gommettes"]
                        .iter()
                        .enumerate()
                        .map(|(i, label)| RoomLink {
                            label: (*label).into(),
                            url: format!("http://192.168.1.20:8765/token{i}"),
                        })
                        .collect(),
                };
                let (info, revoked) = match command {
                    RoomCommand::Stop => (None, None),
                    RoomCommand::Revoke(row) => (Some(info), Some(row)),
                    RoomCommand::Start => (Some(info), None),
                };
                update(st, Action::RoomState(info, revoked));
            }
            Effect::Quit => panic!("only Quit may quit, after {ev:?}"),
            Effect::None | Effect::Bell => {}
        }
    }

    /// The invariants, after every event.
    fn check(&mut self, full_round_trip: bool) {
        self.stats.events += 1;
        self.stats.modes[mode_index(self.st.mode())] += 1;
        draw(&self.st);
        assert_valid(&self.st.session, "");
        let mode = self.st.mode();
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        if self.st.history.can_undo() && keymap::action_for(mode, ctrl('z')) == Some(Action::Undo) {
            self.round_trip(Action::Undo, Action::Redo);
        }
        if self.st.history.can_redo() && keymap::action_for(mode, ctrl('r')) == Some(Action::Redo) {
            self.round_trip(Action::Redo, Action::Undo);
        }
        if full_round_trip {
            let text = atelier::store::to_text(&self.st.session).expect("serialises");
            let back =
                atelier::store::parse(&text, std::path::Path::new("x.ron")).expect("reads back");
            assert!(
                back == self.st.session,
                "the session does not read back equal"
            );
        }
    }

    /// `first` then `second` (undo then redo, or redo then undo) gives back an equal session.
    /// The cursors undo moves are put back afterwards so that the check does not steer the
    /// random walk (the session is equal, so they are still valid).
    fn round_trip(&mut self, first: Action, second: Action) {
        let st = &mut self.st;
        let before = st.session.clone();
        let cursors = Cursors::take(st);
        st.flash = None;
        update(st, first.clone());
        // An undo or redo says what it did; a refusal is a warning.
        if st.flash.as_ref().is_some_and(|f| f.warning) {
            // Refused (the entry no longer applies and is dropped): nothing may have changed.
            self.stats.undo_refused += 1;
            assert_same(&before, &st.session, &format!("a refused {first:?}"));
            cursors.restore(st);
            return;
        }
        draw(st);
        assert_valid(&st.session, &format!(" after {first:?}"));
        update(st, second.clone());
        assert_same(&before, &st.session, &format!("{first:?} then {second:?}"));
        cursors.restore(st);
        if first == Action::Undo {
            self.stats.undo_checks += 1;
        } else {
            self.stats.redo_checks += 1;
        }
    }
}

/// The UI state undo/redo may reset (`fix_cursors`, `sync_after_step`).
struct Cursors {
    poster_open: Option<atelier::domain::ThemeId>,
    focus: usize,
    poster: atelier::app::PosterCursor,
    prep_tab: atelier::app::PrepTab,
    prep_row: usize,
    prep_col: usize,
    tables: atelier::app::TablesCursor,
    notes_focus: bool,
    commit_row: usize,
    flash: Option<atelier::app::Flash>,
}

impl Cursors {
    fn take(st: &State) -> Cursors {
        Cursors {
            poster_open: st.poster_open,
            focus: st.focus,
            poster: st.poster,
            prep_tab: st.prep.tab,
            prep_row: st.prep.row,
            prep_col: st.prep.col,
            tables: st.tables,
            notes_focus: st.notes_focus,
            commit_row: st.commit.row,
            flash: st.flash.clone(),
        }
    }

    fn restore(self, st: &mut State) {
        st.poster_open = self.poster_open;
        st.focus = self.focus;
        st.poster = self.poster;
        st.prep.tab = self.prep_tab;
        st.prep.row = self.prep_row;
        st.prep.col = self.prep_col;
        st.tables = self.tables;
        st.notes_focus = self.notes_focus;
        st.commit.row = self.commit_row;
        st.flash = self.flash;
    }
}

/// Renders into a buffer of the current size, as the terminal does.
fn draw(st: &State) {
    let (w, h) = st.size;
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    atelier::ui::render(st, area, &mut buf);
    assert_eq!(buf.area, area);
}

fn assert_valid(s: &Session, when: &str) {
    let problems = s.integrity_problems();
    assert!(problems.is_empty(), "integrity{when}: {problems:?}");
}

/// Equal sessions, or a readable difference (the first lines of the file that differ).
fn assert_same(expected: &Session, got: &Session, what: &str) {
    if expected == got {
        return;
    }
    let a = atelier::store::to_text(expected).unwrap_or_default();
    let b = atelier::store::to_text(got).unwrap_or_default();
    let diff: Vec<String> = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(8)
        .map(|(i, (x, y))| format!("line {}:\n  - {x}\n  + {y}", i + 1))
        .collect();
    // Where in the file: the lines before the first difference.
    let first = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    let context: Vec<&str> = a.lines().skip(first.saturating_sub(12)).take(12).collect();
    panic!(
        "{what} changed the session ({} vs {} lines):\n{}\nafter:\n{}",
        a.lines().count(),
        b.lines().count(),
        diff.join("\n"),
        context.join("\n")
    );
}

/// One seeded run of `events` events; on a failure, prints how to get there again.
fn seeded_run(seed: u64, start: Start, phase: usize, events: usize) -> Stats {
    let mut rng = Rng::new(seed);
    let mut run = Run::new(start_state(start, phase, seed));
    let mut recent: VecDeque<Ev> = VecDeque::new();
    for i in 0..events {
        let ev = gen_event(&mut rng, run.st.mode(), run.st.size);
        if recent.len() == 40 {
            recent.pop_front();
        }
        recent.push_back(ev.clone());
        let last = i + 1 == events;
        let step = catch_unwind(AssertUnwindSafe(|| {
            run.apply(&ev);
            run.check(last || i % 500 == 499);
        }));
        if let Err(panic) = step {
            eprintln!(
                "ui_fuzz: seed {seed}, start {start:?} phase {phase}, failed at event {i} \
                 (mode {:?}, size {:?}); last events:",
                run.st.mode(),
                run.st.size
            );
            for e in &recent {
                eprintln!("  {e:?}");
            }
            resume_unwind(panic);
        }
    }
    run.stats
}

/// The seeded runs: (seed, start, step index) for run `i`; the first six start on different
/// screens so that even the short mode sees them all.
fn plan(i: usize) -> (u64, Start, usize) {
    const PLAN: [(Start, usize); 12] = [
        (Start::Example, 5),     // Groupes, tour 1
        (Start::Sample, 7),      // Rotation
        (Start::Rapporteur, 7),  // Groupes, tour 2, a rapporteur's poster
        (Start::Example, 11),    // Restitution
        (Start::Sample, 16),     // Engagements
        (Start::Example, 0),     // Préparation
        (Start::Empty, 0),       // Préparation of an empty session
        (Start::Sample, 17),     // Clos
        (Start::Example, 8),     // Rotation
        (Start::Sample, 0),      // Préparation
        (Start::Rapporteur, 12), // Restitution, as a rapporteur
        (Start::Example, 14),    // Engagements
    ];
    let (start, step) = PLAN[i % PLAN.len()];
    let base = std::env::var("ATELIER_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(20_261_203);
    (base.wrapping_add(i as u64), start, step)
}

#[test]
fn seeded_random_runs_keep_every_invariant_after_every_event() {
    let (runs, per_run) = match common::proof() {
        common::Proof::Default => (12, 400),
        common::Proof::Long => (24, 5_000),
        common::Proof::Soak => (200, 5_000),
    };
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(runs);
    let started = std::time::Instant::now();
    let mut total = Stats::default();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut stats = Stats::default();
                    for i in (t..runs).step_by(threads) {
                        let (seed, start, phase) = plan(i);
                        stats.add(&seeded_run(seed, start, phase, per_run));
                    }
                    stats
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(stats) => total.add(&stats),
                Err(panic) => resume_unwind(panic),
            }
        }
    });
    let modes: Vec<String> = total
        .modes
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| format!("{i}:{n}"))
        .collect();
    eprintln!(
        "ui_fuzz: {} events in {:.1?}; undo→redo checked {} times, redo→undo {}, undo refused \
         {}; events per mode {}",
        total.events,
        started.elapsed(),
        total.undo_checks,
        total.redo_checks,
        total.undo_refused,
        modes.join(" ")
    );
    assert_eq!(total.events, runs * per_run);
    if long() {
        assert!(total.events >= 100_000);
    }
    // The walk really edits and really undoes, and reaches the screens and overlays.
    assert!(total.undo_checks > total.events / 20, "{total:?}");
    assert!(total.redo_checks > 0, "{total:?}");
    let mut must_reach = vec![
        Mode::Preparation,
        Mode::Presentation,
        Mode::Groups,
        Mode::Poster,
        Mode::Notes,
        Mode::Rotation,
        Mode::Commitments,
        Mode::Edit,
        Mode::Help,
        Mode::FollowUp,
        Mode::NextWorkshop,
    ];
    if long() {
        must_reach.extend([Mode::Picker, Mode::Closed]);
    }
    for m in must_reach {
        assert!(
            total.modes[mode_index(m)] > 0,
            "{m:?} never reached: {total:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if long() { 256 } else { 24 }))]

    /// The same walk with shrinking: each event comes from its own seed, so proptest can drop
    /// and simplify events and report a short failing sequence.
    #[test]
    fn random_input_never_panics_and_keeps_the_session_valid(
        seeds in proptest::collection::vec(any::<u64>(), 1..120),
        start in 0usize..4,
        phase in 0usize..16,
    ) {
        let start = [Start::Example, Start::Rapporteur, Start::Sample, Start::Empty][start];
        let mut run = Run::new(start_state(start, phase, 7));
        let mut events = Vec::new();
        for (i, seed) in seeds.iter().enumerate() {
            let ev = gen_event(&mut Rng::new(*seed), run.st.mode(), run.st.size);
            events.push(ev.clone());
            let step = catch_unwind(AssertUnwindSafe(|| {
                run.apply(&ev);
                run.check(i + 1 == seeds.len());
            }));
            prop_assert!(step.is_ok(), "failed after the events {:?}", events);
        }
    }
}

/// Found by the long run: a round's table that was removed (with its theme, or unseated) and
/// added back by an undo or a redo went to the end of the round, so undo did not give back the
/// same session.
#[test]
fn undoing_a_theme_deletion_puts_its_tables_back_in_place() {
    let mut st = start_state(Start::Example, 0, 0);
    // The example's rounds are seated already: R asks, a second R replaces them.
    common::press(&mut st, "RR");
    let planned = st.session.clone();
    common::press(&mut st, "d");
    assert_eq!(st.session.themes.len(), planned.themes.len() - 1);
    common::press(&mut st, "u");
    assert_same(&planned, &st.session, "deleting a theme then undoing");
    common::press(&mut st, "<C-r>u");
    assert_same(&planned, &st.session, "redo then undo");
    // Undoing the plan itself and redoing it.
    common::press(&mut st, "u<C-r>");
    assert_same(&planned, &st.session, "undoing the plan then redoing it");
}

#[test]
fn every_screen_renders_at_every_small_size() {
    let session = common::example();
    let steps = session.steps(&session.workshops[0]);
    for phase in steps {
        let mut s = session.clone();
        s.workshops[0].phase = phase;
        let mut st = common::state(s, common::at("10:00:00"));
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 1),
            (10, 3),
            (79, 23),
            (80, 24),
            (81, 25),
            (300, 100),
        ] {
            st.size = (w, h);
            let _ = common::render(&st);
            update(&mut st, Action::Help);
            let _ = common::render(&st);
            update(&mut st, Action::Help);
        }
    }
}

/// The screens the workshop's phases do not reach, with the zone's open data: Préparation's
/// tabs (the profile, the invitation list), the rencontre's seven steps, at every small size.
#[test]
fn the_rencontre_and_preparation_render_at_every_small_size() {
    let mut session = common::example();
    common::with_open_data(&mut session);
    let sizes = [
        (0, 0),
        (1, 1),
        (2, 1),
        (10, 3),
        (40, 12),
        (79, 23),
        (80, 24),
        (81, 25),
        (300, 100),
    ];
    let render_all = |st: &mut State| {
        for (w, h) in sizes {
            st.size = (w, h);
            let _ = common::render(st);
        }
    };
    let mut prep = session.clone();
    prep.workshops[0].phase = prep.steps(&prep.workshops[0])[0];
    let mut st = common::state(prep, common::at("10:00:00"));
    for _ in 0..atelier::app::PrepTab::ALL.len() {
        render_all(&mut st);
        update(&mut st, Action::NextTab);
    }
    let mut st = common::state(session, common::at("10:00:00"));
    update(&mut st, Action::ToggleRencontre);
    for _ in 0..8 {
        render_all(&mut st);
        update(&mut st, Action::PrevStep);
    }
    assert!(
        matches!(st.screen(), atelier::app::Screen::Rencontre(_)),
        "the rencontre stayed open"
    );
}
