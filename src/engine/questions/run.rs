//! "Should I run today?" or tomorrow (yes, easy or rest, each reason its
//! own sentence)
//! and "how long until I can run hard again?", from the runner's logs (and
//! age: past [`rules::OLDER_AGE`] the answer says recovery takes longer). Both
//! take the recovery that ends last among the hard runs
//! ([`recovery::latest_pending`]: races, long runs, half-marathon distance
//! and more), the same estimate the reply to the log gave.

use jiff::{SignedDuration, Timestamp};

use super::super::format::{body_parts, describe_run, hours};
use super::super::{Bot, Incoming, Reply};
use crate::coach::signals::SLEEP_TARGET_H;
use crate::coach::{load, pain, recovery};
use crate::intent::{heat, questions};
use crate::intent::{BodyPart, Effort, Intent};
use crate::rules;
use crate::store::{LogEntry, Profile, StoreError};

/// Pain logged within this many days counts for "should I run today?".
const RECENT_PAIN_DAYS: i64 = 3;

fn since(now: Timestamp, at: Timestamp) -> f64 {
    now.duration_since(at).as_secs_f64() / 3600.0
}

/// The recovery that ends last among the hard runs (races, long runs,
/// half-marathon distance and more, see [`recovery::is_hard`]) and the
/// hours it still needs, if it needs any.
pub(super) fn hard_run_pending<'a>(
    logs: &'a [LogEntry],
    profile: &Profile,
    now: Timestamp,
) -> Option<(&'a LogEntry, u32)> {
    recovery::latest_pending(logs, profile.age, now, true).map(|p| (p.entry, p.hours_left))
}

#[derive(PartialEq, PartialOrd)]
enum Verdict {
    Yes,
    Easy,
    Rest,
}

/// The reasons as sentences: the first follows the verdict's colon, each
/// further one stands alone ("...: you slept only 5 h last night. Your 10 km
/// tempo run was about 20 h ago, ..."); the catalogue's sentence closes the
/// last.
fn sentences(reasons: &[String]) -> String {
    reasons
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if i == 0 {
                r.clone()
            } else {
                let mut c = r.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(". ")
}

pub(super) fn should_i_run(
    bot: &Bot,
    msg: &Incoming,
    asked_about: &[BodyPart],
    profile: &Profile,
    tomorrow: bool,
) -> Result<Reply, StoreError> {
    let history = bot.history(msg)?;
    let logs = &history.logs;
    let now = msg.at;
    let mut rest = Vec::new();
    let mut easy = Vec::new();
    if profile.safety.open_warning().is_some() {
        rest.push(bot.say("answer.reason_warning", &[]));
    }
    // Pain: escalated, or on two days or more lately, is a rest day; once in
    // the last few days, an easy one.
    let mut sore: Vec<BodyPart> = pain::active_escalations(&profile.safety, now);
    let window = crate::clock::before(now, SignedDuration::from_hours(24 * pain::PAIN_WINDOW_DAYS));
    let cleared = profile.safety.pain_cleared_at.unwrap_or(Timestamp::MIN);
    let recent_pain: Vec<&LogEntry> = logs
        .iter()
        .filter(|e| !e.pain.is_empty() && e.at > window && e.at > cleared)
        .collect();
    let mut lasting = sore.clone();
    for e in &recent_pain {
        for p in &e.pain {
            if recent_pain.iter().filter(|o| o.pain.contains(p)).count() >= 2 {
                lasting.push(*p);
            }
        }
    }
    lasting.sort();
    lasting.dedup();
    if !lasting.is_empty() {
        let parts = body_parts(&bot.catalogue, &lasting);
        rest.push(bot.say("answer.reason_pain", &[("parts", &parts)]));
    } else {
        let fresh = crate::clock::before(now, SignedDuration::from_hours(24 * RECENT_PAIN_DAYS));
        // "is it ok to run with a sore knee?": the knee counts too.
        sore.extend(asked_about.iter().copied());
        sore.extend(
            recent_pain
                .iter()
                .filter(|e| e.at > fresh)
                .flat_map(|e| e.pain.iter().copied()),
        );
        sore.sort();
        sore.dedup();
        if !sore.is_empty() {
            let parts = body_parts(&bot.catalogue, &sore);
            easy.push(bot.say("answer.reason_pain", &[("parts", &parts)]));
        }
    }
    let tz = rules::runner_zone(profile);
    let today = rules::local_date(now, &tz);
    let streak = rules::running_days_in_a_row(logs, today, &tz).max(
        today
            .yesterday()
            .map_or(0, |d| rules::running_days_in_a_row(logs, d, &tz)),
    );
    if streak >= rules::REST_AFTER_RUNNING_DAYS {
        rest.push(bot.say("answer.reason_streak", &[("days", &streak.to_string())]));
    }
    // A run already done today makes a second one an easy one at most;
    // after a long run, a race or a hard session, none at all.
    if let Some(run) = logs
        .iter()
        .rev()
        .filter(|e| rules::local_date(e.at, &tz) == today)
        .find_map(|e| e.run.as_ref())
    {
        let hard = rules::is_long_run(run, load::typical_pace(logs))
            || matches!(
                run.effort,
                Some(Effort::Race | Effort::Tempo | Effort::Intervals)
            );
        let run = describe_run(&bot.catalogue, Some(run), profile);
        let reason = bot.say("answer.reason_ran_today", &[("run", &run)]);
        // Tomorrow, only the recovery time left counts (below).
        match (hard, tomorrow) {
            (_, true) => {}
            (true, false) => rest.push(reason),
            (false, false) => easy.push(reason),
        }
    }
    // Asked about tomorrow: what recovery time is left by then.
    let then = if tomorrow {
        now.checked_add(SignedDuration::from_hours(24))
            .unwrap_or(now)
    } else {
        now
    };
    let pending = hard_run_pending(logs, profile, then);
    if let Some((entry, left)) = pending {
        let run = describe_run(&bot.catalogue, entry.run.as_ref(), profile);
        let ago = since(now, entry.at).round().max(1.0) as u32;
        debug_assert!(left > 0);
        easy.push(bot.say(
            "answer.reason_recent_hard",
            &[("run", &run), ("hours", &hours(f64::from(ago)))],
        ));
    }
    // Last night's sleep says nothing about tomorrow.
    let night = crate::clock::before(now, SignedDuration::from_hours(18));
    if let Some(slept) = logs
        .iter()
        .rev()
        .filter(|e| e.at > night && !tomorrow)
        .find_map(|e| e.sleep.as_ref())
    {
        if slept.hours < SLEEP_TARGET_H {
            easy.push(bot.say(
                "answer.reason_short_sleep",
                &[("hours", &hours(slept.hours))],
            ));
        }
    }
    // A hot day asked about: the run can happen, gently (NHS heat advice).
    if heat::hot_day(&msg.text, profile.fahrenheit) {
        easy.push(bot.say("answer.reason_heat", &[]));
    }
    if load::summary(logs, now).trend == load::Trend::Up
        && !super::super::profile::tapering(profile, now)
    {
        easy.push(bot.say("answer.reason_load_up", &[]));
    }
    let verdict = if !rest.is_empty() {
        Verdict::Rest
    } else if !easy.is_empty() {
        Verdict::Easy
    } else {
        Verdict::Yes
    };
    let day = if tomorrow { "_tomorrow" } else { "" };
    let mut reply = match verdict {
        Verdict::Rest => {
            let reason = sentences(&rest);
            let key = format!("answer.run_rest{day}");
            bot.plain(Intent::AskTips, &key, &[("reason", &reason)])
        }
        Verdict::Easy => {
            let reason = sentences(&easy);
            let key = format!("answer.run_easy{day}");
            bot.plain(Intent::AskTips, &key, &[("reason", &reason)])
        }
        Verdict::Yes => bot.plain(Intent::AskTips, &format!("answer.run_yes{day}"), &[]),
    };
    // An older runner's answer is weighed for their age: the hard run's
    // recovery was already lengthened (so say why), and a yes leaves more
    // room between hard sessions. A rest day needs no more.
    if let Some(age) = profile.age.filter(|_| rules::is_older(profile.age)) {
        let key = match verdict {
            Verdict::Rest => None,
            Verdict::Easy if pending.is_some() => Some("answer.age_easy"),
            Verdict::Easy | Verdict::Yes => Some("answer.age_yes"),
        };
        if let Some(key) = key {
            let note = bot.say(key, &[("age", &age.to_string())]);
            reply.text = format!("{} {note}", reply.text);
        }
    }
    Ok(reply)
}

pub(super) fn hard_again(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    if profile.safety.open_warning().is_some() {
        let reason = bot.say("answer.reason_warning", &[]);
        return Ok(bot.plain(Intent::AskTips, "answer.run_rest", &[("reason", &reason)]));
    }
    let sore = pain::active_escalations(&profile.safety, msg.at);
    if !sore.is_empty() {
        let parts = body_parts(&bot.catalogue, &sore);
        let reason = bot.say("answer.reason_pain", &[("parts", &parts)]);
        return Ok(bot.plain(Intent::AskTips, "answer.run_rest", &[("reason", &reason)]));
    }
    let history = bot.history(msg)?;
    let logs = &history.logs;
    let now = msg.at;
    // A distance named in the question ("after a half marathon") wins: the
    // runner may not have logged it.
    if let Some(metres) = questions::distance_named(text) {
        let days = recovery::race_days(metres);
        let race = super::super::format::distance(metres, profile.unit);
        let race = bot
            .catalogue
            .say("describe.race", 0, &[("distance", &race)]);
        return Ok(bot.plain(
            Intent::AskTips,
            "answer.hard_again_race",
            &[("race", &race), ("days", &days.to_string())],
        ));
    }
    // The recovery that ends last: a race by its rule (one easy day per mile
    // raced), any other hard run in hours.
    if let Some(p) = recovery::latest_pending(logs, profile.age, now, true) {
        let run = describe_run(&bot.catalogue, p.entry.run.as_ref(), profile);
        return Ok(if p.race_rule {
            bot.plain(
                Intent::AskTips,
                "answer.hard_again_race",
                &[("race", &run), ("days", &(p.hours_left / 24).to_string())],
            )
        } else {
            bot.plain(
                Intent::AskTips,
                "answer.hard_again_run",
                &[("run", &run), ("hours", &p.hours_left.to_string())],
            )
        });
    }
    Ok(bot.plain(Intent::AskTips, "answer.hard_again_none", &[]))
}
