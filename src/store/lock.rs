//! The facilitator lock: one `atelier open` per session file.
//!
//! The lock is taken on a sidecar file (`NAME.ron.lock`), not on the session file, because
//! saving replaces the session file by rename: a lock on the old inode would protect nothing.
//! The OS drops the lock when the process ends, however it ends. The last process to leave
//! a session removes the file (`sync::leave`); a lock taken on a file removed meanwhile is
//! taken again on the new one (`still_at`), so that removal never lets two processes in.

use std::fs::{self, File, OpenOptions, TryLockError};

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::StoreError;

#[derive(Debug)]
pub struct Lock {
    _file: File,
    path: PathBuf,
}

pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    session.with_file_name(name)
}

impl Lock {
    /// Takes the exclusive lock, or says who holds it.
    pub fn acquire(session: &Path) -> Result<Lock, StoreError> {
        // Again only if the file was removed between its opening and its lock (by the last
        // process leaving): it cannot keep happening.
        let mut tries = 0;
        loop {
            tries += 1;
            match Lock::acquire_once(session)? {
                Some(lock) => return Ok(lock),
                None if tries < 100 => continue,
                None => {
                    return Err(StoreError::Io {
                        path: lock_path(session),
                        source: std::io::Error::from(std::io::ErrorKind::WouldBlock),
                    });
                }
            }
        }
    }

    /// One attempt: None when the file locked was no longer the one at its name.
    fn acquire_once(session: &Path) -> Result<Option<Lock>, StoreError> {
        let path = lock_path(session);
        let io = |e| StoreError::Io {
            path: path.clone(),
            source: e,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // A link planted at the lock's name is not followed (its target would be written).
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        let file = options.open(&path).map_err(io)?;
        Lock::take_opened(session, file, path)
    }

    /// The lock on `file`, opened at `path`: None if, by the time it is locked, it is no
    /// longer the file there (removed by the last process leaving the session).
    fn take_opened(
        session: &Path,
        mut file: File,
        path: PathBuf,
    ) -> Result<Option<Lock>, StoreError> {
        let io = |e| StoreError::Io {
            path: path.clone(),
            source: e,
        };
        match super::filelock::try_lock(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(StoreError::Locked {
                    path: session.to_path_buf(),
                    holder: if holder.is_empty() {
                        "?".to_string()
                    } else {
                        holder.to_string()
                    },
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        if !still_at(&file, &path) {
            return Ok(None);
        }
        let me = holder_description();
        file.set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(me.as_bytes()))
            .and_then(|_| file.sync_all())
            .map_err(io)?;
        Ok(Some(Lock { _file: file, path }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the lock up and removes its file: for an `open` that failed (the session could
    /// not be read), which leaves nothing behind.
    pub fn remove(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Removes the facilitator lock's file if nobody holds it (the last process leaving a
/// session); a facilitator starting meanwhile holds it, and it stays.
pub(super) fn remove_if_free(session: &Path) {
    let path = lock_path(session);
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let Ok(file) = options.open(&path) else {
        return;
    };
    if super::filelock::try_lock(&file).is_ok() && still_at(&file, &path) {
        // Removed while locked: whoever opened it meanwhile finds it gone once they lock it.
        let _ = fs::remove_file(&path);
    }
}

/// Whether `file`, opened at `path`, is still the file there: a lock on a file that was
/// removed meanwhile protects nothing (someone else may lock the new one).
pub(super) fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    // Windows: lock files are not removed there (see `sync::leave`).
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

fn holder_description() -> String {
    let (user, host) = user_and_host(|name| std::env::var(name).ok(), cfg!(windows));
    match user {
        Some(user) => format!("pid {} ({user}@{host})\n", std::process::id()),
        None => format!("pid {} @ {host}\n", std::process::id()),
    }
}

/// Who and where this process runs, for the lock holder's description. Windows names them
/// `USERNAME` and `COMPUTERNAME`; Unix shells `USER` and `HOSTNAME` (the latter often not
/// exported, hence `/etc/hostname`).
fn user_and_host(var: impl Fn(&str) -> Option<String>, windows: bool) -> (Option<String>, String) {
    let clean = |v: Option<String>| {
        v.map(|v| super::clean_line(v.trim()))
            .filter(|v| !v.is_empty())
    };
    let (user, host) = if windows {
        (clean(var("USERNAME")), clean(var("COMPUTERNAME")))
    } else {
        (
            clean(var("USER")),
            clean(var("HOSTNAME").or_else(|| std::fs::read_to_string("/etc/hostname").ok())),
        )
    };
    (user, host.unwrap_or_else(|| "localhost".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names_the_holder_from_username_and_computername() {
        let env = |name: &str| match name {
            "USERNAME" => Some("claire".to_string()),
            "COMPUTERNAME" => Some("PORTABLE-CLAIRE".to_string()),
            // What a Unix shell would set: never read on Windows.
            "USER" => Some("root".to_string()),
            _ => None,
        };
        assert_eq!(
            user_and_host(env, true),
            (Some("claire".to_string()), "PORTABLE-CLAIRE".to_string())
        );
    }

    #[test]
    fn unix_names_the_holder_from_user_and_hostname() {
        let env = |name: &str| match name {
            "USER" => Some("claire".to_string()),
            "HOSTNAME" => Some("portable\n".to_string()),
            _ => None,
        };
        assert_eq!(
            user_and_host(env, false),
            (Some("claire".to_string()), "portable".to_string())
        );
    }

    #[test]
    fn control_characters_in_the_environment_never_reach_the_description() {
        let env = |name: &str| match name {
            "USERNAME" => Some("cla\u{1b}]52;c;aGk=\u{7}ire".to_string()),
            _ => None,
        };
        let (user, host) = user_and_host(env, true);
        assert_eq!(user.as_deref(), Some("cla]52;c;aGk=ire"));
        assert_eq!(host, "localhost");
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_on_a_file_removed_meanwhile_is_not_taken() {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        let session = dir.path().join("s.ron");
        let path = lock_path(&session);
        // Opened by a process about to lock it…
        let opened = File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        // …then removed by the last process leaving, and taken anew by a facilitator.
        fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let facilitator = Lock::acquire(&session).map_err(|e| e.to_string());
        assert!(facilitator.is_ok(), "{facilitator:?}");
        // The stale file locks, but is no lock: not taken.
        let stale = Lock::take_opened(&session, opened, path.clone());
        assert!(matches!(stale, Ok(None)), "{stale:?}");
        // Opened once the new file is there, it is refused as held.
        let opened = File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let held = Lock::take_opened(&session, opened, path);
        assert!(matches!(held, Err(StoreError::Locked { .. })), "{held:?}");
    }

    #[test]
    fn the_holder_is_named_in_the_refusal_of_a_second_lock() {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        let session = dir.path().join("s.ron");
        let first = Lock::acquire(&session).map_err(|e| e.to_string());
        assert!(first.is_ok(), "{first:?}");
        match Lock::acquire(&session) {
            Err(StoreError::Locked { holder, .. }) => {
                assert!(
                    holder.starts_with(&format!("pid {}", std::process::id())),
                    "{holder}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
