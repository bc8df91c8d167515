//! Unit words away from their number.
//!
//! - [`reorder`], a rewrite of the text before the extractors: "3 point 5"
//!   is "3.5", "6 easy
//!   miles" is "6 miles easy", "10 hot and sticky km" is "10 km hot and
//!   sticky" (up to three words between, none of which says the number is
//!   something else: "5 of the 10 miles", "3 sets of 5 km"), and "9 and a
//!   half miles" is "9.5 miles".
//! - [`free_unit`]: a unit word that belongs to no number ("ran 10 this
//!   morning, all in miles", "did 8 today (miles)") is the unit of the bare
//!   number of the run, when the message names one unit only this way ("miles,
//!   not km" names miles).
//!
//! Pinned by `tests/corpus/parse/far_units.jsonl`.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::Unit;

const UNIT: &str = r"miles?|kms?|kilomet(?:er|re)s?";

static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<n>\d+(?:[.,]\d+)?)(?P<gap>(?:\s+(?:and\s+)?[a-z]+,?){{1,3}})\s+(?P<u>{UNIT})\b"
    ))
    .expect("valid unit gap regex")
});

static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<n>\d+)\s+and\s+a\s+half\s+(?P<u>{UNIT}|k)\b"
    ))
    .expect("valid and-a-half regex")
});

/// "3 point 5" is 3.5.
static POINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<a>\d+)\s+point\s+(?P<b>\d+)\b").expect("valid point regex")
});

/// Words that, between a number and a unit, show the number is not the
/// distance ("5 of the 10 miles", "3 sets of 5 km", "20 minutes or 3 miles").
const STOP: &[&str] = &[
    "to", "or", "of", "out", "from", "by", "in", "at", "the", "a", "an", "per", "than", "each",
    "every", "x", "minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "h", "seconds",
    "secs", "sec", "times", "laps", "lap", "reps", "sets", "days", "day", "weeks", "week", "ago",
    "plus", "for", "off", "over", "under", "into", "on", "with", "is", "was", "were", "are", "my",
    "then", "than", "but", "after", "before", "am", "pm", "degrees", "c", "f", "years", "yrs",
    "year", "old", "i", "and", "half", "quarter", "feet", "ft", "meters", "metres", "m", "k", "mi",
    "miles", "mile", "km", "kms", "hours", "left", "more", "less", "total", "week",
];

/// "6 easy miles" as "6 miles easy", "9 and a half miles" as "9.5 miles".
pub(crate) fn reorder(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    // Most messages name no unit word at all: no regex runs for them.
    let lower = text.to_ascii_lowercase();
    let has = |w: &str| lower.contains(w);
    if !has("point") && !has("half") && !has("mile") && !has("km") && !has("kilomet") {
        return Cow::Borrowed(text);
    }
    let points = if has("point") {
        POINT.replace_all(text, "$a.$b")
    } else {
        Cow::Borrowed(text)
    };
    let halves = match AND_A_HALF
        .replace_all(&points, |c: &Captures| format!("{}.5 {}", &c["n"], &c["u"]))
    {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(_) => points.clone(),
    };
    let swapped = BETWEEN.replace_all(&halves, |c: &Captures| {
        let gap = &c["gap"];
        let stopped = gap
            .split(|ch: char| ch.is_whitespace() || ch == ',')
            .filter(|w| !w.is_empty())
            .enumerate()
            .any(|(i, w)| {
                let w = w.to_ascii_lowercase();
                // "and" may join two words ("hot and sticky"), never open the gap.
                (w == "and" && i == 0) || (w != "and" && STOP.contains(&w.as_str()))
            });
        if stopped {
            c[0].to_string()
        } else {
            format!("{} {}{}", &c["n"], &c["u"], gap.trim_end_matches(','))
        }
    });
    match swapped {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(_) => match halves {
            Cow::Owned(s) => Cow::Owned(s),
            Cow::Borrowed(_) => Cow::Borrowed(text),
        },
    }
}

static FREE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{UNIT}|mi)\b")).expect("valid unit regex"));

/// Words right before a unit word that tie it to something else than the
/// bare number: a number of its own, a pace ("min/mile", "per mile"), one
/// mile ("a mile warm-up"), a negation ("not km").
static TIED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\d|\d\s+|\b(?:a|an|one|per|each|every|min|mins|minute|minutes|not|no|half|quarter|few|couple\s+of|of\s+the|last|first|final|ten|five|two|three|four|six|seven|eight|nine|twenty)\s+|/\s*)$",
    )
    .expect("valid tied regex")
});

/// The one unit named by unit words that belong to no number, if any.
pub(crate) fn free_unit(lower: &str) -> Option<Unit> {
    let mut found: Option<Unit> = None;
    for m in FREE.find_iter(lower) {
        let before = &lower[..m.start()];
        let start = before.len().saturating_sub(16);
        let start = (start..=before.len())
            .find(|i| before.is_char_boundary(*i))
            .unwrap_or(before.len());
        if TIED_BEFORE.is_match(&before[start..]) {
            continue;
        }
        let unit = if m.as_str().starts_with('m') {
            Unit::Mi
        } else {
            Unit::Km
        };
        match found {
            Some(u) if u != unit => return None,
            _ => found = Some(unit),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_between_a_number_and_its_unit() {
        assert_eq!(reorder("ran 6 easy miles"), "ran 6 miles easy");
        assert_eq!(
            reorder("10 hot and sticky kilometres"),
            "10 kilometres hot and sticky"
        );
        assert_eq!(reorder("ran 9 and a half miles"), "ran 9.5 miles");
        assert_eq!(reorder("5 of the 10 miles"), "5 of the 10 miles");
        assert_eq!(
            reorder("ran 6 rainy, windy miles"),
            "ran 6 miles rainy, windy"
        );
    }

    #[test]
    fn a_unit_word_of_its_own() {
        assert_eq!(
            free_unit("ran 10 this morning, all in miles"),
            Some(Unit::Mi)
        );
        assert_eq!(free_unit("ran 7 today. miles, not km"), Some(Unit::Mi));
        assert_eq!(free_unit("ran 10 miles"), None);
        assert_eq!(free_unit("8 at 7 min/mile"), None);
        assert_eq!(free_unit("in km, or miles"), None);
    }
}
