//! The operator's HTTP endpoint on `COOLDOWN_HTTP_ADDR`: `GET /healthz`
//! (200 or 503 with a JSON body naming the failed checks) and `GET /metrics`
//! (Prometheus text). Deliberately tiny, HTTP/1.1 with `Connection: close`:
//! it answers a probe and a scraper, nothing else, and carries no runner
//! data, so it needs no authentication beyond staying on a private address.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::store::Store;

/// Binds `addr` and serves until the runtime stops. Returns the bound
/// address (the real port when `addr` asked for port 0).
pub async fn serve(addr: SocketAddr, store: Store) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((conn, _)) => {
                    tokio::spawn(answer(conn, store.clone()));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "health endpoint: cannot accept");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
            }
        }
    });
    Ok(bound)
}

async fn answer(mut conn: TcpStream, store: Store) {
    // A request line and headers fit in 4 KiB; a probe sends no body.
    let mut buf = vec![0u8; 4096];
    let mut len = 0;
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while len < buf.len() {
            let n = conn.read(&mut buf[len..]).await?;
            if n == 0 {
                break;
            }
            len += n;
            if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        Ok::<_, std::io::Error>(())
    })
    .await;
    if !matches!(read, Ok(Ok(()))) {
        return;
    }
    let head = String::from_utf8_lossy(&buf[..len]);
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let (status, kind, body) = match (method, path) {
        ("GET", "/healthz") => {
            let checked = tokio::task::spawn_blocking(move || super::health::check(&store)).await;
            match checked {
                Ok((true, body)) => ("200 OK", "application/json", body.to_string()),
                Ok((false, body)) => (
                    "503 Service Unavailable",
                    "application/json",
                    body.to_string(),
                ),
                Err(_) => (
                    "503 Service Unavailable",
                    "application/json",
                    r#"{"status":"unhealthy","failed":["check"]}"#.to_owned(),
                ),
            }
        }
        ("GET", "/metrics") => (
            "200 OK",
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            super::metrics::render(),
        ),
        ("GET", _) => ("404 Not Found", "text/plain", "not found\n".to_owned()),
        _ => (
            "405 Method Not Allowed",
            "text/plain",
            "GET only\n".to_owned(),
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = conn.write_all(response.as_bytes()).await;
    let _ = conn.shutdown().await;
}

/// `GET /healthz` on `addr` from a plain blocking client (for
/// `cooldown healthcheck`, the container's HEALTHCHECK, which has no curl).
/// Returns the status code and body. A wildcard address is probed on
/// loopback.
pub fn probe(addr: SocketAddr, timeout: std::time::Duration) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut target = addr;
    if target.ip().is_unspecified() {
        target.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let mut conn = std::net::TcpStream::connect_timeout(&target, timeout)?;
    conn.set_read_timeout(Some(timeout))?;
    write!(
        conn,
        "GET /healthz HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n"
    )?;
    let mut text = String::new();
    conn.read_to_string(&mut text)?;
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP response");
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}
