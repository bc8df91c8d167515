//! The clock, injected so that tests and `replay` decide what time it is.

use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};

/// Something that tells the time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to (tests, replay).
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<Timestamp>>);

impl ManualClock {
    pub fn new(at: Timestamp) -> ManualClock {
        ManualClock(Arc::new(Mutex::new(at)))
    }

    /// Moves the clock to `at`; never backwards.
    pub fn set(&self, at: Timestamp) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if at > *now {
            *now = at;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The instants the bot handles: a runner's message outside them is refused
/// at the engine's door (a clock set to the year -9999 is a fault, not a
/// run), and the arithmetic below keeps the domain from panicking anyway.
pub const SANE_YEARS: std::ops::RangeInclusive<i16> = 1970..=9000;

/// Whether `at` falls within [`SANE_YEARS`] (UTC).
pub fn is_sane(at: Timestamp) -> bool {
    SANE_YEARS.contains(&at.to_zoned(jiff::tz::TimeZone::UTC).year())
}

/// `at - d`, held at the earliest instant instead of overflowing: a
/// runner's timestamp meeting a duration never panics.
pub fn before(at: Timestamp, d: SignedDuration) -> Timestamp {
    at.checked_sub(d).unwrap_or(if d.is_negative() {
        Timestamp::MAX
    } else {
        Timestamp::MIN
    })
}

/// `at + d`, held at the latest instant instead of overflowing.
pub fn after(at: Timestamp, d: SignedDuration) -> Timestamp {
    at.checked_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_holds_at_the_ends_of_time() {
        let week = SignedDuration::from_hours(24 * 7);
        assert_eq!(before(Timestamp::MIN, week), Timestamp::MIN);
        assert_eq!(after(Timestamp::MAX, week), Timestamp::MAX);
        let t: Timestamp = "2026-06-01T00:00:00Z".parse().unwrap();
        assert_eq!(after(before(t, week), week), t);
        assert!(is_sane(t));
        assert!(!is_sane("-009999-01-10T00:00:00Z".parse().unwrap()));
        assert!(!is_sane(Timestamp::MAX));
    }
}
