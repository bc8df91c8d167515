//! A fake Discord on loopback: the REST API (`/api/v10/...`) and the gateway
//! websocket (`/gateway`) on one 127.0.0.1 port, enough for the real
//! serenity client to connect, receive MESSAGE_CREATE / INTERACTION_CREATE
//! and post its replies, which the fake records for tests to assert on.
//! The facts it rests on are in shared/notes/discord-on-loopback.md.

mod gateway;
mod http;
mod payloads;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Notify};

pub use payloads::{guild_create, Cmd, Msg, Press};

/// The bot's user id (also its application id).
pub const BOT_ID: u64 = 900_000_000_000_000_001;
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// One REST call the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The JSON body (or a multipart request's `payload_json`).
    pub body: Value,
    /// Files of a multipart request: (file name, contents).
    pub files: Vec<(String, Vec<u8>)>,
}

impl Request {
    /// The file named `name` this request carries, with the description
    /// (alt text) its message gives it.
    pub fn attachment(&self, name: &str) -> Option<(Vec<u8>, String)> {
        let (_, bytes) = self.files.iter().find(|(n, _)| n == name)?;
        let described = self.message()["attachments"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["filename"] == name)
            .and_then(|a| a["description"].as_str())
            .unwrap_or_default()
            .to_owned();
        Some((bytes.clone(), described))
    }

    /// A message the bot posted: to a channel, as an interaction response
    /// or as a follow-up.
    pub fn is_post_of_message(&self) -> bool {
        self.method == "POST"
            && (self.path.ends_with("/messages") && self.path.contains("/channels/")
                || self.path.ends_with("/callback")
                || self.path.starts_with("/api/v10/webhooks/"))
    }

    /// The posted message's fields (an interaction callback nests them).
    pub fn message(&self) -> &Value {
        if self.path.ends_with("/callback") {
            &self.body["data"]
        } else {
            &self.body
        }
    }

    /// Everything a runner would read: content, embed titles,
    /// descriptions, fields and footers.
    pub fn visible_text(&self) -> String {
        let m = self.message();
        let mut out = m["content"].as_str().unwrap_or("").to_owned();
        for e in m["embeds"].as_array().into_iter().flatten() {
            for k in ["title", "description"] {
                out.push('\n');
                out.push_str(e[k].as_str().unwrap_or(""));
            }
            for f in e["fields"].as_array().into_iter().flatten() {
                out.push_str(&format!("\n{}: {}", f["name"], f["value"]));
            }
            out.push('\n');
            out.push_str(e["footer"]["text"].as_str().unwrap_or(""));
        }
        out
    }
}

pub(crate) enum Outbound {
    /// A dispatch; the session numbers it.
    Dispatch(String, Value),
    Json(Value),
    Close(u16),
}

#[derive(Default)]
pub(crate) struct State {
    port: u16,
    shards: u32,
    ids: AtomicU64,
    requests: Mutex<Vec<Request>>,
    /// When each posted message arrived (cheap to read, for benchmarks).
    /// ... and where it went (its path), recorded together.
    post_times: Mutex<Vec<(std::time::Instant, String)>>,
    /// IDENTIFY payloads, in order.
    identifies: Mutex<Vec<Value>>,
    resumes: AtomicU64,
    /// Sessions that reached READY or RESUMED, ever.
    sessions_live: AtomicU64,
    /// Connected shards by id, with the session each belongs to.
    shards_live: Mutex<HashMap<u64, mpsc::UnboundedSender<Outbound>>>,
    sessions: Mutex<HashMap<String, u64>>,
    /// Intent bits that make IDENTIFY fail with close code 4014.
    refused_intents: AtomicU64,
    /// The gateway refuses websocket upgrades (an outage), when set.
    pub(super) gateway_down: AtomicBool,
    /// Users whose DMs are closed to the bot (message POSTs get 50007).
    closed_dms: Mutex<HashSet<u64>>,
    dm_channels: Mutex<HashMap<u64, u64>>,
    /// Channels where the bot lacks Embed Links (embeds get 50013).
    no_embeds: Mutex<HashSet<u64>>,
    changed: Notify,
    /// Dispatches sent of the kinds the bot's handler counts as handled
    /// (see [`FakeDiscord::dispatched`]).
    dispatched: AtomicU64,
}

/// The dispatches the bot's handler counts in `Handled` (the events it
/// acts on); READY, RESUMED and the like are not counted.
const COUNTED: [&str; 5] = [
    "MESSAGE_CREATE",
    "MESSAGE_UPDATE",
    "MESSAGE_DELETE",
    "INTERACTION_CREATE",
    "GUILD_CREATE",
];

/// The running fake. Dropping it stops nothing; the test's runtime ends it.
#[derive(Clone)]
pub struct FakeDiscord {
    state: Arc<State>,
}

impl FakeDiscord {
    /// Starts a fake with one shard.
    pub async fn start() -> FakeDiscord {
        FakeDiscord::with_shards(1).await
    }

    /// Starts a fake whose `/gateway/bot` recommends `shards` shards.
    pub async fn with_shards(shards: u32) -> FakeDiscord {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let state = Arc::new(State {
            port,
            shards,
            ids: AtomicU64::new(1),
            ..State::default()
        });
        let s = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = http::connection(s, stream).await;
                });
            }
        });
        FakeDiscord { state }
    }

    /// The base URL for `COOLDOWN_DISCORD_API`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.state.port)
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.state.port))
    }

    /// A fresh snowflake dated now (serenity reads times from ids).
    pub fn snowflake(&self) -> u64 {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(DISCORD_EPOCH_MS);
        ((ms - DISCORD_EPOCH_MS) << 22)
            | (self.state.ids.fetch_add(1, Ordering::SeqCst) & 0x3f_ffff)
    }

    pub fn refuse_intents(&self, bits: u64) {
        self.state.refused_intents.store(bits, Ordering::SeqCst);
    }

    pub fn close_dms_of(&self, user: u64) {
        self.state.closed_dms.lock().unwrap().insert(user);
    }

    /// The bot may not post embeds in `channel`.
    pub fn deny_embeds_in(&self, channel: u64) {
        self.state.no_embeds.lock().unwrap().insert(channel);
    }

    pub fn identifies(&self) -> Vec<Value> {
        self.state.identifies.lock().unwrap().clone()
    }

    /// How many sessions reached READY or RESUMED so far.
    pub fn sessions(&self) -> u64 {
        self.state.sessions_live.load(Ordering::SeqCst)
    }

    /// Waits until more than `before` sessions reached READY or RESUMED: the
    /// bot is back after a reconnect, and dispatches go to the new session.
    pub async fn wait_new_session(&self, before: u64, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let changed = self.state.changed.notified();
            if self.sessions() > before {
                return true;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return false;
            }
        }
    }

    pub fn resumes(&self) -> u64 {
        self.state.resumes.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().unwrap().clone()
    }

    /// The messages the bot posted so far.
    pub fn posts(&self) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(Request::is_post_of_message)
            .collect()
    }

    /// Waits (at most `limit`) until `check` holds over the recorded
    /// requests; returns whether it did.
    pub async fn wait_until(&self, limit: Duration, check: impl Fn(&[Request]) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let changed = self.state.changed.notified();
            if check(&self.state.requests.lock().unwrap()) {
                return true;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return check(&self.state.requests.lock().unwrap());
            }
        }
    }

    /// Waits until `n` shards are connected and past READY or RESUMED.
    pub async fn wait_connected(&self, n: usize, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let changed = self.state.changed.notified();
            if self.state.shards_live.lock().unwrap().len() >= n {
                return true;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return false;
            }
        }
    }

    /// When each message post arrived, in order.
    pub fn post_times(&self) -> Vec<std::time::Instant> {
        self.post_log().into_iter().map(|(t, _)| t).collect()
    }

    /// When each message post arrived and its path, in order.
    pub fn post_log(&self) -> Vec<(std::time::Instant, String)> {
        self.state.post_times.lock().unwrap().clone()
    }

    /// Waits (at most `limit`) until `n` messages were posted; cheaper than
    /// [`FakeDiscord::wait_posts`] for benchmarks.
    pub async fn wait_post_count(&self, n: usize, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let changed = self.state.changed.notified();
            if self.state.post_times.lock().unwrap().len() >= n {
                return true;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return self.state.post_times.lock().unwrap().len() >= n;
            }
        }
    }

    /// Waits for the message posts to reach `n`; returns them.
    pub async fn wait_posts(&self, n: usize, limit: Duration) -> Vec<Request> {
        self.wait_until(limit, |r| {
            r.iter().filter(|r| r.is_post_of_message()).count() >= n
        })
        .await;
        self.posts()
    }

    /// Sends a dispatch to the shard Discord would send it on (servers by
    /// id, DMs on shard 0). Returns false if that shard is not connected.
    pub fn dispatch(&self, event: &str, data: Value) -> bool {
        let shard = data["guild_id"]
            .as_str()
            .and_then(|g| g.parse::<u64>().ok())
            .map_or(0, |g| (g >> 22) % u64::from(self.state.shards.max(1)));
        let live = self.state.shards_live.lock().unwrap();
        let sent = live
            .get(&shard)
            .is_some_and(|tx| tx.send(Outbound::Dispatch(event.to_owned(), data)).is_ok());
        if sent && COUNTED.contains(&event) {
            self.state.dispatched.fetch_add(1, Ordering::SeqCst);
        }
        sent
    }

    /// How many events the bot's handler will count once handled
    /// (messages created, edited and deleted, interactions, servers): the
    /// bot has finished with everything sent when its `Handled` count
    /// reaches this. See `Running::settle`.
    pub fn dispatched(&self) -> u64 {
        self.state.dispatched.load(Ordering::SeqCst)
    }

    /// Sends a raw gateway payload to shard 0 (op 7 RECONNECT...).
    pub fn send_raw(&self, payload: Value) -> bool {
        let live = self.state.shards_live.lock().unwrap();
        live.get(&0)
            .is_some_and(|tx| tx.send(Outbound::Json(payload)).is_ok())
    }

    /// An outage: while `down`, every websocket upgrade is answered 503,
    /// so a dropped shard cannot reconnect until it is lifted.
    pub fn set_gateway_down(&self, down: bool) {
        self.state.gateway_down.store(down, Ordering::SeqCst);
    }

    /// Closes shard 0's websocket with `code`.
    pub fn close_gateway(&self, code: u16) {
        if let Some(tx) = self.state.shards_live.lock().unwrap().remove(&0) {
            let _ = tx.send(Outbound::Close(code));
        }
    }

    /// A user message, as MESSAGE_CREATE. Returns its id.
    pub fn send_message(&self, m: &Msg) -> u64 {
        let id = self.snowflake();
        assert!(
            self.dispatch("MESSAGE_CREATE", m.to_json(id)),
            "no shard connected"
        );
        id
    }

    /// A slash command invocation. Returns the interaction id.
    pub fn send_command(&self, c: &Cmd) -> u64 {
        let id = self.snowflake();
        assert!(
            self.dispatch("INTERACTION_CREATE", c.to_json(id)),
            "no shard connected"
        );
        id
    }

    /// A press on a button. Returns the interaction id.
    pub fn send_press(&self, p: &Press) -> u64 {
        let id = self.snowflake();
        assert!(
            self.dispatch("INTERACTION_CREATE", p.to_json(id)),
            "no shard connected"
        );
        id
    }

    /// A runner typing into an option with autocomplete: `options` holds
    /// the option being typed, marked `"focused": true`.
    pub fn send_autocomplete(&self, c: &Cmd) -> u64 {
        let id = self.snowflake();
        let mut payload = c.to_json(id);
        payload["type"] = serde_json::json!(4);
        assert!(
            self.dispatch("INTERACTION_CREATE", payload),
            "no shard connected"
        );
        id
    }
}
