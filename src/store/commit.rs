//! Group commit: many writers, one flush.
//!
//! A write is "logged" only once it is on disk, so every writer inserts and
//! then calls [`Committer::commit`], which returns once a flush that started
//! after the insert has finished. Writers that arrive while a flush is under
//! way join the next group; when that flush ends, one of them leads the next
//! flush for all of them. Under a burst of N writers this makes about two
//! flushes instead of N, each fsync paying for a whole group.
//!
//! Why leader/follower on a `Mutex` + `Condvar` rather than a dedicated
//! flushing thread: the writers already run on (bounded) blocking threads and
//! would sit waiting anyway, so one of them does the flush itself. There is
//! no thread to start, to stop at shutdown or to lose on a panic, a lone
//! writer pays no hand-off to another thread, and the state to reason about
//! is one lock.
//!
//! A failed flush fails every write of its group: each member gets the
//! error and none is acknowledged. (Their data may still reach the disk with
//! a later flush; the runner is told it was not logged, which errs on the
//! safe side.)

use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};

/// What makes the database durable: sled's flush, or a test's stand-in.
type FlushFn = dyn Fn() -> Result<(), sled::Error> + Send + Sync;

/// The writers that one flush will cover, and its outcome once known.
#[derive(Default)]
struct Group {
    outcome: OnceLock<Result<(), sled::Error>>,
}

struct State {
    /// The group that the next flush will take; writers join it.
    open: Arc<Group>,
    /// How many writers joined `open`.
    open_size: usize,
    /// A leader is flushing (its group is closed to newcomers).
    flushing: bool,
}

struct Inner {
    flush: Box<FlushFn>,
    state: Mutex<State>,
    settled: Condvar,
    /// When false, every commit flushes on its own (the old path, kept so
    /// the benchmark can compare the two in one run).
    grouped: std::sync::atomic::AtomicBool,
    /// Whether group sizes go to the store's metrics (not for the keyring,
    /// which groups its own, rarer writes).
    metered: bool,
}

/// The one committer of a database; clones share it.
#[derive(Clone)]
pub(crate) struct Committer {
    inner: Arc<Inner>,
}

impl Committer {
    /// A committer that makes writes durable with `flush`.
    pub(crate) fn new(
        flush: impl Fn() -> Result<(), sled::Error> + Send + Sync + 'static,
    ) -> Committer {
        Committer::with_metrics(flush, true)
    }

    /// A committer for another file than the database (the keyring): same
    /// grouping, no store metrics.
    pub(crate) fn unmetered(
        flush: impl Fn() -> Result<(), sled::Error> + Send + Sync + 'static,
    ) -> Committer {
        Committer::with_metrics(flush, false)
    }

    fn with_metrics(
        flush: impl Fn() -> Result<(), sled::Error> + Send + Sync + 'static,
        metered: bool,
    ) -> Committer {
        Committer {
            inner: Arc::new(Inner {
                flush: Box::new(flush),
                state: Mutex::new(State {
                    open: Arc::default(),
                    open_size: 0,
                    flushing: false,
                }),
                settled: Condvar::new(),
                grouped: std::sync::atomic::AtomicBool::new(true),
                metered,
            }),
        }
    }

    /// Switches grouping off (one flush per write) or back on.
    pub(crate) fn set_grouped(&self, grouped: bool) {
        self.inner
            .grouped
            .store(grouped, std::sync::atomic::Ordering::Relaxed);
    }

    /// Returns once every write this thread made before the call is durable,
    /// or with the error of the flush that should have made it so.
    pub(crate) fn commit(&self) -> Result<(), sled::Error> {
        if !self
            .inner
            .grouped
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            if self.inner.metered {
                crate::ops::metrics::store_commit_group(1);
            }
            return (self.inner.flush)();
        }
        let mut state = self.lock();
        let mine = state.open.clone();
        state.open_size += 1;
        loop {
            if let Some(outcome) = mine.outcome.get() {
                return outcome.clone();
            }
            if !state.flushing {
                // No flush is running and ours has no outcome: ours is the
                // open group, and we lead its flush.
                state = self.lead(state);
                continue;
            }
            state = self
                .inner
                .settled
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Closes the open group, flushes it outside the lock, publishes the
    /// outcome to its members and wakes everyone (the next group's members
    /// may now lead).
    fn lead<'a>(&'a self, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        state.flushing = true;
        let group = std::mem::take(&mut state.open);
        let size = std::mem::take(&mut state.open_size);
        drop(state);
        // A panicking flush must not leave `flushing` set (every writer
        // would wait forever): it fails its group like any failed flush.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.inner.flush)()))
                .unwrap_or_else(|_| Err(sled::Error::ReportableBug("the flush panicked".into())));
        if self.inner.metered {
            crate::ops::metrics::store_commit_group(size);
        }
        // Set before the lock is taken again, so a woken member sees it.
        let _ = group.outcome.set(outcome);
        let mut state = self.lock();
        state.flushing = false;
        self.inner.settled.notify_all();
        state
    }

    /// How many writers wait in the open group (for tests to line a
    /// burst up behind a held flush without sleeping).
    #[cfg(test)]
    fn waiting(&self) -> usize {
        self.lock().open_size
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent across a panic in a flush (nothing is
        // held half-changed while flushing), so a poisoned lock is usable.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Barrier;

    /// A real sled database whose flush is counted and, on demand, fails
    /// (the test seam: the flush function the committer is built with).
    struct Seam {
        db: sled::Db,
        flushes: AtomicUsize,
        /// Flushes from this one on (counted from 1) fail.
        fail_from: AtomicUsize,
        /// Holds every flush until released, so writers pile up behind one.
        gate: Mutex<()>,
    }

    fn committer(seam: &Arc<Seam>) -> Committer {
        let seam = seam.clone();
        Committer::new(move || {
            let _held = seam.gate.lock().unwrap_or_else(|e| e.into_inner());
            let n = seam.flushes.fetch_add(1, Ordering::SeqCst) + 1;
            if n >= seam.fail_from.load(Ordering::SeqCst) {
                return Err(sled::Error::Unsupported("injected flush failure".into()));
            }
            seam.db.flush().map(drop)
        })
    }

    fn seam() -> Arc<Seam> {
        Arc::new(Seam {
            db: sled::Config::new().temporary(true).open().expect("db"),
            flushes: AtomicUsize::new(0),
            fail_from: AtomicUsize::new(usize::MAX),
            gate: Mutex::new(()),
        })
    }

    /// Runs `n` writers that each insert a key then commit. With `pile_up`,
    /// the first writer's flush is held until the n - 1 others wait in the
    /// next group, so exactly two flushes serve them all.
    fn burst(
        seam: &Arc<Seam>,
        c: &Committer,
        n: usize,
        pile_up: bool,
    ) -> Vec<Result<(), sled::Error>> {
        let held = pile_up.then(|| seam.gate.lock().expect("gate"));
        let start = Arc::new(Barrier::new(n + 1));
        let writers: Vec<_> = (0..n)
            .map(|i| {
                let (seam, c, start) = (seam.clone(), c.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    seam.db.insert(format!("k{i}"), &[1]).expect("insert");
                    c.commit()
                })
            })
            .collect();
        start.wait();
        if pile_up {
            while c.waiting() < n - 1 {
                std::thread::yield_now();
            }
        }
        drop(held);
        writers
            .into_iter()
            .map(|w| w.join().expect("writer"))
            .collect()
    }

    #[test]
    fn concurrent_writers_share_flushes() {
        let seam = seam();
        let c = committer(&seam);
        let outcomes = burst(&seam, &c, 32, true);
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        // The first writer's flush, then one for the 31 that piled up.
        assert_eq!(seam.flushes.load(Ordering::SeqCst), 2);
        for i in 0..32 {
            assert!(seam.db.contains_key(format!("k{i}")).expect("read"));
        }
    }

    #[test]
    fn a_failed_flush_fails_every_write_of_its_group() {
        let seam = seam();
        let c = committer(&seam);
        // The first writer's own flush succeeds; the group of the 15 that
        // piled up behind it fails, all of it.
        seam.fail_from.store(2, Ordering::SeqCst);
        let outcomes = burst(&seam, &c, 16, true);
        assert_eq!(seam.flushes.load(Ordering::SeqCst), 2);
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
        assert_eq!(outcomes.iter().filter(|o| o.is_err()).count(), 15);
        // The next write, once the disk is back, is acknowledged again.
        seam.fail_from.store(usize::MAX, Ordering::SeqCst);
        seam.db.insert("after", &[1]).expect("insert");
        assert!(c.commit().is_ok());
    }

    #[test]
    fn a_commit_after_a_failed_group_leads_a_new_flush() {
        let seam = seam();
        let c = committer(&seam);
        seam.fail_from.store(1, Ordering::SeqCst);
        assert!(c.commit().is_err());
        seam.fail_from.store(usize::MAX, Ordering::SeqCst);
        assert!(c.commit().is_ok());
        assert_eq!(seam.flushes.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_panicking_flush_fails_its_group_and_the_next_commit_works() {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = calls.clone();
        let c = Committer::new(move || {
            if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                panic!("injected flush panic");
            }
            Ok(())
        });
        assert!(c.commit().is_err());
        assert!(c.commit().is_ok());
    }

    #[test]
    fn ungrouped_commits_flush_once_each() {
        let seam = seam();
        let c = committer(&seam);
        c.set_grouped(false);
        let outcomes = burst(&seam, &c, 8, false);
        assert!(outcomes.iter().all(Result::is_ok));
        assert_eq!(seam.flushes.load(Ordering::SeqCst), 8);
    }
}
