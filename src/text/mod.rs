//! Words and dates in the UI language, shared by the CLI and the terminal UI.

use chrono::NaiveDate;
use rust_i18n::t;

use crate::domain::{Due, Phase, Session, Workshop, workshop::PhaseKind};

pub mod zone;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language in effect (set once at start-up).
    pub fn current() -> Lang {
        if &*rust_i18n::locale() == "en" {
            Lang::En
        } else {
            Lang::Fr
        }
    }

    pub fn set(self) {
        rust_i18n::set_locale(self.code());
    }

    fn chrono_locale(self) -> chrono::Locale {
        match self {
            Lang::Fr => chrono::Locale::fr_FR,
            Lang::En => chrono::Locale::en_GB,
        }
    }
}

/// "3 décembre 2026" / "3 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format_localized("%-d %B %Y", Lang::current().chrono_locale())
        .to_string()
}

/// A meeting: « 12 janvier 2027 », « 12 janvier 2027, 14 h – 15 h 30 » / "12 January 2027,
/// 14:00–15:30".
pub fn when(w: &crate::domain::When) -> String {
    let day = long_date(w.date);
    match w.span() {
        None => day,
        Some((start, end)) => {
            let (a, b) = (clock(start.time()), clock(end.time()));
            match Lang::current() {
                Lang::Fr => format!("{day}, {a} – {b}"),
                Lang::En => format!("{day}, {a}–{b}"),
            }
        }
    }
}

/// « 14 h », « 9 h 30 » (with non-breaking spaces) / "14:00".
fn clock(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    match (Lang::current(), t.minute()) {
        (Lang::Fr, 0) => format!("{}\u{a0}h", t.hour()),
        (Lang::Fr, m) => format!("{}\u{a0}h\u{a0}{m:02}", t.hour()),
        (Lang::En, _) => t.format("%H:%M").to_string(),
    }
}

/// A first name and an initial, for narrow places: « Karim Benali » → « Karim B. ».
pub fn short_name(name: &str) -> String {
    let mut parts = name.split_whitespace();
    let first = parts.next().unwrap_or_default();
    match parts.last().and_then(|l| l.chars().next()) {
        Some(c) => format!("{first} {c}."),
        None => first.to_string(),
    }
}

/// « jeudi » / "Thursday": to read a typed date back with its day of the week.
pub fn weekday(date: NaiveDate) -> String {
    date.format_localized("%A", Lang::current().chrono_locale())
        .to_string()
}

/// "3 déc. 2026" / "3 Dec 2026".
pub fn short_date(date: NaiveDate) -> String {
    date.format_localized("%-d %b %Y", Lang::current().chrono_locale())
        .to_string()
}

/// "mars 2027" / "March 2027".
/// A month in a few letters that tell every month apart (« juin », « juil. »), for ticks.
pub fn short_month(month: u32) -> &'static str {
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = match Lang::current() {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    month
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .unwrap_or("?")
}

pub fn month_year(year: i32, month: u32) -> String {
    match NaiveDate::from_ymd_opt(year, month, 1) {
        Some(d) => d
            .format_localized("%B %Y", Lang::current().chrono_locale())
            .to_string(),
        None => format!("{month:02}/{year}"),
    }
}

pub fn due(due: &Due) -> String {
    match due {
        Due::None => String::new(),
        Due::Date(d) => short_date(*d),
        Due::Month(y, m) => month_year(*y, *m),
        Due::Period { text, .. } | Due::Text(text) => text.clone(),
    }
}

pub fn phase_kind(kind: PhaseKind) -> String {
    t!(kind.label_key()).into_owned()
}

/// "Groupes de travail · tour 2/3", "Présentation · thème 1/4", "Engagements".
pub fn phase(session: &Session, workshop: &Workshop, phase: Phase) -> String {
    let name = phase_kind(phase.kind());
    let n_themes = session.themes_in(workshop).len();
    let n_groups = session.groups_in(workshop).len();
    let rounds = workshop.round_count;
    match phase {
        Phase::Presentation { theme } => format!(
            "{name} · {}",
            t!("phase.step_theme", k = theme, n = n_themes)
        ),
        Phase::Groups { round } => {
            format!("{name} · {}", t!("phase.step_round", k = round, n = rounds))
        }
        Phase::Rotation { to_round } => {
            format!("{name} · {}", t!("phase.step_to_round", k = to_round))
        }
        Phase::Restitution { group } => format!(
            "{name} · {}",
            t!("phase.step_group", k = group, n = n_groups)
        ),
        _ => name,
    }
}

/// « 3 besoins », « 1 offre », « 2 synergies »: entries of the catalogue of one kind.
pub fn need_count(kind: crate::domain::NeedKind, n: usize) -> String {
    use crate::domain::NeedKind;
    match kind {
        NeedKind::Need => count(n, "words.needs"),
        NeedKind::Offer => count(n, "words.offers"),
        NeedKind::Lead => count(n, "words.leads"),
        NeedKind::Synergy => count(n, "words.synergies"),
    }
}

/// « 3 besoins, 2 offres, 1 piste, 1 synergie »: the kinds present among `needs`, each
/// counted, in the catalogue's order; empty when there is none.
pub fn need_counts<'a>(needs: impl IntoIterator<Item = &'a crate::domain::Need>) -> String {
    let kinds: Vec<crate::domain::NeedKind> = needs.into_iter().map(|n| n.kind).collect();
    crate::domain::NeedKind::ALL
        .iter()
        .map(|k| (*k, kinds.iter().filter(|x| *x == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| need_count(k, n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Plural-aware count: "1 ligne", "3 lignes"; in French 0 is singular too ("0 inscrit").
pub fn count(n: usize, key: &str) -> String {
    t!(plural(n, key), n = n).into_owned()
}

/// A whole number for reading: « 48 210 » in French (thousands grouped by a no-break
/// space, as every figure the app writes), "48,210" in English.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let sep = match Lang::current() {
        Lang::Fr => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A share in whole percent: « 18 % » (a no-break space in French), "18%".
pub fn percent(n: u32) -> String {
    match Lang::current() {
        Lang::Fr => format!("{n}\u{a0}%"),
        Lang::En => format!("{n}%"),
    }
}

/// An area: « 42,5 ha » (a decimal comma in French, a no-break space before the unit),
/// "42.5 ha"; at most two decimals, none trailing.
pub fn hectares(ha: f64) -> String {
    let mut n = format!("{ha:.2}");
    while n.ends_with('0') {
        n.pop();
    }
    if n.ends_with('.') {
        n.pop();
    }
    let (int, frac) = n.split_once('.').unwrap_or((n.as_str(), ""));
    let int = int
        .parse::<u64>()
        .map(number)
        .unwrap_or_else(|_| int.to_string());
    let comma = if Lang::current() == Lang::Fr {
        ","
    } else {
        "."
    };
    let figure = if frac.is_empty() {
        int
    } else {
        format!("{int}{comma}{frac}")
    };
    format!("{figure}\u{a0}ha")
}

/// `text` cut to `max` characters, the cut marked with « … ».
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A quotation: « texte » with non-breaking spaces in French, “text” in English.
pub fn quoted(text: &str) -> String {
    match Lang::current() {
        Lang::Fr => format!("«\u{a0}{text}\u{a0}»"),
        Lang::En => format!("“{text}”"),
    }
}

/// « label : value » (with a non-breaking space) in French, "label: value" in English.
pub fn label(label: &str, value: &str) -> String {
    match Lang::current() {
        // A non-breaking space: the colon never starts a line.
        Lang::Fr => format!("{label}\u{a0}: {value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// The key of the right form, `KEY.one` or `KEY.many`, for strings with more than `n`.
pub fn plural(n: usize, key: &str) -> String {
    let singular = n == 1 || (n == 0 && Lang::current() == Lang::Fr);
    format!("{key}.{}", if singular { "one" } else { "many" })
}

/// The planner's result: wishes, balance, repeated encounters, against the fewest possible
/// (`rotation::repeat_lower_bound`) and a random draw: « vœux : 100 % · écart de taille max : 1
/// · rencontres répétées : 7 (minimum possible : 4 ; tirage au hasard : 41) ».
pub fn rotation_metrics(
    m: &crate::domain::rotation::Metrics,
    baseline: usize,
    bound: usize,
) -> String {
    let pct = (m.honoured * 100).checked_div(m.wishes).unwrap_or(100);
    t!(
        "rotation.metrics",
        pct = pct,
        honoured = m.honoured,
        wishes = m.wishes,
        spread = m.spread,
        repeats = m.repeats,
        bound = bound,
        baseline = baseline
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number_in_both_languages() {
        Lang::Fr.set();
        assert_eq!(count(1, "rotation.violations"), "1 règle non respectée");
        assert_eq!(count(3, "rotation.violations"), "3 règles non respectées");
        assert_eq!(count(0, "followup.count"), "0 ligne");
        assert_eq!(count(1, "groups.seated"), "1 personne à table");
        assert!(count(1, "rotation.live_missing").starts_with("1 place non attribuée"));
        // English: tests/locales.rs (switching the language here would race other tests).
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        Lang::Fr.set();
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1\u{a0}000");
        assert_eq!(number(48210), "48\u{a0}210");
        assert_eq!(number(1234567), "1\u{a0}234\u{a0}567");
        assert_eq!(hectares(42.5), "42,5\u{a0}ha");
        assert_eq!(hectares(1200.0), "1\u{a0}200\u{a0}ha");
        assert_eq!(hectares(0.5), "0,5\u{a0}ha");
    }
}
