//! Sending a direct message to a runner, for features that speak first:
//! [`send_dm`], and [`DmDelivery`], the reminders' way to reach a runner on
//! Discord. They need nothing else of the transport: an [`Http`] client, a
//! user id and the text (and the weekly recap's chart).

use std::sync::Arc;

use serenity::builder::{CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateMessage};
use serenity::http::{Http, HttpError};
use serenity::model::id::UserId;
use thiserror::Error;

use super::outgoing;
use crate::catalogue::Catalogue;
use crate::intent::ReminderKind;
use crate::model::Attachment;
use crate::reminders::{Deliver, DeliveryError, DueReminder};

/// Discord's "Cannot send messages to this user".
const CANNOT_MESSAGE_USER: isize = 50_007;

/// Why a DM did not go out.
#[derive(Debug, Error)]
pub enum DmError {
    /// The runner closed their DMs to the bot, or shares no server with it
    /// (Discord error 50007). Retrying will not help until they change that.
    #[error("the user does not accept direct messages from the bot (Discord error 50007)")]
    Closed,
    /// 0 is no Discord user.
    #[error("0 is not a Discord user id")]
    NoSuchUser,
    /// Anything else (network, Discord down, rate limits): may be retried.
    #[error("Discord refused or failed the direct message: {0}")]
    Discord(#[source] Box<serenity::Error>),
}

impl From<serenity::Error> for DmError {
    fn from(err: serenity::Error) -> DmError {
        match &err {
            serenity::Error::Http(HttpError::UnsuccessfulRequest(e))
                if e.error.code == CANNOT_MESSAGE_USER =>
            {
                DmError::Closed
            }
            _ => DmError::Discord(Box::new(err)),
        }
    }
}

/// Sends `text` to `user` in a DM, split to Discord's length limit, with no
/// mentions allowed to ping anyone.
pub async fn send_dm(http: &Http, user: u64, text: &str) -> Result<(), DmError> {
    send_dm_with(http, user, text, Vec::new()).await
}

/// [`send_dm`] with buttons under the last piece.
pub async fn send_dm_with(
    http: &Http,
    user: u64,
    text: &str,
    rows: Vec<CreateActionRow>,
) -> Result<(), DmError> {
    send_dm_full(http, user, text, rows, None).await
}

/// [`send_dm_with`] and a file on the first piece (the weekly recap's
/// chart), a picture described by its alt text.
pub async fn send_dm_full(
    http: &Http,
    user: u64,
    text: &str,
    rows: Vec<CreateActionRow>,
    file: Option<&Attachment>,
) -> Result<(), DmError> {
    if user == 0 {
        return Err(DmError::NoSuchUser);
    }
    let channel = UserId::new(user).create_dm_channel(http).await?;
    let pieces = outgoing::split_plain(text);
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.into_iter().enumerate() {
        let mut msg = CreateMessage::new()
            .content(piece)
            .allowed_mentions(CreateAllowedMentions::new());
        if i == last && !rows.is_empty() {
            msg = msg.components(rows.clone());
        }
        if let Some(file) = file.filter(|_| i == 0) {
            let mut created = CreateAttachment::bytes(file.bytes.clone(), file.name.clone());
            if file.is_image() {
                // Discord keeps at most 1024 characters of a description.
                created = created.description(file.alt.chars().take(1024).collect::<String>());
            }
            msg = msg.add_file(created);
        }
        channel.id.send_message(http, msg).await?;
    }
    Ok(())
}

/// Delivers due reminders as DMs. A runner who closed their DMs is
/// [`DeliveryError::Blocked`], so the reminders pause their reminders.
#[derive(Clone)]
pub struct DmDelivery {
    http: Arc<Http>,
    /// With a catalogue, a bedtime reminder carries Snooze / Skip tonight.
    buttons: Option<Arc<Catalogue>>,
}

impl DmDelivery {
    pub fn new(http: Arc<Http>) -> DmDelivery {
        DmDelivery {
            http,
            buttons: None,
        }
    }

    /// Bedtime reminders get Snooze / Skip tonight buttons, labelled from
    /// `catalogue`.
    pub fn with_buttons(mut self, catalogue: Arc<Catalogue>) -> DmDelivery {
        self.buttons = Some(catalogue);
        self
    }
}

impl Deliver for DmDelivery {
    async fn deliver(&self, reminder: &DueReminder) -> Result<(), DeliveryError> {
        let user = reminder.user.as_str().parse::<u64>().map_err(|_| {
            DeliveryError::Failed(format!("`{}` is not a Discord user id", reminder.user))
        })?;
        let rows = match (&self.buttons, reminder.kind) {
            (Some(catalogue), ReminderKind::Sleep) => {
                super::buttons::for_bedtime(user, reminder.due, catalogue)
            }
            _ => Vec::new(),
        };
        let file = reminder.attachment.as_ref();
        match send_dm_full(&self.http, user, &reminder.text, rows, file).await {
            Ok(()) => Ok(()),
            Err(DmError::Closed) => Err(DeliveryError::Blocked),
            Err(e) => Err(DeliveryError::Failed(e.to_string())),
        }
    }
}
