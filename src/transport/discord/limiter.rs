//! A per-runner rate limit, so one runner (or a stuck script) cannot keep
//! the bot busy for everyone else: more than `max` messages in `window`
//! earns one polite note, then silence for `quiet`. Time comes from the
//! caller (the injected clock), so tests decide what "now" is.

use std::collections::{HashMap, VecDeque};

use jiff::{SignedDuration, Timestamp};

/// The limit's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: usize,
    pub window: SignedDuration,
    pub quiet: SignedDuration,
}

impl Default for RateLimit {
    /// About ten messages in thirty seconds; a minute of quiet after that.
    fn default() -> RateLimit {
        RateLimit {
            max: 10,
            window: SignedDuration::from_secs(30),
            quiet: SignedDuration::from_secs(60),
        }
    }
}

/// What to do with one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Over the limit just now: send the note once.
    Warn,
    /// Still in the quiet period: ignore.
    Drop,
}

#[derive(Debug, Default)]
struct Runner {
    recent: VecDeque<Timestamp>,
    quiet_until: Option<Timestamp>,
}

/// The limiter's memory of each runner's recent messages.
#[derive(Debug)]
pub struct Limiter {
    limit: RateLimit,
    runners: HashMap<u64, Runner>,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Limiter {
        Limiter {
            limit,
            runners: HashMap::new(),
        }
    }

    /// Counts one message of `user` at `now` and says what to do with it.
    pub fn check(&mut self, user: u64, now: Timestamp) -> Verdict {
        // Forget runners who went quiet, so memory stays bounded by the
        // number of runners active within a window.
        if self.runners.len() > 10_000 {
            let horizon = now - self.limit.window - self.limit.quiet;
            self.runners.retain(|_, r| {
                r.recent.back().is_some_and(|t| *t > horizon)
                    || r.quiet_until.is_some_and(|t| t > now)
            });
        }
        let limit = self.limit;
        let runner = self.runners.entry(user).or_default();
        if let Some(until) = runner.quiet_until {
            if now < until {
                return Verdict::Drop;
            }
            runner.quiet_until = None;
            runner.recent.clear();
        }
        while runner
            .recent
            .front()
            .is_some_and(|t| *t <= now - limit.window)
        {
            runner.recent.pop_front();
        }
        if runner.recent.len() >= limit.max {
            runner.quiet_until = Some(now + limit.quiet);
            return Verdict::Warn;
        }
        runner.recent.push_back(now);
        Verdict::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + s).unwrap()
    }

    #[test]
    fn eleventh_message_warns_once_then_quiet_then_allowed_again() {
        let mut l = Limiter::new(RateLimit::default());
        for i in 0..10 {
            assert_eq!(l.check(1, at(i)), Verdict::Allow, "message {i}");
        }
        assert_eq!(l.check(1, at(10)), Verdict::Warn);
        assert_eq!(l.check(1, at(11)), Verdict::Drop);
        assert_eq!(l.check(1, at(69)), Verdict::Drop);
        assert_eq!(l.check(2, at(11)), Verdict::Allow, "others unaffected");
        assert_eq!(l.check(1, at(70)), Verdict::Allow, "quiet is over");
    }

    #[test]
    fn a_steady_pace_never_trips() {
        let mut l = Limiter::new(RateLimit::default());
        for i in 0..100 {
            assert_eq!(l.check(1, at(i * 4)), Verdict::Allow, "message {i}");
        }
    }
}
