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
