//! The launcher of bare `atelier` and the territory's table over it (`atelier territoire`),
//! then the session chosen there, in one terminal session.

use super::*;
use crate::screens::launcher::model::{Launcher, LauncherChoice};
use crate::screens::launcher::update::update_launcher;

/// The launcher, then the chosen session, in one terminal session.
pub fn run_launcher(
    dirs: Vec<PathBuf>,
    data_dir: Option<PathBuf>,
    options: Options,
) -> Result<(), crate::error::RunError> {
    let mut places = dirs.clone();
    places.extend(store::recent::recent());
    run_launcher_with(dirs, data_dir, options, places, None)
}

/// `atelier territoire`: the table of every zone of `places` (folders or files), sorted by
/// `sort`; Esc goes to the launcher, Enter opens a zone.
pub fn run_territory(
    places: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    data_dir: Option<PathBuf>,
    sort: crate::domain::territory::SortKey,
    options: Options,
) -> Result<(), crate::error::RunError> {
    run_launcher_with(dirs, data_dir, options, places, Some(sort))
}

/// The territory's rows for `places`, read now (the cache makes it quick).
pub(super) fn territory(
    places: &[PathBuf],
    sort: crate::domain::territory::SortKey,
) -> crate::screens::territory::model::Territory {
    let paths = store::territory::sessions(places);
    let today = now().date_naive();
    let entries = store::territory::rows(&paths, today, store::territory::cache_file().as_deref());
    crate::screens::territory::model::Territory::new(entries, sort)
}

pub(super) fn run_launcher_with(
    dirs: Vec<PathBuf>,
    data_dir: Option<PathBuf>,
    options: Options,
    places: Vec<PathBuf>,
    start_in_territory: Option<crate::domain::territory::SortKey>,
) -> Result<(), crate::error::RunError> {
    let mut guard = TerminalGuard::new()?;
    let inputs = spawn_inputs()?;
    let listed = store::known_sessions(&dirs, &store::recent::recent())
        .into_iter()
        .map(|i| crate::screens::launcher::model::Listed {
            path: i.path,
            content: i.content,
        })
        .collect();
    let mut launcher = Launcher::new(listed);
    if let Some(sort) = start_in_territory {
        launcher.territory = Some(territory(&places, sort));
    }
    let palette = crate::ui::palette::Palette::new(options.palette, options.depth);
    loop {
        guard.terminal.draw(|f| {
            crate::screens::launcher::view::render(&launcher, &palette, f.area(), f.buffer_mut())
        })?;
        let input = match inputs.1.recv() {
            Ok(i) => i,
            Err(_) => return Ok(()),
        };
        match input {
            Input::Signal | Input::ReadFailed => return Ok(()),
            Input::FileChanged | Input::PresenceChanged => {}
            Input::Term(Event::Key(key), _) => {
                if let Some(a) = app_key(key).and_then(|k| keymap::action_for(launcher.mode(), k)) {
                    update_launcher(&mut launcher, a);
                }
            }
            Input::Term(Event::Paste(text), _) => update_launcher(
                &mut launcher,
                Action::Paste(crate::domain::clean::stored(&text).into_owned()),
            ),
            Input::Term(..) => {}
        }
        if launcher.quit {
            return Ok(());
        }
        let Some(choice) = launcher.choice.take() else {
            continue;
        };
        let path = match choice {
            LauncherChoice::Territory => {
                launcher.territory = Some(territory(&places, Default::default()));
                continue;
            }
            LauncherChoice::Open(p) => Ok(p),
            LauncherChoice::New(title) => match &data_dir {
                Some(dir) => {
                    let p = store::unique_path(dir, &store::slug(&title));
                    let s = crate::domain::Session::new(title.clone(), title);
                    store::create(&p, &s).map(|_| p)
                }
                None => Err(StoreError::AlreadyExists {
                    path: PathBuf::from("?"),
                }),
            },
            LauncherChoice::Example => match &data_dir {
                Some(dir) => {
                    let p = dir.join(store::EXAMPLE_FILE);
                    if p.exists() {
                        Ok(p)
                    } else {
                        store::create_text(&p, store::EXAMPLE).map(|_| p)
                    }
                }
                None => Err(StoreError::AlreadyExists {
                    path: PathBuf::from("?"),
                }),
            },
        };
        let opened = path
            .and_then(|p| store::resolve(&p))
            .and_then(|p| open_session(&p).map(|o| (o, p)));
        match opened {
            Ok((opened, path)) => {
                store::recent::remember(&path);
                let result = session_loop(
                    &mut guard.terminal,
                    &inputs,
                    opened,
                    path,
                    options,
                    Seat::facilitator(),
                );
                signals::CLOSED.set();
                return result;
            }
            Err(e) => launcher.message = Some(e.user_message()),
        }
    }
}
