//! The sentences of the safety layer and of the answers to runners'
//! questions: medical warning signs, pain that lasts or worsens, general
//! soreness, and "should I run today?", "how much protein?"... Kept apart
//! from [`super::MESSAGES`] so these keys and their rule (each health claim
//! names its source in a `[sources.<group>]` table) read in one place.

use super::messages::MessageSpec;

const fn m(key: &'static str, vars: &'static [&'static str]) -> MessageSpec {
    MessageSpec { key, vars }
}

/// Every safety and answer message key, with its placeholders.
pub const SAFETY_MESSAGES: &[MessageSpec] = &[
    m("warning.open", &[]),
    m("warning.public", &[]),
    m("warning.chest_pain", &[]),
    m("warning.radiating_pain", &[]),
    m("warning.heartbeat", &[]),
    m("warning.fainting", &[]),
    m("warning.breathless", &[]),
    m("warning.heat_illness", &[]),
    m("warning.dark_urine", &[]),
    m("warning.pop_snap", &[]),
    m("warning.numbness", &[]),
    m("warning.head_injury", &[]),
    m("warning.low_blood_sugar", &[]),
    m("warning.not_diagnosis", &[]),
    m("warning.run_saved", &[]),
    m("warning.hold", &[]),
    m("warning.still_open", &[]),
    m("warning.checked", &[]),
    m("warning.cold_cleared", &[]),
    m("pain.ack_run", &["run"]),
    m("pain.ack", &["parts"]),
    m("pain.escalate", &["parts"]),
    m("pain.escalate_general", &[]),
    m("pain.still", &["parts"]),
    m("pain.no_rubbing", &[]),
    m("pain.cleared", &[]),
    m("soreness.general", &[]),
    m("answer.run_yes", &[]),
    m("answer.run_easy", &["reason"]),
    m("answer.run_rest", &["reason"]),
    m("answer.reason_warning", &[]),
    m("answer.reason_pain", &["parts"]),
    m("answer.reason_recent_hard", &["run", "hours"]),
    m("answer.reason_short_sleep", &["hours"]),
    m("answer.reason_streak", &["days"]),
    m("answer.reason_ran_today", &["run"]),
    m("answer.reason_load_up", &[]),
    m("answer.protein", &["low", "high", "per_meal"]),
    m("answer.carbs", &["low", "high"]),
    m("answer.water", &["low", "high"]),
    m("answer.water_during", &[]),
    m("answer.weight_known", &["kg"]),
    m("answer.weight_default", &["kg"]),
    m("answer.hard_again_race", &["race", "days"]),
    m("answer.hard_again_run", &["run", "hours"]),
    m("answer.hard_again_none", &[]),
    m("answer.warm_up", &[]),
    m("answer.cannot", &[]),
    m("answer.weight_saved", &["kg"]),
];

/// The keys whose sentences make a health claim: the catalogue must give
/// each a source.
pub const SOURCED: &[&str] = &[
    "warning.open",
    "warning.public",
    "warning.chest_pain",
    "warning.radiating_pain",
    "warning.heartbeat",
    "warning.fainting",
    "warning.breathless",
    "warning.heat_illness",
    "warning.dark_urine",
    "warning.pop_snap",
    "warning.numbness",
    "warning.head_injury",
    "warning.low_blood_sugar",
    "pain.escalate",
    "pain.escalate_general",
    "pain.no_rubbing",
    "soreness.general",
    "answer.protein",
    "answer.carbs",
    "answer.water",
    "answer.water_during",
    "answer.hard_again_race",
    "answer.warm_up",
];
