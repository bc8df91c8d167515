//! The `cooldown` binary itself on the fake Discord: started as a deployment
//! would start it (DISCORD_TOKEN, COOLDOWN_DISCORD_API), stopped with
//! SIGTERM. Also what it logs when Discord refuses the Message Content
//! intent.
#![cfg(unix)]

use crate::support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cooldown::catalogue::Catalogue;
use cooldown::store::{Guilds, Store, UserId};
use support::{FakeDiscord, Msg, WAIT};

const TOKEN: &str = "MTIz.fake-secret-token.value";

struct Bot {
    child: Child,
    stderr: support::Stderr,
}

fn start(fake: &FakeDiscord, data: &std::path::Path) -> Bot {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .arg("run")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DISCORD_TOKEN", TOKEN)
        .env("COOLDOWN_DISCORD_API", fake.url())
        .env("COOLDOWN_DATA", data)
        .env("COOLDOWN_RESPONSES", Catalogue::shipped_dir())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("RUST_LOG", "debug")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the cooldown binary starts");
    let stderr = support::drain(child.stderr.take().expect("piped stderr"));
    Bot { child, stderr }
}

impl Bot {
    /// Sends SIGTERM and returns the exit code and how long the exit took.
    fn terminate(mut self) -> (Option<i32>, Duration, String) {
        let pid = self.child.id().to_string();
        let started = Instant::now();
        let status = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let deadline = started + Duration::from_secs(10);
        let code = loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                break s.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let took = started.elapsed();
        // The child has exited (or was killed): its stderr ends, so this
        // reads to the last line instead of sleeping for it.
        let log = self.stderr.finish();
        (code, took, log)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_cleanly_and_the_log_is_durable() {
    let fake = FakeDiscord::start().await;
    let data = tempfile::tempdir().unwrap();
    let bot = start(&fake, data.path());
    assert!(fake.wait_connected(1, WAIT).await, "the binary connected");
    fake.send_message(&Msg::dm(31_001, "ran 20k hot"));
    // A new runner's first DM: the hello, then the reply.
    let posts = fake.wait_posts(2, WAIT).await;
    assert!(posts.iter().any(|p| p.visible_text().contains("20 km")));

    let (code, took, log) = bot.terminate();
    assert_eq!(code, Some(0), "exit 0 on SIGTERM; log:\n{log}");
    assert!(took < Duration::from_secs(6), "stopped in {took:?}");
    assert!(log.contains("stopped cleanly"), "{log}");
    assert!(
        !log.contains("fake-secret-token"),
        "the token reached the log"
    );
    assert!(!log.contains("ran 20k hot"), "message text logged");
    // The sled lock is released and the run is there.
    let store = Store::open(data.path()).expect("reopens after exit");
    assert_eq!(store.export(&UserId::new("31001")).unwrap().logs.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_message_content_intent_is_explained_and_the_bot_carries_on() {
    let fake = FakeDiscord::start().await;
    fake.refuse_intents(1 << 15);
    let data = tempfile::tempdir().unwrap();
    {
        let store = Store::open(data.path()).unwrap();
        Guilds::open(&store)
            .unwrap()
            .set_listen_channel(5, Some(6))
            .unwrap();
    }
    let bot = start(&fake, data.path());
    assert!(
        fake.wait_connected(1, WAIT).await,
        "connected without the intent"
    );
    let identifies = fake.identifies();
    assert!(identifies.len() >= 2, "{identifies:?}");
    assert_ne!(identifies[0]["intents"].as_u64().unwrap() & (1 << 15), 0);
    assert_eq!(
        identifies.last().unwrap()["intents"].as_u64().unwrap() & (1 << 15),
        0
    );
    fake.send_message(&Msg::dm(32_001, "ran 5k"));
    assert_eq!(
        fake.wait_posts(1, WAIT).await.len(),
        1,
        "DMs still answered"
    );

    let (code, _, log) = bot.terminate();
    assert_eq!(code, Some(0));
    assert!(log.contains("4014"), "{log}");
    assert!(log.contains("Privileged Gateway Intents"), "{log}");
    assert!(log.contains("MESSAGE CONTENT INTENT"), "{log}");
}
