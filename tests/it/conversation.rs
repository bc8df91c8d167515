//! The conversation around a log (issue #9, points 3 and 6): short
//! replies with more on request, caveats said once, corrections that amend
//! instead of adding, and short answers ("yes", 👍, a number) to the bot's
//! own questions.

use cooldown::catalogue::Catalogue;
use cooldown::engine::{Bot, Incoming, Origin, Reply};
use cooldown::intent::Intent;
use cooldown::store::{Store, UserId};
use jiff::Timestamp;

fn bot() -> Bot {
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).expect("shipped catalogue loads");
    Bot::new(catalogue, Store::temporary().unwrap()).unwrap()
}

fn say(bot: &Bot, user: &str, at: &str, text: &str) -> Reply {
    let msg = Incoming {
        user: UserId::new(user),
        origin: Origin::Dm,
        text: text.to_owned(),
        at: at.parse::<Timestamp>().unwrap(),
        message_id: None,
    };
    bot.handle(&msg).expect("a DM always gets a reply")
}

fn total_km(bot: &Bot, user: &str) -> f64 {
    bot.store()
        .logs_since(&UserId::new(user), Timestamp::MIN)
        .unwrap()
        .iter()
        .filter_map(|(_, e)| e.run.as_ref()?.distance_m)
        .sum::<f64>()
        / 1000.0
}

/// Ordinary runs, each for a fresh runner and after a short history.
const ORDINARY: &[&str] = &[
    "ran 8k easy",
    "10k tempo",
    "ran 20k hot",
    "long run 32km, humid, calves sore",
    "parkrun 5k PB!",
    "6x800m intervals on the track",
    "easy 5 miles, rainy and windy",
    "half marathon race 1:45:10",
    "hilly trail run 15k",
    "recovery jog 4k",
];

#[test]
fn an_ordinary_run_reply_is_short_with_at_most_two_tips() {
    let bot = bot();
    for (i, text) in ORDINARY.iter().enumerate() {
        let user = format!("r{i}");
        // A little history first: a night and a run two days before.
        say(&bot, &user, "2026-06-01T07:00:00Z", "slept 7h");
        say(&bot, &user, "2026-06-01T18:00:00Z", "ran 6k easy");
        let reply = say(&bot, &user, "2026-06-03T18:00:00Z", text);
        assert_eq!(reply.intent, Intent::LogRun, "{text}");
        let shown = reply.plain_text();
        assert!(reply.tips.len() <= 2, "{text}: {} tips", reply.tips.len());
        assert!(!reply.tips.is_empty(), "{text}: a run gets a tip");
        assert!(
            shown.chars().count() <= 600,
            "{text}: {} chars:\n{shown}",
            shown.chars().count()
        );
    }
}

#[test]
fn held_back_tips_come_on_more_tips_once() {
    let bot = bot();
    let reply = say(
        &bot,
        "1",
        "2026-06-01T18:00:00Z",
        "long run 32km, humid, calves sore",
    );
    assert!(
        reply.more_tips,
        "a long humid run with sore calves has more to say"
    );
    let first: Vec<_> = reply.tips.iter().map(|t| t.topic).collect();
    let more = say(&bot, "1", "2026-06-01T18:02:00Z", "more tips");
    assert_eq!(more.intent, Intent::AskTips);
    assert!(!more.tips.is_empty());
    for tip in &more.tips {
        assert!(
            !first.contains(&tip.topic),
            "{:?} was already given",
            tip.topic
        );
    }
    // Asked again with nothing held back: an ordinary request for tips.
    let again = say(&bot, "1", "2026-06-01T18:03:00Z", "more tips");
    assert_eq!(again.intent, Intent::AskTips);
}

#[test]
fn a_caveat_is_said_once_in_a_reply_and_not_on_the_next() {
    let bot = bot();
    let mut previous: Vec<String> = Vec::new();
    for (at, text) in [
        (
            "2026-06-01T18:00:00Z",
            "ran 10k hilly, calves and quads sore",
        ),
        ("2026-06-01T18:30:00Z", "hamstrings sore too"),
        ("2026-06-02T08:00:00Z", "calves still sore"),
    ] {
        let reply = say(&bot, "2", at, text);
        let caveats: Vec<String> = reply.tips.iter().flat_map(|t| t.caveats.clone()).collect();
        let mut unique = caveats.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), caveats.len(), "{text}: {caveats:?}");
        for c in &caveats {
            assert!(
                !previous.contains(c),
                "{text}: {c:?} repeated from the reply before"
            );
        }
        previous = caveats;
    }
}

#[test]
fn tips_after_the_run_are_worded_for_after_the_run() {
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    for tip in catalogue.tips() {
        for p in &tip.phrasings {
            let lower = p.to_lowercase();
            assert!(!lower.contains("at the finish"), "{p}");
            assert!(p.chars().count() <= 175, "{} chars: {p}", p.chars().count());
        }
    }
}

#[test]
fn a_correction_amends_the_run_instead_of_adding_one() {
    let bot = bot();
    say(&bot, "3", "2026-06-01T18:00:00Z", "ran 10k");
    let reply = say(&bot, "3", "2026-06-01T18:02:00Z", "actually it was 12k");
    assert!(
        reply.text.contains("10 km") && reply.text.contains("12 km"),
        "{}",
        reply.text
    );
    assert!(reply.tips.is_empty());
    assert!((total_km(&bot, "3") - 12.0).abs() < 1e-9, "not 22 km");
    say(&bot, "3", "2026-06-01T18:03:00Z", "oops meant 8k");
    say(&bot, "3", "2026-06-01T18:04:00Z", "make that 10 miles");
    assert!((total_km(&bot, "3") - 16.09344).abs() < 1e-6);
}

#[test]
fn no_wait_corrects_the_night_and_a_late_correction_is_a_new_log() {
    let bot = bot();
    say(&bot, "4", "2026-06-01T07:00:00Z", "slept 5h");
    let reply = say(&bot, "4", "2026-06-01T07:01:00Z", "no wait, 6h");
    assert!(reply.text.contains("6 h"), "{}", reply.text);
    let logs = bot
        .store()
        .logs_since(&UserId::new("4"), Timestamp::MIN)
        .unwrap();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].1.sleep.as_ref().unwrap().hours, 6.0);
    // Two days later there is nothing recent to correct: a new run.
    say(&bot, "4", "2026-06-01T18:00:00Z", "ran 10k");
    say(&bot, "4", "2026-06-03T18:00:00Z", "actually it was 12k");
    assert!((total_km(&bot, "4") - 22.0).abs() < 1e-9);
}

#[test]
fn yes_confirms_the_delete_and_no_keeps_everything() {
    let bot = bot();
    say(&bot, "5", "2026-06-01T18:00:00Z", "ran 10k");
    say(&bot, "5", "2026-06-01T18:01:00Z", "delete my data");
    let kept = say(&bot, "5", "2026-06-01T18:02:00Z", "no");
    assert!(kept.private);
    assert_eq!(
        bot.store()
            .logs_since(&UserId::new("5"), Timestamp::MIN)
            .unwrap()
            .len(),
        1
    );
    // The request was withdrawn: "yes, delete" now has nothing to confirm.
    say(&bot, "5", "2026-06-01T18:03:00Z", "yes, delete");
    assert_eq!(
        bot.store()
            .logs_since(&UserId::new("5"), Timestamp::MIN)
            .unwrap()
            .len(),
        1
    );
    say(&bot, "5", "2026-06-01T18:04:00Z", "delete my data");
    let done = say(&bot, "5", "2026-06-01T18:05:00Z", "👍");
    assert_eq!(done.intent, Intent::Undo, "{}", done.text);
    assert!(bot.store().last_log(&UserId::new("5")).unwrap().is_none());
}

#[test]
fn another_message_drops_the_question_and_it_expires() {
    let bot = bot();
    say(&bot, "6", "2026-06-01T18:00:00Z", "ran 10k");
    say(&bot, "6", "2026-06-01T18:01:00Z", "delete my data");
    say(&bot, "6", "2026-06-01T18:02:00Z", "stats");
    let yes = say(&bot, "6", "2026-06-01T18:03:00Z", "yes");
    assert_ne!(yes.intent, Intent::Undo);
    assert!(bot.store().last_log(&UserId::new("6")).unwrap().is_some());
    say(&bot, "6", "2026-06-01T18:04:00Z", "ran 900km");
    let late = say(&bot, "6", "2026-06-01T18:30:00Z", "yes");
    assert!(!late.logged, "the question expired after 10 minutes");
}

#[test]
fn an_absurd_distance_is_offered_a_likely_meaning() {
    let bot = bot();
    let ask = say(&bot, "7", "2026-06-01T18:00:00Z", "ran 900km");
    assert!(!ask.logged);
    assert!(ask.text.contains("9 km"), "{}", ask.text);
    let yes = say(&bot, "7", "2026-06-01T18:01:00Z", "yes");
    assert!(yes.logged);
    assert!((total_km(&bot, "7") - 9.0).abs() < 1e-9);
    say(&bot, "7", "2026-06-02T18:00:00Z", "ran 900km");
    let number = say(&bot, "7", "2026-06-02T18:01:00Z", "12");
    assert!(number.logged);
    assert!((total_km(&bot, "7") - 21.0).abs() < 1e-9);
}

#[test]
fn an_ambiguous_time_zone_is_asked_about() {
    let bot = bot();
    let ask = say(&bot, "8", "2026-06-01T18:00:00Z", "tz IST");
    assert!(ask.text.contains("Asia/Kolkata") && ask.text.contains("Europe/Dublin"));
    assert!(ask.private);
    say(&bot, "8", "2026-06-01T18:01:00Z", "2");
    let profile = bot.store().profile(&UserId::new("8")).unwrap();
    assert_eq!(profile.time_zone.as_deref(), Some("Europe/Dublin"));
    let kolkata = say(&bot, "8", "2026-06-01T18:02:00Z", "set tz Asia/Kolkata");
    assert!(kolkata.text.contains("Asia/Kolkata"), "{}", kolkata.text);
}

#[test]
fn bare_degrees_are_read_in_the_runners_scale() {
    let bot = bot();
    say(&bot, "9", "2026-11-02T12:00:00Z", "use fahrenheit");
    let reply = say(
        &bot,
        "9",
        "2026-11-02T18:00:00Z",
        "6 miles easy, 31 degrees",
    );
    assert!(reply.text.contains("cold"), "{}", reply.text);
    assert!(!reply.text.contains("hot"), "{}", reply.text);
    let celsius = say(
        &bot,
        "10",
        "2026-11-02T18:00:00Z",
        "6 miles easy, 31 degrees",
    );
    assert!(celsius.text.contains("hot"), "{}", celsius.text);
}

#[test]
fn the_runner_is_read_in_context() {
    let bot = bot();
    let intro = say(
        &bot,
        "11",
        "2026-06-01T12:00:00Z",
        "I'm 62 and I've been running for about 3 years",
    );
    assert_eq!(intro.intent, Intent::SetProfile, "{}", intro.text);
    assert!(!intro.logged || bot.store().last_log(&UserId::new("11")).unwrap().is_none());
    let yoga = say(
        &bot,
        "11",
        "2026-06-01T18:00:00Z",
        "yoga instead of running today",
    );
    assert_eq!(yoga.intent, Intent::LogRest, "{}", yoga.text);
    let c25k = say(&bot, "11", "2026-06-02T18:00:00Z", "C25K w1d1");
    assert_eq!(c25k.intent, Intent::LogRun, "{}", c25k.text);
    assert!(!c25k.text.contains("25 km"), "{}", c25k.text);
    let breaks = say(
        &bot,
        "11",
        "2026-06-03T18:00:00Z",
        "ran 5k with two walking breaks",
    );
    assert_eq!(breaks.intent, Intent::LogRun);
    assert!((total_km(&bot, "11") - 5.0).abs() < 1e-9);
}

#[test]
fn a_sleep_debt_reminder_is_not_repeated_on_the_next_reply() {
    let bot = bot();
    let debt = |r: &Reply| r.text.contains("under the 7 to 9 hour target");
    say(&bot, "12", "2026-06-01T07:00:00Z", "slept 5h");
    let second = say(&bot, "12", "2026-06-02T07:00:00Z", "slept 5h");
    assert!(debt(&second), "{}", second.text);
    let run = say(&bot, "12", "2026-06-02T18:00:00Z", "ran 8k");
    assert!(!debt(&run), "said on the reply before: {}", run.text);
    let third = say(&bot, "12", "2026-06-03T07:00:00Z", "slept 5h");
    assert!(
        debt(&third),
        "said again once a reply passed: {}",
        third.text
    );
}

#[test]
fn news_after_a_hesitation_is_a_new_log_not_a_fix() {
    let bot = bot();
    say(&bot, "13", "2026-06-01T07:00:00Z", "ran 5k");
    say(&bot, "13", "2026-06-01T18:00:00Z", "sorry, ran 10k tonight");
    say(
        &bot,
        "13",
        "2026-06-01T18:05:00Z",
        "actually ran another 3k",
    );
    assert!((total_km(&bot, "13") - 18.0).abs() < 1e-9);
}
