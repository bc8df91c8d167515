//! A first, deliberately small matcher. It understands the basic forms
//! ("ran 20k hot", "slept 5h", "rest day", "stats", "help") so the whole bot
//! works end to end; the full vocabulary grows behind the same `parse`.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

static DISTANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)\b(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>km|k|mi|miles?)\b").expect("valid regex")
});
static SLEEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?ix)\bslept\s+(?P<h>\d+(?:\.\d+)?)\s*h").expect("valid regex"));

/// Understands one message. Never panics, whatever the input.
pub fn parse(text: &str, opts: &ParseOptions) -> Parsed {
    let text: String = text.chars().take(MAX_INPUT_CHARS).collect();
    let lower = text.to_lowercase();
    let _ = opts;

    let distance_m = DISTANCE.captures(&lower).and_then(|c| {
        let n: f64 = c["n"].parse().ok()?;
        let metres = if c["unit"].starts_with('m') {
            n * 1609.344
        } else {
            n * 1000.0
        };
        Some(metres)
    });
    let sleep_hours = SLEEP.captures(&lower).and_then(|c| c["h"].parse().ok());
    let mut conditions = Vec::new();
    if lower.contains("hot") {
        conditions.push(Condition::Hot);
    }
    if lower.contains("humid") {
        conditions.push(Condition::Humid);
    }
    let intent = if distance_m.is_some() {
        Intent::LogRun
    } else if lower.contains("rest day") {
        Intent::LogRest
    } else if sleep_hours.is_some() {
        Intent::LogSleep
    } else if lower.contains("stats") {
        Intent::Stats
    } else if lower.contains("undo") {
        Intent::Undo
    } else if lower.contains("help") {
        Intent::Help
    } else {
        Intent::Unknown
    };
    Parsed {
        intent,
        distance_m,
        duration_s: None,
        effort: None,
        conditions,
        days_ago: 0,
        sleep_hours,
        body_parts: Vec::new(),
        topic: None,
        reminder: None,
        details: Details::default(),
    }
}
