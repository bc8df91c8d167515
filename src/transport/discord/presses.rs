//! Button presses ([`super::buttons`]): each checks that the presser is
//! the runner the button belongs to and that it has not expired, then does
//! what the equivalent text command does, through the engine's one door.
//! The answer is shown to the presser alone.

use serenity::client::Context;
use serenity::model::application::ComponentInteraction;

use super::buttons::{ButtonId, Press};
use super::handler::Handler;
use super::incoming::to_jiff;
use super::outgoing::{self, Part};
use super::send;
use crate::engine::{self, Bot, Event, Incoming, Origin, Reply};
use crate::intent::{self, Command, ParseOptions};
use crate::model::UserId;

/// What a press comes to.
enum Outcome {
    Note(String),
    Reply(Reply),
}

impl Handler {
    pub(super) async fn answer_press(&self, ctx: &Context, press: &ComponentInteraction) {
        let now = self.now();
        let outcome = match ButtonId::parse(&press.data.custom_id) {
            None => Outcome::Note(self.say("discord.failed")),
            Some(id) if id.owner != press.user.id.get() => {
                tracing::debug!(button = %press.data.custom_id, "a button pressed by someone else");
                Outcome::Note(self.say("button.not_yours"))
            }
            Some(id) if !id.live_at(now) => Outcome::Note(self.say("button.expired")),
            Some(id) => self.pressed(press, id.press).await,
        };
        let catalogue = self.shared.bot.catalogue();
        let (parts, reply) = match &outcome {
            Outcome::Note(text) => (
                vec![Part {
                    content: text.clone(),
                    cards: Vec::new(),
                }],
                None,
            ),
            Outcome::Reply(reply) => (outgoing::parts(reply, catalogue, false), Some(reply)),
        };
        let sent =
            send::to_interaction(&ctx.http, press.into(), &parts, reply, true, &[], false).await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "cannot answer a button");
        }
    }

    async fn pressed(&self, press: &ComponentInteraction, what: Press) -> Outcome {
        let user = UserId::new(press.user.id.to_string());
        let msg = Incoming {
            user: user.clone(),
            origin: match press.guild_id {
                Some(g) => Origin::Guild {
                    guild: g.to_string(),
                    addressed: true,
                },
                None => Origin::Dm,
            },
            text: String::new(),
            at: to_jiff(&press.id.created_at()).unwrap_or_else(|| self.now()),
            message_id: None,
        };
        let result = self
            .engine(move |bot| press_on(bot, what, msg))
            .await
            .unwrap_or(Ok(None));
        match result {
            Ok(Some(Outcome::Reply(r))) => Outcome::Reply(r),
            Ok(Some(Outcome::Note(key))) => Outcome::Note(key),
            Ok(None) => Outcome::Note(self.say("discord.failed")),
            Err(e) => {
                tracing::error!(error = %e, "a button press failed");
                Outcome::Note(self.say("discord.failed"))
            }
        }
    }
}

/// Does what a button says, on the blocking thread, through the engine's
/// one door.
fn press_on(
    bot: &Bot,
    what: Press,
    mut msg: Incoming,
) -> Result<Option<Outcome>, crate::store::StoreError> {
    let say = |key: &str, when: &str| bot.catalogue().say(key, 0, &[("when", when)]);
    let markup = |t: jiff::Timestamp| format!("<t:{}:R>", t.as_second());
    let (user, at) = (msg.user.clone(), msg.at);
    let event = match what {
        Press::Undo {
            message: Some(message_id),
        } => Event::UndoMessage {
            user,
            message_id,
            at,
        },
        Press::Undo { message: None } => {
            msg.text = "undo".into();
            let mut parsed = intent::parse("", &ParseOptions::default());
            parsed.intent = intent::Intent::Undo;
            Event::Command(msg, Box::new(parsed))
        }
        Press::ConfirmDelete => {
            msg.text = "yes, delete".into();
            let mut parsed = intent::parse("", &ParseOptions::default());
            parsed.details.command = Some(Command::ConfirmDelete);
            Event::Command(msg, Box::new(parsed))
        }
        Press::CancelDelete => Event::CancelDelete { user, at },
        // The conversation's own command: the same words a runner types.
        Press::MoreTips => {
            msg.text = "more tips".into();
            Event::Message(msg)
        }
        Press::Snooze => Event::Snooze { user, at },
        Press::SkipTonight => Event::SkipTonight { user, at },
    };
    let note_when_moved = match &event {
        Event::Snooze { .. } => "button.snoozed",
        _ => "button.skipped",
    };
    let undo = matches!(event, Event::UndoMessage { .. });
    Ok(match bot.dispatch(event)? {
        engine::Outcome::Reply(reply) => Some(Outcome::Reply(reply)),
        engine::Outcome::Ignored if undo => Some(Outcome::Note(say("button.undo_gone", ""))),
        engine::Outcome::Ignored => None,
        engine::Outcome::Done => Some(Outcome::Note(say("button.delete_cancelled", ""))),
        engine::Outcome::Moved(Some(next)) => {
            Some(Outcome::Note(say(note_when_moved, &markup(next))))
        }
        engine::Outcome::Moved(None) => Some(Outcome::Note(say("button.nothing_to_snooze", ""))),
    })
}
