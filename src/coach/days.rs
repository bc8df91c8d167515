//! The runner's own calendar: which local day a log falls on, in the time
//! zone of their profile (UTC until they set one). Streaks and "this week"
//! are counted in local days so a run at 23:30 in Berlin is not "tomorrow".

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::store::{LogEntry, Profile};

/// The runner's time zone; UTC when unset or unknown.
pub fn time_zone(profile: &Profile) -> TimeZone {
    profile
        .time_zone
        .as_deref()
        .and_then(|name| TimeZone::get(name).ok())
        .unwrap_or(TimeZone::UTC)
}

/// The local calendar day of an instant.
pub fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    at.to_zoned(tz.clone()).date()
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

/// Running days in a row ending today, stopped by a rest day or a gap.
pub fn running_days_in_a_row(entries: &[LogEntry], today: Date, tz: &TimeZone) -> u32 {
    let (runs, rests) = active_days(entries, tz);
    let mut day = today;
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
