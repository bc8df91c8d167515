//! A fake Discord on loopback: the REST API (`/api/v10/...`) and the gateway
//! websocket (`/gateway`) on one 127.0.0.1 port, enough for the real
//! serenity client to connect, receive MESSAGE_CREATE / INTERACTION_CREATE
//! and post its replies, which the fake records for tests to assert on.
//! The facts it rests on are in shared/notes/discord-on-loopback.md.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::Message as Ws;
use tokio_tungstenite::WebSocketStream;

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

enum Outbound {
    /// A dispatch; the session numbers it.
    Dispatch(String, Value),
    Json(Value),
    Close(u16),
}

#[derive(Default)]
struct State {
    port: u16,
    shards: u32,
    ids: AtomicU64,
    requests: Mutex<Vec<Request>>,
    /// When each posted message arrived (cheap to read, for benchmarks).
    post_times: Mutex<Vec<std::time::Instant>>,
    /// IDENTIFY payloads, in order.
    identifies: Mutex<Vec<Value>>,
    resumes: AtomicU64,
    /// Connected shards by id, with the session each belongs to.
    shards_live: Mutex<HashMap<u64, mpsc::UnboundedSender<Outbound>>>,
    sessions: Mutex<HashMap<String, u64>>,
    /// Intent bits that make IDENTIFY fail with close code 4014.
    refused_intents: AtomicU64,
    /// Users whose DMs are closed to the bot (message POSTs get 50007).
    closed_dms: Mutex<HashSet<u64>>,
    dm_channels: Mutex<HashMap<u64, u64>>,
    /// Channels where the bot lacks Embed Links (embeds get 50013).
    no_embeds: Mutex<HashSet<u64>>,
    changed: Notify,
}

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
                    let _ = connection(s, stream).await;
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
        live.get(&shard)
            .is_some_and(|tx| tx.send(Outbound::Dispatch(event.to_owned(), data)).is_ok())
    }

    /// Sends a raw gateway payload to shard 0 (op 7 RECONNECT...).
    pub fn send_raw(&self, payload: Value) -> bool {
        let live = self.state.shards_live.lock().unwrap();
        live.get(&0)
            .is_some_and(|tx| tx.send(Outbound::Json(payload)).is_ok())
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
}

/// A user message for [`FakeDiscord::send_message`].
#[derive(Debug, Clone)]
pub struct Msg {
    pub author: u64,
    pub author_is_bot: bool,
    pub channel: u64,
    pub guild: Option<u64>,
    pub content: String,
    /// Users mentioned (the bot, to address it).
    pub mentions: Vec<u64>,
    pub mention_everyone: bool,
    /// The author of the message this one replies to.
    pub replying_to: Option<u64>,
}

impl Msg {
    /// A DM from `author`; the DM channel id is derived from the author.
    pub fn dm(author: u64, content: &str) -> Msg {
        Msg {
            author,
            author_is_bot: false,
            channel: author + 7,
            guild: None,
            content: content.to_owned(),
            mentions: Vec::new(),
            mention_everyone: false,
            replying_to: None,
        }
    }

    /// A server message in `channel` of `guild`.
    pub fn guild(author: u64, guild: u64, channel: u64, content: &str) -> Msg {
        Msg {
            guild: Some(guild),
            channel,
            ..Msg::dm(author, content)
        }
    }

    /// The same message with the bot mentioned (and its mention in the text).
    pub fn mentioning_bot(mut self) -> Msg {
        self.content = format!("<@{BOT_ID}> {}", self.content);
        self.mentions.push(BOT_ID);
        self
    }

    fn to_json(&self, id: u64) -> Value {
        let user = |id: u64, bot: bool| json!({"id": id.to_string(), "username": format!("user{id}"), "discriminator": "0", "bot": bot});
        let mut m = json!({
            "id": id.to_string(),
            "channel_id": self.channel.to_string(),
            "author": user(self.author, self.author_is_bot),
            "content": self.content,
            "timestamp": now_rfc3339(),
            "edited_timestamp": null,
            "tts": false,
            "mention_everyone": self.mention_everyone,
            "mentions": self.mentions.iter().map(|&u| user(u, u == BOT_ID)).collect::<Vec<_>>(),
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": false,
            "type": 0,
        });
        if let Some(g) = self.guild {
            m["guild_id"] = json!(g.to_string());
        }
        if let Some(a) = self.replying_to {
            let mut original =
                Msg::guild(a, self.guild.unwrap_or(1), self.channel, "earlier").to_json(id - 1);
            original["author"]["bot"] = json!(a == BOT_ID);
            m["referenced_message"] = original;
            m["message_reference"] =
                json!({"message_id": (id - 1).to_string(), "channel_id": self.channel.to_string()});
        }
        m
    }
}

/// A slash command for [`FakeDiscord::send_command`].
#[derive(Debug, Clone)]
pub struct Cmd {
    pub user: u64,
    pub guild: Option<u64>,
    pub channel: u64,
    pub name: String,
    pub options: Value,
}

impl Cmd {
    pub fn new(user: u64, name: &str, options: Value) -> Cmd {
        Cmd {
            user,
            guild: None,
            channel: user + 7,
            name: name.to_owned(),
            options,
        }
    }

    pub fn in_guild(mut self, guild: u64, channel: u64) -> Cmd {
        self.guild = Some(guild);
        self.channel = channel;
        self
    }

    /// The INTERACTION_CREATE payload for interaction `id`.
    pub fn to_json(&self, id: u64) -> Value {
        let user = json!({"id": self.user.to_string(), "username": format!("user{}", self.user), "discriminator": "0"});
        let mut i = json!({
            "id": id.to_string(),
            "application_id": BOT_ID.to_string(),
            "type": 2,
            "data": {"id": "1", "name": self.name, "type": 1, "options": self.options},
            "channel_id": self.channel.to_string(),
            "token": format!("token-{id}"),
            "version": 1,
            "locale": "en-GB",
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
        });
        match self.guild {
            Some(g) => {
                i["guild_id"] = json!(g.to_string());
                i["context"] = json!(0);
                i["member"] = json!({"user": user, "roles": [], "joined_at": now_rfc3339(),
                    "deaf": false, "mute": false, "flags": 0, "permissions": "0"});
            }
            None => {
                i["context"] = json!(1);
                i["user"] = user;
            }
        }
        i
    }
}

fn now_rfc3339() -> String {
    jiff::Timestamp::now().to_string()
}

/// One TCP connection: HTTP/1.1 requests (kept alive) or a websocket.
async fn connection(state: Arc<State>, mut stream: TcpStream) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        // Read until the headers are complete.
        let (head_len, method, path, headers) = loop {
            let mut hdrs = [httparse::EMPTY_HEADER; 64];
            let mut req = httparse::Request::new(&mut hdrs);
            if let Ok(httparse::Status::Complete(n)) = req.parse(&buf) {
                let headers: HashMap<String, String> = req
                    .headers
                    .iter()
                    .map(|h| {
                        (
                            h.name.to_ascii_lowercase(),
                            String::from_utf8_lossy(h.value).into_owned(),
                        )
                    })
                    .collect();
                break (
                    n,
                    req.method.unwrap_or("").to_owned(),
                    req.path.unwrap_or("").to_owned(),
                    headers,
                );
            }
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        if headers
            .get("upgrade")
            .is_some_and(|u| u.eq_ignore_ascii_case("websocket"))
        {
            let key = headers
                .get("sec-websocket-key")
                .cloned()
                .unwrap_or_default();
            let accept = derive_accept_key(key.as_bytes());
            let resp = format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
            stream.write_all(resp.as_bytes()).await?;
            let ws = WebSocketStream::from_raw_socket(stream, Role::Server, None).await;
            gateway(state, ws).await;
            return Ok(());
        }
        let len: usize = headers
            .get("content-length")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < head_len + len {
            let mut chunk = [0u8; 65536];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let body: Vec<u8> = buf[head_len..head_len + len].to_vec();
        buf.drain(..head_len + len);
        let path = path.split('?').next().unwrap_or("").to_owned();
        let (status, reply) = rest(&state, &method, &path, headers.get("content-type"), &body);
        let text = reply.map(|v| v.to_string()).unwrap_or_default();
        let reason = match status {
            200 => "OK",
            204 => "No Content",
            403 => "Forbidden",
            _ => "Not Found",
        };
        let resp = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
            text.len()
        );
        stream.write_all(resp.as_bytes()).await?;
    }
}

/// Answers one REST call and records it.
fn rest(
    state: &State,
    method: &str,
    path: &str,
    ctype: Option<&String>,
    body: &[u8],
) -> (u16, Option<Value>) {
    let (body, files) = match ctype {
        Some(ct) if ct.starts_with("multipart/form-data") => multipart(ct, body),
        _ => (
            serde_json::from_slice(body).unwrap_or(Value::Null),
            Vec::new(),
        ),
    };
    let record = Request {
        method: method.to_owned(),
        path: path.to_owned(),
        body: body.clone(),
        files,
    };
    let segs: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let gateway_url = format!("ws://127.0.0.1:{}/gateway", state.port);
    let new_id = || state.ids.fetch_add(1, Ordering::SeqCst) + 1_000_000;
    let answer = match (method, segs.as_slice()) {
        ("GET", ["gateway"]) => (200, Some(json!({"url": gateway_url}))),
        ("GET", ["gateway", "bot"]) => (
            200,
            Some(json!({"url": gateway_url, "shards": state.shards,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})),
        ),
        ("PUT", ["applications", app, .., "commands"]) => {
            let cmds: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut c| {
                    c["id"] = json!(new_id().to_string());
                    c["application_id"] = json!(app);
                    c["version"] = json!("1");
                    if c.get("type").is_none() {
                        c["type"] = json!(1);
                    }
                    c
                })
                .collect();
            (200, Some(Value::Array(cmds)))
        }
        ("POST", ["users", "@me", "channels"]) => {
            let user: u64 = body["recipient_id"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .or(body["recipient_id"].as_u64())
                .unwrap_or(1);
            let channel = new_id();
            state.dm_channels.lock().unwrap().insert(channel, user);
            (
                200,
                Some(
                    json!({"id": channel.to_string(), "type": 1, "last_message_id": null,
                "recipients": [{"id": user.to_string(), "username": format!("user{user}"), "discriminator": "0"}]}),
                ),
            )
        }
        ("POST", ["channels", channel, "messages"]) => {
            let recipient = channel
                .parse::<u64>()
                .ok()
                .and_then(|c| state.dm_channels.lock().unwrap().get(&c).copied());
            let embeds = body["embeds"].as_array().is_some_and(|e| !e.is_empty());
            let denied = channel
                .parse::<u64>()
                .is_ok_and(|c| state.no_embeds.lock().unwrap().contains(&c));
            if recipient.is_some_and(|u| state.closed_dms.lock().unwrap().contains(&u)) {
                (
                    403,
                    Some(json!({"code": 50007, "message": "Cannot send messages to this user"})),
                )
            } else if embeds && denied {
                (
                    403,
                    Some(json!({"code": 50013, "message": "Missing Permissions"})),
                )
            } else {
                (200, Some(bot_message(new_id(), channel, &body)))
            }
        }
        ("POST", ["interactions", _, _, "callback"]) => (204, None),
        ("POST", ["webhooks", _, token]) => (200, Some(bot_message(new_id(), token, &body))),
        _ => (404, Some(json!({"code": 0, "message": "404: Not Found"}))),
    };
    if record.is_post_of_message() {
        state
            .post_times
            .lock()
            .unwrap()
            .push(std::time::Instant::now());
    }
    state.requests.lock().unwrap().push(record);
    state.changed.notify_waiters();
    answer
}

fn bot_message(id: u64, channel: &str, body: &Value) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel.parse::<u64>().unwrap_or(1).to_string(),
        "author": {"id": BOT_ID.to_string(), "username": "Cooldown", "discriminator": "0", "bot": true},
        "content": body["content"].as_str().unwrap_or(""), "timestamp": now_rfc3339(),
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [],
        "mention_roles": [], "attachments": [], "embeds": body["embeds"].clone().as_array().cloned().unwrap_or_default(),
        "pinned": false, "type": 0,
    })
}

/// The `payload_json` and the files of a multipart body.
fn multipart(ctype: &str, body: &[u8]) -> (Value, Vec<(String, Vec<u8>)>) {
    let boundary = ctype
        .split("boundary=")
        .nth(1)
        .unwrap_or("")
        .trim_matches('"');
    let delim = format!("--{boundary}");
    let text = body;
    let mut payload = Value::Null;
    let mut files = Vec::new();
    let positions: Vec<usize> = find_all(text, delim.as_bytes());
    for w in positions.windows(2) {
        let part = &text[w[0] + delim.len()..w[1]];
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let Some(split) = find_all(part, b"\r\n\r\n").first().copied() else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..split]).to_string();
        let mut content = &part[split + 4..];
        content = content.strip_suffix(b"\r\n").unwrap_or(content);
        if head.contains("name=\"payload_json\"") {
            payload = serde_json::from_slice(content).unwrap_or(Value::Null);
        } else if let Some(name) = head
            .split("filename=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
        {
            files.push((name.to_owned(), content.to_vec()));
        }
    }
    (payload, files)
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| &hay[i..i + needle.len()] == needle)
        .collect()
}

/// One gateway session: HELLO, then IDENTIFY/RESUME, heartbeats, dispatches.
async fn gateway(state: Arc<State>, ws: WebSocketStream<TcpStream>) {
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Outbound>();
    let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": 41250}});
    if sink.send(Ws::Text(hello.to_string())).await.is_err() {
        return;
    }
    let mut my_shard: Option<u64> = None;
    // Sequence numbers of this session's dispatches (a resume goes on from
    // the number the client last saw).
    let mut seq: u64 = 0;
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(frame)) = incoming else { break };
                let Ws::Text(text) = frame else {
                    if let Ws::Close(_) = frame {
                        // Complete the closing handshake the client began.
                        let _ = sink.close().await;
                        break;
                    }
                    continue;
                };
                let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                match v["op"].as_u64() {
                    Some(1) => { let _ = sink.send(Ws::Text(json!({"op": 11}).to_string())).await; }
                    Some(2) => {
                        let d = &v["d"];
                        state.identifies.lock().unwrap().push(d.clone());
                        let intents = d["intents"].as_u64().unwrap_or(0);
                        if intents & state.refused_intents.load(Ordering::SeqCst) != 0 {
                            let _ = sink.send(close(4014, "Disallowed intent(s).")).await;
                            break;
                        }
                        let shard = d["shard"][0].as_u64().unwrap_or(0);
                        let total = d["shard"][1].as_u64().unwrap_or(1);
                        let session = format!("session-{}", state.ids.fetch_add(1, Ordering::SeqCst));
                        state.sessions.lock().unwrap().insert(session.clone(), shard);
                        seq = 1;
                        let ready = json!({"op": 0, "s": seq, "t": "READY", "d": {
                            "v": 10, "user": {"id": BOT_ID.to_string(), "username": "Cooldown", "discriminator": "0", "bot": true},
                            "guilds": [], "session_id": session, "resume_gateway_url": "ws://127.0.0.1:1/unused",
                            "shard": [shard, total], "application": {"id": BOT_ID.to_string(), "flags": 0}}});
                        if sink.send(Ws::Text(ready.to_string())).await.is_err() { break }
                        my_shard = Some(shard);
                        state.shards_live.lock().unwrap().insert(shard, tx.clone());
                        state.changed.notify_waiters();
                    }
                    Some(6) => {
                        let session = v["d"]["session_id"].as_str().unwrap_or("").to_owned();
                        let shard = state.sessions.lock().unwrap().get(&session).copied();
                        let Some(shard) = shard else {
                            let _ = sink.send(Ws::Text(json!({"op": 9, "d": false}).to_string())).await;
                            continue;
                        };
                        state.resumes.fetch_add(1, Ordering::SeqCst);
                        seq = v["d"]["seq"].as_u64().unwrap_or(0) + 1;
                        let resumed = json!({"op": 0, "s": seq, "t": "RESUMED", "d": {}});
                        if sink.send(Ws::Text(resumed.to_string())).await.is_err() { break }
                        my_shard = Some(shard);
                        state.shards_live.lock().unwrap().insert(shard, tx.clone());
                        state.changed.notify_waiters();
                    }
                    _ => {}
                }
            }
            out = rx.recv() => match out {
                Some(Outbound::Dispatch(t, d)) => {
                    seq += 1;
                    let frame = json!({"op": 0, "s": seq, "t": t, "d": d});
                    if sink.send(Ws::Text(frame.to_string())).await.is_err() { break }
                }
                Some(Outbound::Json(v)) => { if sink.send(Ws::Text(v.to_string())).await.is_err() { break } }
                Some(Outbound::Close(code)) => { let _ = sink.send(close(code, "closed by the test")).await; break }
                None => break,
            }
        }
    }
    // Only forget this shard's entry if it is still this session's sender.
    if let Some(shard) = my_shard {
        let mut live = state.shards_live.lock().unwrap();
        if live.get(&shard).is_some_and(|t| t.same_channel(&tx)) {
            live.remove(&shard);
        }
    }
    state.changed.notify_waiters();
}

fn close(code: u16, reason: &'static str) -> Ws {
    Ws::Close(Some(CloseFrame {
        code: CloseCode::from(code),
        reason: reason.into(),
    }))
}
