//! How many events may work the CPU at once.
//!
//! Why inside the engine: an event is CPU work (the matcher, the coach,
//! sealing records) and then a wait for the disk. A limit around the whole
//! event, as a transport could set, keeps a slot through that wait, so with
//! two slots at most two events share a flush and a burst queues behind the
//! disk. Here the slot is held for the work only: the event gives it back,
//! then waits for its flush together with every other event that finished
//! its work meanwhile (see `store/deferred.rs`). Fewer threads running the
//! matcher at once also means fewer per-thread regex caches in memory.

use std::sync::{Condvar, Mutex};

/// A counting semaphore for blocking threads; `None` capacity: no limit.
#[derive(Debug, Default)]
pub(super) struct Slots {
    free: Option<Mutex<usize>>,
    freed: Condvar,
}

/// One slot, given back when dropped.
pub(super) struct Slot<'a> {
    slots: &'a Slots,
}

impl Slots {
    /// `n` slots (at least one).
    pub(super) fn new(n: usize) -> Slots {
        Slots {
            free: Some(Mutex::new(n.max(1))),
            freed: Condvar::new(),
        }
    }

    /// Waits for a free slot.
    pub(super) fn take(&self) -> Slot<'_> {
        if let Some(free) = &self.free {
            // A poisoned lock only means a holder panicked; the count is
            // still right (the slot was given back by its drop).
            let mut n = free.lock().unwrap_or_else(|e| e.into_inner());
            while *n == 0 {
                n = self.freed.wait(n).unwrap_or_else(|e| e.into_inner());
            }
            *n -= 1;
        }
        Slot { slots: self }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if let Some(free) = &self.slots.free {
            *free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
            self.slots.freed.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn no_more_than_n_hold_a_slot_at_once() {
        let slots = Arc::new(Slots::new(2));
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (slots, inside, most) = (slots.clone(), inside.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let _slot = slots.take();
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(most.load(Ordering::SeqCst) <= 2);
        assert_eq!(inside.load(Ordering::SeqCst), 0);
    }
}
