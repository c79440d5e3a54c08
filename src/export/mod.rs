//! Exports people can send: Markdown compte rendu, CSV, iCalendar, e-mail drafts, printable
//! HTML posters. Pure functions from a session to files; `write_files` puts them on disk.
//!
//! (Being written: see the brief in the commit that created this file.)

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use crate::domain::{Session, ThemeId, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Ics,
    Eml,
    Html,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// CSV separator (default `;` for French spreadsheets).
    pub delimiter: u8,
    /// CSV: start with a UTF-8 BOM (default true).
    pub bom: bool,
    /// Only this group (by theme id).
    pub group: Option<ThemeId>,
    /// "Today", for overdue marks; given by the caller (no wall clock in exports).
    pub today: NaiveDate,
    /// When the export is made (DTSTAMP, e-mail Date); given by the caller.
    pub now: Timestamp,
}

/// One file of an export: a name relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn render(_session: &Session, _format: Format, _opts: &Options) -> Vec<OutFile> {
    Vec::new()
}

pub fn write_files(_dir: &Path, _files: &[OutFile]) -> std::io::Result<Vec<PathBuf>> {
    Ok(Vec::new())
}
