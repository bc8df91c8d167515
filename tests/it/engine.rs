//! The engine end to end on a real (temporary) store, with the time fixed by
//! each message: what a runner sees, and what gets stored.

use cooldown::catalogue::Catalogue;
use cooldown::engine::{Bot, Incoming, Origin, Reply};
use cooldown::intent::{Intent, Topic};
use cooldown::store::{Store, UserId};
use jiff::Timestamp;

fn bot() -> Bot {
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).expect("shipped catalogue loads");
    Bot::new(catalogue, Store::temporary().unwrap()).unwrap()
}

fn dm(user: &str, at: &str, text: &str) -> Incoming {
    Incoming {
        user: UserId::new(user),
        origin: Origin::Dm,
        text: text.to_owned(),
        at: at.parse::<Timestamp>().unwrap(),
        message_id: None,
    }
}

fn say(bot: &Bot, user: &str, at: &str, text: &str) -> Reply {
    bot.handle(&dm(user, at, text))
        .expect("a DM always gets a reply")
}

fn topics(reply: &Reply) -> Vec<Topic> {
    reply.tips.iter().map(|t| t.topic).collect()
}

#[test]
fn a_hot_20k_is_logged_named_and_coached_on_fluids_and_food() {
    let bot = bot();
    let reply = say(&bot, "42", "2026-06-01T18:05:00Z", "ran 20k hot");
    assert_eq!(reply.intent, Intent::LogRun);
    assert!(reply.logged);
    assert!(reply.text.contains("20 km"), "{}", reply.text);
    assert!(reply.text.contains("hot"), "{}", reply.text);
    let tips = topics(&reply);
    assert!(tips.len() <= 3 && !tips.is_empty(), "{tips:?}");
    assert_eq!(
        tips[0],
        Topic::Hydration,
        "heat puts hydration first: {tips:?}"
    );
    assert!(tips.contains(&Topic::Nutrition), "{tips:?}");
    let stored = bot.store().last_log(&UserId::new("42")).unwrap().unwrap().1;
    assert_eq!(stored.run.unwrap().distance_m, Some(20_000.0));
}

#[test]
fn stats_show_the_week_and_only_this_runners_logs() {
    let bot = bot();
    say(&bot, "42", "2026-06-01T18:05:00Z", "ran 20k hot");
    say(&bot, "7", "2026-06-01T18:06:00Z", "ran 5k");
    let stats = say(&bot, "42", "2026-06-02T08:00:00Z", "stats");
    assert_eq!(stats.intent, Intent::Stats);
    assert!(!stats.logged);
    assert!(stats.text.contains("20 km"), "{}", stats.text);
    assert!(
        !stats.text.contains("25 km"),
        "another runner's run leaked: {}",
        stats.text
    );
    let later = say(&bot, "42", "2026-06-20T08:00:00Z", "stats");
    assert!(
        !later.text.contains("20 km"),
        "a run from three weeks ago is not this week: {}",
        later.text
    );
}

#[test]
fn undo_removes_the_last_log_only() {
    let bot = bot();
    say(&bot, "42", "2026-06-01T18:05:00Z", "ran 10k");
    say(&bot, "42", "2026-06-01T18:06:00Z", "ran 12k");
    let undo = say(&bot, "42", "2026-06-01T18:07:00Z", "undo");
    assert_eq!(undo.intent, Intent::Undo);
    assert!(undo.text.contains("12 km"), "{}", undo.text);
    let left = bot.store().export(&UserId::new("42")).unwrap().logs;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].run.as_ref().unwrap().distance_m, Some(10_000.0));
}

#[test]
fn bad_input_gets_a_short_friendly_answer_and_stores_nothing() {
    let bot = bot();
    let long = "blah ".repeat(900);
    for text in [
        "",
        "   ",
        "🏃‍♀️🔥💦",
        "what a lovely day",
        long.as_str(),
        "\u{0}\u{202e}",
    ] {
        let reply = say(&bot, "42", "2026-06-01T18:05:00Z", text);
        assert!(!reply.logged, "{text:?} was logged");
        assert!(!reply.text.trim().is_empty(), "{text:?} got an empty reply");
        assert!(
            reply.text.chars().count() < 1_000,
            "{text:?} got a wall of text"
        );
    }
    assert!(bot.store().last_log(&UserId::new("42")).unwrap().is_none());
}

#[test]
fn an_absurd_distance_is_questioned_not_logged() {
    let bot = bot();
    let reply = say(&bot, "42", "2026-06-01T18:05:00Z", "ran 900km");
    assert!(!reply.logged);
    assert!(reply.text.contains("900 km"), "{}", reply.text);
    assert!(bot.store().last_log(&UserId::new("42")).unwrap().is_none());
}

#[test]
fn a_very_long_run_report_is_read_and_the_cut_is_said() {
    let bot = bot();
    let text = format!("ran 8k easy {}", "and it was lovely ".repeat(300));
    assert!(text.chars().count() > 4_000);
    let reply = say(&bot, "42", "2026-06-01T18:05:00Z", &text);
    assert!(reply.logged);
    assert!(reply.text.contains("4,000"), "{}", reply.text);
}

#[test]
fn server_messages_not_for_the_bot_are_ignored_and_not_stored() {
    let bot = bot();
    let mut msg = dm("42", "2026-06-01T18:05:00Z", "ran 20k hot");
    msg.origin = Origin::Guild {
        guild: "7".into(),
        addressed: false,
    };
    assert!(bot.handle(&msg).is_none());
    assert!(bot.store().last_log(&UserId::new("42")).unwrap().is_none());
    msg.origin = Origin::Guild {
        guild: "7".into(),
        addressed: true,
    };
    assert!(bot.handle(&msg).unwrap().logged);
}

#[test]
fn the_same_message_at_the_same_time_gets_the_same_reply() {
    let (a, b) = (bot(), bot());
    let ra = say(&a, "42", "2026-06-01T18:05:00Z", "ran 20k hot");
    let rb = say(&b, "42", "2026-06-01T18:05:00Z", "ran 20k hot");
    assert_eq!(ra, rb);
}

#[test]
fn rest_advice_is_given_once_not_as_both_a_note_and_a_tip() {
    let bot = bot();
    let note = bot.catalogue().say("coach.rest_after_long", 0, &[]);
    for (user, text) in [
        ("42", "ran 20k hot"),
        ("43", "long run 30k humid, calves sore"),
        ("44", "marathon race today"),
    ] {
        let reply = say(&bot, user, "2026-06-01T18:05:00Z", text);
        let tip = topics(&reply).contains(&Topic::Rest);
        assert!(
            !(tip && reply.text.contains(&note)),
            "{}",
            reply.plain_text()
        );
    }
    // A long run whose reply shows no rest tip carries the advice as the note.
    let reply = say(
        &bot,
        "45",
        "2026-06-01T18:05:00Z",
        "long run 30k humid, calves sore",
    );
    if !topics(&reply).contains(&Topic::Rest) {
        assert!(reply.text.contains(&note), "{}", reply.text);
    }
}

#[test]
fn general_soreness_leaves_no_blank_log_and_a_week_without_runs_is_zero_km() {
    let bot = bot();
    say(&bot, "77", "2026-06-01T07:00:00Z", "slept 7h");
    let reply = say(&bot, "77", "2026-06-01T18:05:00Z", "legs are toast lol");
    assert!(reply.text.contains("24 to 72 hours"), "{}", reply.text);
    let stats = say(&bot, "77", "2026-06-01T18:06:00Z", "stats");
    assert!(stats.text.contains("0 km"), "{}", stats.text);
    assert!(!stats.text.contains("-0"), "{}", stats.text);
    // "Mon 01 Jun: " with nothing after it.
    let blank = stats
        .text
        .lines()
        .any(|l| l.len() <= 12 && l.trim_end().ends_with(':') && l.contains("Jun"));
    assert!(
        !blank,
        "a log line with nothing after the date: {}",
        stats.text
    );
}

#[test]
fn should_i_run_after_a_run_today_says_easy_at_most() {
    let bot = bot();
    say(&bot, "78", "2026-08-01T07:00:00Z", "ran 12k easy");
    let asked = say(&bot, "78", "2026-08-01T12:00:00Z", "should I run today?");
    assert!(asked.text.contains("already"), "{}", asked.text);
    assert!(!asked.text.starts_with("Yes"), "{}", asked.text);
    let fresh = say(&bot, "79", "2026-08-01T12:00:00Z", "should I run today?");
    assert!(fresh.text.starts_with("Yes"), "{}", fresh.text);
}

#[test]
fn should_i_run_after_a_long_run_or_hard_session_today_says_rest() {
    let bot = bot();
    let easy = say(&bot, "80", "2026-08-01T12:00:00Z", "should I run today?");
    assert!(easy.text.starts_with("Yes"), "{}", easy.text);
    say(&bot, "80", "2026-08-01T07:00:00Z", "long run 32km humid");
    let asked = say(&bot, "80", "2026-08-01T12:00:00Z", "should I run today?");
    assert!(asked.text.starts_with("Rest today"), "{}", asked.text);
    say(&bot, "81", "2026-08-01T07:00:00Z", "8k tempo");
    let asked = say(&bot, "81", "2026-08-01T12:00:00Z", "should I run today?");
    assert!(asked.text.starts_with("Rest today"), "{}", asked.text);
    // An easy morning run still allows an easy second one.
    say(&bot, "82", "2026-08-01T07:00:00Z", "ran 6k easy");
    let asked = say(&bot, "82", "2026-08-01T12:00:00Z", "should I run today?");
    assert!(asked.text.starts_with("An easy run"), "{}", asked.text);
}

#[test]
fn should_i_run_on_a_hot_day_says_easy_early_or_late_and_drink() {
    let bot = bot();
    let hot = say(
        &bot,
        "42",
        "2026-07-01T07:00:00Z",
        "90 degrees today, should I run or skip?",
    );
    assert!(
        hot.text.starts_with("An easy run at most today"),
        "{}",
        hot.text
    );
    assert!(hot.text.contains("hot day"), "{}", hot.text);
    assert!(!hot.logged);
    let mild = say(&bot, "43", "2026-07-01T07:00:00Z", "should I run today?");
    assert!(!mild.text.contains("hot day"), "{}", mild.text);
}
