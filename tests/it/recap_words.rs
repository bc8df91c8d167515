//! The weekly recap's words, through `cooldown replay`: an empty week, a
//! normal one (in the runner's unit, with sleep, praise and the chart as
//! the reminder line's `attachments`), a heavy one, one with pain or a
//! warning sign, short nights and a week without rest.

use crate::recap::{msg, praised, recaps, replay, say, text, tick, words};

#[test]
fn an_empty_week_gets_a_gentle_restart_and_no_praise() {
    let dir = tempfile::tempdir().unwrap();
    let out = replay(
        dir.path(),
        &[
            msg("e", "2026-06-01T09:00:00Z", "weekly recap on"),
            tick("2026-06-07T18:00:00Z"),
        ],
    );
    let recap = recaps(&out)[0];
    let t = text(recap);
    assert!(
        t.starts_with("**Your week, Mon 1 Jun to Sun 7 Jun**"),
        "{t}"
    );
    assert!(t.contains(&say("recap.week_empty")), "{t}");
    assert!(t.contains(&say("recap.next_empty")), "{t}");
    assert!(!t.contains("Training load") && !praised(t), "{t}");
    // Nothing in eight weeks: no chart to show.
    assert!(recap.get("attachments").is_none(), "{recap}");
}

#[test]
fn a_normal_week_in_the_runners_unit_with_sleep_praise_and_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = replay(
        dir.path(),
        &[
            msg("m", "2026-06-01T07:00:00Z", "use miles"),
            msg("m", "2026-06-01T07:01:00Z", "weekly recap on"),
            msg("m", "2026-06-01T18:00:00Z", "ran 8km easy"),
            msg("m", "2026-06-02T06:00:00Z", "slept 8h"),
            msg("m", "2026-06-03T18:00:00Z", "ran 10km in 55 min"),
            msg("m", "2026-06-04T18:00:00Z", "rest day"),
            msg("m", "2026-06-06T09:00:00Z", "long run 16km"),
            msg("m", "2026-06-07T06:00:00Z", "slept 7h"),
            tick("2026-06-07T18:00:00Z"),
        ],
    );
    let recap = recaps(&out)[0];
    let t = text(recap);
    // 34 km and 16 km, in miles.
    assert!(
        t.contains("3 runs · 21.1 mi · longest 9.9 mi · 1 rest day."),
        "{t}"
    );
    assert!(t.contains("I need a few more weeks of logs"), "{t}");
    assert!(
        t.contains("Sleep: 7 h 30 a night on average (2 nights logged)."),
        "{t}"
    );
    assert!(praised(t), "{t}");
    assert!(t.contains(&say("recap.next_keep")), "{t}");
    assert!(t.lines().count() <= 7, "too long for a phone: {t}");
    let chart = &recap["attachments"][0];
    assert_eq!(chart["name"], "cooldown-weeks.png");
    assert!(chart["bytes"].as_u64().unwrap() > 1_000, "{chart}");
    let alt = chart["alt"].as_str().unwrap();
    assert!(
        alt.starts_with("Weekly distance, last 8 weeks (mi"),
        "{alt}"
    );
}

#[test]
fn a_week_well_above_usual_asks_for_a_steadier_one_without_praise() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = vec![msg("h", "2026-05-10T09:00:00Z", "weekly recap on")];
    for day in ["2026-05-12", "2026-05-19", "2026-05-26"] {
        lines.push(msg("h", &format!("{day}T18:00:00Z"), "ran 5km easy"));
    }
    for day in ["2026-06-01", "2026-06-02", "2026-06-04", "2026-06-06"] {
        lines.push(msg("h", &format!("{day}T18:00:00Z"), "tempo 12km"));
    }
    lines.push(tick("2026-06-07T18:00:00Z"));
    let out = replay(dir.path(), &lines);
    let last = *recaps(&out).last().unwrap();
    assert_eq!(last["at"], "2026-06-07T18:00:00Z");
    let t = text(last);
    assert!(t.contains("clearly above your usual"), "{t}");
    assert!(t.contains(&say("recap.next_steadier")), "{t}");
    assert!(!praised(t), "{t}");
}

#[test]
fn pain_or_a_warning_sign_sends_to_a_professional_never_praises() {
    let dir = tempfile::tempdir().unwrap();
    let out = replay(
        dir.path(),
        &[
            msg("p", "2026-06-01T09:00:00Z", "weekly recap on"),
            msg("p", "2026-06-02T18:00:00Z", "ran 8k easy"),
            msg(
                "p",
                "2026-06-03T18:00:00Z",
                "knee is swollen and sharp pain",
            ),
            msg("w", "2026-06-01T09:00:00Z", "weekly recap on"),
            msg(
                "w",
                "2026-06-04T18:00:00Z",
                "ran 10k, had chest pain during the run",
            ),
            tick("2026-06-07T18:00:00Z"),
        ],
    );
    // Due at the same instant: in no promised order between runners.
    let of = |user: &str| {
        let found: Vec<&str> = recaps(&out)
            .into_iter()
            .filter(|r| r["user"] == user)
            .map(text)
            .collect();
        assert_eq!(found.len(), 1, "{out:?}");
        found[0]
    };
    let (pain, warning) = (of("p"), of("w"));
    let physio = words().say("recap.next_pain", 0, &[("parts", "knee")]);
    assert!(pain.contains(&physio), "{pain}");
    assert!(warning.contains(&say("recap.next_warning")), "{warning}");
    for t in [pain, warning] {
        assert!(!praised(t), "{t}");
        assert!(!t.to_lowercase().contains("hard session"), "{t}");
    }
}

#[test]
fn short_nights_point_to_the_bedtime_reminder_and_a_week_without_rest_to_a_rest_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = vec![
        msg("s", "2026-06-01T07:00:00Z", "weekly recap on"),
        msg(
            "s",
            "2026-06-01T07:01:00Z",
            "remind me to go to bed at 22:30",
        ),
        msg("s", "2026-06-01T18:00:00Z", "ran 8k easy"),
        msg("s", "2026-06-02T06:00:00Z", "slept 5h"),
        msg("s", "2026-06-04T06:00:00Z", "slept 6h"),
        msg("t", "2026-06-01T07:00:00Z", "weekly recap on"),
        msg("t", "2026-06-01T07:01:00Z", "slept 5h"),
        msg("r", "2026-06-01T07:00:00Z", "weekly recap on"),
    ];
    for day in 1..=6 {
        lines.push(msg(
            "r",
            &format!("2026-06-0{day}T18:00:00Z"),
            "ran 6k easy",
        ));
    }
    lines.push(msg("t", "2026-06-02T18:00:00Z", "ran 5k easy"));
    lines.push(tick("2026-06-07T18:00:00Z"));
    let out = replay(dir.path(), &lines);
    let of = |user: &str| {
        let found: Vec<&str> = recaps(&out)
            .into_iter()
            .filter(|r| r["user"] == user)
            .map(text)
            .collect();
        assert_eq!(found.len(), 1, "{out:?}");
        found[0]
    };
    let with_bedtime = words().say("recap.next_sleep_bedtime", 0, &[("time", "22:30")]);
    assert!(of("s").contains(&with_bedtime), "{}", of("s"));
    assert!(of("s").contains("Sleep: 5 h 30 a night on average (2 nights logged)."));
    assert!(of("t").contains(&say("recap.next_sleep")), "{}", of("t"));
    assert!(of("r").contains(&say("recap.next_rest")), "{}", of("r"));
    assert!(of("r").contains("6 runs · 36 km"), "{}", of("r"));
}
