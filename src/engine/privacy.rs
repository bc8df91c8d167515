//! What a runner can do with their own data: take it away as JSON, or delete
//! all of it (after a confirmation, so one stray message cannot wipe a
//! season of logs). Every answer here is private.

use jiff::SignedDuration;

use super::{Attachment, Bot, Incoming, Reply, TimeMark, TimeStyle};
use crate::intent::Intent;
use crate::store::{Profile, StoreError};

/// How long a "delete my data" waits for its "yes, delete".
pub const CONFIRM_WITHIN_MINUTES: i64 = 10;

/// "Export my data": everything held, as a JSON attachment.
pub(super) fn export(bot: &Bot, msg: &Incoming) -> Result<Reply, StoreError> {
    let data = bot.store.export(&msg.user)?;
    let logs = bot.catalogue.count("count.logs", data.logs.len());
    // Serialising our own plain records cannot fail.
    let json = serde_json::to_string_pretty(&data).unwrap_or_default();
    let mut reply = bot.plain(Intent::Unknown, "privacy.export", &[("logs", &logs)]);
    reply.attachment = Some(Attachment {
        name: format!("cooldown-{}.json", msg.user.as_str()),
        bytes: json.into_bytes(),
        alt: "JSON".to_owned(),
    });
    reply.private = true;
    Ok(reply)
}

/// "Delete my data": remembers the request and asks for confirmation.
pub(super) fn ask_delete(
    bot: &Bot,
    msg: &Incoming,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    let mut pending = profile.clone();
    pending.delete_requested_at = Some(msg.at);
    bot.store.save_profile(&msg.user, &pending)?;
    // A bare "yes" (or 👍) within the window confirms too.
    bot.conversations
        .ask(&msg.user, msg.at, super::pending::Question::ConfirmDelete);
    let mut reply = bot.plain(Intent::Unknown, "privacy.delete_ask", &[]);
    reply.private = true;
    // The shipped sentence says "within 10 minutes"; a transport that finds
    // no such words adds the instant at the end.
    reply.times = vec![TimeMark {
        words: format!("{CONFIRM_WITHIN_MINUTES} minutes"),
        at: crate::clock::after(
            msg.at,
            jiff::SignedDuration::from_mins(CONFIRM_WITHIN_MINUTES),
        ),
        style: TimeStyle::Deadline,
    }];
    Ok(reply)
}

/// "Yes, delete": deletes everything if a request is waiting.
pub(super) fn confirm_delete(
    bot: &Bot,
    msg: &Incoming,
    profile: &Profile,
) -> Result<Reply, StoreError> {
    let window = SignedDuration::from_mins(CONFIRM_WITHIN_MINUTES);
    let waiting = profile
        .delete_requested_at
        .is_some_and(|at| at <= msg.at && msg.at.duration_since(at) <= window);
    let mut reply = if waiting {
        let removed = bot.store.delete_user(&msg.user)?;
        let logs = bot.catalogue.count("count.logs", removed);
        bot.plain(Intent::Unknown, "privacy.delete_done", &[("logs", &logs)])
    } else {
        bot.plain(Intent::Unknown, "privacy.delete_nothing", &[])
    };
    reply.private = true;
    Ok(reply)
}

impl Bot {
    /// Whether this very message asked to delete the runner's data: a
    /// delete now waits for its confirmation, asked at the message's
    /// instant (a transport offers its buttons).
    pub fn asked_to_delete(&self, msg: &Incoming) -> bool {
        self.store
            .profile(&msg.user)
            .is_ok_and(|p| p.delete_requested_at == Some(msg.at))
    }

    /// "Cancel" on a delete: forgets a waiting request, deletes nothing.
    /// Returns whether one was waiting.
    pub fn cancel_delete(&self, user: &crate::store::UserId) -> Result<bool, StoreError> {
        let mut profile = self.store.profile(user)?;
        if profile.delete_requested_at.take().is_none() {
            return Ok(false);
        }
        self.store.save_profile(user, &profile)?;
        Ok(true)
    }
}

/// "No" to the delete confirmation: the request is withdrawn.
pub(super) fn cancel_delete(bot: &Bot, msg: &Incoming) -> Result<Reply, StoreError> {
    bot.cancel_delete(&msg.user)?;
    let mut reply = bot.plain(Intent::Undo, "privacy.delete_cancelled", &[]);
    reply.private = true;
    Ok(reply)
}
