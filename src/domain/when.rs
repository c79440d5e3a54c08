//! When a meeting takes place: a day, and if known its start time and duration (1 h unless
//! said). Typed as « 12/01/2027 », « 12/01/2027 14:00 », « 12/01/2027 14h30 1h30 »,
//! « 12 janvier 2027 14h-16h », « 12/01/2027 9h 90 min ».

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize, Serializer};

use super::Due;

/// The duration of a meeting whose end was not given.
pub const DEFAULT_MINUTES: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(from = "StoredWhen")]
pub struct When {
    pub date: NaiveDate,
    /// None: the day only (an all-day event in a calendar).
    pub start: Option<NaiveTime>,
    pub minutes: u32,
}

/// A day alone is written as a plain date, as atelier always wrote it; with a time, as a
/// structure. Both are read.
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredWhen {
    Day(NaiveDate),
    Timed {
        date: NaiveDate,
        start: NaiveTime,
        #[serde(default = "default_minutes")]
        minutes: u32,
    },
}

#[derive(Serialize)]
struct Timed {
    date: NaiveDate,
    start: NaiveTime,
    minutes: u32,
}

fn default_minutes() -> u32 {
    DEFAULT_MINUTES
}

impl From<StoredWhen> for When {
    fn from(w: StoredWhen) -> When {
        match w {
            StoredWhen::Day(date) => When::day(date),
            StoredWhen::Timed {
                date,
                start,
                minutes,
            } => When {
                date,
                start: Some(start),
                minutes: minutes.clamp(1, 24 * 60),
            },
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.start {
            None => self.date.serialize(s),
            Some(start) => Timed {
                date: self.date,
                start,
                minutes: self.minutes,
            }
            .serialize(s),
        }
    }
}

impl When {
    pub fn day(date: NaiveDate) -> When {
        When {
            date,
            start: None,
            minutes: DEFAULT_MINUTES,
        }
    }

    /// The start and the end, for a meeting with a time.
    pub fn span(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let start = self.date.and_time(self.start?);
        // Checked: a hand-edited file may hold a date at the end of the calendar.
        let end = start.checked_add_signed(Duration::minutes(i64::from(self.minutes)))?;
        Some((start, end))
    }

    /// The whole text is one day, read as a meeting's day is (« 14/01/2027 », « 2027-01-14 »,
    /// « 14 janvier 2027 », « le 1er mars 2027 »): for the dates of a workshop or a rencontre.
    pub fn parse_day(text: &str) -> Option<NaiveDate> {
        match When::parse(text)? {
            When {
                date, start: None, ..
            } => Some(date),
            _ => None,
        }
    }

    /// The whole text is a meeting's date (and time).
    pub fn parse(text: &str) -> Option<When> {
        let (when, rest) = When::parse_prefix(text)?;
        rest.is_empty().then_some(when)
    }

    /// A date, then optionally a time and a duration, at the start of `text`; the rest (a
    /// note, for the log of meetings) is returned trimmed.
    pub fn parse_prefix(text: &str) -> Option<(When, String)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        // The longest run of words that is one day: « 12/01/2027 », « le 12 janvier 2027 ».
        let (date, mut used) = (1..=words.len().min(4)).rev().find_map(|n| {
            match Due::parse(&words.get(..n)?.join(" ")) {
                Due::Date(d) => Some((d, n)),
                _ => None,
            }
        })?;
        let mut when = When::day(date);
        let rest = |used: usize| words.get(used..).unwrap_or_default();
        if let Some((start, end, n)) = time_range(rest(used)) {
            when.start = Some(start);
            used += n;
            if let Some(end) = end {
                when.minutes = minutes_between(start, end)?;
            } else if let Some((minutes, n)) = duration(rest(used)) {
                when.minutes = minutes;
                used += n;
            }
        }
        Some((when, rest(used).join(" ")))
    }

    /// A canonical text that [`When::parse`] reads back: « 12/01/2027 14:00 1h30 ».
    pub fn to_input(&self) -> String {
        let day = self.date.format("%d/%m/%Y").to_string();
        let Some(start) = self.start else {
            return day;
        };
        let time = start.format("%H:%M");
        if self.minutes == DEFAULT_MINUTES {
            format!("{day} {time}")
        } else {
            let (h, m) = (self.minutes / 60, self.minutes % 60);
            let length = match (h, m) {
                (0, m) => format!("{m}min"),
                (h, 0) => format!("{h}h"),
                (h, m) => format!("{h}h{m:02}"),
            };
            format!("{day} {time} {length}")
        }
    }
}

/// « 14:00 », « 14h », « 14h30 », then optionally its end: « 14h-16h », « 14:00 – 16:00 »,
/// « 14h à 16h ». Returns the start, the end, and how many words were read.
fn time_range(words: &[&str]) -> Option<(NaiveTime, Option<NaiveTime>, usize)> {
    let first = *words.first()?;
    if let Some((a, b)) = first.split_once(['-', '–'])
        && !b.is_empty()
    {
        return Some((clock(a)?, Some(clock(b)?), 1));
    }
    let start = clock(first.trim_end_matches(['-', '–']))?;
    if let [_, "-" | "–" | "à" | "a" | "to", end, ..] = words
        && let Some(end) = clock(end)
    {
        return Some((start, Some(end), 3));
    }
    Some((start, None, 1))
}

/// « 14:00 », « 9:30 », « 14h », « 14h30 », « 14 h »-less forms only (one word).
fn clock(w: &str) -> Option<NaiveTime> {
    let (h, m) = w.split_once([':', 'h', 'H'])?;
    if h.is_empty() || h.len() > 2 || !h.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !(m.is_empty() || (m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()))) {
        return None;
    }
    let m = if m.is_empty() { 0 } else { m.parse().ok()? };
    NaiveTime::from_hms_opt(h.parse().ok()?, m, 0)
}

/// « 1h », « 1h30 », « 90min », « 90 min », « 45mn »: minutes, and how many words.
fn duration(words: &[&str]) -> Option<(u32, usize)> {
    let first = words.first()?.to_lowercase();
    let (minutes, n) = if let Some(n) = first
        .strip_suffix("min")
        .or_else(|| first.strip_suffix("mn"))
    {
        (n.parse::<u32>().ok()?, 1)
    } else if first.chars().all(|c| c.is_ascii_digit())
        && matches!(
            words.get(1).map(|w| w.to_lowercase()).as_deref(),
            Some("min" | "mn" | "minutes")
        )
    {
        (first.parse::<u32>().ok()?, 2)
    } else {
        let (h, m) = first.split_once('h')?;
        let h: u32 = h.parse().ok()?;
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        if m >= 60 {
            return None;
        }
        (h * 60 + m, 1)
    };
    (1..=24 * 60).contains(&minutes).then_some((minutes, n))
}

fn minutes_between(start: NaiveTime, end: NaiveTime) -> Option<u32> {
    let minutes = |t: NaiveTime| t.hour() * 60 + t.minute();
    minutes(end).checked_sub(minutes(start)).filter(|m| *m > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, minutes: u32) -> When {
        When {
            date: day(y, mo, d),
            start: NaiveTime::from_hms_opt(h, mi, 0),
            minutes,
        }
    }

    #[test]
    fn a_day_a_time_and_a_duration_as_people_type_them() {
        assert_eq!(When::parse("12/01/2027"), Some(When::day(day(2027, 1, 12))));
        assert_eq!(When::parse("2027-01-12"), Some(When::day(day(2027, 1, 12))));
        assert_eq!(
            When::parse("12 janvier 2027"),
            Some(When::day(day(2027, 1, 12)))
        );
        assert_eq!(
            When::parse("12/01/2027 14:00"),
            Some(at(2027, 1, 12, 14, 0, 60))
        );
        assert_eq!(
            When::parse("12/01/2027 14h"),
            Some(at(2027, 1, 12, 14, 0, 60))
        );
        assert_eq!(
            When::parse("12/01/2027 9h30"),
            Some(at(2027, 1, 12, 9, 30, 60))
        );
        assert_eq!(
            When::parse("12/01/2027 14:00 2h"),
            Some(at(2027, 1, 12, 14, 0, 120))
        );
        assert_eq!(
            When::parse("12/01/2027 14h 1h30"),
            Some(at(2027, 1, 12, 14, 0, 90))
        );
        assert_eq!(
            When::parse("12/01/2027 14h 90 min"),
            Some(at(2027, 1, 12, 14, 0, 90))
        );
        assert_eq!(
            When::parse("12/01/2027 14h 45mn"),
            Some(at(2027, 1, 12, 14, 0, 45))
        );
        assert_eq!(
            When::parse("12/01/2027 14h-16h"),
            Some(at(2027, 1, 12, 14, 0, 120))
        );
        assert_eq!(
            When::parse("le 12 janvier 2027 14:00 – 15:30"),
            Some(at(2027, 1, 12, 14, 0, 90))
        );
        assert_eq!(
            When::parse("12/01/2027 14h à 16h"),
            Some(at(2027, 1, 12, 14, 0, 120))
        );
    }

    #[test]
    fn a_day_alone_is_read_like_a_meeting_day() {
        for text in [
            "14/01/2027",
            "2027-01-14",
            "14 janvier 2027",
            "le 14 janvier 2027",
            "14 Jan 2027",
            "January 14, 2027",
        ] {
            assert_eq!(When::parse_day(text), Some(day(2027, 1, 14)), "{text}");
        }
        for text in ["", "janvier 2027", "14/01/2027 14h", "demain", "31/02/2027"] {
            assert_eq!(When::parse_day(text), None, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_meeting_time_is_refused() {
        for text in [
            "",
            "demain",
            "T2 2027",
            "12/01/2027 25:00",
            "12/01/2027 14h-13h",
            "12/01/2027 14:00 0h",
            "12/01/2027 14:7",
            "12/01/2027 midi",
        ] {
            assert_eq!(When::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_logged_meeting_keeps_its_note_after_the_date() {
        assert_eq!(
            When::parse_prefix("20/03/2027 10h 2h convention signée"),
            Some((at(2027, 3, 20, 10, 0, 120), "convention signée".into()))
        );
        assert_eq!(
            When::parse_prefix("20/03/2027 visite du site"),
            Some((When::day(day(2027, 3, 20)), "visite du site".into()))
        );
    }

    #[test]
    fn to_input_reads_back_and_the_file_form_too() {
        for w in [
            When::day(day(2027, 1, 12)),
            at(2027, 1, 12, 14, 0, 60),
            at(2027, 1, 12, 9, 30, 90),
            at(2027, 1, 12, 9, 30, 45),
            at(2027, 1, 12, 9, 30, 120),
        ] {
            assert_eq!(When::parse(&w.to_input()), Some(w), "{}", w.to_input());
            let text = ron::to_string(&w).unwrap();
            assert_eq!(ron::from_str::<When>(&text).unwrap(), w, "{text}");
        }
        // A day alone is written as before, so older files and older ateliers read it.
        assert_eq!(
            ron::to_string(&When::day(day(2027, 1, 12))).unwrap(),
            "\"2027-01-12\""
        );
        let timed: When = ron::from_str(r#"(date: "2027-01-12", start: "14:00:00")"#).unwrap();
        assert_eq!(timed, at(2027, 1, 12, 14, 0, 60));
    }

    #[test]
    fn a_timed_meeting_spans_its_duration() {
        let (start, end) = at(2027, 1, 12, 23, 30, 60).span().unwrap();
        assert_eq!(start.date(), day(2027, 1, 12));
        assert_eq!(end.date(), day(2027, 1, 13));
        assert_eq!(When::day(day(2027, 1, 12)).span(), None);
    }
}
