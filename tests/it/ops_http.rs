//! Health and metrics over real HTTP on 127.0.0.1:0, with the `cooldown`
//! binary on the fake Discord: green while connected, counters that move
//! when messages arrive, a reconnect counted after the gateway drops.
#![cfg(unix)]

use crate::support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{FakeDiscord, Msg, WAIT};

struct Bot {
    child: Child,
    stderr: support::Stderr,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(envs: &[(&str, String)], data: &std::path::Path) -> Bot {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .arg("run")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .env("COOLDOWN_DATA", data)
        .env("COOLDOWN_HTTP_ADDR", "127.0.0.1:0")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("RUST_LOG", "info")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the cooldown binary starts");
    let stderr = support::drain(child.stderr.take().expect("piped stderr"));
    Bot { child, stderr }
}

impl Bot {
    /// The address the bot logged for its HTTP endpoint.
    fn http_addr(&self) -> String {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            let log = self.stderr.text();
            if let Some(at) = log.find("addr=") {
                let rest = &log[at + 5..];
                return rest.split_whitespace().next().unwrap().to_owned();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("no address logged: {}", self.stderr.text());
    }
}

/// A plain HTTP/1.1 GET: (status code, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut conn = TcpStream::connect(addr).unwrap();
    write!(conn, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut text = String::new();
    conn.read_to_string(&mut text).unwrap();
    let status = text[9..12].parse().unwrap();
    let body = text.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

fn wait_for(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_follows_the_gateway_and_metrics_count_messages() {
    let fake = FakeDiscord::start().await;
    let data = tempfile::tempdir().unwrap();
    let bot = start(
        &[
            ("DISCORD_TOKEN", "MTIz.fake-secret-token.value".into()),
            ("COOLDOWN_DISCORD_API", fake.url()),
        ],
        data.path(),
    );
    let addr = bot.http_addr();
    assert!(fake.wait_connected(1, WAIT).await, "connected");
    assert!(
        wait_for(WAIT, || get(&addr, "/healthz").0 == 200),
        "green once connected: {:?}",
        get(&addr, "/healthz")
    );
    let (_, body) = get(&addr, "/healthz");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["status"], "ok", "{health}");
    assert_eq!(health["checks"]["store_writable"]["ok"], true, "{health}");
    assert_eq!(
        health["checks"]["gateway_connected"]["ok"], true,
        "{health}"
    );

    let (status, before) = get(&addr, "/metrics");
    assert_eq!(status, 200);
    assert!(!before.contains("cooldown_messages_total{"), "{before}");
    fake.send_message(&Msg::dm(41_001, "ran 12k easy"));
    fake.wait_posts(2, WAIT).await;
    assert!(
        wait_for(WAIT, || get(&addr, "/metrics")
            .1
            .contains("cooldown_replies_total{outcome=\"sent\"} 1")),
        "{}",
        get(&addr, "/metrics").1
    );
    let (_, metrics) = get(&addr, "/metrics");
    assert!(
        metrics.contains("cooldown_messages_total{intent=\"log_run\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("cooldown_reply_latency_seconds_count 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("cooldown_store_commit_seconds_count"),
        "{metrics}"
    );
    assert!(
        metrics.contains("cooldown_process_resident_memory_bytes "),
        "{metrics}"
    );
    assert!(
        !metrics.contains("41001"),
        "no runner id in labels: {metrics}"
    );
    assert!(!metrics.contains("12k"), "no text in labels: {metrics}");

    // The gateway drops and stays down: health turns red and says why.
    fake.set_gateway_down(true);
    fake.close_gateway(4000);
    let mut red = String::new();
    let saw_red = wait_for(WAIT, || {
        let (status, body) = get(&addr, "/healthz");
        red = body;
        status == 503
    });
    assert!(saw_red, "red while the gateway is down: {red}");
    assert!(red.contains("gateway_connected"), "{red}");
    // It comes back: the reconnect is counted and health is green again.
    fake.set_gateway_down(false);
    let reconnected = wait_for(WAIT, || {
        get(&addr, "/metrics")
            .1
            .contains("cooldown_gateway_reconnects_total 1")
    });
    assert!(
        reconnected,
        "{}\n{}",
        get(&addr, "/metrics").1,
        bot.stderr.text()
    );
    assert!(
        wait_for(WAIT, || get(&addr, "/healthz").0 == 200),
        "green again after the reconnect"
    );
    assert_eq!(get(&addr, "/nope").0, 404);
}

#[test]
fn the_console_serves_health_without_a_gateway_and_nothing_when_unset() {
    let data = tempfile::tempdir().unwrap();
    let bot = start(&[], data.path());
    let addr = bot.http_addr();
    let (status, body) = get(&addr, "/healthz");
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains("gateway"), "{body}");
    // The probe the Dockerfile and the systemd unit run.
    let check = |addr: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cooldown"));
        cmd.arg("healthcheck").env_remove("COOLDOWN_HTTP_ADDR");
        if let Some(addr) = addr {
            cmd.env("COOLDOWN_HTTP_ADDR", addr);
        }
        cmd.output().unwrap()
    };
    let out = check(Some(&addr));
    assert!(out.status.success(), "{out:?}");
    let port = addr.rsplit(':').next().unwrap();
    let out = check(Some(&format!("0.0.0.0:{port}")));
    assert!(
        out.status.success(),
        "a wildcard address is probed on loopback: {out:?}"
    );
    drop(bot);
    let out = check(Some(&addr));
    assert!(
        !out.status.success(),
        "nobody answers after the bot stopped"
    );
    let out = check(None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("COOLDOWN_HTTP_ADDR is not set"));

    let quiet = Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .arg("config")
        .env_remove("COOLDOWN_HTTP_ADDR")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&quiet.stdout).contains("COOLDOWN_HTTP_ADDR = <unset"));
}
