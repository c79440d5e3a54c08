//! What the loop does to the world for the app: merge with the file, take in sync copies,
//! write the exports, ring the bell.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{Redraw, now};
use crate::app::{Action, State, update};
use crate::store;

/// Merges with the file: the others' edits come in, ours go out.
pub(super) fn sync(state: &mut State, shared: &mut store::sync::Shared) -> Redraw {
    let at = now();
    let had_pending = !state.pending.is_empty();
    let had_error = state.save.error.clone();
    let result = shared.merge(&state.path, &state.session, &state.pending, &state.who, at);
    match result {
        Ok(outcome) => {
            let reloaded = outcome.reloaded;
            update(
                state,
                Action::Synced {
                    at,
                    outcome: Box::new(outcome),
                },
            );
            if reloaded || had_pending || had_error.is_some() {
                Redraw::All
            } else {
                Redraw::No
            }
        }
        Err(e) => {
            let message = e.user_message();
            if had_error.as_ref() == Some(&message) {
                Redraw::No
            } else {
                update(state, Action::SaveFailed(message));
                Redraw::All
            }
        }
    }
}

/// Merges the copies a file-sync tool left (Enter in their dialog); the file and the session
/// in memory take them in, and the footer says what happened.
pub(super) fn merge_copies(state: &mut State, shared: &mut store::sync::Shared, paths: &[PathBuf]) {
    let at = now();
    let who = rust_i18n::t!("copies.who");
    let result = shared.merge_copies(&state.path, &state.session, &state.pending, paths, &who, at);
    let answer = match result {
        Ok(out) => {
            update(
                state,
                Action::Synced {
                    at,
                    outcome: Box::new(out.sync),
                },
            );
            Action::CopiesMerged {
                merged: out.merged.len(),
                kept: out.kept,
                failed: out
                    .failed
                    .into_iter()
                    .map(|(path, e)| {
                        let name = path.file_name().unwrap_or_default().to_string_lossy();
                        format!("{name} ({e})")
                    })
                    .collect(),
            }
        }
        Err(e) => Action::CopiesMerged {
            merged: 0,
            kept: 0,
            failed: vec![e.user_message()],
        },
    };
    update(state, answer);
}

/// A session opened for the first time gets its id: the one exports already named it by
/// ([`store::stable_id`]), so that a calendar imported before this opening is updated by
/// the next export, not duplicated. Nothing for a session that has one, or read-only.
pub fn assign_id(state: &mut State) {
    if state.session.id.is_empty() && !state.read_only {
        let id = store::stable_id(&state.session);
        update(state, Action::AssignId(id));
    }
}

/// Every export format of the session, beside it; the result as a footer message.
pub(super) fn export_all(state: &State) -> Action {
    use crate::export::{self, Format};
    let now = now();
    let opts = export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
        paper: export::Paper::default(),
        saved: store::saved_at(&state.path),
    };
    let dir = crate::export::default_dir(&state.path);
    let files: Vec<export::OutFile> = Format::ALL
        .into_iter()
        .flat_map(|f| export::render(&state.session, f, &opts))
        .collect();
    match export::write_files(&dir, &files) {
        Ok(written) => {
            let done = rust_i18n::t!(
                crate::text::plural(written.len(), "flash.exported"),
                n = written.len(),
                dir = dir.display()
            );
            // The first thing the files cannot do, and how many more there are.
            let notices = export::notices(&state.session, &Format::ALL, &opts);
            let message = match notices.split_first() {
                None => done.into_owned(),
                Some((first, [])) => format!("{done} — ⚠ {first}"),
                Some((first, rest)) => format!("{done} — ⚠ {first} (+{})", rest.len()),
            };
            Action::Exported {
                ok: notices.is_empty(),
                message,
            }
        }
        Err(e) => Action::Exported {
            ok: false,
            message: rust_i18n::t!("cli.export.failed", error = e).into_owned(),
        },
    }
}

pub(super) fn ring_bell() {
    let mut out = io::stdout();
    let _ = out.write_all(b"\x07");
    let _ = out.flush();
}
