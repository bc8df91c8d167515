//! Messages about reminders: "remind me to go to bed at 22:30", "remind me
//! about rest days", "my reminders", "stop reminders". The schedule and its
//! storage live in [`crate::reminders`]; this turns a parsed request into a
//! change of the book and the sentence that confirms it.

use super::{Bot, Incoming, Reply};
use crate::intent::{ClockTime, Command, Intent, Parsed, ReminderKind, ReminderRequest};
use crate::reminders::schedule::{self, DEFAULT_MORNING, QUIET_UNTIL};
use crate::reminders::ReminderBook;
use crate::store::StoreError;

/// Answers a `set_reminder` message.
pub(super) fn respond(bot: &Bot, msg: &Incoming, parsed: &Parsed) -> Result<Reply, StoreError> {
    let book = ReminderBook::open(bot.store())?;
    match (parsed.reminder, parsed.details.command) {
        (Some(request), _) => set(bot, &book, msg, request),
        (None, Some(Command::StopReminders)) => stop(bot, &book, msg),
        (None, Some(Command::ListReminders)) => list(bot, &book, msg),
        (None, _) => Ok(reply(bot, "reminders.help", &[], false)),
    }
}

fn set(
    bot: &Bot,
    book: &ReminderBook,
    msg: &Incoming,
    request: ReminderRequest,
) -> Result<Reply, StoreError> {
    let (at, moved) = match (request.kind, request.at) {
        (ReminderKind::Sleep, None) => return Ok(reply(bot, "reminders.need_time", &[], false)),
        (ReminderKind::Sleep, Some(at)) => (at, false),
        (ReminderKind::Rest, at) => {
            let at = at.unwrap_or(DEFAULT_MORNING);
            if schedule::in_quiet_hours(at) {
                (QUIET_UNTIL, true)
            } else {
                (at, false)
            }
        }
    };
    let outcome = book.set(&msg.user, request.kind, at, msg.at)?;
    let time = at.to_string();
    let zone = outcome.zone.as_deref().unwrap_or("UTC");
    let key = match request.kind {
        ReminderKind::Sleep => "reminders.sleep_set",
        ReminderKind::Rest => "reminders.rest_set",
    };
    let mut lines = vec![say(bot, key, &[("time", &time), ("zone", zone)])];
    if moved {
        lines.push(say(bot, "reminders.rest_quiet", &[("time", &time)]));
    }
    if outcome.resumed {
        lines.push(say(bot, "reminders.resumed", &[]));
    }
    if outcome.tell_utc {
        lines.push(say(bot, "reminders.utc_notice", &[]));
    }
    tracing::debug!(user = %msg.user, kind = ?request.kind, next = ?outcome.next_due, "reminder set");
    let mut out = reply(bot, key, &[], true);
    out.text = lines.join(" ");
    Ok(out)
}

fn stop(bot: &Bot, book: &ReminderBook, msg: &Incoming) -> Result<Reply, StoreError> {
    Ok(if book.stop(&msg.user)? {
        reply(bot, "reminders.stopped", &[], true)
    } else {
        reply(bot, "reminders.none_to_stop", &[], false)
    })
}

fn list(bot: &Bot, book: &ReminderBook, msg: &Incoming) -> Result<Reply, StoreError> {
    let rec = book.get(&msg.user)?;
    if rec.is_empty() {
        return Ok(reply(bot, "reminders.list_none", &[], false));
    }
    let (_, zone) = book.zone_of(&msg.user)?;
    let zone = zone.as_deref().unwrap_or("UTC");
    let line =
        |key: &str, at: ClockTime| say(bot, key, &[("time", &at.to_string()), ("zone", zone)]);
    let mut lines = vec![say(bot, "reminders.list_intro", &[])];
    if let Some(s) = &rec.sleep {
        lines.push(line("reminders.list_sleep", s.at));
    }
    if let Some(s) = &rec.rest {
        lines.push(line("reminders.list_rest", s.at));
    }
    if rec.blocked_since.is_some() {
        lines.push(say(bot, "reminders.list_paused", &[]));
    }
    let mut out = reply(bot, "reminders.list_intro", &[], false);
    out.text = lines.join("\n");
    out.private = true;
    Ok(out)
}

fn say(bot: &Bot, key: &str, vars: &[(&str, &str)]) -> String {
    bot.catalogue().say(key, 0, vars)
}

fn reply(bot: &Bot, key: &str, vars: &[(&str, &str)], logged: bool) -> Reply {
    Reply {
        text: say(bot, key, vars),
        intent: Intent::SetReminder,
        tips: Vec::new(),
        logged,
        private: false,
        attachment: None,
    }
}
