//! Corrections in a new message: "actually it was 12k", "oops meant 8k",
//! "make that 10 miles", "no wait, 6h" amend the runner's last matching
//! entry (never a second one), "change my bedtime to 10pm" moves the
//! bedtime reminder; the reply says what changed. (An edited chat message is
//! handled in `edits`.)

use jiff::SignedDuration;

use super::format::describe_entry;
use super::{implausible, Bot, Incoming, Reply};
use crate::intent::{self, Intent, ParseOptions, Parsed};
use crate::store::{LogEntry, Profile, StoreError};

/// Only an entry logged this recently is corrected: an older one is a new
/// message's business.
pub const CORRECT_WITHIN_HOURS: i64 = 12;

/// What the correction changes.
enum Change {
    Run(Parsed),
    Sleep(f64),
    /// An amount alone ("6h"): sleep if the last entry is a night, else the
    /// run's time.
    Amount(u32),
}

/// Answers a correction, or `None` when the message is not one or there is
/// nothing recent to amend (then it is read as a new message).
pub(super) fn correct(
    bot: &Bot,
    msg: &Incoming,
    profile: &Profile,
) -> Result<Option<Reply>, StoreError> {
    if let Some(words) = intent::bedtime_change(&msg.text) {
        return bedtime(bot, msg, profile, &words);
    }
    let Some(rest) = intent::correction(&msg.text) else {
        return Ok(None);
    };
    let opts = ParseOptions {
        default_unit: profile.unit,
    };
    let parsed = intent::parse_for_runner(&rest, &opts, profile.fahrenheit);
    let change = if let Some(s) = intent::bare_amount_s(&rest) {
        Change::Amount(s)
    } else if parsed.intent == Intent::LogRun && parsed.days_ago == 0 {
        Change::Run(parsed)
    } else if let (Intent::LogSleep, Some(h)) = (parsed.intent, parsed.sleep_hours) {
        Change::Sleep(h)
    } else {
        return Ok(None);
    };
    let since = msg.at - SignedDuration::from_hours(CORRECT_WITHIN_HOURS);
    let mut recent = bot.store.logs_since(&msg.user, since)?;
    recent.retain(|(_, e)| e.logged_at <= msg.at && (e.run.is_some() || e.sleep.is_some()));
    recent.sort_by_key(|(_, e)| e.logged_at);
    let wants_run = match &change {
        Change::Run(_) => Some(true),
        Change::Sleep(_) => Some(false),
        Change::Amount(_) => None,
    };
    let Some((key, old)) = recent.into_iter().rev().find(|(_, e)| match wants_run {
        Some(true) => e.run.is_some(),
        Some(false) => e.sleep.is_some(),
        None => true,
    }) else {
        return Ok(None);
    };
    let (new, check) = amended(&old, change);
    let before = describe_entry(&old, profile, &bot.catalogue);
    let after = describe_entry(&new, profile, &bot.catalogue);
    let intent = if new.run.is_some() {
        Intent::LogRun
    } else {
        Intent::LogSleep
    };
    if implausible(&check, profile).is_some() {
        let vars = [("before", before.as_str()), ("after", after.as_str())];
        return Ok(Some(bot.plain(intent, "correction.absurd", &vars)));
    }
    bot.store.replace(&key, &new)?;
    let vars = [("before", before.as_str()), ("after", after.as_str())];
    let mut reply = bot.plain(intent, "correction.updated", &vars);
    reply.logged = true;
    Ok(Some(reply))
}

/// The entry with the correction applied, and the facts to check for
/// plausibility.
fn amended(old: &LogEntry, change: Change) -> (LogEntry, Parsed) {
    let mut new = old.clone();
    let mut check = intent::parse("", &ParseOptions::default());
    match change {
        Change::Run(parsed) => {
            if let Some(run) = new.run.as_mut() {
                run.distance_m = parsed.distance_m.or(run.distance_m);
                run.duration_s = parsed.duration_s.or(run.duration_s);
                run.effort = parsed.effort.or(run.effort);
                for c in parsed.conditions {
                    if !run.conditions.contains(&c) {
                        run.conditions.push(c);
                    }
                }
                run.conditions.sort();
            }
        }
        Change::Sleep(h) => {
            if let Some(sleep) = new.sleep.as_mut() {
                sleep.hours = h;
            }
        }
        Change::Amount(s) => match (new.sleep.as_mut(), new.run.as_mut()) {
            (Some(sleep), None) => sleep.hours = f64::from(s) / 3600.0,
            (_, Some(run)) => run.duration_s = Some(s),
            (None, None) => {}
        },
    }
    if let Some(run) = &new.run {
        check.distance_m = run.distance_m;
        check.duration_s = run.duration_s;
    }
    check.sleep_hours = new.sleep.as_ref().map(|s| s.hours);
    (new, check)
}

/// "Change my bedtime to 10pm": moves the sleep reminder (or sets one).
fn bedtime(
    bot: &Bot,
    msg: &Incoming,
    profile: &Profile,
    words: &str,
) -> Result<Option<Reply>, StoreError> {
    let opts = ParseOptions {
        default_unit: profile.unit,
    };
    // The reminder reader knows every way of writing a time of day.
    let request = intent::parse(&format!("remind me to go to bed at {words}"), &opts);
    let Some(at) = request.reminder.and_then(|r| r.at) else {
        return Ok(None);
    };
    let before = bot.reminders().book().get(&msg.user)?.sleep.map(|s| s.at);
    let mut reply = super::reminders::respond(bot, msg, &request)?;
    if let Some(before) = before.filter(|b| *b != at) {
        let (before, after) = (before.to_string(), at.to_string());
        let vars = [("before", before.as_str()), ("after", after.as_str())];
        reply.text = bot.say("correction.bedtime", &vars);
    }
    Ok(Some(reply))
}
