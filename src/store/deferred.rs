//! Flushes owed, paid once at the end of an event.
//!
//! An engine event writes a log, its message-index entry, maybe the
//! runner's reminders: each write method ends with a flush, and each flush
//! is a wait for the disk. While an event holds one of the engine's few CPU
//! slots, that wait would keep the slot from the next event. So the engine
//! defers: for the event's thread, [`Store::flush`] only notes that a
//! flush is owed, and [`Deferred::settle`] pays it once, after the event
//! gave its slot back, when it can share one group commit with every event
//! waiting at the same moment. Nothing is acknowledged before `settle`
//! returns: a reply that says "logged" goes out only after it.
//!
//! Per thread, because an event runs on one blocking thread from start to
//! end and the store is shared by all of them.

use std::cell::Cell;
use std::marker::PhantomData;

use super::{Store, StoreError};

thread_local! {
    /// `None`: flushes are made as they come. `Some(owed)`: deferred, and
    /// whether a write asked for one since.
    static OWED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Flushes of this thread are deferred while it lives. Dropped without
/// [`Deferred::settle`] (a panic), the writes stay unflushed and, as
/// nothing was acknowledged, the next flush of anyone carries them.
#[must_use = "settle it: the writes are not durable until then"]
pub struct Deferred {
    // Tied to the thread whose flushes it defers.
    _thread: PhantomData<*const ()>,
}

impl Store {
    /// Defers this thread's flushes until [`Deferred::settle`].
    pub fn defer_flushes(&self) -> Deferred {
        OWED.with(|o| o.set(Some(false)));
        Deferred {
            _thread: PhantomData,
        }
    }
}

/// Whether this thread defers its flushes; notes one owed if so.
pub(super) fn owe_flush() -> bool {
    OWED.with(|o| match o.get() {
        Some(_) => {
            o.set(Some(true));
            true
        }
        None => false,
    })
}

impl Deferred {
    /// Ends the deferral and makes every write of it durable (one flush,
    /// grouped with whoever flushes at the same moment), or says why not.
    pub fn settle(self, store: &Store) -> Result<(), StoreError> {
        let owed = OWED.with(|o| o.replace(None)) == Some(true);
        drop(self);
        if owed {
            store.flush()
        } else {
            Ok(())
        }
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        OWED.with(|o| o.set(None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_flush_is_owed_then_paid_once_and_only_on_this_thread() {
        let store = Store::temporary().unwrap();
        assert!(!owe_flush(), "not deferring: flushes are made");
        let deferred = store.defer_flushes();
        assert!(owe_flush());
        let other = std::thread::spawn(owe_flush).join().unwrap();
        assert!(!other, "another thread flushes as usual");
        deferred.settle(&store).unwrap();
        assert!(!owe_flush(), "settled: flushes are made again");
    }
}
