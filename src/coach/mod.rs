//! The coach: picks the few recovery tips that fit a message and a runner's
//! recent history.
//!
//! It is pure: given the parsed message, the runner's recent logs, their
//! profile and the catalogue, it returns a [`RecoveryPlan`]. Nothing here
//! touches storage or chat.

use crate::catalogue::{Catalogue, Signal};
use crate::intent::{Effort, Parsed, Topic};
use crate::store::{LogEntry, Profile};

/// At most this many tips in one reply: more would not be read.
pub const MAX_TIPS: usize = 3;

/// The tips chosen for one reply, most relevant first.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryPlan {
    pub tips: Vec<Topic>,
}

/// What the coach sees of the runner: their recent logs (oldest first) and
/// profile.
#[derive(Debug, Clone, Copy)]
pub struct RunnerPicture<'a> {
    pub recent: &'a [LogEntry],
    pub profile: &'a Profile,
}

/// The signals that hold for this message and runner.
pub fn signals(msg: &Parsed, runner: RunnerPicture<'_>) -> Vec<Signal> {
    use crate::intent::Condition as C;
    let mut s = Vec::new();
    let is_run = msg.distance_m.is_some() || msg.duration_s.is_some() || msg.effort.is_some();
    if is_run {
        s.push(Signal::Run);
    }
    for c in &msg.conditions {
        s.push(match c {
            C::Hot => Signal::Hot,
            C::Humid => Signal::Humid,
            C::Cold => Signal::Cold,
            C::Rain => Signal::Rain,
            C::Wind => Signal::Wind,
            C::Hills => Signal::Hills,
            C::Trail => Signal::Trail,
            C::Snow => Signal::Snow,
        });
    }
    if let Some(e) = msg.effort {
        s.push(match e {
            Effort::Easy => Signal::Easy,
            Effort::Recovery => Signal::Recovery,
            Effort::Tempo => Signal::Tempo,
            Effort::Intervals => Signal::Intervals,
            Effort::Long => Signal::Long,
            Effort::Race => Signal::Race,
        });
        if matches!(e, Effort::Tempo | Effort::Intervals | Effort::Race) {
            s.push(Signal::Hard);
        }
    }
    let long_by_time = msg.duration_s.is_some_and(|d| d >= 90 * 60);
    let long_by_distance = msg.distance_m.is_some_and(|d| d >= 18_000.0);
    if long_by_time || long_by_distance {
        s.push(Signal::LongDuration);
    }
    if !msg.body_parts.is_empty() {
        s.push(Signal::Sore);
    }
    if msg.sleep_hours.is_some_and(|h| h < 7.0) {
        s.push(Signal::ShortSleep);
    }
    if runner.profile.age.is_some_and(|a| a > 50) {
        s.push(Signal::Older);
    }
    let _ = runner.recent;
    s
}

/// Chooses up to [`MAX_TIPS`] tips, most relevant first. Ties keep the
/// catalogue's order so the answer is deterministic.
pub fn plan(msg: &Parsed, runner: RunnerPicture<'_>, catalogue: &Catalogue) -> RecoveryPlan {
    let signals = signals(msg, runner);
    let mut scored: Vec<(f32, Topic)> = catalogue
        .tips()
        .iter()
        .map(|tip| {
            let boost: f32 = tip
                .when
                .iter()
                .filter(|(sig, _)| signals.contains(sig))
                .map(|(_, b)| b)
                .sum();
            (tip.weight + boost, tip.id)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    RecoveryPlan {
        tips: scored.into_iter().take(MAX_TIPS).map(|(_, t)| t).collect(),
    }
}
