//! Relative days: "yesterday" is 1, "2 days ago" is 2, "the day before
//! yesterday" is 2, "a week ago" is 7; "last night" is 1 for a run (the
//! matcher decides). Weekday names need a calendar and are left at 0.

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::text::{number, number_pattern};

/// The most days back a message may reach.
pub(crate) const MAX_DAYS_AGO: u32 = 365;

static DAYS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)
          \b(?P<before>(?:the\s+)?day\s+before\s+yesterday)\b
        | \b(?P<yesterday>yesterday|yesterday's|yesterdays|yday|yday's|yest|ystd)\b
        | \b(?P<night>last\s+night|last\s+nite|last\s+evening)\b
        | \b(?P<n>{num}|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few)\s+
             (?P<unit>days?|weeks?)\s+(?:ago|back|earlier)\b
        | \b(?P<week>a\s+week\s+ago|one\s+week\s+ago)\b",
        num = number_pattern()
    ))
    .expect("valid days regex")
});

/// "after yesterday's race" dates another event, not this message's.
static OTHER_EVENT: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:after|since|from|post|before)\s+(?:the\s+|my\s+)?$").expect("valid")
});

/// Days ago said in `text`, and whether it was only "last night".
pub(crate) fn find(g: &Grams, text: &str) -> (u32, bool) {
    let Some(c) = DAYS.captures_iter(g, text).find(|c| {
        c.get(0)
            .is_some_and(|m| !OTHER_EVENT.is_match(g, &text[..m.start()]))
    }) else {
        return (0, false);
    };
    if c.name("before").is_some() {
        return (2, false);
    }
    if c.name("yesterday").is_some() {
        return (1, false);
    }
    if c.name("night").is_some() {
        return (1, true);
    }
    if c.name("week").is_some() {
        return (7, false);
    }
    let n = match c.name("n").map(|m| m.as_str()) {
        Some(s) if s.contains("couple") => 2.0,
        Some(s) if s.contains("few") => 3.0,
        Some(s) => number(s).unwrap_or(0.0),
        None => 0.0,
    };
    let per = if c
        .name("unit")
        .is_some_and(|u| u.as_str().starts_with("week"))
    {
        7.0
    } else {
        1.0
    };
    let days = (n * per).clamp(0.0, f64::from(MAX_DAYS_AGO));
    (days as u32, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (u32, bool) {
        find(&Grams::new(s), s)
    }

    #[test]
    fn relative_days() {
        assert_eq!(read("ran 13k 3 days ago").0, 3);
        assert_eq!(read("yesterday").0, 1);
        assert_eq!(read("day before yesterday").0, 2);
        assert_eq!(read("two days ago").0, 2);
        assert_eq!(read("last night"), (1, true));
        assert_eq!(read("knee sore 3 days now").0, 0);
        assert_eq!(read("999999999999 days ago").0, MAX_DAYS_AGO);
    }
}
