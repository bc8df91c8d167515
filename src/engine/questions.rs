//! Answers to the questions runners ask, from their own history: "should I
//! run today?" (yes, easy or rest, and why), "how much protein / carbs /
//! water?" (amounts per kilo of their weight), "how long until I can run
//! hard again?" (scaled to the race or run), "what should I do before a
//! run?" (warming up), and an honest "I can't help with that" for the rest.
//! Also takes the body weight a runner tells ("I weigh 70kg").
//!
//! The figures come from the sources named in `responses/safety.toml`; the
//! arithmetic here only scales them to the runner.

use jiff::{SignedDuration, Timestamp};

use super::format::{body_parts, describe_run, hours, list};
use super::{Bot, Incoming, Reply};
use crate::coach::{load, pain, recovery};
use crate::intent::questions::{self, Nutrient, Question};
use crate::intent::{BodyPart, Effort, Intent, Parsed};
use crate::rules;
use crate::store::{LogEntry, Profile, StoreError};

/// The weight amounts are worked out for when the runner has not told theirs.
pub const DEFAULT_WEIGHT_KG: f64 = 70.0;
/// ISSN: 1.4 to 2.0 g of protein per kg a day; about 0.25 g/kg a dose,
/// 20 to 40 g.
pub const PROTEIN_G_PER_KG: (f64, f64) = (1.4, 2.0);
pub const PROTEIN_DOSE_G_PER_KG: f64 = 0.25;
/// ACSM/AND/DC 2016: 5 to 7 g of carbohydrate per kg on a day of about an
/// hour's training.
pub const CARBS_G_PER_KG: (f64, f64) = (5.0, 7.0);
/// ACSM 2007/2016: 1.25 to 1.5 L per kg of sweat lost; the seed article's
/// 2% of body weight as the loss of a hot or long run.
pub const FLUID_L_PER_KG_LOST: (f64, f64) = (1.25, 1.5);
pub const SWEAT_LOSS_SHARE: f64 = 0.02;
/// Metres in a mile, for "one easy day per mile raced".
const MILE_M: f64 = 1609.344;
/// Under this many hours of sleep last night, today is an easy day.
const SHORT_SLEEP_H: f64 = 6.0;
/// Pain logged within this many days counts for "should I run today?".
const RECENT_PAIN_DAYS: i64 = 3;

/// The answer, when the message is a question this module answers or a body
/// weight. `None`: coach as usual.
pub(super) fn answer(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: &Parsed,
    profile: &mut Profile,
) -> Result<Option<Reply>, StoreError> {
    let logs = matches!(
        parsed.intent,
        Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain
    );
    if logs || parsed.details.command.is_some() {
        return Ok(None);
    }
    answer_alone(bot, msg, text, parsed, profile)
}

/// The answer to a question asked alongside a log ("ran 32k, how much
/// protein should I eat?"), to go after the log's reply.
pub(super) fn follow_up(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    profile: &Profile,
) -> Result<Option<String>, StoreError> {
    let reply = match questions::question(text) {
        Some(Question::Amounts(what)) => amounts(bot, &what, questions::during(text), profile),
        Some(Question::HardAgain) => hard_again(bot, msg, text, profile)?,
        Some(Question::WarmUp) => bot.plain(Intent::AskTips, "answer.warm_up", &[]),
        // "should I run today?" after logging today's run answers itself.
        Some(Question::ShouldIRun) | None => return Ok(None),
    };
    Ok(Some(reply.text))
}

fn answer_alone(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: &Parsed,
    profile: &mut Profile,
) -> Result<Option<Reply>, StoreError> {
    if let Some(kg) = questions::body_weight(text) {
        profile.weight_kg = Some(kg);
        bot.store.save_profile(&msg.user, profile)?;
        let mut reply = bot.plain(
            Intent::SetProfile,
            "answer.weight_saved",
            &[("kg", &kg_text(kg))],
        );
        reply.logged = true;
        reply.private = true;
        return Ok(Some(reply));
    }
    let reply = match questions::question(text) {
        Some(Question::ShouldIRun) => should_i_run(bot, msg, &parsed.body_parts, profile)?,
        Some(Question::Amounts(what)) => amounts(bot, &what, questions::during(text), profile),
        Some(Question::HardAgain) => hard_again(bot, msg, text, profile)?,
        Some(Question::WarmUp) => bot.plain(Intent::AskTips, "answer.warm_up", &[]),
        None if parsed.intent == Intent::Unknown && asks_something(text) => {
            bot.plain(Intent::Unknown, "answer.cannot", &[])
        }
        None => return Ok(None),
    };
    Ok(Some(Reply {
        intent: parsed.intent,
        // Built from the runner's logs and body: theirs alone.
        private: true,
        ..reply
    }))
}

/// A question or request the matcher found nothing in ("what a lovely
/// day" is neither).
fn asks_something(text: &str) -> bool {
    let lower = text.trim().to_lowercase().replace('\u{2019}', "'");
    const OPENERS: [&str; 22] = [
        "recommend",
        "suggest",
        "tell me",
        "give me",
        "find me",
        "help me",
        "can you",
        "could you",
        "will you",
        "would you",
        "do you",
        "are you",
        "how do",
        "how can",
        "how does",
        "how to",
        "what is",
        "what's",
        "what are",
        "why ",
        "who ",
        "where ",
    ];
    lower.ends_with('?') || OPENERS.iter().any(|w| lower.starts_with(w))
}

fn kg_text(kg: f64) -> String {
    if kg.fract().abs() < 0.05 {
        format!("{kg:.0}")
    } else {
        format!("{kg:.1}")
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

fn amounts(bot: &Bot, what: &[Nutrient], during: bool, profile: &Profile) -> Reply {
    let kg = profile.weight_kg.unwrap_or(DEFAULT_WEIGHT_KG);
    let mut lines = Vec::new();
    for nutrient in what {
        let line = match nutrient {
            Nutrient::Protein => {
                let low = round_to(kg * PROTEIN_G_PER_KG.0, 5.0);
                let high = round_to(kg * PROTEIN_G_PER_KG.1, 5.0);
                let dose = round_to((kg * PROTEIN_DOSE_G_PER_KG).clamp(20.0, 40.0), 5.0);
                bot.say(
                    "answer.protein",
                    &[
                        ("low", &format!("{low:.0}")),
                        ("high", &format!("{high:.0}")),
                        ("per_meal", &format!("{dose:.0}")),
                    ],
                )
            }
            Nutrient::Carbs => {
                let low = round_to(kg * CARBS_G_PER_KG.0, 10.0);
                let high = round_to(kg * CARBS_G_PER_KG.1, 10.0);
                bot.say(
                    "answer.carbs",
                    &[
                        ("low", &format!("{low:.0}")),
                        ("high", &format!("{high:.0}")),
                    ],
                )
            }
            Nutrient::Water if during => bot.say("answer.water_during", &[]),
            Nutrient::Water => {
                let lost = kg * SWEAT_LOSS_SHARE;
                let low = lost * FLUID_L_PER_KG_LOST.0;
                let high = lost * FLUID_L_PER_KG_LOST.1;
                bot.say(
                    "answer.water",
                    &[
                        ("low", &format!("{low:.1}")),
                        ("high", &format!("{high:.1}")),
                    ],
                )
            }
        };
        lines.push(line);
    }
    // Drinking during a run is per hour, not per kilo.
    if what.iter().all(|n| *n == Nutrient::Water) && during {
        return Reply::new(Intent::AskTips, lines.join(" "));
    }
    let note = match profile.weight_kg {
        Some(kg) => bot.say("answer.weight_known", &[("kg", &kg_text(kg))]),
        None => bot.say("answer.weight_default", &[("kg", &kg_text(kg))]),
    };
    lines.push(note);
    Reply::new(Intent::AskTips, lines.join(" "))
}

fn since(now: Timestamp, at: Timestamp) -> f64 {
    now.duration_since(at).as_secs_f64() / 3600.0
}

fn is_hard(run: &crate::store::RunLog) -> bool {
    matches!(
        run.effort,
        Some(Effort::Tempo | Effort::Intervals | Effort::Race | Effort::Long)
    )
}

/// The last hard run and the hours it still needs, if it needs any.
fn hard_run_pending<'a>(
    logs: &'a [LogEntry],
    profile: &Profile,
    now: Timestamp,
) -> Option<(&'a LogEntry, u32)> {
    let pace = load::typical_pace(logs);
    let entry = logs
        .iter()
        .rev()
        .find(|e| e.run.as_ref().is_some_and(is_hard))?;
    let run = entry.run.as_ref()?;
    let needed = recovery::recovery_hours(load::session_load(run, pace), profile.age);
    let left = f64::from(needed) - since(now, entry.at);
    (left > 0.0).then(|| (entry, left.ceil() as u32))
}

#[derive(PartialEq, PartialOrd)]
enum Verdict {
    Yes,
    Easy,
    Rest,
}

fn should_i_run(
    bot: &Bot,
    msg: &Incoming,
    asked_about: &[BodyPart],
    profile: &Profile,
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
        if hard {
            rest.push(reason);
        } else {
            easy.push(reason);
        }
    }
    if let Some((entry, left)) = hard_run_pending(logs, profile, now) {
        let run = describe_run(&bot.catalogue, entry.run.as_ref(), profile);
        let ago = since(now, entry.at).round().max(1.0) as u32;
        debug_assert!(left > 0);
        easy.push(bot.say(
            "answer.reason_recent_hard",
            &[("run", &run), ("hours", &hours(f64::from(ago)))],
        ));
    }
    let night = crate::clock::before(now, SignedDuration::from_hours(18));
    if let Some(slept) = logs
        .iter()
        .rev()
        .filter(|e| e.at > night)
        .find_map(|e| e.sleep.as_ref())
    {
        if slept.hours < SHORT_SLEEP_H {
            easy.push(bot.say(
                "answer.reason_short_sleep",
                &[("hours", &hours(slept.hours))],
            ));
        }
    }
    if load::summary(logs, now).trend == load::Trend::Up {
        easy.push(bot.say("answer.reason_load_up", &[]));
    }
    let verdict = if !rest.is_empty() {
        Verdict::Rest
    } else if !easy.is_empty() {
        Verdict::Easy
    } else {
        Verdict::Yes
    };
    let reply = match verdict {
        Verdict::Rest => {
            let reason = list(&bot.catalogue, rest.iter().map(String::as_str));
            bot.plain(Intent::AskTips, "answer.run_rest", &[("reason", &reason)])
        }
        Verdict::Easy => {
            let reason = list(&bot.catalogue, easy.iter().map(String::as_str));
            bot.plain(Intent::AskTips, "answer.run_easy", &[("reason", &reason)])
        }
        Verdict::Yes => bot.plain(Intent::AskTips, "answer.run_yes", &[]),
    };
    Ok(reply)
}

fn hard_again(
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
    // The last race within reach of its rule: one easy day per mile raced.
    let race = logs.iter().rev().find_map(|e| {
        let run = e.run.as_ref()?;
        let metres = run.distance_m?;
        (run.effort == Some(Effort::Race)).then_some((e, metres))
    });
    // A distance named in the question ("after a half marathon") wins: the
    // runner may not have logged it.
    if let Some(metres) = questions::distance_named(text) {
        let days = (metres / MILE_M).round().max(1.0);
        let race = super::format::distance(metres, profile.unit);
        let race = bot
            .catalogue
            .say("describe.race", 0, &[("distance", &race)]);
        return Ok(bot.plain(
            Intent::AskTips,
            "answer.hard_again_race",
            &[("race", &race), ("days", &format!("{days:.0}"))],
        ));
    }
    if let Some((entry, metres)) = race {
        let total = (metres / MILE_M).round().max(1.0);
        let gone = since(now, entry.at) / 24.0;
        let left = (total - gone).ceil();
        if left > 0.0 {
            let race = describe_run(&bot.catalogue, entry.run.as_ref(), profile);
            return Ok(bot.plain(
                Intent::AskTips,
                "answer.hard_again_race",
                &[("race", &race), ("days", &format!("{left:.0}"))],
            ));
        }
    }
    if let Some((entry, left)) = hard_run_pending(logs, profile, now) {
        let run = describe_run(&bot.catalogue, entry.run.as_ref(), profile);
        return Ok(bot.plain(
            Intent::AskTips,
            "answer.hard_again_run",
            &[("run", &run), ("hours", &left.to_string())],
        ));
    }
    Ok(bot.plain(Intent::AskTips, "answer.hard_again_none", &[]))
}
