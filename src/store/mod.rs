//! Session files: RON text, atomic replace with a backup, versioning, and the facilitator lock.

mod error;
mod filelock;
mod ids;
mod lock;
mod paths;
pub mod presence;
pub mod recent;
pub mod stress;
pub mod sync;
pub mod territory;
pub mod watch;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::domain::{FORMAT_VERSION, Session};

pub use error::StoreError;
use error::{NotUtf8, ron_message};
pub use lock::Lock;

/// The example session (a workshop in its second round of groups), as shipped.
pub const EXAMPLE: &str = include_str!("../../sessions/exemple-za.ron");
pub const EXAMPLE_FILE: &str = "exemple-za.ron";
pub use ids::{new_id, stable_id};
pub use paths::{
    SessionInfo, SessionSummary, backup_path, data_sessions_dir, known_sessions,
    known_sessions_with, list_sessions, slug, unique_path,
};

/// Only the version, read first so a newer file is refused with a clear message instead of a
/// confusing parse error about a field this build does not know.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Parses session text. `path` only labels errors.
pub fn parse(text: &str, path: &Path) -> Result<Session, StoreError> {
    let parsed = ron::from_str::<Session>(text);
    // The version is read on its own only when needed, so that a newer file is refused with a
    // clear message instead of a confusing error about a field this build does not know; a
    // good file is parsed once.
    let version = match &parsed {
        Ok(s) => Some(s.version),
        Err(_) => ron::from_str::<VersionProbe>(text).ok().map(|p| p.version),
    };
    if let Some(found) = version
        && found > FORMAT_VERSION
    {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    // Migrations of older versions go here, keyed on the version.
    let mut session: Session = parsed.map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: ron_message(&e, text),
    })?;
    let problems = session.integrity_problems();
    if !problems.is_empty() {
        return Err(StoreError::Integrity {
            path: path.to_path_buf(),
            problems,
        });
    }
    for w in &mut session.workshops {
        w.sort_baseline();
    }
    Ok(session)
}

/// The session file a path names, for the processes that open it to write (`open`, `join`,
/// `rotation --apply`): through a symbolic link, the file it points to, so that the lock,
/// presence and saves are the target's (two names never make two sessions, and a save never
/// replaces the link by a copy). A file with several names (hard links) is refused: a save
/// replaces the file under one name and would leave the others on the old text.
pub fn resolve(path: &Path) -> Result<PathBuf, StoreError> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        // Missing: the read that follows says so.
        return Ok(path.to_path_buf());
    };
    let path = if meta.file_type().is_symlink() {
        fs::canonicalize(path).map_err(|e| StoreError::io(path, e))?
    } else {
        path.to_path_buf()
    };
    #[cfg(unix)]
    if let Ok(m) = fs::metadata(&path) {
        use std::os::unix::fs::MetadataExt;
        if m.is_file() && m.nlink() > 1 {
            return Err(StoreError::HardLinked {
                path,
                links: m.nlink(),
            });
        }
    }
    Ok(path)
}

pub fn load(path: &Path) -> Result<Session, StoreError> {
    let text = read_text(path).map_err(|e| StoreError::reading(path, e))?;
    parse(&text, path)
}

/// The largest session file read: the large benchmark session (12 groups × 200 lines, 80
/// people, 3 workshops) is under 2 MB, so 64 MiB is no workshop's; a bigger file, or one that
/// never ends (`/dev/zero`), is refused instead of read until memory runs out.
pub const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a session file's text, waiting a moment (as a save does) while another program holds
/// it open without sharing it. Only a regular file of at most `MAX_SESSION_BYTES` is read: a
/// pipe would block forever, a device never end.
pub fn read_text(path: &Path) -> io::Result<String> {
    let mut text = String::new();
    with_retries(
        || {
            text = read_regular(path)?;
            Ok(())
        },
        std::thread::sleep,
    )?;
    Ok(text)
}

fn read_regular(path: &Path) -> io::Result<String> {
    use std::io::Read;
    let mut options = OpenOptions::new();
    options.read(true);
    // Opening a pipe for reading waits for a writer: not with O_NONBLOCK, which a regular
    // file ignores.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            rust_i18n::t!("store.not_a_file").into_owned(),
        ));
    }
    let too_large = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            rust_i18n::t!(
                "store.too_large",
                size = meta.len().div_ceil(1024 * 1024),
                max = MAX_SESSION_BYTES / (1024 * 1024)
            )
            .into_owned(),
        )
    };
    if meta.len() > MAX_SESSION_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_SESSION_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = bytes
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let before = String::from_utf8_lossy(valid);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        io::Error::new(io::ErrorKind::InvalidData, NotUtf8 { line, col, utf16 })
    })
}

/// The file text of a session: pretty RON that reads like a document and diffs well. Below
/// the fifth level (a poster line, a reaction, an owner…) a value stays on one line: one
/// edited line is one changed line of the file, and the file is a third of the size.
pub fn to_text(session: &Session) -> Result<String, StoreError> {
    let config = PrettyConfig::new()
        .indentor("    ")
        // ron writes `\r\n` on Windows: one file reads and diffs the same everywhere.
        .new_line("\n")
        .depth_limit(5)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // French text is full of apostrophes: keep them as they are typed.
        .escape_strings(false);
    let mut text = ron::ser::to_string_pretty(session, config)
        .map_err(|e| StoreError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically: the target is always either the old or the new content, never partial.
/// The previous content is kept as `NAME.ron.bak`.
pub fn save(path: &Path, session: &Session) -> Result<(), StoreError> {
    let text = to_text(session)?;
    write_atomic(path, text.as_bytes())
}

/// Creates a new session file; never overwrites an existing one. A session without an id
/// gets one.
pub fn create(path: &Path, session: &Session) -> Result<(), StoreError> {
    if session.id.is_empty() {
        let mut s = session.clone();
        s.id = new_id();
        return create_text(path, &to_text(&s)?);
    }
    create_text(path, &to_text(session)?)
}

/// When the file at `path` was last written, in local time (`None` when it cannot be read).
pub fn saved_at(path: &Path) -> Option<crate::domain::Timestamp> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let utc: chrono::DateTime<chrono::Utc> = modified.into();
    Some(utc.with_timezone(&chrono::Local).fixed_offset())
}

/// Creates a session file from text already known to be a valid session.
pub fn create_text(path: &Path, text: &str) -> Result<(), StoreError> {
    let exists = || StoreError::AlreadyExists {
        path: path.to_path_buf(),
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    // Created only if absent, in one step of the system (O_EXCL): of several `new` racing
    // for one name, one creates the file and the others are refused; nothing is replaced.
    let file = OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(exists()),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(StoreError::io(path, e));
    }
    Ok(())
}

/// Text for one line of a small status file (the lock holder, a presence label): the text
/// rule's (`domain::clean`), on one line.
fn clean_line(s: &str) -> String {
    crate::domain::clean::for_terminal(s).replace(['\n', '\t'], " ")
}

fn temp_path(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{tag}.{}", std::process::id()))
}

fn write_file_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = new_temp(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// A temporary file of this process, created anew: whatever is at its name (left by a killed
/// process, or a link planted there to make a save write elsewhere) is removed, never
/// followed, and the file is created only if the name is free (O_EXCL).
pub(crate) fn new_temp(path: &Path) -> io::Result<File> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    // Makes the rename itself durable. Directories cannot be opened this way on every
    // platform; where they cannot, the rename is still atomic.
    match File::open(dir) {
        Ok(d) => d.sync_all().or(Ok(())),
        Err(_) => Ok(()),
    }
}

/// Renames `from` over `to`, retrying a moment when the system says the file is in use: on
/// Windows a rename over a file that another program (an antivirus, a backup or indexing
/// tool, an editor) holds open without sharing deletion fails with a sharing violation that
/// goes away by itself. atelier's own readers use Rust's default sharing, which allows it.
pub(crate) fn replace(from: &Path, to: &Path) -> io::Result<()> {
    with_retries(|| fs::rename(from, to), std::thread::sleep)
}

/// The waits between attempts of a rename refused because the file is in use: from 10 ms,
/// doubling, up to 400 ms, 1.5 s in all; then the error goes to the caller (the save is
/// retried at the next tick, nothing is lost).
const RETRY_WAITS_MS: [u64; 9] = [10, 20, 40, 80, 160, 160, 320, 320, 400];

/// Whether an error is the file being in use for a moment: on Windows a sharing violation
/// (32), a lock violation (33) or an access refusal (5, which is also what a file being
/// deleted gives); elsewhere `EBUSY`.
pub(crate) fn in_use(e: &io::Error) -> bool {
    in_use_code(e.raw_os_error(), cfg!(windows))
}

/// `in_use` for an OS error code, on Windows or elsewhere (`EBUSY` is 16 on Linux and macOS).
fn in_use_code(code: Option<i32>, windows: bool) -> bool {
    if windows {
        matches!(code, Some(5 | 32 | 33))
    } else {
        code == Some(16)
    }
}

/// Runs `attempt` until it succeeds, fails for another reason, or the waits run out.
fn with_retries(
    mut attempt: impl FnMut() -> io::Result<()>,
    mut sleep: impl FnMut(std::time::Duration),
) -> io::Result<()> {
    let mut waits = RETRY_WAITS_MS.iter();
    loop {
        match attempt() {
            Err(e) if in_use(&e) => match waits.next() {
                Some(ms) => sleep(std::time::Duration::from_millis(*ms)),
                None => return Err(e),
            },
            other => return other,
        }
    }
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = temp_path(path, "tmp");
    let result = (|| -> io::Result<()> {
        write_file_synced(&tmp, bytes)?;
        if path.exists() {
            // The backup is replaced atomically too, so it is always a whole file.
            let bak_tmp = temp_path(path, "baktmp");
            // Copied into a new file (never through a link planted at its name), flushed
            // through that writable handle: Windows refuses to flush a read-only one
            // (FlushFileBuffers needs write access: « Access denied », os error 5).
            let copied = with_retries(
                || {
                    let mut from = File::open(path)?;
                    let mut to = new_temp(&bak_tmp)?;
                    io::copy(&mut from, &mut to)?;
                    to.sync_all()
                },
                std::thread::sleep,
            )
            .and_then(|_| replace(&bak_tmp, &backup_path(path)));
            if let Err(e) = copied {
                let _ = fs::remove_file(&bak_tmp);
                return Err(e);
            }
        }
        replace(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| StoreError::io(path, e))
}

/// Whether this process can write beside `path` (a save writes a temporary file there): a
/// probe file is made and removed. False for a read-only share, a protected folder, a
/// read-only file system.
pub fn can_write_beside(path: &Path) -> bool {
    let probe = temp_path(path, "probe");
    match new_temp(&probe) {
        Ok(f) => {
            drop(f);
            let _ = fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(
            e.kind(),
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

/// Removes temporary files a killed process left beside `path`. The session file itself
/// never needs repair: it is only ever replaced whole.
pub fn clean_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = file.strip_prefix(&prefix)
            && (rest.starts_with("tmp.")
                || rest.starts_with("baktmp.")
                || rest.starts_with("whotmp.")
                || rest.starts_with("probe."))
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod replace_tests {
    use super::*;
    use std::time::Duration;

    fn busy() -> io::Error {
        // What `in_use` takes as « in use » on the platform the test runs on.
        io::Error::from_raw_os_error(if cfg!(windows) { 32 } else { 16 })
    }

    #[test]
    fn a_file_in_use_is_retried_then_replaced() {
        let mut failures = 3;
        let mut slept = Vec::new();
        let r = with_retries(
            || {
                if failures > 0 {
                    failures -= 1;
                    Err(busy())
                } else {
                    Ok(())
                }
            },
            |d| slept.push(d),
        );
        assert!(r.is_ok());
        assert_eq!(slept, [10, 20, 40].map(Duration::from_millis).to_vec());
    }

    #[test]
    fn retries_end_after_a_second_and_a_half_with_the_error() {
        let mut slept = Duration::ZERO;
        let mut attempts = 0;
        let r = with_retries(
            || {
                attempts += 1;
                Err(busy())
            },
            |d| slept += d,
        );
        assert!(r.is_err_and(|e| in_use(&e)));
        assert_eq!(attempts, RETRY_WAITS_MS.len() + 1);
        assert_eq!(slept, Duration::from_millis(1510));
    }

    #[test]
    fn other_errors_are_not_retried() {
        let mut attempts = 0;
        let r = with_retries(
            || {
                attempts += 1;
                Err(io::Error::from(io::ErrorKind::NotFound))
            },
            |_| panic!("no wait for a missing file"),
        );
        assert!(r.is_err());
        assert_eq!(attempts, 1);
    }

    #[test]
    fn windows_sharing_and_lock_violations_count_as_in_use() {
        for code in [5, 32, 33] {
            assert!(in_use_code(Some(code), true), "{code}");
            assert!(!in_use_code(Some(code), false), "{code}");
        }
        assert!(in_use_code(Some(16), false));
        assert!(!in_use_code(Some(2), true));
        assert!(!in_use_code(None, true));
    }

    #[test]
    fn a_file_saved_with_windows_line_endings_reads_the_same() {
        let unix = parse(EXAMPLE, Path::new("x.ron")).map_err(|e| e.to_string());
        let windows =
            parse(&EXAMPLE.replace('\n', "\r\n"), Path::new("x.ron")).map_err(|e| e.to_string());
        assert!(unix.is_ok());
        assert_eq!(unix, windows);
    }

    #[test]
    fn paths_with_spaces_and_accents() {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        let path = dir
            .path()
            .join("Hélène Documents")
            .join("Éco-parc du Moulin.ron");
        let s = parse(EXAMPLE, Path::new("x.ron")).map_err(|e| e.to_string());
        let s = s.as_ref().map_err(Clone::clone);
        assert!(s.is_ok());
        if let Ok(s) = s {
            assert!(create(&path, s).is_ok());
            let back = load(&path).map(|b| b.title);
            assert_eq!(back.ok().as_deref(), Some(s.title.as_str()));
        }
    }
}
