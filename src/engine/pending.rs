//! Short-lived questions the bot asked a runner, so that a bare "yes",
//! "no", "ok", 👍 or number answers them: a delete confirmation, "did you
//! mean 9 km?", "how about a rest day tomorrow?", "which time zone did you
//! mean?", "how many hours did you get?". One question per runner; it lasts [`ANSWER_WITHIN_MINUTES`], and
//! any message that is not a short answer drops it (and is then handled as
//! usual), so an old question never captures a later "yes".
//!
//! Kept in memory, not in the store, on purpose: a question is only worth
//! answering for a few minutes, and losing it in a restart costs the runner
//! one retyped message (the full forms, "yes, delete", "ran 9k", "set tz
//! Asia/Kolkata", keep working, and the delete request itself is durable in
//! the profile). A stored question, on the other hand, could outlive its
//! context and misread a later "yes".
//!
//! The tips a reply held back for "more tips", and the notes the last reply
//! said (not to repeat them on the next one), live here for the same
//! reason.

use std::collections::HashMap;
use std::mem::Discriminant;
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

use super::{format, log, privacy, profile, Bot, Incoming, Reply};
use crate::coach::{Choice, Note};
use crate::intent::{short_answer, Intent, Parsed, ShortAnswer, Unit};
use crate::store::{Profile, StoreError, UserId};

/// How long a question waits for its answer.
pub const ANSWER_WITHIN_MINUTES: i64 = 10;
/// How long held-back tips can be asked for.
pub const MORE_TIPS_WITHIN_HOURS: i64 = 12;
/// A typical single run is under this: an absurd distance is divided by ten
/// until it fits ("900 km" → "9 km"?), to offer a likely meaning.
const LIKELY_RUN_M: f64 = 50_000.0;

/// A question waiting for a short answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// "Reply "yes, delete" to confirm".
    ConfirmDelete,
    /// A log that could not be right; `suggested` is what "yes" logs.
    Plausible {
        parsed: Box<Parsed>,
        suggested: Option<f64>,
    },
    /// "How about a rest day tomorrow?"
    RestTomorrow,
    /// An abbreviation that names several zones, in the order offered.
    WhichTimeZone { options: Vec<String> },
    /// "Slept badly": "how many hours did you get?" A number fills in the
    /// night just logged without its hours.
    SleepHours,
}

/// The kinds of note a reply said, and when.
pub type SaidNotes = (Timestamp, Vec<Discriminant<Note>>);

/// Every runner's open question and held-back tips.
#[derive(Debug, Default)]
pub struct Conversations {
    questions: Mutex<HashMap<UserId, (Timestamp, Question)>>,
    held_back: Mutex<HashMap<UserId, (Timestamp, Vec<Choice>)>>,
    /// The kinds of coach's note the last log reply said, and when.
    said_notes: Mutex<HashMap<UserId, SaidNotes>>,
    /// The last recovery estimate said ("about 18 hours"), and when.
    recovery_said: Mutex<HashMap<UserId, (Timestamp, u32)>>,
}

impl Conversations {
    /// Asks `question` (replacing any earlier one).
    pub fn ask(&self, user: &UserId, at: Timestamp, question: Question) {
        if let Ok(mut map) = self.questions.lock() {
            map.insert(user.clone(), (at, question));
        }
    }

    /// Takes the runner's open question, if one is still fresh: every
    /// message ends it, answered or not.
    fn take(&self, user: &UserId, now: Timestamp) -> Option<Question> {
        let (asked, question) = self.questions.lock().ok()?.remove(user)?;
        let fresh = asked <= now
            && now.duration_since(asked) <= SignedDuration::from_mins(ANSWER_WITHIN_MINUTES);
        fresh.then_some(question)
    }

    /// Remembers the tips a reply left out, for "more tips".
    pub fn hold_back(&self, user: &UserId, at: Timestamp, tips: Vec<Choice>) {
        if let Ok(mut map) = self.held_back.lock() {
            if tips.is_empty() {
                map.remove(user);
            } else {
                map.insert(user.clone(), (at, tips));
            }
        }
    }

    /// The kinds of note the runner's last log reply said, and when.
    pub fn said_notes(&self, user: &UserId) -> Option<SaidNotes> {
        self.said_notes.lock().ok()?.get(user).cloned()
    }

    pub fn set_said_notes(&self, user: &UserId, at: Timestamp, kinds: Vec<Discriminant<Note>>) {
        if let Ok(mut map) = self.said_notes.lock() {
            map.insert(user.clone(), (at, kinds));
        }
    }

    /// The last recovery estimate the runner was told, in hours, and when.
    pub fn recovery_said(&self, user: &UserId) -> Option<(Timestamp, u32)> {
        self.recovery_said.lock().ok()?.get(user).copied()
    }

    pub fn set_recovery_said(&self, user: &UserId, at: Timestamp, hours: u32) {
        if let Ok(mut map) = self.recovery_said.lock() {
            map.insert(user.clone(), (at, hours));
        }
    }

    /// The tips held back from the runner's last reply, once.
    pub fn more_tips(&self, user: &UserId, now: Timestamp) -> Vec<Choice> {
        let Some((at, tips)) = self.held_back.lock().ok().and_then(|mut m| m.remove(user)) else {
            return Vec::new();
        };
        let fresh = at <= now
            && now.duration_since(at) <= SignedDuration::from_hours(MORE_TIPS_WITHIN_HOURS);
        if fresh {
            tips
        } else {
            Vec::new()
        }
    }
}

/// Answers the runner's open question when `msg` is a short answer to it.
/// `None`: there was no question, or the message is something else (the
/// question is dropped either way).
pub(super) fn answer(
    bot: &Bot,
    msg: &Incoming,
    profile: &Profile,
) -> Result<Option<Reply>, StoreError> {
    let Some(question) = bot.conversations.take(&msg.user, msg.at) else {
        return Ok(None);
    };
    let Some(answer) = short_answer(&msg.text) else {
        return Ok(None);
    };
    let reply = match (question, answer) {
        (Question::ConfirmDelete, ShortAnswer::Yes) => {
            let mut reply = privacy::confirm_delete(bot, msg, profile)?;
            reply.intent = Intent::Undo;
            reply
        }
        (Question::ConfirmDelete, ShortAnswer::No) => privacy::cancel_delete(bot, msg)?,
        (Question::Plausible { parsed, suggested }, answer) => {
            let corrected = match (answer, suggested) {
                (ShortAnswer::Yes, Some(metres)) => Some(Parsed {
                    distance_m: Some(metres),
                    ..(*parsed).clone()
                }),
                (ShortAnswer::Number(n), _) => Some(with_number(&parsed, n, profile.unit)),
                _ => None,
            };
            match corrected {
                Some(corrected) => log::log(bot, msg, &corrected, profile)?,
                None => bot.plain(parsed.intent, "pending.left_out", &[]),
            }
        }
        (Question::RestTomorrow, ShortAnswer::Yes) => {
            bot.plain(Intent::Unknown, "pending.rest_yes", &[])
        }
        (Question::RestTomorrow, ShortAnswer::No) => {
            bot.plain(Intent::Unknown, "pending.rest_no", &[])
        }
        (Question::WhichTimeZone { options }, ShortAnswer::Number(n)) => {
            let chosen = (n.fract() == 0.0 && n >= 1.0)
                .then(|| options.get(n as usize - 1))
                .flatten();
            match chosen {
                Some(zone) => profile::set_time_zone(bot, msg, profile, zone)?,
                None => return Ok(None),
            }
        }
        (Question::WhichTimeZone { .. }, ShortAnswer::No) => {
            bot.plain(Intent::SetProfile, "pending.time_zone_kept", &[])
        }
        (Question::SleepHours, ShortAnswer::Number(h)) if h > 0.0 && h <= 24.0 => {
            match night_hours(bot, msg, h)? {
                Some(reply) => reply,
                None => return Ok(None),
            }
        }
        // A number for a yes/no question, or "yes" to "which one?": not an
        // answer; read the message as usual.
        _ => return Ok(None),
    };
    Ok(Some(reply))
}

/// The hours of the night the runner logged without them: that entry
/// amended, not a second night. `None` when it is no longer the last log.
fn night_hours(bot: &Bot, msg: &Incoming, h: f64) -> Result<Option<Reply>, StoreError> {
    let Some((key, mut night)) = bot.store.last_log(&msg.user)? else {
        return Ok(None);
    };
    if night.sleep.is_some() || night.run.is_some() || night.rest.is_some() {
        return Ok(None);
    }
    night.sleep = Some(crate::model::SleepLog { hours: h });
    bot.store.replace(&key, &night)?;
    let said = format::hours(h);
    let mut text = bot
        .catalogue
        .say("ack.sleep", bot.variant(msg), &[("hours", &said)]);
    if h < crate::coach::signals::SLEEP_TARGET_H {
        let short = bot.say("coach.short_night", &[("hours", &said)]);
        text = format!("{text} {short}");
    }
    let mut reply = Reply::new(Intent::LogSleep, text);
    reply.logged = true;
    reply.private = true;
    Ok(Some(reply))
}

/// The question for a log that cannot be right, with a likely meaning for
/// a distance ("900 km" → 9 km).
pub(super) fn ask_plausible(bot: &Bot, msg: &Incoming, parsed: &Parsed) -> Option<f64> {
    let limit = if log::implausible_as_easy(parsed) {
        log::MAX_EASY_RUN_M
    } else {
        log::MAX_RUN_M
    };
    let suggested = parsed.distance_m.and_then(|m| likely_distance(m, limit));
    let suggested = suggested.filter(|_| parsed.duration_s.is_none());
    bot.conversations.ask(
        &msg.user,
        msg.at,
        Question::Plausible {
            parsed: Box::new(parsed.clone()),
            suggested,
        },
    );
    suggested
}

/// A distance over `limit` divided by ten until it looks like a run.
pub fn likely_distance(m: f64, limit: f64) -> Option<f64> {
    if !(m.is_finite() && m > limit) {
        return None;
    }
    let mut d = m;
    while d > LIKELY_RUN_M {
        d /= 10.0;
    }
    (d >= 1_000.0).then_some(d)
}

/// The logged message with the runner's number in place of the value
/// that could not be right: hours for sleep, a distance in their unit, or
/// minutes for a run time.
fn with_number(parsed: &Parsed, n: f64, unit: Unit) -> Parsed {
    let mut fixed = parsed.clone();
    let sleep_wrong = parsed
        .sleep_hours
        .or(parsed.details.impossible_sleep_hours)
        .is_some_and(|h| !(h > 0.0 && h <= 24.0));
    if sleep_wrong {
        fixed.sleep_hours = Some(n);
        fixed.details.impossible_sleep_hours = None;
    } else if parsed.distance_m.is_some() || parsed.details.unreadable_distance {
        fixed.details.unreadable_distance = false;
        fixed.distance_m = Some(match unit {
            Unit::Km => n * 1000.0,
            Unit::Mi => n * 1609.344,
        });
    } else if parsed.duration_s.is_some() {
        fixed.duration_s = Some((n * 60.0).round() as u32);
    }
    fixed
}

/// "1 Asia/Kolkata, 2 Europe/Dublin or 3 Asia/Jerusalem".
pub(super) fn ask_time_zone(bot: &Bot, msg: &Incoming, options: &[String]) -> Reply {
    let numbered: Vec<String> = options
        .iter()
        .enumerate()
        .map(|(i, z)| format!("{} {z}", i + 1))
        .collect();
    let listed = format::list(&bot.catalogue, numbered.iter().map(String::as_str));
    bot.conversations.ask(
        &msg.user,
        msg.at,
        Question::WhichTimeZone {
            options: options.to_vec(),
        },
    );
    let mut reply = bot.plain(
        Intent::SetProfile,
        "pending.which_time_zone",
        &[("options", &listed)],
    );
    reply.private = true;
    reply
}
