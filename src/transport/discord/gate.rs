//! The door events come through, for a graceful shutdown: once closed, new
//! events are turned away, and shutdown waits until the replies already in
//! flight have been sent.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

#[derive(Debug, Default)]
struct Inner {
    closed: AtomicBool,
    in_flight: AtomicUsize,
    idle: Notify,
}

/// Shared by the event handler (which enters) and the shutdown (which closes).
#[derive(Debug, Clone, Default)]
pub struct Gate(Arc<Inner>);

/// Held while one event is handled.
#[derive(Debug)]
pub struct Pass(Arc<Inner>);

impl Gate {
    /// A pass for one event, or `None` once shutdown has begun.
    pub fn enter(&self) -> Option<Pass> {
        self.0.in_flight.fetch_add(1, Ordering::SeqCst);
        if self.0.closed.load(Ordering::SeqCst) {
            drop(Pass(self.0.clone()));
            return None;
        }
        Some(Pass(self.0.clone()))
    }

    /// Turns new events away from now on.
    pub fn close(&self) {
        self.0.closed.store(true, Ordering::SeqCst);
    }

    /// Waits until no event is in flight, at most `limit`. True if drained.
    pub async fn drained(&self, limit: Duration) -> bool {
        let wait = async {
            loop {
                let idle = self.0.idle.notified();
                if self.0.in_flight.load(Ordering::SeqCst) == 0 {
                    return;
                }
                idle.await;
            }
        };
        tokio::time::timeout(limit, wait).await.is_ok()
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn close_turns_new_events_away_and_waits_for_the_rest() {
        let gate = Gate::default();
        let pass = gate.enter().expect("open gate");
        gate.close();
        assert!(gate.enter().is_none());
        assert!(!gate.drained(Duration::from_millis(20)).await);
        let g = gate.clone();
        let waiter = tokio::spawn(async move { g.drained(Duration::from_secs(5)).await });
        tokio::time::sleep(Duration::from_millis(10)).await;
        drop(pass);
        assert!(waiter.await.unwrap());
    }
}
