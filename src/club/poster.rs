//! The weekly post task, in the reminders' scheduler's pattern: sleep until
//! the next due slot of any club, post what is due, sleep again. It wakes
//! early when an admin turns a summary on or off, or on shutdown.
//!
//! Each post is claimed in the store (flushed) BEFORE it is sent, so it goes
//! out at most once, across restarts too. A slot missed by more than
//! [`GRACE`] while the bot was down is skipped. Errors are logged and the
//! task carries on.

use std::future::Future;
use std::sync::Arc;

use jiff::Timestamp;
use thiserror::Error;
use tokio::task::JoinHandle;

use super::{schedule, Weekly};
use crate::chart::Chart;
use crate::clock::Clock;
use crate::store::StoreError;
use crate::timer::{self, Next, GRACE};

/// A post that could not be sent (logged; the week is not retried).
#[derive(Debug, Error)]
#[error("{0}")]
pub struct PostError(pub String);

/// How a summary reaches its channel (Discord, or a test double): its
/// words, and its chart (a PNG with its alt text) when there is one.
pub trait PostSummary: Send + Sync {
    fn post(
        &self,
        channel: u64,
        text: &str,
        chart: Option<&Chart>,
    ) -> impl Future<Output = Result<(), PostError>> + Send;
}

/// One claimed post, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct DuePost {
    pub guild: u64,
    pub channel: u64,
    pub due: Timestamp,
    pub text: String,
    pub chart: Option<Chart>,
}

/// [`start`] was called twice.
#[derive(Debug, Error)]
#[error("the club poster is already running")]
pub struct AlreadyStarted;

/// Starts the poster on the current runtime, once per process.
pub fn start<P: PostSummary + 'static>(
    weekly: Weekly,
    clock: Arc<dyn Clock>,
    poster: P,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<JoinHandle<()>, AlreadyStarted> {
    if !weekly.wakeup().mark_started() {
        return Err(AlreadyStarted);
    }
    Ok(tokio::spawn(run(weekly, clock, poster, shutdown)))
}

async fn run<P: PostSummary>(
    weekly: Weekly,
    clock: Arc<dyn Clock>,
    poster: P,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    tracing::debug!("club poster started");
    loop {
        let now = clock.now();
        let book = weekly.clone();
        // sled writes and flushes: off the async workers.
        let round = tokio::task::spawn_blocking(move || claim_due(&book, now)).await;
        let next = match round {
            Ok(Ok((posts, next))) => {
                for post in posts {
                    match poster
                        .post(post.channel, &post.text, post.chart.as_ref())
                        .await
                    {
                        Ok(()) => {
                            tracing::info!(guild = post.guild, due = %post.due, "posted a club summary")
                        }
                        Err(e) => {
                            tracing::warn!(guild = post.guild, due = %post.due, error = %e, "a club summary could not be posted and is dropped")
                        }
                    }
                }
                next.map_or(Next::Nothing, Next::At)
            }
            Ok(Err(e)) => {
                tracing::error!(error = %e, "club poster: cannot read or update the clubs; retrying");
                Next::Retry
            }
            Err(e) => {
                tracing::error!(error = %e, "club poster: a round failed; retrying");
                Next::Retry
            }
        };
        if !timer::wait(next, clock.now(), weekly.wakeup(), &mut shutdown).await {
            break;
        }
    }
    tracing::debug!("club poster stopped");
}

/// Claims every post due at `now` (skipping those missed by more than
/// [`GRACE`]) and returns them with the next slot of any club.
pub fn claim_due(
    weekly: &Weekly,
    now: Timestamp,
) -> Result<(Vec<DuePost>, Option<Timestamp>), StoreError> {
    let mut posts = Vec::new();
    let mut next: Option<Timestamp> = None;
    for club in weekly.clubs.with_summary()? {
        let s = &club.settings;
        let tz = crate::rules::zone_or_utc(Some(&s.time_zone)).0;
        let due = schedule::previous_post(now, &tz);
        let slot = schedule::next_post(now, &tz);
        next = Some(next.map_or(slot, |n| n.min(slot)));
        if due <= s.posted_through || !weekly.clubs.claim_post(club.guild, due)? {
            continue;
        }
        if now.duration_since(due) > GRACE {
            tracing::info!(guild = club.guild, %due, "skipping a club summary missed while the bot was down");
            continue;
        }
        let post = weekly.weekly_post(club.guild, &s.time_zone, due)?;
        posts.push(DuePost {
            guild: club.guild,
            channel: s.channel,
            due,
            text: post.text,
            chart: post.chart,
        });
    }
    Ok((posts, next))
}
