//! The stats chart through the real serenity client and the fake Discord:
//! "stats" asked in a server sends the PNG by DM (never to the channel),
//! with its alt text as the attachment's description; `/stats` in a
//! server carries it in the ephemeral response.

use crate::support;

use serde_json::json;
use support::{Cmd, FakeDiscord, Msg, Request, Running, WAIT};

const GUILD: u64 = 8_300_000_000_000_000;
const CHANNEL: u64 = 831;

async fn start() -> Running {
    Running::with(
        FakeDiscord::start().await,
        |_| {},
        std::sync::Arc::new(cooldown::clock::SystemClock),
    )
    .await
}

/// The chart a post carries, if any: its bytes and its description.
fn chart(post: &Request) -> Option<(Vec<u8>, String)> {
    post.attachment(cooldown::chart::FILE_NAME)
}

/// Checks a PNG of the chart's size and an alt text naming this week's run.
fn check(bytes: &[u8], alt: &str) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    assert_eq!(
        (info.width, info.height),
        (
            cooldown::chart::render::WIDTH,
            cooldown::chart::render::HEIGHT
        )
    );
    assert!(
        alt.starts_with("Weekly distance, last 8 weeks (km")
            && alt.contains("this week (since Monday) 12 km"),
        "{alt}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_in_a_server_sends_the_chart_by_dm_with_its_alt_text() {
    let bot = start().await;
    let runner = 83_001u64;
    bot.fake.send_message(&Msg::dm(runner, "ran 12k in 65 min"));
    assert!(
        bot.fake.wait_post_count(1, WAIT).await,
        "the run is acknowledged"
    );
    let before = bot.fake.posts().len();
    bot.fake
        .send_message(&Msg::guild(runner, GUILD, CHANNEL, "stats").mentioning_bot());
    let sent = bot
        .fake
        .wait_until(WAIT, |posts| {
            posts[before..].iter().any(|p| chart(p).is_some())
        })
        .await;
    assert!(sent, "the chart went out");
    bot.settle().await;
    let posts = bot.fake.posts()[before..].to_vec();
    let with_chart: Vec<&Request> = posts.iter().filter(|p| chart(p).is_some()).collect();
    assert_eq!(with_chart.len(), 1, "one chart");
    assert!(
        !with_chart[0]
            .path
            .contains(&format!("/channels/{CHANNEL}/")),
        "the chart is personal: never in the channel"
    );
    assert!(
        posts
            .iter()
            .filter(|p| p.path.contains(&format!("/channels/{CHANNEL}/")))
            .all(|p| p.files.is_empty()),
        "no file in the channel"
    );
    let (bytes, alt) = chart(with_chart[0]).unwrap();
    check(&bytes, &alt);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_stats_carries_the_chart_in_its_ephemeral_response() {
    let bot = start().await;
    let runner = 83_002u64;
    bot.fake.send_message(&Msg::dm(runner, "ran 12k in 65 min"));
    assert!(bot.fake.wait_post_count(1, WAIT).await);
    let id = bot
        .fake
        .send_command(&Cmd::new(runner, "stats", json!([])).in_guild(GUILD, CHANNEL));
    let posts = bot.fake.wait_posts(2, WAIT).await;
    let cb = posts
        .iter()
        .find(|p| p.path.contains(&id.to_string()))
        .expect("stats answered");
    assert_eq!(cb.message()["flags"].as_u64().unwrap_or(0) & 64, 64);
    let (bytes, alt) = chart(cb).expect("the chart is attached");
    check(&bytes, &alt);
    bot.stop().await.unwrap();
}
