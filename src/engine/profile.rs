//! The runner's profile, set in plain words ("I'm 58", "use miles", "set tz
//! Europe/Berlin", "I have high blood pressure") and shown back on request.
//! Personal, so every answer here is private.

use jiff::tz::TimeZone;

use super::{Bot, Incoming, Reply};
use crate::coach;
use crate::intent::{HealthCondition, Intent, ProfileUpdate, Unit};
use crate::store::{Profile, StoreError};

/// Applies what the message says about the runner and saves it (flushed).
/// Returns sentences about what could not be taken (an unknown time zone),
/// and whether anything was saved.
pub(super) fn apply(
    bot: &Bot,
    msg: &Incoming,
    update: &ProfileUpdate,
    profile: &mut Profile,
) -> Result<(Vec<String>, bool), StoreError> {
    if update.is_empty() {
        return Ok((Vec::new(), false));
    }
    let mut notes = Vec::new();
    let before = profile.clone();
    match update.age {
        Some(age) if crate::rules::AGES.contains(&age) => profile.age = Some(age),
        Some(age) => notes.push(bot.say("profile.bad_age", &[("age", &age.to_string())])),
        None => {}
    }
    if let Some(unit) = update.unit {
        // A change of unit system brings its temperature scale along
        // (miles: °F) unless the message names a scale itself: bare
        // degrees are then read as the runner expects, and the reply
        // says which scale it took.
        if unit != profile.unit && update.fahrenheit.is_none() {
            profile.fahrenheit = unit == Unit::Mi;
        }
        profile.unit = unit;
    }
    if let Some(f) = update.fahrenheit {
        profile.fahrenheit = f;
    }
    if let Some(name) = &update.time_zone {
        match TimeZone::get(name) {
            Ok(tz) => profile.time_zone = Some(tz.iana_name().unwrap_or(name).to_owned()),
            Err(_) => notes.push(bot.say("profile.bad_time_zone", &[("tz", name)])),
        }
    }
    for c in &update.conditions {
        if !profile.conditions.contains(c) {
            profile.conditions.push(*c);
        }
    }
    profile.conditions.sort();
    let changed = *profile != before;
    if changed {
        bot.store.save_profile(&msg.user, profile)?;
    }
    Ok((notes, changed))
}

/// The answer to a message that set profile facts.
pub(super) fn updated(bot: &Bot, update: &ProfileUpdate, profile: &Profile, saved: bool) -> Reply {
    let key = match (update.is_empty(), saved) {
        (true, _) => "profile.nothing",
        (false, true) => "profile.updated",
        // Nothing usable (an unknown time zone): show what stands.
        (false, false) => "profile.show",
    };
    let mut reply = bot.plain(
        Intent::SetProfile,
        key,
        &[("profile", &summary(bot, profile))],
    );
    reply.logged = saved;
    if update
        .conditions
        .iter()
        .any(|c| coach::COLD_CONTRAINDICATIONS.contains(c))
    {
        reply.text = format!("{} {}", reply.text, bot.say("safety.cold_ask_doctor", &[]));
    }
    reply.private = true;
    reply
}

/// "Show my profile".
pub(super) fn show(bot: &Bot, profile: &Profile) -> Reply {
    let mut reply = bot.plain(
        Intent::SetProfile,
        "profile.show",
        &[("profile", &summary(bot, profile))],
    );
    reply.private = true;
    reply
}

/// The profile in one line, in the catalogue's words.
pub fn summary(bot: &Bot, profile: &Profile) -> String {
    let not_set = || bot.say("profile.not_set", &[]);
    let age = profile.age.map_or_else(not_set, |a| a.to_string());
    let units = bot.say(
        match profile.unit {
            Unit::Km => "profile.km",
            Unit::Mi => "profile.mi",
        },
        &[],
    );
    let temperature = bot.say(
        if profile.fahrenheit {
            "profile.fahrenheit"
        } else {
            "profile.celsius"
        },
        &[],
    );
    let time_zone = profile.time_zone.clone().unwrap_or_else(not_set);
    let conditions = if profile.conditions.is_empty() {
        bot.say("profile.no_conditions", &[])
    } else {
        let names: Vec<String> = profile
            .conditions
            .iter()
            .map(|c| {
                bot.say(
                    match c {
                        HealthCondition::HeartDisease => "profile.heart_disease",
                        HealthCondition::HighBloodPressure => "profile.high_blood_pressure",
                        HealthCondition::Diabetes => "profile.diabetes",
                        HealthCondition::Asthma => "profile.asthma",
                    },
                    &[],
                )
            })
            .collect();
        super::format::list(&bot.catalogue, names.iter().map(String::as_str))
    };
    bot.say(
        "profile.summary",
        &[
            ("age", &age),
            ("units", &units),
            ("temperature", &temperature),
            ("time_zone", &time_zone),
            ("conditions", &conditions),
        ],
    )
}

/// The answer to "which time zone did you mean?": saves the zone chosen.
pub(super) fn set_time_zone(
    bot: &Bot,
    msg: &Incoming,
    profile: &Profile,
    zone: &str,
) -> Result<Reply, StoreError> {
    let update = ProfileUpdate {
        time_zone: Some(zone.to_owned()),
        ..ProfileUpdate::default()
    };
    let mut profile = profile.clone();
    let (_, saved) = apply(bot, msg, &update, &mut profile)?;
    Ok(updated(bot, &update, &profile, saved))
}
