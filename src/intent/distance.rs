//! Distances: "20k", "12.5 km", "10 mi", "10 miler", "6x800m", "half",
//! "marathon", "parkrun", and bare numbers after a run word ("easy 7").
//!
//! Finds every mention, drops the ones that are not the run (money, goals,
//! paces, "5 miles away"), then picks one: a stated total, else the sum of a
//! warm-up/main/cool-down breakdown, else the first mention.

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::text::{self, number, number_pattern};
use super::vocab;

/// One distance found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub metres: f64,
    /// Said to be the total of the run ("= 12k total").
    pub total: bool,
    /// Labelled as a warm-up or cool-down part of the run.
    pub part: bool,
}

/// Adjectives that may sit between a number and its unit ("10 easy miles").
const BETWEEN: &str = r"easy|slow|steady|hilly|hard|quick|gentle|recovery|tempo|long|flat|muddy|wet|hot|cold|sweaty|solid|lovely|nice|windy|rainy|humid|trail|road|sunny|fast|brisk|glorious|tough|brutal|beautiful";

fn units_pattern() -> String {
    vocab::DISTANCE_UNITS
        .iter()
        .map(|(p, _)| *p)
        .collect::<Vec<_>>()
        .join("|")
}

static REPS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
        \b(?P<reps>\d{1,2}) \s* x \s* (?P<n>\d+(?:\.\d+)?) \s*
        (?P<unit> km|k|kilometres?|kilometers?|mi|miles?|mile|m|metres?|meters?
                | s|sec|secs|seconds?|min|mins|minutes?|'|\x22 )?
        \b",
    )
    .expect("valid reps regex")
});

/// Reps written distance first: "400m x 10", "1k repeats x 6".
/// "5k out, 5k back": legs of one run.
static OUT_AND_BACK: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(r"(?x)^\s*(?:out|back|there|and\s+back)\b").expect("valid"));

static REPS_AFTER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
        \b(?P<n>\d+(?:\.\d+)?) \s* (?P<unit>km|k|mi|miles?|m|metres?|meters?) \s*
        (?:(?:repeats|reps|intervals|efforts)\s*)? (?:x|times) \s* (?P<reps>\d{1,2}) \b",
    )
    .expect("valid reps regex")
});

static UNIT_DISTANCE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)
        (?P<cur>[£$€¥]\s*)?
        \b(?P<n>{num}|a)
        \s*-?\s*
        (?:(?:{between})\s+)?
        (?P<unit>{units})
        \b",
        num = number_pattern(),
        between = BETWEEN,
        units = units_pattern(),
    ))
    .expect("valid distance regex")
});

static NAMED: LazyLock<Vec<(Gated, f64)>> = LazyLock::new(|| {
    vocab::NAMED_DISTANCES
        .iter()
        .map(|(p, m)| {
            let re = Gated::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid named distance");
            (re, *m)
        })
        .collect()
});

static HALF: LazyLock<Gated> = LazyLock::new(|| Gated::new(r"\bhalf\b").expect("valid"));

static NOT_DISTANCE_AFTER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?x)^\s*(?:{})\b", vocab::NOT_DISTANCE_AFTER)).expect("valid")
});

static NOT_DISTANCE_BEFORE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)\b(?:{})\s+(?:(?:is|was|of|about|around|like|at|now|just|over|under|you|me|them|him|her|us|a|an|the)\s+)*$",
        vocab::NOT_DISTANCE_BEFORE
    ))
    .expect("valid")
});

/// "the bridge is 800m long": a size, not a run (but "10k long run" is one).
static SHAPE_AFTER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)^\s*(?:long|wide|high|tall|deep|across|in\s+length)\s*(?:$|[.,!?;)])")
        .expect("valid")
});

static GOAL_BEFORE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)\b(?:{})[\s-]+(?:[\w']+\s+){{0,2}}$",
        vocab::GOAL_BEFORE
    ))
    .expect("valid")
});

static GOAL_AFTER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?x)^[\s-]*(?:{})\b", vocab::GOAL_AFTER)).expect("valid")
});

static ON_A_DAY: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)^[\s-]*on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
        .expect("valid")
});

static SAID_DONE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:ran|raced|did|done|finished|completed|was|smashed|jogged)\b")
        .expect("valid")
});

static NOT_A_RACE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?x)\b(?:{})[\s-]*$", vocab::NOT_A_RACE_BEFORE)).expect("valid")
});

static TOTAL_BEFORE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)(?:\btotal(?:\s+of)?|=|\bin\s+all|\boverall|\baltogether|\ball\s+in)\s*(?:about\s+|around\s+|~\s*)?$")
        .expect("valid")
});

static TOTAL_AFTER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)^\s*(?:[a-z]+\s+)?(?:total|in\s+total|altogether|overall|all\s+in|all\s+up|in\s+all|tot|including|incl|inc)\b")
        .expect("valid")
});

static PART_NEAR: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:warm[\s-]?up|warmup|w/?u|wu|cool[\s-]?down|cooldown|c/?d|cd|warm[\s-]?down)\b",
    )
    .expect("valid")
});

/// Reps come before durations: "6x800m" is 4,800 m, and "6x3min" is
/// intervals, not a time. Blanks every set of reps in `work`.
pub(crate) fn reps(g: &Grams, work: &mut String) -> Vec<Mention> {
    let mut found = Vec::new();
    let reps: Vec<(usize, usize, Option<f64>)> = REPS
        .captures_iter(g, work)
        .chain(REPS_AFTER.captures_iter(g, work))
        .filter_map(|c| {
            let all = c.get(0)?;
            let reps = number(&c["reps"])?;
            let n = number(&c["n"])?;
            let unit = c.name("unit").map(|u| u.as_str()).unwrap_or("");
            let per = match unit {
                "km" | "k" => Some(1000.0),
                u if u.starts_with("kilomet") => Some(1000.0),
                "mi" | "mile" | "miles" => Some(1609.344),
                "m" => Some(1.0),
                u if u.starts_with("met") => Some(1.0),
                "" if n >= 100.0 => Some(1.0),
                _ => None,
            };
            Some((all.start(), all.end(), per.map(|p| reps * n * p)))
        })
        .collect();
    for (start, end, metres) in reps {
        if let Some(m) = metres {
            found.push(mention(g, work, start, end, m));
        }
        text::blank(work, start..end);
    }
    found
}

/// Every other distance mention in `work`, blanked as they are taken.
/// `timed`: the message gives a finishing time, so "half on sunday" is done.
pub(crate) fn mentions(g: &Grams, work: &mut String, timed: bool) -> Vec<Mention> {
    let mut found = Vec::new();
    let units: Vec<(usize, usize, f64)> = UNIT_DISTANCE
        .captures_iter(g, work)
        .filter_map(|c| {
            let all = c.get(0)?;
            if c.name("cur").is_some() {
                return None;
            }
            let raw_n = &c["n"];
            let unit = &c["unit"];
            let per = vocab::DISTANCE_UNITS
                .iter()
                .find(|(p, _)| p.split('|').any(|u| u == unit))
                .map(|(_, m)| *m)?;
            let n = if raw_n == "a" {
                if per == 1.0 {
                    return None;
                }
                1.0
            } else {
                number(raw_n)?
            };
            // Metres are a run distance only from 100 m up ("400m", "3000m");
            // smaller ones were minutes or elevation, already taken.
            if per == 1.0 && n < 100.0 {
                return None;
            }
            let start = c.get(2).map_or(all.start(), |m| m.start());
            Some((start, all.end(), n * per))
        })
        .collect();
    for (start, end, metres) in units {
        // "-5k": no run is negative, and dropping the sign would log 5 km;
        // `unreadable` reports it instead.
        if signed(work, start) {
            continue;
        }
        if !not_distance(g, work, start, end) && !goal(g, work, start, end, timed) {
            found.push(mention(g, work, start, end, metres));
        }
        text::blank(work, start..end);
    }

    for (re, metres) in NAMED.iter() {
        let spans: Vec<(usize, usize)> = re
            .find_iter(g, work)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (start, end) in spans {
            let before = &work[..start];
            let after = &work[end..];
            let not_race = NOT_A_RACE.is_match(g, before) || after.trim_start().starts_with("of ");
            if !not_race && !goal(g, work, start, end, timed) {
                found.push(mention(g, work, start, end, *metres));
            }
            text::blank(work, start..end);
        }
    }

    let halves: Vec<(usize, usize)> = HALF
        .find_iter(g, work)
        .map(|m| (m.start(), m.end()))
        .collect();
    for (start, end) in halves {
        if half_is_a_race(work, start, end, timed) && !goal(g, work, start, end, timed) {
            found.push(mention(g, work, start, end, 21097.5));
        }
        text::blank(work, start..end);
    }
    found.sort_by_key(|m| m.start);
    found
}

/// A sign right before the number at `start`, not a range's dash
/// ("5-10k").
fn signed(work: &str, start: usize) -> bool {
    let Some(before) = work.get(..start) else {
        return false;
    };
    // The sign touches the number: "today - 30km" and "10k + 5k" are
    // punctuation.
    match before.strip_suffix(['-', '+']) {
        Some(rest) => !rest.ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == ','),
        None => false,
    }
}

/// A number written with a run unit that no run can have: signed ("-5k"),
/// zero ("0k"), in exponent form ("1e308k"), or not a number at all ("NaN
/// km", "inf miles").
static UNREADABLE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
        (?:^|[^\w.,])
        (?P<n> [-+]\d[\d.,]*(?:e[-+]?\d+)?
             | \d[\d.,]*e[-+]?\d+
             | [-+]?(?:nan|inf(?:inity)?)
             | 0+(?:[.,]0*)? )
        \s*(?:km|kms|k|kilomet(?:re|er)s?|mi|miles?)\b",
    )
    .expect("valid unreadable distance regex")
});

/// Whether `work` (what is left of the run's text once real distances were
/// taken) still holds a distance that no run can have.
pub(crate) fn unreadable(g: &Grams, work: &str) -> bool {
    UNREADABLE.is_match(g, work)
}

fn mention(g: &Grams, work: &str, start: usize, end: usize, metres: f64) -> Mention {
    let before = &work[..start];
    let after = &work[end..];
    let near_before = tail(before, 16);
    let near_after = head(after, 16);
    Mention {
        start,
        metres,
        total: TOTAL_BEFORE.is_match(g, before) || TOTAL_AFTER.is_match(g, after),
        part: PART_NEAR.is_match(g, near_before)
            || PART_NEAR.is_match(g, near_after)
            || OUT_AND_BACK.is_match(g, after),
    }
}

fn tail(s: &str, bytes: usize) -> &str {
    let mut i = s.len().saturating_sub(bytes);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

fn head(s: &str, bytes: usize) -> &str {
    let mut i = bytes.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

fn not_distance(g: &Grams, work: &str, start: usize, end: usize) -> bool {
    NOT_DISTANCE_AFTER.is_match(g, &work[end..])
        || SHAPE_AFTER.is_match(g, &work[end..])
        || NOT_DISTANCE_BEFORE.is_match(g, tail(&work[..start], 40))
}

/// A goal, a comparison, a pace or a spectated race, not the run itself.
/// "race on sunday" is a plan unless the clause says it happened.
fn goal(g: &Grams, work: &str, start: usize, end: usize, timed: bool) -> bool {
    let before = tail(&work[..start], 48);
    GOAL_BEFORE.is_match(g, before)
        || GOAL_AFTER.is_match(g, &work[end..])
        || (ON_A_DAY.is_match(g, &work[end..]) && !timed && !SAID_DONE.is_match(g, before))
}

/// "Bath Half done in 2:05" and "ran the half" are races; "half an hour",
/// "first half", "half the team" are not.
/// With a finishing time in the message any verb may follow ("wrapped up").
fn half_is_a_race(work: &str, start: usize, end: usize, timed: bool) -> bool {
    const NOT_BEFORE: &[&str] = &[
        "first", "second", "last", "back", "front", "other", "and", "in", "by", "about", "almost",
        "nearly", "over", "under", "than", "just", "only", "at", "for", "of", "i'm", "im", "was",
        "is", "am", "a", "the",
    ];
    const RACE_BEFORE: &[&str] = &["ran", "raced", "did", "finished", "completed", "run"];
    const AFTER: &[&str] = &[
        "done",
        "in",
        "finished",
        "complete",
        "completed",
        "race",
        "pb",
        "pr",
        "today",
        "yesterday",
        "this",
        "last",
        "on",
        "at",
        "was",
        "went",
        "with",
        "time",
        "result",
        "medal",
    ];
    const NOT_AFTER: &[&str] = &[
        "an", "a", "hour", "hr", "way", "of", "the", "term", "asleep", "price", "time", "dozen",
        "mile", "km", "k", "past", "hearted", "decent",
    ];
    let before_words: Vec<&str> = work[..start].split_whitespace().rev().take(2).collect();
    let prev = before_words.first().copied().unwrap_or("");
    let prev2 = before_words.get(1).copied().unwrap_or("");
    let ok_before = if prev == "a" || prev == "the" || prev == "my" {
        RACE_BEFORE.contains(&prev2) || prev == "the" || prev == "my"
    } else {
        !NOT_BEFORE.contains(&prev)
    };
    let rest = work[end..].trim_start();
    let ok_after = match rest.chars().next() {
        None => true,
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if !c.is_alphanumeric() => true,
        Some(_) => text::next_word(work, end)
            .is_some_and(|w| AFTER.contains(&w) || (timed && !NOT_AFTER.contains(&w))),
    };
    ok_before && ok_after
}

/// The distance of the run among all its mentions.
pub(crate) fn choose(mentions: &[Mention]) -> Option<f64> {
    if let Some(total) = mentions.iter().find(|m| m.total) {
        return Some(total.metres);
    }
    if mentions.len() > 1 && mentions.iter().any(|m| m.part) {
        return Some(mentions.iter().map(|m| m.metres).sum());
    }
    mentions.first().map(|m| m.metres)
}
