//! Edited and deleted chat messages. A runner who fixes a typo in a logged
//! message ("ran 2k" → "ran 20k") gets the log corrected, not a second one;
//! one who deletes the message gets the log removed. Messages that never
//! logged anything are left alone.

use super::format::describe_entry;
use super::{implausible, Bot, Incoming, Reply};
use crate::coach;
use crate::intent::{self, Intent, ParseOptions, Parsed};
use crate::store::{LogEntry, StoreError, UserId};

impl Bot {
    /// Handles the new text of an edited message (`msg.message_id` names
    /// it). Returns the reply to show, or `None` when the message had not
    /// logged anything, so there is nothing to correct.
    pub(super) fn handle_edit(&self, msg: &Incoming) -> Result<Option<Reply>, StoreError> {
        let Some(message_id) = msg.message_id.as_deref() else {
            return Ok(None);
        };
        let Some((key, old)) = self.store().find_by_message(&msg.user, message_id)? else {
            return Ok(None);
        };
        let profile = self.store().profile(&msg.user)?;
        let opts = ParseOptions {
            default_unit: profile.unit,
        };
        let parsed = intent::parse(msg.text.trim(), &opts);
        let reply = match entry_from(&parsed, &old) {
            Some(new) if implausible(&parsed, &profile).is_none() => {
                self.store().replace(&key, &new)?;
                let what = describe_entry(&new, &profile, self.catalogue());
                self.edit_reply(parsed.intent, "edit.updated", &what, true)
            }
            Some(new) => {
                let what = describe_entry(&new, &profile, self.catalogue());
                self.edit_reply(parsed.intent, "edit.absurd", &what, false)
            }
            None => {
                self.store().remove(&key)?;
                let what = describe_entry(&old, &profile, self.catalogue());
                self.edit_reply(parsed.intent, "edit.removed", &what, true)
            }
        };
        Ok(Some(reply))
    }

    /// A logged message was deleted: removes its log. Returns whether a log
    /// was removed.
    pub(super) fn handle_delete(
        &self,
        user: &UserId,
        message_id: &str,
    ) -> Result<bool, StoreError> {
        match self.store().find_by_message(user, message_id)? {
            Some((key, _)) => Ok(self.store().remove(&key)?.is_some()),
            None => Ok(false),
        }
    }

    /// "Undo" on one logged message (a button under its reply): removes
    /// that log, whatever was logged since. `None` when it is already gone.
    pub(super) fn undo_message(
        &self,
        user: &UserId,
        message_id: &str,
    ) -> Result<Option<Reply>, StoreError> {
        let Some((key, entry)) = self.store().find_by_message(user, message_id)? else {
            return Ok(None);
        };
        self.store().remove(&key)?;
        let profile = self.store().profile(user)?;
        let what = describe_entry(&entry, &profile, self.catalogue());
        let text = self.say("undo.done", &[("what", &what)]);
        let mut reply = Reply::new(Intent::Undo, text);
        reply.logged = true;
        reply.private = true;
        Ok(Some(reply))
    }

    fn edit_reply(&self, intent: Intent, key: &str, what: &str, logged: bool) -> Reply {
        Reply {
            logged,
            // It names the log, which may hold sleep or pain.
            private: true,
            ..Reply::new(intent, self.catalogue().say(key, 0, &[("what", what)]))
        }
    }
}

/// The log the edited text stands for, keeping the original message's time
/// and id; `None` when the text no longer logs anything.
fn entry_from(parsed: &Parsed, old: &LogEntry) -> Option<LogEntry> {
    let mut entry = coach::entry_for(parsed, old.logged_at)?;
    entry.message_id = old.message_id.clone();
    Some(entry)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::catalogue::Catalogue;
    use crate::engine::Origin;
    use crate::store::Store;

    fn bot() -> Bot {
        let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
        Bot::new(catalogue, Store::temporary().unwrap()).unwrap()
    }

    fn msg(text: &str, id: &str, at: &str) -> Incoming {
        Incoming {
            user: UserId::new("42"),
            origin: Origin::Dm,
            text: text.to_owned(),
            at: at.parse().unwrap(),
            message_id: Some(id.to_owned()),
        }
    }

    #[test]
    fn an_edit_corrects_the_log_in_place() {
        let bot = bot();
        let first = msg("ran 2k easy", "m1", "2026-06-01T18:00:00Z");
        assert!(bot.handle(&first).unwrap().logged);
        let edit = msg("ran 20k easy", "m1", "2026-06-01T18:05:00Z");
        let reply = bot.handle_edit(&edit).unwrap().expect("a logged message");
        assert!(reply.logged);
        assert!(reply.text.contains("20 km"), "{}", reply.text);
        let logs = bot
            .store()
            .logs_since(&UserId::new("42"), Timestamp::MIN)
            .unwrap();
        assert_eq!(logs.len(), 1, "corrected, not added");
        let run = logs[0].1.run.as_ref().unwrap();
        assert_eq!(run.distance_m, Some(20_000.0));
        assert_eq!(logs[0].1.logged_at, first.at, "keeps the original time");
    }

    #[test]
    fn an_edit_to_nonsense_removes_and_an_absurd_edit_keeps() {
        let bot = bot();
        bot.handle(&msg("ran 10k", "m1", "2026-06-01T18:00:00Z"));
        let absurd = bot
            .handle_edit(&msg("ran 900k", "m1", "2026-06-01T18:01:00Z"))
            .unwrap()
            .unwrap();
        assert!(!absurd.logged);
        assert!(bot.store().last_log(&UserId::new("42")).unwrap().is_some());
        let removed = bot
            .handle_edit(&msg("hello there", "m1", "2026-06-01T18:02:00Z"))
            .unwrap()
            .unwrap();
        assert!(removed.logged);
        assert!(bot.store().last_log(&UserId::new("42")).unwrap().is_none());
    }

    #[test]
    fn unknown_messages_are_left_alone_and_deletes_remove() {
        let bot = bot();
        assert!(bot
            .handle_edit(&msg("ran 5k", "nope", "2026-06-01T18:00:00Z"))
            .unwrap()
            .is_none());
        bot.handle(&msg("slept 7h", "m2", "2026-06-01T08:00:00Z"));
        let user = UserId::new("42");
        assert!(bot.handle_delete(&user, "m2").unwrap());
        assert!(!bot.handle_delete(&user, "m2").unwrap());
        assert!(bot.store().last_log(&user).unwrap().is_none());
    }
}
