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
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
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
}

fn holder_description() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string());
    let user = std::env::var("USER").unwrap_or_default();
    if user.is_empty() {
        format!("pid {} @ {host}\n", std::process::id())
    } else {
        format!("pid {} ({user}@{host})\n", std::process::id())
    }
}
