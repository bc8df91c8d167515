//! The write gate: what makes a backup one consistent snapshot.
//!
//! sled has no snapshot across trees, and one event writes to several (a
//! log, its message-author entry, the runner's reminders). Every change to
//! the data holds the gate shared; a whole engine event holds it once for
//! all its writes (`Bot::dispatch`). A backup holds it alone while it copies
//! the records into memory, so it sees the data between two events, never
//! in the middle of one.
//!
//! Why a lock and not a copy-on-write snapshot: sled 0.34 has none, and the
//! copy into memory is short (megabytes for a club), so writers wait at
//! most that long. Shared holds are re-entrant (`read_recursive`), so a
//! store method that takes the gate inside an event's hold never waits on a
//! queued backup; the price is that a backup waits for a pause between
//! events, which even a busy bot has.
//!
//! Lock order: the gate is taken before any other lock of the store (the
//! keyring's, the committer's), never while holding one.

use std::sync::Arc;

use parking_lot::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The gate of one database; clones share it.
#[derive(Clone, Default)]
pub(super) struct Gate {
    lock: Arc<RwLock<()>>,
}

/// A shared hold: changes may be made while it lives.
#[must_use = "the hold ends when this is dropped"]
pub struct WriteScope<'a> {
    _hold: RwLockReadGuard<'a, ()>,
}

impl Gate {
    /// A shared hold, for a change or a group of changes.
    pub(super) fn write_scope(&self) -> WriteScope<'_> {
        WriteScope {
            _hold: self.lock.read_recursive(),
        }
    }

    /// The exclusive hold of a backup: returns once no change is under way.
    pub(super) fn snapshot(&self) -> RwLockWriteGuard<'_, ()> {
        self.lock.write()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn a_snapshot_waits_for_the_change_under_way_and_holds_the_next() {
        let gate = Gate::default();
        let done = Arc::new(AtomicBool::new(false));
        let scope = gate.write_scope();
        // Re-entrant: an event's own store calls take it again.
        let inner = gate.write_scope();
        let (g, d) = (gate.clone(), done.clone());
        let backup = std::thread::spawn(move || {
            let _alone = g.snapshot();
            d.load(Ordering::SeqCst)
        });
        std::thread::sleep(Duration::from_millis(50));
        done.store(true, Ordering::SeqCst);
        drop(inner);
        drop(scope);
        assert!(
            backup.join().unwrap(),
            "the snapshot began only after the change had finished"
        );
    }
}
