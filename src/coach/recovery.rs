//! How long to recover after a run before the next hard session: the one
//! estimate behind both the note after a log and the answer to "how long
//! until I can run hard again?" ([`hard_again_hours`]).
//!
//! A race with a distance follows the coaching rule of one easy day per mile
//! raced ([`race_days`]). Any other run grows with the session's load
//! (effort × minutes, see [`super::load`]): a base of 12 hours plus one hour
//! per 10 units, a quarter longer past 50 (recovery slows with age), and
//! never more than four days. It is a planning hint, not a medical figure.

use crate::intent::Effort;
use crate::store::RunLog;

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

/// Hours before the next hard session after `run`, whose session load is
/// `load`: a race with a distance by [`race_days`], any other run by
/// [`recovery_hours`].
pub fn hard_again_hours(run: &RunLog, load: f64, age: Option<u8>) -> u32 {
    match (run.effort, run.distance_m) {
        (Some(Effort::Race), Some(metres)) if metres > 0.0 => race_days(metres) * 24,
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
}
