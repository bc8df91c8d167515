//! Where a reply goes. In a DM, to the DM. In a server, a reply the engine
//! marked private ([`Reply::private`]) goes to the runner by DM, and the
//! channel gets only the reply's public acknowledgement
//! ([`Reply::public_text`], a logged run) or a pointer to the DM; when the
//! runner's DMs are closed (Discord error 50007), the channel gets one line
//! that says so and how to fix it, without the data. The bot's first DM
//! with a new runner starts with a short hello.

use serenity::http::Http;
use serenity::model::id::{ChannelId, UserId as DiscordUser};

use super::buttons::{self, Offer};
use super::dm::DmError;
use super::handler::Handler;
use super::outgoing;
use super::send::{self, Target};
use crate::engine::Reply;
use crate::model::UserId;

/// One reply to deliver.
pub(super) struct Delivery<'a> {
    pub target: Target,
    /// Written in a server channel (others can read it).
    pub in_server: bool,
    pub reply: &'a Reply,
    /// The chat message that logged it, if any (edits, deletes, Undo).
    pub message_id: Option<&'a str>,
    /// The message asked to delete the runner's data.
    pub delete_asked: bool,
    /// The reply logged a chat message: say edits and deletes carry through.
    pub logged_message: bool,
    /// The runner was new to the bot before this message
    /// ([`crate::store::Contacts::is_new`], read before the engine logged
    /// anything): the first DM starts with a hello.
    pub new_runner: bool,
}

impl Handler {
    /// Sends a reply; `true` when the runner got it (in the channel or by
    /// DM), for the replies-sent metric.
    pub(super) async fn deliver(&self, http: &Http, d: Delivery<'_>) -> bool {
        let catalogue = self.shared.bot.catalogue();
        let owner = d.target.author;
        let now = self.now();
        let offer = Offer {
            message: d.message_id,
            delete_asked: d.delete_asked,
        };
        let rows = buttons::for_reply(d.reply, owner.get(), now, offer, catalogue);
        let parts = outgoing::parts(d.reply, catalogue, d.logged_message);
        if !d.in_server || !d.reply.private {
            if !d.in_server && d.new_runner {
                self.greet_in(http, d.target.channel, owner).await;
            }
            if let Err(e) = send::to_channel(http, d.target, &parts, d.reply, &rows).await {
                tracing::warn!(channel = %d.target.channel, error = %e, "cannot send a reply");
                return false;
            }
            return true;
        }
        // Personal, asked in a server: the whole reply by DM.
        let hello = d.new_runner.then(|| self.say("dm.hello"));
        let sent = send::to_dm(http, owner, hello.as_deref(), &parts, d.reply, &rows).await;
        let delivered = sent.is_ok();
        let (note, rows) = match sent {
            Ok(()) => {
                if hello.is_some() {
                    self.remember_greeted(owner).await;
                }
                match &d.reply.public_text {
                    Some(public) => {
                        let undo =
                            buttons::undo_only(d.reply, owner.get(), now, d.message_id, catalogue);
                        (public.clone(), undo)
                    }
                    None => (self.say("dm.sent"), Vec::new()),
                }
            }
            Err(DmError::Closed) => {
                tracing::debug!(user = %owner, "DMs closed: a personal reply stays unsent");
                // A warning sign still tells them to stop and get help,
                // naming nothing; a logged run says it was logged.
                let key = if d.reply.urgent {
                    "dm.closed_urgent"
                } else if d.reply.public_text.is_some() {
                    "dm.closed_logged"
                } else {
                    "dm.closed"
                };
                (self.say(key), Vec::new())
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot send a personal reply by DM");
                (self.say("discord.failed"), Vec::new())
            }
        };
        if let Err(e) = send::note_to_channel(http, d.target, &note, &rows).await {
            tracing::warn!(channel = %d.target.channel, error = %e, "cannot post the DM pointer");
        }
        delivered
    }

    /// Records the greeting, flushed: on an engine slot, because a flush
    /// on the async worker would stall every other event behind the disk.
    async fn remember_greeted(&self, user: DiscordUser) {
        let id = UserId::new(user.to_string());
        let now = self.now();
        if let Some(Err(e)) = self.engine(move |bot| bot.greeted(&id, now)).await {
            tracing::warn!(error = %e, "cannot remember a greeting");
        }
    }

    /// In a DM the runner opened: the hello first, if they are new.
    async fn greet_in(&self, http: &Http, channel: ChannelId, user: DiscordUser) {
        let hello = self.say("dm.hello");
        let target = Target {
            channel,
            reply_to: None,
            author: user,
        };
        match send::text_to_channel(http, target, &hello).await {
            Ok(()) => self.remember_greeted(user).await,
            Err(e) => tracing::warn!(error = %e, "cannot send the hello"),
        }
    }
}
