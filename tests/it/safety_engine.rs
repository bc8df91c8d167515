//! The engine's safety answers, through `Bot::handle` with real text: a
//! warning sign in a server stays private and the channel line names
//! nothing but says to stop and get help; the run it came with is logged;
//! the hold on hard sessions lasts until "doctor checked me".

use crate::coach_support;

use coach_support::{at, bot};
use cooldown::engine::{Bot, Incoming, Origin, Reply};
use cooldown::store::UserId;

fn say(bot: &Bot, user: &str, when: &str, text: &str, guild: bool) -> Reply {
    let incoming = Incoming {
        user: UserId::new(user),
        origin: if guild {
            Origin::Guild {
                guild: "7".into(),
                addressed: true,
            }
        } else {
            Origin::Dm
        },
        text: text.into(),
        at: at(when),
        message_id: None,
    };
    bot.handle(&incoming)
        .expect("addressed messages get a reply")
}

#[test]
fn a_warning_in_a_server_is_private_and_the_channel_line_names_nothing() {
    let bot = bot();
    let reply = say(
        &bot,
        "1",
        "2026-06-01T18:00:00Z",
        "10k tempo, had some chest pain around km 7 and my left arm felt weird",
        true,
    );
    assert!(reply.private);
    assert!(reply.logged, "the run happened and is stored");
    assert!(reply.tips.is_empty());
    assert!(
        reply.text.starts_with("Please stop running"),
        "{}",
        reply.text
    );
    let public = reply.public_text.expect("a channel line");
    assert!(public.contains("medical help"), "{public}");
    for detail in ["chest", "arm", "✅", "tips"] {
        assert!(!public.contains(detail), "{detail} in {public}");
    }
    let logs = bot
        .store()
        .logs_since(&UserId::new("1"), at("2026-06-01T00:00:00Z"))
        .unwrap();
    assert_eq!(logs.len(), 1, "the run is stored once");
}

#[test]
fn hard_sessions_wait_for_a_doctor() {
    let bot = bot();
    say(
        &bot,
        "1",
        "2026-06-01T18:00:00Z",
        "blacked out for a sec after my 5k race",
        false,
    );
    let run = say(&bot, "1", "2026-06-03T18:00:00Z", "ran 8k easy", false);
    assert!(!run.text.contains("next hard session"), "{}", run.text);
    assert!(run.text.contains("doctor has checked you"), "{}", run.text);
    let asked = say(
        &bot,
        "1",
        "2026-06-04T08:00:00Z",
        "should I run today?",
        false,
    );
    assert!(asked.text.starts_with("Rest today"), "{}", asked.text);
    say(
        &bot,
        "1",
        "2026-06-04T09:00:00Z",
        "doctor checked me, all fine",
        false,
    );
    let after = say(&bot, "1", "2026-06-05T18:00:00Z", "ran 8k easy", false);
    assert!(after.text.contains("next hard session"), "{}", after.text);
}

#[test]
fn negated_and_harmless_words_raise_no_alarm() {
    let bot = bot();
    let reply = say(
        &bot,
        "1",
        "2026-06-01T18:00:00Z",
        "ran 10k easy, no chest pain, chest strap worked, heart rate zone 2",
        false,
    );
    assert!(!reply.text.contains("medical help"), "{}", reply.text);
    assert!(!reply.tips.is_empty());
}

#[test]
fn someone_elses_collapse_gets_what_to_do_now_and_logs_nothing() {
    let bot = bot();
    let reply = say(
        &bot,
        "1",
        "2026-06-06T09:40:00Z",
        "my friend collapsed at parkrun today, what should I do?",
        false,
    );
    assert!(reply.text.contains("CPR"), "{}", reply.text);
    assert!(reply.text.contains("defibrillator"), "{}", reply.text);
    assert!(reply.urgent);
    assert!(!reply.logged, "not the runner's run");
    assert!(reply.tips.is_empty());
    let logs = bot
        .store()
        .logs_since(&UserId::new("1"), at("2026-06-01T00:00:00Z"))
        .unwrap();
    assert!(logs.is_empty(), "{logs:?}");
    // The runner's own words are not a bystander's.
    let own = say(
        &bot,
        "2",
        "2026-06-06T10:00:00Z",
        "I collapsed after the finish",
        false,
    );
    assert!(own.text.starts_with("Please stop running"), "{}", own.text);
    let sofa = say(
        &bot,
        "3",
        "2026-06-06T10:00:00Z",
        "ran 8k then my wife and I collapsed on the sofa",
        false,
    );
    assert!(!sofa.text.contains("CPR"), "{}", sofa.text);
}

#[test]
fn a_medicine_beside_a_pain_report_gets_the_honest_line() {
    let bot = bot();
    let reply = say(
        &bot,
        "1",
        "2026-06-06T09:40:00Z",
        "I've been taking ibuprofen every day for sore calves, is that ok?",
        false,
    );
    assert!(reply.text.contains("pharmacist"), "{}", reply.text);
    assert!(!reply.text.contains(" mg"), "no dose: {}", reply.text);
    let soreness = say(
        &bot,
        "2",
        "2026-06-06T09:40:00Z",
        "took 400mg ibuprofen for achy legs, ok to run tomorrow on it?",
        false,
    );
    assert_eq!(
        soreness.text.matches("pharmacist").count(),
        1,
        "{}",
        soreness.text
    );
    let statement = say(&bot, "3", "2026-06-06T09:40:00Z", "took 2 ibuprofen", false);
    assert_eq!(
        statement.text.matches("pharmacist").count(),
        1,
        "once: {}",
        statement.text
    );
}

#[test]
fn dizziness_after_a_run_gets_a_line_and_a_doctors_word_with_blood_pressure() {
    let bot = bot();
    let plain = say(
        &bot,
        "1",
        "2026-06-06T09:40:00Z",
        "ran 6k, felt a bit dizzy at the end but fine after sitting down",
        false,
    );
    assert!(plain.logged);
    assert!(plain.text.contains("stopping suddenly"), "{}", plain.text);
    assert!(!plain.text.contains("tell your doctor"), "{}", plain.text);
    say(
        &bot,
        "2",
        "2026-06-06T09:00:00Z",
        "I have high blood pressure",
        false,
    );
    let bp = say(
        &bot,
        "2",
        "2026-06-06T09:40:00Z",
        "ran 6k, felt a bit dizzy at the end but fine after sitting down",
        false,
    );
    assert!(bp.text.contains("tell your doctor"), "{}", bp.text);
    let none = say(
        &bot,
        "3",
        "2026-06-06T09:40:00Z",
        "ran 5k, no dizziness today",
        false,
    );
    assert!(!none.text.contains("dizzy"), "{}", none.text);
}

#[test]
fn a_cross_training_question_inside_a_log_is_still_answered() {
    let bot = bot();
    let reply = say(
        &bot,
        "1",
        "2026-06-06T09:40:00Z",
        "knees hurt from standing all night. can I cycle instead?",
        false,
    );
    assert!(reply.logged, "the knee is noted");
    assert!(reply.text.contains("cycling"), "{}", reply.text);
    let statement = say(
        &bot,
        "2",
        "2026-06-06T09:40:00Z",
        "ran 5k, got a ride home after",
        false,
    );
    assert!(
        !statement.text.contains("active recovery"),
        "{}",
        statement.text
    );
}
