//! Exports people can send: Markdown compte rendu, CSV, iCalendar, e-mail drafts, printable
//! HTML posters. Pure functions from a session to files; `write_files` puts them on disk.
//!
//! | format | files |
//! |---|---|
//! | `md` | `compte-rendu.md` (`compte-rendu-<groupe>.md` for one group) |
//! | `csv` | `actions.csv` (`actions-<groupe>.csv` for one group) |
//! | `ics` | `atelier.ics` (`atelier-<groupe>.ics` for one group) |
//! | `eml` | `groupe-<n>-<groupe>.eml`, one per group |
//! | `html` | `index.html` and `poster-<n>-<groupe>.html` per group (only the poster for one group) |
//!
//! Nothing here reads the clock or the disk: "today" and "now" come from [`Options`], and only
//! [`write_files`] touches files. Strings come from `locales/export.*.yml`.

mod csv;
mod eml;
mod html;
mod ics;
mod md;
mod write;

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use thiserror::Error;

use crate::domain::{ActionLine, Group, Owner, PilotKind, Session, Status, Theme, ThemeId, Timestamp};

pub use write::MANIFEST;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Ics,
    Eml,
    Html,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Csv,
        Format::Ics,
        Format::Eml,
        Format::Html,
    ];
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

impl Options {
    /// The defaults (`;`, a BOM, every group) at a given moment.
    pub fn at(now: Timestamp) -> Options {
        Options {
            delimiter: b';',
            bom: true,
            group: None,
            today: now.date_naive(),
            now,
        }
    }
}

/// One file of an export: a name relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("no group for theme {0}")]
    NoSuchGroup(ThemeId),
    #[error("CSV: {0}")]
    Csv(String),
}

impl ExportError {
    /// One clear message for the user, in the UI language.
    pub fn user_message(&self) -> String {
        match self {
            ExportError::NoSuchGroup(id) => tr_args("export.error.no_group", &[("id", &id.to_string())]),
            ExportError::Csv(e) => tr_args("export.error.csv", &[("error", e)]),
        }
    }
}

/// The files of one format. Nothing for a group that does not exist (see [`try_render`]).
pub fn render(session: &Session, format: Format, opts: &Options) -> Vec<OutFile> {
    try_render(session, format, opts).unwrap_or_default()
}

/// The files of one format, or why there are none.
pub fn try_render(
    session: &Session,
    format: Format,
    opts: &Options,
) -> Result<Vec<OutFile>, ExportError> {
    let groups = selected_groups(session, opts)?;
    let ctx = Ctx {
        session,
        opts,
        groups,
    };
    Ok(match format {
        Format::Md => vec![md::render(&ctx)],
        Format::Csv => vec![csv::render(&ctx)?],
        Format::Ics => vec![ics::render(&ctx)],
        Format::Eml => eml::render(&ctx),
        Format::Html => html::render(&ctx),
    })
}

/// Writes the files into `dir` (created if needed), each by an atomic replace. Refuses, with
/// an error of kind `AlreadyExists` naming the file, to replace a file this tool did not write
/// (the names it wrote are listed in `dir/.atelier-export`) or one changed since it wrote it;
/// never writes a `.ron` file. Returns the paths written.
pub fn write_files(dir: &Path, files: &[OutFile]) -> std::io::Result<Vec<PathBuf>> {
    write::write_files(dir, files)
}

/// What every format needs: the session, the options and the groups to export.
pub(crate) struct Ctx<'a> {
    pub session: &'a Session,
    pub opts: &'a Options,
    pub groups: Vec<GroupRef<'a>>,
}

/// A group as exported: its number in theme order (as shown in the room), its theme, and the
/// slug that names its files.
pub(crate) struct GroupRef<'a> {
    pub number: usize,
    pub theme: &'a Theme,
    pub group: &'a Group,
    pub slug: String,
}

impl GroupRef<'_> {
    /// The lines of the plan, blank ones left out.
    pub fn lines(&self) -> impl Iterator<Item = &ActionLine> {
        self.group.poster.lines.iter().filter(|l| !l.is_blank())
    }

    /// "Groupe 2 · Plan de mobilité inter-entreprises".
    pub fn heading(&self) -> String {
        tr_args(
            "export.label.group_n",
            &[
                ("n", &self.number.to_string()),
                ("theme", &self.theme.title),
            ],
        )
    }
}

fn selected_groups<'a>(
    session: &'a Session,
    opts: &Options,
) -> Result<Vec<GroupRef<'a>>, ExportError> {
    let all = session
        .groups_in_order()
        .enumerate()
        .map(|(i, (theme, group))| GroupRef {
            number: i + 1,
            theme,
            group,
            slug: crate::store::slug(&theme.title),
        });
    match opts.group {
        None => Ok(all.collect()),
        Some(id) => {
            let one: Vec<_> = all.filter(|g| g.theme.id == id).collect();
            if one.is_empty() {
                Err(ExportError::NoSuchGroup(id))
            } else {
                Ok(one)
            }
        }
    }
}

impl Ctx<'_> {
    /// The group named in the options, if any (it names the single-group files).
    pub fn only_group(&self) -> Option<&GroupRef<'_>> {
        if self.opts.group.is_some() {
            self.groups.first()
        } else {
            None
        }
    }

    /// `stem.ext`, or `stem-<group>.ext` when exporting one group.
    pub fn file_name(&self, stem: &str, ext: &str) -> String {
        match self.only_group() {
            Some(g) => format!("{stem}-{}.{ext}", g.slug),
            None => format!("{stem}.{ext}"),
        }
    }

    pub fn is_overdue(&self, line: &ActionLine) -> bool {
        is_overdue(line, self.opts.today)
    }

    /// "3 décembre 2026" for each dated workshop, in order.
    pub fn workshop_dates(&self) -> Vec<String> {
        let mut ws: Vec<_> = self.session.workshops.iter().collect();
        ws.sort_by_key(|w| w.number);
        ws.iter()
            .filter_map(|w| w.date)
            .map(crate::text::long_date)
            .collect()
    }
}

/// An open line whose deadline has passed.
pub(crate) fn is_overdue(line: &ActionLine, today: NaiveDate) -> bool {
    matches!(line.status, Status::Todo | Status::InProgress)
        && line.due.deadline().is_some_and(|d| d < today)
}

/// A UI string of the export, in the current language.
pub(crate) fn tr(key: &str) -> String {
    rust_i18n::t!(key).into_owned()
}

/// A UI string with `%{name}` arguments, replaced in one pass (so text that happens to contain
/// `%{…}` is never expanded again).
pub(crate) fn tr_args(key: &str, args: &[(&str, &str)]) -> String {
    let names: Vec<&str> = args.iter().map(|(k, _)| *k).collect();
    let values: Vec<String> = args.iter().map(|(_, v)| (*v).to_string()).collect();
    rust_i18n::replace_patterns(&tr(key), &names, &values)
}

pub(crate) fn status_label(status: Status) -> String {
    tr(status.label_key())
}

pub(crate) fn pilot_kind_label(kind: PilotKind) -> String {
    tr(match kind {
        PilotKind::LocalAuthority => "export.pilot_kind.local_authority",
        PilotKind::Company => "export.pilot_kind.company",
        PilotKind::Association => "export.pilot_kind.association",
    })
}

/// "SARL Dupont (porteur), CC".
pub(crate) fn owners(line: &ActionLine) -> String {
    Owner::format_list(&line.owners)
}

/// The due as people read it ("février 2027", "29 janv. 2027", "T2 2027").
pub(crate) fn due_text(line: &ActionLine) -> String {
    crate::text::due(&line.due)
}

/// The pilot in one line: "CC du Val d'Orge (collectivité) — Claire Martin, 01 23 45 67 89".
pub(crate) fn pilot_line(group: &Group) -> Option<String> {
    let p = group.pilot.as_ref()?;
    let mut out = format!("{} ({})", p.name, pilot_kind_label(p.kind));
    if let Some(c) = p.contact.as_deref().filter(|c| !c.trim().is_empty()) {
        out.push_str(" — ");
        out.push_str(c);
    }
    Some(out)
}

/// CR LF and lone CR become LF.
pub(crate) fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Everything on one line: line breaks and other control characters become spaces.
pub(crate) fn one_line(s: &str) -> String {
    normalize_newlines(s)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
