//! Answers to the questions beside the four the coach works out from the
//! logs: carb loading, running on little sleep, shift work, salt tablets, icing or
//! stretching an injury, "is it normal for my shins to hurt?", and the
//! follow-ups after a warning sign ("it's probably nothing, right?"), which
//! get one calm answer: have it checked first.
//!
//! Every sentence is a catalogue message with its source
//! (`responses/safety.toml`, `[messages.answer]`).

use std::sync::LazyLock;

use regex::Regex;

use super::super::format::{body_parts, hours};
use super::super::{Bot, Incoming, Reply};
use super::{kg_text, round_to, DEFAULT_WEIGHT_KG};
use crate::coach::pain;
use crate::coach::signals::SLEEP_TARGET_H;
use crate::intent::questions::Question;
use crate::intent::{HealthCondition, Intent, Parsed};
use crate::store::Profile;

/// ACSM/AND/DC 2016: 10 to 12 g of carbohydrate per kg a day for the 36 to
/// 48 hours before a race of 90 minutes or more.
pub const CARB_LOADING_G_PER_KG: (f64, f64) = (10.0, 12.0);

/// A question that refers back to what happened or to running ("it's
/// probably nothing, right?", "can I still run tomorrow?"), not one about
/// something else ("what's the weather tomorrow?").
static ABOUT_IT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:it|it's|its|that|this|nothing|serious|worr(?:y|ied)|ok|okay|fine|normal|run|running|race|racing|train|training|rest|resting|exercise|workout|gym|doctor|gp|hospital|pain|hurt\w*|heart|chest|sore|better)\b")
        .expect("valid follow-up regex")
});

/// A fresh injury or an unchecked warning sign: a pop, sharp or swollen
/// pain escalated lately, or a warning sign no doctor has checked yet.
fn injured(profile: &Profile, parsed: &Parsed, msg: &Incoming) -> bool {
    profile.safety.open_warning().is_some()
        || parsed.details.pain_red_flag
        || !pain::active_escalations(&profile.safety, msg.at).is_empty()
}

/// The answer to `asked`, when this module has one for this runner;
/// `None` to go on as usual.
pub(super) fn answer(
    bot: &Bot,
    msg: &Incoming,
    asked: Option<&Question>,
    parsed: &Parsed,
    profile: &Profile,
    asks_something: bool,
) -> Option<Reply> {
    let injured = injured(profile, parsed, msg);
    // Help, stats, reminders and profile requests are answered as usual.
    let asks_advice = matches!(parsed.intent, Intent::AskTips | Intent::Unknown);
    let follow_up = asks_something && asks_advice && ABOUT_IT.is_match(&msg.text);
    let key = match asked {
        Some(Question::StretchIt) if injured && asks_advice => "answer.stretch_injury",
        Some(Question::Ice) if injured && asks_advice => "answer.ice_injury",
        // After a warning sign, every other question that is not one of the
        // coach's own ("should I run today?" says rest, and why) gets the
        // same calm answer.
        None | Some(Question::StretchIt | Question::Ice | Question::RunOnLittleSleep(_))
            if follow_up && profile.safety.open_warning().is_some() =>
        {
            "answer.warning_follow_up"
        }
        Some(Question::CarbLoading) => return Some(carb_loading(bot, profile)),
        Some(Question::ShiftWork) => "answer.shift_work",
        Some(Question::RunOnLittleSleep(h)) if h.map_or(true, |h| h < SLEEP_TARGET_H) => {
            let night = match h {
                Some(h) => bot.say("answer.short_night_hours", &[("hours", &hours(*h))]),
                None => bot.say("answer.short_night", &[]),
            };
            return Some(bot.plain(Intent::AskTips, "answer.little_sleep", &[("night", &night)]));
        }
        Some(Question::SaltTablets) => {
            let hbp = profile
                .conditions
                .contains(&HealthCondition::HighBloodPressure)
                || parsed
                    .details
                    .profile
                    .conditions
                    .contains(&HealthCondition::HighBloodPressure);
            if hbp {
                "answer.salt_high_blood_pressure"
            } else {
                "answer.salt"
            }
        }
        // Pain that was escalated or a warning sign is not "normal".
        Some(Question::NormalSoreness) if !injured => {
            let parts = if parsed.body_parts.is_empty() {
                bot.say("answer.legs", &[])
            } else {
                body_parts(&bot.catalogue, &parsed.body_parts)
            };
            return Some(bot.plain(
                Intent::AskTips,
                "answer.normal_soreness",
                &[("parts", &parts)],
            ));
        }
        _ => return None,
    };
    Some(bot.plain(Intent::AskTips, key, &[]))
}

pub(super) fn carb_loading(bot: &Bot, profile: &Profile) -> Reply {
    let kg = profile.weight_kg.unwrap_or(DEFAULT_WEIGHT_KG);
    let low = round_to(kg * CARB_LOADING_G_PER_KG.0, 10.0);
    let high = round_to(kg * CARB_LOADING_G_PER_KG.1, 10.0);
    let line = bot.say(
        "answer.carb_loading",
        &[
            ("low", &format!("{low:.0}")),
            ("high", &format!("{high:.0}")),
        ],
    );
    let note = match profile.weight_kg {
        Some(kg) => bot.say("answer.weight_known", &[("kg", &kg_text(kg))]),
        None => bot.say("answer.weight_default", &[("kg", &kg_text(kg))]),
    };
    Reply::new(Intent::AskTips, format!("{line} {note}"))
}
