//! The real binary in a pseudo-terminal, its screen parsed with vt100.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_atelier");
pub const EXAMPLE: &str = include_str!("../../sessions/exemple-za.ron");
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// The longest [`App::keys`] waits for the screen to answer a key before sending the next.
pub const KEY_SETTLE: Duration = Duration::from_secs(1);

/// Idle targets, per process. Wake-ups tell a loop that spins or polls whatever the build. The
/// CPU is the clock's one frame a second, whose cost depends on the host far more than on the
/// build: on this kind of 2-core VM the same release binary measured 1.3–2.4 ms/s in November
/// and 18–37 ms/s on 6 December 2026 (the commit before too; debug 22–31 ms/s), a frame drawn
/// after a second's sleep running from cold caches. The budget stays far below a loop that
/// spins (760–990 ms/s, issue 11) and leaves room for the slow days; an unoptimised build gets
/// a little more.
pub const IDLE_WAKEUPS_PER_S: f64 = 2.0;
pub const IDLE_CPU_MS_PER_S: f64 = if cfg!(debug_assertions) { 80.0 } else { 60.0 };

pub struct App {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// When the process was started.
    pub started: Instant,
    /// When the screen first showed any text (the first frame), as the bytes arrived.
    pub first_text: Arc<Mutex<Option<Instant>>>,
    /// Bytes the app has written to the terminal so far.
    pub bytes: Arc<AtomicUsize>,
    /// Texts waited for on the screen: checked as every chunk of output is parsed, so the
    /// moment each first shows is known to the chunk, not to a polling interval.
    pub watch: Arc<Mutex<Watch>>,
    /// Tells the reader thread to let go of the terminal (see `close_terminal`).
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    reader_gone: Arc<std::sync::atomic::AtomicBool>,
}

/// Texts to look for on the screen, and when each first showed.
#[derive(Default)]
pub struct Watch {
    pub pending: Vec<String>,
    pub seen: std::collections::HashMap<String, Instant>,
}

impl Watch {
    fn check(&mut self, screen: &str, at: Instant) {
        let seen = &mut self.seen;
        self.pending.retain(|needle| {
            if screen.contains(needle.as_str()) {
                seen.insert(needle.clone(), at);
                false
            } else {
                true
            }
        });
    }
}

impl App {
    pub fn spawn(args: &[&str], data: &Path, cwd: &Path, size: (u16, u16)) -> App {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: size.1,
                cols: size.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("ATELIER_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(cwd);
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(size.1), nz(size.0), 0)));
        let first_text = Arc::new(Mutex::new(None));
        let bytes = Arc::new(AtomicUsize::new(0));
        let watch = Arc::new(Mutex::new(Watch::default()));
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader_gone = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (feed, first, count, watching, stop, gone) = (
            Arc::clone(&screen),
            Arc::clone(&first_text),
            Arc::clone(&bytes),
            Arc::clone(&watch),
            Arc::clone(&stop_reading),
            Arc::clone(&reader_gone),
        );
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                if stop.load(Ordering::Relaxed) {
                    drop(reader);
                    gone.store(true, Ordering::Relaxed);
                    break;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let at = Instant::now();
                        count.fetch_add(n, Ordering::Relaxed);
                        if let Ok(mut p) = feed.lock() {
                            p.process(&buf[..n]);
                            if let Ok(mut f) = first.lock()
                                && f.is_none()
                                && !p.screen().contents().trim().is_empty()
                            {
                                *f = Some(at);
                            }
                            if let Ok(mut w) = watching.lock()
                                && !w.pending.is_empty()
                            {
                                w.check(&p.screen().contents(), at);
                            }
                        }
                    }
                }
            }
        });
        App {
            master: pair.master,
            writer,
            child,
            screen,
            started,
            first_text,
            bytes,
            watch,
            stop_reading,
            reader_gone,
        }
    }

    /// Closes the terminal, as closing its window or losing the SSH connection does: every
    /// handle on the pseudo-terminal's master side is dropped, so the app's side hangs up.
    /// Returns the child and the moment of the hang-up.
    /// `atelier open PATH` run in `dir` (its data folder too).
    pub fn open(path: &Path, dir: &Path, size: (u16, u16)) -> App {
        let path = path.to_str().expect("a UTF-8 path");
        App::spawn(&["open", path], dir, dir, size)
    }

    /// Waits until the file at `path` holds `needle`: the edit was saved.
    pub fn wait_saved(&self, path: &Path, needle: &str) {
        self.wait_for(&format!("« {needle} » saved"), |_| {
            std::fs::read_to_string(path)
                .unwrap_or_default()
                .contains(needle)
        });
    }

    pub fn close_terminal(self) -> (Box<dyn Child + Send + Sync>, Instant) {
        self.stop_reading.store(true, Ordering::Relaxed);
        // The reader thread notices at its next read: the app draws its clock every second.
        let start = Instant::now();
        while !self.reader_gone.load(Ordering::Relaxed) {
            assert!(start.elapsed() < TIMEOUT, "the reader kept the terminal");
            std::thread::sleep(Duration::from_millis(10));
        }
        let App {
            master,
            writer,
            child,
            ..
        } = self;
        // portable-pty's writer sends a newline and EOF when dropped (for programs reading
        // lines): a window closing sends nothing. No EOF character, nothing sent.
        #[cfg(unix)]
        if let Some(fd) = master.as_raw_fd() {
            // SAFETY: termios of the pty through its open master descriptor.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        drop(writer);
        drop(master);
        (child, Instant::now())
    }

    /// Starts looking for `needle` on the screen (see `watch`).
    pub fn expect_text(&self, needle: &str) {
        if let Ok(mut w) = self.watch.lock() {
            w.pending.push(needle.to_string());
        }
    }

    /// When `needle` first showed after `expect_text`, if it did.
    pub fn seen_at(&self, needle: &str) -> Option<Instant> {
        self.watch.lock().ok()?.seen.get(needle).copied()
    }

    /// The process's CPU time (all threads) and voluntary context switches (wake-ups).
    pub fn cpu_and_wakeups(&self) -> (Duration, u64) {
        self.child
            .process_id()
            .map(cpu_and_wakeups)
            .unwrap_or_default()
    }

    pub fn text(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let t = self.text();
            if cond(&t) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{t}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_text(&self, needle: &str) {
        self.wait_for(needle, |t| t.contains(needle));
    }

    /// Time from the start to the first frame, waiting for it.
    pub fn first_frame(&self) -> Duration {
        let start = Instant::now();
        loop {
            if let Some(t) = self.first_text.lock().ok().and_then(|f| *f) {
                return t.duration_since(self.started);
            }
            if start.elapsed() > TIMEOUT {
                panic!("no first frame");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Sends keys one at a time as a person does: each one is sent once the screen has
    /// answered the one before (or, for a key that changes nothing on screen, after
    /// [`KEY_SETTLE`]). A fixed short gap was not enough on a loaded machine: Esc and the
    /// next key were read as Alt+key, Enter and the next key as pasted text.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            let before = self.text();
            self.send(k);
            let start = Instant::now();
            while self.text() == before && start.elapsed() < KEY_SETTLE {
                std::thread::sleep(Duration::from_millis(10));
            }
            // The frame may be drawn in pieces: let it finish.
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the app did not exit; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

pub fn copy_example(dir: &Path) -> PathBuf {
    let path = dir.join("atelier.ron");
    std::fs::write(&path, EXAMPLE).expect("copy");
    path
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

pub const ENTER: &str = "\r";

/// CPU time (all threads, from `schedstat`) and voluntary context switches (from `status`) of
/// a process: what it cost, and how often it went to sleep and woke again.
pub fn cpu_and_wakeups(pid: u32) -> (Duration, u64) {
    let mut ns = 0u64;
    let mut switches = 0u64;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            let p = t.path();
            if let Ok(s) = std::fs::read_to_string(p.join("schedstat"))
                && let Some(n) = s
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
            {
                ns += n;
            }
            if let Ok(s) = std::fs::read_to_string(p.join("status")) {
                for l in s.lines() {
                    if let Some(v) = l.strip_prefix("voluntary_ctxt_switches:") {
                        switches += v.trim().parse::<u64>().unwrap_or(0);
                    }
                }
            }
        }
    }
    (Duration::from_nanos(ns), switches)
}
/// CPU (ms per second) and wake-ups per second of each process over `window`.
pub fn measure(apps: &[&App], window: Duration) -> Vec<(f64, f64)> {
    let before: Vec<_> = apps.iter().map(|a| a.cpu_and_wakeups()).collect();
    std::thread::sleep(window);
    let secs = window.as_secs_f64();
    apps.iter()
        .zip(before)
        .map(|(a, (cpu0, w0))| {
            let (cpu1, w1) = a.cpu_and_wakeups();
            (
                (cpu1.saturating_sub(cpu0)).as_secs_f64() * 1e3 / secs,
                (w1.saturating_sub(w0)) as f64 / secs,
            )
        })
        .collect()
}

/// Measures `app` over `window` and asserts the idle targets; returns (ms/s, wake-ups/s).
pub fn assert_idle(app: &App, what: &str, window: Duration) -> (f64, f64) {
    let figures = measure(&[app], window);
    let (cpu, wake) = figures.first().copied().unwrap_or_default();
    eprintln!("idle, {what}: {cpu:.2} ms/s of CPU, {wake:.1} wake-ups/s");
    assert!(
        cpu <= IDLE_CPU_MS_PER_S && wake <= IDLE_WAKEUPS_PER_S,
        "not idle ({what}): {cpu:.2} ms/s of CPU, {wake:.1} wake-ups/s; screen:\n{}",
        app.text()
    );
    (cpu, wake)
}
