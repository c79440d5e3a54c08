//! The bilan on a large démarche (`sample::bilan_session`: 12 groups × 420 lines, 500
//! synergies): `domain::bilan::bilan`, its three renderings (`atelier bilan --format md|csv|
//! html`), and Suivi's Bilan view and Synergies board drawn into a 200×60 `TestBackend` buffer beside the floor
//! of `benches/perf.rs` (one full-screen plain `Paragraph`), as a ratio.
//!
//! Run: `cargo bench --bench bilan` (the ratio table, then divan's figures).

#[path = "../tests/support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

use std::path::PathBuf;
use std::time::Instant;

use atelier::app::{Action, State, update};
use atelier::domain::bilan::{Period, bilan};
use atelier::domain::{Session, Timestamp};
use atelier::export::bilan::BilanFormat;
use atelier::screens::followup::model::View;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

const W: u16 = 200;
const H: u16 = 60;

fn now() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap_or_default()
}

fn large() -> Session {
    sample::bilan_session(500, 7)
}

fn opts() -> atelier::export::Options {
    atelier::export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now().date_naive(),
        now: now(),
        paper: Default::default(),
        saved: None,
    }
}

fn screen(s: Session) -> State {
    screen_at(s, View::Bilan)
}

/// Suivi open at `view`.
fn screen_at(s: Session, view: View) -> State {
    let mut st = State::new(s, PathBuf::from("bench.ron"), now());
    update(&mut st, Action::Resize(W, H));
    update(&mut st, Action::ToggleFollowUp);
    for _ in 0..View::ALL.len() {
        if st.followup.as_ref().map(|f| f.view) == Some(view) {
            break;
        }
        update(&mut st, Action::NextTab);
    }
    st
}

fn floor_text() -> String {
    let row: String = "Plan d'actions · Solutions · Responsables · Échéances "
        .chars()
        .cycle()
        .take(W as usize)
        .collect();
    vec![row; H as usize].join("\n")
}

#[divan::bench]
fn bilan_of_500_synergies(bencher: divan::Bencher) {
    let s = large();
    bencher.bench_local(|| bilan(&s, Period::default(), now().date_naive()));
}

#[divan::bench(args = [BilanFormat::Md, BilanFormat::Csv, BilanFormat::Html])]
fn render(bencher: divan::Bencher, format: BilanFormat) {
    let s = large();
    let b = bilan(&s, Period::default(), now().date_naive());
    let o = opts();
    bencher.bench_local(|| atelier::export::bilan::render(&s, &b, format, &o));
}

#[divan::bench]
fn bilan_screen_200x60(bencher: divan::Bencher) {
    let st = screen(large());
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        atelier::ui::render(&st, area, &mut buf);
    });
}

#[divan::bench]
fn synergies_board_200x60(bencher: divan::Bencher) {
    let st = screen_at(large(), View::Synergies);
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

/// The median time of `f`, in microseconds, over 101 runs of enough iterations each.
fn median_us(mut f: impl FnMut()) -> f64 {
    let mut iters = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        if t.elapsed().as_millis() >= 2 || iters >= 1 << 16 {
            break;
        }
        iters *= 2;
    }
    let mut xs: Vec<f64> = (0..101)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(iters)
        })
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.get(50).copied().unwrap_or_default()
}

fn main() {
    atelier::text::Lang::Fr.set();
    let area = Rect::new(0, 0, W, H);
    let mut buf = Buffer::empty(area);
    let text = floor_text();
    let floor = median_us(|| {
        buf.reset();
        Paragraph::new(text.as_str()).render(area, &mut buf);
    });
    let st = screen(large());
    let view = median_us(|| {
        buf.reset();
        atelier::ui::render(&st, area, &mut buf);
    });
    let st = screen_at(large(), View::Synergies);
    let board = median_us(|| {
        buf.reset();
        atelier::ui::render(&st, area, &mut buf);
    });
    println!("## Bilan, large démarche (12 groups × 420 lines, 500 synergies)\n");
    println!("| what | median |");
    println!("|---|---:|");
    println!("| floor (one full-screen Paragraph, 200×60) | {floor:.0} µs |");
    println!(
        "| Suivi › Bilan view, 200×60 | {view:.0} µs ({:.1}× the floor) |",
        view / floor
    );
    println!(
        "| Suivi › Synergies board, 200×60 | {board:.0} µs ({:.1}× the floor) |",
        board / floor
    );
    divan::main();
}
