//! How long to recover after a run before the next hard session: the one
//! estimate behind both the note after a log and the answer to "how long
//! until I can run hard again?" ([`hard_again_hours`]).
//!
//! A race with a distance follows the coaching rule of one easy day per mile
//! raced ([`race_days`]). Any other run grows with the session's load
//! (effort × minutes, see [`super::load`]): a base of 12 hours plus one hour
//! per 10 units, a quarter longer past 50 (recovery slows with age), and
//! never more than four days. It is a planning hint, not a medical figure.
//!
//! Recoveries overlap: an easy jog three days after a marathon does not
//! shorten the marathon's. [`latest_pending`] finds the recovery that ends
//! last among the runs logged, so every estimate says what is really left.

use jiff::Timestamp;

use crate::intent::Effort;
use crate::rules;
use crate::store::{LogEntry, RunLog};

/// Metres in a mile, for "one easy day per mile raced".
const MILE_M: f64 = 1609.344;

/// Hours every run gets, however short.
pub const BASE_HOURS: f64 = 12.0;
/// Load units per extra hour.
pub const UNITS_PER_HOUR: f64 = 10.0;
/// Factor for runners over [`crate::rules::OLDER_AGE`].
pub const OLDER_FACTOR: f64 = 1.25;
/// Four days.
pub const MAX_HOURS: u32 = 96;

/// Hours before the next hard session, for a run of `load` units.
pub fn recovery_hours(load: f64, age: Option<u8>) -> u32 {
    let mut hours = BASE_HOURS + load.max(0.0) / UNITS_PER_HOUR;
    if crate::rules::is_older(age) {
        hours *= OLDER_FACTOR;
    }
    (hours.round() as u32).min(MAX_HOURS)
}

/// Days before the next hard session after a race of `metres`: one easy
/// day per mile raced, at least one.
pub fn race_days(metres: f64) -> u32 {
    (metres / MILE_M).round().max(1.0) as u32
}

/// A run of at least this many metres counts as a hard session whatever
/// the runner called it (13.1 mi is 21 082 m, a half marathon 21 097.5 m).
pub const HALF_MARATHON_M: f64 = 21_000.0;

/// A hard session for recovery: tempo, intervals, a race or a long run
/// (by name or by time, [`rules::is_long_run`]), or half-marathon distance
/// or more.
pub fn is_hard(run: &RunLog, pace_s_per_km: f64) -> bool {
    matches!(
        run.effort,
        Some(Effort::Tempo | Effort::Intervals | Effort::Race)
    ) || rules::is_long_run(run, pace_s_per_km)
        || run.distance_m.is_some_and(|d| d >= HALF_MARATHON_M)
}

/// Whether the recovery of `run` follows the race rule.
pub fn by_race_rule(run: &RunLog) -> bool {
    run.effort == Some(Effort::Race) && run.distance_m.is_some_and(|d| d > 0.0)
}

/// A recovery still running at some instant.
#[derive(Debug, Clone, Copy)]
pub struct Pending<'a> {
    pub entry: &'a LogEntry,
    /// Hours left, rounded up (whole days for the race rule).
    pub hours_left: u32,
    pub race_rule: bool,
}

/// The recovery that ends last among `logs` (those `hard_only` keeps),
/// if one is still running at `now`.
pub fn latest_pending<'a>(
    logs: &'a [LogEntry],
    age: Option<u8>,
    now: Timestamp,
    hard_only: bool,
) -> Option<Pending<'a>> {
    let pace = super::load::typical_pace(logs);
    logs.iter()
        .filter_map(|entry| {
            let run = entry.run.as_ref()?;
            if hard_only && !is_hard(run, pace) {
                return None;
            }
            let needed = f64::from(hard_again_hours(
                run,
                super::load::session_load(run, pace),
                age,
            ));
            let gone = now.duration_since(entry.at).as_secs_f64() / 3600.0;
            let left = needed - gone;
            (left > 0.0).then_some((entry, left, by_race_rule(run)))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(entry, left, race_rule)| Pending {
            entry,
            hours_left: if race_rule {
                (left / 24.0).ceil() as u32 * 24
            } else {
                left.ceil() as u32
            },
            race_rule,
        })
}

/// Hours before the next hard session after `run`, whose session load is
/// `load`: a race with a distance by [`race_days`], any other run by
/// [`recovery_hours`].
pub fn hard_again_hours(run: &RunLog, load: f64, age: Option<u8>) -> u32 {
    match (run.effort, run.distance_m) {
        (_, Some(metres)) if by_race_rule(run) => race_days(metres) * 24,
        _ => recovery_hours(load, age),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn races_by_distance() {
        assert_eq!(race_days(5_000.0), 3);
        assert_eq!(race_days(10_000.0), 6);
        assert_eq!(race_days(21_097.5), 13);
        assert_eq!(race_days(42_195.0), 26);
        assert_eq!(race_days(400.0), 1);
    }

    #[test]
    fn worked_examples() {
        // Easy 10 km at 6:00/km: load 180 → 12 + 18 = 30 h.
        assert_eq!(recovery_hours(180.0, None), 30);
        // Same run at 58: 30 × 1.25 = 37.5 → 38 h.
        assert_eq!(recovery_hours(180.0, Some(58)), 38);
        // Exactly 50 is not "over 50".
        assert_eq!(recovery_hours(180.0, Some(50)), 30);
        // Tempo 8 km in 40:00: load 280 → 40 h.
        assert_eq!(recovery_hours(280.0, Some(35)), 40);
        // Long 20 km in 2:00 at RPE 5: load 600 → 72 h; at 60: 90 h.
        assert_eq!(recovery_hours(600.0, None), 72);
        assert_eq!(recovery_hours(600.0, Some(60)), 90);
        // Marathon race in 4:00 at RPE 9: load 2160 → capped at 4 days.
        assert_eq!(recovery_hours(2160.0, None), MAX_HOURS);
        assert_eq!(recovery_hours(2160.0, Some(70)), MAX_HOURS);
    }

    fn entry(at: &str, km: f64, secs: Option<u32>, effort: Option<Effort>) -> LogEntry {
        let at: Timestamp = at.parse().expect("time");
        LogEntry {
            at,
            logged_at: at,
            message_id: None,
            run: Some(RunLog {
                distance_m: Some(km * 1000.0),
                duration_s: secs,
                effort,
                conditions: Vec::new(),
                ..RunLog::default()
            }),
            sleep: None,
            rest: None,
            pain: Vec::new(),
        }
    }

    #[test]
    fn the_latest_end_wins() {
        let marathon = entry(
            "2026-05-29T13:30:00Z",
            42.2,
            Some(12_480),
            Some(Effort::Race),
        );
        let jog = entry("2026-05-31T18:00:00Z", 5.0, None, Some(Effort::Recovery));
        let logs = [marathon, jog];
        let now: Timestamp = "2026-06-01T18:00:00Z".parse().expect("time");
        let p = latest_pending(&logs, None, now, false).expect("pending");
        // 26 days from the race, 76.5 hours gone: 22.8 days, said as 23.
        assert!(p.race_rule);
        assert_eq!(p.hours_left, 23 * 24);
        assert_eq!(p.entry.at, logs[0].at);
        // Nothing left a month on.
        let later: Timestamp = "2026-06-30T18:00:00Z".parse().expect("time");
        assert!(latest_pending(&logs, None, later, false).is_none());
    }

    #[test]
    fn a_half_or_a_long_run_is_hard_without_the_word_race() {
        let pace = 360.0;
        let half = entry("2026-05-17T16:00:00Z", 21.08, Some(5_880), None);
        assert!(is_hard(half.run.as_ref().expect("run"), pace));
        let long = entry("2026-05-17T16:00:00Z", 30.0, None, None);
        assert!(is_hard(long.run.as_ref().expect("run"), pace));
        let easy = entry("2026-05-17T16:00:00Z", 8.0, None, Some(Effort::Easy));
        assert!(!is_hard(easy.run.as_ref().expect("run"), pace));
        let now: Timestamp = "2026-05-17T16:02:00Z".parse().expect("time");
        let logs = [half];
        assert!(latest_pending(&logs, None, now, true).is_some_and(|p| !p.race_rule));
    }
}
