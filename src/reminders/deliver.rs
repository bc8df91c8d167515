//! How a due reminder reaches a runner: a small trait that each transport
//! implements (a Discord DM, a line in the console), so the scheduler knows
//! nothing of Discord.

use std::future::Future;

use thiserror::Error;

use super::DueReminder;

/// Why a reminder did not reach its runner.
#[derive(Debug, Error)]
pub enum DeliveryError {
    /// The runner does not accept DMs from the bot (Discord error 50007):
    /// their reminders are paused and they are told when they next write.
    #[error("the runner does not accept direct messages from the bot")]
    Blocked,
    /// Anything else (network, rate limit, closed console). Logged; the
    /// occurrence is not retried (at most once, see the module docs).
    #[error("delivery failed: {0}")]
    Failed(String),
}

/// Sends a due reminder to its runner.
pub trait Deliver: Send + Sync {
    fn deliver(
        &self,
        reminder: &DueReminder,
    ) -> impl Future<Output = Result<(), DeliveryError>> + Send;
}
