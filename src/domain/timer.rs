//! A countdown computed from stored timestamps, so it shows the right time after a save,
//! a reload or a crash. Every function takes `now` from the caller.

use serde::{Deserialize, Serialize};

use super::Timestamp;

/// How far past its planned length a run started the same day stops being a live overrun.
pub const STALE_OVERTIME_SECS: i64 = 2 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Timer {
    /// Planned duration of the current step, in seconds (changed by ±1 minute).
    pub planned_secs: i64,
    /// Seconds run before the last pause.
    #[serde(default)]
    pub elapsed_secs: i64,
    /// Set while running: when the current run started.
    #[serde(default)]
    pub running_since: Option<Timestamp>,
}

/// What the timer shows at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    /// Time left, in seconds (0 included).
    Remaining(i64),
    /// Seconds past the planned duration.
    Overtime(i64),
}

impl Timer {
    pub fn new(planned_minutes: u32) -> Self {
        Timer {
            planned_secs: i64::from(planned_minutes) * 60,
            elapsed_secs: 0,
            running_since: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// A run left over rather than live: still running, past its planned length, and
    /// started on another day or more than two hours past its plan (the example session, a
    /// rehearsal reopened later). It is shown stopped, neither rings nor counts as lateness,
    /// and Space starts the step afresh; the file keeps it as it is until then.
    pub fn is_stale(&self, now: Timestamp) -> bool {
        let Some(since) = self.running_since else {
            return false;
        };
        let over = self.remaining_secs(now).saturating_neg();
        let other_day = now.with_timezone(since.offset()).date_naive() != since.date_naive();
        over > 0 && (other_day || over > STALE_OVERTIME_SECS)
    }

    /// The step's timer as it would be shown: the stopped timer of a stale run.
    pub fn live(&self, now: Timestamp) -> Timer {
        if self.is_stale(now) {
            Timer::with_secs(self.planned_secs)
        } else {
            self.clone()
        }
    }

    fn with_secs(planned_secs: i64) -> Timer {
        Timer {
            planned_secs,
            elapsed_secs: 0,
            running_since: None,
        }
    }

    /// Seconds run so far. A clock that went backwards counts as no time.
    pub fn elapsed(&self, now: Timestamp) -> i64 {
        let running = self
            .running_since
            .map(|since| (now - since).num_seconds().max(0))
            .unwrap_or(0);
        self.elapsed_secs.saturating_add(running)
    }

    /// Signed seconds left: negative in overtime.
    pub fn remaining_secs(&self, now: Timestamp) -> i64 {
        self.planned_secs.saturating_sub(self.elapsed(now))
    }

    pub fn state(&self, now: Timestamp) -> TimerState {
        let left = self.remaining_secs(now);
        if left >= 0 {
            TimerState::Remaining(left)
        } else {
            TimerState::Overtime(left.saturating_neg())
        }
    }

    /// Fraction of the planned time left, 0.0 to 1.0 (0.0 in overtime or with no plan).
    pub fn fraction_left(&self, now: Timestamp) -> f64 {
        if self.planned_secs <= 0 {
            return 0.0;
        }
        (self.remaining_secs(now).max(0) as f64 / self.planned_secs as f64).clamp(0.0, 1.0)
    }

    pub fn started(&self, now: Timestamp) -> Timer {
        let mut t = self.clone();
        if t.running_since.is_none() {
            t.running_since = Some(now);
        }
        t
    }

    pub fn paused(&self, now: Timestamp) -> Timer {
        let mut t = self.clone();
        t.elapsed_secs = self.elapsed(now);
        t.running_since = None;
        t
    }

    /// Start or pause; a stale run (see `is_stale`) starts again from the planned length.
    pub fn toggled(&self, now: Timestamp) -> Timer {
        if self.is_stale(now) {
            Timer::with_secs(self.planned_secs).started(now)
        } else if self.is_running() {
            self.paused(now)
        } else {
            self.started(now)
        }
    }

    /// Adds (or with a negative value removes) whole minutes to the planned duration;
    /// the plan never goes below zero.
    pub fn adjusted(&self, minutes: i64) -> Timer {
        let mut t = self.clone();
        t.planned_secs = self.planned_secs.saturating_add(minutes * 60).max(0);
        t
    }

    /// The timer for a new step: the step's planned duration, nothing elapsed, and still
    /// running if it was running (the facilitator starts it once and moves on with the clicker);
    /// a stale run counts as stopped.
    pub fn reset_for_step(&self, planned_minutes: u32, now: Timestamp) -> Timer {
        let fresh = Timer::new(planned_minutes);
        if self.is_running() && !self.is_stale(now) {
            fresh.started(now)
        } else {
            fresh
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn at(s: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2026-12-03T{s}+01:00")).unwrap()
    }

    #[test]
    fn counts_down_while_running_only() {
        let t = Timer::new(10);
        assert_eq!(t.state(at("09:00:00")), TimerState::Remaining(600));
        let t = t.started(at("09:00:00"));
        assert_eq!(t.state(at("09:01:30")), TimerState::Remaining(510));
        let t = t.paused(at("09:02:00"));
        assert_eq!(t.elapsed_secs, 120);
        // Time passing while paused does not count.
        assert_eq!(t.state(at("09:30:00")), TimerState::Remaining(480));
        let t = t.started(at("09:30:00"));
        assert_eq!(t.state(at("09:31:00")), TimerState::Remaining(420));
    }

    #[test]
    fn start_twice_keeps_the_first_start() {
        let t = Timer::new(5).started(at("09:00:00"));
        let t2 = t.started(at("09:03:00"));
        assert_eq!(t, t2);
        let p = Timer::new(5).paused(at("09:00:00"));
        assert_eq!(p.elapsed_secs, 0);
    }

    #[test]
    fn minutes_added_and_removed_with_overtime() {
        let t = Timer::new(2).started(at("09:00:00"));
        assert_eq!(t.state(at("09:02:00")), TimerState::Remaining(0));
        assert_eq!(t.state(at("09:02:45")), TimerState::Overtime(45));
        let t = t.adjusted(1);
        assert_eq!(t.state(at("09:02:45")), TimerState::Remaining(15));
        let t = t.adjusted(-5);
        assert_eq!(t.planned_secs, 0);
        assert_eq!(t.state(at("09:02:45")), TimerState::Overtime(165));
        assert_eq!(t.fraction_left(at("09:02:45")), 0.0);
    }

    #[test]
    fn survives_a_reload_in_the_middle() {
        let t = Timer::new(15)
            .started(at("10:00:00"))
            .paused(at("10:04:00"));
        let t = t.started(at("10:05:00"));
        // What a save writes and a reload reads back is just the struct.
        let text = ron::to_string(&t).unwrap();
        let back: Timer = ron::from_str(&text).unwrap();
        assert_eq!(back, t);
        assert_eq!(
            back.state(at("10:10:00")),
            TimerState::Remaining(15 * 60 - 9 * 60)
        );
    }

    #[test]
    fn clock_going_backwards_counts_nothing() {
        let t = Timer::new(1).started(at("10:00:00"));
        assert_eq!(t.state(at("09:59:00")), TimerState::Remaining(60));
    }

    #[test]
    fn reset_for_step_keeps_running_state() {
        let running = Timer::new(10).started(at("10:00:00"));
        let next = running.reset_for_step(5, at("10:07:00"));
        assert_eq!(next.state(at("10:08:00")), TimerState::Remaining(240));
        let paused = Timer::new(10);
        let next = paused.reset_for_step(5, at("10:07:00"));
        assert!(!next.is_running());
        assert_eq!(next.planned_secs, 300);
    }

    #[test]
    fn a_run_from_another_day_or_hours_over_is_stale_until_restarted() {
        // The example session: round 2 started on 3 December at 09:57, opened days later.
        let t = Timer::new(25).started(at("09:57:00"));
        let later = DateTime::parse_from_rfc3339("2026-12-06T06:07:00+01:00").unwrap();
        assert!(t.is_stale(later));
        assert_eq!(t.live(later).state(later), TimerState::Remaining(25 * 60));
        assert!(!t.live(later).is_running());
        // Space starts the step afresh rather than pausing at +4000 minutes.
        let restarted = t.toggled(later);
        assert_eq!(restarted.state(later), TimerState::Remaining(25 * 60));
        assert!(restarted.is_running() && !restarted.is_stale(later));
        // The next step does not inherit the forgotten run.
        assert!(!t.reset_for_step(5, later).is_running());
        // The same day: a live overrun stays one for two hours, then is stale.
        assert!(!t.is_stale(at("10:30:00")));
        assert_eq!(t.state(at("10:30:00")), TimerState::Overtime(8 * 60));
        assert!(!t.is_stale(at("12:22:00")));
        assert!(t.is_stale(at("12:23:00")));
        // Past midnight within its plan, a run is live; a paused timer is never stale.
        let late = Timer::new(25).started(at("23:50:00"));
        let after = DateTime::parse_from_rfc3339("2026-12-04T00:05:00+01:00").unwrap();
        assert!(!late.is_stale(after));
        assert!(!t.paused(at("10:30:00")).is_stale(later));
    }

    #[test]
    fn fraction_left() {
        let t = Timer::new(10).started(at("10:00:00"));
        assert!((t.fraction_left(at("10:08:00")) - 0.2).abs() < 1e-9);
    }
}
