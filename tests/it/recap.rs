//! The opt-in weekly recap through `cooldown replay` (the real binary):
//! turned on and off in words, due Sunday 18:00 in the runner's zone across
//! a clock change, sent once per week across restarts, kept in the export
//! and gone with the runner's data. Its words are `recap_words.rs`; these
//! helpers serve both.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use cooldown::catalogue::Catalogue;
use serde_json::{json, Value};

fn command(dir: &Path, sub: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cooldown"));
    cmd.arg(sub);
    if sub == "replay" {
        cmd.arg("--data").arg(dir);
    }
    cmd.env("COOLDOWN_RESPONSES", Catalogue::shipped_dir())
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .env_remove("COOLDOWN_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

pub(crate) use crate::replay_reminders::replay;

pub(crate) fn msg(user: &str, at: &str, text: &str) -> Value {
    json!({"user": user, "at": at, "text": text})
}

pub(crate) fn tick(at: &str) -> Value {
    json!({"at": at})
}

/// The recap lines of an output.
pub(crate) fn recaps(out: &[Value]) -> Vec<&Value> {
    out.iter()
        .filter_map(|l| l.get("reminder"))
        .filter(|r| r["kind"] == "recap")
        .collect()
}

/// (user, at) of each recap.
pub(crate) fn due(out: &[Value]) -> Vec<(String, String)> {
    recaps(out)
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_owned();
            (s("user"), s("at"))
        })
        .collect()
}

pub(crate) fn pair(user: &str, at: &str) -> (String, String) {
    (user.to_owned(), at.to_owned())
}

pub(crate) fn replies(out: &[Value]) -> Vec<&Value> {
    out.iter().filter(|l| l.get("reply").is_some()).collect()
}

pub(crate) fn words() -> Catalogue {
    Catalogue::load(&Catalogue::shipped_dir()).unwrap()
}

pub(crate) fn say(key: &str) -> String {
    words().say(key, 0, &[])
}

pub(crate) fn praised(text: &str) -> bool {
    words()
        .phrasings("recap.praise")
        .iter()
        .any(|p| text.contains(p.as_str()))
}

pub(crate) fn text(recap: &Value) -> &str {
    recap["text"].as_str().unwrap()
}

#[test]
fn turned_on_and_off_in_words_privately_and_the_parse_contract_keeps_its_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let out = replay(
        dir.path(),
        &[
            msg("1", "2026-06-03T09:00:00Z", "send me a weekly recap"),
            msg("1", "2026-06-03T09:01:00Z", "my reminders"),
            json!({"user": "2", "guild": "7", "mentioned": true,
                   "at": "2026-06-03T09:02:00Z", "text": "weekly recap on"}),
            tick("2026-06-07T18:30:00Z"),
            msg("1", "2026-06-08T09:00:00Z", "stop the weekly recap"),
            msg("1", "2026-06-08T09:01:00Z", "weekly recap off"),
            tick("2026-06-15T09:00:00Z"),
        ],
    );
    let r = replies(&out);
    assert_eq!(r[0]["intent"], "set_reminder");
    assert_eq!(r[0]["logged"], true);
    let on = r[0]["reply"].as_str().unwrap();
    assert!(
        on.starts_with("Weekly recap on: every Sunday at 18:00 (UTC)"),
        "{on}"
    );
    assert!(
        on.contains(&say("reminders.utc_notice")),
        "no UTC notice: {on}"
    );
    assert!(r[1]["reply"]
        .as_str()
        .unwrap()
        .contains("weekly recap, Sundays at 18:00 (UTC)"));
    // In a server the confirmation goes to the runner alone.
    assert_eq!(r[2]["private"], true);
    assert_eq!(r[2]["intent"], "set_reminder");
    assert_eq!(r[3]["reply"], say("recap.off"));
    assert_eq!(r[3]["logged"], true);
    assert_eq!(r[4]["reply"], say("recap.none_to_stop"));
    assert_eq!(r[4]["logged"], false);
    // Both got the first Sunday's; only the one still on got the second
    // (runners due at one instant come in no promised order).
    let mut sent = due(&out);
    sent.sort();
    assert_eq!(
        sent,
        vec![
            pair("1", "2026-06-07T18:00:00Z"),
            pair("2", "2026-06-07T18:00:00Z"),
            pair("2", "2026-06-14T18:00:00Z"),
        ]
    );

    // The parse contract: set_reminder, `reminder` null (its kinds stay
    // "sleep" and "rest").
    let mut child = command(dir.path(), "parse").spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "weekly recap on\nstop the weekly recap").unwrap();
    drop(stdin);
    let parsed = child.wait_with_output().unwrap();
    for line in String::from_utf8(parsed.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["intent"], "set_reminder", "{line}");
        assert_eq!(v["reminder"], Value::Null, "{line}");
    }
}

#[test]
fn due_sunday_at_18_local_across_the_clock_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = replay(
        dir.path(),
        &[
            msg("b", "2026-03-18T12:00:00Z", "set tz Europe/Berlin"),
            msg("b", "2026-03-18T12:01:00Z", "weekly recap on"),
            msg("n", "2026-10-21T12:00:00Z", "set tz America/New_York"),
            msg("n", "2026-10-21T12:01:00Z", "weekly recap on"),
            tick("2026-11-03T00:00:00Z"),
        ],
    );
    let berlin: Vec<_> = due(&out)
        .into_iter()
        .filter(|(u, _)| u == "b")
        .take(3)
        .collect();
    assert_eq!(
        berlin,
        vec![
            pair("b", "2026-03-22T17:00:00Z"), // 18:00 CET
            pair("b", "2026-03-29T16:00:00Z"), // 18:00 CEST, the clocks went forward that morning
            pair("b", "2026-04-05T16:00:00Z"),
        ]
    );
    let new_york: Vec<_> = due(&out).into_iter().filter(|(u, _)| u == "n").collect();
    assert_eq!(
        new_york,
        vec![
            pair("n", "2026-10-25T22:00:00Z"), // 18:00 EDT
            pair("n", "2026-11-01T23:00:00Z"), // 18:00 EST, back that morning
        ]
    );
    // A zone set: no UTC notice.
    let on = replies(&out)[1]["reply"].as_str().unwrap();
    assert!(
        on.contains("18:00 (Europe/Berlin)") && !on.contains("UTC"),
        "{on}"
    );
}

#[test]
fn sent_once_per_week_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = replay(
        d,
        &[
            msg("5", "2026-06-03T09:00:00Z", "weekly recap on"),
            tick("2026-06-07T17:00:00Z"),
        ],
    );
    assert!(recaps(&first).is_empty());
    // Stopped before 18:00, started again within the grace window: sent
    // once, with its due instant.
    let second = replay(d, &[tick("2026-06-07T18:30:00Z")]);
    assert_eq!(due(&second), vec![pair("5", "2026-06-07T18:00:00Z")]);
    // Restarted right after sending: not again.
    let third = replay(
        d,
        &[tick("2026-06-07T18:31:00Z"), tick("2026-06-08T09:00:00Z")],
    );
    assert!(recaps(&third).is_empty(), "sent twice: {third:?}");
    // The next week's, once.
    let fourth = replay(
        d,
        &[tick("2026-06-14T18:05:00Z"), tick("2026-06-14T20:00:00Z")],
    );
    assert_eq!(due(&fourth), vec![pair("5", "2026-06-14T18:00:00Z")]);
    // Down beyond the grace window over a Sunday: that one is skipped, the
    // schedule goes on.
    let late = replay(d, &[tick("2026-06-21T21:00:00Z")]);
    assert!(recaps(&late).is_empty(), "a stale recap went out: {late:?}");
    let next = replay(d, &[tick("2026-06-28T18:00:00Z")]);
    assert_eq!(due(&next), vec![pair("5", "2026-06-28T18:00:00Z")]);
}

#[test]
fn the_recap_is_in_the_export_and_goes_with_delete_my_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = replay(
        dir.path(),
        &[
            msg("x", "2026-06-01T09:00:00Z", "weekly recap on"),
            msg("x", "2026-06-01T09:01:00Z", "export my data"),
            msg("x", "2026-06-01T09:02:00Z", "delete my data"),
            msg("x", "2026-06-01T09:03:00Z", "yes, delete"),
            tick("2026-06-15T09:00:00Z"),
        ],
    );
    let export = &replies(&out)[1]["attachments"][0]["json"];
    let recap = &export["reminders"]["recap"];
    assert_eq!(recap["at"], "18:00", "{export}");
    assert_eq!(recap["next_due"], "2026-06-07T18:00:00Z", "{export}");
    assert!(
        recaps(&out).is_empty(),
        "a deleted runner got a recap: {out:?}"
    );
}

#[test]
fn next_weekly_is_this_sundays_while_ahead_else_next_weeks() {
    use cooldown::reminders::schedule::{next_weekly, RECAP_AT, RECAP_DAY};
    let tz = jiff::tz::TimeZone::get("Pacific/Auckland").unwrap();
    let next = |after: &str| next_weekly(after.parse().unwrap(), RECAP_DAY, RECAP_AT, &tz);
    let sunday_18: jiff::Timestamp = "2026-06-07T06:00:00Z".parse().unwrap(); // 18:00 NZST
                                                                              // Monday morning local (still Sunday in UTC), Sunday afternoon local.
    assert_eq!(next("2026-05-31T21:00:00Z"), sunday_18);
    assert_eq!(next("2026-06-07T05:59:00Z"), sunday_18);
    // At or after it: the next week's.
    let following = sunday_18 + jiff::SignedDuration::from_hours(24 * 7);
    assert_eq!(next("2026-06-07T06:00:00Z"), following);
    assert_eq!(next("2026-06-07T11:00:00Z"), following);
}
