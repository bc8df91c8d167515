//! Waiting for real time to pass, with a deadline: a lock that sled's
//! background threads release a moment after the last handle is dropped,
//! a binary that found the store still locked and must be run again. Never
//! used as proof that nothing happened (see `support::Running::settle`).

use std::time::{Duration, Instant};

/// How long anything here may take before the test fails.
pub const LIMIT: Duration = Duration::from_secs(10);

/// Between attempts: short, the lock is usually gone within milliseconds.
const PAUSE: Duration = Duration::from_millis(20);

/// Calls `attempt` until it returns `Some`, then returns that; panics naming
/// `what` if [`LIMIT`] passes first.
pub fn until<T>(what: &str, mut attempt: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + LIMIT;
    loop {
        if let Some(done) = attempt() {
            return done;
        }
        assert!(Instant::now() < deadline, "{what} within {LIMIT:?}");
        std::thread::sleep(PAUSE);
    }
}
