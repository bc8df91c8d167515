//! Turning stored numbers into words a runner reads: "20 km", "1:45:30",
//! "hot and humid". Units follow the runner's profile.

use super::Reply;
use crate::catalogue::Catalogue;
use crate::intent::{BodyPart, Condition, Effort, Unit};
use crate::store::{LogEntry, Profile, RunLog};

const METRES_PER_MILE: f64 = 1609.344;

/// "20 km", "12.5 km", "6.2 mi".
pub fn distance(m: f64, unit: Unit) -> String {
    let (value, name) = match unit {
        Unit::Km => (m / 1000.0, "km"),
        Unit::Mi => (m / METRES_PER_MILE, "mi"),
    };
    let rounded = (value * 10.0).round() / 10.0;
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

/// "a, b and c".
pub fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.into_iter().collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub fn body_part(p: BodyPart) -> &'static str {
    match p {
        BodyPart::Achilles => "achilles",
        BodyPart::Ankle => "ankle",
        BodyPart::Back => "back",
        BodyPart::Calf => "calf",
        BodyPart::Foot => "foot",
        BodyPart::Glute => "glute",
        BodyPart::Hamstring => "hamstring",
        BodyPart::Hip => "hip",
        BodyPart::ItBand => "IT band",
        BodyPart::Knee => "knee",
        BodyPart::Quad => "quad",
        BodyPart::Shin => "shin",
    }
}

fn condition(c: Condition) -> &'static str {
    match c {
        Condition::Cold => "cold",
        Condition::Hills => "hilly",
        Condition::Hot => "hot",
        Condition::Humid => "humid",
        Condition::Rain => "wet",
        Condition::Snow => "snowy",
        Condition::Trail => "on trail",
        Condition::Wind => "windy",
    }
}

fn effort(e: Effort) -> &'static str {
    match e {
        Effort::Easy => "easy",
        Effort::Recovery => "recovery",
        Effort::Tempo => "tempo",
        Effort::Intervals => "interval",
        Effort::Long => "long",
        Effort::Race => "race",
    }
}

/// "20 km run, hot", "easy 8 km run in 45:00", "40:00 run".
pub fn describe_run(run: Option<&RunLog>, profile: &Profile) -> String {
    let Some(run) = run else {
        return "run".to_owned();
    };
    let mut words = Vec::new();
    if let Some(e) = run.effort {
        words.push(effort(e).to_owned());
    }
    if let Some(d) = run.distance_m {
        words.push(distance(d, profile.unit));
    }
    words.push(if run.effort == Some(Effort::Race) {
        String::new()
    } else {
        "run".to_owned()
    });
    let mut text = words
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(t) = run.duration_s {
        text.push_str(&format!(" in {}", duration(t)));
    }
    if !run.conditions.is_empty() {
        text.push_str(", ");
        text.push_str(&list(run.conditions.iter().map(|c| condition(*c))));
    }
    text
}

/// A short description of any log, for undo and history.
pub fn describe_entry(e: &LogEntry, profile: &Profile, words: &Catalogue) -> String {
    let mut parts = Vec::new();
    if e.run.is_some() {
        parts.push(describe_run(e.run.as_ref(), profile));
    }
    if e.rest.is_some() {
        parts.push(words.say("describe.rest", 0, &[]));
    }
    if let Some(s) = &e.sleep {
        parts.push(words.say("describe.sleep", 0, &[("hours", &hours(s.hours))]));
    }
    if parts.is_empty() && !e.pain.is_empty() {
        let sore = list(e.pain.iter().map(|p| body_part(*p)));
        parts.push(words.say("describe.pain", 0, &[("parts", &sore)]));
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
