//! Discord behaviour beyond the first reply: edits and deletes of logged
//! messages, the per-runner rate limit, listen channels, and DMs sent
//! first (for reminders). The real serenity client against the fake.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use cooldown::catalogue::Catalogue;
use cooldown::clock::ManualClock;
use cooldown::store::UserId;
use cooldown::transport::discord::{self, DmError};
use serde_json::json;
use support::{Cmd, FakeDiscord, Msg, Running, WAIT};

fn say(key: &str) -> String {
    Catalogue::load(&Catalogue::shipped_dir())
        .unwrap()
        .say(key, 0, &[])
}

async fn wait_for(check: impl Fn() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + WAIT;
    while tokio::time::Instant::now() < deadline {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    check()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_logged_message_corrects_it_and_deleting_removes_it() {
    let bot = Running::start().await;
    let user = 21_001u64;
    let channel = user + 7;
    let id = bot.fake.send_message(&Msg::dm(user, "ran 2k easy"));
    bot.fake.wait_posts(1, WAIT).await;
    let runner = UserId::new(user.to_string());
    assert_eq!(bot.store.export(&runner).unwrap().logs.len(), 1);

    bot.fake.dispatch(
        "MESSAGE_UPDATE",
        json!({"id": id.to_string(), "channel_id": channel.to_string(),
               "author": {"id": user.to_string(), "username": "runner", "discriminator": "0"},
               "content": "ran 20k easy", "edited_timestamp": jiff::Timestamp::now().to_string()}),
    );
    let posts = bot.fake.wait_posts(2, WAIT).await;
    assert!(
        posts[1].visible_text().contains("20 km"),
        "{}",
        posts[1].visible_text()
    );
    let logs = bot.store.export(&runner).unwrap().logs;
    assert_eq!(logs.len(), 1, "corrected in place, not added");
    assert_eq!(logs[0].run.as_ref().unwrap().distance_m, Some(20_000.0));

    // A delete names only the message; the bot finds the runner itself.
    bot.fake.dispatch(
        "MESSAGE_DELETE",
        json!({"id": id.to_string(), "channel_id": channel.to_string()}),
    );
    assert!(
        wait_for(|| bot.store.export(&runner).unwrap().logs.is_empty()).await,
        "the log went with the message"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runner_over_the_rate_limit_gets_one_note_then_quiet_and_others_are_unaffected() {
    let fake = FakeDiscord::start().await;
    let clock = ManualClock::new(jiff::Timestamp::now());
    let bot = Running::with(fake, |_| {}, Arc::new(clock.clone())).await;
    let (fast, calm) = (22_001u64, 22_002u64);
    for i in 0..12 {
        bot.fake
            .send_message(&Msg::dm(fast, &format!("ran {}k", i + 1)));
    }
    bot.fake.send_message(&Msg::dm(calm, "ran 5k"));
    bot.fake.wait_posts(12, WAIT).await;
    bot.settle().await;
    let posts = bot.fake.posts();
    let to = |u: u64| -> Vec<String> {
        posts
            .iter()
            .filter(|p| p.path == format!("/api/v10/channels/{}/messages", u + 7))
            .map(|p| p.body["content"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let note = say("discord.rate_limited");
    let fast_posts = to(fast);
    assert_eq!(
        fast_posts.len(),
        11,
        "ten answers and one note: {fast_posts:#?}"
    );
    assert_eq!(fast_posts.iter().filter(|c| **c == note).count(), 1);
    assert_eq!(to(calm).len(), 1, "the other runner is answered");
    assert_ne!(to(calm)[0], note);

    // After the quiet period the fast runner is answered again.
    clock.set(jiff::Timestamp::now() + jiff::SignedDuration::from_secs(120));
    bot.fake.send_message(&Msg::dm(fast, "ran 3k"));
    assert!(
        bot.fake
            .wait_until(WAIT, |r| r
                .iter()
                .filter(|r| r.is_post_of_message())
                .count()
                == 13)
            .await
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listen_channel_reads_every_message_there_and_asks_for_message_content() {
    let bot = Running::start().await;
    let (guild, listen, other) = (9_000_000_000_000_000u64, 601u64, 602u64);
    let first = bot.fake.identifies();
    assert_eq!(
        first[0]["intents"].as_u64().unwrap() & (1 << 15),
        0,
        "no Message Content without a listen channel"
    );

    let before = bot.fake.sessions();
    bot.fake.send_command(
        &Cmd::new(
            23_001,
            "listen",
            json!([{"name": "mode", "type": 3, "value": "on"}]),
        )
        .in_guild(guild, listen),
    );
    let posts = bot.fake.wait_posts(1, WAIT).await;
    assert_eq!(
        posts[0].message()["content"],
        json!(say("discord.listen_on"))
    );
    assert_eq!(
        posts[0].message()["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "ephemeral"
    );
    assert!(bot.fake.wait_new_session(before, WAIT).await, "reconnected");
    let last = bot.fake.identifies().pop().unwrap();
    assert_ne!(
        last["intents"].as_u64().unwrap_or(0) & (1 << 15),
        0,
        "with the Message Content intent"
    );

    bot.fake
        .send_message(&Msg::guild(23_002, guild, other, "ran 4k"));
    bot.fake
        .send_message(&Msg::guild(23_003, guild, listen, "ran 9k"));
    // The run read in the listen channel: details by DM, an
    // acknowledgement in the channel.
    bot.fake.wait_posts(3, WAIT).await;
    bot.settle().await;
    let posts = bot.fake.posts();
    assert_eq!(posts.len(), 3, "only the listen channel is read");
    let (here, dm): (Vec<_>, Vec<_>) = posts[1..]
        .iter()
        .partition(|p| p.path == format!("/api/v10/channels/{listen}/messages"));
    assert_eq!(here.len(), 1);
    assert!(dm[0].visible_text().contains("9 km"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_dm_delivers_and_names_closed_dms() {
    support::no_proxy();
    let fake = FakeDiscord::start().await;
    let http = discord::http(&support::settings(&fake));
    discord::send_dm(&http, 24_001, "Time to wind down for bed.")
        .await
        .expect("delivered");
    let posts = fake.posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body["content"],
        json!("Time to wind down for bed.")
    );
    assert_eq!(posts[0].body["allowed_mentions"]["parse"], json!([]));

    fake.close_dms_of(24_002);
    let err = discord::send_dm(&http, 24_002, "hello").await.unwrap_err();
    assert!(matches!(err, DmError::Closed), "{err:?}");
    assert!(matches!(
        discord::send_dm(&http, 0, "x").await,
        Err(DmError::NoSuchUser)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_embed_links_the_reply_falls_back_to_plain_text() {
    let bot = Running::start().await;
    let (guild, channel) = (9_100_000_000_000_000u64, 701u64);
    bot.fake.deny_embeds_in(channel);
    bot.fake
        .send_message(&Msg::guild(25_001, guild, channel, "tips on hydration").mentioning_bot());
    assert!(
        bot.fake
            .wait_until(WAIT, |r| r
                .iter()
                .filter(|r| r.is_post_of_message())
                .count()
                >= 2)
            .await
    );
    let posts = bot.fake.posts();
    assert!(
        posts[0].body["embeds"]
            .as_array()
            .is_some_and(|e| !e.is_empty()),
        "tried embeds first"
    );
    let plain = &posts[1];
    assert!(plain.body["embeds"].as_array().map_or(true, Vec::is_empty));
    let content = plain.body["content"].as_str().unwrap_or("");
    assert!(content.contains("Hydrate"), "{content}");
    assert_eq!(plain.body["allowed_mentions"]["parse"], json!([]));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attachment_and_follow_ups_reach_an_interaction() {
    use cooldown::engine::Reply;
    use cooldown::intent::Intent;
    use cooldown::transport::discord::{outgoing, send};
    use serenity::model::application::CommandInteraction;

    support::no_proxy();
    let fake = FakeDiscord::start().await;
    let http = discord::http(&support::settings(&fake));
    http.set_application_id(support::BOT_ID.into());
    let id = fake.snowflake();
    let cmd: CommandInteraction = serde_json::from_value(
        Cmd::new(
            26_001,
            "privacy",
            json!([{"name": "export", "type": 1, "options": []}]),
        )
        .in_guild(9_200_000_000_000_000, 801)
        .to_json(id),
    )
    .unwrap();
    let reply = Reply {
        text: "Here is everything I keep about you. ".repeat(80),
        intent: Intent::Unknown,
        tips: Vec::new(),
        logged: false,
        private: true,
        attachment: Some(cooldown::engine::Attachment {
            name: "cooldown-export.json".into(),
            bytes: b"{\"logs\":[]}".to_vec(),
            alt: "JSON".into(),
        }),
        more_tips: false,
        public_text: None,
        urgent: false,
        times: Vec::new(),
    };
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let parts = outgoing::parts(&reply, &catalogue, false);
    assert_eq!(parts.len(), 2, "3,000 characters make two messages");
    send::to_interaction(&http, (&cmd).into(), &parts, Some(&reply), true, &[], false)
        .await
        .expect("answered");
    let posts = fake.posts();
    assert_eq!(posts.len(), 2);
    assert_eq!(
        posts[0].path,
        format!("/api/v10/interactions/{id}/token-{id}/callback")
    );
    assert_eq!(
        posts[0].files,
        vec![("cooldown-export.json".to_owned(), b"{\"logs\":[]}".to_vec())]
    );
    assert_eq!(posts[0].message()["flags"].as_u64().unwrap_or(0) & 64, 64);
    assert_eq!(
        posts[1].path,
        format!("/api/v10/webhooks/{}/token-{id}", support::BOT_ID)
    );
    assert_eq!(
        posts[1].body["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "follow-ups ephemeral too"
    );
    let all: String = posts
        .iter()
        .map(|p| p.message()["content"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        all.matches("everything I keep").count(),
        80,
        "nothing lost in the split"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_reminder_goes_out_as_a_dm() {
    let fake = FakeDiscord::start().await;
    let now = jiff::Timestamp::now();
    let clock = ManualClock::new(now);
    let bot = Running::with(fake, |_| {}, Arc::new(clock.clone())).await;
    let user = 27_001u64;
    // Set as the engine would on "remind me to go to bed at 22:30" (no time
    // zone set: UTC).
    let at: cooldown::intent::ClockTime = "22:30".parse().unwrap();
    bot.bot
        .reminders()
        .book()
        .set(
            &UserId::new(user.to_string()),
            cooldown::intent::ReminderKind::Sleep,
            at,
            now,
        )
        .unwrap();

    // The next 22:30 UTC (no time zone set), then a few minutes past it.
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let mut due = today
        .at(22, 30, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    if due <= now {
        due += jiff::SignedDuration::from_hours(24);
    }
    clock.set(due + jiff::SignedDuration::from_mins(3));
    bot.bot.reminders().wake();
    let sent = bot
        .fake
        .wait_until(WAIT, |r| {
            r.iter().any(|r| {
                r.path == "/api/v10/users/@me/channels"
                    && r.body["recipient_id"] == json!(user.to_string())
            })
        })
        .await;
    assert!(sent, "a DM channel was opened for the reminder");
    let posts = bot.fake.wait_posts(1, WAIT).await;
    assert_eq!(posts.len(), 1, "the reminder was posted, once");
    let dm = bot.fake.posts().pop().unwrap();
    assert!(!dm.body["content"].as_str().unwrap_or("").is_empty());
    assert_eq!(dm.body["allowed_mentions"]["parse"], json!([]));
    bot.stop().await.unwrap();
}
