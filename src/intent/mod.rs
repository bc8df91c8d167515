//! The intent matcher: turns a runner's own words into a [`Parsed`] message.
//!
//! This is the first thing every message meets, and the public `parse`
//! contract (see `DESIGN.md`) is exactly the JSON form of [`Parsed`]. The
//! matcher is a set of small regexes compiled once; nothing here knows about
//! storage, Discord or the coach.
//!
//! Layout: `normalize` brings Unicode to plain text first (NFKC, fractions,
//! emoji, accents), `typos` corrects one-letter typos of the vocabulary and
//! `unit_far` moves a unit word next to its number; `matcher` decides the
//! intent and runs the extractors in order; `text` cuts a message into
//! statement and question clauses; `vocab` holds the shared word lists
//! (slang, efforts, conditions, body parts, topics), while each extractor
//! keeps the patterns only it reads beside its code: `distance`, `bare`,
//! `duration`, `elapsed`, `conditions`, `body`, `sleep`, `days`, `run`,
//! `asks`, `reminders`, `profile`, `questions` and `warning` each read one
//! kind of fact. The domain's words themselves ([`Effort`], [`Topic`]...)
//! are the model's (`crate::model`).
//!
//! Readings the contract leaves open, decided here (each has corpus cases):
//! - only statements carry facts: a question ("is 6 hours of sleep
//!   enough?", "should I run today?") logs nothing and asks for tips;
//! - a run needs a run word, a distance with a unit or a name, a bare number
//!   right after a run word, or an effort word, in a clause that is not a
//!   plan ("tomorrow", "going to"), another sport ("walked 5k"), someone
//!   else's run ("my sister ran") or a negation ("didn't run" is rest);
//! - `distance_m`, `duration_s`, `effort` and `conditions` describe a run and
//!   are empty for every other intent; `body_parts` and `sleep_hours` are
//!   kept in any intent;
//! - reps are the product ("6x800m" is 4,800 m); warm-up + main + cool-down
//!   with no stated total is their sum;
//! - "last night" is `days_ago` 1 for a run and 0 for a sleep report;
//! - a named race ("Bath Half", "London Marathon") is `race`; a plain
//!   "marathon" or "parkrun" says nothing about effort;
//! - a one-letter typo of a vocabulary word of five letters or more is that
//!   word ("mintues"); shorter words are exact ("ran" is never "rain");
//! - a unit word of its own names the unit of a bare number ("ran 10 this
//!   morning, all in miles"); start and end clock times give the run's time;
//!   a race report's finish time wins over its splits;
//! - on a rest day, another day's distance ("yesterday's 20k", "heavy from
//!   the 30k") logs no run;
//! - "no sleep at all" is 0 hours; an impossible amount ("slept 30h") is a
//!   sleep report with `sleep_hours` null and the number in
//!   [`Details::impossible_sleep_hours`].

mod answer;
mod asks;
mod bare;
mod body;
pub mod clearance;
mod conditions;
mod correction;
mod days;
mod digits;
mod distance;
mod duration;
mod elapsed;
pub mod heat;
mod matcher;
mod normalize;
mod prefilter;
mod profile;
pub mod questions;
pub mod reminders;
mod run;
mod sleep;
mod text;
mod typos;
mod unit_far;
mod vocab;
pub mod warning;
mod warning_scope;
pub mod worsening;
pub mod zones;

use serde::{Deserialize, Serialize};

// The domain's words live in the model; the parser speaks them.
pub use crate::model::{
    BodyPart, ClockTime, Condition, Effort, HealthCondition, ReminderKind, Topic, Unit,
};

pub use answer::{asks_more_tips, short_answer, ShortAnswer};
pub use correction::{bare_amount_s, bedtime_change, correction};
pub use matcher::{parse, parse_for_runner, Matcher};

/// Longest message we look at. Discord caps a message at 4,000 characters
/// (Nitro); anything longer is cut first so every message costs about the same.
pub const MAX_INPUT_CHARS: usize = 4_000;

/// What the runner is doing with this message. The first one the text
/// supports, in declaration order, is the primary intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    LogRun,
    LogRest,
    LogSleep,
    ReportPain,
    SetReminder,
    SetProfile,
    Undo,
    Stats,
    AskTips,
    Help,
    Unknown,
}

/// A reminder request: `{"kind": "sleep" | "rest", "at": "HH:MM" | null}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRequest {
    pub kind: ReminderKind,
    pub at: Option<ClockTime>,
}

/// How the matcher reads numbers that carry no unit.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    pub default_unit: Unit,
}

/// One message, understood. Its JSON form is the public `parse` contract:
/// every field is always present, arrays are sorted and free of duplicates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    pub intent: Intent,
    pub distance_m: Option<f64>,
    pub duration_s: Option<u32>,
    pub effort: Option<Effort>,
    pub conditions: Vec<Condition>,
    pub days_ago: u32,
    pub sleep_hours: Option<f64>,
    pub body_parts: Vec<BodyPart>,
    pub topic: Option<Topic>,
    pub reminder: Option<ReminderRequest>,
    /// What the engine needs beyond the contract (profile settings, privacy
    /// commands...). Not part of the `parse` output.
    #[serde(skip)]
    pub details: Details,
}

/// Engine-only facts the matcher extracts alongside the contract fields.
/// `profile` is filled whatever the intent ("I'm 58, ran 10k" logs the run
/// and still tells the age); `pain_red_flag` only when pain is reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    /// Profile facts the runner told about themself ("I'm 58", "use miles").
    pub profile: ProfileUpdate,
    /// A command that is not a log: export, delete, stop reminders...
    pub command: Option<Command>,
    /// Pain described as sharp, with swelling, or lasting for days: the coach
    /// points these to a physical therapist.
    pub pain_red_flag: bool,
    /// Hours of sleep the runner said that no night can hold ("slept 30h"):
    /// the contract's `sleep_hours` stays within 0..=24 (so `null` here), and
    /// the engine answers that the number does not look right.
    pub impossible_sleep_hours: Option<f64>,
    /// A run distance was written that no run can have ("-5k", "0k",
    /// "1e308k", "NaN km"): `distance_m` is `null`, and the engine asks
    /// rather than log a run without its distance.
    pub unreadable_distance: bool,
    /// Zones an ambiguous abbreviation may mean ("tz IST"): the engine asks
    /// which one. Such a message is `set_profile`.
    pub time_zone_options: Vec<String>,
    /// "new PB!", "5k PR 24:10": the run is a personal best.
    pub personal_best: bool,
    /// Bare degrees ("31 degrees"), as read: the number and whether it was
    /// taken as °F. The reply says which scale was assumed.
    pub bare_degrees: Option<(f64, bool)>,
}

/// Profile facts found in a message; `None` means "not mentioned".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileUpdate {
    pub age: Option<u8>,
    pub unit: Option<Unit>,
    pub fahrenheit: Option<bool>,
    /// An IANA time zone name as the runner wrote it (validated by the engine).
    pub time_zone: Option<String>,
    pub conditions: Vec<HealthCondition>,
}

impl ProfileUpdate {
    pub fn is_empty(&self) -> bool {
        *self == ProfileUpdate::default()
    }
}

/// Requests that are neither logs nor tips.
///
/// The contract has no intent for these, so each maps to the closest one and
/// the engine looks at [`Details::command`] to act:
///
/// | command | contract intent | example |
/// |---|---|---|
/// | `ShowProfile` | `set_profile` | "show my profile" |
/// | `ExportData` | `stats` | "export my data" |
/// | `DeleteData` | `undo` | "delete my data", "forget me" |
/// | `ConfirmDelete` | `undo` | "yes, delete", "confirm delete" |
/// | `ListReminders` | `set_reminder`, `reminder: null` | "list my reminders" |
/// | `StopReminders` | `set_reminder`, `reminder: null` | "stop reminders", "no more reminders" |
/// | `RecapOn` | `set_reminder`, `reminder: null` | "weekly recap on", "send me a weekly recap" |
/// | `RecapOff` | `set_reminder`, `reminder: null` | "weekly recap off", "stop the weekly recap" |
///
/// The weekly recap is a reminder (persisted, Sunday evening), but the
/// contract's `reminder.kind` is "sleep" or "rest" only: a recap request
/// stays a command, so the parse output keeps to the listed values.
///
/// A log in the same message wins (the contract's order), and then
/// `command` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    ShowProfile,
    ExportData,
    DeleteData,
    ConfirmDelete,
    ListReminders,
    StopReminders,
    RecapOn,
    RecapOff,
}

/// Whether `word` (lowercase) is said in a statement of `text`, not only
/// asked about: "I'm tapering for Sunday" says it, "how long should my
/// taper be?" asks. For the engine's few words outside the parse contract.
pub fn states(text: &str, word: &str) -> bool {
    text::Message::new(text).statements.contains(word)
}

#[cfg(test)]
mod statement_tests {
    #[test]
    fn a_word_asked_about_is_not_stated() {
        assert!(super::states(
            "I'm tapering for the marathon on Sunday",
            "taper"
        ));
        assert!(super::states("taper week! ran 8k easy", "taper"));
        assert!(!super::states("how long should my taper be?", "taper"));
        assert!(!super::states("should I taper for a 10k", "taper"));
    }
}
