//! What the bot does with each kind of message.

use jiff::{SignedDuration, Timestamp};

use super::format::{self, describe_run, distance, hours, list};
use super::{Bot, Incoming, Reply, TipCard};
use crate::coach::{self, RunnerPicture};
use crate::intent::{self, Intent, ParseOptions, Parsed, Topic, MAX_INPUT_CHARS};
use crate::store::{LogEntry, Profile, RestLog, RunLog, SleepLog, StoreError};

/// How far back the coach looks.
const HISTORY_DAYS: i64 = 35;

/// The longest single run we accept without asking (a long ultra).
const MAX_RUN_M: f64 = 250_000.0;
/// Faster than this is beyond any human (the 100 m world record is ~1:36/km).
const MIN_PACE_S_PER_KM: f64 = 100.0;

pub(super) fn respond(bot: &Bot, msg: &Incoming) -> Reply {
    let text = msg.text.trim();
    if text.is_empty() {
        return bot.plain(Intent::Unknown, "reply.empty", &[]);
    }
    match respond_to(bot, msg, text) {
        Ok(mut reply) => {
            if text.chars().count() > MAX_INPUT_CHARS {
                let note = bot.say("reply.truncated", &[]);
                reply.text = format!("{note}\n{}", reply.text);
            }
            reply
        }
        Err(err) => {
            tracing::error!(user = %msg.user, error = %err, "could not handle a message");
            bot.plain(Intent::Unknown, "reply.not_saved", &[])
        }
    }
}

fn respond_to(bot: &Bot, msg: &Incoming, text: &str) -> Result<Reply, StoreError> {
    let profile = bot.store.profile(&msg.user)?;
    let opts = ParseOptions {
        default_unit: profile.unit,
    };
    let parsed = intent::parse(text, &opts);
    tracing::debug!(user = %msg.user, intent = ?parsed.intent, "parsed a message");
    match parsed.intent {
        Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain => {
            log(bot, msg, &parsed, &profile)
        }
        Intent::Stats => stats(bot, msg, &profile),
        Intent::Undo => undo(bot, msg, &profile),
        Intent::AskTips => Ok(ask_tips(bot, msg, &parsed, &profile)),
        Intent::SetReminder => super::reminders::respond(bot, msg, &parsed),
        Intent::Help | Intent::SetProfile => Ok(bot.plain(parsed.intent, "help.text", &[])),
        Intent::Unknown => Ok(bot.plain(Intent::Unknown, "reply.unknown", &[])),
    }
}

/// Logs a run, rest day, sleep or pain report, then coaches.
fn log(bot: &Bot, msg: &Incoming, parsed: &Parsed, profile: &Profile) -> Result<Reply, StoreError> {
    if let Some(what) = implausible(parsed, profile) {
        return Ok(bot.plain(parsed.intent, "reply.absurd", &[("what", &what)]));
    }
    let at = msg.at - SignedDuration::from_hours(24 * i64::from(parsed.days_ago.min(365)));
    let is_run = parsed.intent == Intent::LogRun;
    let entry = LogEntry {
        at,
        logged_at: msg.at,
        message_id: msg.message_id.clone(),
        run: is_run.then(|| RunLog {
            distance_m: parsed.distance_m,
            duration_s: parsed.duration_s,
            effort: parsed.effort,
            conditions: parsed.conditions.clone(),
        }),
        sleep: parsed.sleep_hours.map(|h| SleepLog { hours: h }),
        rest: (parsed.intent == Intent::LogRest).then(RestLog::default),
        pain: parsed.body_parts.clone(),
    };
    let recent = recent_logs(bot, msg, msg.at)?;
    bot.store.append(&msg.user, &entry)?;

    let variant = bot.variant(msg);
    let mut lines = Vec::new();
    let parts = list(parsed.body_parts.iter().map(|p| format::body_part(*p)));
    match parsed.intent {
        Intent::LogRun => {
            let run = describe_run(entry.run.as_ref(), profile);
            lines.push(bot.catalogue.say("ack.run", variant, &[("run", &run)]));
            if let Some(h) = parsed.sleep_hours {
                lines.push(bot.say("ack.also_sleep", &[("hours", &hours(h))]));
            }
            if !parsed.body_parts.is_empty() {
                lines.push(bot.say("ack.also_pain", &[("parts", &parts)]));
            }
        }
        Intent::LogRest => {
            lines.push(bot.say("ack.rest", &[]));
            if !parsed.body_parts.is_empty() {
                lines.push(bot.say("ack.also_pain", &[("parts", &parts)]));
            }
        }
        Intent::LogSleep => {
            let h = parsed.sleep_hours.map(hours).unwrap_or_default();
            lines.push(bot.say("ack.sleep", &[("hours", &h)]));
            if !parsed.body_parts.is_empty() {
                lines.push(bot.say("ack.also_pain", &[("parts", &parts)]));
            }
        }
        _ => lines.push(bot.say("ack.pain", &[("parts", &parts)])),
    }
    let picture = RunnerPicture {
        recent: &recent,
        profile,
    };
    let plan = coach::plan(parsed, picture, &bot.catalogue);
    Ok(Reply {
        text: lines.join(" "),
        intent: parsed.intent,
        tips: bot.cards(&plan.tips, variant),
        logged: true,
        private: false,
        attachment: None,
    })
}

/// Why a log cannot be right, in the runner's terms; `None` when it can.
fn implausible(parsed: &Parsed, profile: &Profile) -> Option<String> {
    if let Some(d) = parsed.distance_m {
        if !(d > 0.0 && d <= MAX_RUN_M) {
            return Some(format!("a {} run", distance(d, profile.unit)));
        }
        if let Some(t) = parsed.duration_s {
            if f64::from(t) / (d / 1000.0) < MIN_PACE_S_PER_KM {
                return Some(format!(
                    "{} in {}",
                    distance(d, profile.unit),
                    format::duration(t)
                ));
            }
        }
    }
    if parsed
        .sleep_hours
        .is_some_and(|h| !(0.0..=24.0).contains(&h))
    {
        return Some(format!(
            "{} of sleep",
            hours(parsed.sleep_hours.unwrap_or(0.0))
        ));
    }
    None
}

fn recent_logs(bot: &Bot, msg: &Incoming, now: Timestamp) -> Result<Vec<LogEntry>, StoreError> {
    let since = now - SignedDuration::from_hours(24 * HISTORY_DAYS);
    Ok(bot
        .store
        .logs_since(&msg.user, since)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

fn stats(bot: &Bot, msg: &Incoming, profile: &Profile) -> Result<Reply, StoreError> {
    let week_start = msg.at - SignedDuration::from_hours(24 * 7);
    let logs: Vec<LogEntry> = recent_logs(bot, msg, msg.at)?
        .into_iter()
        .filter(|e| e.at > week_start && e.at <= msg.at)
        .collect();
    if logs.is_empty() {
        return Ok(bot.plain(Intent::Stats, "stats.empty", &[]));
    }
    let summary = format::WeekSummary::of(&logs, profile);
    let vars = summary.vars();
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut reply = bot.plain(Intent::Stats, "stats.week", &vars);
    reply.private = true;
    Ok(reply)
}

fn undo(bot: &Bot, msg: &Incoming, profile: &Profile) -> Result<Reply, StoreError> {
    let Some((key, entry)) = bot.store.last_log(&msg.user)? else {
        return Ok(bot.plain(Intent::Undo, "undo.nothing", &[]));
    };
    bot.store.remove(&key)?;
    let what = format::describe_entry(&entry, profile);
    let mut reply = bot.plain(Intent::Undo, "undo.done", &[("what", &what)]);
    reply.logged = true;
    Ok(reply)
}

fn ask_tips(bot: &Bot, msg: &Incoming, parsed: &Parsed, profile: &Profile) -> Reply {
    let topics: Vec<Topic> = match parsed.topic {
        Some(t) => vec![t],
        None => {
            let picture = RunnerPicture {
                recent: &[],
                profile,
            };
            coach::plan(parsed, picture, &bot.catalogue).tips
        }
    };
    let mut reply = bot.plain(Intent::AskTips, "reply.tips_intro", &[]);
    reply.tips = bot.cards(&topics, bot.variant(msg));
    reply
}

impl Bot {
    /// A reply with just a catalogue message.
    fn plain(&self, intent: Intent, key: &str, vars: &[(&str, &str)]) -> Reply {
        Reply {
            text: self.say(key, vars),
            intent,
            tips: Vec::new(),
            logged: false,
            private: false,
            attachment: None,
        }
    }

    fn say(&self, key: &str, vars: &[(&str, &str)]) -> String {
        self.catalogue.say(key, 0, vars)
    }

    /// Which phrasing to use: varies from day to day and runner to runner,
    /// but is fixed for a given runner and day so replies are reproducible.
    fn variant(&self, msg: &Incoming) -> usize {
        let day = msg.at.as_second().div_euclid(86_400) as u64;
        let user: u64 = msg
            .user
            .as_str()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
        (day ^ user) as usize
    }

    fn cards(&self, topics: &[Topic], variant: usize) -> Vec<TipCard> {
        topics
            .iter()
            .map(|&t| {
                let tip = self.catalogue.tip(t);
                TipCard {
                    topic: t,
                    title: tip.title.clone(),
                    text: tip.phrasings[variant % tip.phrasings.len()].clone(),
                    caveats: tip.caveats.clone(),
                    source: tip.source.clone(),
                }
            })
            .collect()
    }
}
