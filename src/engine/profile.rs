//! The runner's profile, set in plain words ("I'm 58", "use miles", "set tz
//! Europe/Berlin", "I have high blood pressure") and shown back on request.
//! Personal, so every answer here is private. A taper the runner names
//! ("I'm tapering for a marathon on Sunday") is kept here too, so it
//! survives a restart, and ends after the race day.

use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use regex::Regex;

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

/// "Show my profile" (with the taper, while it lasts).
pub(super) fn show(bot: &Bot, profile: &Profile, now: Timestamp) -> Reply {
    let mut reply = bot.plain(
        Intent::SetProfile,
        "profile.show",
        &[("profile", &summary(bot, profile))],
    );
    if let Some(until) = profile.taper_until.filter(|_| tapering(profile, now)) {
        let day = day_text(until, profile);
        let taper = bot.say("profile.taper", &[("day", &day)]);
        reply.text = format!("{} {taper}", reply.text);
    }
    reply.private = true;
    reply
}

/// A taper named without a race day lasts this long.
pub const TAPER_DAYS: i64 = 7;

/// The runner is in a taper they named (until its race day is over).
pub fn tapering(profile: &Profile, now: Timestamp) -> bool {
    profile.taper_until.is_some_and(|until| now <= until)
}

static RACE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|(tomorrow)|(this\s+weekend|the\s+weekend)|in\s+(\d{1,2})\s+days?)\b")
        .expect("valid race day regex")
});

/// The local day of the race a taper names ("on Sunday", "tomorrow", "this
/// weekend", "in 10 days"), from `today`.
fn race_day(text: &str, today: Date) -> Option<Date> {
    let caps = RACE_DAY.captures(text)?;
    let ahead = |weekday: Weekday| {
        let days = (weekday.to_monday_zero_offset() - today.weekday().to_monday_zero_offset())
            .rem_euclid(7);
        today
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .ok()
    };
    if let Some(name) = caps.get(1) {
        let weekday = match &name.as_str().to_lowercase()[..3] {
            "mon" => Weekday::Monday,
            "tue" => Weekday::Tuesday,
            "wed" => Weekday::Wednesday,
            "thu" => Weekday::Thursday,
            "fri" => Weekday::Friday,
            "sat" => Weekday::Saturday,
            _ => Weekday::Sunday,
        };
        return ahead(weekday);
    }
    if caps.get(2).is_some() {
        return today.tomorrow().ok();
    }
    if caps.get(3).is_some() {
        return ahead(Weekday::Sunday);
    }
    let days: i64 = caps.get(4)?.as_str().parse().ok()?;
    today.checked_add(jiff::Span::new().days(days)).ok()
}

/// "Tapering for a marathon on Sunday": kept in the profile (flushed) until
/// the end of the race day, or [`TAPER_DAYS`] when no day is named. The
/// reply's words: the race day, when one was named.
pub(super) fn name_taper(
    bot: &Bot,
    msg: &Incoming,
    profile: &mut Profile,
) -> Result<Option<String>, StoreError> {
    let tz = crate::rules::runner_zone(profile);
    let today = crate::rules::local_date(msg.at, &tz);
    let race = race_day(&msg.text, today);
    let until = race
        .and_then(|d| d.tomorrow().ok())
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| crate::clock::before(z.timestamp(), SignedDuration::from_secs(1)))
        .unwrap_or_else(|| {
            msg.at
                .checked_add(SignedDuration::from_hours(24 * TAPER_DAYS))
                .unwrap_or(msg.at)
        });
    if profile.taper_until != Some(until) {
        profile.taper_until = Some(until);
        bot.store.save_profile(&msg.user, profile)?;
    }
    Ok(race.map(|_| day_text(until, profile)))
}

/// "Sun 7 Jun", in the runner's zone.
fn day_text(at: Timestamp, profile: &Profile) -> String {
    at.to_zoned(crate::rules::runner_zone(profile))
        .strftime("%a %-d %b")
        .to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_race_day_a_taper_names() {
        // Tuesday 2 June 2026.
        let today = jiff::civil::date(2026, 6, 2);
        let day = |t: &str| race_day(t, today);
        assert_eq!(
            day("tapering for a marathon on Sunday"),
            Some(jiff::civil::date(2026, 6, 7))
        );
        assert_eq!(day("taper, race on tues"), Some(today));
        assert_eq!(
            day("race tomorrow, tapering"),
            Some(jiff::civil::date(2026, 6, 3))
        );
        assert_eq!(
            day("half this weekend"),
            Some(jiff::civil::date(2026, 6, 7))
        );
        assert_eq!(
            day("marathon in 10 days"),
            Some(jiff::civil::date(2026, 6, 12))
        );
        assert_eq!(day("starting my taper"), None);
    }
}
