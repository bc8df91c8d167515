//! What the engine refuses before it reads a message, for every transport
//! alike: a time outside the ones the bot handles, and more logs in one
//! local day than any training explains. Runner ids too long to store whole
//! are refused by the transports, before a `UserId` is made (it cuts them).
//!
//! These guard the store and the runner's other data from one runaway
//! client (a script, a stuck key): they answer with a catalogue sentence and
//! store nothing.

use super::{Bot, Incoming, Reply};
use crate::intent::Intent;
use crate::rules::runner_zone;
use crate::store::{Profile, StoreError};

/// The longest runner id a transport may hand over, in bytes. Longer ids
/// are refused there, never cut: two ids cut to the same prefix would share
/// one runner's data. (Discord's ids are at most 20 digits; the console's
/// is fixed; `replay` checks its input.)
pub const MAX_USER_ID_BYTES: usize = 255;

/// Logs (runs, rest days, sleep, soreness) one runner may add in one local
/// day. Generous: a double day with sleep, soreness and a correction is a
/// handful; a thousand runs in a day is a runaway script, and each log
/// makes every later answer read more.
pub const MAX_LOGS_PER_DAY: usize = 30;

/// A refusal for a message that cannot be taken at all, before anything
/// is read or stored.
pub(super) fn refuse_at_door(bot: &Bot, msg: &Incoming) -> Option<Reply> {
    if !crate::clock::is_sane(msg.at) {
        tracing::warn!(at = %msg.at, "refused a message with a time outside the years the bot handles");
        return Some(bot.plain(Intent::Unknown, "limit.time", &[]));
    }
    None
}

/// The refusal for one log too many today (the runner's local day), or
/// `None` while there is room.
pub(super) fn refuse_log(
    bot: &Bot,
    msg: &Incoming,
    intent: Intent,
    profile: &Profile,
) -> Result<Option<Reply>, StoreError> {
    if !full_today(bot, msg, profile)? {
        return Ok(None);
    }
    let limit = MAX_LOGS_PER_DAY.to_string();
    Ok(Some(bot.plain(
        intent,
        "limit.logs_today",
        &[("limit", &limit)],
    )))
}

/// Whether the runner has logged [`MAX_LOGS_PER_DAY`] today already. Reads
/// at most today's logs.
pub(super) fn full_today(bot: &Bot, msg: &Incoming, profile: &Profile) -> Result<bool, StoreError> {
    let tz = runner_zone(profile);
    let day_start = msg
        .at
        .to_zoned(tz)
        .start_of_day()
        .map(|z| z.timestamp())
        .unwrap_or_else(|_| crate::clock::before(msg.at, jiff::SignedDuration::from_hours(24)));
    let today = bot.store.logs_since(&msg.user, day_start)?.len();
    let full = today >= MAX_LOGS_PER_DAY;
    if full {
        tracing::info!(user = %msg.user, today, "a log refused: the runner's daily limit is reached");
    }
    Ok(full)
}
