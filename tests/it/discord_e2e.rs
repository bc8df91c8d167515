//! End to end: the real serenity client, built by Cooldown's Discord
//! transport, against a fake Discord on loopback.

use crate::support;

use std::time::Duration;

use serde_json::json;
use support::{Cmd, FakeDiscord, Msg, Running, BOT_ID, WAIT};

/// Time allowed for something that must NOT happen to show up.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_run_gets_the_run_and_the_hydration_tip() {
    let bot = Running::start().await;
    let user = 4_001;
    bot.fake.send_message(&Msg::dm(user, "ran 20k hot"));
    let posts = bot.fake.wait_posts(1, WAIT).await;
    assert_eq!(posts.len(), 1, "one reply");
    let reply = &posts[0];
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{}/messages", user + 7)
    );
    let text = reply.visible_text();
    assert!(text.contains("20 km"), "{text}");
    let titles: Vec<&str> = reply.body["embeds"]
        .as_array()
        .expect("tips as embeds")
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("Hydrat")) || text.contains("Hydrate"),
        "hydration among {titles:?}"
    );
    for e in reply.body["embeds"].as_array().unwrap() {
        assert!(
            e["footer"]["text"].as_str().is_some_and(|f| !f.is_empty()),
            "footer names the source"
        );
    }
    let am = &reply.body["allowed_mentions"];
    assert_eq!(
        am["parse"],
        json!([]),
        "no @everyone, roles or users by parse"
    );
    assert_eq!(am["users"], json!([user.to_string()]));
    assert_eq!(am["roles"], json!([]));
    let logs = bot
        .store
        .export(&cooldown::store::UserId::new(user.to_string()))
        .unwrap();
    assert_eq!(logs.logs.len(), 1, "the run is stored");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_server_only_mentions_and_replies_to_the_bot_are_answered() {
    let bot = Running::start().await;
    let (guild, channel) = (7_000_000_000_000_000, 555);
    bot.fake
        .send_message(&Msg::guild(11, guild, channel, "ran 10k easy"));
    let mut replying = Msg::guild(12, guild, channel, "ran 8k tempo");
    replying.replying_to = Some(BOT_ID);
    bot.fake.send_message(&replying);
    bot.fake
        .send_message(&Msg::guild(13, guild, channel, "ran 20k hot").mentioning_bot());
    // Each logged run: its reply by DM, an acknowledgement in the channel.
    bot.fake.wait_posts(4, WAIT).await;
    bot.settle().await;
    let posts_after = bot.fake.posts();
    assert_eq!(
        posts_after.len(),
        4,
        "no reply to the unaddressed message: {posts_after:#?}"
    );
    let in_channel =
        |p: &&support::Request| p.path == format!("/api/v10/channels/{channel}/messages");
    let posts: Vec<_> = posts_after.iter().filter(in_channel).collect();
    let mut authors: Vec<String> = posts
        .iter()
        .map(|p| {
            p.body["allowed_mentions"]["users"][0]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    authors.sort();
    assert_eq!(authors, ["12", "13"]);
    for p in &posts {
        assert!(
            p.body["message_reference"]["message_id"].is_string(),
            "a reply to the message"
        );
        assert_eq!(p.body["allowed_mentions"]["replied_user"], json!(true));
    }
    let mentioned = posts_after
        .iter()
        .find(|p| p.body["allowed_mentions"]["users"][0] == "13" && !in_channel(p))
        .unwrap();
    assert!(
        mentioned.visible_text().contains("20 km"),
        "the mention was stripped before parsing"
    );
    assert!(bot
        .store
        .export(&cooldown::store::UserId::new("11"))
        .unwrap()
        .logs
        .is_empty());
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_own_messages_and_other_bots_are_ignored() {
    let bot = Running::start().await;
    let mut own = Msg::dm(BOT_ID, "ran 20k hot");
    own.author_is_bot = true;
    own.channel = 31;
    bot.fake.send_message(&own);
    let mut other = Msg::dm(32, "ran 5k");
    other.author_is_bot = true;
    bot.fake.send_message(&other);
    let mut pin_notice = Msg::dm(34, "ran 5k");
    pin_notice.kind = 6;
    bot.fake.send_message(&pin_notice);
    // A message from a person, answered; `settle` then shows the others
    // were handled and got nothing.
    bot.fake.send_message(&Msg::dm(33, "ran 5k"));
    bot.fake.wait_posts(1, WAIT).await;
    bot.settle().await;
    let posts = bot.fake.posts();
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!(posts[0].path, "/api/v10/channels/40/messages");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_commands_get_their_callback_and_personal_ones_are_ephemeral_in_servers() {
    let bot = Running::start().await;
    assert!(
        bot.fake
            .wait_until(WAIT, |r| r
                .iter()
                .any(|r| r.method == "PUT" && r.path.ends_with("/commands")))
            .await,
        "commands registered at start"
    );
    let reg = bot
        .fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    let names: Vec<&str> = reg
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for n in [
        "log", "stats", "tips", "remind", "profile", "undo", "privacy", "help",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let log = &reg.body.as_array().unwrap()[0];
    assert_eq!(
        log["integration_types"],
        json!([0, 1]),
        "server and user installs"
    );
    assert_eq!(log["contexts"], json!([0, 1, 2]));

    let user = 5_001;
    let id = bot.fake.send_command(&Cmd::new(
        user,
        "log",
        json!([{"name": "text", "type": 3, "value": "ran 20k hot"}]),
    ));
    let posts = bot.fake.wait_posts(1, WAIT).await;
    let cb = &posts[0];
    assert_eq!(
        cb.path,
        format!("/api/v10/interactions/{id}/token-{id}/callback")
    );
    assert_eq!(cb.body["type"], json!(4), "a message response");
    assert!(cb.visible_text().contains("20 km"), "{}", cb.visible_text());
    assert_eq!(cb.message()["allowed_mentions"]["parse"], json!([]));

    let id = bot
        .fake
        .send_command(&Cmd::new(user, "stats", json!([])).in_guild(8_000_000_000_000_000, 77));
    let posts = bot.fake.wait_posts(2, WAIT).await;
    let cb = posts
        .iter()
        .find(|p| p.path.contains(&id.to_string()))
        .expect("stats answered");
    let flags = cb.message()["flags"].as_u64().unwrap_or(0);
    assert_eq!(flags & 64, 64, "stats are ephemeral in a server");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_messages_and_everyone_pings_are_handled_safely() {
    let bot = Running::start().await;
    let long = format!("ran 10k easy {}", "and it felt great ".repeat(230));
    assert!(long.chars().count() > 4_000);
    bot.fake.send_message(&Msg::dm(6_001, &long));
    bot.fake.send_message(&Msg::dm(6_002, "@everyone ran 5k"));
    let posts = bot.fake.wait_posts(2, WAIT).await;
    assert_eq!(posts.len(), 2);
    for p in &posts {
        let content = p.body["content"].as_str().unwrap_or("");
        assert!(content.chars().count() <= 2_000);
        assert!(
            !content.contains("@everyone"),
            "never echoes a live @everyone: {content}"
        );
        assert_eq!(p.body["allowed_mentions"]["parse"], json!([]));
        let embeds = p.body["embeds"].as_array().map_or(0, Vec::len);
        assert!(embeds <= 10);
    }
    let five = posts
        .iter()
        .find(|p| p.path.contains(&(6_002 + 7).to_string()))
        .unwrap();
    assert!(
        five.visible_text().contains("5 km"),
        "{}",
        five.visible_text()
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_runners_at_once_each_get_their_own_answer() {
    let bot = Running::start().await;
    // Each runner has a history of their own first: k km yesterday.
    for k in 1..=50u64 {
        bot.fake
            .send_message(&Msg::dm(10_000 + k, &format!("ran {k}k")));
    }
    let first = bot.fake.wait_posts(50, WAIT).await;
    assert_eq!(first.len(), 50);
    for k in 1..=50u64 {
        bot.fake.send_message(&Msg::dm(10_000 + k, "stats"));
    }
    let posts = bot.fake.wait_posts(100, WAIT).await;
    assert_eq!(posts.len(), 100, "every runner answered once per message");
    for k in 1..=50u64 {
        let channel = 10_000 + k + 7;
        let mine: Vec<_> = posts
            .iter()
            .filter(|p| p.path == format!("/api/v10/channels/{channel}/messages"))
            .collect();
        assert_eq!(mine.len(), 2, "runner {k}");
        let run = mine
            .iter()
            .find(|p| p.visible_text().contains(&format!("{k} km")));
        assert!(
            run.is_some(),
            "runner {k} sees their own {k} km: {:?}",
            mine.iter().map(|p| p.visible_text()).collect::<Vec<_>>()
        );
        let users = &mine[0].body["allowed_mentions"]["users"];
        assert_eq!(users, &json!([(10_000 + k).to_string()]));
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_gateway_and_a_reconnect_request_are_survived() {
    let bot = Running::start().await;
    bot.fake.send_message(&Msg::dm(7_001, "ran 5k"));
    bot.fake.wait_posts(1, WAIT).await;

    let before = bot.fake.sessions();
    bot.fake.send_raw(json!({"op": 7, "d": null}));
    assert!(
        bot.fake.wait_new_session(before, WAIT).await,
        "the bot came back after op 7"
    );
    assert_eq!(bot.fake.resumes(), 1, "by resuming its session");
    bot.fake.send_message(&Msg::dm(7_002, "ran 6k"));
    assert_eq!(
        bot.fake.wait_posts(2, WAIT).await.len(),
        2,
        "answers after op 7"
    );

    let before = bot.fake.sessions();
    bot.fake.close_gateway(4000);
    assert!(
        bot.fake.wait_new_session(before, WAIT).await,
        "the bot came back after the socket closed"
    );
    bot.fake.send_message(&Msg::dm(7_003, "ran 7k"));
    assert_eq!(
        bot.fake.wait_posts(3, WAIT).await.len(),
        3,
        "answers after a close"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autosharding_uses_the_recommended_shard_count() {
    let fake = FakeDiscord::with_shards(2).await;
    let bot = Running::with(
        fake,
        |_| {},
        std::sync::Arc::new(cooldown::clock::SystemClock),
    )
    .await;
    assert!(
        bot.fake.wait_connected(2, Duration::from_secs(20)).await,
        "both shards connect"
    );
    let shards: Vec<_> = bot
        .fake
        .identifies()
        .iter()
        .map(|i| i["shard"].clone())
        .collect();
    assert!(
        shards.contains(&json!([0, 2])) && shards.contains(&json!([1, 2])),
        "{shards:?}"
    );
    // A server message on shard 1 is answered too.
    let guild = 1u64 << 22;
    bot.fake
        .send_message(&Msg::guild(8_001, guild, 9, "ran 12k").mentioning_bot());
    let posts = bot.fake.wait_posts(1, WAIT).await;
    assert!(posts[0].visible_text().contains("12 km"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_export_sends_the_runners_data_as_a_private_file() {
    let bot = Running::start().await;
    let user = 8_501;
    bot.fake.send_message(&Msg::dm(user, "ran 20k hot"));
    bot.fake.wait_posts(1, WAIT).await;
    let id = bot.fake.send_command(
        &Cmd::new(
            user,
            "privacy",
            json!([{"name": "export", "type": 1, "options": []}]),
        )
        .in_guild(8_100_000_000_000_000, 91),
    );
    let posts = bot.fake.wait_posts(2, WAIT).await;
    let cb = posts
        .iter()
        .find(|p| p.path.contains(&id.to_string()))
        .expect("the export answered");
    assert_eq!(
        cb.message()["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "private"
    );
    assert_eq!(cb.files.len(), 1, "one file attached");
    let (name, body) = &cb.files[0];
    assert!(name.ends_with(".json"), "{name}");
    let data: serde_json::Value = serde_json::from_slice(body).expect("the file is JSON");
    assert!(
        data.to_string().contains("20000"),
        "the run is in the export: {data}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tips_on_a_topic_come_as_that_topics_card() {
    let bot = Running::start().await;
    bot.fake.send_command(&Cmd::new(
        8_601,
        "tips",
        json!([{"name": "topic", "type": 3, "value": "hydration"}]),
    ));
    let posts = bot.fake.wait_posts(1, WAIT).await;
    let embeds = posts[0].message()["embeds"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!embeds.is_empty(), "{:#?}", posts[0].body);
    assert!(
        embeds[0]["title"].as_str().unwrap_or("").contains("Hydrat"),
        "{:?}",
        embeds[0]["title"]
    );
    bot.stop().await.unwrap();
}
