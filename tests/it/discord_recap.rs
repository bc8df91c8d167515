//! The weekly recap through the real serenity client and the fake Discord:
//! turned on with `/remind` (an answer only the runner sees), it goes out
//! on Sunday evening as one DM carrying the eight-week chart as a PNG
//! attachment described by its alt text.

use std::sync::Arc;

use cooldown::clock::ManualClock;
use serde_json::json;

use crate::support::{Cmd, FakeDiscord, Msg, Request, Running, WAIT};

const GUILD: u64 = 8_400_000_000_000_000;
const CHANNEL: u64 = 841;

/// The chart file a post carries (its size), and its description.
fn chart(post: &Request) -> Option<(usize, String)> {
    let (bytes, alt) = post.attachment(cooldown::chart::FILE_NAME)?;
    Some((bytes.len(), alt))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sunday_recap_is_a_dm_with_the_chart_attached() {
    let fake = FakeDiscord::start().await;
    let now = jiff::Timestamp::now();
    let clock = ManualClock::new(now);
    let bot = Running::with(fake, |_| {}, Arc::new(clock.clone())).await;
    let runner = 84_001u64;
    bot.fake.send_message(&Msg::dm(runner, "ran 12k in 65 min"));
    assert!(bot.fake.wait_post_count(1, WAIT).await, "the run is logged");
    let id = bot.fake.send_command(
        &Cmd::new(
            runner,
            "remind",
            json!([{"name": "kind", "type": 3, "value": "recap_on"}]),
        )
        .in_guild(GUILD, CHANNEL),
    );
    let answered = bot
        .fake
        .wait_until(WAIT, |posts| {
            posts.iter().any(|p| p.path.contains(&id.to_string()))
        })
        .await;
    assert!(answered, "/remind answered");
    let posts = bot.fake.posts();
    let cb = posts
        .iter()
        .find(|p| p.path.contains(&id.to_string()))
        .unwrap();
    assert_eq!(
        cb.message()["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "ephemeral"
    );
    let content = cb.message()["content"].as_str().unwrap_or_default();
    assert!(content.starts_with("Weekly recap on"), "{content}");

    // The next Sunday 18:00 UTC (no zone set), then a few minutes past it.
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let sunday = today
        .checked_add(
            jiff::Span::new()
                .days((6 - i64::from(today.weekday().to_monday_zero_offset())).rem_euclid(7)),
        )
        .unwrap();
    let mut due = sunday
        .at(18, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    if due <= now {
        due += jiff::SignedDuration::from_hours(24 * 7);
    }
    let before = bot.fake.posts().len();
    clock.set(due + jiff::SignedDuration::from_mins(3));
    bot.bot.reminders().wake();
    let sent = bot
        .fake
        .wait_until(WAIT, |posts| {
            posts[before..].iter().any(|p| chart(p).is_some())
        })
        .await;
    assert!(sent, "the recap went out with its chart");
    bot.settle().await;
    let after = bot.fake.posts()[before..].to_vec();
    let with_chart: Vec<&Request> = after.iter().filter(|p| chart(p).is_some()).collect();
    assert_eq!(with_chart.len(), 1, "one recap, one chart");
    let recap = with_chart[0];
    assert!(
        !recap.path.contains(&format!("/channels/{CHANNEL}/")),
        "a recap is personal: never in the channel"
    );
    let text = recap.message()["content"].as_str().unwrap_or_default();
    assert!(text.starts_with("**Your week"), "{text}");
    assert_eq!(recap.message()["allowed_mentions"]["parse"], json!([]));
    let (bytes, alt) = chart(recap).unwrap();
    assert!(bytes > 1_000);
    assert!(
        alt.starts_with("Weekly distance, last 8 weeks (km"),
        "{alt}"
    );
    bot.stop().await.unwrap();
}
