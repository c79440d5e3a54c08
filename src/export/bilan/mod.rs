//! The bilan of a period (`domain::bilan`) as one file: Markdown to read or paste, CSV for a
//! spreadsheet (one table, its first column the section), or a self-contained HTML page with
//! bar charts that prints on A4 (what a chargé de mission attaches to a report). The words
//! shared with the Bilan screen (the period, the zone's share) are here too.
//!
//! Like the other exports, nothing here reads the clock: the bilan holds the day its figures
//! are taken on.

mod csv_table;
mod html;
mod md;

use chrono::{Datelike, NaiveDate};
use rust_i18n::t;

use crate::domain::Session;
use crate::domain::bilan::{Bilan, Organisations, Period};
use crate::domain::synergy::Amount;
use crate::text::{self, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum BilanFormat {
    #[default]
    Md,
    Csv,
    Html,
}

impl BilanFormat {
    pub fn extension(self) -> &'static str {
        match self {
            BilanFormat::Md => "md",
            BilanFormat::Csv => "csv",
            BilanFormat::Html => "html",
        }
    }

    /// The file's usual name (`atelier bilan -o` takes any).
    pub fn file_name(self) -> String {
        format!("bilan.{}", self.extension())
    }
}

/// The bilan as the bytes of one file. CSV cells follow `opts` (separator, BOM) as
/// `atelier export` does; text from the session is cleaned of control characters.
pub fn render(
    session: &Session,
    bilan: &Bilan,
    format: BilanFormat,
    opts: &super::Options,
) -> Vec<u8> {
    let bytes = match format {
        BilanFormat::Md => md::render(session, bilan).into_bytes(),
        BilanFormat::Csv => csv_table::render(bilan, opts),
        BilanFormat::Html => html::render(session, bilan).into_bytes(),
    };
    match std::str::from_utf8(&bytes) {
        Ok(text) => match crate::domain::clean::for_export(text) {
            std::borrow::Cow::Owned(clean) => clean.into_bytes(),
            std::borrow::Cow::Borrowed(_) => bytes,
        },
        Err(_) => bytes,
    }
}

/// « 1er janvier 2027 », « 14 janvier 2027 » / "1 January 2027".
pub fn day(date: NaiveDate) -> String {
    match Lang::current() {
        Lang::Fr if date.day() == 1 => {
            format!("1er {}", text::month_year(date.year(), date.month()))
        }
        _ => text::long_date(date),
    }
}

/// « du 1er janvier 2027 au 31 décembre 2027 », « depuis le début », « depuis le 1er mars
/// 2027 », « du début au 31 décembre 2027 ».
pub fn period_text(period: &Period) -> String {
    match (period.from, period.to) {
        (None, None) => t!("bilan.period.all").into_owned(),
        (Some(f), None) => t!("bilan.period.since", from = day(f)).into_owned(),
        (None, Some(to)) => t!("bilan.period.until", to = day(to)).into_owned(),
        (Some(f), Some(to)) => t!("bilan.period.between", from = day(f), to = day(to)).into_owned(),
    }
}

/// « chiffres au 6 décembre 2026 »: the day the figures are taken on.
pub fn as_of(bilan: &Bilan) -> String {
    t!("bilan.as_of", day = day(bilan.end)).into_owned()
}

/// « 12 sur 40 entreprises de la zone », or, when the zone's profile has no number, « 12
/// organisations engagées (nombre d'entreprises de la zone non renseigné) ».
pub fn share(o: &Organisations) -> String {
    let n = o.engaged.len();
    if o.in_zone == 0 {
        return text::count(n, "bilan.orgs.share_unknown");
    }
    let pct = (n * 100 + o.in_zone as usize / 2) / o.in_zone as usize;
    t!(
        text::plural(o.in_zone as usize, "bilan.orgs.share"),
        n = n,
        zone = o.in_zone,
        pct = pct
    )
    .into_owned()
}

/// An amount as people read it: « 9 500 », « 12,5 » in French, "9,500", "12.5" in English.
pub fn figure(a: &Amount) -> String {
    a.figure(Lang::current() == Lang::Fr, true)
}

/// The lists of organisations, each with its key: (label key, names).
pub fn organisation_lists(o: &Organisations) -> [(&'static str, &[String]); 4] {
    [
        ("bilan.orgs.enrolled", &o.enrolled),
        ("bilan.orgs.piloting", &o.piloting),
        ("bilan.orgs.in_synergy", &o.in_synergy),
        ("bilan.orgs.engaged", &o.engaged),
    ]
}

/// The zone and session of the heading: « ZA des Portes — Éco-parc 2027 » (the session's
/// title alone when it names the zone already).
pub fn heading(session: &Session) -> String {
    let zone = session.zone.name.trim();
    let title = session.title.trim();
    if zone.is_empty() || title.contains(zone) {
        title.to_string()
    } else {
        format!("{zone} — {title}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_a_month_is_an_ordinal_in_french() {
        Lang::Fr.set();
        let d = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        assert_eq!(day(d(1, 1)), "1er janvier 2027");
        assert_eq!(
            period_text(&Period {
                from: Some(d(1, 1)),
                to: Some(d(12, 31))
            }),
            "du 1er janvier 2027 au 31 décembre 2027"
        );
        assert_eq!(period_text(&Period::default()), "depuis le début");
    }

    #[test]
    fn a_zone_without_a_number_of_companies_is_said_not_divided_by() {
        Lang::Fr.set();
        let mut o = Organisations {
            engaged: vec!["A".into(), "B".into()],
            ..Organisations::default()
        };
        assert!(share(&o).contains("non renseigné"), "{}", share(&o));
        o.in_zone = 40;
        assert_eq!(share(&o), "2 sur 40 entreprises de la zone (5\u{a0}%)");
    }
}
