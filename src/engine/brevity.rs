//! Saying less, better: an ordinary reply shows at most
//! [`SHOWN_TIPS`](crate::coach::SHOWN_TIPS) tips
//! and stays within about [`MAX_REPLY_CHARS`] characters; what fits but was
//! left out waits for "more tips" (and `Reply::more_tips` tells a transport
//! to offer a button). A caveat is said once: not twice in a reply, and not
//! again in the reply right after the one that said it.

use std::mem::Discriminant;

use jiff::{SignedDuration, Timestamp};

use super::{format, Bot, Incoming, Reply, TipCard};
use crate::coach::{Choice, Note, SHOWN_TIPS};
use crate::intent::{self, Intent};
use crate::store::{AdviceRecord, StoreError};

/// About the most a runner reads after a run, tips included (plain text).
pub const MAX_REPLY_CHARS: usize = 600;
/// A caveat shown within this many hours is not repeated on the next reply.
pub const CAVEAT_MEMORY_HOURS: i64 = 12;
/// After an easy or unrated run, a recovery estimate said within this many
/// hours is not said again unless it changed by [`RECOVERY_CHANGE_HOURS`].
pub const RECOVERY_MEMORY_HOURS: i64 = 72;
/// A change in the recovery estimate worth saying again.
pub const RECOVERY_CHANGE_HOURS: u32 = 12;

/// The tips a reply shows, and the ones it holds back.
pub(super) struct Fitted {
    pub cards: Vec<TipCard>,
    pub shown: Vec<Choice>,
    pub held: Vec<Choice>,
}

/// Fits `choices` (most relevant first) after `text`: at most
/// [`SHOWN_TIPS`], caveats said once, and fewer tips when the reply would
/// run past [`MAX_REPLY_CHARS`] (one tip always stays).
pub(super) fn fit(
    bot: &Bot,
    text: &str,
    choices: &[Choice],
    advice: &[AdviceRecord],
    now: Timestamp,
) -> Fitted {
    let split = choices.len().min(SHOWN_TIPS);
    let mut shown = choices[..split].to_vec();
    let mut held = choices[split..].to_vec();
    let mut said = recent_caveats(bot, advice, now);
    let mut cards = bot.cards(&shown);
    for card in &mut cards {
        card.caveats.retain(|c| {
            let new = !said.contains(c);
            said.push(c.clone());
            new
        });
    }
    while cards.len() > 1 && plain_len(text, &cards) > MAX_REPLY_CHARS {
        cards.pop();
        if let Some(choice) = shown.pop() {
            held.insert(0, choice);
        }
    }
    Fitted { cards, shown, held }
}

/// Leaves out the coach's reminders that the previous reply (within
/// [`CAVEAT_MEMORY_HOURS`]) already said: sleep debt, a short night, a
/// heavier week, cold therapy held back, rest after a long run. Safety
/// notes and the rest-day question always stay; the recovery estimate
/// stays after a hard session (see [`keep_recovery_estimate`]).
pub(super) fn drop_repeated_notes(bot: &Bot, msg: &Incoming, hard: bool, notes: &mut Vec<Note>) {
    notes.retain(|n| match n {
        Note::RecoveryTime { hours, carried, .. } => {
            keep_recovery_estimate(bot, msg, hard, *hours, *carried)
        }
        _ => true,
    });
    let said = bot.conversations.said_notes(&msg.user);
    let recent = said.as_ref().is_some_and(|(at, _)| {
        *at <= msg.at
            && msg.at.duration_since(*at) <= SignedDuration::from_hours(CAVEAT_MEMORY_HOURS)
    });
    if let (true, Some((_, said))) = (recent, said) {
        notes.retain(|n| {
            let repeatable = matches!(
                n,
                Note::SleepDebt { .. }
                    | Note::ShortNight { .. }
                    | Note::LoadUp
                    | Note::ColdWithheld
                    | Note::RestAfterLong { .. }
            );
            !(repeatable && said.contains(&std::mem::discriminant(n)))
        });
    }
    // Only what this reply says counts for the next one.
    let kinds: Vec<Discriminant<Note>> = notes.iter().map(std::mem::discriminant).collect();
    bot.conversations.set_said_notes(&msg.user, msg.at, kinds);
}

/// "Give yourself about 18 hours before your next hard session" answers
/// the question a hard session raises; after easy runs day after day it
/// would be the same line every time. So it is said after a hard session,
/// or when the last estimate is older than [`RECOVERY_MEMORY_HOURS`] or
/// differs by [`RECOVERY_CHANGE_HOURS`] or more (for an earlier run's
/// recovery carried over, its end: a figure that only counts down is no
/// news); what is said is
/// remembered.
fn keep_recovery_estimate(
    bot: &Bot,
    msg: &Incoming,
    hard: bool,
    hours: u32,
    carried: bool,
) -> bool {
    let last = bot.conversations.recovery_said(&msg.user);
    // The same figure is no news; nor is an earlier run's recovery that
    // only counted down since (the same end).
    let repeat = last.is_some_and(|(at, said)| {
        let since = msg.at.duration_since(at).as_secs_f64() / 3600.0;
        let moved = (f64::from(said) - since - f64::from(hours)).abs();
        let same = if carried {
            moved < f64::from(RECOVERY_CHANGE_HOURS)
        } else {
            said.abs_diff(hours) < RECOVERY_CHANGE_HOURS
        };
        at <= msg.at && since <= RECOVERY_MEMORY_HOURS as f64 && same
    });
    let keep = hard || !repeat;
    if keep {
        bot.conversations
            .set_recovery_said(&msg.user, msg.at, hours);
    }
    keep
}

/// The caveats of the reply before this one, if it was recent.
fn recent_caveats(bot: &Bot, advice: &[AdviceRecord], now: Timestamp) -> Vec<String> {
    let since = crate::clock::before(now, jiff::SignedDuration::from_hours(CAVEAT_MEMORY_HOURS));
    advice
        .iter()
        .filter(|a| a.at > since && a.at <= now)
        .max_by_key(|a| a.at)
        .map(|a| {
            a.tips
                .iter()
                .flat_map(|t| bot.catalogue.tip(*t).caveats.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The length the runner reads, as the plain-text rendering shows it.
fn plain_len(text: &str, cards: &[TipCard]) -> usize {
    let reply = Reply {
        tips: cards.to_vec(),
        ..Reply::new(Intent::LogRun, text.to_owned())
    };
    format::plain_text(&reply).chars().count()
}

/// "More tips": the tips the last reply held back, or `None` when there are
/// none (the message is then read as an ordinary request for tips).
pub(super) fn more_tips(bot: &Bot, msg: &Incoming) -> Result<Option<Reply>, StoreError> {
    if !intent::asks_more_tips(&msg.text) {
        return Ok(None);
    }
    let held = bot.conversations.more_tips(&msg.user, msg.at);
    if held.is_empty() {
        return Ok(None);
    }
    let history = bot.history(msg)?;
    let fitted = fit(bot, "", &held, &history.advice, msg.at);
    bot.store.record_advice(
        &msg.user,
        &AdviceRecord {
            at: msg.at,
            tips: fitted.shown.iter().map(|c| c.topic).collect(),
        },
    )?;
    bot.conversations
        .hold_back(&msg.user, msg.at, fitted.held.clone());
    let mut reply = bot.plain(Intent::AskTips, "more.intro", &[]);
    reply.tips = fitted.cards;
    reply.more_tips = !fitted.held.is_empty();
    Ok(Some(reply))
}
