//! `atelier bilan`: the bilan of a period (`domain::bilan`), in Markdown, CSV or HTML, on the
//! standard output or into a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_i18n::t;

use super::CliError;
use super::out;
use crate::domain::When;
use crate::domain::bilan::{Period, bilan};
use crate::export::bilan::BilanFormat;
use crate::store;

/// A day as typed elsewhere in the app (« 14/01/2027 », « 14 janvier 2027 », « 2027-01-14 »);
/// otherwise one message naming the forms understood.
pub fn day(option: &str, text: &str) -> Result<NaiveDate, CliError> {
    When::parse_day(text).ok_or_else(|| {
        CliError::Usage(t!("cli.bilan.bad_date", option = option, text = text.trim()).into_owned())
    })
}

pub fn run(
    path: &Path,
    from: Option<&str>,
    to: Option<&str>,
    format: BilanFormat,
    out: Option<PathBuf>,
) -> Result<(), CliError> {
    let from = from.map(|f| day("--from", f)).transpose()?;
    let to = to.map(|f| day("--to", f)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(CliError::Usage(
            t!(
                "cli.bilan.backwards",
                from = crate::export::bilan::day(f),
                to = crate::export::bilan::day(t)
            )
            .into_owned(),
        ));
    }
    // A report, never written over a session file.
    if out
        .as_deref()
        .is_some_and(|o| o.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
    {
        return Err(CliError::Usage(
            t!(
                "export.bad_name",
                name = out
                    .as_deref()
                    .map(|o| o.display().to_string())
                    .unwrap_or_default()
            )
            .into_owned(),
        ));
    }
    let session = store::load(path)?;
    let now = crate::tui::now();
    let b = bilan(&session, Period { from, to }, now.date_naive());
    let opts = crate::export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
        paper: crate::export::Paper::default(),
        saved: None,
    };
    let bytes = crate::export::bilan::render(&session, &b, format, &opts);
    out::file_or_stdout(&bytes, out.as_deref(), "cli.bilan.written")
}
