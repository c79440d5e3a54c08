//! `atelier territoire [DIR…]`: every zone on one screen, or its table as a file.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::out;
use crate::domain::territory::{self, SortKey};
use crate::error::CliError;
use crate::export::territory::TerritoryFormat;
use crate::store;

pub fn run(
    dirs: Vec<PathBuf>,
    format: Option<TerritoryFormat>,
    out_path: Option<PathBuf>,
    sort: SortKey,
    options: crate::tui::Options,
) -> Result<(), CliError> {
    // Without folders: the launcher's, and the sessions opened lately elsewhere.
    let places = if dirs.is_empty() {
        let mut p = super::session_dirs();
        p.extend(store::recent::recent());
        p
    } else {
        dirs
    };
    if format.is_none() && out_path.is_none() && std::io::stdout().is_terminal() {
        return crate::tui::run_territory(
            places,
            super::session_dirs(),
            store::data_sessions_dir(),
            sort,
            options,
        );
    }
    let now = crate::tui::now();
    let today = now.date_naive();
    let paths = store::territory::sessions(&places);
    let mut entries =
        store::territory::rows(&paths, today, store::territory::cache_file().as_deref());
    territory::sort(&mut entries, sort, |e| e.row.as_ref().ok());
    let opts = crate::export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today,
        now,
        paper: crate::export::Paper::default(),
        saved: None,
    };
    let bytes =
        crate::export::territory::render(&entries, format.unwrap_or_default(), today, &opts);
    out::file_or_stdout(&bytes, out_path.as_deref(), "territory.written")
}
