//! Logging a run, rest day, night's sleep or sore spot, then coaching: the
//! acknowledgement, the coach's notes (safety first) and the tips. Pain
//! soon after a clearance gets a caution instead of praise.
//!
//! An entry that cannot be right (900 km, a pace faster than any human, 30
//! hours of sleep) is not logged: the runner is asked what they meant.

use super::format::{self, body_parts, describe_run, distance, hours};
use super::{Bot, Incoming, Reply};
use crate::coach::{self, Note};
use crate::intent::{Effort, Intent, Parsed};
use crate::store::{AdviceRecord, Profile, StoreError};

/// Pain within this many days of a clearance earns a caution: ease back.
pub const RETURN_CAUTION_DAYS: i64 = 14;
/// The longest single run accepted without asking (a long ultra).
pub const MAX_RUN_M: f64 = 250_000.0;
/// The longest easy or recovery run accepted without asking. An easy run is
/// conversational by definition; past 100 km a run is an ultra race, so an
/// "easy 150k" more likely hides a slipped digit than a real day out.
pub const MAX_EASY_RUN_M: f64 = 100_000.0;
/// The longest run time accepted without asking (a multi-day ultra).
pub const MAX_RUN_S: u32 = 48 * 3600;
/// Faster than this is beyond any human (the 100 m world record is ~1:36/km).
pub const MIN_PACE_S_PER_KM: f64 = 100.0;
/// The shortest run accepted: below it the number was a slip (the matcher
/// reads metres as a run distance from 100 m up, likewise).
pub const MIN_RUN_M: f64 = 100.0;
/// Past this a wrong distance is not repeated back: a number of twenty
/// digits is noise, not something the runner needs to read again.
const ECHO_MAX_M: f64 = 10_000_000.0;
/// Likewise for hours of sleep.
const ECHO_MAX_HOURS: f64 = 1_000.0;

/// Logs what the message reports, then coaches.
pub(super) fn log(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    if let Some((key, vars)) = implausible(parsed, profile) {
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut reply = bot.plain(parsed.intent, key, &vars);
        // "Did you mean 9 km?": a bare "yes" or number answers it.
        // A number not repeated back is not offered corrected either: the
        // answer to "how far?" is then a fresh number.
        let asked = if key.ends_with("_unclear") || key.ends_with("_short") {
            let mut unclear = parsed.clone();
            unclear.distance_m = None;
            unclear.details.unreadable_distance = parsed.intent == Intent::LogRun;
            unclear
        } else {
            parsed.clone()
        };
        if let Some(metres) = super::pending::ask_plausible(bot, msg, &asked) {
            let said = parsed.distance_m.map(|d| distance(d, profile.unit));
            let likely = distance(metres, profile.unit);
            let vars = [("said", said.unwrap_or_default()), ("likely", likely)];
            let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let question = match key {
                "absurd.easy_distance" => "pending.did_you_mean_easy",
                _ => "pending.did_you_mean",
            };
            reply.text = bot.say(question, &vars);
        }
        return Ok(reply);
    }
    if let Some(reply) = super::limits::refuse_log(bot, msg, parsed.intent, profile)? {
        return Ok(reply);
    }
    let Some(mut entry) = coach::entry_for(parsed, msg.at) else {
        return Ok(bot.plain(Intent::Unknown, "reply.unknown", &[]));
    };
    entry.message_id = msg.message_id.clone();
    let history = bot.history(msg)?;
    let mut plan = coach::plan(
        parsed,
        Some(&entry),
        history.picture(msg, profile),
        &bot.catalogue,
    );
    // A hard session, a long run or half-marathon distance and more.
    let pace = coach::load::typical_pace(&history.logs);
    let hard = matches!(
        parsed.effort,
        Some(Effort::Tempo | Effort::Intervals | Effort::Long | Effort::Race)
    ) || entry
        .run
        .as_ref()
        .is_some_and(|r| coach::recovery::is_hard(r, pace));
    // Back from an injury, or in a taper the runner named this week (this
    // message or an earlier one, until its race day): a heavier week is no news.
    let returning = returning_from_injury(parsed, profile, msg.at);
    if returning || super::profile::tapering(profile, msg.at) {
        plan.notes.retain(|n| !matches!(n, Note::LoadUp));
    }
    super::brevity::drop_repeated_notes(bot, msg, hard, &mut plan.notes);
    let mut lines = vec![acknowledge(bot, msg, parsed, &entry, profile, returning)];
    if returning {
        lines.push(
            bot.catalogue
                .say("safety.back_from_injury", bot.variant(msg), &[]),
        );
    }
    lines.extend(note_lines(bot, &plan.notes));
    let text = lines.join(" ");
    // At most two tips and ~600 characters; the rest wait for "more tips".
    let mut fitted = super::brevity::fit(bot, &text, &plan.tips, &history.advice, msg.at);
    super::handle::for_this_runner(bot, &mut fitted.cards, profile);
    if !fitted.shown.is_empty() {
        let advice = AdviceRecord {
            at: msg.at,
            tips: fitted.shown.iter().map(|c| c.topic).collect(),
        };
        bot.store.record_advice(&msg.user, &advice)?;
    }
    // `append` flushes: after this line the log (and its advice) is durable.
    bot.store.append(&msg.user, &entry)?;

    // "Slept badly": the reply asks for the hours; a bare number fills them in.
    if parsed.intent == Intent::LogSleep && parsed.sleep_hours.is_none() {
        let question = super::pending::Question::SleepHours;
        bot.conversations.ask(&msg.user, msg.at, question);
    }
    if plan.notes.iter().any(|n| matches!(n, Note::RestDue { .. })) {
        let question = super::pending::Question::RestTomorrow;
        bot.conversations.ask(&msg.user, msg.at, question);
    }
    bot.conversations
        .hold_back(&msg.user, msg.at, fitted.held.clone());
    Ok(Reply {
        text,
        intent: parsed.intent,
        tips: fitted.cards,
        logged: true,
        private: false,
        attachment: None,
        more_tips: !fitted.held.is_empty(),
        public_text: None,
        urgent: false,
        times: Vec::new(),
    })
}

/// Pain reported within [`RETURN_CAUTION_DAYS`] of the runner saying a
/// physio cleared them (or the pain was gone).
fn returning_from_injury(parsed: &Parsed, profile: &Profile, now: jiff::Timestamp) -> bool {
    let window = jiff::SignedDuration::from_hours(24 * RETURN_CAUTION_DAYS);
    !parsed.body_parts.is_empty()
        && profile
            .safety
            .pain_cleared_at
            .is_some_and(|at| at <= now && now.duration_since(at) <= window)
}

fn acknowledge(
    bot: &Bot,
    msg: &Incoming,
    parsed: &Parsed,
    entry: &crate::store::LogEntry,
    profile: &Profile,
    returning: bool,
) -> String {
    let parts = body_parts(&bot.catalogue, &parsed.body_parts);
    let mut lines = Vec::new();
    let mention_pain = !parsed.body_parts.is_empty();
    match parsed.intent {
        Intent::LogRun => {
            let run = describe_run(&bot.catalogue, entry.run.as_ref(), profile);
            // No "well run" on a run that hurt after an injury, nor on one
            // run before a doctor checked a warning sign.
            let held = profile.safety.open_warning().is_some();
            let key = if returning || held {
                "ack.run_plain"
            } else {
                "ack.run"
            };
            lines.push(bot.catalogue.say(key, bot.variant(msg), &[("run", &run)]));
            if parsed.details.personal_best && !held {
                lines.push(bot.say("ack.personal_best", &[]));
            }
            if let Some((t, in_f)) = parsed.details.bare_degrees {
                let degrees = format!("{t}");
                let reading = format!("{t} {}", if in_f { "°F" } else { "°C" });
                lines.push(bot.say(
                    "ack.degrees",
                    &[("degrees", &degrees), ("reading", &reading)],
                ));
            }
            if let Some(h) = parsed.sleep_hours {
                lines.push(bot.say("ack.also_sleep", &[("hours", &hours(h))]));
            }
        }
        Intent::LogRest => lines.push(bot.catalogue.say("ack.rest", bot.variant(msg), &[])),
        Intent::LogSleep => match parsed.sleep_hours {
            Some(h) => lines.push(bot.catalogue.say(
                "ack.sleep",
                bot.variant(msg),
                &[("hours", &hours(h))],
            )),
            // "slept badly last night": a night without its hours.
            None => lines.push(bot.say("ack.sleep_no_hours", &[])),
        },
        _ => {
            lines.push(bot.say("ack.pain", &[("parts", &parts)]));
            return lines.join(" ");
        }
    }
    if mention_pain {
        lines.push(bot.say("ack.also_pain", &[("parts", &parts)]));
    }
    lines.join(" ")
}

/// The coach's notes in the runner's words, in the plan's order.
pub(super) fn note_lines(bot: &Bot, notes: &[Note]) -> Vec<String> {
    notes
        .iter()
        .map(|note| match note {
            Note::PainRedFlag(parts) if parts.is_empty() => {
                bot.say("safety.pain_red_flag_general", &[])
            }
            Note::PainRedFlag(parts) => {
                let parts = body_parts(&bot.catalogue, parts);
                bot.say("safety.pain_red_flag", &[("parts", &parts)])
            }
            Note::ColdWithheld => bot.say("safety.cold_ask_doctor", &[]),
            Note::SleepDebt { nights, average } => bot.say(
                "coach.sleep_debt",
                &[("nights", &nights.to_string()), ("hours", &hours(*average))],
            ),
            Note::ShortNight { hours: h } => bot.say("coach.short_night", &[("hours", &hours(*h))]),
            Note::RestDue { days } => bot.say("coach.rest_due", &[("days", &days.to_string())]),
            Note::RestAfterLong { older: true } => bot.say("coach.rest_after_long_older", &[]),
            Note::RestAfterLong { older: false } => bot.say("coach.rest_after_long", &[]),
            // A race's days per mile read as days, not hundreds of hours.
            Note::RecoveryTime {
                hours: h,
                race_rule: true,
                carried: true,
            } => bot.say(
                "coach.recovery_days_left",
                &[("days", &(h / 24).to_string())],
            ),
            Note::RecoveryTime {
                hours: h,
                race_rule: true,
                ..
            } => bot.say("coach.recovery_days", &[("days", &(h / 24).to_string())]),
            Note::RecoveryTime {
                hours: h,
                carried: true,
                ..
            } => bot.say("coach.recovery_left", &[("hours", &h.to_string())]),
            Note::RecoveryTime { hours: h, .. } => {
                bot.say("coach.recovery", &[("hours", &h.to_string())])
            }
            Note::LoadUp => bot.say("coach.load_up", &[]),
        })
        .collect()
}

/// An easy or recovery run longer than [`MAX_EASY_RUN_M`].
pub fn implausible_as_easy(parsed: &Parsed) -> bool {
    let easy = matches!(parsed.effort, Some(Effort::Easy | Effort::Recovery));
    easy && parsed.distance_m.is_some_and(|d| d > MAX_EASY_RUN_M)
}

type Vars = Vec<(&'static str, String)>;

/// Why a log cannot be right, as a message key and its values; `None` when
/// it can.
pub fn implausible(parsed: &Parsed, profile: &Profile) -> Option<(&'static str, Vars)> {
    if parsed.intent == Intent::LogRun
        && parsed.distance_m.is_none()
        && parsed.details.unreadable_distance
    {
        return Some(("absurd.distance_unclear", Vec::new()));
    }
    if let Some(d) = parsed.distance_m {
        let shown = distance(d, profile.unit);
        if !(d.is_finite() && d.abs() <= ECHO_MAX_M) {
            return Some(("absurd.distance_unclear", Vec::new()));
        }
        if d > 0.0 && d < MIN_RUN_M {
            return Some(("absurd.distance_short", Vec::new()));
        }
        if !(d > 0.0 && d <= MAX_RUN_M) {
            return Some(("absurd.distance", vec![("distance", shown)]));
        }
        if implausible_as_easy(parsed) {
            return Some(("absurd.easy_distance", vec![("distance", shown)]));
        }
        if let Some(t) = parsed.duration_s {
            if f64::from(t) / (d / 1000.0) < MIN_PACE_S_PER_KM {
                let time = format::duration(t);
                return Some(("absurd.pace", vec![("distance", shown), ("time", time)]));
            }
        }
    }
    if let Some(t) = parsed.duration_s {
        if t == 0 || t > MAX_RUN_S {
            return Some(("absurd.duration", vec![("time", format::duration(t))]));
        }
    }
    // The parser keeps `sleep_hours` within 0..=24; what it could not keep
    // comes in `details` so the runner still hears why nothing was logged.
    match parsed.sleep_hours.or(parsed.details.impossible_sleep_hours) {
        Some(h) if !(h.is_finite() && (0.0..=ECHO_MAX_HOURS).contains(&h)) => {
            Some(("absurd.sleep_unclear", Vec::new()))
        }
        Some(h) if !(h > 0.0 && h <= 24.0) => Some(("absurd.sleep", vec![("hours", hours(h))])),
        _ => None,
    }
}
