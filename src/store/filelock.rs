//! Locks on the small files that say who holds a session (the facilitator lock, presence),
//! which other processes must still be able to read while the lock is held.
//!
//! On Unix `File::lock` is advisory (`flock`): reading a locked file works. On Windows it is
//! mandatory and covers every byte, so another process reading the holder's name gets « lock
//! violation » (error 33). There the lock is taken on one byte far past the end of the file
//! instead: the text stays readable, and every process asks for that same byte, so the lock
//! means the same thing. Windows releases it when the handle closes or the process ends.

use std::fs::{File, TryLockError};

/// Takes the exclusive lock, waiting for it.
pub fn lock(file: &File) -> std::io::Result<()> {
    imp::lock(file)
}

/// Takes the exclusive lock if nobody holds it.
pub fn try_lock(file: &File) -> Result<(), TryLockError> {
    imp::try_lock(file)
}

#[cfg(not(windows))]
mod imp {
    use std::fs::{File, TryLockError};

    pub fn lock(file: &File) -> std::io::Result<()> {
        file.lock()
    }

    pub fn try_lock(file: &File) -> Result<(), TryLockError> {
        file.try_lock()
    }
}

#[cfg(windows)]
mod imp {
    use std::fs::{File, TryLockError};
    use std::os::windows::io::AsRawHandle;

    use windows_sys::Win32::Foundation::ERROR_LOCK_VIOLATION;
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx,
    };
    use windows_sys::Win32::System::IO::OVERLAPPED;

    /// The locked byte: far past any text these files hold (a name, a pid). Windows allows
    /// locking beyond the end of a file.
    const OFFSET: u64 = 1 << 62;

    fn lock_byte(file: &File, flags: u32) -> std::io::Result<()> {
        let mut overlapped = OVERLAPPED::default();
        overlapped.Anonymous.Anonymous.Offset = OFFSET as u32;
        overlapped.Anonymous.Anonymous.OffsetHigh = (OFFSET >> 32) as u32;
        // SAFETY: the handle is open for the duration of the call (borrowed from `file`), and
        // `overlapped` lives on this stack frame; std opens files for synchronous I/O, so the
        // call completes (or fails) before it returns and nothing keeps the pointer.
        let ok = unsafe {
            LockFileEx(
                file.as_raw_handle(),
                flags | LOCKFILE_EXCLUSIVE_LOCK,
                0,
                1,
                0,
                &mut overlapped,
            )
        };
        if ok == 0 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    pub fn lock(file: &File) -> std::io::Result<()> {
        lock_byte(file, 0)
    }

    pub fn try_lock(file: &File) -> Result<(), TryLockError> {
        match lock_byte(file, LOCKFILE_FAIL_IMMEDIATELY) {
            Ok(()) => Ok(()),
            Err(e) if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION as i32) => {
                Err(TryLockError::WouldBlock)
            }
            Err(e) => Err(TryLockError::Error(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn a_locked_file_stays_readable_and_cannot_be_locked_twice() {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        let path = dir.path().join("s.ron.lock");
        let mut holder = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|e| e.to_string());
        let Ok(holder) = holder.as_mut() else {
            panic!("{holder:?}");
        };
        assert!(lock(holder).is_ok());
        assert!(holder.write_all(b"pid 7 (claire@PORTABLE)\n").is_ok());
        // Another handle stands for another process: Windows locks are per handle.
        let other = File::open(&path).map_err(|e| e.to_string());
        let Ok(mut other) = other else {
            panic!("{other:?}");
        };
        let mut text = String::new();
        assert!(other.read_to_string(&mut text).is_ok());
        assert_eq!(text, "pid 7 (claire@PORTABLE)\n");
        assert!(matches!(try_lock(&other), Err(TryLockError::WouldBlock)));
    }
}
