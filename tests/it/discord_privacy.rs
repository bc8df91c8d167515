//! Privacy in servers, end to end through the real serenity client and the
//! fake Discord: every personal reply of the list
//! (tests/corpus/privacy/replies.tsv) asked by mention in a server channel
//! reaches the runner by DM and never the channel (nor a file); with DMs
//! closed the channel gets one line without the data; the first DM starts
//! with a hello; named instants use Discord's timestamp markup.

use crate::support;

use cooldown::catalogue::Catalogue;
use cooldown::transport::discord::RateLimit;
use support::{FakeDiscord, Msg, Request, Running, WAIT};

const GUILD: u64 = 8_100_000_000_000_000;
const CHANNEL: u64 = 811;

fn say(key: &str) -> String {
    Catalogue::load(&Catalogue::shipped_dir())
        .unwrap()
        .say(key, 0, &[])
}

fn corpus() -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/privacy/replies.tsv"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, text) = l.split_once('\t').unwrap();
            (kind.to_owned(), text.to_owned())
        })
        .collect()
}

/// A bot that greets new runners and lets one runner send the whole corpus.
async fn start() -> Running {
    let fake = FakeDiscord::start().await;
    Running::with(
        fake,
        |s| {
            s.greet_new_runners = true;
            s.rate_limit = RateLimit {
                max: 1_000,
                ..RateLimit::default()
            };
        },
        std::sync::Arc::new(cooldown::clock::SystemClock),
    )
    .await
}

fn in_channel(r: &Request) -> bool {
    r.path == format!("/api/v10/channels/{CHANNEL}/messages")
}

/// Sends `text` by mention and waits for the channel's answer to it (a
/// reply referencing the message). Returns the posts it caused.
async fn mention(bot: &Running, user: u64, text: &str) -> Vec<Request> {
    let before = bot.fake.posts().len();
    let id = bot
        .fake
        .send_message(&Msg::guild(user, GUILD, CHANNEL, text).mentioning_bot())
        .to_string();
    let answered = bot
        .fake
        .wait_until(WAIT, |r| {
            r.iter().any(|p| {
                p.is_post_of_message()
                    && in_channel(p)
                    && p.body["message_reference"]["message_id"] == id.as_str()
            })
        })
        .await;
    assert!(answered, "no answer in the channel to {text:?}");
    bot.fake.posts()[before..].to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_personal_reply_goes_by_dm_and_the_channel_gets_only_a_pointer() {
    let bot = start().await;
    let runner = 81_001u64;
    let pointers = [
        say("dm.sent"),
        say("disclosure.logged_run"),
        say("disclosure.logged_rest"),
    ];
    let mut first_dm = true;
    for (kind, text) in corpus() {
        let posts = mention(&bot, runner, &text).await;
        let (here, dms): (Vec<_>, Vec<_>) = posts.iter().partition(|p| in_channel(p));
        assert_eq!(here.len(), 1, "{text:?}: one message in the channel");
        let public = here[0].visible_text();
        assert!(here[0].files.is_empty(), "{text:?}: no file in the channel");
        assert!(
            here[0].message()["embeds"]
                .as_array()
                .is_none_or(Vec::is_empty),
            "{text:?}: no tip cards in the channel"
        );
        if kind == "public" {
            assert!(dms.is_empty(), "{text:?} is answered in the channel");
            assert!(!pointers.contains(&public), "{text:?}: {public}");
            continue;
        }
        assert!(
            pointers.contains(&public),
            "{text:?} ({kind}): the channel read {public:?}"
        );
        assert!(!dms.is_empty(), "{text:?}: the runner got it by DM");
        let mut dm_text: Vec<String> = dms.iter().map(|p| p.visible_text()).collect();
        if first_dm {
            assert_eq!(
                dm_text[0],
                say("dm.hello"),
                "the first DM starts with a hello"
            );
            dm_text.remove(0);
            first_dm = false;
        }
        assert!(
            dm_text.iter().all(|t| *t != say("dm.hello")),
            "one hello only"
        );
        let dm_all = dm_text.join("\n");
        assert!(
            !dm_all.trim().is_empty(),
            "{text:?}: the DM holds the answer"
        );
        assert!(
            !public.contains(dm_all.lines().next().unwrap_or("")),
            "{text:?}: the channel repeats the DM"
        );
        if text == "export my data" {
            assert!(
                dms.iter()
                    .any(|p| p.files.iter().any(|(n, _)| n.ends_with(".json"))),
                "the export file goes by DM"
            );
        }
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_dms_closed_the_channel_gets_one_line_and_no_data() {
    let bot = start().await;
    let runner = 82_001u64;
    bot.fake.close_dms_of(runner);
    for (text, key) in [
        ("I have high blood pressure", "dm.closed"),
        ("stats", "dm.closed"),
        ("ran 20k hot, slept 5h, calves sore", "dm.closed_logged"),
        // A warning sign still says "stop and get help", naming nothing.
        (
            "10k, chest pain at km 7 and my left arm felt weird",
            "dm.closed_urgent",
        ),
    ] {
        let posts = mention(&bot, runner, text).await;
        let here: Vec<_> = posts.iter().filter(|p| in_channel(p)).collect();
        assert_eq!(here.len(), 1, "{text:?}");
        assert_eq!(here[0].visible_text(), say(key), "{text:?}");
        assert!(say(key).contains("/"), "it names the slash command way");
        assert!(!say(key).contains('\n'), "one line");
        assert!(!here[0].visible_text().contains("chest"), "names nothing");
    }
    assert!(say("dm.closed_urgent").contains("medical help"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_reply_and_a_second_dm_carry_no_hello() {
    let bot = start().await;
    let runner = 83_001u64;
    bot.fake.send_message(&Msg::dm(runner, "ran 5k easy"));
    let posts = bot.fake.wait_posts(2, WAIT).await;
    assert_eq!(posts[0].visible_text(), say("dm.hello"));
    assert_eq!(say("dm.hello").lines().count(), 2, "two lines");
    assert!(posts[1].visible_text().contains("5 km"));
    bot.fake.send_message(&Msg::dm(runner, "slept 7h"));
    let posts = bot.fake.wait_posts(3, WAIT).await;
    bot.settle().await;
    assert_eq!(bot.fake.posts().len(), 3, "no second hello");
    assert!(
        posts[2].visible_text().contains("7 h"),
        "{}",
        posts[2].visible_text()
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminders_next_instant_is_shown_in_each_readers_clock() {
    let bot = start().await;
    let runner = 84_001u64;
    bot.fake
        .send_message(&Msg::dm(runner, "remind me to go to bed at 22:30"));
    let posts = bot.fake.wait_posts(2, WAIT).await;
    let text = posts[1].visible_text();
    assert!(
        text.contains("<t:") && text.contains(":t>") && text.contains(":R>"),
        "{text}"
    );
    assert!(!text.contains("22:30 (UTC)"), "{text}");
    // The engine's own text (console, replay) stays plain.
    let plain = bot
        .bot
        .handle(&cooldown::engine::Incoming {
            user: cooldown::store::UserId::new("84002"),
            origin: cooldown::engine::Origin::Dm,
            text: "remind me to go to bed at 22:30".into(),
            at: jiff::Timestamp::now(),
            message_id: None,
        })
        .unwrap();
    assert!(plain.plain_text().contains("22:30"));
    assert!(!plain.plain_text().contains("<t:"));
    bot.stop().await.unwrap();
}
