//! Due dates of action lines: an exact date, a month, or free text ("T2 2027", "rentrée").

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Due {
    /// No due yet. Written `Unset` because `None` reads as an `Option` in RON.
    #[default]
    #[serde(rename = "Unset", alias = "None")]
    None,
    Date(NaiveDate),
    /// Year and month (1–12).
    Month(i32, u32),
    Text(String),
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Due {
    /// Reads what a rapporteur typed. Recognises `2027-03-15`, `15/03/2027`, `03/2027`,
    /// `2027-03`, `mars 2027`, `févr. 2027`, `march 2027`; anything else is kept as text.
    pub fn parse(input: &str) -> Due {
        let text = input.trim();
        if text.is_empty() {
            return Due::None;
        }
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Due::Date(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(text, "%d/%m/%Y") {
            return Due::Date(d);
        }
        if let Some(m) = parse_numeric_month(text) {
            return m;
        }
        if let Some(m) = parse_named_month(text) {
            return m;
        }
        Due::Text(text.to_string())
    }

    /// The last day on which the due is still met, for sorting and overdue checks.
    /// Free text has none.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self {
            Due::None | Due::Text(_) => None,
            Due::Date(d) => Some(*d),
            Due::Month(y, m) => last_day_of_month(*y, *m),
        }
    }

    /// A canonical text form that [`Due::parse`] reads back to the same value.
    pub fn to_input(&self) -> String {
        match self {
            Due::None => String::new(),
            Due::Date(d) => d.format("%d/%m/%Y").to_string(),
            Due::Month(y, m) => format!("{m:02}/{y}"),
            Due::Text(t) => t.clone(),
        }
    }
}

fn parse_numeric_month(text: &str) -> Option<Due> {
    let (a, b) = text.split_once(['/', '-'])?;
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() || b.is_empty() || !a.chars().chain(b.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (year, month) = if a.len() == 4 { (a, b) } else { (b, a) };
    if year.len() != 4 || month.len() > 2 {
        return None;
    }
    month_due(year.parse().ok()?, month.parse().ok()?)
}

fn parse_named_month(text: &str) -> Option<Due> {
    let lower = text.to_lowercase();
    let mut words = lower.split_whitespace();
    let name = words.next()?.trim_end_matches('.');
    let year: i32 = words.next()?.parse().ok()?;
    if words.next().is_some() || name.len() < 3 || !(1000..=9999).contains(&year) {
        return None;
    }
    let index = MONTHS_FR
        .iter()
        .chain(MONTHS_EN.iter())
        .position(|m| m.starts_with(name))?;
    month_due(year, (index % 12) as u32 + 1)
}

fn month_due(year: i32, month: u32) -> Option<Due> {
    ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(Due::Month(year, month))
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    next.pred_opt().filter(|d| d.month() == first.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_the_forms_rapporteurs_type() {
        assert_eq!(Due::parse(""), Due::None);
        assert_eq!(Due::parse("2027-03-15"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("15/03/2027"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("03/2027"), Due::Month(2027, 3));
        assert_eq!(Due::parse("3/2027"), Due::Month(2027, 3));
        assert_eq!(Due::parse("2027-03"), Due::Month(2027, 3));
        assert_eq!(Due::parse("mars 2027"), Due::Month(2027, 3));
        assert_eq!(Due::parse("Févr. 2027"), Due::Month(2027, 2));
        assert_eq!(Due::parse("août 2027"), Due::Month(2027, 8));
        assert_eq!(Due::parse("December 2027"), Due::Month(2027, 12));
        assert_eq!(Due::parse("T2 2027"), Due::Text("T2 2027".into()));
        assert_eq!(Due::parse("13/2027"), Due::Text("13/2027".into()));
        assert_eq!(Due::parse("31/02/2027"), Due::Text("31/02/2027".into()));
        assert_eq!(Due::parse("ma 2027"), Due::Text("ma 2027".into()));
    }

    #[test]
    fn to_input_reads_back() {
        for due in [
            Due::None,
            Due::Date(date(2027, 1, 5)),
            Due::Month(2027, 11),
            Due::Text("rentrée 2027".into()),
        ] {
            assert_eq!(Due::parse(&due.to_input()), due);
        }
    }

    #[test]
    fn deadline_of_a_month_is_its_last_day() {
        assert_eq!(Due::Month(2028, 2).deadline(), Some(date(2028, 2, 29)));
        assert_eq!(Due::Month(2027, 12).deadline(), Some(date(2027, 12, 31)));
        assert_eq!(Due::Month(2027, 13).deadline(), None);
        assert_eq!(Due::Text("T2".into()).deadline(), None);
    }
}
