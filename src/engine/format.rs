//! Turning stored numbers into words a runner reads: "20 km", "1:45:30",
//! "hot and humid". Units follow the runner's profile; words (body parts,
//! weather, kinds of run) come from the catalogue.

use super::Reply;
use crate::catalogue::Catalogue;
use crate::intent::{BodyPart, Effort, Unit};
use crate::store::{LogEntry, Profile, RunLog};

const METRES_PER_MILE: f64 = 1609.344;

/// "20 km", "12.5 km", "6.2 mi".
pub fn distance(m: f64, unit: Unit) -> String {
    let (value, name) = match unit {
        Unit::Km => (m / 1000.0, "km"),
        Unit::Mi => (m / METRES_PER_MILE, "mi"),
    };
    // `+ 0.0` turns the -0.0 of an empty float sum into 0.0 ("-0 km").
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {name}")
    } else {
        format!("{rounded:.1} {name}")
    }
}

/// "45:10" or "1:45:30".
pub fn duration(s: u32) -> String {
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// "7 h", "6.5 h", "7 h 05".
pub fn hours(h: f64) -> String {
    let minutes = (h * 60.0).round() as i64;
    let (hh, mm) = (minutes / 60, minutes % 60);
    if mm == 0 {
        format!("{hh} h")
    } else {
        format!("{hh} h {mm:02}")
    }
}

/// "a, b and c", with the catalogue's word for "and".
pub fn list<'a>(words: &Catalogue, items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.into_iter().collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => {
            let and = words.say("word.and", 0, &[]);
            format!("{} {and} {last}", init.join(", "))
        }
    }
}

/// The catalogue's word for an enum value, found under `group.<its contract
/// name>` ("part.it_band", "condition.hot", "effort.easy").
fn word<T: serde::Serialize>(words: &Catalogue, group: &str, value: T) -> String {
    let name = serde_json::to_value(value).unwrap_or_default();
    let key = format!("{group}.{}", name.as_str().unwrap_or_default());
    words.say(&key, 0, &[])
}

/// "calf, knee and IT band".
pub fn body_parts(words: &Catalogue, parts: &[BodyPart]) -> String {
    let names: Vec<String> = parts.iter().map(|p| word(words, "part", p)).collect();
    list(words, names.iter().map(String::as_str))
}

/// "easy 8 km run in 45:00, hot and humid", "10 km race".
pub fn describe_run(words: &Catalogue, run: Option<&RunLog>, profile: &Profile) -> String {
    let Some(run) = run else {
        return words.say("describe.run", 0, &[("effort", ""), ("distance", "")]);
    };
    let effort: String = run
        .effort
        .map(|e| word(words, "effort", e))
        .unwrap_or_default();
    let dist = run
        .distance_m
        .map(|d| distance(d, profile.unit))
        .unwrap_or_default();
    let mut text = if run.effort == Some(Effort::Race) {
        words.say("describe.race", 0, &[("distance", &dist)])
    } else {
        words.say(
            "describe.run",
            0,
            &[("effort", &effort), ("distance", &dist)],
        )
    };
    // An absent effort or distance leaves a double space behind.
    text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(t) = run.duration_s {
        text = words.say(
            "describe.timed",
            0,
            &[("run", &text), ("time", &duration(t))],
        );
    }
    if !run.conditions.is_empty() {
        let names: Vec<String> = run
            .conditions
            .iter()
            .map(|c| word(words, "condition", c))
            .collect();
        let conditions = list(words, names.iter().map(String::as_str));
        text = words.say(
            "describe.weather",
            0,
            &[("run", &text), ("conditions", &conditions)],
        );
    }
    text
}

/// A short description of any log, for undo and history.
pub fn describe_entry(e: &LogEntry, profile: &Profile, words: &Catalogue) -> String {
    let mut parts = Vec::new();
    if e.run.is_some() {
        parts.push(describe_run(words, e.run.as_ref(), profile));
    }
    if e.rest.is_some() {
        parts.push(words.say("describe.rest", 0, &[]));
    }
    if let Some(s) = &e.sleep {
        parts.push(words.say("describe.sleep", 0, &[("hours", &hours(s.hours))]));
    }
    if parts.is_empty() && !e.pain.is_empty() {
        let sore = body_parts(words, &e.pain);
        parts.push(words.say("describe.pain", 0, &[("parts", &sore)]));
    }
    if parts.is_empty() {
        // "slept badly": a night kept until its hours are told.
        parts.push(words.say("describe.night_no_hours", 0, &[]));
    }
    parts.join(", ")
}

/// The reply as plain text: the message, then each tip as a short paragraph.
pub fn plain_text(reply: &Reply) -> String {
    let mut out = reply.text.clone();
    for tip in &reply.tips {
        out.push_str(&format!("\n• {}: {}", tip.title, tip.text));
        for caveat in &tip.caveats {
            out.push_str(&format!(" ⚠ {caveat}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_night_without_its_hours_is_described() {
        let words = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
        let night = LogEntry {
            at: jiff::Timestamp::UNIX_EPOCH,
            logged_at: jiff::Timestamp::UNIX_EPOCH,
            message_id: None,
            run: None,
            sleep: None,
            rest: None,
            pain: Vec::new(),
        };
        let text = describe_entry(&night, &Profile::default(), &words);
        assert_eq!(text, words.say("describe.night_no_hours", 0, &[]));
        assert!(!text.is_empty());
    }

    #[test]
    fn an_empty_week_is_zero_km_not_minus_zero() {
        let empty: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(distance(empty, Unit::Km), "0 km");
        assert_eq!(distance(16_100.0, Unit::Km), "16.1 km");
    }
}
