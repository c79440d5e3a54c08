//! `atelier territoire` on fifty zones the size of the benchmark's large session
//! (`sample::Size::LARGE`: 12 groups × 200 lines, 80 participants, 3 workshops, about 1 MB
//! each), written to a temporary folder at start (never committed). Measured: finding the
//! files, then the rows read from the files (no cache: the first opening, every core), and
//! the rows from the cache (an opening after the first, nothing changed), then one file
//! changed since. And the launcher's list of the same sessions (`atelier list` too), from the
//! files and from the same cache.
//!
//! Run: `cargo bench --bench territory`.

#[path = "../tests/support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use atelier::store::{self, territory};

const ZONES: u64 = 50;

struct Fixture {
    _dir: tempfile::TempDir,
    dirs: Vec<PathBuf>,
    paths: Vec<PathBuf>,
    cache: PathBuf,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let sessions = dir.path().join("sessions");
        std::fs::create_dir_all(&sessions).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let mut bytes = 0;
        for seed in 0..ZONES {
            let mut s = sample::session(sample::Size::LARGE, seed);
            s.title = format!("Zone {seed:02}");
            let text = store::to_text(&s).unwrap_or_else(|e| panic!("{e}"));
            bytes += text.len();
            let path = sessions.join(format!("zone-{seed:02}.ron"));
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        println!(
            "{ZONES} sessions, {:.1} MB in all, written in {:.1} s",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        let dirs = vec![sessions];
        let paths = territory::sessions(&dirs);
        assert_eq!(paths.len() as u64, ZONES);
        Fixture {
            cache: dir.path().join("cache").join("territoire.ron"),
            _dir: dir,
            dirs,
            paths,
        }
    })
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap_or_default()
}

#[divan::bench]
fn find_the_sessions(bencher: divan::Bencher) {
    let f = fixture();
    bencher.bench(|| territory::sessions(&f.dirs));
}

/// The first opening: every file parsed, on every core.
#[divan::bench(sample_count = 10)]
fn rows_from_the_files(bencher: divan::Bencher) {
    let f = fixture();
    bencher.bench(|| territory::rows(&f.paths, today(), None));
}

/// Any later opening: nothing changed, every row from the cache.
#[divan::bench]
fn rows_from_the_cache(bencher: divan::Bencher) {
    let f = fixture();
    let _ = territory::rows(&f.paths, today(), Some(&f.cache));
    bencher.bench(|| territory::rows(&f.paths, today(), Some(&f.cache)));
}

/// One zone changed since the cache was written: that file alone is read.
#[divan::bench(sample_count = 10)]
fn rows_with_one_file_changed(bencher: divan::Bencher) {
    let f = fixture();
    let changed = f.paths.first().cloned().unwrap_or_default();
    bencher.bench(|| {
        let _ = territory::rows(&f.paths, today(), Some(&f.cache));
        touch(&changed);
        territory::rows(&f.paths, today(), Some(&f.cache))
    });
}

/// The launcher's list (and `atelier list`) of the same fifty sessions, the first opening of
/// the day: every file parsed, on every core.
#[divan::bench(sample_count = 10)]
fn launcher_list_from_the_files(bencher: divan::Bencher) {
    let f = fixture();
    bencher.bench(|| store::known_sessions_with(&f.dirs, &[], today(), None));
}

/// The launcher's list once the files were read (by the launcher or the territory).
#[divan::bench]
fn launcher_list_from_the_cache(bencher: divan::Bencher) {
    let f = fixture();
    let _ = store::known_sessions_with(&f.dirs, &[], today(), Some(&f.cache));
    bencher.bench(|| store::known_sessions_with(&f.dirs, &[], today(), Some(&f.cache)));
}

/// A new modification time, the content unchanged.
fn touch(path: &Path) {
    if let Ok(text) = std::fs::read(path) {
        std::thread::sleep(std::time::Duration::from_millis(2));
        let _ = std::fs::write(path, text);
    }
}

fn main() {
    atelier::text::Lang::Fr.set();
    let f = fixture();
    let started = Instant::now();
    let rows = territory::rows(&f.paths, today(), None);
    println!(
        "first opening of {} zones: {:.0} ms ({} cores)",
        rows.len(),
        started.elapsed().as_secs_f64() * 1e3,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    divan::main();
}
