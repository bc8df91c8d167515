//! The REST side: HTTP/1.1 on the same port as the gateway (a websocket
//! upgrade is handed to [`super::gateway`]), answering the routes serenity
//! calls and recording each call.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::WebSocketStream;

use super::payloads::now_rfc3339;
use super::{gateway, Request, State, BOT_ID};

/// One TCP connection: HTTP/1.1 requests (kept alive) or a websocket.
pub(crate) async fn connection(state: Arc<State>, mut stream: TcpStream) -> std::io::Result<()> {
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
            if state.gateway_down.load(std::sync::atomic::Ordering::SeqCst) {
                let resp = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                stream.write_all(resp.as_bytes()).await?;
                return Ok(());
            }
            let key = headers
                .get("sec-websocket-key")
                .cloned()
                .unwrap_or_default();
            let accept = derive_accept_key(key.as_bytes());
            let resp = format!("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
            stream.write_all(resp.as_bytes()).await?;
            let ws = WebSocketStream::from_raw_socket(stream, Role::Server, None).await;
            gateway::session(state, ws).await;
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
            .push((std::time::Instant::now(), record.path.clone()));
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
