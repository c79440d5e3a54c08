//! Suivi's Bilan view: which period it shows. The figures are `domain::bilan`'s, the same
//! as `atelier bilan`'s; `t` goes through the periods below.

use chrono::{Datelike, Months, NaiveDate};
use rust_i18n::t;

use crate::domain::Session;
use crate::domain::bilan::Period;

/// The periods the Bilan view offers, in the order `t` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// The whole démarche: from the start, up to today.
    #[default]
    All,
    /// This calendar year, 1 January to 31 December.
    Year,
    /// The last 12 months, today included.
    Twelve,
    /// Since the last annual plenary (offered when its date is set and past).
    SincePlenary,
}

impl Choice {
    /// The days it covers on `today`.
    pub fn period(self, s: &Session, today: NaiveDate) -> Period {
        match self {
            Choice::All => Period::default(),
            Choice::Year => Period {
                from: NaiveDate::from_ymd_opt(today.year(), 1, 1),
                to: NaiveDate::from_ymd_opt(today.year(), 12, 31),
            },
            Choice::Twelve => Period {
                from: today
                    .checked_sub_months(Months::new(12))
                    .and_then(|d| d.succ_opt()),
                to: Some(today),
            },
            Choice::SincePlenary => Period {
                from: plenary(s, today),
                to: None,
            },
        }
    }

    /// « toute la démarche », « année 2027 », « 12 derniers mois », « depuis la plénière
    /// annuelle ».
    pub fn label(self, today: NaiveDate) -> String {
        match self {
            Choice::All => t!("bilan.choice.all").into_owned(),
            Choice::Year => t!("bilan.choice.year", year = today.year()).into_owned(),
            Choice::Twelve => t!("bilan.choice.twelve").into_owned(),
            Choice::SincePlenary => t!("bilan.choice.plenary").into_owned(),
        }
    }

    /// The next period offered after this one (back to the first after the last).
    pub fn next(self, s: &Session, today: NaiveDate) -> Choice {
        let offered = offered(s, today);
        let at = offered.iter().position(|c| *c == self);
        at.and_then(|i| offered.get(i + 1))
            .copied()
            .unwrap_or_default()
    }
}

/// The annual plenary's day, when it is set and not after `today`.
fn plenary(s: &Session, today: NaiveDate) -> Option<NaiveDate> {
    s.annual_plenary.map(|w| w.date).filter(|d| *d <= today)
}

/// The periods offered on `today`: « depuis la plénière » only once there was one.
pub fn offered(s: &Session, today: NaiveDate) -> Vec<Choice> {
    let mut out = vec![Choice::All, Choice::Year, Choice::Twelve];
    if plenary(s, today).is_some() {
        out.push(Choice::SincePlenary);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::When;

    #[test]
    fn p_goes_through_the_periods_and_offers_the_plenary_once_it_is_past() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        let mut s = Session::new("T", "Z");
        let order = |s: &Session| {
            let mut c = Choice::All;
            let mut seen = vec![c];
            for _ in 0..4 {
                c = c.next(s, today);
                seen.push(c);
            }
            seen
        };
        use Choice::*;
        assert_eq!(order(&s), [All, Year, Twelve, All, Year]);
        s.annual_plenary = Some(When::day(NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()));
        assert_eq!(order(&s), [All, Year, Twelve, All, Year]);
        s.annual_plenary = Some(When::day(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()));
        assert_eq!(order(&s), [All, Year, Twelve, SincePlenary, All]);
        assert_eq!(
            SincePlenary.period(&s, today).from,
            s.annual_plenary.map(|w| w.date)
        );
        let twelve = Twelve.period(&s, today);
        assert_eq!(twelve.from, NaiveDate::from_ymd_opt(2026, 3, 16));
        assert_eq!(twelve.to, Some(today));
        let year = Year.period(&s, today);
        assert_eq!(year.to, NaiveDate::from_ymd_opt(2027, 12, 31));
    }
}
