//! Schedule arithmetic: when, as an instant, a reminder set on a runner's
//! local clock falls due. Pure functions of a time zone, a clock time and
//! the runner's logs, so every rule (daylight saving, quiet hours, the
//! rest-day triggers) is tested without a clock or a database.
//!
//! Wall-clock times are resolved day by day in the runner's IANA zone with
//! jiff, never by adding 24 hours to the last instant: a 22:30 reminder stays
//! at 22:30 local across a daylight-saving change. A time that does not
//! exist that night (spring forward) goes out at the first valid minute after
//! the gap; a time that happens twice (fall back) goes out at its first
//! occurrence only, because each local date yields one instant.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Timestamp, ToSpan};

use crate::coach::load::typical_pace;
use crate::model::LogEntry;
use crate::model::{ClockTime, Effort};
pub use crate::rules::local_date;
use crate::rules::{self, REST_AFTER_RUNNING_DAYS};

/// Rest-day reminders never go out from this time...
pub const QUIET_FROM: ClockTime = ClockTime {
    hour: 23,
    minute: 0,
};
/// ...until this one (local).
pub const QUIET_UNTIL: ClockTime = ClockTime { hour: 7, minute: 0 };
/// The rest-day reminder's time when the runner names none.
pub const DEFAULT_MORNING: ClockTime = ClockTime { hour: 8, minute: 0 };
/// The weekly recap goes out on this day of the runner's week...
pub const RECAP_DAY: Weekday = Weekday::Sunday;
/// ...at this local time: the week is nearly over, the next not begun.
pub const RECAP_AT: ClockTime = ClockTime {
    hour: 18,
    minute: 0,
};

/// The instant at which `time` happens on `date` in `tz`. In a gap it is the
/// first instant after the gap (the next valid minute); in a fold, the
/// first of the two.
pub fn resolve(date: Date, time: ClockTime, tz: &TimeZone) -> Timestamp {
    let dt = date.at(time.hour as i8, time.minute as i8, 0, 0);
    let ambiguous = tz.to_ambiguous_timestamp(dt);
    let instant = match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt),
        AmbiguousOffset::Gap { after, .. } => {
            // Read with the new offset, the time lands just before the
            // change; the change itself is the first valid instant.
            let inside = after.to_timestamp(dt);
            return inside
                .ok()
                .and_then(|t| tz.following(t).next().map(|tr| tr.timestamp()))
                .unwrap_or_else(|| ambiguous.compatible().unwrap_or(Timestamp::MAX));
        }
    };
    // Only fails at the far ends of jiff's range, which runners never reach.
    instant.unwrap_or(Timestamp::MAX)
}

/// The local wall-clock time of an instant, to the minute.
pub fn local_time(at: Timestamp, tz: &TimeZone) -> ClockTime {
    let dt: DateTime = tz.to_datetime(at);
    ClockTime {
        hour: dt.hour() as u8,
        minute: dt.minute() as u8,
    }
}

/// The first time `time` comes round on the local clock strictly after
/// `after`: today if still ahead, else tomorrow.
pub fn next_daily(after: Timestamp, time: ClockTime, tz: &TimeZone) -> Timestamp {
    let today = local_date(after, tz);
    let mut day = today;
    // Two days always suffice; the bound only guards against a zone with a
    // transition of a day or more (Samoa 2011), which skips a date.
    for _ in 0..3 {
        let at = resolve(day, time, tz);
        if at > after {
            return at;
        }
        day = day.checked_add(1.day()).unwrap_or(day);
    }
    resolve(day, time, tz)
}

/// The first `time` on a `day` of the week, on the local clock, strictly
/// after `after`: this week's if still ahead, else next week's. Resolved on
/// the date, like [`next_daily`], so it stays at its local time across a
/// daylight-saving change.
pub fn next_weekly(after: Timestamp, day: Weekday, time: ClockTime, tz: &TimeZone) -> Timestamp {
    let today = local_date(after, tz);
    let ahead = i64::from(day.to_monday_zero_offset() - today.weekday().to_monday_zero_offset());
    let mut date = today
        .checked_add(ahead.rem_euclid(7).days())
        .unwrap_or(today);
    for _ in 0..3 {
        let at = resolve(date, time, tz);
        if at > after {
            return at;
        }
        date = date.checked_add(7.days()).unwrap_or(date);
    }
    resolve(date, time, tz)
}

/// True when a rest-day reminder may not go out at `time` (23:00 to 07:00).
pub fn in_quiet_hours(time: ClockTime) -> bool {
    time >= QUIET_FROM || time < QUIET_UNTIL
}

pub use crate::model::RestCause;

fn is_race(entry: &LogEntry) -> bool {
    entry
        .run
        .as_ref()
        .is_some_and(|r| r.effort == Some(Effort::Race))
}

/// The next rest-day reminder strictly after `after`, from the runner's
/// logs: the `morning` after a race or a long run, or after
/// [`REST_AFTER_RUNNING_DAYS`] running days in a row, unless that day is
/// already logged as a rest day. Long means [`rules::is_long_run`] at the
/// runner's usual pace in these logs, as the coach judges it. `logs` must
/// reach back [`REST_AFTER_RUNNING_DAYS`] + 2 days before
/// `after` for streaks to be seen.
pub fn next_rest(
    logs: &[LogEntry],
    tz: &TimeZone,
    morning: ClockTime,
    after: Timestamp,
) -> Option<(Timestamp, RestCause)> {
    // Set times are checked by the engine; a record from elsewhere (an
    // older version, a hand edit) still never goes out in quiet hours.
    let morning = if in_quiet_hours(morning) {
        QUIET_UNTIL
    } else {
        morning
    };
    let pace = typical_pace(logs);
    let (run_days, rest_days) = rules::active_days(logs, tz);
    let mut days: BTreeMap<Date, RestCause> = BTreeMap::new();
    for entry in logs {
        let Some(run) = &entry.run else { continue };
        let cause = if is_race(entry) {
            Some(RestCause::Race)
        } else if rules::is_long_run(run, pace) {
            Some(RestCause::LongRun)
        } else {
            None
        };
        if let Some(cause) = cause {
            let day = local_date(entry.at, tz);
            let strongest = match days.get(&day) {
                Some(RestCause::Race) => RestCause::Race,
                _ => cause,
            };
            days.insert(day, strongest);
        }
    }
    for &day in &run_days {
        let streak = rules::running_streak(&run_days, &BTreeSet::new(), day);
        if streak >= REST_AFTER_RUNNING_DAYS {
            days.entry(day).or_insert(RestCause::Streak(streak));
        }
    }
    days.into_iter()
        .filter_map(|(day, cause)| {
            let rest_day = day.checked_add(1.day()).ok()?;
            if rest_days.contains(&rest_day) {
                return None;
            }
            let due = resolve(rest_day, morning, tz);
            (due > after).then_some((due, cause))
        })
        .min_by_key(|(due, _)| *due)
}
