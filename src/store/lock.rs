//! The facilitator lock: one `atelier open` per session file.
//!
//! The lock is taken on a sidecar file (`NAME.ron.lock`), not on the session file, because
//! saving replaces the session file by rename: a lock on the old inode would protect nothing.
//! The OS drops the lock when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};

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
        let mut file = options.open(&path).map_err(io)?;
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
        let me = holder_description();
        file.set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(me.as_bytes()))
            .and_then(|_| file.sync_all())
            .map_err(io)?;
        Ok(Lock { _file: file, path })
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
