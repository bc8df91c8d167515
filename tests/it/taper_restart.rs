//! A taper the runner names is kept in their profile: it survives a
//! restart of the bot (a second `cooldown replay` on the same data) and
//! ends after the race day it named.

use crate::binary::{message, replay};

const LOAD_UP: &str = "clearly more than your usual week";

fn reply(lines: &[serde_json::Value], i: usize) -> String {
    let replies: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l.get("reply").is_some()).collect();
    replies[i]["reply"].as_str().unwrap_or_default().to_owned()
}

/// Four usual weeks of 5 km, then the taper named at `at`.
fn usual_weeks_then(at: &str, text: &str) -> String {
    let mut input = String::new();
    for day in ["2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27"] {
        input.push_str(&message(&format!("{day}T08:00:00Z"), "ran 5k easy"));
    }
    input + &message(at, text)
}

#[test]
fn a_named_taper_survives_a_restart_and_ends_after_the_race() {
    let dir = tempfile::tempdir().unwrap();
    // Named on Monday 4 May for a marathon on Sunday 10 May.
    let first = usual_weeks_then(
        "2026-05-04T07:00:00Z",
        "I'm tapering for a marathon on Sunday",
    );
    let (out, _) = replay(dir.path(), first.as_bytes());
    let said = reply(&out, 4);
    assert!(said.contains("Sun 10 May"), "{said}");
    assert_eq!(out[4]["logged"], true, "the taper is stored: {said}");

    // Restarted: the heavier week is still no news during the taper.
    let second = message("2026-05-05T08:00:00Z", "ran 14k easy")
        + &message("2026-05-05T08:05:00Z", "show my profile");
    let (out, _) = replay(dir.path(), second.as_bytes());
    let said = reply(&out, 0);
    assert!(!said.contains(LOAD_UP), "taper forgotten: {said}");
    assert!(reply(&out, 1).contains("Tapering until Sun 10 May"));

    // After the race day, the taper is over.
    let third = message("2026-05-11T08:05:00Z", "show my profile");
    let (out, _) = replay(dir.path(), third.as_bytes());
    assert!(!reply(&out, 0).contains("Tapering"));
}

#[test]
fn a_taper_ends_with_its_race_day() {
    let dir = tempfile::tempdir().unwrap();
    // Named on Sunday 3 May for a race tomorrow (Monday 4 May).
    let first = usual_weeks_then("2026-05-03T07:00:00Z", "tapering, race tomorrow");
    let (out, _) = replay(dir.path(), first.as_bytes());
    assert!(reply(&out, 4).contains("Mon 4 May"), "{}", reply(&out, 4));
    // The day after the race, a heavier week is news again.
    let second = message("2026-05-05T08:00:00Z", "ran 14k easy");
    let (out, _) = replay(dir.path(), second.as_bytes());
    let said = reply(&out, 0);
    assert!(said.contains(LOAD_UP), "taper not over: {said}");
}
