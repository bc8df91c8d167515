//! The engine: the one entry point every transport calls.
//!
//! [`Bot::handle`] takes an [`Incoming`] message (who, where, what, when) and
//! returns the [`Reply`] to show, having logged what the runner told it. It
//! knows nothing of Discord or terminals: transports convert their events
//! into `Incoming` and the `Reply` into their own messages. The time comes in
//! with the message, so the engine never reads a clock and every test is
//! deterministic.

mod format;
mod handle;
mod log;
mod privacy;
mod profile;
mod reminders;
mod stats;

pub use log::implausible;

use jiff::Timestamp;
use thiserror::Error;

use crate::catalogue::Catalogue;
use crate::intent::{Intent, Topic};
use crate::store::{Store, StoreError, UserId};

/// Where a message was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A direct message: always for the bot.
    Dm,
    /// A server channel. `addressed` is true when the message is for the bot:
    /// it mentions the bot, replies to it, is a slash command, or was written
    /// in a channel the server's admins set the bot to listen to.
    Guild { guild: String, addressed: bool },
}

/// A message from a runner, as every transport hands it to the engine.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub user: UserId,
    pub origin: Origin,
    pub text: String,
    pub at: Timestamp,
    /// The chat message id, when the transport has one (edits and deletes
    /// follow it).
    pub message_id: Option<String>,
}

/// One tip as shown to the runner: a card in Discord, a paragraph elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct TipCard {
    pub topic: Topic,
    pub title: String,
    pub text: String,
    pub caveats: Vec<String>,
    pub source: String,
}

/// What the bot answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The main text (acknowledgement, stats, help...), without the tips.
    pub text: String,
    pub intent: Intent,
    /// The tips, most relevant first.
    pub tips: Vec<TipCard>,
    /// Whether something was durably stored.
    pub logged: bool,
    /// Personal (stats, profile, privacy): a transport that can show a reply
    /// to the author alone (Discord's ephemeral replies) should.
    pub private: bool,
    /// A file to attach (export of a runner's data), as name and contents.
    pub attachment: Option<(String, String)>,
}

impl Reply {
    /// The reply as one plain-text message (console, replay, fallbacks).
    pub fn plain_text(&self) -> String {
        format::plain_text(self)
    }
}

/// What can stop the engine from answering at all. Most trouble (a message
/// it cannot read, a write that fails) still gets a friendly reply; only a
/// broken store surfaces here, for the transport to log.
#[derive(Debug, Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The bot: catalogue and store, shared by every transport.
#[derive(Debug, Clone)]
pub struct Bot {
    catalogue: std::sync::Arc<Catalogue>,
    store: Store,
}

impl Bot {
    pub fn new(catalogue: Catalogue, store: Store) -> Bot {
        Bot {
            catalogue: std::sync::Arc::new(catalogue),
            store,
        }
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Handles one message. `None` means the message is not for the bot (a
    /// server message that does not address it) and nothing was stored.
    pub fn handle(&self, msg: &Incoming) -> Option<Reply> {
        if let Origin::Guild {
            addressed: false, ..
        } = msg.origin
        {
            return None;
        }
        Some(handle::respond(self, msg, None))
    }

    /// Handles a message already understood: `parsed` stands in for what the
    /// matcher would make of `msg.text`. For slash commands, and for tests
    /// that must not depend on the matcher's vocabulary.
    pub fn handle_parsed(&self, msg: &Incoming, parsed: crate::intent::Parsed) -> Option<Reply> {
        if let Origin::Guild {
            addressed: false, ..
        } = msg.origin
        {
            return None;
        }
        Some(handle::respond(self, msg, Some(parsed)))
    }
}
