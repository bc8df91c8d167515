//! Safety before coaching: the first look at every message.
//!
//! In order: what the runner says to lift a hold ("doctor checked me",
//! "physio cleared me", "doc cleared me for cold plunges"); a medical warning
//! sign (the answer is a calm "stop and get help", never praise or a tip; a
//! run that came with it is still logged, and marked); pain that lasts or
//! worsens (no praise: stop running on it and see a physiotherapist); and
//! soreness with no body part ("legs are toast"), which is ordinary muscle
//! soreness. Anything else goes on to the usual answer, with the notes
//! gathered here in front.
//!
//! Every answer here is about the runner's health, so it is private.

use super::format::{body_parts, describe_run};
use super::{Bot, Incoming, Reply};
use crate::coach::{self, pain};
use crate::intent::clearance;
use crate::intent::warning::{self, WarningKind};
use crate::intent::{worsening, HealthCondition, Intent, Parsed, Topic};
use crate::store::{AdviceRecord, LogEntry, Profile, StoreError, WarningMark};

/// What the first look decided.
pub(super) enum Screened {
    /// The whole answer.
    Answer(Reply),
    /// Go on as usual, saying these first.
    Continue(Vec<String>),
}

fn logs(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain
    )
}

/// Looks at a message before it is coached. `parsed` may gain the body
/// parts a runner named only as why they stopped; `profile` records warning
/// signs, escalations and clearances (saved here).
pub(super) fn screen(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: &mut Parsed,
    profile: &mut Profile,
) -> Result<Screened, StoreError> {
    let before = profile.safety.clone();
    let mut notes = clear_holds(bot, msg, text, profile);
    if profile.safety != before || !notes.is_empty() {
        bot.store.save_profile(&msg.user, profile)?;
        // A message that only says "all clear" gets only that answer.
        if !logs(parsed.intent) && !notes.is_empty() {
            let mut reply = Reply::new(parsed.intent, notes.join(" "));
            reply.logged = true;
            reply.private = true;
            return Ok(Screened::Answer(reply));
        }
    }

    let diabetic = profile.conditions.contains(&HealthCondition::Diabetes);
    let reading = warning::read(text, diabetic);
    // Someone else collapsed: what to do for them now, and nothing logged.
    if reading.someone_else_collapsed {
        let mut reply = Reply::new(parsed.intent, bot.say("warning.bystander", &[]));
        // Nothing in it is about the runner: the whole channel may read it
        // and help.
        reply.urgent = true;
        crate::ops::metrics::warning_sign_raised();
        return Ok(Screened::Answer(reply));
    }

    let cleared_now = profile.safety.checked_at == Some(msg.at);
    let signs = if cleared_now { Vec::new() } else { reading.own };
    if !signs.is_empty() {
        return warning_reply(bot, msg, parsed, profile, &signs).map(Screened::Answer);
    }

    let words = worsening::read(text);
    if logs(parsed.intent) {
        for part in &words.stopped_for {
            if !parsed.body_parts.contains(part) {
                parsed.body_parts.push(*part);
                parsed.body_parts.sort();
            }
        }
    }
    // "my shin is getting worse every run", "achilles even worse today":
    // worse is a pain word even when the matcher read no pain in the part.
    let pain_talk = logs(parsed.intent) || parsed.intent == Intent::Unknown;
    if words.worsening && pain_talk && parsed.body_parts.is_empty() {
        parsed.body_parts = worsening::parts_named(text);
        parsed.body_parts.sort();
    }
    let reports_pain = !parsed.body_parts.is_empty() && pain_talk;
    if reports_pain || (parsed.intent == Intent::ReportPain && words.worsening) {
        let history = bot.history(msg)?;
        if let Some(escalation) = pain::escalation(
            &parsed.body_parts,
            words.worsening,
            words.again,
            &history.logs,
            &profile.safety,
            msg.at,
        ) {
            let reminders = reminders_since(&history.logs, &escalation, profile);
            return pain_reply(
                bot,
                msg,
                parsed,
                profile,
                &escalation,
                words.no_rubbing,
                reminders,
            )
            .map(Screened::Answer);
        }
    }
    if let Some(reply) = held_topic(bot, msg, text, parsed, profile) {
        return Ok(Screened::Answer(reply));
    }
    if parsed.intent == Intent::ReportPain && parsed.body_parts.is_empty() {
        return soreness_reply(bot, msg, parsed, profile).map(Screened::Answer);
    }
    // A run while a warning waits for a doctor: say why the advice is
    // lighter (questions say it in their own answer).
    if profile.safety.open_warning().is_some() && parsed.intent == Intent::LogRun {
        notes.push(bot.say("warning.still_open", &[]));
    }
    Ok(Screened::Continue(notes))
}

/// Tips asked for that a hold rules out: foam rolling or massage on a part
/// sent to a physio, cold plunges before a doctor's check.
fn held_topic(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: &Parsed,
    profile: &Profile,
) -> Option<Reply> {
    if parsed.intent != Intent::AskTips {
        return None;
    }
    // "what should I do about my shin?" with the shin sent to a physio.
    let named = worsening::parts_named(text);
    let held: Vec<_> = pain::active_escalations(&profile.safety, msg.at)
        .into_iter()
        .filter(|p| parsed.body_parts.contains(p) || named.contains(p))
        .collect();
    if !held.is_empty() {
        let parts = body_parts(&bot.catalogue, &held);
        let mut reply = Reply::new(parsed.intent, bot.say("pain.still", &[("parts", &parts)]));
        reply.private = true;
        return Some(reply);
    }
    let text = match parsed.topic? {
        Topic::Massage => {
            let parts = pain::active_escalations(&profile.safety, msg.at);
            if parts.is_empty() {
                return None;
            }
            let parts = body_parts(&bot.catalogue, &parts);
            format!(
                "{} {}",
                bot.say("pain.no_rubbing", &[]),
                bot.say("pain.still", &[("parts", &parts)])
            )
        }
        Topic::Cold if profile.safety.open_warning().is_some() => {
            bot.say("warning.still_open", &[])
        }
        _ => return None,
    };
    let mut reply = Reply::new(parsed.intent, text);
    reply.private = true;
    Some(reply)
}

/// Applies "doctor checked me", "it's fine now", "doc cleared me for cold
/// plunges"; returns what to say about it.
fn clear_holds(bot: &Bot, msg: &Incoming, text: &str, profile: &mut Profile) -> Vec<String> {
    let said = clearance::clearance(text);
    let safety = &mut profile.safety;
    let mut notes = Vec::new();
    // Said with nothing on hold, these are still worth a word back (and
    // recording: a later warning is judged from here).
    if said.checked {
        safety.checked_at = Some(msg.at);
        notes.push(bot.say("warning.checked", &[]));
    }
    if said.pain_gone {
        safety.pain_cleared_at = Some(msg.at);
        safety.escalated.clear();
        notes.push(bot.say("pain.cleared", &[]));
    }
    if said.cold && !safety.cold_cleared {
        safety.cold_cleared = true;
        notes.push(bot.say("warning.cold_cleared", &[]));
    }
    notes
}

/// Stores what the message logs (it happened, whatever else it says), with
/// the advice given; `None` when it logs nothing or cannot be right.
fn store_entry(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    profile: &Profile,
    tips: &[Topic],
) -> Result<Option<LogEntry>, StoreError> {
    if !logs(parsed.intent) || super::log::implausible(parsed, profile).is_some() {
        return Ok(None);
    }
    // The safety answer is given whatever the daily limit; only the log
    // waits for tomorrow.
    if super::limits::full_today(bot, msg, profile)? {
        return Ok(None);
    }
    // General soreness names no part and no run: there is nothing to keep
    // (an empty entry would show as a blank line in stats).
    let Some(mut entry) = coach::entry_for(parsed, msg.at).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    entry.message_id = msg.message_id.clone();
    if !tips.is_empty() {
        bot.store.record_advice(
            &msg.user,
            &AdviceRecord {
                at: msg.at,
                tips: tips.to_vec(),
            },
        )?;
    }
    bot.store.append(&msg.user, &entry)?;
    Ok(Some(entry))
}

fn warning_reply(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    profile: &mut Profile,
    signs: &[WarningKind],
) -> Result<Reply, StoreError> {
    let entry = store_entry(bot, msg, parsed, profile, &[])?;
    profile.safety.warnings.push(WarningMark {
        at: msg.at,
        kinds: signs.iter().map(|k| k.as_str().to_owned()).collect(),
    });
    bot.store.save_profile(&msg.user, profile)?;
    let mut lines = vec![bot.say("warning.open", &[])];
    for kind in signs {
        lines.push(bot.say(&format!("warning.{}", kind.as_str()), &[]));
    }
    lines.push(bot.say("warning.not_diagnosis", &[]));
    if entry.is_some() {
        lines.push(bot.say("warning.run_saved", &[]));
    }
    lines.push(bot.say("warning.hold", &[]));
    let mut reply = Reply::new(parsed.intent, lines.join(" "));
    // The warning is on record whether or not a run came with it.
    reply.logged = true;
    reply.private = true;
    // In a server the details go by DM; the channel reads a line that
    // names nothing but still says to stop and get help.
    reply.public_text = Some(bot.say("warning.public", &[]));
    reply.urgent = true;
    crate::ops::metrics::warning_sign_raised();
    Ok(reply)
}

/// How many pain reports about these parts came since they were sent to a
/// physio: each reminder is phrased differently from the one before.
fn reminders_since(logs: &[LogEntry], escalation: &pain::Escalation, profile: &Profile) -> usize {
    let since = profile
        .safety
        .escalated
        .iter()
        .filter(|(p, _)| escalation.parts.contains(p))
        .map(|(_, at)| *at)
        .min();
    let Some(since) = since else {
        return 0;
    };
    logs.iter()
        .filter(|e| e.at > since && e.pain.iter().any(|p| escalation.parts.contains(p)))
        .count()
}

fn pain_reply(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    profile: &mut Profile,
    escalation: &pain::Escalation,
    no_rubbing: bool,
    reminders: usize,
) -> Result<Reply, StoreError> {
    let entry = store_entry(bot, msg, parsed, profile, &[])?;
    let mut lines = Vec::new();
    match entry.as_ref().and_then(|e| e.run.as_ref()) {
        Some(run) => {
            let run = describe_run(&bot.catalogue, Some(run), profile);
            lines.push(bot.say("pain.ack_run", &[("run", &run)]));
        }
        // A reminder names the part itself; "noted the pain" again is noise.
        None if !parsed.body_parts.is_empty() && !escalation.already_said => {
            let parts = body_parts(&bot.catalogue, &parsed.body_parts);
            lines.push(bot.say("pain.ack", &[("parts", &parts)]));
        }
        None => {}
    }
    let parts = body_parts(&bot.catalogue, &escalation.parts);
    if escalation.already_said {
        // Said again and again, one sentence reads as a nag: vary it.
        let still = bot
            .catalogue
            .say("pain.still", reminders, &[("parts", &parts)]);
        lines.push(still);
    } else {
        if escalation.parts.is_empty() {
            lines.push(bot.say("pain.escalate_general", &[]));
        } else {
            lines.push(bot.say("pain.escalate", &[("parts", &parts)]));
        }
        if no_rubbing {
            lines.push(bot.say("pain.no_rubbing", &[]));
        }
        for part in &escalation.parts {
            profile.safety.escalated.retain(|(p, _)| p != part);
            profile.safety.escalated.push((*part, msg.at));
        }
        bot.store.save_profile(&msg.user, profile)?;
    }
    // Nothing saved because of the daily limit: say so after the advice.
    if entry.is_none() && logs(parsed.intent) && super::limits::full_today(bot, msg, profile)? {
        let limit = super::limits::MAX_LOGS_PER_DAY.to_string();
        lines.push(bot.say("limit.logs_today", &[("limit", &limit)]));
    }
    let mut reply = Reply::new(parsed.intent, lines.join(" "));
    reply.logged = entry.is_some();
    reply.private = true;
    Ok(reply)
}

/// "legs are toast", "DOMS": ordinary muscle soreness, its usual course and
/// the recovery tips for it.
fn soreness_reply(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    let history = bot.history(msg)?;
    let picture = history.picture(msg, profile);
    let current = coach::entry_for(parsed, msg.at);
    let mut plan = coach::plan(parsed, current.as_ref(), picture, &bot.catalogue);
    if plan.tips.is_empty() {
        plan = coach::plan_topic(Topic::Massage, picture);
        pain::apply_holds(&mut plan, &picture);
    }
    let entry = store_entry(bot, msg, parsed, profile, &plan.topics())?;
    let mut lines = vec![bot.say("soreness.general", &[])];
    lines.extend(super::log::note_lines(bot, &plan.notes));
    let mut reply = Reply::new(parsed.intent, lines.join(" "));
    reply.tips = bot.cards(&plan.tips);
    super::handle::for_this_runner(bot, &mut reply.tips, profile);
    reply.logged = entry.is_some();
    reply.private = true;
    Ok(reply)
}
