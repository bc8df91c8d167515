//! Club boards and the weekly post's new parts: the board's arithmetic over
//! periods in the club's zone (local midnights, DST, month edges), its top
//! three that never name the bottom, consistency that counts rest days, and
//! the weekly post's highlights, tip of the week and chart.

use crate::log_fixtures::{rest, run, ts};
use cooldown::catalogue::Catalogue;
use cooldown::club::Weekly;
use cooldown::model::{Condition, Effort, Unit};
use cooldown::store::{LogEntry, Profile, RunLog, Store, UserId};

fn club(zone: &str, names: &[(&str, &str)]) -> (Store, Weekly) {
    let store = Store::temporary().unwrap();
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let weekly = Weekly::new(&store, catalogue).unwrap();
    let at = ts("2026-10-01T00:00:00Z");
    for (id, name) in names {
        weekly
            .clubs
            .join(7, &UserId::new(*id), Some(name), at)
            .unwrap();
    }
    weekly.summary_on(7, 55, zone, at).unwrap();
    (store, weekly)
}

fn log(store: &Store, user: &str, e: LogEntry) {
    store.append(&UserId::new(user), &e).unwrap();
}

#[test]
fn a_board_counts_local_days_in_the_clubs_zone() {
    // Auckland is UTC+13 in November (NZDT).
    let (store, weekly) = club("Pacific/Auckland", &[("1", "Aroha")]);
    // Monday 23 Nov 00:30 in Auckland is Sunday 22 Nov 11:30 UTC: this
    // week there, although still last week in UTC.
    log(&store, "1", run(10.0, "2026-11-22T11:30:00Z"));
    // Sunday 22 Nov 23:30 in Auckland (10:30 UTC): last week.
    log(&store, "1", run(7.0, "2026-11-22T10:30:00Z"));
    let now = ts("2026-11-24T01:00:00Z"); // Tuesday 14:00 in Auckland
    let user = UserId::new("1");
    let this = weekly.board(7, &user, "this week", now).unwrap();
    assert!(this.contains("Aroha 10 km"), "{this}");
    assert!(
        !this.contains("17 km") && !this.contains("Aroha 7 km"),
        "{this}"
    );
    assert!(this.contains("Mon 23 Nov – Tue 24 Nov so far"), "{this}");
    let last = weekly.board(7, &user, "last week", now).unwrap();
    assert!(last.contains("Aroha 7 km"), "{last}");
    assert!(
        last.contains("Mon 16 Nov – Sun 22 Nov, Pacific/Auckland"),
        "{last}"
    );
}

#[test]
fn month_and_date_periods_end_where_they_say() {
    let (store, weekly) = club("America/Los_Angeles", &[("1", "Sam")]);
    // 30 Nov 23:00 in LA is 1 Dec 07:00 UTC: November's there.
    log(&store, "1", run(12.0, "2026-12-01T07:00:00Z"));
    // 1 Dec 09:00 in LA: December's.
    log(&store, "1", run(5.0, "2026-12-01T17:00:00Z"));
    let now = ts("2026-12-03T20:00:00Z");
    let user = UserId::new("1");
    let nov = weekly.board(7, &user, "last month", now).unwrap();
    assert!(nov.contains("Sam 12 km") && !nov.contains("17 km"), "{nov}");
    let dec = weekly.board(7, &user, "this month", now).unwrap();
    assert!(dec.contains("Sam 5 km") && !dec.contains("17 km"), "{dec}");
    // Both days included.
    let both = weekly
        .board(7, &user, "between 2026-11-30 and 2026-12-01", now)
        .unwrap();
    assert!(both.contains("Sam 17 km"), "{both}");
    assert!(both.contains("of 2)"), "two days: {both}");
    let one = weekly.board(7, &user, "since 1 Dec", now).unwrap();
    assert!(one.contains("Sam 5 km"), "{one}");
    let future = weekly
        .board(7, &user, "since 24 December 2026", now)
        .unwrap();
    assert!(future.contains("hasn't started"), "{future}");
    let nonsense = weekly.board(7, &user, "since whenever", now).unwrap();
    assert!(
        nonsense.contains("last week"),
        "says what it can read: {nonsense}"
    );
}

#[test]
fn the_board_names_the_top_three_never_the_bottom_and_rest_counts() {
    let names = [
        ("1", "Ana"),
        ("2", "Ben"),
        ("3", "Caz"),
        ("4", "Dee"),
        ("5", "Eli"),
    ];
    let (store, weekly) = club("UTC", &names);
    // Ana: 3 runs and 4 rest days, every day of the week accounted for.
    for (i, day) in ["23", "24", "25", "26", "27", "28", "29"]
        .iter()
        .enumerate()
    {
        let at = format!("2026-11-{day}T18:00:00Z");
        log(
            &store,
            "1",
            if i % 2 == 0 && i < 6 {
                run(8.0, &at)
            } else {
                rest(&at)
            },
        );
    }
    log(&store, "2", run(30.0, "2026-11-28T09:00:00Z"));
    log(&store, "3", run(12.0, "2026-11-24T09:00:00Z"));
    log(&store, "3", run(6.0, "2026-11-26T09:00:00Z"));
    log(&store, "4", run(3.0, "2026-11-27T09:00:00Z"));
    // Eli logged nothing; 9 never joined and ran the most.
    log(&store, "9", run(60.0, "2026-11-25T09:00:00Z"));
    let board = weekly
        .board(
            7,
            &UserId::new("4"),
            "last week",
            ts("2026-12-01T10:00:00Z"),
        )
        .unwrap();
    assert!(
        board.contains("Together: 4 runners, 7 runs, 75 km, 4 rest days."),
        "{board}"
    );
    assert!(
        board.contains("Most distance: Ben 30 km · Ana 24 km · Caz 18 km"),
        "{board}"
    );
    assert!(board.contains("Longest run: Ben, 30 km"), "{board}");
    assert!(
        board.contains("Ana 7 · Caz 2 · Ben 1"),
        "rest days count: {board}"
    );
    assert!(
        !board.contains("Dee") && !board.contains("Eli"),
        "no bottom: {board}"
    );
    assert!(!board.contains("60") && !board.contains("<@"), "{board}");
}

#[test]
fn the_board_is_in_the_askers_unit() {
    let (store, weekly) = club("UTC", &[("1", "Ana"), ("2", "Ben")]);
    log(&store, "1", run(16.09344, "2026-11-24T09:00:00Z"));
    let miles = Profile {
        unit: Unit::Mi,
        ..Profile::default()
    };
    store.save_profile(&UserId::new("2"), &miles).unwrap();
    let now = ts("2026-11-25T09:00:00Z");
    let ben = weekly.board(7, &UserId::new("2"), "", now).unwrap();
    assert!(ben.contains("Ana 10 mi"), "{ben}");
    let ana = weekly.board(7, &UserId::new("1"), "", now).unwrap();
    assert!(ana.contains("Ana 16.1 km"), "{ana}");
}

#[test]
fn the_weekly_post_has_highlights_a_tip_from_the_week_and_a_chart() {
    let (store, weekly) = club("Europe/London", &[("1", "Ana"), ("2", "Ben")]);
    let race = LogEntry {
        run: Some(RunLog {
            distance_m: Some(21_097.5),
            effort: Some(Effort::Race),
            personal_best: true,
            ..RunLog::default()
        }),
        ..run(0.0, "2026-11-29T10:00:00Z")
    };
    log(&store, "1", race);
    let hot = LogEntry {
        run: Some(RunLog {
            distance_m: Some(8000.0),
            conditions: vec![Condition::Hot],
            ..RunLog::default()
        }),
        ..run(0.0, "2026-11-25T10:00:00Z")
    };
    log(&store, "2", hot);
    log(&store, "2", run(5.0, "2026-10-20T10:00:00Z"));
    let due = ts("2026-11-30T08:00:00Z"); // Monday 08:00 GMT
    let post = weekly.weekly_post(7, "Europe/London", due).unwrap();
    let text = &post.text;
    assert!(text.contains("Mon 23 Nov to Sun 29 Nov"), "{text}");
    assert!(
        text.contains("Highlights: Ana raced 21.1 km, a new PB"),
        "{text}"
    );
    // A race week: the tip is rest, before the hot run's hydration.
    assert!(text.contains("Tip of the week: races"), "{text}");
    let chart = post.chart.expect("a chart");
    assert_eq!(&chart.png[..4], b"\x89PNG");
    assert!(chart.alt.contains("last week 29.1 km"), "{}", chart.alt);
    assert!(
        !chart.alt.contains("sleep"),
        "sleep is personal: {}",
        chart.alt
    );

    // Without the race, the hot run is the week's story.
    let (store, weekly) = club("Europe/London", &[("2", "Ben")]);
    let hot = LogEntry {
        run: Some(RunLog {
            distance_m: Some(8000.0),
            conditions: vec![Condition::Humid],
            ..RunLog::default()
        }),
        ..run(0.0, "2026-11-25T10:00:00Z")
    };
    log(&store, "2", hot);
    let text = weekly.weekly_post(7, "Europe/London", due).unwrap().text;
    assert!(text.contains("Tip of the week: hot"), "{text}");
    assert!(!text.contains("Highlights"), "{text}");
}

#[test]
fn a_pb_said_in_words_is_kept_on_the_run() {
    let store = Store::temporary().unwrap();
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let bot = cooldown::engine::Bot::new(catalogue, store.clone()).unwrap();
    let msg = cooldown::engine::Incoming {
        user: UserId::new("1"),
        origin: cooldown::engine::Origin::Dm,
        text: "parkrun this morning, new PB 23:10!".into(),
        at: ts("2026-11-28T10:00:00Z"),
        message_id: None,
    };
    assert!(bot.handle(&msg).unwrap().logged);
    let logs = store
        .logs_since(&UserId::new("1"), ts("2026-11-28T00:00:00Z"))
        .unwrap();
    let run = logs[0].1.run.as_ref().unwrap();
    assert!(run.personal_best && run.effort == Some(Effort::Race));
}

#[test]
fn a_miles_club_gets_its_post_in_miles_and_every_tip_has_words() {
    let (store, weekly) = club("America/New_York", &[("1", "Al"), ("2", "Bo"), ("3", "Cy")]);
    let miles = Profile {
        unit: Unit::Mi,
        ..Profile::default()
    };
    store.save_profile(&UserId::new("1"), &miles).unwrap();
    store.save_profile(&UserId::new("2"), &miles).unwrap();
    log(&store, "3", run(16.09344, "2026-11-25T15:00:00Z"));
    let post = weekly
        .weekly_post(7, "America/New_York", ts("2026-11-30T13:00:00Z"))
        .unwrap();
    assert!(post.text.contains("10 mi"), "{}", post.text);
    assert!(post.chart.unwrap().alt.contains("(mi,"));

    // Whatever the week, the tip it picks has words in the catalogue.
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for bits in 0u32..64 {
        let s = cooldown::club::tip::WeekSignals {
            runs: 1 + (bits & 1) * 6,
            races: (bits >> 1) & 1,
            long_runs: (bits >> 2) & 1,
            hot_runs: (bits >> 3) & 1,
            cold_runs: (bits >> 4) & 1,
            rest_days: (bits >> 5) & 1,
        };
        for variant in 0..3 {
            if let Some(topic) = cooldown::club::tip::of_the_week(&s, variant) {
                seen.insert(topic.as_str());
            }
        }
    }
    assert_eq!(seen.len(), 7, "{seen:?}");
    for topic in seen {
        let key = format!("club.tip_week_{topic}");
        assert!(!catalogue.phrasings(&key).is_empty(), "{key} has no words");
    }
}
