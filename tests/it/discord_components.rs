//! Discord-native pieces, end to end through the real serenity client and
//! the fake Discord: buttons (Undo, Confirm / Cancel delete, Snooze / Skip
//! tonight, More tips) work for their owner, are refused to anyone else and
//! say when they have expired; time-zone autocomplete; a slow command is
//! deferred and answered by follow-up; the welcome on joining a server.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use cooldown::catalogue::Catalogue;
use cooldown::clock::ManualClock;
use cooldown::intent::ReminderKind;
use cooldown::reminders::{Deliver, DueReminder};
use cooldown::store::UserId;
use cooldown::transport::discord::{self, DmDelivery};
use serde_json::{json, Value};
use support::{guild_create, Cmd, FakeDiscord, Msg, Press, Request, Running, WAIT};

const GUILD: u64 = 8_200_000_000_000_000;
const CHANNEL: u64 = 821;

fn say(key: &str) -> String {
    Catalogue::load(&Catalogue::shipped_dir())
        .unwrap()
        .say(key, 0, &[])
}

/// The custom id of the button labelled `label` in a posted message.
fn button(post: &Request, label: &str) -> Option<String> {
    post.message()["components"]
        .as_array()?
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|b| b["label"] == label)
        .and_then(|b| b["custom_id"].as_str().map(str::to_owned))
}

fn callback_of(posts: &[Request], interaction: u64) -> Option<Request> {
    posts
        .iter()
        .find(|p| {
            p.path
                .starts_with(&format!("/api/v10/interactions/{interaction}/"))
        })
        .cloned()
}

/// Presses `custom_id` as `user` in the test server; returns the answer.
async fn press(bot: &Running, user: u64, custom_id: &str) -> Value {
    let id = bot.fake.send_press(&Press {
        user,
        guild: Some(GUILD),
        channel: CHANNEL,
        custom_id: custom_id.to_owned(),
    });
    let answered = bot
        .fake
        .wait_until(WAIT, |r| callback_of(r, id).is_some())
        .await;
    assert!(answered, "the press of {custom_id} was answered");
    let answer = callback_of(&bot.fake.requests(), id).unwrap();
    assert_eq!(answer.body["type"], 4, "a message");
    assert_eq!(
        answer.body["data"]["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "shown to the presser alone"
    );
    answer.body["data"].clone()
}

async fn mention(bot: &Running, user: u64, text: &str, posts: usize) -> Vec<Request> {
    bot.fake
        .send_message(&Msg::guild(user, GUILD, CHANNEL, text).mentioning_bot());
    bot.fake.wait_posts(posts, WAIT).await
}

async fn start_with_clock(clock: &ManualClock) -> Running {
    let fake = FakeDiscord::start().await;
    Running::with(fake, |_| {}, Arc::new(clock.clone())).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_works_for_its_runner_only_and_expires() {
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = start_with_clock(&clock).await;
    let (runner, other) = (91_001u64, 91_002u64);
    let logs = || {
        bot.store
            .export(&UserId::new(runner.to_string()))
            .unwrap()
            .logs
            .len()
    };
    let posts = mention(&bot, runner, "ran 5k easy", 2).await;
    let ack = posts
        .iter()
        .find(|p| p.path == format!("/api/v10/channels/{CHANNEL}/messages"))
        .expect("the channel's acknowledgement");
    let dm = posts.iter().find(|p| p.path != ack.path).unwrap();
    let undo = button(ack, &say("button.undo")).expect("Undo under the acknowledgement");
    assert_eq!(button(dm, &say("button.undo")), Some(undo.clone()));
    assert_eq!(logs(), 1);

    let refused = press(&bot, other, &undo).await;
    assert_eq!(refused["content"], json!(say("button.not_yours")));
    assert_eq!(logs(), 1, "someone else's press changes nothing");

    let done = press(&bot, runner, &undo).await;
    assert!(done["content"].as_str().unwrap().contains("5 km"), "{done}");
    assert_eq!(logs(), 0, "the run is undone");

    // A new run; its button pressed too late.
    let posts = mention(&bot, runner, "ran 7k easy", 6).await;
    let late = button(&posts[posts.len() - 1], &say("button.undo"))
        .or_else(|| button(&posts[posts.len() - 2], &say("button.undo")))
        .unwrap();
    clock.set(jiff::Timestamp::now() + jiff::SignedDuration::from_mins(16));
    let expired = press(&bot, runner, &late).await;
    assert_eq!(expired["content"], json!(say("button.expired")));
    assert_eq!(logs(), 1, "an expired Undo removes nothing");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_asks_with_confirm_and_cancel_for_its_runner_only() {
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = start_with_clock(&clock).await;
    let (runner, other) = (92_001u64, 92_002u64);
    let user = UserId::new(runner.to_string());
    bot.fake.send_message(&Msg::dm(runner, "ran 3k easy"));
    bot.fake.wait_posts(1, WAIT).await;

    let posts = mention(&bot, runner, "delete my data", 3).await;
    let dm = &posts[1..]
        .iter()
        .find(|p| button(p, &say("button.confirm_delete")).is_some())
        .expect("Confirm / Cancel go with the DM")
        .clone();
    let here = posts[1..]
        .iter()
        .find(|p| p.path == format!("/api/v10/channels/{CHANNEL}/messages"))
        .unwrap();
    assert_eq!(here.visible_text(), say("dm.sent"));
    assert!(here.message()["components"]
        .as_array()
        .is_none_or(Vec::is_empty));
    let confirm = button(dm, &say("button.confirm_delete")).unwrap();
    let cancel = button(dm, &say("button.cancel_delete")).unwrap();

    let refused = press(&bot, other, &confirm).await;
    assert_eq!(refused["content"], json!(say("button.not_yours")));
    let kept = press(&bot, runner, &cancel).await;
    assert_eq!(kept["content"], json!(say("button.delete_cancelled")));
    assert_eq!(bot.store.profile(&user).unwrap().delete_requested_at, None);
    assert_eq!(bot.store.export(&user).unwrap().logs.len(), 1);

    let posts = mention(&bot, runner, "delete my data", 5).await;
    let confirm = posts
        .iter()
        .rev()
        .find_map(|p| button(p, &say("button.confirm_delete")))
        .unwrap();
    let done = press(&bot, runner, &confirm).await;
    assert!(
        done["content"].as_str().unwrap().contains("deleted"),
        "{done}"
    );
    assert!(bot.store.export(&user).unwrap().logs.is_empty());
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bedtime_reminder_can_be_snoozed_or_skipped_by_its_runner() {
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = start_with_clock(&clock).await;
    let (runner, other) = (93_001u64, 93_002u64);
    let user = UserId::new(runner.to_string());
    bot.fake
        .send_message(&Msg::dm(runner, "remind me to go to bed at 22:30"));
    bot.fake.wait_posts(1, WAIT).await;

    // The reminder as the scheduler delivers it.
    let http = Arc::new(discord::http(&support::settings(&bot.fake)));
    let catalogue = Arc::new(Catalogue::load(&Catalogue::shipped_dir()).unwrap());
    let due = clock_now(&clock);
    DmDelivery::new(http)
        .with_buttons(catalogue)
        .deliver(&DueReminder {
            user: user.clone(),
            kind: ReminderKind::Sleep,
            due,
            text: "Time to wind down.".into(),
            attachment: None,
        })
        .await
        .unwrap();
    let posts = bot.fake.wait_posts(2, WAIT).await;
    let snooze = button(&posts[1], &say("button.snooze")).expect("Snooze");
    let skip = button(&posts[1], &say("button.skip_tonight")).expect("Skip tonight");

    let refused = press(&bot, other, &snooze).await;
    assert_eq!(refused["content"], json!(say("button.not_yours")));
    let snoozed = press(&bot, runner, &snooze).await;
    assert!(
        snoozed["content"].as_str().unwrap().contains(":R>"),
        "{snoozed}"
    );
    let book = bot.bot.reminders().book().get(&user).unwrap();
    assert!(book.sleep.unwrap().snoozed_until.is_some());

    let skipped = press(&bot, runner, &skip).await;
    assert!(
        skipped["content"].as_str().unwrap().contains(":R>"),
        "{skipped}"
    );
    let book = bot.bot.reminders().book().get(&user).unwrap();
    assert_eq!(book.sleep.unwrap().snoozed_until, None);

    clock.set(jiff::Timestamp::now() + jiff::SignedDuration::from_hours(7));
    let expired = press(&bot, runner, &snooze).await;
    assert_eq!(expired["content"], json!(say("button.expired")));
    bot.stop().await.unwrap();
}

fn clock_now(clock: &ManualClock) -> jiff::Timestamp {
    use cooldown::clock::Clock;
    clock.now()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_tips_is_refused_to_others_and_sends_the_runners_words() {
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = start_with_clock(&clock).await;
    let (runner, other) = (94_001u64, 94_002u64);
    let until = clock_now(&clock).as_second() + 600;
    let more = format!("cd:more:{runner}:{until}");
    let refused = press(&bot, other, &more).await;
    assert_eq!(refused["content"], json!(say("button.not_yours")));
    let answered = press(&bot, runner, &more).await;
    let text = answered["content"].as_str().unwrap_or("").to_owned();
    assert!(
        text != say("button.not_yours") && text != say("button.expired") && !text.is_empty(),
        "{answered}"
    );
    let stale = format!("cd:more:{runner}:{}", until - 3_600);
    let expired = press(&bot, runner, &stale).await;
    assert_eq!(expired["content"], json!(say("button.expired")));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_tips_under_a_trimmed_reply_brings_the_held_tips() {
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = start_with_clock(&clock).await;
    let runner = 94_101u64;
    // A hot long run fits more than the two tips a reply shows.
    let posts = mention(&bot, runner, "long run 30k hot and humid", 2).await;
    let dm = posts
        .iter()
        .find(|p| p.path != format!("/api/v10/channels/{CHANNEL}/messages"))
        .expect("the details by DM");
    let more = button(dm, &say("button.more_tips")).expect("More tips under the DM");
    let answered = press(&bot, runner, &more).await;
    let text = answered["content"].as_str().unwrap_or("").to_owned();
    let cards = answered["embeds"].as_array().map_or(0, Vec::len);
    assert!(
        text.contains(&say("more.intro")) || cards > 0,
        "the held tips: {answered}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_zones_autocomplete_as_the_runner_types() {
    let bot = Running::start().await;
    for (typed, want) in [
        ("berl", "Europe/Berlin"),
        ("pst", "America/Los_Angeles"),
        ("munich", "Europe/Berlin"),
    ] {
        let cmd = Cmd::new(
            95_001,
            "profile",
            json!([{"name": "timezone", "type": 3, "value": typed, "focused": true}]),
        )
        .in_guild(GUILD, CHANNEL);
        let id = bot.fake.send_autocomplete(&cmd);
        assert!(
            bot.fake
                .wait_until(WAIT, |r| callback_of(r, id).is_some())
                .await
        );
        let answer = callback_of(&bot.fake.requests(), id).unwrap();
        assert_eq!(answer.body["type"], 8, "autocomplete result");
        let choices = answer.body["data"]["choices"].as_array().unwrap().clone();
        assert!(!choices.is_empty() && choices.len() <= 25);
        assert_eq!(choices[0]["value"], json!(want), "{typed}: {choices:?}");
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_command_is_deferred_and_answered_by_follow_up() {
    let fake = FakeDiscord::start().await;
    let bot = Running::with(
        fake,
        |s| s.defer_after = Duration::ZERO,
        Arc::new(cooldown::clock::SystemClock),
    )
    .await;
    let id = bot
        .fake
        .send_command(&Cmd::new(96_001, "stats", json!([])).in_guild(GUILD, CHANNEL));
    let posts = bot.fake.wait_posts(2, WAIT).await;
    let first = &posts[0];
    assert!(first
        .path
        .starts_with(&format!("/api/v10/interactions/{id}/")));
    assert_eq!(first.body["type"], 5, "deferred");
    assert_eq!(first.body["data"]["flags"].as_u64().unwrap_or(0) & 64, 64);
    let follow = &posts[1];
    assert!(
        follow.path.starts_with("/api/v10/webhooks/"),
        "{}",
        follow.path
    );
    assert!(!follow.visible_text().is_empty());
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_server_is_welcomed_once_and_only_where_the_bot_may_post() {
    let bot = Running::start().await;
    let now = jiff::Timestamp::now().to_string();
    let (new, welcome_channel) = (9_700_000_000_000_001u64, 971u64);
    assert!(bot.fake.dispatch(
        "GUILD_CREATE",
        guild_create(new, Some(welcome_channel), &now)
    ));
    let posts = bot.fake.wait_posts(1, WAIT).await;
    assert_eq!(
        posts[0].path,
        format!("/api/v10/channels/{welcome_channel}/messages")
    );
    let text = posts[0].visible_text();
    assert_eq!(text, say("welcome.text"));
    assert!(text.contains("DM") && text.contains("/listen") && text.contains("/club"));

    // Reconnects send GUILD_CREATE again; servers joined long ago, or with
    // no system channel, get nothing.
    let long_ago = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(48)).to_string();
    bot.fake.dispatch(
        "GUILD_CREATE",
        guild_create(new, Some(welcome_channel), &now),
    );
    bot.fake
        .dispatch("GUILD_CREATE", guild_create(new + 1, Some(972), &long_ago));
    bot.fake
        .dispatch("GUILD_CREATE", guild_create(new + 2, None, &now));
    bot.settle().await;
    assert_eq!(bot.fake.posts().len(), 1, "{:#?}", bot.fake.posts());
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_under_a_slash_log_undoes_that_log_not_the_latest() {
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = start_with_clock(&clock).await;
    let runner = 97_001u64;
    let user = UserId::new(runner.to_string());
    let id = bot.fake.send_command(
        &Cmd::new(
            runner,
            "log",
            json!([{"name": "text", "type": 3, "value": "ran 6k easy"}]),
        )
        .in_guild(GUILD, CHANNEL),
    );
    let posts = bot.fake.wait_posts(1, WAIT).await;
    let answer = callback_of(&posts, id).unwrap();
    assert_eq!(
        answer.body["data"]["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "a logged run's full reply is for the runner alone"
    );
    let undo = button(&answer, &say("button.undo")).expect("Undo under /log");
    bot.fake.send_message(&Msg::dm(runner, "slept 7h"));
    bot.fake.wait_posts(2, WAIT).await;
    let done = press(&bot, runner, &undo).await;
    assert!(done["content"].as_str().unwrap().contains("6 km"), "{done}");
    let left = bot.store.export(&user).unwrap().logs;
    assert_eq!(left.len(), 1);
    assert!(left[0].sleep.is_some(), "the later sleep log stays");
    bot.stop().await.unwrap();
}
