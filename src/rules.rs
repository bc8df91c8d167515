//! One home for each training rule and for the runner's calendar.
//!
//! The coach, the reminders, the clubs, the engine and the slash options all
//! ask the same questions: is this a long run, how many running days in a
//! row, is this runner older, is this a plausible age, what is the runner's
//! zone and local day. They used to answer them each in their own way and
//! disagreed (an untimed 16 km run earned the coach's rest note but no
//! rest-day reminder; valid ages were 10–100 in one place and 5–110 in
//! another). Every answer lives here now, so a threshold changes in one line.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::model::Effort;
use crate::model::{LogEntry, Profile, RunLog};

/// A run of at least this many minutes, timed or estimated from its distance
/// at the runner's usual pace, is a long run.
pub const LONG_RUN_MINUTES: f64 = 90.0;
/// The pace assumed for a runner who never gave both a distance and a time
/// (6:00 per km: an easy pace for many recreational runners).
pub const DEFAULT_PACE_S_PER_KM: f64 = 360.0;
/// Minutes assumed for a run with neither distance nor time ("did intervals").
pub const DEFAULT_MINUTES: f64 = 30.0;
/// Running days in a row after which a rest day is due.
pub const REST_AFTER_RUNNING_DAYS: u32 = 6;
/// Runners older than this recover more slowly (the coach's estimates grow,
/// its rest notes say so).
pub const OLDER_AGE: u8 = 50;
/// Ages a runner can give. Discord's own minimum age is 13; a younger child
/// logging with a parent is still plausible, a three-digit "age" is a typo.
pub const AGES: RangeInclusive<u8> = 10..=110;

/// How long a run took: its time when given, else its distance at
/// `pace_s_per_km`, else [`DEFAULT_MINUTES`].
pub fn estimated_minutes(run: &RunLog, pace_s_per_km: f64) -> f64 {
    match (run.duration_s, run.distance_m) {
        (Some(t), _) => f64::from(t) / 60.0,
        (None, Some(d)) => d / 1000.0 * pace_s_per_km / 60.0,
        (None, None) => DEFAULT_MINUTES,
    }
}

/// A long run: called long by the runner, or [`LONG_RUN_MINUTES`] and more.
pub fn is_long_run(run: &RunLog, pace_s_per_km: f64) -> bool {
    run.effort == Some(Effort::Long) || estimated_minutes(run, pace_s_per_km) >= LONG_RUN_MINUTES
}

/// Whether an age counts as older for recovery.
pub fn is_older(age: Option<u8>) -> bool {
    age.is_some_and(|a| a > OLDER_AGE)
}

/// A time zone by its IANA name (surrounding spaces ignored), if this build
/// knows it.
pub fn zone_named(name: &str) -> Option<TimeZone> {
    TimeZone::get(name.trim()).ok()
}

/// The zone of `name`, and whether it is really that one: UTC when there is
/// no name or one this build no longer knows (logged, since a profile or a
/// club once held it).
pub fn zone_or_utc(name: Option<&str>) -> (TimeZone, bool) {
    let Some(name) = name else {
        return (TimeZone::UTC, false);
    };
    match zone_named(name) {
        Some(tz) => (tz, true),
        None => {
            tracing::warn!(
                zone = name,
                "unknown time zone in stored settings; using UTC"
            );
            (TimeZone::UTC, false)
        }
    }
}

/// The runner's time zone; UTC when unset or unknown.
pub fn runner_zone(profile: &Profile) -> TimeZone {
    zone_or_utc(profile.time_zone.as_deref()).0
}

/// The local calendar day of an instant.
pub fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(at).date()
}

/// Local days that hold a run, and local days that hold a rest day.
pub fn active_days(entries: &[LogEntry], tz: &TimeZone) -> (BTreeSet<Date>, BTreeSet<Date>) {
    let mut runs = BTreeSet::new();
    let mut rests = BTreeSet::new();
    for e in entries {
        let day = local_date(e.at, tz);
        if e.run.is_some() {
            runs.insert(day);
        }
        if e.rest.is_some() {
            rests.insert(day);
        }
    }
    (runs, rests)
}

/// Running days in a row ending on `day`, stopped by a gap or a rest day.
pub fn running_streak(runs: &BTreeSet<Date>, rests: &BTreeSet<Date>, day: Date) -> u32 {
    let mut day = day;
    let mut count = 0;
    while runs.contains(&day) && !rests.contains(&day) {
        count += 1;
        match day.yesterday() {
            Ok(d) => day = d,
            Err(_) => break,
        }
    }
    count
}

/// Running days in a row ending `today` (local), from a runner's logs.
pub fn running_days_in_a_row(entries: &[LogEntry], today: Date, tz: &TimeZone) -> u32 {
    let (runs, rests) = active_days(entries, tz);
    running_streak(&runs, &rests, today)
}

/// The consistency streak: days in a row with a run or a planned rest day,
/// ending today, or yesterday when today has nothing logged yet.
pub fn consistency_streak(entries: &[LogEntry], today: Date, tz: &TimeZone) -> u32 {
    let (runs, rests) = active_days(entries, tz);
    let kept = |d: &Date| runs.contains(d) || rests.contains(d);
    let mut day = today;
    if !kept(&day) {
        match day.yesterday() {
            Ok(d) => day = d,
            Err(_) => return 0,
        }
    }
    let mut count = 0;
    while kept(&day) {
        count += 1;
        match day.yesterday() {
            Ok(d) => day = d,
            Err(_) => break,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(km: Option<f64>, minutes: Option<u32>, effort: Option<Effort>) -> RunLog {
        RunLog {
            distance_m: km.map(|k| k * 1000.0),
            duration_s: minutes.map(|m| m * 60),
            effort,
            conditions: Vec::new(),
            ..RunLog::default()
        }
    }

    #[test]
    fn a_long_run_is_ninety_minutes_timed_or_estimated() {
        let pace = DEFAULT_PACE_S_PER_KM;
        // The case the coach and the reminders used to disagree on: 16 km
        // with no time is 96 minutes at 6:00/km.
        assert!(is_long_run(&run(Some(16.0), None, None), pace));
        assert!(!is_long_run(&run(Some(14.0), None, None), pace));
        // A fast runner's 16 km is not long.
        assert!(!is_long_run(&run(Some(16.0), None, None), 300.0));
        assert!(is_long_run(&run(None, Some(95), None), pace));
        assert!(!is_long_run(&run(Some(20.0), Some(85), None), pace));
        assert!(is_long_run(&run(Some(8.0), None, Some(Effort::Long)), pace));
    }

    #[test]
    fn ages_and_older_runners() {
        assert!(AGES.contains(&13) && AGES.contains(&104));
        assert!(!AGES.contains(&5) && !AGES.contains(&120));
        assert!(is_older(Some(51)) && !is_older(Some(50)) && !is_older(None));
    }

    #[test]
    fn unknown_zones_fall_back_to_utc_and_say_so() {
        assert_eq!(zone_or_utc(Some("Mars/Olympus")), (TimeZone::UTC, false));
        assert_eq!(zone_or_utc(None), (TimeZone::UTC, false));
        let (tz, known) = zone_or_utc(Some(" Asia/Kolkata "));
        assert!(known);
        assert_eq!(tz.iana_name(), Some("Asia/Kolkata"));
    }

    #[test]
    fn a_rest_day_breaks_a_running_streak() {
        let d = |n: i8| jiff::civil::date(2026, 5, n);
        let runs: BTreeSet<Date> = (1..=7).map(d).collect();
        let rests: BTreeSet<Date> = [d(3)].into();
        assert_eq!(running_streak(&runs, &rests, d(7)), 4);
        assert_eq!(running_streak(&runs, &BTreeSet::new(), d(7)), 7);
        assert_eq!(running_streak(&runs, &rests, d(8)), 0);
    }
}
