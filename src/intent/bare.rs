//! Bare numbers read as distances in the runner's unit: "easy 7 after
//! work", "ran 8", "did 12 today", "6 easy". Only right after (or right
//! before) a run or effort word, and only when the next word could follow a
//! distance, so "ran 3 times" and "did 3 loads" stay numbers.

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::distance::Mention;
use super::text::{self, number};
use super::Unit;

static BARE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
        \b(?:ran|run|jog|jogged|easy|recovery|tempo|steady|did|done|logged|knocked\s+out
            |banged\s+out|long\s+run(?:\s+of)?|shakeout|plodded)
        \s+
        (?:(?:a|an|another|my|the|quick|nice|gentle|easy|slow|steady|hilly|solid|good|short
            |long|lovely|little|recovery|tempo|just|over|about|around|only|approx|roughly)\s+){0,3}
        (?P<n>\d+(?:[.,]\d+)?)\b
        | ^\s*(?P<lead>\d+(?:[.,]\d+)?)\s+(?:easy|recovery|steady|slow|tempo|hilly|gentle)\b",
    )
    .expect("valid bare regex")
});

/// Words that may follow a bare number that is a distance ("easy 7 after work").
const BARE_FOLLOWERS: &[&str] = &[
    "after",
    "before",
    "this",
    "today",
    "tonight",
    "yesterday",
    "last",
    "with",
    "in",
    "at",
    "around",
    "round",
    "along",
    "on",
    "through",
    "into",
    "then",
    "and",
    "but",
    "easy",
    "slow",
    "hard",
    "done",
    "for",
    "by",
    "earlier",
    "again",
    "felt",
    "feeling",
    "the",
    "up",
    "w",
    "pre",
    "post",
    "solo",
    "alone",
    "nice",
    "steady",
    "this",
    "miles",
    "km",
    "k",
];

/// A bare number right after a run word ("easy 7 after work", "ran 8"),
/// read in the runner's unit.
pub(crate) fn bare(g: &Grams, work: &str, unit: Unit) -> Option<Mention> {
    let (per, max) = match unit {
        Unit::Km => (1000.0, 60.0),
        Unit::Mi => (1609.344, 40.0),
    };
    BARE.captures_iter(g, work).find_map(|c| {
        let n = c.name("n").or_else(|| c.name("lead"))?;
        let value = number(n.as_str())?;
        let rest = &work[n.end()..];
        let follows_ok = match rest.chars().next() {
            None => true,
            Some(':' | 'x' | '/' | '%' | '.' | '-') => false,
            Some(_) => match text::next_word(work, n.end()) {
                Some(w) => BARE_FOLLOWERS.contains(&w),
                None => !rest.trim_start().starts_with([':', '/', '%', '-', '\'']),
            },
        };
        (follows_ok && (1.0..=max).contains(&value)).then(|| Mention {
            start: n.start(),

            metres: value * per,
            total: false,
            part: false,
        })
    })
}
