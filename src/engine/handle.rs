//! What the bot does with each kind of message: the dispatch from a parsed
//! message to the module that answers it, and the small helpers every answer
//! uses (catalogue sentences, tip cards, phrasing choice).

use super::safety::{self, Screened};
use super::{log, privacy, profile, questions, stats, Bot, Incoming, Reply, TipCard};
use crate::coach::{self, Choice, RunnerPicture};
use crate::intent::{self, Command, Intent, ParseOptions, Parsed, Unit, MAX_INPUT_CHARS};
use crate::model::HealthCondition;
use crate::store::{AdviceRecord, LogEntry, Profile, StoreError};

/// The matcher's reading of a message and the runner's settings it was
/// read with: the engine needs it again after answering (who may read the
/// reply), and reading a text is most of a message's CPU, so it is read once.
pub(super) struct Reading {
    pub unit: Unit,
    pub fahrenheit: bool,
    pub parsed: Parsed,
}

pub(super) fn respond(
    bot: &Bot,
    msg: &Incoming,
    parsed: Option<Parsed>,
    reading: &mut Option<Reading>,
) -> Reply {
    let text = msg.text.trim();
    if text.is_empty() && parsed.is_none() {
        return bot.plain(Intent::Unknown, "reply.empty", &[]);
    }
    match respond_to(bot, msg, text, parsed, reading) {
        Ok(mut reply) => {
            medicine_line(bot, text, &mut reply);
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

/// "Taking ibuprofen every day for sore calves, is that ok?", "took 400mg
/// ibuprofen for achy legs, ok to run tomorrow?": whatever else the message
/// logs or asks, a medicine named gets the honest line, once. Not beside a
/// warning sign (that answer stands alone), and not where the chat already
/// answered a message about nothing else ("took 2 ibuprofen").
fn medicine_line(bot: &Bot, text: &str, reply: &mut Reply) {
    let medicine = bot.say("answer.medicine", &[]);
    let skip = reply.urgent || reply.intent == Intent::Unknown || reply.text.contains(&medicine);
    if !skip && questions::mentions_medicine(text) {
        reply.text = format!("{}\n{medicine}", reply.text);
    }
}

fn respond_to(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: Option<Parsed>,
    reading: &mut Option<Reading>,
) -> Result<Reply, StoreError> {
    let mut profile = bot.store.profile(&msg.user)?;
    // A short answer to the bot's own question ("yes", 👍, "9"); any other
    // message drops the question and is read as usual.
    if let Some(reply) = super::pending::answer(bot, msg, &profile)? {
        return Ok(reply);
    }
    // "Actually it was 12k": amend the last entry rather than add one.
    // "More tips": what the last reply held back.
    if parsed.is_none() {
        if let Some(reply) = super::brevity::more_tips(bot, msg)? {
            return Ok(reply);
        }
        if let Some(reply) = super::corrections::correct(bot, msg, &profile)? {
            return Ok(reply);
        }
    }
    let parsed = parsed.unwrap_or_else(|| {
        let opts = ParseOptions {
            default_unit: profile.unit,
        };
        // The runner's own scale reads bare degrees ("31 degrees").
        let parsed = intent::parse_for_runner(text, &opts, profile.fahrenheit);
        *reading = Some(Reading {
            unit: profile.unit,
            fahrenheit: profile.fahrenheit,
            parsed: parsed.clone(),
        });
        parsed
    });
    tracing::debug!(user = %msg.user, intent = ?parsed.intent, "parsed a message");
    // "Stop reminders on my days off": the reminders cannot skip days, so
    // say what they do and change nothing (rather than stop them all).
    if parsed.intent == Intent::SetReminder && intent::reminders::off_some_days(text) {
        return Ok(bot.plain(Intent::SetReminder, "reminders.some_days", &[]));
    }
    if let Some(command) = parsed.details.command {
        return command_reply(bot, msg, &parsed, command, &profile);
    }
    // Profile facts count whatever else the message says ("I'm 58, ran 10k").
    let (profile_notes, saved) = profile::apply(bot, msg, &parsed.details.profile, &mut profile)?;
    // "Tapering for a marathon on Sunday": the coach leaves the heavier-week
    // line out until the race day is over (kept in the profile). A question
    // about tapering is not one.
    // (The cheap look first: reading the clauses is a second pass over the
    // text, for the few messages that name a taper at all.)
    let taper = if text.to_lowercase().contains("taper") && crate::intent::states(text, "taper") {
        Some(profile::name_taper(bot, msg, &mut profile)?)
    } else {
        None
    };
    let mut parsed = parsed;
    // Safety first (warning signs, lasting pain, clearances), then the
    // questions answered from the runner's own history.
    let safety_notes = match safety::screen(bot, msg, text, &mut parsed, &mut profile)? {
        Screened::Answer(mut reply) => {
            prepend(&mut reply, &profile_notes);
            return Ok(reply);
        }
        Screened::Continue(notes) => notes,
    };
    if let Some(mut reply) = questions::answer(bot, msg, text, &parsed, &mut profile)? {
        prepend(&mut reply, &safety_notes);
        prepend(&mut reply, &profile_notes);
        return Ok(reply);
    }
    let mut reply = match parsed.intent {
        Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain => {
            log::log(bot, msg, &parsed, &profile)?
        }
        Intent::Stats => stats::stats(bot, msg, &profile)?,
        Intent::Undo => undo(bot, msg, &profile)?,
        Intent::AskTips => ask_tips(bot, msg, &parsed, &profile)?,
        Intent::SetProfile if !parsed.details.time_zone_options.is_empty() => {
            super::pending::ask_time_zone(bot, msg, &parsed.details.time_zone_options)
        }
        Intent::SetProfile => profile::updated(bot, &parsed.details.profile, &profile, saved),
        Intent::SetReminder => super::reminders::respond(bot, msg, &parsed)?,
        Intent::Help => bot.plain(Intent::Help, "help.text", &[]),
        Intent::Unknown => match &taper {
            Some(race) => super::chat::taper(bot, msg, race.as_deref()),
            None => super::chat::reply(bot, msg, &profile)
                .unwrap_or_else(|| bot.plain(Intent::Unknown, "reply.unknown", &[])),
        },
    };
    if reply.logged {
        if let Some(answer) = questions::follow_up(bot, msg, text, parsed.intent, &profile)? {
            reply.text = format!("{}\n{answer}", reply.text);
        } else if let Some(answer) = questions::cross_training_follow_up(bot, msg, text, &profile)?
        {
            reply.text = format!("{}\n{answer}", reply.text);
        }
        // "Felt a bit dizzy at the end but fine after sitting down": not a
        // warning sign on its own (those were screened above), but worth a
        // line, and a doctor's word for a runner on blood-pressure care.
        if questions::mentions_dizziness(text) {
            let key = if profile
                .conditions
                .contains(&HealthCondition::HighBloodPressure)
                || profile.conditions.contains(&HealthCondition::HeartDisease)
            {
                "answer.dizzy_condition"
            } else {
                "answer.dizzy"
            };
            reply.text = format!("{}\n{}", reply.text, bot.say(key, &[]));
        }
    }
    prepend(&mut reply, &safety_notes);
    prepend(&mut reply, &profile_notes);
    Ok(reply)
}

/// Puts sentences in front of a reply, on their own line.
fn prepend(reply: &mut Reply, notes: &[String]) {
    if !notes.is_empty() {
        reply.text = format!("{}\n{}", notes.join(" "), reply.text);
    }
}

fn command_reply(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    command: Command,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    let mut reply = match command {
        Command::ShowProfile => profile::show(bot, profile, msg.at),
        Command::ExportData => privacy::export(bot, msg)?,
        Command::DeleteData => privacy::ask_delete(bot, msg, profile)?,
        Command::ConfirmDelete => privacy::confirm_delete(bot, msg, profile)?,
        Command::ListReminders | Command::StopReminders | Command::RecapOn | Command::RecapOff => {
            super::reminders::respond(bot, msg, parsed)?
        }
    };
    reply.intent = parsed.intent;
    Ok(reply)
}

fn undo(bot: &Bot, msg: &Incoming, profile: &Profile) -> Result<Reply, StoreError> {
    let Some((key, entry)) = bot.store.last_log(&msg.user)? else {
        return Ok(bot.plain(Intent::Undo, "undo.nothing", &[]));
    };
    bot.store.remove(&key)?;
    let what = super::format::describe_entry(&entry, profile, &bot.catalogue);
    let mut reply = bot.plain(Intent::Undo, "undo.done", &[("what", &what)]);
    reply.logged = true;
    Ok(reply)
}

/// Tips on request: the topic asked for, or what fits the message. Cold
/// therapy is still refused to a runner it is unsafe for.
fn ask_tips(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    let history = bot.history(msg)?;
    let picture = history.picture(msg, profile);
    let plan = match parsed.topic {
        Some(topic) => coach::plan_topic(topic, picture),
        None => coach::plan(parsed, None, picture, &bot.catalogue),
    };
    let mut lines = log::note_lines(bot, &plan.notes);
    if !plan.tips.is_empty() {
        lines.push(bot.say("reply.tips_intro", &[]));
    }
    let mut reply = Reply::new(Intent::AskTips, lines.join(" "));
    reply.tips = bot.cards(&plan.tips);
    for_this_runner(bot, &mut reply.tips, profile);
    Ok(reply)
}

/// Tip cards worded for this runner's health: with high blood pressure the
/// hydration card suggests no electrolyte salts and says to ask a doctor
/// about them instead.
pub(super) fn for_this_runner(bot: &Bot, cards: &mut [TipCard], profile: &Profile) {
    let hbp = profile
        .conditions
        .contains(&crate::intent::HealthCondition::HighBloodPressure);
    if !hbp {
        return;
    }
    let key = "answer.hydration_high_blood_pressure";
    let phrasings = &bot.catalogue.tip(crate::intent::Topic::Hydration).phrasings;
    for card in cards
        .iter_mut()
        .filter(|c| c.topic == crate::intent::Topic::Hydration)
    {
        // The same rotation as the card it replaces: no repeat next time.
        let at = phrasings.iter().position(|p| *p == card.text).unwrap_or(0);
        card.text = bot.catalogue.say(key, at, &[]);
        card.source = bot
            .catalogue
            .source("answer.hydration_high_blood_pressure")
            .map_or_else(|| card.source.clone(), str::to_owned);
    }
}

/// A runner's recent logs and the advice they were given.
pub(super) struct History {
    pub logs: Vec<LogEntry>,
    pub advice: Vec<AdviceRecord>,
}

impl History {
    pub fn picture<'a>(&'a self, msg: &Incoming, profile: &'a Profile) -> RunnerPicture<'a> {
        RunnerPicture {
            recent: &self.logs,
            advice: &self.advice,
            profile,
            now: msg.at,
            seed: user_seed(msg),
        }
    }
}

impl Bot {
    /// The last [`coach::HISTORY_DAYS`] days of a runner's logs and advice,
    /// oldest first, up to the message's time (a replayed past is not
    /// disturbed by its future).
    pub(super) fn history(&self, msg: &Incoming) -> Result<History, StoreError> {
        let since = crate::clock::before(
            msg.at,
            jiff::SignedDuration::from_hours(24 * coach::HISTORY_DAYS),
        );
        let mut logs: Vec<LogEntry> = self
            .store
            .logs_since(&msg.user, since)?
            .into_iter()
            .map(|(_, e)| e)
            .filter(|e| e.at <= msg.at)
            .collect();
        logs.sort_by_key(|e| e.at);
        let advice = self
            .store
            .advice_since(&msg.user, since)?
            .into_iter()
            .filter(|a| a.at <= msg.at)
            .collect();
        Ok(History { logs, advice })
    }

    /// A reply with just a catalogue message.
    pub(super) fn plain(&self, intent: Intent, key: &str, vars: &[(&str, &str)]) -> Reply {
        Reply::new(intent, self.say(key, vars))
    }

    pub(super) fn say(&self, key: &str, vars: &[(&str, &str)]) -> String {
        self.catalogue.say(key, 0, vars)
    }

    /// Which phrasing of an acknowledgement to use: varies from day to day
    /// and runner to runner, but is fixed for a given runner and day so
    /// replies are reproducible.
    pub(super) fn variant(&self, msg: &Incoming) -> usize {
        let day = msg.at.as_second().div_euclid(86_400) as u64;
        (day ^ user_seed(msg)) as usize
    }

    pub(super) fn cards(&self, choices: &[Choice]) -> Vec<TipCard> {
        choices
            .iter()
            .map(|c| {
                let tip = self.catalogue.tip(c.topic);
                TipCard {
                    topic: c.topic,
                    title: tip.title.clone(),
                    text: tip.phrasings[c.phrasing % tip.phrasings.len()].clone(),
                    caveats: tip.caveats.clone(),
                    source: tip.source.clone(),
                }
            })
            .collect()
    }
}

/// A stable hash of the runner's id (FNV-1a): the same runner always starts
/// from the same phrasings.
fn user_seed(msg: &Incoming) -> u64 {
    msg.user
        .as_str()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
}
