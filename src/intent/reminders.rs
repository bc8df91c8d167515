//! Reminder requests: which kind ("bedtime nudge" is sleep, "remind me to take
//! rest days" is rest) and when ("10pm", "22:30", "by midnight" = 00:00), plus
//! the reminder commands (list them, stop them, the weekly recap on or off).

use std::sync::LazyLock;

use regex::Regex;

use super::prefilter::{Gated, Grams};

use super::{ClockTime, Command, ReminderKind, ReminderRequest};

static REQUEST: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:remind\s+me|reminding\s+me|can\s+you\s+remind|reminders?|nudge\s+me|nudges?|ping\s+me|alert\s+me
            |notify\s+me|tell\s+me\s+(?:to|when)|set\s+(?:an?\s+)?alarm)\b",
    )
    .expect("valid reminder regex")
});

/// "Just a gentle reminder to pay your subs" is a message to the club.
static NOT_A_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?:gentle|friendly|quick|just\s+a|a\s+little|small|polite|final|last|another)\s+(?:reminder|nudge)\b")
        .expect("valid")
});

static REST_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?:rest|rests|rest\s+days?|days?\s+off|recovery\s+days?|take\s+it\s+easy)\b")
        .expect("valid")
});

static SLEEP_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?:bed|bedtime|sleep\w*|lights\s+out|wind\s*(?:ing)?\s*down|night)\b")
        .expect("valid")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          (?P<prefix>\b(?:at|by|around|for|@|before|till|until)\s+)?
          \b(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?\s*(?P<ap>am|pm|a\.m\.?|p\.m\.?)?(?:\b|$)
        | \b(?P<midnight>midnight)\b
        | \b(?P<noon>noon|midday)\b",
    )
    .expect("valid reminder time regex")
});

static LIST: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:(?:list|show|see|check|view)\s+(?:me\s+)?(?:all\s+)?(?:my\s+)?(?:current\s+)?reminders
            |what\s+reminders|which\s+reminders|my\s+reminders\??$|reminders\s+(?:do\s+i\s+have|are\s+set|list))\b",
    )
    .expect("valid")
});

static STOP: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:(?:stop|cancel|disable|mute|turn\s+off|switch\s+off|remove|delete|clear|pause)\s+(?:all\s+)?(?:my\s+|the\s+)?(?:\w+\s+)?(?:reminders?|nudges|notifications)
            |no\s+more\s+(?:\w+\s+)?(?:reminders|nudges|notifications)
            |stop\s+(?:reminding|nudging|pinging)\s+me|unsubscribe|reminders\s+off)\b",
    )
    .expect("valid")
});

/// Turning the weekly recap off: "weekly recap off", "stop the weekly
/// recap", "no more recaps", "don't send me a recap".
static RECAP_OFF: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:stop|cancel|disable|mute|pause|end|turn\s+off|switch\s+off|no\s+more|unsubscribe(?:\s+me)?\s+from|don'?t\s+(?:send|want))\b(?:\s+\w+){0,3}?\s+recaps?\b
            |\brecaps?\s+(?:off|no\s+more)\b",
    )
    .expect("valid")
});

/// Turning it on: "weekly recap on", "send me a weekly recap", "turn on
/// the recap", "I'd like a weekly recap". A recap asked for once ("give me
/// a recap of my week") is the stats, not this: it needs "weekly", "every
/// week", "on" or "turn on".
static RECAP_ON: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\brecaps?\s+on\b
            |\b(?:send|give|dm|message|email)\s+me\s+(?:a\s+|the\s+|my\s+)?(?:weekly|sunday)\s+recaps?\b
            |\b(?:send|give|dm|message|email)\s+me\s+(?:a\s+|the\s+|my\s+)?recaps?\s+(?:every|each)\s+(?:week|sunday)\b
            |\b(?:(?:turn|switch)\s+on|enable)\s+(?:the\s+|my\s+|a\s+)?(?:weekly\s+)?recaps?\b
            |\b(?:i(?:\s+want|\s+would\s+like|'d\s+like)|sign\s+me\s+up\s+for|subscribe(?:\s+me)?\s+to)\s+(?:a\s+|the\s+)?weekly\s+recaps?\b
            |\bweekly\s+recaps?\s+please\b|^(?:a\s+)?weekly\s+recaps?[.!]?$",
    )
    .expect("valid")
});

/// "on my days off", "at weekends", "on Sundays": some days only.
static SOME_DAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:on|at|during|for|over)\s+(?:my\s+|the\s+)?(?:days?\s+off|off\s+days?|rest\s+days?|weekends?|week\s*ends?|weekdays?|holidays?|nights?\s+off
            |(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b",
    )
    .expect("valid")
});

/// Turning reminders off: "stop reminders", "no rest reminder", "don't
/// remind me".
static OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?:no|without|don'?t\s+(?:send|want)(?:\s+\w+)?|skip|pause|stop|mute|cancel|disable|turn\s+off|switch\s+off)\s+(?:\w+\s+){0,2}?(?:reminders?|nudges?|notifications?|remind(?:ing)?\s+me)\b|\bdon'?t\s+remind\s+me\b")
        .expect("valid")
});

/// "Stop reminders on my days off", "no rest reminder on weekends": turning
/// reminders off for some days only, which the reminders cannot do (a
/// bedtime reminder is daily, a rest-day one follows the runs).
pub fn off_some_days(text: &str) -> bool {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    OFF.is_match(&lower) && SOME_DAYS.is_match(&lower)
}

/// A reminder command, if the text is one.
pub(crate) fn command(g: &Grams, text: &str) -> Option<Command> {
    // The recap first: "turn off the weekly recap" is not "stop reminders".
    if RECAP_OFF.is_match(g, text) {
        Some(Command::RecapOff)
    } else if RECAP_ON.is_match(g, text) {
        Some(Command::RecapOn)
    } else if STOP.is_match(g, text) {
        Some(Command::StopReminders)
    } else if LIST.is_match(g, text) {
        Some(Command::ListReminders)
    } else {
        None
    }
}

/// A request for a new reminder.
pub(crate) fn request(g: &Grams, text: &str) -> Option<ReminderRequest> {
    if !REQUEST.is_match(g, text) || NOT_A_REQUEST.is_match(text) {
        return None;
    }
    let kind = match (REST_KIND.find(text), SLEEP_KIND.find(text)) {
        (Some(r), Some(s)) if r.start() < s.start() => ReminderKind::Rest,
        (Some(_), None) => ReminderKind::Rest,
        _ => ReminderKind::Sleep,
    };
    Some(ReminderRequest {
        kind,
        at: time(text, kind),
    })
}

/// "half past ten", "half ten", "quarter past 9", "quarter to 11" as "10:30",
/// "10:30", "9:15", "10:45".
static SPOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?P<what>half\s+past|half|quarter\s+past|quarter\s+to)\s+(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?P<ap>\s*(?:am|pm))?",
    )
    .expect("valid spoken time regex")
});

fn spoken(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("half") && !text.contains("quarter") {
        return std::borrow::Cow::Borrowed(text);
    }
    SPOKEN.replace_all(text, |c: &regex::Captures| {
        let h = super::text::number(&c["h"]).unwrap_or(0.0) as u32;
        let ap = c.name("ap").map_or("", |m| m.as_str());
        match &c["what"] {
            "quarter to" => format!("{}:45{ap}", if h <= 1 { 12 } else { h - 1 }),
            w if w.starts_with("quarter") => format!("{h}:15{ap}"),
            _ => format!("{h}:30{ap}"),
        }
    })
}

fn time(text: &str, kind: ReminderKind) -> Option<ClockTime> {
    let text = &*spoken(text);
    // A bare number is a time only after "at", "by"...; "10:30" or "10pm" alone are.
    let c = TIME.captures_iter(text).find(|c| {
        c.name("midnight").is_some()
            || c.name("noon").is_some()
            || c.name("prefix").is_some()
            || c.name("m").is_some()
            || c.name("ap").is_some()
    })?;
    if c.name("midnight").is_some() {
        return ClockTime::new(0, 0);
    }
    if c.name("noon").is_some() {
        return ClockTime::new(12, 0);
    }
    let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u8>().ok());
    let h = num("h")?;
    let m = num("m").unwrap_or(0);
    let h = match c.name("ap").map(|a| a.as_str().starts_with('p')) {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) => h,
        // "at 10" or "at 10:30" for a bedtime means the evening ("09:30" is
        // written as a 24-hour time and stays).
        None if kind == ReminderKind::Sleep
            && (7..=11).contains(&h)
            && !c.name("h").is_some_and(|m| m.as_str().starts_with('0')) =>
        {
            h + 12
        }
        None if kind == ReminderKind::Sleep && c.name("m").is_none() && h == 12 => 0,
        None => h,
    };
    ClockTime::new(h, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<String> {
        request(&Grams::new(s), s)
            .and_then(|r| r.at)
            .map(|t| t.to_string())
    }

    #[test]
    fn times() {
        assert_eq!(
            at("remind me to go to bed at half past ten").as_deref(),
            Some("22:30")
        );
        assert_eq!(at("sleep reminder for half ten").as_deref(), Some("22:30"));
        assert_eq!(
            at("bed reminder at quarter to 11").as_deref(),
            Some("22:45")
        );
        assert_eq!(
            at("bedtime nudge at 11:15pm please").as_deref(),
            Some("23:15")
        );
        assert_eq!(
            at("remind me to sleep by midnight").as_deref(),
            Some("00:00")
        );
        assert_eq!(at("remind me at 22:30").as_deref(), Some("22:30"));
        assert_eq!(at("remind me to go to bed at 10").as_deref(), Some("22:00"));
        assert_eq!(at("remind me at 99pm"), None);
    }

    #[test]
    fn kinds_and_commands() {
        let s = "i keep forgetting rest days, can you remind me?";
        let r = request(&Grams::new(s), s).map(|r| r.kind);
        assert_eq!(r, Some(ReminderKind::Rest));
        assert_eq!(
            command(&Grams::new("turn off reminders"), "turn off reminders"),
            Some(Command::StopReminders)
        );
        assert!(off_some_days("stop reminders on my days off"));
        assert!(off_some_days("no rest reminder on weekends"));
        assert!(!off_some_days("stop reminders"));
        assert!(!off_some_days("remind me to sleep at 22:30 on weekdays"));
        assert_eq!(
            command(
                &Grams::new("what reminders do i have"),
                "what reminders do i have"
            ),
            Some(Command::ListReminders)
        );
    }

    #[test]
    fn the_weekly_recap_on_and_off() {
        let cmd = |s: &str| command(&Grams::new(s), s);
        for on in [
            "weekly recap on",
            "send me a weekly recap",
            "can you send me a recap every week?",
            "turn on the weekly recap",
            "i'd like a weekly recap",
            "weekly recap please",
        ] {
            assert_eq!(cmd(on), Some(Command::RecapOn), "{on}");
        }
        for off in [
            "weekly recap off",
            "stop the weekly recap",
            "turn off my weekly recap",
            "no more recaps",
            "don't send me a recap",
            "recap off",
        ] {
            assert_eq!(cmd(off), Some(Command::RecapOff), "{off}");
        }
        assert_eq!(cmd("stop reminders"), Some(Command::StopReminders));
        assert_eq!(cmd("ran 10k"), None);
        // A recap asked for once is the stats.
        assert_eq!(cmd("give me a recap of my week"), None);
        assert_eq!(cmd("send me a recap"), None);
    }
}
