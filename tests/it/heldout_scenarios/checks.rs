//! The `expect` keys of the held-out scenarios (tests/heldout/README.md),
//! checked on one replay output line. A port of the blind scorer's rules
//! (/work/heldout/score.py at the time of folding), so a line that passed
//! there passes here.

use regex::{Regex, RegexBuilder};
use serde_json::Value;

/// Opening-sentence words that make a reply a "stop and get help".
const FLAG_TERMS: &[&str] = &[
    "medical",
    "emergency",
    "999",
    "911",
    "112",
    "doctor",
    "a&e",
    "ambulance",
    "urgent",
    "get help",
    "seek help",
    "get checked",
    "get it checked",
    "stop running",
    "stop now",
    "stop and",
    "stop the run",
    "physio",
    "physical therapist",
    "healthcare",
    "health care",
    "hospital",
    "paramedic",
    "clinician",
    "nurse",
];

const PRAISE: &[&str] = &[
    "great job",
    "well done",
    "nice work",
    "nice run",
    "great run",
    "good job",
    "awesome",
    "congrats",
    "congratulations",
    "nailed",
    "smashed it",
    "crushed it",
    "proud of you",
    "brilliant",
    "amazing",
    "fantastic",
    "good work",
    "strong run",
    "solid run",
    "nice one",
    "great effort",
    "way to go",
    "keep it up",
    "impressive",
    "🎉",
    "💪",
    "👏",
    "🔥",
    "great work",
    "nice going",
    "good on you",
    "bravo",
];

const NO_HARD_GO: &str = r"before (your|the) next hard|next hard (session|run|workout)\s+(in|after|on|could)|\b\d+\s*(hours|h|days)\s+(before|until)\s+(your|the|a)\s+next\s+hard|ready for (a|your|another) (hard|tempo|interval|speed)|\byes,?\s+(go|you can|do it)|go for (it|the intervals|the hills)";

/// Canonical tip id and the spellings accepted for it (prefix match).
const TIP_ALIASES: &[(&str, &[&str])] = &[
    ("cool_down", &["cool_down", "cooldown", "cool"]),
    ("refuel", &["refuel", "nutrition", "fuel", "food", "eat"]),
    ("hydration", &["hydration", "hydrate", "water", "fluid"]),
    ("stretching", &["stretching", "stretch"]),
    ("foam_rolling", &["foam_rolling", "foam", "massage", "roll"]),
    ("relax_and_rest", &["relax_and_rest", "relax", "rest"]),
    ("sleep", &["sleep"]),
    ("cold_therapy", &["cold_therapy", "cold", "ice"]),
];

fn re(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| panic!("bad regex {pattern}: {e}"))
}

fn canon(tip: &str) -> String {
    let t = tip.to_lowercase().replace(['-', ' '], "_");
    for (c, aliases) in TIP_ALIASES {
        if aliases.iter().any(|a| t == *a || t.starts_with(a)) {
            return (*c).to_owned();
        }
    }
    t
}

fn strs(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn head(reply: &str) -> &str {
    reply
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

fn praises(reply: &str) -> bool {
    let r = reply.to_lowercase();
    PRAISE.iter().any(|p| r.contains(p))
}

/// The first line up to the first `.`, `!` or `?` followed by whitespace.
fn opening(reply: &str) -> &str {
    let h = head(reply);
    let bytes = h.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
        {
            return &h[..=i];
        }
    }
    h
}

fn flagged(reply: &str) -> bool {
    let h = opening(reply).to_lowercase();
    let hit = FLAG_TERMS.iter().any(|t| h.contains(t))
        || re(r"\bgp\b").is_match(&h)
        || re(r"^\W*(please\s+)?stop\b").is_match(&h);
    hit && !praises(reply)
}

/// The stats line with the week's figures ("Last 7 days: ...", written
/// "This week: ..." when these checks were written).
fn week_line(reply: &str) -> &str {
    reply
        .lines()
        .find(|l| l.to_lowercase().starts_with("last 7 days"))
        .or_else(|| reply.lines().find(|l| l.to_lowercase().contains("week")))
        .unwrap_or(reply)
}

fn sentences(reply: &str) -> Vec<String> {
    re(r"[.!?\n•]+")
        .split(reply)
        .filter(|s| s.trim().chars().count() >= 40)
        .map(|s| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect()
}

/// The failures of one output line against its `expect` object; `prev` is
/// the previous output to the same user.
pub fn check(expect: &Value, out: &Value, prev: Option<&Value>) -> Vec<String> {
    let mut fails = Vec::new();
    let Some(expect) = expect.as_object() else {
        return fails;
    };
    let reply = out.get("reply").and_then(Value::as_str);
    let text = reply.unwrap_or("");
    let r = text.to_lowercase();
    let tips: Vec<String> = out
        .get("tips")
        .map(strs)
        .unwrap_or_default()
        .iter()
        .map(|t| canon(t))
        .collect();
    for (key, v) in expect {
        let mut fail = |s: String| fails.push(format!("{key}: {s}"));
        match key.as_str() {
            "intent" => {
                let got = out.get("intent").and_then(Value::as_str).unwrap_or("");
                if !strs(v).iter().any(|w| w == got) {
                    fail(format!("got {got:?}, want {v}"));
                }
            }
            "logged" => {
                let got = out.get("logged").and_then(Value::as_bool).unwrap_or(false);
                if Some(got) != v.as_bool() {
                    fail(format!("got {got}"));
                }
            }
            "private" => {
                let got = out.get("private") == Some(&Value::Bool(true));
                if Some(got) != v.as_bool() {
                    fail(format!("got {got}"));
                }
            }
            "reply_null" => {
                if Some(reply.is_none()) != v.as_bool() {
                    fail(format!("reply is {reply:?}"));
                }
            }
            "reply_any" => {
                let groups: Vec<Vec<String>> = match v.as_array().and_then(|a| a.first()) {
                    Some(Value::Array(_)) => v.as_array().into_iter().flatten().map(strs).collect(),
                    _ => vec![strs(v)],
                };
                for g in groups {
                    if !g.iter().any(|s| r.contains(&s.to_lowercase())) {
                        fail(format!("lacks any of {g:?}"));
                    }
                }
            }
            "reply_all" => {
                let miss: Vec<_> = strs(v)
                    .into_iter()
                    .filter(|s| !r.contains(&s.to_lowercase()))
                    .collect();
                if !miss.is_empty() {
                    fail(format!("lacks {miss:?}"));
                }
            }
            "reply_none" | "head_none" => {
                let within = if key == "head_none" {
                    head(text).to_lowercase()
                } else {
                    r.clone()
                };
                let hit: Vec<_> = strs(v)
                    .into_iter()
                    .filter(|s| within.contains(&s.to_lowercase()))
                    .collect();
                if !hit.is_empty() {
                    fail(format!("contains {hit:?}"));
                }
            }
            "reply_regex" | "head_regex" => {
                let within = if key == "head_regex" {
                    head(text)
                } else {
                    text
                };
                let pattern = v.as_str().unwrap_or("");
                if !re(pattern).is_match(within) {
                    fail(format!("no match for /{pattern}/"));
                }
            }
            "head_any" => {
                let h = head(text).to_lowercase();
                if !strs(v).iter().any(|s| h.contains(&s.to_lowercase())) {
                    fail(format!("first line lacks any of {v}"));
                }
            }
            "flagged" => {
                if Some(flagged(text)) != v.as_bool() {
                    fail(format!("opening {:?}", opening(text)));
                }
            }
            "no_praise" => {
                if v.as_bool() == Some(true) && praises(text) {
                    fail("praises".into());
                }
            }
            "not_diagnosis" => {
                if v.as_bool() == Some(true) && !r.contains("diagnos") {
                    fail("does not say it is not a diagnosis".into());
                }
            }
            "no_hard_go" => {
                if let Some(m) = re(NO_HARD_GO)
                    .find(text)
                    .filter(|_| v.as_bool() == Some(true))
                {
                    fail(format!("suggests hard training: {:?}", m.as_str()));
                }
            }
            "tips_any" => {
                if !strs(v).iter().any(|t| tips.contains(&canon(t))) {
                    fail(format!("tips {tips:?}"));
                }
            }
            "tips_none" => {
                if strs(v).iter().any(|t| tips.contains(&canon(t))) {
                    fail(format!("tips {tips:?}"));
                }
            }
            "max_tips" | "min_tips" | "max_chars" => {
                let n = v.as_u64().unwrap_or(0) as usize;
                let (got, over) = match key.as_str() {
                    "max_tips" => (tips.len(), tips.len() > n),
                    "min_tips" => (tips.len(), tips.len() < n),
                    _ => (text.chars().count(), text.chars().count() > n),
                };
                if over {
                    fail(format!("{got} vs {n}"));
                }
            }
            "max_count" => {
                for (s, n) in v.as_object().into_iter().flatten() {
                    let c = r.matches(&s.to_lowercase()).count() as u64;
                    if c > n.as_u64().unwrap_or(0) {
                        fail(format!("{s:?} appears {c} times"));
                    }
                }
            }
            "no_repeat" => {
                let ss = sentences(text);
                if ss.iter().any(|s| ss.iter().filter(|t| *t == s).count() > 1) {
                    fail("a sentence repeats within the reply".into());
                }
                let before = prev
                    .and_then(|p| p.get("reply"))
                    .and_then(Value::as_str)
                    .map(sentences)
                    .unwrap_or_default();
                if let Some(s) = ss.iter().find(|s| before.contains(s)) {
                    fail(format!("repeated from the previous reply: {s:?}"));
                }
            }
            "tips_new" => {
                let before: Vec<String> = prev
                    .and_then(|p| p.get("tips"))
                    .map(strs)
                    .unwrap_or_default()
                    .iter()
                    .map(|t| canon(t))
                    .collect();
                if v.as_bool() == Some(true) && tips.iter().all(|t| before.contains(t)) {
                    fail(format!("no new tip: {tips:?}"));
                }
            }
            "cold_caveat" => {
                let cold = tips.iter().any(|t| t == "cold_therapy")
                    || ["ice bath", "cold plunge", "cold water", "ice-bath"]
                        .iter()
                        .any(|s| r.contains(s));
                let caveat = ["blood pressure", "doctor", "gp", "heart"]
                    .iter()
                    .any(|s| r.contains(s));
                if v.as_bool() == Some(true) && cold && !caveat {
                    fail("cold therapy without the blood-pressure caveat".into());
                }
            }
            "public_clean" => {
                let private = out.get("private") == Some(&Value::Bool(true));
                let hit: Vec<_> = strs(v)
                    .into_iter()
                    .filter(|s| r.contains(&s.to_lowercase()))
                    .collect();
                if reply.is_some() && !private && !hit.is_empty() {
                    fail(format!("public reply reveals {hit:?}"));
                }
            }
            "week_km" => {
                let got = re(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet|mi\b|mile)")
                    .captures(week_line(text))
                    .and_then(|c| {
                        let n: f64 = c[1].replace(',', ".").parse().ok()?;
                        let miles = c[2].to_lowercase().starts_with("mi");
                        Some(if miles { n * 1.609_344 } else { n })
                    });
                let want = v.as_f64().unwrap_or(f64::NAN);
                if !got.is_some_and(|g| (g - want).abs() <= 0.2) {
                    fail(format!("week distance {got:?} != {want} km"));
                }
            }
            "runs_week" => {
                let wl = week_line(text).to_lowercase();
                let got = match re(r"(\d+)\s+runs?\b").captures(&wl) {
                    Some(c) => c[1].parse::<u64>().ok(),
                    None if wl.contains("no run")
                        || wl.contains("0 run")
                        || !re(r"[1-9]\d*\s+runs?\b").is_match(&r) =>
                    {
                        Some(0)
                    }
                    None => None,
                };
                if got != v.as_u64() {
                    fail(format!("runs this week {got:?}"));
                }
            }
            "reminder_at_any" | "reminder_at_none" => {
                let ats: Vec<String> = out
                    .get("_reminders")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.get("at").and_then(Value::as_str).map(str::to_owned))
                    .collect();
                let want = strs(v);
                let hits = ats.iter().any(|a| want.iter().any(|s| a.contains(s)));
                if hits != (key == "reminder_at_any") {
                    fail(format!("reminders at {ats:?}"));
                }
            }
            other => fail(format!("unknown expectation key {other:?}")),
        }
    }
    fails
}
