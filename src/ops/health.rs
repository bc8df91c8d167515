//! Is the bot healthy? Three checks, each reported by name: the Discord
//! gateway is connected, it was heard from recently (an event or a
//! heartbeat acknowledgement), and the store takes a write. The console has
//! no gateway, so only the store counts there.
//!
//! The gateway's state lives in process-wide atomics, set by the Discord
//! transport, so this module knows nothing of serenity.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::store::Store;

static GATEWAY_EXPECTED: AtomicBool = AtomicBool::new(false);
static CONNECTED: AtomicBool = AtomicBool::new(false);
static EVER_CONNECTED: AtomicBool = AtomicBool::new(false);
/// Unix milliseconds of the last sign of life from the gateway.
static LAST_EVENT_MS: AtomicI64 = AtomicI64::new(0);

/// How long the gateway may stay silent. Discord acknowledges a heartbeat
/// about every 41 s, so three missed ones is a dead connection.
pub const STALE_AFTER: Duration = Duration::from_secs(125);

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// This process talks to Discord: health needs the gateway.
pub fn expect_gateway() {
    GATEWAY_EXPECTED.store(true, Ordering::SeqCst);
}

/// The gateway connected (`true`) or dropped (`false`).
pub fn gateway_connected(up: bool) {
    CONNECTED.store(up, Ordering::SeqCst);
    if up {
        gateway_event();
    }
}

/// A gateway session began: a fresh one (`READY`) or a resumed one. Every
/// session after the first is a reconnect.
pub fn gateway_session(resumed: bool) {
    let before = EVER_CONNECTED.swap(true, Ordering::SeqCst);
    if resumed || before {
        super::metrics::gateway_reconnected();
    }
    gateway_connected(true);
}

/// The gateway was heard from.
pub fn gateway_event() {
    LAST_EVENT_MS.store(now_ms(), Ordering::SeqCst);
}

/// Runs the checks; `(healthy, body)` where the body names each check and
/// whether it passed.
pub fn check(store: &Store) -> (bool, serde_json::Value) {
    let store_result = store.probe_write();
    let store_ok = store_result.is_ok();
    let mut checks = serde_json::Map::new();
    let mut healthy = store_ok;
    checks.insert(
        "store_writable".into(),
        match &store_result {
            Ok(took) => json!({"ok": true, "commit_ms": took.as_secs_f64() * 1000.0}),
            // The error names a path at most, never runner data.
            Err(e) => json!({"ok": false, "error": e.to_string()}),
        },
    );
    if GATEWAY_EXPECTED.load(Ordering::SeqCst) {
        let connected = CONNECTED.load(Ordering::SeqCst);
        let last = LAST_EVENT_MS.load(Ordering::SeqCst);
        let silent_ms = if last == 0 {
            None
        } else {
            Some(now_ms() - last)
        };
        let recent = silent_ms.is_some_and(|ms| ms <= STALE_AFTER.as_millis() as i64);
        healthy &= connected && recent;
        checks.insert("gateway_connected".into(), json!({"ok": connected}));
        checks.insert(
            "last_event_recent".into(),
            json!({"ok": recent, "seconds_ago": silent_ms.map(|ms| ms / 1000)}),
        );
    }
    let failed: Vec<&String> = checks
        .iter()
        .filter(|(_, v)| v["ok"] == json!(false))
        .map(|(k, _)| k)
        .collect();
    let body = json!({
        "status": if healthy { "ok" } else { "unhealthy" },
        "failed": failed,
        "checks": checks,
    });
    (healthy, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test: the gateway state is process-wide.
    #[test]
    fn a_dropped_gateway_turns_health_red_and_names_the_check() {
        let store = Store::temporary().unwrap();
        let (ok, body) = check(&store);
        assert!(ok, "no gateway expected: the store alone counts: {body}");
        expect_gateway();
        let (ok, body) = check(&store);
        assert!(!ok, "{body}");
        gateway_session(false);
        let (ok, body) = check(&store);
        assert!(ok, "{body}");
        gateway_connected(false);
        let (ok, body) = check(&store);
        assert!(!ok);
        assert_eq!(body["failed"], json!(["gateway_connected"]), "{body}");
        gateway_session(true);
        assert!(check(&store).0);
        LAST_EVENT_MS.store(now_ms() - 10 * 60 * 1000, Ordering::SeqCst);
        let (ok, body) = check(&store);
        assert!(!ok);
        assert_eq!(body["failed"], json!(["last_event_recent"]), "{body}");
        assert_eq!(body["checks"]["last_event_recent"]["seconds_ago"], 600);
    }
}
