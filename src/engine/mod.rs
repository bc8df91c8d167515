//! The engine: what every transport calls, through one door.
//!
//! [`Bot::dispatch`] takes an [`Event`] (a message, a slash command, an
//! edit, a delete, a button) and returns its [`Outcome`], usually the
//! [`Reply`] to show, having logged what the runner told it and followed
//! the event up (see `door.rs`). It knows nothing of Discord or terminals:
//! transports convert their events into [`Incoming`] messages and events,
//! and the `Reply` into their own messages. The time comes in with the
//! event, so the engine never reads a clock and every test is
//! deterministic.

mod brevity;
mod chat;
mod corrections;
mod disclosure;
mod door;
mod edits;
mod format;
mod handle;
mod limits;
mod log;
mod pending;
mod privacy;
mod profile;
mod questions;
mod recap;
mod reminders;
mod safety;
mod servers;
mod stats;

pub use disclosure::{classify, Personal, PERSONAL_REPLIES};
pub use door::{Event, Outcome};
pub use limits::{MAX_LOGS_PER_DAY, MAX_USER_ID_BYTES};
pub use log::implausible;
pub use privacy::CONFIRM_WITHIN_MINUTES;

use std::sync::Arc;

use jiff::Timestamp;

pub use crate::model::Attachment;

use crate::catalogue::Catalogue;
use crate::club::Weekly;
use crate::intent::{self, Intent, ParseOptions, Parsed, Topic};
use crate::reminders::Reminders;
use crate::store::{Contacts, Guilds, MessageAuthors, Store, StoreError, UserId};

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
    /// A file to attach: the export of a runner's data, or the chart of
    /// their weeks.
    pub attachment: Option<Attachment>,
    /// Some fitting tips were held back to keep the reply short: the runner
    /// can ask for them ("more tips", or a button where the transport has
    /// one).
    pub more_tips: bool,
    /// For a private reply in a server: what the channel may read instead
    /// (a logged run's acknowledgement, naming no health, pain or sleep
    /// detail). `None`: the channel gets only a pointer to the DM.
    pub public_text: Option<String>,
    /// A medical warning sign: the runner must read the opening "stop and
    /// get help" even where the details cannot reach them privately (a
    /// server member whose DMs are closed).
    pub urgent: bool,
    /// The instants `text` names (next reminder, a confirmation's expiry),
    /// for transports that can show them in each reader's own clock.
    pub times: Vec<TimeMark>,
}

/// An instant a reply names in words.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeMark {
    /// The words in the reply's text that name it ("22:30 (Europe/Berlin)").
    pub words: String,
    pub at: Timestamp,
    pub style: TimeStyle,
}

/// How the words of a [`TimeMark`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStyle {
    /// A clock time: may be replaced by the reader's own clock time.
    Clock,
    /// A span until a deadline ("10 minutes"): stays, the instant may be
    /// added.
    Deadline,
}

impl Reply {
    /// A reply of `text` alone: no tips, nothing logged, not personal (the
    /// engine's disclosure list decides that later), no file.
    pub fn new(intent: Intent, text: String) -> Reply {
        Reply {
            text,
            intent,
            tips: Vec::new(),
            logged: false,
            private: false,
            attachment: None,
            more_tips: false,
            public_text: None,
            urgent: false,
            times: Vec::new(),
        }
    }

    /// The reply as one plain-text message (console, replay, fallbacks).
    pub fn plain_text(&self) -> String {
        format::plain_text(self)
    }
}

/// The bot: catalogue, store and reminders, shared by every transport.
#[derive(Debug, Clone)]
pub struct Bot {
    catalogue: Arc<Catalogue>,
    store: Store,
    reminders: Reminders,
    /// Open questions and held-back tips, per runner (in memory: see
    /// [`pending`]).
    conversations: Arc<pending::Conversations>,
    /// Which chat message logged what, for edits and deletes.
    authors: MessageAuthors,
    /// Servers' settings and who was greeted (see `servers.rs`).
    guilds: Guilds,
    contacts: Contacts,
    /// Servers' clubs and their weekly posts.
    club: Weekly,
}

impl Bot {
    /// Fails only when the store cannot open the records the engine keeps.
    pub fn new(catalogue: Catalogue, store: Store) -> Result<Bot, StoreError> {
        let catalogue = Arc::new(catalogue);
        let recaps = recap::Writer::new(catalogue.clone(), store.clone());
        let reminders = Reminders::new(&store, catalogue.clone())?.with_recap(Arc::new(recaps));
        let club = Weekly::new(&store, catalogue.clone())?;
        Ok(Bot {
            catalogue,
            club,
            authors: MessageAuthors::open(&store)?,
            guilds: Guilds::open(&store)?,
            contacts: Contacts::open(&store)?,
            store,
            reminders,
            conversations: Arc::default(),
        })
    }

    /// The clubs, for the transport that runs their weekly posts.
    pub fn club(&self) -> &Weekly {
        &self.club
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The reminders, for the transport that runs their scheduler (or, in
    /// `replay`, claims them with the scripted clock).
    pub fn reminders(&self) -> &Reminders {
        &self.reminders
    }

    fn answer(&self, msg: &Incoming, parsed: Option<Parsed>) -> Option<Reply> {
        if let Origin::Guild {
            addressed: false, ..
        } = msg.origin
        {
            return None;
        }
        if let Some(reply) = limits::refuse_at_door(self, msg) {
            return Some(reply);
        }
        let given = parsed.clone();
        let mut reading = None;
        let mut reply = handle::respond(self, msg, parsed, &mut reading);
        // The message may have set or stopped a reminder, or logged the run
        // that calls for a rest day: the follow-up every event gets (see
        // `door`), with the notice that reminders were paused said once.
        let mut notice = false;
        if let Some(text) = self.follow_up(&msg.user, msg.at, true) {
            reply.text = format!("{text}\n{}", reply.text);
            notice = true;
        }
        // Who may read the reply: decided here, once, for every transport.
        let profile = self.store.profile(&msg.user).unwrap_or_default();
        // The text as read while answering, unless the message changed how
        // the runner's numbers read ("use miles, ran 5"): then read again.
        let first = reading
            .filter(|r| r.unit == profile.unit && r.fahrenheit == profile.fahrenheit)
            .map(|r| r.parsed);
        let parsed = given.or(first).unwrap_or_else(|| {
            let opts = ParseOptions {
                default_unit: profile.unit,
            };
            intent::parse_for_runner(msg.text.trim(), &opts, profile.fahrenheit)
        });
        self.disclose(&parsed, &mut reply, &profile, notice);
        Some(reply)
    }
}
