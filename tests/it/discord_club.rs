//! End to end through the fake Discord: `/club` (an admin turns the weekly
//! summary on, a runner joins, `/club show` counts members only), and the
//! automatic Monday post with an injected clock.

use crate::support;

use std::sync::Arc;

use cooldown::clock::ManualClock;
use cooldown::club::period::Period;
use cooldown::club::schedule;
use serde_json::{json, Value};
use support::{Cmd, FakeDiscord, Request, Running, WAIT};

/// Discord's Manage Server permission bit.
const MANAGE_GUILD: u64 = 1 << 5;

fn say(key: &str) -> String {
    let c = cooldown::catalogue::Catalogue::load(&cooldown::catalogue::Catalogue::shipped_dir())
        .unwrap();
    c.say(key, 0, &[])
}

fn club(sub: Value) -> Value {
    json!([sub])
}

fn summary_on(zone: Option<&str>) -> Value {
    let opts = match zone {
        Some(z) => json!([{"name": "timezone", "type": 3, "value": z}]),
        None => json!([]),
    };
    club(
        json!({"name": "summary", "type": 2, "options": [{"name": "on", "type": 1, "options": opts}]}),
    )
}

fn sub(name: &str) -> Value {
    club(json!({"name": name, "type": 1, "options": []}))
}

/// Sends a command, as a member with `permissions`; returns its id.
fn command(fake: &FakeDiscord, cmd: &Cmd, permissions: u64) -> u64 {
    let id = fake.snowflake();
    let mut payload = cmd.to_json(id);
    payload["member"]["permissions"] = json!(permissions.to_string());
    assert!(
        fake.dispatch("INTERACTION_CREATE", payload),
        "no shard connected"
    );
    id
}

/// The callback that answered interaction `id`.
async fn answer(fake: &FakeDiscord, id: u64) -> Request {
    let path = format!("/api/v10/interactions/{id}/token-{id}/callback");
    assert!(
        fake.wait_until(WAIT, |rs| rs.iter().any(|r| r.path == path))
            .await,
        "no answer to {id}"
    );
    fake.requests()
        .into_iter()
        .find(|r| r.path == path)
        .unwrap()
}

fn pings_nobody(message: &Value) {
    let am = &message["allowed_mentions"];
    assert_eq!(am["parse"], json!([]), "{am}");
    assert!(
        am["users"].as_array().map_or(true, |u| u.is_empty()),
        "{am}"
    );
    assert!(
        am["roles"].as_array().map_or(true, |r| r.is_empty()),
        "{am}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_turn_the_summary_on_runners_join_and_show_counts_members_only() {
    let bot = Running::start().await;
    let (guild, channel) = (9_100_000_000_000_000u64, 701u64);
    let (admin, runner, other) = (31_001u64, 31_002u64, 31_003u64);
    let at = |user| Cmd::new(user, "club", json!([])).in_guild(guild, channel);
    let with = |user, options| Cmd {
        options,
        ..at(user)
    };

    let id = command(&bot.fake, &with(runner, summary_on(None)), 0);
    let cb = answer(&bot.fake, id).await;
    assert_eq!(cb.message()["content"], json!(say("club.admins_only")));
    let id = command(
        &bot.fake,
        &with(admin, summary_on(Some("Mars/Base"))),
        MANAGE_GUILD,
    );
    assert!(answer(&bot.fake, id)
        .await
        .visible_text()
        .contains("Mars/Base"));
    let id = command(
        &bot.fake,
        &with(admin, summary_on(Some("Europe/Berlin"))),
        MANAGE_GUILD,
    );
    let cb = answer(&bot.fake, id).await;
    assert!(
        cb.visible_text().contains("Europe/Berlin"),
        "{}",
        cb.visible_text()
    );
    assert_eq!(
        cb.message()["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "ephemeral"
    );
    let clubs = cooldown::store::Clubs::open(&bot.store).unwrap();
    let settings = clubs.settings(guild).unwrap().expect("summary on");
    assert_eq!(
        (settings.channel, settings.time_zone.as_str()),
        (channel, "Europe/Berlin")
    );

    let id = command(&bot.fake, &with(runner, sub("join")), 0);
    let cb = answer(&bot.fake, id).await;
    assert_eq!(cb.message()["content"], json!(say("club.joined")));
    assert_eq!(clubs.members(guild).unwrap().len(), 1);

    for (user, text) in [(runner, "ran 12k easy"), (other, "ran 33k long")] {
        let log = Cmd::new(
            user,
            "log",
            json!([{"name": "text", "type": 3, "value": text}]),
        )
        .in_guild(guild, channel);
        let id = bot.fake.send_command(&log);
        answer(&bot.fake, id).await;
    }

    let id = command(&bot.fake, &with(runner, sub("show")), 0);
    let cb = answer(&bot.fake, id).await;
    let text = cb.visible_text();
    assert!(text.contains("1 runner "), "{text}");
    assert!(
        text.contains("12 km by user31002"),
        "by display name: {text}"
    );
    assert!(
        !text.contains("33 km") && !text.contains("45 km") && !text.contains("31003"),
        "{text}"
    );
    assert_eq!(
        cb.message()["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "ephemeral"
    );
    pings_nobody(cb.message());

    let id = command(&bot.fake, &with(runner, sub("leave")), 0);
    assert_eq!(
        answer(&bot.fake, id).await.message()["content"],
        json!(say("club.left"))
    );
    let id = command(&bot.fake, &with(runner, sub("show")), 0);
    let text = answer(&bot.fake, id).await.visible_text();
    assert!(
        !text.contains("31002"),
        "a runner who left is not shown: {text}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_summary_is_posted_once_when_due_pinging_nobody() {
    // The clock starts 4 s before the next Monday 08:00 UTC; the runs are
    // logged at the real time (the commands' snowflakes), inside that week.
    // The post covers the week (Monday to Sunday) before its slot: on a
    // Monday before 08:00, the runs logged now are next week's post.
    let now = jiff::Timestamp::now();
    let utc = jiff::tz::TimeZone::UTC;
    let mut slot = schedule::next_post(now, &utc);
    if Period::LastWeek.window(slot, &utc).unwrap().start > now {
        slot = schedule::next_post(slot, &utc);
    }
    let clock = ManualClock::new(slot - jiff::SignedDuration::from_secs(4));
    let fake = FakeDiscord::start().await;
    let bot = Running::with(fake, |_| {}, Arc::new(clock.clone())).await;
    let (guild, channel) = (9_200_000_000_000_000u64, 702u64);
    let (admin, runner, other) = (32_001u64, 32_002u64, 32_003u64);
    let with = |user, options| Cmd::new(user, "club", options).in_guild(guild, channel);

    let id = command(&bot.fake, &with(admin, summary_on(None)), MANAGE_GUILD);
    answer(&bot.fake, id).await;
    let id = command(&bot.fake, &with(runner, sub("join")), 0);
    answer(&bot.fake, id).await;
    for (user, text) in [(runner, "ran 15k"), (other, "ran 27k")] {
        let log = Cmd::new(
            user,
            "log",
            json!([{"name": "text", "type": 3, "value": text}]),
        )
        .in_guild(guild, channel);
        let id = bot.fake.send_command(&log);
        answer(&bot.fake, id).await;
    }
    let path = format!("/api/v10/channels/{channel}/messages");
    assert!(
        !bot.fake.requests().iter().any(|r| r.path == path),
        "nothing posted before the slot"
    );
    clock.set(slot + jiff::SignedDuration::from_secs(1));
    assert!(
        bot.fake
            .wait_until(WAIT, |rs| rs.iter().any(|r| r.path == path))
            .await,
        "the weekly summary was posted"
    );
    let settings = cooldown::store::Clubs::open(&bot.store)
        .unwrap()
        .settings(guild)
        .unwrap();
    assert_eq!(settings.unwrap().posted_through, slot, "recorded as posted");
    // The post comes from the weekly timer, not an event: stopping the bot
    // (which joins the poster task) makes the fake's requests final.
    let fake = bot.fake.clone();
    bot.stop().await.unwrap();
    let posts: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path == path)
        .collect();
    assert_eq!(posts.len(), 1, "posted once");
    let text = posts[0].visible_text();
    assert!(text.contains("15 km by user32002"), "{text}");
    assert!(
        !text.contains("27 km") && !text.contains("42 km") && !text.contains("32003"),
        "{text}"
    );
    pings_nobody(posts[0].message());
    // The club's chart goes with it, described for screen readers.
    let (png, alt) = posts[0]
        .attachment(cooldown::chart::CLUB_FILE_NAME)
        .expect("the club chart is attached");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(alt.contains("last week 15 km"), "{alt}");
}
