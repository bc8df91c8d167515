//! Log entries for tests that write a store directly: a run of some
//! kilometres and a rest day, at RFC 3339 instants.

use cooldown::store::{LogEntry, RestLog, RunLog};
use jiff::Timestamp;

pub fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A run of `km` that happened at `at` and was told at `logged_at`.
pub fn run_told(km: f64, at: &str, logged_at: &str) -> LogEntry {
    LogEntry {
        at: ts(at),
        logged_at: ts(logged_at),
        message_id: None,
        run: Some(RunLog {
            distance_m: Some(km * 1000.0),
            ..RunLog::default()
        }),
        sleep: None,
        rest: None,
        pain: Vec::new(),
    }
}

/// A run of `km` told as it happened.
pub fn run(km: f64, at: &str) -> LogEntry {
    run_told(km, at, at)
}

/// A rest day at `at`.
pub fn rest(at: &str) -> LogEntry {
    LogEntry {
        run: None,
        rest: Some(RestLog::default()),
        ..run(0.0, at)
    }
}
