//! Due dates of action lines, read the way people say them: an exact date (« 15/03/2027 »,
//! « 15 mars 2027 »), a month (« mars 2027 »), a period kept as typed with its last day
//! (« T2 2027 », « S1 2027 », « fin 2026 », « rentrée 2027 », « mi-2027 », « S12 2027 »,
//! « Q3 2027 »), or free text that is not a date (« demain »), which is kept but not tracked.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredDue")]
pub enum Due {
    /// No due yet. Written `Unset` because `None` reads as an `Option` in RON.
    #[default]
    #[serde(rename = "Unset", alias = "None")]
    None,
    Date(NaiveDate),
    /// Year and month (1–12).
    Month(i32, u32),
    /// A period as it was typed (a quarter, a half-year, a season, a week, the end of a
    /// year…), shown as typed; `last` is its last day, for overdue marks and sorting.
    Period {
        text: String,
        last: NaiveDate,
    },
    /// Not a date: kept, shown, but never overdue (listed as « sans date précise »).
    Text(String),
}

/// The file form: the same, except that a `Text` written by an older atelier that now reads
/// as a date (« T2 2027 ») is taken as one.
#[derive(Deserialize)]
enum StoredDue {
    #[serde(rename = "Unset", alias = "None")]
    None,
    Date(NaiveDate),
    Month(i32, u32),
    Period {
        text: String,
        last: NaiveDate,
    },
    Text(String),
}

impl From<StoredDue> for Due {
    fn from(d: StoredDue) -> Due {
        match d {
            StoredDue::None => Due::None,
            StoredDue::Date(d) => Due::Date(d),
            StoredDue::Month(y, m) => Due::Month(y, m),
            StoredDue::Period { text, last } => Due::Period { text, last },
            StoredDue::Text(t) => Due::parse(&t),
        }
    }
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
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

/// Words around a date that say nothing about it: « d'ici fin 2026 », « avant le 15 mars
/// 2027 », « courant 2027 », « by the end of 2027 ».
const FILLER: [&str; 24] = [
    "d", "l", "ici", "de", "du", "des", "la", "le", "a", "au", "en", "avant", "pour", "courant",
    "annee", "of", "the", "by", "before", "in", "year", "during", "until", "within",
];

impl Due {
    /// Reads what a rapporteur typed. Anything that is not a date is kept as text.
    pub fn parse(input: &str) -> Due {
        let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Due::None;
        }
        if let Some(d) = numeric_date(&text) {
            return Due::Date(d);
        }
        if let Some(m) = parse_numeric_month(&text) {
            return m;
        }
        let words = words(&text);
        let words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !FILLER.contains(w))
            .collect();
        if let Some(due) = spoken(&words) {
            return match due {
                Spoken::Day(d) => Due::Date(d),
                Spoken::Month(y, m) => Due::Month(y, m),
                Spoken::Until(last) => Due::Period { text, last },
            };
        }
        Due::Text(text)
    }

    /// The last day on which the due is still met, for sorting and overdue checks.
    /// Free text has none.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self {
            Due::None | Due::Text(_) => None,
            Due::Date(d) => Some(*d),
            Due::Month(y, m) => last_day_of_month(*y, *m),
            Due::Period { last, .. } => Some(*last),
        }
    }

    /// Something was typed that is not a date: kept, but no deadline is tracked.
    pub fn is_undated(&self) -> bool {
        matches!(self, Due::Text(_))
    }

    /// A canonical text form that [`Due::parse`] reads back to the same value.
    pub fn to_input(&self) -> String {
        match self {
            Due::None => String::new(),
            Due::Date(d) => d.format("%d/%m/%Y").to_string(),
            Due::Month(y, m) => format!("{m:02}/{y}"),
            Due::Period { text, .. } | Due::Text(text) => text.clone(),
        }
    }
}

/// `15/03/2027`, `15/03/27`, `15.03.2027`, `15-03-2027`, `2027-03-15`: day first, as in
/// French and British use (`04/15/2027` is not a date).
fn numeric_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if a.len() == 4 {
        (n(a)?, n(b)?, n(c)?)
    } else {
        let y = match c.len() {
            4 => n(c)?,
            2 => 2000 + n(c)?,
            _ => return None,
        };
        (y, n(b)?, n(a)?)
    };
    let day_part = if a.len() == 4 { c } else { a };
    if b.len() > 2 || day_part.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
        .filter(|d| (1000..=9999).contains(&d.year()))
}

fn parse_numeric_month(text: &str) -> Option<Due> {
    let (a, b) = text.split_once(['/', '-', '.'])?;
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

/// Lower case, without accents, split on spaces and punctuation: « Mi-2027 » → `mi 2027`,
/// « d'ici fin 2026 » → `d ici fin 2026`, « 2027-W12 » → `2027 w12`.
fn words(text: &str) -> Vec<String> {
    let plain: String = super::clean::folded(text)
        .chars()
        .map(|c| match c {
            '-' | '/' | '\'' | '’' | ',' | '.' | '(' | ')' => ' ',
            c => c,
        })
        .collect();
    plain.split_whitespace().map(str::to_string).collect()
}

enum Spoken {
    Day(NaiveDate),
    Month(i32, u32),
    /// A period, by its last day.
    Until(NaiveDate),
}

/// The spoken forms, on words without filler. Each arm names the form it reads.
fn spoken(w: &[&str]) -> Option<Spoken> {
    use Spoken::{Day, Until};
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let end_of_month = |y: i32, m: u32| last_day_of_month(y, m);
    Some(match *w {
        // « 2027 », « courant 2027 »
        [y] => Until(ymd(year(y)?, 12, 31)?),
        // « 15 mars 2027 », « 1er mars 2027 »
        [d, m, y] if day(d).is_some() && month(m).is_some() => {
            Day(ymd(year(y)?, month(m)?, day(d)?)?)
        }
        // « March 15, 2027 »
        [m, d, y] if day(d).is_some() && month(m).is_some() => {
            Day(ymd(year(y)?, month(m)?, day(d)?)?)
        }
        // « mars 2027 », « févr. 2027 »
        [m, y] if month(m).is_some() => Spoken::Month(year(y)?, month(m)?),
        // « T2 2027 », « Q3 2027 », « S1 2027 », « H2 2027 », « S12 2027 », « W12 2027 »
        [p, y] if numbered(p).is_some() => {
            let (letter, n) = numbered(p)?;
            let y = year(y)?;
            match (letter, n) {
                ('t' | 'q', 1..=4) => Until(end_of_month(y, n * 3)?),
                ('s' | 'h', 1..=2) => Until(end_of_month(y, n * 6)?),
                ('w', 1..=53) | ('s', 3..=53) => Until(week_end(y, n)?),
                _ => return None,
            }
        }
        // « 2027 W12 » (ISO 2027-W12)
        [y, p] if numbered(p).is_some_and(|(l, _)| l == 'w') => {
            Until(week_end(year(y)?, numbered(p)?.1)?)
        }
        // « semaine 12 2027 », « sem. 12 2027 », « week 12 2027 »
        ["semaine" | "sem" | "week", n, y] => Until(week_end(year(y)?, n.parse().ok()?)?),
        // « 2e trimestre 2027 », « premier semestre 2027 », « third quarter 2027 »
        [n, unit, y] if ordinal(n).is_some() => {
            let (n, y) = (ordinal(n)?, year(y)?);
            match (unit, n) {
                ("trimestre" | "quarter", 1..=4) => Until(end_of_month(y, n * 3)?),
                ("semestre" | "half", 1..=2) => Until(end_of_month(y, n * 6)?),
                _ => return None,
            }
        }
        // « début 2027 », « mi-2027 », « fin 2026 », « end of 2027 »
        [part, y] if part_of(part).is_some() => {
            let y = year(y)?;
            match part_of(part)? {
                Part::Start => Until(end_of_month(y, 3)?),
                Part::Middle => Until(end_of_month(y, 6)?),
                Part::End => Until(end_of_month(y, 12)?),
            }
        }
        // « début mars 2027 », « mi-juin 2027 », « fin juin 2027 »
        [part, m, y] if part_of(part).is_some() && month(m).is_some() => {
            let (y, m) = (year(y)?, month(m)?);
            match part_of(part)? {
                Part::Start => Until(ymd(y, m, 10)?),
                Part::Middle => Until(ymd(y, m, 15)?),
                Part::End => Until(end_of_month(y, m)?),
            }
        }
        // « rentrée 2027 » (September), and the seasons, by their last day
        ["rentree", y] => Until(end_of_month(year(y)?, 9)?),
        ["printemps" | "spring", y] => Until(ymd(year(y)?, 6, 20)?),
        ["ete" | "summer", y] => Until(ymd(year(y)?, 9, 22)?),
        ["automne" | "autumn" | "fall", y] => Until(ymd(year(y)?, 12, 21)?),
        ["hiver" | "winter", y] => Until(ymd(year(y)?, 3, 20)?),
        _ => return None,
    })
}

enum Part {
    Start,
    Middle,
    End,
}

fn part_of(w: &str) -> Option<Part> {
    Some(match w {
        "debut" | "early" | "start" | "beginning" => Part::Start,
        "mi" | "milieu" | "mid" | "middle" => Part::Middle,
        "fin" | "end" | "late" => Part::End,
        _ => return None,
    })
}

fn year(w: &str) -> Option<i32> {
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1000..=9999).contains(y))
}

/// A day of the month: « 15 », « 1er », « 3rd ».
fn day(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "er" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A month by its name or a prefix of at least three letters that names only it.
fn month(w: &str) -> Option<u32> {
    if w.len() < 3 {
        return None;
    }
    let mut found = MONTHS_FR
        .iter()
        .chain(MONTHS_EN.iter())
        .enumerate()
        .filter(|(_, m)| m.starts_with(w))
        .map(|(i, _)| i % 12);
    let first = found.next()?;
    found.all(|i| i == first).then_some(first as u32 + 1)
}

/// « T2 », « Q3 », « S1 », « S12 », « W12 »: a letter then a number.
fn numbered(w: &str) -> Option<(char, u32)> {
    let mut chars = w.chars();
    let letter = chars
        .next()
        .filter(|c| matches!(c, 't' | 'q' | 's' | 'h' | 'w'))?;
    let n = chars.as_str();
    (!n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
        .then(|| n.parse().ok())
        .flatten()
        .map(|n| (letter, n))
}

/// « 1er », « premier », « 2e », « 2ème », « second », « third », « 4th »…
fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "premier" | "premiere" | "1er" | "1re" | "1ere" | "first" | "1st" => 1,
        "deuxieme" | "second" | "seconde" | "2nd" => 2,
        "troisieme" | "third" | "3rd" => 3,
        "quatrieme" | "dernier" | "fourth" | "last" | "4th" => 4,
        _ => {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if !matches!(&w[digits.len()..], "e" | "eme" | "th") {
                return None;
            }
            digits.parse().ok()?
        }
    })
}

/// The Sunday of ISO week `n` of `year`.
fn week_end(year: i32, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_isoywd_opt(year, n, Weekday::Sun)
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

    fn last(text: &str) -> Option<NaiveDate> {
        Due::parse(text).deadline()
    }

    #[test]
    fn parses_the_forms_rapporteurs_type() {
        assert_eq!(Due::parse(""), Due::None);
        assert_eq!(Due::parse("2027-03-15"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("15/03/2027"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("15/03/27"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("15.03.2027"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("15 mars 2027"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("1er juin 2027"), Due::Date(date(2027, 6, 1)));
        assert_eq!(Due::parse("le 2 août 2027"), Due::Date(date(2027, 8, 2)));
        assert_eq!(Due::parse("March 15, 2027"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("15th March 2027"), Due::Date(date(2027, 3, 15)));
        assert_eq!(Due::parse("03/2027"), Due::Month(2027, 3));
        assert_eq!(Due::parse("3/2027"), Due::Month(2027, 3));
        assert_eq!(Due::parse("2027-03"), Due::Month(2027, 3));
        assert_eq!(Due::parse("mars 2027"), Due::Month(2027, 3));
        assert_eq!(Due::parse("Févr. 2027"), Due::Month(2027, 2));
        assert_eq!(Due::parse("août 2027"), Due::Month(2027, 8));
        assert_eq!(Due::parse("aout 2027"), Due::Month(2027, 8));
        assert_eq!(Due::parse("December 2027"), Due::Month(2027, 12));
        assert_eq!(Due::parse("juil. 2027"), Due::Month(2027, 7));
    }

    #[test]
    fn periods_are_kept_as_typed_with_their_last_day() {
        assert_eq!(
            Due::parse("  T2   2027 "),
            Due::Period {
                text: "T2 2027".into(),
                last: date(2027, 6, 30)
            }
        );
        let cases = [
            // quarters
            ("T1 2027", date(2027, 3, 31)),
            ("t4 2027", date(2027, 12, 31)),
            ("Q3 2027", date(2027, 9, 30)),
            ("T2-2027", date(2027, 6, 30)),
            ("2e trimestre 2027", date(2027, 6, 30)),
            ("premier trimestre 2027", date(2027, 3, 31)),
            ("third quarter 2027", date(2027, 9, 30)),
            // half-years
            ("S1 2027", date(2027, 6, 30)),
            ("S2 2027", date(2027, 12, 31)),
            ("H1 2027", date(2027, 6, 30)),
            ("second semestre 2027", date(2027, 12, 31)),
            ("1er semestre 2027", date(2027, 6, 30)),
            // weeks (ISO: week 12 of 2027 ends on Sunday 28 March)
            ("S12 2027", date(2027, 3, 28)),
            ("semaine 12 2027", date(2027, 3, 28)),
            ("sem. 12 2027", date(2027, 3, 28)),
            ("W12 2027", date(2027, 3, 28)),
            ("2027-W12", date(2027, 3, 28)),
            ("W1 2027", date(2027, 1, 10)),
            // parts of a year or of a month
            ("fin 2026", date(2026, 12, 31)),
            ("d'ici fin 2026", date(2026, 12, 31)),
            ("fin d’année 2026", date(2026, 12, 31)),
            ("end of 2026", date(2026, 12, 31)),
            ("mi-2027", date(2027, 6, 30)),
            ("mid 2027", date(2027, 6, 30)),
            ("début 2027", date(2027, 3, 31)),
            ("early 2027", date(2027, 3, 31)),
            ("fin juin 2027", date(2027, 6, 30)),
            ("mi-mars 2027", date(2027, 3, 15)),
            ("début février 2028", date(2028, 2, 10)),
            ("courant 2027", date(2027, 12, 31)),
            ("2027", date(2027, 12, 31)),
            // the school year and the seasons
            ("rentrée 2027", date(2027, 9, 30)),
            ("à la rentrée 2027", date(2027, 9, 30)),
            ("printemps 2027", date(2027, 6, 20)),
            ("été 2027", date(2027, 9, 22)),
            ("automne 2027", date(2027, 12, 21)),
            ("hiver 2027", date(2027, 3, 20)),
            ("summer 2027", date(2027, 9, 22)),
        ];
        for (text, day) in cases {
            let due = Due::parse(text);
            assert!(matches!(due, Due::Period { .. }), "{text} → {due:?}");
            assert_eq!(due.deadline(), Some(day), "{text}");
            assert_eq!(
                due.to_input(),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn what_is_not_a_date_stays_text_without_a_deadline() {
        for text in [
            "demain",
            "32/13/2027",
            "04/15/2027",
            "31/02/2027",
            "13/2027",
            "ma 2027",
            "jui 2027",
            "T5 2027",
            "S54 2027",
            "dès que possible",
            "fin du mois",
            "T2",
        ] {
            let due = Due::parse(text);
            assert_eq!(due, Due::Text(text.into()), "{text}");
            assert!(due.is_undated());
            assert_eq!(last(text), None);
        }
    }

    #[test]
    fn to_input_reads_back() {
        for due in [
            Due::None,
            Due::Date(date(2027, 1, 5)),
            Due::Month(2027, 11),
            Due::parse("rentrée 2027"),
            Due::Text("quand le budget sera voté".into()),
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

    #[test]
    fn periods_sort_among_dates_by_their_last_day() {
        let mut dues = ["30/06/2027", "fin 2026", "T1 2027", "mars 2027"].map(Due::parse);
        dues.sort_by_key(Due::deadline);
        assert_eq!(
            dues.map(|d| d.to_input()),
            ["fin 2026", "T1 2027", "03/2027", "30/06/2027"]
        );
    }

    #[test]
    fn a_text_due_from_an_older_file_is_read_as_the_date_it_says() {
        let due: Due = ron::from_str(r#"Text("T2 2027")"#).unwrap();
        assert_eq!(due.deadline(), Some(date(2027, 6, 30)));
        let due: Due = ron::from_str(r#"Text("demain")"#).unwrap();
        assert_eq!(due, Due::Text("demain".into()));
        // And the new form writes and reads back.
        let period = Due::parse("S1 2027");
        let text = ron::to_string(&period).unwrap();
        assert_eq!(ron::from_str::<Due>(&text).unwrap(), period);
        assert_eq!(ron::from_str::<Due>("Unset").unwrap(), Due::None);
    }
}
