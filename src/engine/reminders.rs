//! Messages about reminders: "remind me to go to bed at 22:30", "remind me
//! about rest days", "weekly recap on / off", "my reminders", "stop
//! reminders". The schedule and its
//! storage live in [`crate::reminders`]; this turns a parsed request into a
//! change of the book and the sentence that confirms it.

use super::{Bot, Incoming, Reply, TimeMark, TimeStyle};
use crate::intent::{ClockTime, Command, Intent, Parsed, ReminderKind, ReminderRequest};
use crate::reminders::schedule::{self, DEFAULT_MORNING, QUIET_UNTIL};
use crate::reminders::ReminderBook;
use crate::store::StoreError;

/// Answers a `set_reminder` message.
pub(super) fn respond(bot: &Bot, msg: &Incoming, parsed: &Parsed) -> Result<Reply, StoreError> {
    let book = bot.reminders().book().clone();
    match (parsed.reminder, parsed.details.command) {
        (Some(request), _) => set(bot, &book, msg, request),
        (None, Some(Command::StopReminders)) => stop(bot, &book, msg),
        (None, Some(Command::RecapOn)) => set(
            bot,
            &book,
            msg,
            ReminderRequest {
                kind: ReminderKind::Recap,
                at: None,
            },
        ),
        (None, Some(Command::RecapOff)) => recap_off(bot, &book, msg),
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
        // Sunday evening, always: the week is done, the next not begun.
        (ReminderKind::Recap, _) => (schedule::RECAP_AT, false),
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
        ReminderKind::Recap => "recap.on",
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
    out.times = clock_mark(&time, zone, outcome.next_due);
    Ok(out)
}

fn stop(bot: &Bot, book: &ReminderBook, msg: &Incoming) -> Result<Reply, StoreError> {
    Ok(if book.stop(&msg.user)? {
        reply(bot, "reminders.stopped", &[], true)
    } else {
        reply(bot, "reminders.none_to_stop", &[], false)
    })
}

fn recap_off(bot: &Bot, book: &ReminderBook, msg: &Incoming) -> Result<Reply, StoreError> {
    Ok(if book.stop_kind(&msg.user, ReminderKind::Recap)? {
        reply(bot, "recap.off", &[], true)
    } else {
        reply(bot, "recap.none_to_stop", &[], false)
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
    let mut times = Vec::new();
    if let Some(s) = &rec.sleep {
        lines.push(line("reminders.list_sleep", s.at));
        times.extend(clock_mark(&s.at.to_string(), zone, s.next_due));
    }
    if let Some(s) = &rec.rest {
        lines.push(line("reminders.list_rest", s.at));
        times.extend(clock_mark(&s.at.to_string(), zone, s.next_due));
    }
    if let Some(s) = &rec.recap {
        lines.push(line("reminders.list_recap", s.at));
        times.extend(clock_mark(&s.at.to_string(), zone, s.next_due));
    }
    if rec.blocked_since.is_some() {
        lines.push(say(bot, "reminders.list_paused", &[]));
    }
    let mut out = reply(bot, "reminders.list_intro", &[], false);
    out.text = lines.join("\n");
    out.private = true;
    out.times = times;
    Ok(out)
}

/// "22:30 (Europe/Berlin)", as the catalogue writes a reminder's time, with
/// the instant it next falls due.
fn clock_mark(time: &str, zone: &str, next: Option<jiff::Timestamp>) -> Vec<TimeMark> {
    next.map(|at| TimeMark {
        words: format!("{time} ({zone})"),
        at,
        style: TimeStyle::Clock,
    })
    .into_iter()
    .collect()
}

fn say(bot: &Bot, key: &str, vars: &[(&str, &str)]) -> String {
    bot.catalogue().say(key, 0, vars)
}

fn reply(bot: &Bot, key: &str, vars: &[(&str, &str)], logged: bool) -> Reply {
    Reply {
        logged,
        ..Reply::new(Intent::SetReminder, say(bot, key, vars))
    }
}

#[cfg(test)]
mod tests {
    //! The engine's reminder answers, from constructed `Parsed` values so
    //! they hold whatever the matcher does.

    use jiff::Timestamp;

    use super::*;
    use crate::catalogue::Catalogue;
    use crate::engine::Origin;
    use crate::intent::{self, ParseOptions};
    use crate::store::{Profile, Store, UserId};

    fn bot() -> Bot {
        let catalogue = Catalogue::load(&Catalogue::shipped_dir()).expect("shipped catalogue");
        Bot::new(catalogue, Store::temporary().expect("temporary store")).expect("bot")
    }

    fn parsed(reminder: Option<ReminderRequest>, command: Option<Command>) -> Parsed {
        let mut p = intent::parse("", &ParseOptions::default());
        p.intent = Intent::SetReminder;
        p.reminder = reminder;
        p.details.command = command;
        p
    }

    fn request(kind: ReminderKind, at: Option<&str>) -> Option<ReminderRequest> {
        Some(ReminderRequest {
            kind,
            at: at.map(|a| a.parse().expect("HH:MM")),
        })
    }

    fn msg(user: &str, at: &str) -> Incoming {
        Incoming {
            user: UserId::new(user),
            origin: Origin::Dm,
            text: String::new(),
            at: at.parse().expect("instant"),
            message_id: None,
        }
    }

    fn ask(bot: &Bot, user: &str, at: &str, p: &Parsed) -> Reply {
        respond(bot, &msg(user, at), p).expect("answered")
    }

    fn next_due(bot: &Bot) -> Option<Timestamp> {
        ReminderBook::open(bot.store())
            .and_then(|b| b.next_due(None))
            .expect("book")
    }

    #[test]
    fn bedtime_without_a_zone_is_utc_and_says_so_once() {
        let bot = bot();
        let set = parsed(request(ReminderKind::Sleep, Some("22:30")), None);
        let first = ask(&bot, "1", "2026-06-01T12:00:00Z", &set);
        assert!(first.logged);
        assert_eq!(first.intent, Intent::SetReminder);
        let utc = say(&bot, "reminders.utc_notice", &[]);
        assert!(first.text.contains(&utc), "{}", first.text);
        assert!(first.text.contains("22:30") && first.text.contains("UTC"));
        assert_eq!(
            next_due(&bot),
            Some("2026-06-01T22:30:00Z".parse().unwrap())
        );
        let second = ask(&bot, "1", "2026-06-01T12:05:00Z", &set);
        assert!(!second.text.contains(&utc), "told twice: {}", second.text);
    }

    #[test]
    fn bedtime_follows_the_profile_zone() {
        let bot = bot();
        let user = UserId::new("2");
        let profile = Profile {
            time_zone: Some("America/New_York".into()),
            ..Profile::default()
        };
        bot.store().save_profile(&user, &profile).expect("saved");
        let set = parsed(request(ReminderKind::Sleep, Some("22:30")), None);
        let reply = ask(&bot, "2", "2026-11-01T12:00:00Z", &set);
        assert!(reply.text.contains("America/New_York"), "{}", reply.text);
        // 22:30 EST, the evening after the clocks went back.
        assert_eq!(
            next_due(&bot),
            Some("2026-11-02T03:30:00Z".parse().unwrap())
        );
    }

    #[test]
    fn a_bedtime_without_a_time_asks_for_one_and_stores_nothing() {
        let bot = bot();
        let reply = ask(
            &bot,
            "3",
            "2026-06-01T12:00:00Z",
            &parsed(request(ReminderKind::Sleep, None), None),
        );
        assert_eq!(reply.text, say(&bot, "reminders.need_time", &[]));
        assert!(!reply.logged);
        assert_eq!(next_due(&bot), None);
    }

    #[test]
    fn rest_days_default_to_eight_and_never_go_out_in_quiet_hours() {
        let bot = bot();
        let on = ask(
            &bot,
            "4",
            "2026-06-01T12:00:00Z",
            &parsed(request(ReminderKind::Rest, None), None),
        );
        assert!(on.logged && on.text.contains("08:00"), "{}", on.text);
        let early = ask(
            &bot,
            "4",
            "2026-06-01T12:01:00Z",
            &parsed(request(ReminderKind::Rest, Some("05:30")), None),
        );
        assert!(early.text.contains("07:00"), "{}", early.text);
        let book = ReminderBook::open(bot.store()).expect("book");
        let rec = book.get(&UserId::new("4")).expect("record");
        assert_eq!(rec.rest.map(|s| s.at.to_string()), Some("07:00".to_owned()));
    }

    #[test]
    fn list_and_stop() {
        let bot = bot();
        let at = "2026-06-01T12:00:00Z";
        let list = parsed(None, Some(Command::ListReminders));
        let none = ask(&bot, "5", at, &list);
        assert_eq!(none.text, say(&bot, "reminders.list_none", &[]));
        ask(
            &bot,
            "5",
            at,
            &parsed(request(ReminderKind::Sleep, Some("23:15")), None),
        );
        ask(
            &bot,
            "5",
            at,
            &parsed(request(ReminderKind::Rest, Some("09:00")), None),
        );
        let listed = ask(&bot, "5", at, &list);
        assert!(listed.private);
        assert!(
            listed.text.contains("23:15") && listed.text.contains("09:00"),
            "{}",
            listed.text
        );

        let stop = parsed(None, Some(Command::StopReminders));
        let stopped = ask(&bot, "5", at, &stop);
        assert!(stopped.logged);
        assert_eq!(stopped.text, say(&bot, "reminders.stopped", &[]));
        assert_eq!(next_due(&bot), None);
        let again = ask(&bot, "5", at, &stop);
        assert_eq!(again.text, say(&bot, "reminders.none_to_stop", &[]));
        assert!(!again.logged);
    }

    #[test]
    fn a_bare_reminder_intent_explains_what_it_can_do() {
        let bot = bot();
        let reply = ask(&bot, "6", "2026-06-01T12:00:00Z", &parsed(None, None));
        assert_eq!(reply.text, say(&bot, "reminders.help", &[]));
        assert!(!reply.logged);
    }
}
