//! Who else has the session open: each process keeps a small locked file beside it
//! (`.NAME.ron.who.PID`) describing itself; a file whose lock is free belongs to a process
//! that is gone, and is removed.

use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Presence {
    path: PathBuf,
    _file: File,
}

fn prefix(session: &Path) -> String {
    format!(
        ".{}.who.",
        session
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    )
}

impl Presence {
    /// Announces this process (`label`: "animation", "groupe 2 · Léa Martin"…).
    pub fn announce(session: &Path, label: &str) -> std::io::Result<Presence> {
        let path = session.with_file_name(format!("{}{}", prefix(session), std::process::id()));
        // Locked and written under another name, then renamed into place: another process
        // reacting to the new name must find it locked (alive) and labelled, never an
        // unlocked empty file it would take for a dead one and remove.
        let tmp = super::temp_path(session, "whotmp");
        let mut file = super::new_temp(&tmp)?;
        super::filelock::lock(&file)?;
        file.write_all(super::clean_line(label).as_bytes())?;
        file.flush()?;
        if let Err(e) = fs::rename(&tmp, &path) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(Presence { path, _file: file })
    }

    /// The labels of the other live processes on this session.
    pub fn others(&self) -> Vec<String> {
        let Some(dir) = self.path.parent() else {
            return Vec::new();
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let Some(name) = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            return Vec::new();
        };
        let Some(pre) = name.rfind(".who.").map(|i| name[..i + 5].to_string()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let Ok(entries) = fs::read_dir(dir) else {
            return out;
        };
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            if !file.starts_with(&pre) || file == name {
                continue;
            }
            let Ok(f) = File::open(e.path()) else {
                continue;
            };
            match super::filelock::try_lock(&f) {
                // Nobody holds it: the process is gone.
                Ok(()) => {
                    drop(f);
                    let _ = fs::remove_file(e.path());
                }
                Err(TryLockError::WouldBlock) => {
                    if let Ok(label) = fs::read_to_string(e.path()) {
                        out.push(super::clean_line(&label));
                    }
                }
                Err(TryLockError::Error(_)) => {}
            }
        }
        out.sort();
        out
    }
}

impl Presence {
    /// Leaves: this process's file goes; true when no other process is on the session.
    pub fn leave_alone(self) -> bool {
        let _ = fs::remove_file(&self.path);
        self.others().is_empty()
    }
}

impl Drop for Presence {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
