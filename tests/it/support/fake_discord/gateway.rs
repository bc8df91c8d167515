//! The gateway side: one websocket session per shard connection.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as Ws;
use tokio_tungstenite::WebSocketStream;

use super::{Outbound, State, BOT_ID};

/// One gateway session: HELLO, then IDENTIFY/RESUME, heartbeats, dispatches.
pub(crate) async fn session(state: Arc<State>, ws: WebSocketStream<TcpStream>) {
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
                        state.sessions_live.fetch_add(1, Ordering::SeqCst);
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
                        state.sessions_live.fetch_add(1, Ordering::SeqCst);
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
