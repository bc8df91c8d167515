//! Shared helpers for the coach tests: messages built as [`Parsed`] values
//! directly, so the tests do not depend on the matcher's vocabulary.
#![allow(dead_code)]

use cooldown::catalogue::Catalogue;
use cooldown::engine::{Bot, Incoming, Origin, Reply};
use cooldown::intent::{
    BodyPart, Command, Condition, Details, Effort, HealthCondition, Intent, Parsed, ProfileUpdate,
    Topic,
};
use cooldown::store::{Store, UserId};
use jiff::Timestamp;

pub fn catalogue() -> Catalogue {
    Catalogue::load(&Catalogue::shipped_dir()).expect("shipped catalogue loads")
}

pub fn bot() -> Bot {
    Bot::new(catalogue(), Store::temporary().unwrap()).unwrap()
}

pub fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub fn msg(intent: Intent) -> Parsed {
    Parsed {
        intent,
        distance_m: None,
        duration_s: None,
        effort: None,
        conditions: Vec::new(),
        days_ago: 0,
        sleep_hours: None,
        body_parts: Vec::new(),
        topic: None,
        reminder: None,
        details: Details::default(),
    }
}

pub fn run_km(km: f64) -> Parsed {
    Parsed {
        distance_m: Some(km * 1000.0),
        ..msg(Intent::LogRun)
    }
}

pub fn with_effort(mut p: Parsed, e: Effort) -> Parsed {
    p.effort = Some(e);
    p
}

pub fn with_conditions(mut p: Parsed, c: &[Condition]) -> Parsed {
    p.conditions = c.to_vec();
    p
}

pub fn with_parts(mut p: Parsed, parts: &[BodyPart]) -> Parsed {
    p.body_parts = parts.to_vec();
    p
}

pub fn sleep(h: f64) -> Parsed {
    Parsed {
        sleep_hours: Some(h),
        ..msg(Intent::LogSleep)
    }
}

pub fn rest() -> Parsed {
    msg(Intent::LogRest)
}

pub fn command(c: Command) -> Parsed {
    let mut p = msg(Intent::Unknown);
    p.details.command = Some(c);
    p
}

pub fn profile(update: ProfileUpdate) -> Parsed {
    let mut p = msg(Intent::SetProfile);
    p.details.profile = update;
    p
}

pub fn conditions(c: &[HealthCondition]) -> Parsed {
    profile(ProfileUpdate {
        conditions: c.to_vec(),
        ..ProfileUpdate::default()
    })
}

pub fn tips_on(t: Topic) -> Parsed {
    Parsed {
        topic: Some(t),
        ..msg(Intent::AskTips)
    }
}

/// Sends `parsed` as if `user` wrote it in a DM at `when`.
pub fn send(bot: &Bot, user: &str, when: &str, parsed: Parsed) -> Reply {
    let incoming = Incoming {
        user: UserId::new(user),
        origin: Origin::Dm,
        text: "(parsed in the test)".into(),
        at: at(when),
        message_id: None,
    };
    bot.handle_parsed(&incoming, parsed)
        .expect("a DM always gets a reply")
}

pub fn topics(reply: &Reply) -> Vec<Topic> {
    reply.tips.iter().map(|t| t.topic).collect()
}
