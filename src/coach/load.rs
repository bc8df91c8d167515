//! Training load from what a runner logs: distance, duration and effort.
//!
//! A session's load is its effort on a 1-10 scale times its minutes (session
//! RPE, Foster et al. 2001). When the runner gives no time, the minutes come
//! from their typical pace, or 6:00/km when we do not know it yet. The last
//! 7 days (acute) are compared with the weekly average of the last 28
//! (chronic) only to *describe* the week: the ratio's link with injury is
//! disputed (Impellizzeri et al. 2020), so nothing here is an alarm.

use jiff::{SignedDuration, Timestamp};

use crate::model::{Condition, Effort};
use crate::model::{LogEntry, RunLog};

pub use crate::rules::DEFAULT_PACE_S_PER_KM;
/// Acute above chronic by this factor reads as "clearly above usual".
pub const UP_RATIO: f64 = 1.3;
/// Acute below chronic by this factor reads as "lighter than usual".
pub const DOWN_RATIO: f64 = 0.8;
/// Days of history needed before comparing with "usual".
pub const MIN_HISTORY_DAYS: i64 = 14;

/// Perceived effort on Foster's 1-10 scale, from the kind of run. Heat,
/// humidity or hills make the same run feel one step harder.
pub fn rpe(run: &RunLog) -> f64 {
    let base: f64 = match run.effort {
        Some(Effort::Recovery) => 2.0,
        Some(Effort::Easy) => 3.0,
        None => 4.0,
        Some(Effort::Long) => 5.0,
        Some(Effort::Tempo) => 7.0,
        Some(Effort::Intervals) => 8.0,
        Some(Effort::Race) => 9.0,
    };
    let harder = run
        .conditions
        .iter()
        .any(|c| matches!(c, Condition::Hot | Condition::Humid | Condition::Hills));
    (base + if harder { 1.0 } else { 0.0 }).min(10.0)
}

/// The runner's typical pace in seconds per km: the median of the runs where
/// they gave both distance and time, else [`DEFAULT_PACE_S_PER_KM`].
pub fn typical_pace(history: &[LogEntry]) -> f64 {
    let mut paces: Vec<f64> = history
        .iter()
        .filter_map(|e| e.run.as_ref())
        .filter_map(|r| match (r.distance_m, r.duration_s) {
            (Some(d), Some(t)) if d > 0.0 && t > 0 => Some(f64::from(t) / (d / 1000.0)),
            _ => None,
        })
        .collect();
    if paces.is_empty() {
        return DEFAULT_PACE_S_PER_KM;
    }
    paces.sort_by(f64::total_cmp);
    let mid = paces.len() / 2;
    if paces.len() % 2 == 1 {
        paces[mid]
    } else {
        (paces[mid - 1] + paces[mid]) / 2.0
    }
}

/// Session load in arbitrary units: effort × minutes.
pub fn session_load(run: &RunLog, pace_s_per_km: f64) -> f64 {
    rpe(run) * crate::rules::estimated_minutes(run, pace_s_per_km)
}

/// How this week compares with the runner's usual week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Not enough history to say what "usual" is.
    New,
    Up,
    Steady,
    Down,
}

/// The week's load against the usual week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadSummary {
    /// Sum of the last 7 days.
    pub acute: f64,
    /// Weekly average over the last 28 days.
    pub chronic: f64,
    pub trend: Trend,
}

/// Load of the runs in `entries` (any order) as of `now`.
pub fn summary(entries: &[LogEntry], now: Timestamp) -> LoadSummary {
    let pace = typical_pace(entries);
    let day = SignedDuration::from_hours(24);
    let week_ago = crate::clock::before(now, day * 7);
    let month_ago = crate::clock::before(now, day * 28);
    let mut acute = 0.0;
    let mut month = 0.0;
    let mut earliest: Option<Timestamp> = None;
    for e in entries.iter().filter(|e| e.at > month_ago && e.at <= now) {
        earliest = Some(earliest.map_or(e.at, |t: Timestamp| t.min(e.at)));
        let Some(run) = &e.run else { continue };
        let load = session_load(run, pace);
        month += load;
        if e.at > week_ago {
            acute += load;
        }
    }
    let chronic = month / 4.0;
    let known_for = earliest.map_or(SignedDuration::ZERO, |t| now.duration_since(t));
    let trend = if chronic <= 0.0 || known_for < day * MIN_HISTORY_DAYS as i32 {
        Trend::New
    } else if acute > chronic * UP_RATIO {
        Trend::Up
    } else if acute < chronic * DOWN_RATIO {
        Trend::Down
    } else {
        Trend::Steady
    };
    LoadSummary {
        acute,
        chronic,
        trend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(km: Option<f64>, secs: Option<u32>, effort: Option<Effort>) -> RunLog {
        RunLog {
            distance_m: km.map(|k| k * 1000.0),
            duration_s: secs,
            effort,
            conditions: Vec::new(),
            ..RunLog::default()
        }
    }

    #[test]
    fn worked_examples() {
        // Easy 10 km with no time, no history: 10 × 6:00 = 60 min × RPE 3 = 180.
        let easy = run(Some(10.0), None, Some(Effort::Easy));
        assert_eq!(session_load(&easy, DEFAULT_PACE_S_PER_KM), 180.0);
        // Tempo 8 km in 40:00: 40 min × RPE 7 = 280 (pace is not needed).
        let tempo = run(Some(8.0), Some(2400), Some(Effort::Tempo));
        assert_eq!(session_load(&tempo, 999.0), 280.0);
        // A hot, unlabelled 20 km at a 5:00/km typical pace: 100 min × (4+1) = 500.
        let mut hot = run(Some(20.0), None, None);
        hot.conditions = vec![Condition::Hot];
        assert_eq!(session_load(&hot, 300.0), 500.0);
        // Intervals with neither distance nor time: 30 min × 8 = 240.
        assert_eq!(
            session_load(&run(None, None, Some(Effort::Intervals)), 300.0),
            240.0
        );
    }

    fn entry_at(at: Timestamp, r: RunLog) -> LogEntry {
        LogEntry {
            at,
            logged_at: at,
            message_id: None,
            run: Some(r),
            sleep: None,
            rest: None,
            pain: Vec::new(),
        }
    }

    #[test]
    fn acute_against_chronic_worked_example() {
        let now: Timestamp = "2026-06-29T20:00:00Z".parse().unwrap();
        let days_ago = |d: i64| crate::clock::before(now, jiff::SignedDuration::from_hours(24 * d));
        // Weeks 2-4 back: one easy 10 km (180) each. This week: a tempo 8 km
        // in 40:00 (280) and an easy 10 km (180). All distances at 6:00/km.
        let history = vec![
            entry_at(days_ago(24), run(Some(10.0), None, Some(Effort::Easy))),
            entry_at(days_ago(17), run(Some(10.0), None, Some(Effort::Easy))),
            entry_at(days_ago(10), run(Some(10.0), None, Some(Effort::Easy))),
            entry_at(days_ago(3), run(Some(8.0), Some(2400), Some(Effort::Tempo))),
            entry_at(days_ago(1), run(Some(10.0), None, Some(Effort::Easy))),
        ];
        // The tempo run sets the typical pace: 5:00/km, so easy 10 km = 50 min × 3 = 150.
        let s = summary(&history, now);
        assert_eq!(s.acute, 280.0 + 150.0);
        assert_eq!(s.chronic, (150.0 * 4.0 + 280.0) / 4.0);
        // 430 against 220 a week: more than 1.3 × usual.
        assert_eq!(s.trend, Trend::Up);
        // Only ten days of history: too early to compare.
        assert_eq!(summary(&history[2..], now).trend, Trend::New);
        // A quiet week: a recovery 5 km (30 min × 2 = 60, default pace again)
        // against (3 × 180 + 60) / 4 = 150 a week: below 0.8 × usual.
        let mut quiet = history[..3].to_vec();
        quiet.push(entry_at(
            days_ago(1),
            run(Some(5.0), None, Some(Effort::Recovery)),
        ));
        let s = summary(&quiet, now);
        assert_eq!((s.acute, s.chronic, s.trend), (60.0, 150.0, Trend::Down));
    }

    #[test]
    fn typical_pace_is_the_median_of_timed_runs() {
        let at = Timestamp::UNIX_EPOCH;
        let entry = |r: RunLog| entry_at(at, r);
        let history = vec![
            entry(run(Some(10.0), Some(3000), None)), // 5:00/km
            entry(run(Some(5.0), Some(1650), None)),  // 5:30/km
            entry(run(Some(4.0), Some(1800), None)),  // 7:30/km
            entry(run(Some(12.0), None, None)),       // no time: ignored
        ];
        assert_eq!(typical_pace(&history), 330.0);
        assert_eq!(typical_pace(&[]), DEFAULT_PACE_S_PER_KM);
    }
}
