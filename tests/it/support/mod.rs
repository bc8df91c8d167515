//! Test support shared by the Discord tests: the fake Discord, and a way to
//! run the real bot (the transport's own `run`, so its own serenity client
//! builder) against it.
#![allow(dead_code)] // each test file uses its own part

pub mod fake_discord;

use std::sync::Arc;
use std::time::Duration;

use cooldown::catalogue::Catalogue;
use cooldown::clock::{Clock, SystemClock};
use cooldown::config::Config;
use cooldown::engine::Bot;
use cooldown::store::Store;
use cooldown::transport::discord::{self, Handled, RateLimit, Settings};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[allow(unused_imports)]
pub use fake_discord::{guild_create, Cmd, FakeDiscord, Msg, Press, Request, BOT_ID};

/// Every wait in these tests is bounded by this.
pub const WAIT: Duration = Duration::from_secs(15);

/// reqwest applies HTTP_PROXY even to loopback. Every test shares one
/// process, so the environment is set once, before the first bot starts,
/// not by each test while others may be reading it.
pub fn no_proxy() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
        std::env::set_var("no_proxy", "127.0.0.1,localhost");
    });
}

/// The settings for a bot talking to `fake`, as the configuration would
/// give them (DISCORD_TOKEN and COOLDOWN_DISCORD_API).
pub fn settings(fake: &FakeDiscord) -> Settings {
    let responses = Catalogue::shipped_dir();
    let env = |name: &str| match name {
        "DISCORD_TOKEN" => Some("fake.token.value".to_owned()),
        "COOLDOWN_DISCORD_API" => Some(fake.url()),
        "COOLDOWN_RESPONSES" => Some(responses.display().to_string()),
        _ => None,
    };
    let config = Config::from_sources(None, env).expect("config");
    let mut settings = Settings::from_config(&config).expect("a token was given");
    // Tests that count posts do not want the first-DM hello in their
    // count; the discord_privacy tests turn it back on.
    settings.greet_new_runners = false;
    settings
}

/// The real bot running against a fake Discord.
pub struct Running {
    pub fake: FakeDiscord,
    pub store: Store,
    /// The engine the bot runs (shares the store and the reminders).
    pub bot: Bot,
    /// The transport's count of gateway events fully handled.
    pub handled: Handled,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl Running {
    /// Starts a fake and the bot with default settings; waits for READY.
    pub async fn start() -> Running {
        let fake = FakeDiscord::start().await;
        Running::with(fake, |_| {}, Arc::new(SystemClock)).await
    }

    /// Starts the bot against `fake`, after `adjust` has changed its
    /// settings; waits until a shard is connected.
    pub async fn with(
        fake: FakeDiscord,
        adjust: impl FnOnce(&mut Settings),
        clock: Arc<dyn Clock>,
    ) -> Running {
        no_proxy();
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let running = Running::on_store(fake, store, adjust, clock);
        let mut running = running;
        running._dir = Some(dir);
        assert!(
            running.fake.wait_connected(1, WAIT).await,
            "the bot did not connect to the fake Discord"
        );
        running
    }

    /// Starts the bot on an existing store (does not wait).
    pub fn on_store(
        fake: FakeDiscord,
        store: Store,
        adjust: impl FnOnce(&mut Settings),
        clock: Arc<dyn Clock>,
    ) -> Running {
        no_proxy();
        let catalogue = Catalogue::load(&Catalogue::shipped_dir()).expect("catalogue");
        let bot = Bot::new(catalogue, store.clone()).expect("bot");
        let mut s = settings(&fake);
        s.rate_limit = RateLimit::default();
        adjust(&mut s);
        let handled = s.handled.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(discord::run(s, bot.clone(), clock, async move {
            let _ = stopped.await;
        }));
        Running {
            fake,
            store,
            bot,
            handled,
            stop: Some(stop),
            task,
            _dir: None,
        }
    }

    /// The barrier for "nothing else was posted": waits until the bot has
    /// fully handled every event the fake dispatched to it (its replies are
    /// posted by then), so the fake's requests are final until the next
    /// event or timer. Panics after [`WAIT`].
    pub async fn settle(&self) {
        let sent = self.fake.dispatched();
        assert!(
            self.handled.wait_for(sent, WAIT).await,
            "the bot handled {} of the {sent} events sent within {WAIT:?}",
            self.handled.count()
        );
    }

    /// Asks the bot to shut down and waits for it (bounded).
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match tokio::time::timeout(WAIT, &mut self.task).await {
            Ok(joined) => joined.expect("the bot task panicked"),
            Err(_) => panic!("the bot did not stop within {WAIT:?}"),
        }
    }
}

/// Whether a posted message answers the message or command `id` of `user`:
/// DMs are answered in the user's DM channel, server messages by a reply
/// that references them, commands by their callback.
pub fn answers(r: &Request, channel: u64) -> bool {
    r.path == format!("/api/v10/channels/{channel}/messages")
}

/// A child process's stderr, collected as it comes on a thread of its own
/// so a chatty log cannot fill the pipe and block the bot.
pub struct Stderr {
    text: Arc<std::sync::Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Stderr {
    /// What has arrived so far.
    pub fn text(&self) -> String {
        self.text.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// All of it: waits for the end of the pipe (call once the child has
    /// exited; its last lines are then read, not guessed at with a sleep).
    pub fn finish(mut self) -> String {
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the stderr reader panicked");
        }
        self.text()
    }
}

/// Starts collecting `pipe`.
pub fn drain(mut pipe: std::process::ChildStderr) -> Stderr {
    use std::io::Read;
    let text = Arc::new(std::sync::Mutex::new(String::new()));
    let sink = text.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Stderr {
        text,
        reader: Some(reader),
    }
}
