//! What the engine keeps for a chat platform beside the conversation: a
//! server's settings (the channel it listens to without a mention, whether
//! it was welcomed) and whether a runner was greeted. Transports ask here
//! rather than open the store's records themselves.

use jiff::Timestamp;

use super::Bot;
use crate::store::{StoreError, UserId};

impl Bot {
    /// The channel of `server` where every message is for the bot, if its
    /// admins set one.
    pub fn listen_channel(&self, server: u64) -> Result<Option<u64>, StoreError> {
        Ok(self.guilds.get(server)?.listen_channel)
    }

    /// Sets (or, with `None`, clears) a server's listen channel, durably.
    pub fn set_listen_channel(&self, server: u64, channel: Option<u64>) -> Result<(), StoreError> {
        self.guilds.set_listen_channel(server, channel)
    }

    /// Whether any server has a listen channel (reading every message there
    /// needs the platform's message-content permission).
    pub fn any_listen_channel(&self) -> Result<bool, StoreError> {
        self.guilds.any_listen_channel()
    }

    /// Marks a server welcomed, durably; false when it already was, so a
    /// server is welcomed once whatever the restarts.
    pub fn mark_welcomed(&self, server: u64) -> Result<bool, StoreError> {
        self.guilds.mark_welcomed(server)
    }

    /// Whether `user` is new to the bot: never greeted and nothing logged.
    pub fn is_new_runner(&self, user: &UserId) -> Result<bool, StoreError> {
        self.contacts.is_new(user)
    }

    /// Remembers that `user` was greeted (carried by the next flush).
    pub fn greeted(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        self.contacts.greeted(user, at)
    }
}
