//! "Stats": the runner's week (distance, runs, longest, rest days, average
//! sleep, load against their usual week), their consistency streak and their
//! recent logs, with the chart of their last eight weeks attached
//! ([`crate::chart`]). Days are the runner's local days. Private.

use jiff::civil::Date;
use jiff::ToSpan;

use super::format::{self, describe_entry};
use super::{Attachment, Bot, Incoming, Reply};
use crate::chart;
use crate::coach::load::{self, Trend};
use crate::intent::Intent;
use crate::rules::{consistency_streak, local_date, runner_zone};
use crate::store::{LogEntry, Profile, StoreError};

/// Days of recent logs listed under the week.
pub const HISTORY_LIST_DAYS: i32 = 14;
/// At most this many recent logs are listed.
pub const HISTORY_LIST_LEN: usize = 5;

pub(super) fn stats(bot: &Bot, msg: &Incoming, profile: &Profile) -> Result<Reply, StoreError> {
    let history = bot.history(msg)?;
    let tz = runner_zone(profile);
    let today = local_date(msg.at, &tz);
    let since = |days: i32| today.checked_sub(days.days()).unwrap_or(Date::MIN);
    let week_start = since(6);
    let week: Vec<LogEntry> = history
        .logs
        .iter()
        .filter(|e| local_date(e.at, &tz) >= week_start)
        .cloned()
        .collect();
    let mut reply = if week.is_empty() {
        bot.plain(Intent::Stats, "stats.empty", &[])
    } else {
        let mut lines = vec![week_line(bot, &week, profile)];
        lines.push(load_line(bot, &history.logs, msg));
        let streak = consistency_streak(&history.logs, today, &tz);
        if streak > 0 {
            let days = bot.catalogue.count("count.days", streak as usize);
            lines.push(bot.say("stats.streak", &[("days", &days)]));
        }
        lines.push(bot.say("stats.history_title", &[]));
        let list_start = since(HISTORY_LIST_DAYS - 1);
        let recent: Vec<&LogEntry> = history
            .logs
            .iter()
            .rev()
            .filter(|e| local_date(e.at, &tz) >= list_start)
            .take(HISTORY_LIST_LEN)
            .collect();
        for e in recent {
            let date = local_date(e.at, &tz).strftime("%a %d %b").to_string();
            let what = describe_entry(e, profile, &bot.catalogue);
            lines.push(bot.say("stats.history_line", &[("date", &date), ("what", &what)]));
        }
        Reply::new(Intent::Stats, lines.join("\n"))
    };
    reply.attachment = chart(&history.logs, profile, msg);
    reply.private = true;
    Ok(reply)
}

/// The chart of the runner's last eight weeks, when anything was logged in
/// them: an empty chart says nothing the text does not.
fn chart(logs: &[LogEntry], profile: &Profile, msg: &Incoming) -> Option<Attachment> {
    let weeks = chart::Weeks::from_logs(logs, profile, msg.at);
    (!weeks.is_empty()).then(|| {
        let drawn = chart::draw(&weeks);
        Attachment {
            name: chart::FILE_NAME.to_owned(),
            bytes: drawn.png,
            alt: drawn.alt,
        }
    })
}

fn week_line(bot: &Bot, week: &[LogEntry], profile: &Profile) -> String {
    let dists: Vec<f64> = week
        .iter()
        .filter_map(|e| e.run.as_ref())
        .map(|r| r.distance_m.unwrap_or(0.0))
        .collect();
    let runs = week.iter().filter(|e| e.run.is_some()).count();
    let rest_days = week.iter().filter(|e| e.rest.is_some()).count();
    let sleep: Vec<f64> = week
        .iter()
        .filter_map(|e| e.sleep.as_ref().map(|s| s.hours))
        .collect();
    let sleep = if sleep.is_empty() {
        bot.say("stats.sleep_none", &[])
    } else {
        let avg = sleep.iter().sum::<f64>() / sleep.len() as f64;
        bot.say("stats.sleep_avg", &[("hours", &format::hours(avg))])
    };
    bot.say(
        "stats.week",
        &[
            ("runs", &bot.catalogue.count("count.runs", runs)),
            (
                "distance",
                &format::distance(dists.iter().sum(), profile.unit),
            ),
            (
                "longest",
                &format::distance(dists.iter().copied().fold(0.0, f64::max), profile.unit),
            ),
            ("rest_days", &bot.catalogue.count("count.rest", rest_days)),
            ("sleep", &sleep),
        ],
    )
}

/// The week's training load in plain words: a description, never a warning.
fn load_line(bot: &Bot, logs: &[LogEntry], msg: &Incoming) -> String {
    let summary = load::summary(logs, msg.at);
    let acute = format!("{:.0}", summary.acute);
    let chronic = format!("{:.0}", summary.chronic);
    let key = match summary.trend {
        Trend::New => "load.new",
        Trend::Up => "load.up",
        Trend::Steady => "load.steady",
        Trend::Down => "load.down",
    };
    bot.say(key, &[("acute", &acute), ("chronic", &chronic)])
}
