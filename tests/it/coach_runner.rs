//! The runner's picture through the engine: profile, units, recovery time,
//! rest days, training load, stats and streaks on local days, undo, export
//! and delete, absurd entries. Messages are built as `Parsed` values.

use crate::coach_support;

use coach_support::*;
use cooldown::intent::{Command, Effort, HealthCondition, Intent, ProfileUpdate, Unit};
use cooldown::store::UserId;

fn set_tz(tz: &str) -> cooldown::intent::Parsed {
    profile(ProfileUpdate {
        time_zone: Some(tz.into()),
        ..ProfileUpdate::default()
    })
}

#[test]
fn a_profile_is_set_in_plain_words_and_shown_back() {
    let bot = bot();
    let reply = send(
        &bot,
        "1",
        "2026-06-01T08:00:00Z",
        profile(ProfileUpdate {
            age: Some(58),
            unit: Some(Unit::Mi),
            fahrenheit: Some(true),
            time_zone: Some("Europe/Berlin".into()),
            conditions: vec![HealthCondition::HighBloodPressure],
        }),
    );
    assert!(reply.private, "a profile is personal");
    assert!(reply.logged, "the profile was saved");
    let shown = send(
        &bot,
        "1",
        "2026-06-01T08:01:00Z",
        command(Command::ShowProfile),
    );
    assert!(shown.private);
    for want in ["58", "miles", "°F", "Europe/Berlin", "high blood pressure"] {
        assert!(shown.text.contains(want), "{want}: {}", shown.text);
    }
    let stored = bot.store().profile(&UserId::new("1")).unwrap();
    assert_eq!(stored.age, Some(58));
    assert_eq!(stored.unit, Unit::Mi);
}

#[test]
fn an_unknown_time_zone_or_age_is_refused_kindly() {
    let bot = bot();
    let reply = send(&bot, "1", "2026-06-01T08:00:00Z", set_tz("Mars/Olympus"));
    assert!(reply.text.contains("Mars/Olympus"), "{}", reply.text);
    assert!(!reply.logged, "nothing was saved");
    let reply = send(
        &bot,
        "1",
        "2026-06-01T08:00:00Z",
        profile(ProfileUpdate {
            age: Some(250),
            ..ProfileUpdate::default()
        }),
    );
    assert!(reply.text.contains("250"), "{}", reply.text);
    let stored = bot.store().profile(&UserId::new("1")).unwrap();
    assert_eq!((stored.time_zone, stored.age), (None, None));
}

#[test]
fn distances_are_shown_in_the_runners_unit() {
    let bot = bot();
    send(
        &bot,
        "1",
        "2026-06-01T08:00:00Z",
        profile(ProfileUpdate {
            unit: Some(Unit::Mi),
            ..ProfileUpdate::default()
        }),
    );
    let reply = send(&bot, "1", "2026-06-01T18:00:00Z", run_km(16.09344));
    assert!(reply.text.contains("10 mi"), "{}", reply.text);
    let stats = send(&bot, "1", "2026-06-01T19:00:00Z", msg(Intent::Stats));
    assert!(stats.text.contains("10 mi"), "{}", stats.text);
}

/// The recovery estimate in a run's reply, in hours.
fn recovery_hours(text: &str) -> u32 {
    let at = text.find("about ").expect("a recovery estimate") + 6;
    text[at..].split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn every_run_gets_a_recovery_estimate_longer_past_50_capped_at_4_days_and_a_race_by_its_miles() {
    let bot = bot();
    // Easy 10 km, no time: 60 min at RPE 3 = 180 → 12 + 18 = 30 h.
    let young = send(
        &bot,
        "1",
        "2026-06-01T18:00:00Z",
        with_effort(run_km(10.0), Effort::Easy),
    );
    assert_eq!(recovery_hours(&young.text), 30, "{}", young.text);
    send(
        &bot,
        "2",
        "2026-06-01T08:00:00Z",
        profile(ProfileUpdate {
            age: Some(58),
            ..ProfileUpdate::default()
        }),
    );
    let older = send(
        &bot,
        "2",
        "2026-06-01T18:00:00Z",
        with_effort(run_km(10.0), Effort::Easy),
    );
    assert_eq!(recovery_hours(&older.text), 38, "{}", older.text);
    assert!(
        !older.text.contains("past 50"),
        "no rest-day advice after an easy run: {}",
        older.text
    );
    let long = send(
        &bot,
        "2",
        "2026-06-03T18:00:00Z",
        with_effort(run_km(25.0), Effort::Long),
    );
    assert!(
        long.text.contains("past 50"),
        "longer rest for an older runner: {}",
        long.text
    );
    let marathon = send(
        &bot,
        "3",
        "2026-06-01T18:00:00Z",
        with_effort(run_km(42.195), Effort::Race),
    );
    // A race follows the race rule, one easy day per mile raced: the same
    // figure "how long until I can run hard again?" gives.
    assert!(marathon.text.contains("about 26 days"), "{}", marathon.text);
    let long = send(
        &bot,
        "4",
        "2026-06-01T18:00:00Z",
        with_effort(run_km(42.195), Effort::Long),
    );
    assert_eq!(recovery_hours(&long.text), 96, "{}", long.text);
    // Rest advice comes once: as the note, or as the rest tip.
    assert!(
        marathon.text.contains("one or two rest or easy days")
            ^ marathon
                .tips
                .iter()
                .any(|t| t.topic == cooldown::intent::Topic::Rest),
        "{}",
        marathon.plain_text()
    );
}

#[test]
fn a_rest_day_is_suggested_after_six_running_days_in_a_row() {
    let bot = bot();
    for d in 1..=5 {
        let r = send(&bot, "1", &format!("2026-06-{d:02}T18:00:00Z"), run_km(6.0));
        assert!(!r.text.contains("in a row"), "day {d}: {}", r.text);
    }
    let sixth = send(&bot, "1", "2026-06-06T18:00:00Z", run_km(6.0));
    assert!(
        sixth.text.contains("6 running days in a row"),
        "{}",
        sixth.text
    );
    assert_eq!(
        topics(&sixth)[0],
        cooldown::intent::Topic::Rest,
        "{:?}",
        topics(&sixth)
    );
    // A planned rest day resets the count.
    let bot = bot_with_rest_on_day(3);
    let sixth = send(&bot, "1", "2026-06-06T18:00:00Z", run_km(6.0));
    assert!(!sixth.text.contains("in a row"), "{}", sixth.text);
}

fn bot_with_rest_on_day(rest_day: u32) -> cooldown::engine::Bot {
    let bot = bot();
    for d in 1..=5 {
        let when = format!("2026-06-{d:02}T18:00:00Z");
        if d == rest_day {
            send(&bot, "1", &when, rest());
        } else {
            send(&bot, "1", &when, run_km(6.0));
        }
    }
    bot
}

#[test]
fn stats_show_the_week_load_streak_and_recent_logs() {
    let bot = bot();
    send(
        &bot,
        "1",
        "2026-06-01T18:00:00Z",
        with_effort(run_km(10.0), Effort::Easy),
    );
    send(&bot, "1", "2026-06-02T07:00:00Z", sleep(6.0));
    send(&bot, "1", "2026-06-02T18:00:00Z", rest());
    send(&bot, "1", "2026-06-03T07:00:00Z", sleep(8.0));
    send(
        &bot,
        "1",
        "2026-06-03T18:00:00Z",
        with_effort(run_km(21.1), Effort::Long),
    );
    let stats = send(&bot, "1", "2026-06-03T20:00:00Z", msg(Intent::Stats));
    assert!(stats.private);
    assert!(!stats.logged);
    for want in [
        "2 runs",
        "31.1 km",
        "longest 21.1 km",
        "1 rest day",
        "7 h a night",
        "3 days in a row",
        "Training load",
        "Wed 03 Jun: 21.1 km long run",
    ] {
        assert!(stats.text.contains(want), "{want}: {}", stats.text);
    }
}

#[test]
fn the_streak_counts_the_runners_local_days() {
    // 22:30 UTC is 00:30 the next day in Berlin: two UTC days, one Berlin day.
    let bot = bot();
    for user in ["berlin", "utc"] {
        if user == "berlin" {
            send(&bot, user, "2026-06-01T08:00:00Z", set_tz("Europe/Berlin"));
        }
        send(&bot, user, "2026-06-01T22:30:00Z", run_km(5.0));
        send(&bot, user, "2026-06-02T19:00:00Z", run_km(5.0));
    }
    let berlin = send(&bot, "berlin", "2026-06-02T20:00:00Z", msg(Intent::Stats));
    let utc = send(&bot, "utc", "2026-06-02T20:00:00Z", msg(Intent::Stats));
    assert!(berlin.text.contains("Streak: 1 day "), "{}", berlin.text);
    assert!(utc.text.contains("Streak: 2 days "), "{}", utc.text);
}

#[test]
fn planned_rest_days_keep_the_streak_alive_and_gaps_break_it() {
    let bot = bot_with_rest_on_day(3);
    let stats = send(&bot, "1", "2026-06-05T20:00:00Z", msg(Intent::Stats));
    assert!(stats.text.contains("5 days in a row"), "{}", stats.text);
    // The next morning, before today's run, yesterday still counts.
    let stats = send(&bot, "1", "2026-06-06T08:00:00Z", msg(Intent::Stats));
    assert!(stats.text.contains("5 days in a row"), "{}", stats.text);
    // Two days later the streak is gone.
    send(&bot, "1", "2026-06-08T18:00:00Z", run_km(5.0));
    let stats = send(&bot, "1", "2026-06-08T20:00:00Z", msg(Intent::Stats));
    assert!(stats.text.contains("Streak: 1 day "), "{}", stats.text);
}

#[test]
fn a_big_week_is_described_plainly_never_as_an_injury_alarm() {
    let bot = bot();
    // Four weeks of three easy 8 km runs (144 units each), then a week of
    // five 15 km runs.
    let mut day = jiff::civil::date(2026, 5, 4);
    let mut replies = Vec::new();
    for week in 0..5 {
        for d in 0..7 {
            let runs_today = if week < 4 { d % 2 == 0 && d < 6 } else { d < 5 };
            if runs_today {
                let when = day
                    .at(18, 0, 0, 0)
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .unwrap()
                    .timestamp()
                    .to_string();
                let km = if week < 4 { 8.0 } else { 15.0 };
                replies.push(send(
                    &bot,
                    "1",
                    &when,
                    with_effort(run_km(km), Effort::Easy),
                ));
            }
            day = day.tomorrow().unwrap();
        }
    }
    let usual_week = &replies[11].text;
    assert!(!usual_week.contains("more than your usual"), "{usual_week}");
    // Said once in the big week (on the run that tips it), not on every run.
    let big: Vec<&str> = replies[12..].iter().map(|r| r.text.as_str()).collect();
    let said: Vec<&&str> = big
        .iter()
        .filter(|t| t.contains("more than your usual week"))
        .collect();
    assert_eq!(said.len(), 1, "{big:#?}");
    assert!(!said[0].to_lowercase().contains("injur"), "{}", said[0]);
    let stats = send(&bot, "1", "2026-06-07T20:00:00Z", msg(Intent::Stats));
    assert!(
        stats.text.contains("clearly above your usual"),
        "{}",
        stats.text
    );
    let lower = stats.text.to_lowercase();
    for alarm in ["injur", "danger", "risk", "warning"] {
        assert!(!lower.contains(alarm), "{alarm}: {}", stats.text);
    }
}

#[test]
fn absurd_entries_are_questioned_and_not_logged() {
    let bot = bot();
    let ten_k_in_ten_minutes = cooldown::intent::Parsed {
        duration_s: Some(600),
        ..run_km(10.0)
    };
    let negative = run_km(-5.0);
    let cases = [
        (run_km(900.0), "900 km"),
        (negative, "-5 km"),
        (ten_k_in_ten_minutes, "10:00"),
        (sleep(30.0), "30 h"),
    ];
    for (p, shown) in cases {
        let reply = send(&bot, "1", "2026-06-01T18:00:00Z", p);
        assert!(!reply.logged);
        assert!(reply.tips.is_empty());
        assert!(reply.text.contains(shown), "{shown}: {}", reply.text);
        assert!(
            reply.text.contains('?'),
            "asks what was meant: {}",
            reply.text
        );
    }
    assert!(bot.store().last_log(&UserId::new("1")).unwrap().is_none());
}

#[test]
fn a_run_is_named_back_in_the_catalogues_words() {
    let bot = bot();
    let mut race = with_conditions(
        with_effort(run_km(10.0), Effort::Race),
        &[
            cooldown::intent::Condition::Hot,
            cooldown::intent::Condition::Humid,
        ],
    );
    race.duration_s = Some(45 * 60);
    let reply = send(&bot, "1", "2026-06-01T18:00:00Z", race);
    assert!(
        reply.text.contains("10 km race in 45:00, hot and humid"),
        "{}",
        reply.text
    );
    let mut intervals = with_parts(
        with_effort(run_km(8.0), Effort::Intervals),
        &[
            cooldown::intent::BodyPart::ItBand,
            cooldown::intent::BodyPart::Calf,
        ],
    );
    intervals.sleep_hours = Some(6.5);
    let reply = send(&bot, "2", "2026-06-01T18:00:00Z", intervals);
    assert!(reply.text.contains("8 km interval run"), "{}", reply.text);
    assert!(reply.text.contains("6 h 30 of sleep"), "{}", reply.text);
    assert!(
        reply.text.contains("sore IT band and calf"),
        "{}",
        reply.text
    );
}
