//! The records Cooldown stores: what a runner logged, and their profile.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{BodyPart, Condition, Effort, HealthCondition, Topic, Unit};

/// One message's worth of logged facts. A message such as "ran 20k hot,
/// slept 5h, calves sore" is one entry, so that undo and edits act on what
/// the runner wrote as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When it happened (the message time, moved back by "yesterday" etc.).
    pub at: Timestamp,
    /// When the runner told us.
    pub logged_at: Timestamp,
    /// The chat message it came from, so an edit or delete can follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunLog>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep: Option<SleepLog>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<RestLog>,
    /// Sore or painful body parts mentioned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain: Vec<BodyPart>,
}

impl LogEntry {
    /// True when the entry holds nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        self.run.is_none() && self.sleep.is_none() && self.rest.is_none() && self.pain.is_empty()
    }
}

/// A run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RunLog {
    pub distance_m: Option<f64>,
    pub duration_s: Option<u32>,
    pub effort: Option<Effort>,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// The runner called it a personal best (the club's weekly highlights).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal_best: bool,
}

/// A night's sleep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SleepLog {
    pub hours: f64,
}

/// A rest day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RestLog {}

/// What a runner told us about themself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Profile {
    pub age: Option<u8>,
    pub unit: Unit,
    pub fahrenheit: bool,
    /// IANA name, validated when set.
    pub time_zone: Option<String>,
    pub conditions: Vec<HealthCondition>,
    /// A delete was asked for and awaits "yes, delete".
    pub delete_requested_at: Option<Timestamp>,
    /// Body weight in kilograms, for amounts per kg ("I weigh 70kg").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f64>,
    /// Warning signs, pain escalations and clearances (see [`SafetyState`]).
    #[serde(skip_serializing_if = "SafetyState::is_empty")]
    pub safety: SafetyState,
    /// A taper the runner named ("tapering for a marathon on Sunday") lasts
    /// until this instant: the end of the race day, or 7 days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taper_until: Option<Timestamp>,
}

/// What the coach must remember for safety: a medical warning sign that
/// holds back hard sessions until the runner says a doctor checked them,
/// body parts whose pain was escalated to a physio, and clearances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SafetyState {
    /// Warning signs reported, oldest first (the runs they came with stay in
    /// the log; these mark them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningMark>,
    /// When the runner last said a doctor had checked them: warnings before
    /// this no longer hold anything back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<Timestamp>,
    /// Body parts told to see a physio, and when it was last said (so the
    /// full sentence is not repeated on every message).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub escalated: Vec<(BodyPart, Timestamp)>,
    /// When the runner last said the pain is gone or a physio cleared them:
    /// pain reported before this does not count as lasting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_cleared_at: Option<Timestamp>,
    /// A doctor cleared cold therapy despite a condition in the profile.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cold_cleared: bool,
}

impl SafetyState {
    pub fn is_empty(&self) -> bool {
        *self == SafetyState::default()
    }

    /// The latest warning sign not yet followed by "a doctor checked me".
    pub fn open_warning(&self) -> Option<&WarningMark> {
        self.warnings
            .last()
            .filter(|w| self.checked_at.map_or(true, |c| c < w.at))
    }
}

/// A medical warning sign the runner reported, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningMark {
    /// When the message came (the run it marks has this `logged_at`).
    pub at: Timestamp,
    /// The kinds of sign, as their catalogue ids ("chest_pain"...).
    pub kinds: Vec<String>,
}

/// Which tips a runner was given, and when: the coach's memory, so that it
/// rotates its advice instead of repeating itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdviceRecord {
    pub at: Timestamp,
    pub tips: Vec<Topic>,
}

/// Everything held about one user, as handed to them on "export my data".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserExport {
    pub user: String,
    pub profile: Profile,
    pub logs: Vec<LogEntry>,
    /// The tips they were given (kept to avoid repeating advice).
    #[serde(default)]
    pub advice: Vec<AdviceRecord>,
    /// The servers whose weekly club summary they joined.
    #[serde(default)]
    pub clubs: Vec<u64>,
    /// The name each club shows them by, where one was given (server id,
    /// display name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub club_names: Vec<(u64, String)>,
    /// Their bedtime and rest-day reminders.
    #[serde(default)]
    pub reminders: super::UserReminders,
}
