//! Choosing and ordering tips: score each tip against the signals, keep
//! unsafe ones out, push back what the runner heard in the last few days,
//! and pick which phrasing to use.
//!
//! Everything is a pure function of the catalogue, the signals, the runner's
//! advice history and a per-runner seed, so the same history at the same time
//! always gives the same answer.

use jiff::{SignedDuration, Timestamp};

use crate::catalogue::{Catalogue, Signal, Tip};
use crate::model::AdviceRecord;
use crate::model::Topic;

/// At most this many tips are chosen: more would not be read.
pub const MAX_TIPS: usize = 3;
/// Of those, a reply shows this many; the rest wait for "more tips".
pub const SHOWN_TIPS: usize = 2;
/// A tip scoring below this is left out (a logged run or rest day still
/// gets its single best tip).
pub const MIN_SCORE: f32 = 1.5;
/// A tip given within this many days counts as recent.
pub const REPEAT_DAYS: i64 = 3;
/// How much a recent tip loses.
pub const REPEAT_PENALTY: f32 = 2.5;
/// The top tip keeps its place despite being recent when it leads the next
/// one by at least this much ("clearly the most relevant").
pub const CLEAR_MARGIN: f32 = 2.0;

/// One tip picked for a reply, and which of its phrasings to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub topic: Topic,
    pub phrasing: usize,
}

/// The outcome of a selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub tips: Vec<Choice>,
    /// Cold therapy would have been among the tips but is unsafe for this
    /// runner.
    pub cold_withheld: bool,
}

/// A tip's relevance: its weight plus the boost of each signal that holds.
pub fn score(tip: &Tip, signals: &[Signal]) -> f32 {
    let boost: f32 = tip
        .when
        .iter()
        .filter(|(sig, _)| signals.contains(sig))
        .map(|(_, b)| b)
        .sum();
    tip.weight + boost
}

/// What the selection needs to know beyond the signals.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub advice: &'a [AdviceRecord],
    pub now: Timestamp,
    /// Varies phrasings between runners.
    pub seed: u64,
    /// Cold therapy is contraindicated for this runner.
    pub cold_unsafe: bool,
    /// Something was logged: give at least one tip.
    pub at_least_one: bool,
}

/// Picks up to [`MAX_TIPS`] tips, most relevant first. Ties keep the
/// catalogue's order.
pub fn select(catalogue: &Catalogue, signals: &[Signal], ctx: Context<'_>) -> Selection {
    let mut scored: Vec<(f32, Topic)> = catalogue
        .tips()
        .iter()
        .map(|tip| (score(tip, signals), tip.id))
        .collect();
    sort(&mut scored);
    let cold_withheld = ctx.cold_unsafe
        && scored
            .iter()
            .take(MAX_TIPS)
            .any(|(s, t)| *t == Topic::Cold && *s >= MIN_SCORE);
    if ctx.cold_unsafe {
        scored.retain(|(_, t)| *t != Topic::Cold);
    }

    // Heat or humidity always puts hydration first: losing fluid is the
    // most pressing thing after such a run, however recently it was said.
    let hot = signals
        .iter()
        .any(|s| matches!(s, Signal::Hot | Signal::Humid));
    let clear_leader = match scored.as_slice() {
        _ if hot => Some(Topic::Hydration),
        [(first, t), (second, _), ..] if first - second >= CLEAR_MARGIN => Some(*t),
        [(_, t)] => Some(*t),
        _ => None,
    };
    let since = crate::clock::before(ctx.now, SignedDuration::from_hours(24 * REPEAT_DAYS));
    let recent = |t: Topic| {
        ctx.advice
            .iter()
            .any(|a| a.at > since && a.at <= ctx.now && a.tips.contains(&t))
    };
    for (s, t) in scored.iter_mut() {
        if Some(*t) != clear_leader && recent(*t) {
            *s -= REPEAT_PENALTY;
        }
    }
    sort(&mut scored);
    if hot {
        if let Some(i) = scored.iter().position(|(_, t)| *t == Topic::Hydration) {
            let hydration = scored.remove(i);
            scored.insert(0, hydration);
        }
    }

    let mut picked: Vec<Topic> = scored
        .iter()
        .filter(|(s, _)| *s >= MIN_SCORE)
        .take(MAX_TIPS)
        .map(|(_, t)| *t)
        .collect();
    if picked.is_empty() && ctx.at_least_one {
        picked.extend(scored.first().map(|(_, t)| *t));
    }
    Selection {
        tips: picked
            .into_iter()
            .map(|topic| Choice {
                topic,
                phrasing: phrasing(topic, ctx.advice, ctx.seed),
            })
            .collect(),
        cold_withheld,
    }
}

/// Highest score first; equal scores in topic (catalogue) order.
fn sort(scored: &mut [(f32, Topic)]) {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}

/// The phrasing to use: the next one after those this runner has already
/// seen, starting from a per-runner offset. (Taken modulo the number of
/// phrasings by the caller.)
pub fn phrasing(topic: Topic, advice: &[AdviceRecord], seed: u64) -> usize {
    let seen = advice.iter().filter(|a| a.tips.contains(&topic)).count();
    (seed as usize).wrapping_add(seen)
}
