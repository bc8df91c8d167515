//! Reaching Discord's REST API before the gateway connects, and again after
//! a connection ends on a REST failure: each call is bounded by the REST
//! client's timeout (see [`super::http`]), and a Discord that does not
//! answer is retried with a growing pause, every attempt in the log, so a
//! silent endpoint never looks like a bot that is merely quiet.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use serenity::http::{Http, HttpError};

/// The pause after the `attempt`-th failure: 1, 2, 4 ... seconds, at most a
/// minute (long enough not to hammer a Discord that is down, short enough
/// to come back soon after it is up).
pub(super) fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.saturating_sub(1).min(6)).min(Duration::from_secs(60))
}

/// What came of waiting for Discord.
pub(super) enum Reached {
    Yes,
    /// Shutdown was asked for while waiting.
    Stopped,
}

/// Asks Discord for the gateway (`GET /gateway/bot`) until it answers. A
/// refused token ends it at once; anything else is retried.
pub(super) async fn reach(
    http: &Http,
    api: &str,
    timeout: Duration,
    shutdown: &mut Pin<&mut impl Future<Output = ()>>,
) -> anyhow::Result<Reached> {
    let mut attempt = 1u32;
    tracing::info!(
        api,
        timeout_s = timeout.as_secs(),
        attempt,
        "asking Discord for its gateway"
    );
    loop {
        match http.get_bot_gateway().await {
            Ok(_) => {
                if attempt > 1 {
                    tracing::info!(attempt, "Discord answered");
                }
                return Ok(Reached::Yes);
            }
            Err(e) if refused_token(&e) => anyhow::bail!(
                "Discord refused the bot token (401): copy it again from the Developer Portal's Bot page into DISCORD_TOKEN or DISCORD_TOKEN_FILE"
            ),
            Err(e) => {
                let pause = backoff(attempt);
                tracing::warn!(
                    api,
                    attempt,
                    retry_in_s = pause.as_secs(),
                    error = %describe(&e),
                    "Discord did not answer; retrying"
                );
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    () = shutdown.as_mut() => return Ok(Reached::Stopped),
                }
                attempt += 1;
                tracing::info!(api, attempt, "asking Discord for its gateway again");
            }
        }
    }
}

fn refused_token(e: &serenity::Error) -> bool {
    matches!(
        e,
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 401
    )
}

/// The error and its causes on one line ("error sending request ...:
/// operation timed out").
pub(super) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut line = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !line.contains(&text) {
            line = format!("{line}: {text}");
        }
        cause = c.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn the_pause_grows_and_is_capped() {
        let pauses: Vec<u64> = (1..=9).map(|a| backoff(a).as_secs()).collect();
        assert_eq!(pauses, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(backoff(u32::MAX), Duration::from_secs(60));
    }
}
