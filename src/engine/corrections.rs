//! Corrections in a new message: "actually it was 12k", "oops meant 8k",
//! "make that 10 miles", "no wait, 6h" amend the runner's last matching
//! entry (never a second one), "change my bedtime to 10pm" moves the
//! bedtime reminder; the reply says what changed. With two runs in the
//! window, "the morning one", "the easy one" or "the first one" picks one.
//! (An edited chat message is handled in `edits`.)

use std::sync::LazyLock;

use jiff::SignedDuration;
use regex::Regex;

use super::format::describe_entry;
use super::{implausible, Bot, Incoming, Reply};
use crate::intent::{self, Effort, Intent, ParseOptions, Parsed, Unit};
use crate::store::{EntryKey, LogEntry, Profile, StoreError};

/// Only an entry logged this recently is corrected: an older one is a new
/// message's business.
pub const CORRECT_WITHIN_HOURS: i64 = 12;
/// A run the correction names ("the morning one") may be a day old.
pub const NAMED_WITHIN_HOURS: i64 = 24;

/// What the correction changes.
enum Change {
    Run(Box<Parsed>),
    Sleep(f64),
    /// An amount alone ("6h"): sleep if the last entry is a night, else the
    /// run's time.
    Amount(u32),
    /// A number alone ("actually 9"): the run's distance in the unit it was
    /// told in, or the night's hours.
    Number(f64),
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
    } else if let Some(n) = bare_number(&rest) {
        Change::Number(n)
    } else if parsed.intent == Intent::LogRun && parsed.days_ago == 0 {
        Change::Run(Box::new(parsed))
    } else if let (Intent::LogSleep, Some(h)) = (parsed.intent, parsed.sleep_hours) {
        Change::Sleep(h)
    } else {
        return Ok(None);
    };
    // "The morning one was 8k" with two runs today: that run, not the last,
    // and the whole day's runs to choose from.
    let named = which_run(&msg.text);
    let within = if named.is_some() {
        NAMED_WITHIN_HOURS
    } else {
        CORRECT_WITHIN_HOURS
    };
    let since = crate::clock::before(msg.at, SignedDuration::from_hours(within));
    let mut recent = bot.store.logs_since(&msg.user, since)?;
    recent.retain(|(_, e)| e.logged_at <= msg.at && (e.run.is_some() || e.sleep.is_some()));
    recent.sort_by_key(|(_, e)| e.logged_at);
    let wants_run = match &change {
        Change::Run(_) => Some(true),
        Change::Sleep(_) => Some(false),
        Change::Amount(_) | Change::Number(_) => None,
    };
    let mut change = change;
    if let (Some(Which::Effort(effort)), Change::Run(parsed)) = (named, &mut change) {
        // "the easy one was 9k" names the run; it does not make it easy.
        if parsed.effort == Some(effort) {
            parsed.effort = None;
        }
    }
    let tz = crate::rules::runner_zone(profile);
    let chosen = match named.filter(|_| wants_run != Some(false)) {
        Some(which) => pick_run(&recent, which, &tz),
        None => None,
    };
    let chosen = chosen.or_else(|| {
        recent.iter().rev().find(|(_, e)| match wants_run {
            Some(true) => e.run.is_some(),
            Some(false) => e.sleep.is_some(),
            None => true,
        })
    });
    let Some((key, old)) = chosen.cloned() else {
        return Ok(None);
    };
    let by_number = matches!(change, Change::Number(_));
    let (new, check) = amended(&old, change, profile.unit);
    // A bare number is said back in the unit the run was told in ("7 mi →
    // 9 mi"), so the runner sees their own words.
    let mut shown = profile.clone();
    if let Some(d) = old
        .run
        .as_ref()
        .and_then(|r| r.distance_m)
        .filter(|_| by_number)
    {
        if told_unit(d, profile.unit) == MILE_M {
            shown.unit = Unit::Mi;
        }
    }
    let before = describe_entry(&old, &shown, &bot.catalogue);
    let after = describe_entry(&new, &shown, &bot.catalogue);
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

/// A run named in a correction, when the runner has more than one to
/// choose from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Which {
    First,
    Last,
    /// Local hours of the day, from (inclusive) to (exclusive).
    Hours(i8, i8),
    Effort(Effort),
}

static WHICH: LazyLock<Vec<(Which, Regex)>> = LazyLock::new(|| {
    let one = r"\s+(?:one|run|session|k\b|km\b)";
    [
        (
            Which::Hours(0, 12),
            format!(r"(?:morning|am|early){one}|this\s+morning'?s|morning\s+run"),
        ),
        (
            Which::Hours(12, 17),
            format!(r"(?:afternoon|lunch(?:time)?|midday){one}|this\s+afternoon'?s"),
        ),
        (
            Which::Hours(17, 24),
            format!(r"(?:evening|night|pm|after[\s-]work){one}|tonight'?s|this\s+evening'?s"),
        ),
        (Which::First, format!(r"(?:first|1st|earlier){one}")),
        (
            Which::Last,
            format!(r"(?:second|2nd|later|last|latest|most\s+recent){one}"),
        ),
        (Which::Effort(Effort::Easy), format!(r"easy{one}")),
        (Which::Effort(Effort::Recovery), format!(r"recovery{one}")),
        (Which::Effort(Effort::Tempo), format!(r"tempo(?:{one})?")),
        (
            Which::Effort(Effort::Intervals),
            format!(r"(?:interval|intervals|reps|track)(?:{one})?"),
        ),
        (Which::Effort(Effort::Long), format!(r"long{one}")),
        (Which::Effort(Effort::Race), format!(r"race(?:{one})?")),
    ]
    .into_iter()
    .map(|(w, p)| {
        let re = Regex::new(&format!(r"(?i)\b(?:the\s+|my\s+)(?:{p})")).expect("valid which regex");
        (w, re)
    })
    .collect()
});

/// The run a correction names ("the morning one", "the easy one"), if any.
fn which_run(text: &str) -> Option<Which> {
    let text = text.replace('\u{2019}', "'");
    WHICH
        .iter()
        .filter_map(|(w, re)| re.find(&text).map(|m| (m.start(), *w)))
        .min_by_key(|(start, _)| *start)
        .map(|(_, w)| w)
}

/// The recent run `which` names, among `recent` (oldest first).
fn pick_run<'a>(
    recent: &'a [(EntryKey, LogEntry)],
    which: Which,
    tz: &jiff::tz::TimeZone,
) -> Option<&'a (EntryKey, LogEntry)> {
    let mut runs = recent.iter().filter(|(_, e)| e.run.is_some());
    match which {
        Which::First => runs.next(),
        Which::Last => runs.next_back(),
        Which::Hours(from, to) => {
            runs.rfind(|(_, e)| (from..to).contains(&e.at.to_zoned(tz.clone()).hour()))
        }
        Which::Effort(effort) => {
            runs.rfind(|(_, e)| e.run.as_ref().and_then(|r| r.effort) == Some(effort))
        }
    }
}

/// The entry with the correction applied, and the facts to check for
/// plausibility.
fn amended(old: &LogEntry, change: Change, unit: Unit) -> (LogEntry, Parsed) {
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
        Change::Number(n) => match (new.sleep.as_mut(), new.run.as_mut()) {
            (Some(sleep), None) => sleep.hours = n,
            (_, Some(run)) => {
                let metres = run.distance_m.map_or(1000.0, |d| told_unit(d, unit));
                run.distance_m = Some(n * metres);
            }
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

/// "9", "9.5": a number with nothing else.
fn bare_number(text: &str) -> Option<f64> {
    let text = text.trim().trim_end_matches(['.', '!']);
    let ok = !text.is_empty() && text.len() <= 5;
    let n: f64 = text.replace(',', ".").parse().ok().filter(|_| ok)?;
    (n.is_finite() && n > 0.0).then_some(n)
}

/// Metres in the unit a logged distance was most likely told in: miles
/// when it is a round number of miles but not of kilometres ("7 miles"),
/// else the runner's unit. The log keeps metres only, so the round figure
/// is the trace the runner's words left.
fn told_unit(distance_m: f64, unit: Unit) -> f64 {
    let round = |per: f64| {
        let n = distance_m / per;
        ((n * 10.0).round() - n * 10.0).abs() < 0.01
    };
    match (round(1000.0), round(MILE_M)) {
        (false, true) => MILE_M,
        (true, false) => 1000.0,
        _ => match unit {
            Unit::Km => 1000.0,
            Unit::Mi => MILE_M,
        },
    }
}

/// One mile in metres.
const MILE_M: f64 = 1609.344;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_number_and_the_unit_it_was_told_in() {
        assert_eq!(bare_number("9"), Some(9.0));
        assert_eq!(bare_number("9.5!"), Some(9.5));
        assert_eq!(bare_number("9k"), None);
        assert_eq!(bare_number("0"), None);
        // 7 mi is a round number of miles only: a bare "9" means 9 mi.
        assert_eq!(told_unit(7.0 * MILE_M, Unit::Km), MILE_M);
        assert_eq!(told_unit(10_000.0, Unit::Mi), 1000.0);
        // 16.1 km is round in both: the runner's unit decides.
        assert_eq!(told_unit(16_100.0, Unit::Km), 1000.0);
    }
}

#[cfg(test)]
mod which_tests {
    use super::*;

    #[test]
    fn names_a_run() {
        assert_eq!(
            which_run("actually the morning one was 8k"),
            Some(Which::Hours(0, 12))
        );
        assert_eq!(
            which_run("oops, the easy one was 9k"),
            Some(Which::Effort(Effort::Easy))
        );
        assert_eq!(
            which_run("actually the first one was 9k"),
            Some(Which::First)
        );
        assert_eq!(which_run("actually it was 12k"), None);
    }
}
