//! The words of running that every layer shares: effort, weather and
//! terrain, body parts, recovery topics, reminder kinds, clock times, units
//! and health conditions. Their serde names are the `parse` contract's
//! strings and what the store keeps, so a variant's name is public.

use serde::{Deserialize, Serialize};

/// How hard the run was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Easy,
    Recovery,
    Tempo,
    Intervals,
    Long,
    Race,
}

/// Weather and terrain. Variants are in alphabetical order of their names so
/// that sorting the enum sorts the contract's strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Cold,
    Hills,
    Hot,
    Humid,
    Rain,
    Snow,
    Trail,
    Wind,
}

/// A sore or painful part of the body. Alphabetical, like [`Condition`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyPart {
    Achilles,
    Ankle,
    Back,
    Calf,
    Foot,
    Glute,
    Hamstring,
    Hip,
    ItBand,
    Knee,
    Quad,
    Shin,
}

/// The eight recovery topics; also the ids of the tips in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Cooldown,
    Nutrition,
    Hydration,
    Stretching,
    Massage,
    Rest,
    Sleep,
    Cold,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::Cooldown,
        Topic::Nutrition,
        Topic::Hydration,
        Topic::Stretching,
        Topic::Massage,
        Topic::Rest,
        Topic::Sleep,
        Topic::Cold,
    ];

    /// The contract's string for this topic (also the catalogue id).
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Cooldown => "cooldown",
            Topic::Nutrition => "nutrition",
            Topic::Hydration => "hydration",
            Topic::Stretching => "stretching",
            Topic::Massage => "massage",
            Topic::Rest => "rest",
            Topic::Sleep => "sleep",
            Topic::Cold => "cold",
        }
    }

    pub fn from_id(id: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == id)
    }
}

/// Which reminder a runner asked for.
///
/// The `parse` contract lists only `sleep` and `rest`: the parser never
/// makes a `Recap` request (a recap is a command, see
/// `intent::Command::RecapOn`), so its name shows only in `replay`'s
/// reminder lines and in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Sleep,
    Rest,
    /// The opt-in weekly recap, Sunday evening.
    Recap,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 3] =
        [ReminderKind::Sleep, ReminderKind::Rest, ReminderKind::Recap];
}

/// A wall-clock time of day, written "HH:MM" in the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl std::str::FromStr for ClockTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (h, m) = s
            .split_once(':')
            .ok_or_else(|| format!("`{s}` is not HH:MM"))?;
        let (h, m) = (h.parse::<u8>(), m.parse::<u8>());
        match (h, m) {
            (Ok(h), Ok(m)) => {
                ClockTime::new(h, m).ok_or_else(|| format!("`{s}` is not a time of day"))
            }
            _ => Err(format!("`{s}` is not HH:MM")),
        }
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Distance unit for bare numbers ("easy 7") and for showing distances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Km,
    Mi,
}

impl std::str::FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "km" | "k" | "kilometres" | "kilometers" => Ok(Unit::Km),
            "mi" | "mile" | "miles" => Ok(Unit::Mi),
            other => Err(format!("unknown unit `{other}` (use km or mi)")),
        }
    }
}

/// Health conditions the runner told about: some change the advice (cold
/// therapy's contraindications), all are private.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthCondition {
    HeartDisease,
    HighBloodPressure,
    Diabetes,
    /// Named so the profile keeps it private; no tip depends on it yet.
    Asthma,
}
