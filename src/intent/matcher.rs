//! The matcher: runs every extractor over one message and decides the
//! primary intent, the first of log_run, log_rest, log_sleep, report_pain,
//! set_reminder, set_profile, undo, stats, ask_tips, help, unknown that the
//! text supports.
//!
//! Order matters and is the reason this file exists: sleep is read before
//! durations ("slept 5h" is not a run time), paces and clock times are masked
//! before durations, temperatures before clock times ("at 20°F"), reps before durations ("6x3min"), durations before
//! distances ("half an hour", "45m"), and elevation before distances
//! ("400m of climbing").

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};
use super::text::{self, Message};
use super::{
    asks, bare, body, conditions, days, distance, duration, profile, reminders, run, sleep,
};
use super::{Command, Details, Effort, Intent, ParseOptions, Parsed};

/// Understands one message. Never panics, whatever the input.
pub fn parse(text: &str, opts: &ParseOptions) -> Parsed {
    parse_for_runner(text, opts, false)
}

/// [`parse`] for a runner whose temperatures are in Fahrenheit: a bare
/// "31 degrees" is then 31 °F (cold), not 31 °C. (A separate entry point so
/// that `ParseOptions`, built literally in many places, keeps its shape.)
pub fn parse_for_runner(text: &str, opts: &ParseOptions, fahrenheit: bool) -> Parsed {
    Matcher::default().parse_for_runner(text, opts, fahrenheit)
}

/// The matcher, with its prefilter on ([`Matcher::default`]) or off (every
/// regex runs: the baseline the bench compares against, and what the
/// equivalence test checks the prefilter against). Both give the same
/// [`Parsed`] for every text.
#[derive(Debug, Clone, Copy)]
pub struct Matcher {
    prefilter: bool,
}

impl Default for Matcher {
    fn default() -> Matcher {
        Matcher::new(true)
    }
}

impl Matcher {
    pub fn new(prefilter: bool) -> Matcher {
        Matcher { prefilter }
    }

    /// [`parse`] with this matcher.
    pub fn parse(&self, text: &str, opts: &ParseOptions) -> Parsed {
        self.parse_for_runner(text, opts, false)
    }

    /// [`parse_for_runner`] with this matcher.
    pub fn parse_for_runner(&self, text: &str, opts: &ParseOptions, fahrenheit: bool) -> Parsed {
        understand(
            &Message::with_prefilter(text, self.prefilter),
            opts,
            fahrenheit,
        )
    }
}

fn understand(msg: &Message, opts: &ParseOptions, fahrenheit: bool) -> Parsed {
    let lower = msg.lower.as_str();
    let g = &msg.grams;

    // Commands and requests about the bot: their pieces describe no run.
    let how_to_use = asks::how_to_use(g, lower);
    let reminder_command = reminders::command(g, lower);
    let reminder = reminders::request(g, lower);
    let profile_command = profile::command(g, lower);
    let undo = asks::undo(g, lower);
    let stats = asks::stats(g, lower);

    let mut pieces = run::classify(msg);
    let about_the_bot: Vec<bool> = msg
        .pieces
        .iter()
        .map(|p| about_the_bot(g, &lower[p.range.clone()]))
        .collect();
    for (state, about) in pieces.iter_mut().zip(&about_the_bot) {
        if *about {
            *state = run::PieceRun::default();
        }
    }

    // The text that may describe the run: statements of eligible pieces.
    let mut work = msg.statements.clone();
    for (piece, state) in msg.pieces.iter().zip(&pieces) {
        if !state.eligible {
            text::blank(&mut work, piece.range.clone());
        }
    }
    // Facts (sleep, days) come from statements that are not about the bot:
    // "remind me to sleep at 22:30" reports no sleep.
    let mut facts = msg.statements.clone();
    for (piece, about) in msg.pieces.iter().zip(&about_the_bot) {
        if *about {
            text::blank(&mut facts, piece.range.clone());
        }
    }
    let slept = sleep::find(g, &facts);
    for span in &slept.spans {
        text::blank(&mut work, span.clone());
    }
    let (conditions, bare_degrees) = conditions::find_reading(msg, &mut work, fahrenheit);
    run::mask_programmes(g, &mut work);
    // "out the door 6:15, back 7:02": read before clock times are masked.
    let elapsed = super::elapsed::find(g, &mut work);
    duration::mask_non_durations(g, &mut work);
    // Before the distances are taken (and blanked): "0k" is read as a
    // mention of nothing.
    let odd_distance = distance::unreadable(g, &work);
    let mut mentions = distance::reps(g, &mut work);
    let effort = run::effort(msg, &pieces);
    let times = duration::find(g, &mut work, effort == Some(Effort::Intervals));
    mentions.extend(distance::mentions(g, &mut work, !times.is_empty()));
    mentions.sort_by_key(|m| m.start);
    // "rest day, yesterday's 20k still in my legs": on a rest day, a distance
    // owned by another day is that day's run, not one to log.
    let rest_day = pieces.iter().any(|p| p.rest);
    if rest_day {
        mentions.retain(|m| !OWNED_BY_A_DAY.is_match(g, &lower[..m.start]));
    }
    // "ran 10 this morning, all in miles": a unit word of its own names the
    // unit of the bare number.
    let bare_unit = super::unit_far::free_unit(lower).unwrap_or(opts.default_unit);
    let bare_number = bare::bare(g, &work, bare_unit);
    let distance_m = distance::choose(&mentions)
        .or(bare_number.as_ref().map(|m| m.metres))
        .map(round_metres)
        .filter(|d| d.is_finite() && *d > 0.0);

    let profile = profile::update(msg);
    // "I'm 58 and just started running", "I'm Jo, 29, doing couch to 5k":
    // an age with run words but no distance, time or day is a runner
    // introducing themselves, not a session.
    let introduction = profile.age.is_some()
        && mentions.is_empty()
        && times.is_empty()
        && bare_number.is_none()
        && !SESSION_DAY.is_match(g, lower);
    // A bare number counts only right after a run word ("did 12 today").
    let is_run = !introduction
        && (pieces.iter().any(|p| p.evidence) || !mentions.is_empty() || bare_number.is_some());
    let is_rest = pieces.iter().any(|p| p.rest);
    let pain = body::find(msg);
    let zone_options = super::zones::find(&msg.cased).options;
    // "ran 10k, 6h last night": the night of a sleep report dates the sleep,
    // not the run.
    let mut dated = facts.clone();
    for span in &slept.spans {
        text::blank(&mut dated, span.clone());
    }
    if rest_day {
        let owned: Vec<_> = DAY_POSSESSIVE
            .find_iter(g, &dated)
            .map(|m| m.range())
            .collect();
        for r in owned {
            text::blank(&mut dated, r);
        }
    }
    let (days_ago, only_last_night) = days::find(g, &dated);

    let intent = if is_run {
        Intent::LogRun
    } else if is_rest {
        Intent::LogRest
    } else if slept.reported {
        Intent::LogSleep
    } else if pain.reported {
        Intent::ReportPain
    } else if how_to_use {
        Intent::Help
    } else if reminder_command.is_some() || reminder.is_some() {
        Intent::SetReminder
    } else if !profile.is_empty()
        || !zone_options.is_empty()
        || profile_command == Some(Command::ShowProfile)
    {
        Intent::SetProfile
    } else if undo
        || matches!(
            profile_command,
            Some(Command::DeleteData | Command::ConfirmDelete)
        )
    {
        Intent::Undo
    } else if stats || profile_command == Some(Command::ExportData) {
        Intent::Stats
    } else if asks::asks_tips(g, &msg.questions, lower) {
        Intent::AskTips
    } else if asks::help(g, lower) {
        Intent::Help
    } else {
        Intent::Unknown
    };

    let command = match intent {
        Intent::SetReminder => reminder_command,
        Intent::SetProfile | Intent::Undo | Intent::Stats => profile_command,
        _ => None,
    };
    let is_run = intent == Intent::LogRun;
    Parsed {
        intent,
        distance_m: distance_m.filter(|_| is_run),
        duration_s: is_run
            .then(|| {
                duration::resolve(&times, distance_m)
                    .or(elapsed)
                    .or_else(|| duration::bare_minutes(g, &work, distance_m))
            })
            .flatten(),
        effort: is_run
            .then_some(effort)
            .flatten()
            .or_else(|| (is_run && run::named_race(&msg.cased)).then_some(Effort::Race)),
        conditions: if is_run { conditions } else { Vec::new() },
        // A stats question is about a day of the log ("what did I log
        // yesterday?"): its day is read from the question itself.
        days_ago: match intent {
            Intent::LogSleep if only_last_night => 0,
            Intent::Stats if days_ago == 0 => days::find(g, lower).0,
            _ => days_ago,
        },
        sleep_hours: slept
            .hours
            .filter(|h| h.is_finite() && (0.0..=24.0).contains(h)),
        body_parts: pain.parts,
        topic: (intent == Intent::AskTips)
            .then(|| asks::topic(g, &msg.questions).or_else(|| asks::topic(g, lower)))
            .flatten(),
        reminder: if intent == Intent::SetReminder && command.is_none() {
            reminder
        } else {
            None
        },
        details: Details {
            profile,
            command,
            pain_red_flag: pain.red_flag,
            impossible_sleep_hours: slept.impossible,
            unreadable_distance: is_run && distance_m.is_none() && odd_distance,
            time_zone_options: zone_options,
            personal_best: is_run && personal_best(g, lower),
            bare_degrees: bare_degrees.filter(|_| is_run),
        },
    }
}

/// Words that place a run on a day or a session: with them, an age in the
/// same message does not make it an introduction ("I'm 40, ran today").
static SESSION_DAY: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|earlier|just\s+now|done|finished|w\d+\s*d\d+|week\s*\d+\s*day\s*\d+)\b")
        .expect("valid session day regex")
});

/// "new PB!", "5k PR", "personal best": the run beat the runner's best.
static PERSONAL_BEST: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"\b(?:pb|pr|personal\s+(?:best|record))\b").expect("valid personal best regex")
});
/// "no PB today", "missed my PR", "PB attempt": not a personal best.
static NOT_PERSONAL_BEST: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:no|not\s+a|missed(?:\s+(?:my|a|the))?|going\s+for(?:\s+a)?|chasing(?:\s+a)?|outside(?:\s+my)?|off(?:\s+my)?|short\s+of(?:\s+my)?)\s+(?:new\s+)?(?:pb|pr|personal)\b
        | \b(?:pb|pr)\s+(?:attempt|pace|goal|try)\b")
    .expect("valid personal best regex")
});

fn personal_best(g: &Grams, lower: &str) -> bool {
    PERSONAL_BEST.is_match(g, lower) && !NOT_PERSONAL_BEST.is_match(g, lower)
}

const DAY_OWNER: &str = r"(?:yesterday|yday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|last\s+night|last\s+week|the\s+weekend|weekend)'s";

/// A day that owns the distance right after it ("yesterday's 20k"),
/// or that the rest day recovers from ("legs heavy from the 30k").
static OWNED_BY_A_DAY: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"\b(?:{DAY_OWNER}|(?:from|after|since)\s+(?:the|my|that|this|last|sunday'?s|saturday'?s))\s+(?:[a-z]+\s+)?$"
    ))
    .expect("valid owned regex")
});

/// "yesterday's", dating another day's run, not the rest day.
static DAY_POSSESSIVE: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&format!(r"\b{DAY_OWNER}")).expect("valid possessive regex"));

/// A clause that talks to the bot ("undo my last run", "remind me to rest"):
/// its run words name entries or reminders, not a new run.
fn about_the_bot(g: &Grams, clause: &str) -> bool {
    asks::undo(g, clause)
        || asks::stats(g, clause)
        || asks::tip_request(g, clause)
        || asks::how_to_use(g, clause)
        || reminders::command(g, clause).is_some()
        || reminders::request(g, clause).is_some()
        || profile::command(g, clause).is_some()
}

/// Rounds to the micrometre so unit conversions print as people write them
/// (9 mi is 14484.096, not 14484.096000000001).
fn round_metres(d: f64) -> f64 {
    if d.abs() < 1e12 {
        (d * 1e6).round() / 1e6
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_bests() {
        let pb = |s: &str| parse(s, &ParseOptions::default()).details.personal_best;
        assert!(pb("new PB! 5k in 23:40"));
        assert!(pb("5k PR 24:10"));
        assert!(pb("parkrun personal best today"));
        assert!(!pb("no PB today, 5k in 25:00"));
        assert!(!pb("missed my PB by 10 seconds, 5k in 24:10"));
        assert!(!pb("ran 10k easy"));
        assert!(!pb("going for a PB tomorrow"));
    }
}
