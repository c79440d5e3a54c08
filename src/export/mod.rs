//! Exports people can send: Markdown compte rendu, CSV, iCalendar, e-mail drafts, printable
//! HTML posters. Pure functions from a session to files; `write_files` puts them on disk.
//!
//! | format | files |
//! |---|---|
//! | `md` | `compte-rendu.md` (`compte-rendu-<groupe>.md` for one group); with a section « Catalogue des besoins et pistes d'opportunités » a rencontre that has cards |
//! | `csv` | `actions.csv`; `catalogue.csv` (one row a card) when a rencontre has cards |
//! | `ics` | `atelier.ics` |
//! | `eml` | `groupe-<n>-<groupe>.eml`, one per group; with `--depuis DATE`, `point-etape-<n>-<groupe>.eml` instead: what changed since |
//! | `html` | `index.html`, `posters.html` (every poster, one a page) and `poster-<n>-<groupe>.html` per group; `catalogue.html` (A4 portrait, linked from the index) when a rencontre has cards |
//!
//! The catalogue (`catalogue`) is the whole session's: an export for one group (`--group`)
//! leaves it out.
//!
//! Nothing here reads the clock: "today" and "now" come from [`Options`]; only
//! [`write_files`] touches the disk. Strings come from `locales/export.*.yml` and the UI's.

pub mod bilan;
mod catalogue;
mod csv_out;
mod eml;
pub(crate) mod html;
mod ics;
mod md;
mod progress;
pub mod territory;
mod write;

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use crate::domain::{
    ActionLine, Group, Owner, Pilot, PilotKind, Session, Theme, ThemeId, Timestamp,
};

pub use write::MANIFEST;

/// The « point d'étape » drafts: per group, what changed since `since` (see `progress`).
pub fn progress_drafts(s: &Session, opts: &Options, since: NaiveDate) -> Vec<OutFile> {
    progress::render(s, opts, since)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Ics,
    Eml,
    Html,
}

impl Format {
    /// Every format: what `e` writes, and `atelier export` without `--format`.
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
    /// Paper of the HTML posters (landscape).
    pub paper: Paper,
    /// When the session file was last saved (its modification time): the calendar's
    /// LAST-MODIFIED for items whose own change time the session does not record. `None`:
    /// no LAST-MODIFIED for them.
    pub saved: Option<Timestamp>,
}

/// Paper of the HTML posters, always landscape: A3 for the wall (the default), A4 when
/// that is all the printer takes (the same poster, type scaled down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    A4,
    #[default]
    A3,
}

/// One file of an export: a name relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the person exporting must know, one sentence each: people a group's draft cannot
/// reach (no address), groups whose draft has nobody to go to, actions left out of the
/// calendar because their due is not a date.
pub fn notices(s: &Session, formats: &[Format], opts: &Options) -> Vec<String> {
    use rust_i18n::t;
    let mut out = Vec::new();
    if formats.contains(&Format::Eml) {
        for (n, theme, _) in groups(s, opts) {
            let missing = eml::unreachable(s, theme.id);
            if eml::recipients(s, theme.id).is_empty() {
                out.push(t!("export.notice.nobody", n = n, theme = theme.title).into_owned());
            } else if !missing.is_empty() {
                out.push(
                    t!(
                        crate::text::plural(missing.len(), "export.notice.no_address"),
                        n = n,
                        theme = theme.title,
                        count = missing.len(),
                        names = missing.join(", ")
                    )
                    .into_owned(),
                );
            }
        }
    }
    if formats.contains(&Format::Ics) {
        // Named by its action (or solution), so that it can be found and dated.
        let undated: Vec<String> = undated(s, opts)
            .map(|(n, l)| format!("{n}. {} ({})", short(l.title()), crate::text::due(&l.due)))
            .collect();
        // The follow-ups of the problems « hors atelier » are in the calendar too.
        let mut undated = undated;
        if opts.group.is_none() {
            let outside = t!("card.kinds.out_of_scope");
            undated.extend(
                s.outside_lines()
                    .filter(|(_, l)| l.due.is_undated())
                    .map(|(c, l)| {
                        let what = if l.action.trim().is_empty() {
                            &c.text
                        } else {
                            &l.action
                        };
                        format!("{outside}. {} ({})", short(what), crate::text::due(&l.due))
                    }),
            );
        }
        if !undated.is_empty() {
            out.push(
                t!(
                    crate::text::plural(undated.len(), "export.notice.undated"),
                    count = undated.len(),
                    list = undated.join(", ")
                )
                .into_owned(),
            );
        }
    }
    // Said on a terminal: without what a title from a file could smuggle in.
    out.into_iter()
        .map(|n| crate::domain::clean::for_terminal(&n).into_owned())
        .collect()
}

pub fn render(session: &Session, format: Format, opts: &Options) -> Vec<OutFile> {
    let mut files = match format {
        Format::Md => md::render(session, opts),
        Format::Csv => csv_out::render(session, opts),
        Format::Ics => ics::render(session, opts),
        Format::Eml => eml::render(session, opts),
        Format::Html => html::render(session, opts),
    };
    // Session text that came from a file (written by hand, by another program) may hold
    // control and bidirectional characters: `cat actions.csv` must not run them.
    for f in &mut files {
        if let Ok(text) = std::str::from_utf8(&f.bytes)
            && let std::borrow::Cow::Owned(clean) = crate::domain::clean::for_export(text)
        {
            f.bytes = clean.into_bytes();
        }
    }
    files
}

/// Writes the files into `dir` (created if needed), each by an atomic replace, and lists
/// them in `dir/.atelier-export`. Refuses (error of kind `AlreadyExists`, naming the file) to
/// replace a file that export did not write, or one changed by hand since; never writes a
/// `.ron` file or outside `dir`. Returns the paths written.
pub fn write_files(dir: &Path, files: &[OutFile]) -> std::io::Result<Vec<PathBuf>> {
    write::write_files(dir, files)
}

/// The groups to export, in theme order, with their number as shown in the room (1, 2…):
/// all of them, or only `opts.group`.
pub(crate) fn groups<'a>(
    s: &'a Session,
    opts: &Options,
) -> impl Iterator<Item = (usize, &'a Theme, &'a Group)> {
    let only = opts.group;
    s.groups_in_order()
        .enumerate()
        .map(|(i, (t, g))| (i + 1, t, g))
        .filter(move |(_, t, _)| only.is_none_or(|id| id == t.id))
}

/// The exported groups' lines whose date could not be read (no calendar can hold them), with
/// their group's number.
pub(crate) fn undated<'a>(
    s: &'a Session,
    opts: &Options,
) -> impl Iterator<Item = (usize, &'a ActionLine)> {
    groups(s, opts).flat_map(|(n, _, g)| {
        g.poster
            .lines
            .iter()
            .filter(|l| l.due.is_undated())
            .map(move |l| (n, l))
    })
}

/// "SARL Dupont (porteur), CC".
pub(crate) fn owners(owners: &[Owner]) -> String {
    Owner::format_list(owners)
}

/// The pilot in one line: "CC du Val d'Orge, collectivité — Claire Martin", or "pas de
/// pilote". The kind after a comma, not in parentheses: a name typed with its organisation
/// (« Laurent Petit (Ciments de la Plaine) ») would otherwise get two in a row.
pub(crate) fn pilot_text(pilot: Option<&Pilot>) -> String {
    let Some(p) = pilot else {
        return rust_i18n::t!("commit.no_pilot").into_owned();
    };
    let kind = match p.kind {
        PilotKind::LocalAuthority => rust_i18n::t!("export.pilot_kind.local_authority"),
        PilotKind::Company => rust_i18n::t!("export.pilot_kind.company"),
        PilotKind::Association => rust_i18n::t!("export.pilot_kind.association"),
    };
    let name = p.name.trim();
    let mut out = if name.is_empty() {
        kind.into_owned()
    } else {
        format!("{name}, {kind}")
    };
    if let Some(c) = p
        .contact
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        out.push_str(" — ");
        out.push_str(c);
    }
    out
}

/// A text cut to 40 characters at most, « … » marking the cut.
fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= 40 {
        return text.to_string();
    }
    let cut: String = text.chars().take(39).collect();
    format!("{}…", cut.trim_end())
}

/// File-name slug of a title.
pub(crate) fn slug(title: &str) -> String {
    crate::store::slug(title)
}

/// The default export directory: beside the session, `NAME-exports/`.
pub fn default_dir(session_path: &Path) -> PathBuf {
    let stem = session_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    session_path.with_file_name(format!("{stem}-exports"))
}
