//! The one door into the engine: every event a transport sees (a message, a
//! slash command, an edit, a delete, a button, a club command) comes in as an [`Event`]
//! through [`Bot::dispatch`], and every one gets the same follow-up.
//!
//! Why one door: a change to a runner's logs, however it arrives, must move
//! their reminders (an edit from "ran 5k" to "ran 30k" calls for a rest day;
//! deleting a race message takes that rest day back), tell them once that
//! their reminders were paused while their DMs were closed, and be one unit
//! for a backup (the event holds the store's write gate for all its
//! writes). With one door that is written once, here, and a new kind of
//! event cannot forget it.
//!
//! Reminders falling due are the clock's events, not a runner's: the
//! scheduler (`reminders::scheduler`) claims them, in the live bot and in
//! `replay` alike, through [`crate::reminders::Reminders::claim_next`].

use jiff::Timestamp;

use super::{Bot, Incoming, Reply};
use crate::club::ClubAction;
use crate::intent::{Intent, Parsed};
use crate::store::{StoreError, UserId};

/// Something a runner did that the engine must answer or record.
#[derive(Debug, Clone)]
pub enum Event {
    /// A message in words: a DM, a server message, a console or replay line.
    Message(Incoming),
    /// A slash command, or a button that stands for words: `Parsed` is what
    /// the matcher would make of them.
    Command(Incoming, Box<Parsed>),
    /// A chat message was edited; `message_id` names it, `text` is new.
    Edited(Incoming),
    /// A chat message was deleted. Chat platforms say only which one, not
    /// who wrote it: the engine's message index knows.
    Deleted { message_id: String, at: Timestamp },
    /// The Undo button under one logged message: undoes that log.
    UndoMessage {
        user: UserId,
        message_id: String,
        at: Timestamp,
    },
    /// The Cancel button under a delete confirmation.
    CancelDelete { user: UserId, at: Timestamp },
    /// Snooze on a bedtime reminder.
    Snooze { user: UserId, at: Timestamp },
    /// Skip tonight on a bedtime reminder.
    SkipTonight { user: UserId, at: Timestamp },
    /// A club command ("club join", `/club show`) in the club of server
    /// `club`; `channel` is where a weekly post turned on goes. Who may
    /// turn the post on or off is the transport's to check.
    Club {
        user: UserId,
        club: u64,
        channel: u64,
        action: ClubAction,
        at: Timestamp,
    },
}

/// What came of an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing to say: a server message not for the bot, an edit or delete
    /// of a message that logged nothing, an undo of a log already gone.
    Ignored,
    /// The reply to show.
    Reply(Reply),
    /// A bedtime reminder moved: when it comes next (`None`: the runner has
    /// no bedtime reminder).
    Moved(Option<Timestamp>),
    /// Done, with nothing more to tell than that it was.
    Done,
}

impl Outcome {
    /// The reply, if the outcome is one.
    pub fn into_reply(self) -> Option<Reply> {
        match self {
            Outcome::Reply(reply) => Some(reply),
            _ => None,
        }
    }
}

impl Bot {
    /// Handles one event: the engine's only entry point. Errors are the
    /// store's; a message's own problems are answered in words instead.
    pub fn dispatch(&self, event: Event) -> Result<Outcome, StoreError> {
        // One unit for a backup: every write of this event, or none.
        let _scope = self.store().write_scope();
        match event {
            Event::Message(msg) => Ok(self.message(&msg, None)),
            Event::Command(msg, parsed) => Ok(self.message(&msg, Some(*parsed))),
            Event::Edited(msg) => {
                let reply = self.handle_edit(&msg)?;
                Ok(self.after_change(&msg.user, msg.at, reply))
            }
            Event::Deleted { message_id, at } => {
                let Some(user) = self.authors.author(&message_id)? else {
                    return Ok(Outcome::Ignored);
                };
                let removed = self.handle_delete(&user, &message_id)?;
                self.authors.forget(&message_id)?;
                if removed {
                    // Nothing is said in the channel; a notice waits for
                    // their next message.
                    self.follow_up(&user, at, false);
                }
                Ok(Outcome::Ignored)
            }
            Event::UndoMessage {
                user,
                message_id,
                at,
            } => {
                let reply = self.undo_message(&user, &message_id)?;
                Ok(self.after_change(&user, at, reply))
            }
            Event::CancelDelete { user, .. } => {
                self.cancel_delete(&user)?;
                Ok(Outcome::Done)
            }
            Event::Snooze { user, at } => {
                let next = self.reminders().book().snooze(&user, at)?;
                self.reminders().wake();
                Ok(Outcome::Moved(next))
            }
            Event::SkipTonight { user, at } => {
                let next = self.reminders().book().skip_tonight(&user, at)?;
                self.reminders().wake();
                Ok(Outcome::Moved(next))
            }
            Event::Club {
                user,
                club,
                channel,
                action,
                at,
            } => {
                // The contract's closest intents: a look at the week is
                // stats, a change is the runner's own setting.
                let intent = match action {
                    ClubAction::Show | ClubAction::Board { .. } => Intent::Stats,
                    _ => Intent::SetProfile,
                };
                let answer = self.club.answer(club, &user, channel, action, at)?;
                let mut reply = Reply::new(intent, answer.text);
                reply.logged = answer.changed;
                reply.private = true;
                Ok(Outcome::Reply(reply))
            }
        }
    }

    /// Handles one message in words (see [`Bot::dispatch`]). `None` means
    /// the message is not for the bot (a server message that does not
    /// address it) and nothing was stored.
    pub fn handle(&self, msg: &Incoming) -> Option<Reply> {
        // A message's problems are answered in words; only a store failure
        // in a follow-up could land here, and it was logged there.
        self.dispatch(Event::Message(msg.clone()))
            .ok()
            .and_then(Outcome::into_reply)
    }

    /// Handles a message already understood: `parsed` stands in for what the
    /// matcher would make of `msg.text`. For slash commands, and for tests
    /// that must not depend on the matcher's vocabulary.
    pub fn handle_parsed(&self, msg: &Incoming, parsed: Parsed) -> Option<Reply> {
        self.dispatch(Event::Command(msg.clone(), Box::new(parsed)))
            .ok()
            .and_then(Outcome::into_reply)
    }

    /// Who wrote a chat message that logged something (for an edit event
    /// that does not say).
    pub fn message_author(&self, message_id: &str) -> Result<Option<UserId>, StoreError> {
        self.authors.author(message_id)
    }

    /// Forgets which chat messages logged what before `horizon`: edits and
    /// deletes of older messages no longer reach their logs.
    pub fn forget_messages_before(&self, horizon: Timestamp) -> Result<usize, StoreError> {
        self.authors.prune(horizon)
    }

    /// A message: indexed by its chat id while it logs something (so that an
    /// edit or a delete finds the log), answered, then followed up.
    fn message(&self, msg: &Incoming, parsed: Option<Parsed>) -> Outcome {
        // Indexed before the engine logs, so that the log's own flush makes
        // the index durable too (one flush, not two); taken back if nothing
        // was logged.
        if let Some(id) = &msg.message_id {
            if let Err(e) = self.authors.note(id, &msg.user, msg.at) {
                tracing::warn!(error = %e, "cannot index a message for edits and deletes");
            }
        }
        let reply = self.answer(msg, parsed);
        if let (Some(id), false) = (&msg.message_id, reply.as_ref().is_some_and(|r| r.logged)) {
            if let Err(e) = self.authors.unnote(id) {
                tracing::warn!(error = %e, "cannot drop an index entry of a message");
            }
        }
        reply.map_or(Outcome::Ignored, Outcome::Reply)
    }

    /// The follow-up of an event that may have changed a runner's logs,
    /// with its notice (if any) put in front of the reply.
    fn after_change(&self, user: &UserId, at: Timestamp, reply: Option<Reply>) -> Outcome {
        let Some(mut reply) = reply else {
            return Outcome::Ignored;
        };
        if let Some(notice) = self.follow_up(user, at, true) {
            reply.text = format!("{notice}\n{}", reply.text);
        }
        Outcome::Reply(reply)
    }

    /// What every event that touches a runner's data is followed by: their
    /// due instants moved to fit their logs and zone, the scheduler woken,
    /// and, when `tell` and only once, the notice that their reminders were
    /// paused while their DMs were closed. Errors are logged: the event
    /// itself is done and answered.
    pub(super) fn follow_up(&self, user: &UserId, at: Timestamp, tell: bool) -> Option<String> {
        let result = if tell {
            self.reminders().after_message(user, at)
        } else {
            self.reminders().after_change(user, at).map(|()| None)
        };
        match result {
            Ok(notice) => notice,
            Err(err) => {
                tracing::error!(user = %user, error = %err, "cannot update the reminder book after an event");
                None
            }
        }
    }
}
