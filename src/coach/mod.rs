//! The coach: picks the few recovery tips that fit a message and a runner's
//! recent history, and the notes that go with them (recovery time, rest
//! days, sleep, safety).
//!
//! It is pure: given the parsed message, the entry it logs, the runner's
//! recent logs, the tips they were given, their profile and the catalogue, it
//! returns a [`RecoveryPlan`]. Nothing here touches storage or chat, and
//! nothing here words anything: the engine renders notes from the catalogue.
//!
//! - [`signals`]: what holds for this message and runner.
//! - [`select`]: scoring, safety, rotation.
//! - [`load`]: training load (session RPE × minutes).
//! - [`recovery`]: recovery time.
//!
//! The thresholds it shares with the reminders and the clubs (long run,
//! rest after six running days, older age) and the runner's calendar live in
//! [`crate::rules`].
//! - [`pain`]: lasting or worsening pain, and the holds it and a medical
//!   warning sign put on the advice.

pub mod load;
pub mod pain;
pub mod recovery;
pub mod select;
pub mod signals;

use jiff::{SignedDuration, Timestamp};

use crate::catalogue::Catalogue;
use crate::intent::Parsed;
use crate::model::{AdviceRecord, LogEntry, Profile, RestLog, RunLog, SleepLog};
use crate::model::{BodyPart, HealthCondition, Topic};

pub use select::{Choice, MAX_TIPS, SHOWN_TIPS};
pub use signals::Facts;

/// How far back the coach looks at logs and advice.
pub const HISTORY_DAYS: i64 = 35;

/// Conditions under which cold immersion is not advised without a doctor.
pub const COLD_CONTRAINDICATIONS: [HealthCondition; 3] = [
    HealthCondition::HeartDisease,
    HealthCondition::HighBloodPressure,
    HealthCondition::Diabetes,
];

/// The tips chosen for one reply, most relevant first, and the notes that
/// come before them (safety first).
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryPlan {
    pub tips: Vec<Choice>,
    pub notes: Vec<Note>,
}

impl RecoveryPlan {
    pub fn topics(&self) -> Vec<Topic> {
        self.tips.iter().map(|c| c.topic).collect()
    }
}

/// Something the coach wants said besides the tips.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Sharp, swollen or lasting pain: see a physical therapist. The parts,
    /// when known.
    PainRedFlag(Vec<BodyPart>),
    /// Cold therapy left out because of the runner's health conditions.
    ColdWithheld,
    SleepDebt {
        nights: usize,
        average: f64,
    },
    ShortNight {
        hours: f64,
    },
    RestDue {
        days: u32,
    },
    RestAfterLong {
        older: bool,
    },
    RecoveryTime {
        hours: u32,
        /// Worked out by the race rule (one easy day per mile raced).
        race_rule: bool,
        /// Left over from an earlier run whose recovery outlasts this one's.
        carried: bool,
    },
    /// This week's load is clearly above the usual week (a description, not
    /// a warning): said once in 7 days, never beside a race (see
    /// [`signals::Facts::load_up_news`]).
    LoadUp,
}

/// What the coach sees of the runner.
#[derive(Debug, Clone, Copy)]
pub struct RunnerPicture<'a> {
    /// Earlier logs, oldest first (the last [`HISTORY_DAYS`] days).
    pub recent: &'a [LogEntry],
    /// Tips given before, oldest first.
    pub advice: &'a [AdviceRecord],
    pub profile: &'a Profile,
    pub now: Timestamp,
    /// Varies phrasings between runners (a hash of their id).
    pub seed: u64,
}

/// Whether cold therapy must not be suggested to this runner (unless their
/// doctor cleared it).
pub fn cold_unsafe(profile: &Profile) -> bool {
    !profile.safety.cold_cleared
        && profile
            .conditions
            .iter()
            .any(|c| COLD_CONTRAINDICATIONS.contains(c))
}

/// The entry a message logs, or `None` when it logs nothing.
pub fn entry_for(msg: &Parsed, now: Timestamp) -> Option<LogEntry> {
    use crate::intent::Intent;
    let at = crate::clock::before(
        now,
        SignedDuration::from_hours(24 * i64::from(msg.days_ago.min(365))),
    );
    let logs = matches!(
        msg.intent,
        Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain
    );
    logs.then(|| LogEntry {
        at,
        logged_at: now,
        message_id: None,
        run: (msg.intent == Intent::LogRun).then(|| RunLog {
            distance_m: msg.distance_m,
            duration_s: msg.duration_s,
            effort: msg.effort,
            conditions: msg.conditions.clone(),
            personal_best: msg.details.personal_best,
        }),
        sleep: msg.sleep_hours.map(|hours| SleepLog { hours }),
        rest: (msg.intent == Intent::LogRest).then(RestLog::default),
        pain: msg.body_parts.clone(),
    })
}

/// Chooses the tips and notes for a message. `current` is the entry the
/// message logs (`None` for a question).
pub fn plan(
    msg: &Parsed,
    current: Option<&LogEntry>,
    runner: RunnerPicture<'_>,
    catalogue: &Catalogue,
) -> RecoveryPlan {
    let facts = signals::gather(msg, current, &runner);
    let ctx = select::Context {
        advice: runner.advice,
        now: runner.now,
        seed: runner.seed,
        cold_unsafe: cold_unsafe(runner.profile),
        // A logged run or rest day, or a question, always gets a tip.
        at_least_one: current.map_or(true, |e| e.run.is_some() || e.rest.is_some()),
    };
    let selection = select::select(catalogue, &facts.signals, ctx);
    let mut notes = Vec::new();
    if facts.red_flag {
        notes.push(Note::PainRedFlag(facts.red_flag_parts.clone()));
    }
    if selection.cold_withheld {
        notes.push(Note::ColdWithheld);
    }
    notes.extend(sleep_notes(msg, &facts));
    notes.extend(rest_notes(&facts, runner.profile));
    // The rest tip already says "one or two easy days"; saying it twice in
    // one reply reads like a form letter. The older runner's note stays: it
    // adds that they need longer. Only a tip the reply shows counts.
    if selection
        .tips
        .iter()
        .take(SHOWN_TIPS)
        .any(|c| c.topic == Topic::Rest)
    {
        notes.retain(|n| !matches!(n, Note::RestAfterLong { older: false }));
    }
    let mut plan = RecoveryPlan {
        tips: selection.tips,
        notes,
    };
    pain::apply_holds(&mut plan, &runner);
    plan
}

/// The answer to "tips on `topic`": that tip, in the next phrasing this
/// runner has not seen, unless it is cold therapy for a runner at risk (then
/// only the advice to ask their doctor).
pub fn plan_topic(topic: Topic, runner: RunnerPicture<'_>) -> RecoveryPlan {
    if topic == Topic::Cold && cold_unsafe(runner.profile) {
        return RecoveryPlan {
            tips: Vec::new(),
            notes: vec![Note::ColdWithheld],
        };
    }
    // Asking again another day brings another phrasing.
    let day = runner.now.as_second().div_euclid(86_400) as u64;
    RecoveryPlan {
        tips: vec![Choice {
            topic,
            phrasing: select::phrasing(topic, runner.advice, runner.seed.wrapping_add(day)),
        }],
        notes: Vec::new(),
    }
}

/// A debt over several nights says more than one short night.
fn sleep_notes(msg: &Parsed, facts: &Facts) -> Option<Note> {
    match (facts.sleep_debt, facts.short_night) {
        (Some((nights, average)), _)
            if msg.sleep_hours.is_some() || facts.session_load.is_some() =>
        {
            Some(Note::SleepDebt { nights, average })
        }
        (_, Some(hours)) => Some(Note::ShortNight { hours }),
        _ => None,
    }
}

fn rest_notes(facts: &Facts, profile: &Profile) -> Vec<Note> {
    let mut notes = Vec::new();
    if facts.running_days >= crate::rules::REST_AFTER_RUNNING_DAYS {
        notes.push(Note::RestDue {
            days: facts.running_days,
        });
    } else if facts.long_effort {
        notes.push(Note::RestAfterLong {
            older: crate::rules::is_older(profile.age),
        });
    }
    if let Some(hours) = facts.recovery_hours {
        notes.push(Note::RecoveryTime {
            hours,
            race_rule: facts.race_rule,
            carried: facts.carried,
        });
    }
    if facts.load_up_news && facts.running_days < crate::rules::REST_AFTER_RUNNING_DAYS {
        notes.push(Note::LoadUp);
    }
    notes
}
