//! File events of a session's directory: the session file changed (another process saved),
//! a process came or went. Used by the terminal's loop and by the room's server.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a file event says, for this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEvent {
    /// The session file may have new content: written, replaced, created or deleted.
    Session,
    /// A process came or went (its presence file was put in place, closed or removed).
    Presence,
    /// Anything else: a read, an open, a temporary file, a change of permissions.
    Nothing,
}

/// Sorts one event. Reads are the trap: the mere opening of the session file (this process's
/// own reads included) is an event, and answering it with a read would never end.
fn classify(ev: &notify::Event, name: &std::ffi::OsStr, who: &str) -> FileEvent {
    use notify::EventKind as K;
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    let changes_content = matches!(
        ev.kind,
        K::Create(_)
            | K::Remove(_)
            | K::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
            | K::Access(AccessKind::Close(AccessMode::Write))
            | K::Any
            | K::Other
    );
    if !changes_content {
        return FileEvent::Nothing;
    }
    let mut names = ev.paths.iter().filter_map(|p| p.file_name());
    if names.clone().any(|f| f == name) {
        return FileEvent::Session;
    }
    // A presence file is closed for writing only when its process ends, however it ends.
    if names.any(|f| f.to_string_lossy().starts_with(who)) {
        return FileEvent::Presence;
    }
    FileEvent::Nothing
}

/// Calls `on` with what each event of the session's directory says (the session file changed,
/// a process came or went). Where
/// events do not arrive (network file systems) the loop's polling still notices. `events`
/// turns true at the first event of any file in the directory (our own presence file, made
/// just after): from then on events are known to work and the loop stops polling.
pub fn watch(
    path: &Path,
    events: Arc<AtomicBool>,
    on: impl Fn(FileEvent) + Send + 'static,
) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let name = path.file_name()?.to_os_string();
    let who = format!(".{}.who.", name.to_string_lossy());
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            events.store(true, Ordering::Relaxed);
            on(classify(&ev, &name, &who));
        }
    })
    .ok()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
