//! A count of the gateway events the handler has finished with.
//!
//! Tests and benchmarks use it as a barrier: once the count reaches the
//! number of events the (fake) gateway sent, every reply those events
//! cause has been posted, so "nothing else was posted" can be checked
//! without waiting on the wall clock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

/// Shared between the transport (which bumps it) and whoever watches.
#[derive(Debug, Clone, Default)]
pub struct Handled(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    count: AtomicU64,
    changed: Notify,
}

impl Handled {
    /// Events fully handled so far (answered, ignored or refused alike).
    pub fn count(&self) -> u64 {
        self.0.count.load(Ordering::SeqCst)
    }

    /// Waits until at least `n` events are handled; false if `limit`
    /// passed first.
    pub async fn wait_for(&self, n: u64, limit: Duration) -> bool {
        let reached = async {
            loop {
                // Registered before the check, so a bump in between wakes us.
                let changed = self.0.changed.notified();
                tokio::pin!(changed);
                changed.as_mut().enable();
                if self.count() >= n {
                    return;
                }
                changed.await;
            }
        };
        tokio::time::timeout(limit, reached).await.is_ok()
    }

    /// Counts one event as handled when dropped, whichever way the
    /// handler returns.
    pub(super) fn on_exit(&self) -> Done {
        Done(self.clone())
    }
}

/// See [`Handled::on_exit`].
pub(super) struct Done(Handled);

impl Drop for Done {
    fn drop(&mut self) {
        let inner = &self.0 .0;
        inner.count.fetch_add(1, Ordering::SeqCst);
        inner.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn counts_an_event_whichever_way_its_handler_returns() {
        let handled = Handled::default();
        assert!(!handled.wait_for(1, Duration::from_secs(1)).await);
        let early = || {
            let _done = handled.on_exit();
            // An early return (an ignored event) counts too.
        };
        early();
        assert_eq!(handled.count(), 1);
        let waiter = {
            let handled = handled.clone();
            tokio::spawn(async move { handled.wait_for(2, Duration::from_secs(60)).await })
        };
        tokio::task::yield_now().await;
        drop(handled.on_exit());
        assert!(waiter.await.unwrap(), "woken by the second event");
        assert_eq!(handled.count(), 2);
    }
}
