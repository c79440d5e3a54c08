//! The agenda: planned minutes per step, planned clock times, and how far ahead or behind
//! the workshop runs compared with the phase log.

use chrono::{Duration, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::{
    Timestamp,
    workshop::{Phase, Workshop},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    /// Planned start (clock time) of the first step after Préparation.
    #[serde(default)]
    pub start: Option<NaiveTime>,
    /// Minutes per theme presentation.
    pub presentation: u32,
    /// Minutes per round of groups.
    pub groups: u32,
    pub rotation: u32,
    /// Minutes per group restitution.
    pub restitution: u32,
    pub commitments: u32,
    /// Per-step exceptions to the minutes above.
    #[serde(default)]
    pub overrides: Vec<StepMinutes>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepMinutes {
    pub step: Phase,
    pub minutes: u32,
}

impl Default for Agenda {
    fn default() -> Self {
        Agenda {
            start: NaiveTime::from_hms_opt(9, 0, 0),
            presentation: 5,
            groups: 25,
            rotation: 5,
            restitution: 7,
            commitments: 15,
            overrides: Vec::new(),
        }
    }
}

/// One planned step: when it should start and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleItem {
    pub phase: Phase,
    pub start: NaiveTime,
    pub minutes: u32,
}

impl Agenda {
    /// Planned minutes of a step. Préparation and Clos are not timed.
    pub fn minutes_for(&self, phase: Phase) -> u32 {
        if let Some(o) = self.overrides.iter().find(|o| o.step == phase) {
            return o.minutes;
        }
        match phase {
            Phase::Preparation | Phase::Closed => 0,
            Phase::Presentation { .. } => self.presentation,
            Phase::Groups { .. } => self.groups,
            Phase::Rotation { .. } => self.rotation,
            Phase::Restitution { .. } => self.restitution,
            Phase::Commitments => self.commitments,
        }
    }

    /// Sets the minutes of one step, as an override (or back to the default).
    pub fn with_minutes(&self, phase: Phase, minutes: u32) -> Agenda {
        let mut a = self.clone();
        a.overrides.retain(|o| o.step != phase);
        let default = a.minutes_for(phase);
        if default != minutes {
            a.overrides.push(StepMinutes {
                step: phase,
                minutes,
            });
        }
        a
    }

    /// Planned clock times of every step from `start` (Préparation and Clos excluded).
    pub fn schedule(&self, steps: &[Phase], start: NaiveTime) -> Vec<ScheduleItem> {
        let mut clock = start;
        let mut out = Vec::new();
        for &phase in steps {
            if matches!(phase, Phase::Preparation) {
                continue;
            }
            let minutes = self.minutes_for(phase);
            out.push(ScheduleItem {
                phase,
                start: clock,
                minutes,
            });
            clock += Duration::minutes(i64::from(minutes));
        }
        out
    }

    /// Total planned minutes.
    pub fn total_minutes(&self, steps: &[Phase]) -> u32 {
        steps.iter().map(|&p| self.minutes_for(p)).sum()
    }
}

impl Workshop {
    /// Where the timed part of the workshop was planned to start: the agenda's start time on
    /// the workshop's date (or the day it actually started), else the moment it left
    /// Préparation.
    /// The agenda's clock times are read in the offset the workshop ran in (its log), so a
    /// file reopened on a machine in another time zone still compares right.
    fn planned_origin(&self, offset: chrono::FixedOffset) -> Option<Timestamp> {
        let left_preparation = self
            .log
            .iter()
            .find(|e| e.phase != Phase::Preparation)
            .map(|e| e.at);
        // The agenda's start time means something on the workshop's own date only: an
        // undated workshop starts when it leaves Préparation, whatever the hour.
        match (self.date, self.agenda.start) {
            (Some(day), Some(start)) => offset.from_local_datetime(&day.and_time(start)).single(),
            _ => left_preparation,
        }
    }

    /// Seconds behind the agenda (negative: ahead) at `now`, or None before the workshop
    /// started or after it closed.
    ///
    /// Delay = how late the current step began compared with its planned start, plus how
    /// far it has overrun its own planned duration so far.
    pub fn schedule_delta(&self, steps: &[Phase], now: Timestamp) -> Option<i64> {
        if matches!(self.phase, Phase::Preparation | Phase::Closed) {
            return None;
        }
        let entered = self.entered_current_at()?;
        let origin = self.planned_origin(*entered.offset())?;
        // Compared with another day's agenda (a rehearsal, a session reopened later) the
        // figure means nothing; so it does the day after (the example session, a rehearsal's
        // file reopened), and while the step's timer is a run left over from earlier.
        let today = now.with_timezone(origin.offset()).date_naive();
        if entered.date_naive() != origin.date_naive()
            || today != origin.date_naive()
            || self.timer.is_stale(now)
        {
            return None;
        }
        let mut offset = 0i64;
        let mut found = false;
        for &p in steps.iter().filter(|p| !matches!(p, Phase::Preparation)) {
            if p == self.phase {
                found = true;
                break;
            }
            offset += i64::from(self.agenda.minutes_for(p)) * 60;
        }
        if !found {
            return None;
        }
        let planned_start = origin + Duration::seconds(offset);
        let late_start = (entered - planned_start).num_seconds();
        let planned = i64::from(self.agenda.minutes_for(self.phase)) * 60;
        let overrun = ((now - entered).num_seconds() - planned).max(0);
        Some(late_start + overrun)
    }

    /// Actual seconds spent in each step, from the log (a step visited twice adds up).
    /// The current step counts up to `now`.
    pub fn actual_seconds(&self, now: Timestamp) -> Vec<(Phase, i64)> {
        let mut out: Vec<(Phase, i64)> = Vec::new();
        for (i, e) in self.log.iter().enumerate() {
            let end = self.log.get(i + 1).map(|n| n.at).unwrap_or(now);
            let secs = (end - e.at).num_seconds().max(0);
            if e.phase == Phase::Closed {
                continue;
            }
            match out.iter_mut().find(|(p, _)| *p == e.phase) {
                Some((_, total)) => *total += secs,
                None => out.push((e.phase, secs)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workshop::{LogEntry, steps};
    use chrono::{DateTime, NaiveDate};

    fn at(s: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2026-12-03T{s}+01:00")).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn schedule_gives_clock_times() {
        let agenda = Agenda::default();
        let steps = steps(2, 2, 2);
        let s = agenda.schedule(&steps, t(9, 0));
        let times: Vec<_> = s.iter().map(|i| (i.phase, i.start)).collect();
        assert_eq!(
            times,
            vec![
                (Phase::Presentation { theme: 1 }, t(9, 0)),
                (Phase::Presentation { theme: 2 }, t(9, 5)),
                (Phase::Groups { round: 1 }, t(9, 10)),
                (Phase::Rotation { to_round: 2 }, t(9, 35)),
                (Phase::Groups { round: 2 }, t(9, 40)),
                (Phase::Restitution { group: 1 }, t(10, 5)),
                (Phase::Restitution { group: 2 }, t(10, 12)),
                (Phase::Commitments, t(10, 19)),
                (Phase::Closed, t(10, 34)),
            ]
        );
        assert_eq!(agenda.total_minutes(&steps), 94);
    }

    #[test]
    fn overrides_change_one_step() {
        let a = Agenda::default().with_minutes(Phase::Presentation { theme: 2 }, 12);
        assert_eq!(a.minutes_for(Phase::Presentation { theme: 1 }), 5);
        assert_eq!(a.minutes_for(Phase::Presentation { theme: 2 }), 12);
        let back = a.with_minutes(Phase::Presentation { theme: 2 }, 5);
        assert_eq!(back, Agenda::default());
    }

    fn workshop_at(phase: Phase, entered: &str) -> Workshop {
        let mut w = Workshop::new(1);
        w.date = NaiveDate::from_ymd_opt(2026, 12, 3);
        w.phase = phase;
        w.log.push(LogEntry {
            at: at(entered),
            phase,
        });
        w
    }

    #[test]
    fn behind_when_a_step_starts_late_or_overruns() {
        let steps = steps(2, 2, 2);
        // Round 1 was planned at 09:10; entered at 09:14.
        let w = workshop_at(Phase::Groups { round: 1 }, "09:14:00");
        assert_eq!(w.schedule_delta(&steps, at("09:20:00")), Some(4 * 60));
        // 25 planned minutes: at 09:45 it has overrun by 6 minutes on top.
        assert_eq!(w.schedule_delta(&steps, at("09:45:00")), Some(10 * 60));
    }

    #[test]
    fn ahead_when_a_step_starts_early() {
        let steps = steps(2, 2, 2);
        let w = workshop_at(Phase::Rotation { to_round: 2 }, "09:30:00");
        assert_eq!(w.schedule_delta(&steps, at("09:31:00")), Some(-5 * 60));
    }

    #[test]
    fn no_delta_on_another_day() {
        let steps = steps(2, 2, 2);
        let mut w = workshop_at(Phase::Groups { round: 1 }, "09:14:00");
        w.date = NaiveDate::from_ymd_opt(2026, 12, 10);
        assert_eq!(w.schedule_delta(&steps, at("09:20:00")), None);
    }

    #[test]
    fn no_delta_when_reopened_another_day_or_with_a_forgotten_timer() {
        // The example: round 2 entered on its date at 09:57 and its timer left running.
        let steps = steps(2, 2, 2);
        let mut w = workshop_at(Phase::Groups { round: 1 }, "09:57:00");
        w.timer = crate::domain::Timer::new(25).started(at("09:57:00"));
        let days_later = DateTime::parse_from_rfc3339("2026-12-06T06:07:00+01:00").unwrap();
        assert_eq!(w.schedule_delta(&steps, days_later), None);
        // The same day, over two hours past the step's plan, no live figure either.
        assert_eq!(w.schedule_delta(&steps, at("12:30:00")), None);
        // An hour past it, the lateness is live and told.
        assert_eq!(
            w.schedule_delta(&steps, at("11:30:00")),
            Some((47 + 68) * 60)
        );
        // Stopped, the lateness is real and told however late.
        w.timer = w.timer.paused(at("09:58:00"));
        assert_eq!(
            w.schedule_delta(&steps, at("12:30:00")),
            Some((47 + 128) * 60)
        );
    }

    #[test]
    fn no_delta_in_preparation_or_without_log() {
        let steps = steps(2, 2, 2);
        let w = Workshop::new(1);
        assert_eq!(w.schedule_delta(&steps, at("09:31:00")), None);
        let mut w = Workshop::new(1);
        w.phase = Phase::Commitments;
        assert_eq!(w.schedule_delta(&steps, at("09:31:00")), None);
    }

    #[test]
    fn without_a_start_time_the_origin_is_leaving_preparation() {
        let steps = steps(2, 2, 2);
        let mut w = Workshop::new(1);
        w.agenda.start = None;
        w.log.push(LogEntry {
            at: at("14:00:00"),
            phase: Phase::Presentation { theme: 1 },
        });
        w.log.push(LogEntry {
            at: at("14:03:00"),
            phase: Phase::Presentation { theme: 2 },
        });
        w.phase = Phase::Presentation { theme: 2 };
        assert_eq!(w.schedule_delta(&steps, at("14:04:00")), Some(-2 * 60));
    }

    #[test]
    fn an_undated_workshop_is_on_time_when_it_starts_whatever_the_hour() {
        // A new session with no date, its agenda starting at 09:00 by default, run at 19:32:
        // not « 572 min de retard ».
        let steps = steps(2, 2, 2);
        let mut w = Workshop::new(1);
        assert!(w.date.is_none());
        w.phase = Phase::Presentation { theme: 1 };
        w.log.push(LogEntry {
            at: at("19:32:00"),
            phase: Phase::Presentation { theme: 1 },
        });
        assert_eq!(w.schedule_delta(&steps, at("19:33:00")), Some(0));
    }

    #[test]
    fn actual_seconds_add_up_revisits() {
        let mut w = workshop_at(Phase::Presentation { theme: 1 }, "09:00:00");
        for (p, s) in [
            (Phase::Presentation { theme: 2 }, "09:06:00"),
            (Phase::Presentation { theme: 1 }, "09:10:00"),
            (Phase::Presentation { theme: 2 }, "09:11:00"),
        ] {
            w.log.push(LogEntry {
                at: at(s),
                phase: p,
            });
        }
        assert_eq!(
            w.actual_seconds(at("09:12:00")),
            vec![
                (Phase::Presentation { theme: 1 }, 7 * 60),
                (Phase::Presentation { theme: 2 }, 5 * 60),
            ]
        );
    }
}
