//! What holds for this message and this runner: the [`Signal`]s the
//! catalogue's tips react to, plus the numbers behind the coach's notes
//! (recovery time, running days in a row, sleep, lasting pain).

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};

use super::load::{self, LoadSummary, Trend};
use super::recovery::{self, hard_again_hours};
use super::RunnerPicture;
use crate::catalogue::Signal;
use crate::intent::Parsed;
use crate::model::LogEntry;
use crate::model::{BodyPart, Condition, Effort};
use crate::rules::{
    self, local_date, runner_zone, running_days_in_a_row, LONG_RUN_MINUTES, REST_AFTER_RUNNING_DAYS,
};

/// Under this many hours a night is short (the target is 7 to 9).
pub const SLEEP_TARGET_H: f64 = 7.0;
/// Total hours short of the target, over the last three nights, that make a
/// sleep debt.
pub const SLEEP_DEBT_H: f64 = 2.0;
/// Pain mentioned on this many different days in a week is lasting pain.
pub const LASTING_PAIN_DAYS: usize = 3;

/// Everything the coach concluded about the message and the runner.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub signals: Vec<Signal>,
    /// Effort × minutes of the run in this message.
    pub session_load: Option<f64>,
    pub recovery_hours: Option<u32>,
    /// The recovery time follows the race rule (a race with a distance).
    pub race_rule: bool,
    /// The recovery time is what an earlier run still needs (it outlasts
    /// this one's).
    pub carried: bool,
    /// A long run, a race, or 90 minutes or more.
    pub long_effort: bool,
    /// Running days in a row, today included.
    pub running_days: u32,
    /// Hours slept, when this message reports a short night.
    pub short_night: Option<f64>,
    /// Nights counted and their average, when they add up to a sleep debt.
    pub sleep_debt: Option<(usize, f64)>,
    /// Parts whose pain is sharp, swollen or lasting.
    pub red_flag_parts: Vec<BodyPart>,
    pub red_flag: bool,
    pub load: LoadSummary,
    /// The week's load is clearly up and worth saying: not said for an
    /// earlier run of the last 7 days already, and no race in them (a race
    /// week is heavy by plan).
    pub load_up_news: bool,
}

/// Works out the facts. `current` is the entry this message logs (`None`
/// for a question); `runner.recent` holds the earlier logs.
pub fn gather(msg: &Parsed, current: Option<&LogEntry>, runner: &RunnerPicture<'_>) -> Facts {
    let mut all: Vec<LogEntry> = runner.recent.to_vec();
    all.extend(current.cloned());
    let tz = runner_zone(runner.profile);
    let today = local_date(runner.now, &tz);
    let pace = load::typical_pace(runner.recent);
    let mut s = Vec::new();

    let run = current.and_then(|e| e.run.as_ref());
    let session_load = run.map(|r| load::session_load(r, pace));
    if run.is_some() {
        s.push(Signal::Run);
    }
    if current.is_some_and(|e| e.rest.is_some()) {
        s.push(Signal::RestDay);
    }
    s.extend(msg.conditions.iter().map(|c| condition_signal(*c)));
    if let Some(e) = msg.effort {
        s.push(effort_signal(e));
        if matches!(e, Effort::Tempo | Effort::Intervals | Effort::Race) {
            s.push(Signal::Hard);
        }
    }
    let long_by_time = run.is_some_and(|r| rules::estimated_minutes(r, pace) >= LONG_RUN_MINUTES)
        || msg
            .duration_s
            .is_some_and(|d| f64::from(d) >= LONG_RUN_MINUTES * 60.0);
    if long_by_time {
        s.push(Signal::LongDuration);
    }
    if !msg.body_parts.is_empty() {
        s.push(Signal::Sore);
    }
    let short_night = msg.sleep_hours.filter(|h| *h < SLEEP_TARGET_H);
    if short_night.is_some() || last_night_was_short(runner.recent, runner.now) {
        s.push(Signal::ShortSleep);
    }
    let sleep_debt = sleep_debt(&all, runner.now);
    if sleep_debt.is_some() {
        s.push(Signal::SleepDebt);
    }
    let load = load::summary(&all, runner.now);
    if load.trend == Trend::Up {
        s.push(Signal::HighLoad);
    }
    let running_days = if run.is_some() {
        running_days_in_a_row(&all, today, &tz)
    } else {
        0
    };
    if running_days >= REST_AFTER_RUNNING_DAYS {
        s.push(Signal::RestDue);
    }
    let older = rules::is_older(runner.profile.age);
    if older {
        s.push(Signal::Older);
    }

    let lasting = lasting_pain(&msg.body_parts, &all, runner);
    let red_flag = msg.details.pain_red_flag || !lasting.is_empty();
    let red_flag_parts = if msg.details.pain_red_flag {
        msg.body_parts.clone()
    } else {
        lasting
    };
    // The estimate after a log is the latest end of every recovery still
    // running: a marathon three days ago outlasts today's easy jog.
    let own = run.zip(session_load).map(|(r, l)| {
        (
            hard_again_hours(r, l, runner.profile.age),
            recovery::by_race_rule(r),
        )
    });
    let earlier = run.and_then(|_| {
        recovery::latest_pending(runner.recent, runner.profile.age, runner.now, false)
    });
    let (recovery_hours, race_rule, carried) = match (own, earlier) {
        (Some((hours, _)), Some(p)) if p.hours_left > hours => {
            (Some(p.hours_left), p.race_rule, true)
        }
        (Some((hours, race)), _) => (Some(hours), race, false),
        (None, _) => (None, false, false),
    };
    let load_up_news = load.trend == Trend::Up && !load_up_before(runner.recent, runner.now) && {
        let week = crate::clock::before(runner.now, SignedDuration::from_hours(24 * 7));
        !all.iter().any(|e| {
            e.at > week
                && e.run
                    .as_ref()
                    .is_some_and(|r| r.effort == Some(Effort::Race))
        })
    };
    Facts {
        load_up_news,
        long_effort: long_by_time || matches!(msg.effort, Some(Effort::Long | Effort::Race)),
        recovery_hours,
        race_rule,
        carried,
        signals: s,
        session_load,
        running_days,
        short_night,
        sleep_debt,
        red_flag_parts,
        red_flag,
        load,
    }
}

fn condition_signal(c: Condition) -> Signal {
    match c {
        Condition::Hot => Signal::Hot,
        Condition::Humid => Signal::Humid,
        Condition::Cold => Signal::Cold,
        Condition::Rain => Signal::Rain,
        Condition::Wind => Signal::Wind,
        Condition::Hills => Signal::Hills,
        Condition::Trail => Signal::Trail,
        Condition::Snow => Signal::Snow,
    }
}

fn effort_signal(e: Effort) -> Signal {
    match e {
        Effort::Easy => Signal::Easy,
        Effort::Recovery => Signal::Recovery,
        Effort::Tempo => Signal::Tempo,
        Effort::Intervals => Signal::Intervals,
        Effort::Long => Signal::Long,
        Effort::Race => Signal::Race,
    }
}

/// Whether an earlier run of the last 7 days already found the week clearly
/// up (its reply said so): the load line is said once a week.
fn load_up_before(recent: &[LogEntry], now: Timestamp) -> bool {
    let week = crate::clock::before(now, SignedDuration::from_hours(24 * 7));
    recent
        .iter()
        .enumerate()
        .filter(|(_, e)| e.at > week && e.run.is_some())
        .any(|(i, e)| load::summary(&recent[..=i], e.at).trend == Trend::Up)
}

/// A short night logged in the 18 hours before now (this morning's report).
fn last_night_was_short(recent: &[LogEntry], now: Timestamp) -> bool {
    let since = crate::clock::before(now, SignedDuration::from_hours(18));
    recent
        .iter()
        .rev()
        .filter(|e| e.at > since && e.at <= now)
        .find_map(|e| e.sleep.as_ref())
        .is_some_and(|s| s.hours < SLEEP_TARGET_H)
}

/// The last (up to) three nights logged within 3½ days: a debt when at
/// least two are known and together they fall [`SLEEP_DEBT_H`] short.
fn sleep_debt(all: &[LogEntry], now: Timestamp) -> Option<(usize, f64)> {
    let since = crate::clock::before(now, SignedDuration::from_hours(84));
    let nights: Vec<f64> = all
        .iter()
        .rev()
        .filter(|e| e.at > since && e.at <= now)
        .filter_map(|e| e.sleep.as_ref().map(|s| s.hours))
        .take(3)
        .collect();
    let short: f64 = nights.iter().map(|h| (SLEEP_TARGET_H - h).max(0.0)).sum();
    let average = nights.iter().sum::<f64>() / nights.len().max(1) as f64;
    (nights.len() >= 2 && short >= SLEEP_DEBT_H).then_some((nights.len(), average))
}

/// Parts of this message that were also sore on enough other days of the
/// past week to count as lasting.
fn lasting_pain(parts: &[BodyPart], all: &[LogEntry], runner: &RunnerPicture<'_>) -> Vec<BodyPart> {
    let tz = runner_zone(runner.profile);
    let since = crate::clock::before(runner.now, SignedDuration::from_hours(24 * 7));
    parts
        .iter()
        .copied()
        .filter(|part| {
            let days: BTreeSet<_> = all
                .iter()
                .filter(|e| e.at > since && e.pain.contains(part))
                .map(|e| local_date(e.at, &tz))
                .collect();
            days.len() >= LASTING_PAIN_DAYS
        })
        .collect()
}
