//! Button presses ([`super::buttons`]): each checks that the presser is
//! the runner the button belongs to and that it has not expired, then does
//! what the equivalent text command does, through the engine (or, for
//! Snooze and Skip tonight, the reminder book). The answer is shown to the
//! presser alone.

use serenity::client::Context;
use serenity::model::application::ComponentInteraction;

use super::buttons::{ButtonId, Press};
use super::handler::Handler;
use super::incoming::to_jiff;
use super::outgoing::{self, Part};
use super::send;
use crate::engine::{Bot, Incoming, Origin, Reply};
use crate::intent::{self, Command, ParseOptions};
use crate::store::UserId;

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

/// Does what a button says, on the blocking thread.
fn press_on(
    bot: &Bot,
    what: Press,
    mut msg: Incoming,
) -> Result<Option<Outcome>, crate::store::StoreError> {
    let say = |key: &str, when: &str| bot.catalogue().say(key, 0, &[("when", when)]);
    let markup = |t: jiff::Timestamp| format!("<t:{}:R>", t.as_second());
    Ok(match what {
        Press::Undo { message: Some(id) } => Some(match bot.undo_message(&msg.user, &id)? {
            Some(reply) => Outcome::Reply(reply),
            None => Outcome::Note(say("button.undo_gone", "")),
        }),
        Press::Undo { message: None } => {
            msg.text = "undo".into();
            let mut parsed = intent::parse("", &ParseOptions::default());
            parsed.intent = intent::Intent::Undo;
            bot.handle_parsed(&msg, parsed).map(Outcome::Reply)
        }
        Press::ConfirmDelete => {
            msg.text = "yes, delete".into();
            let mut parsed = intent::parse("", &ParseOptions::default());
            parsed.details.command = Some(Command::ConfirmDelete);
            bot.handle_parsed(&msg, parsed).map(Outcome::Reply)
        }
        Press::CancelDelete => {
            bot.cancel_delete(&msg.user)?;
            Some(Outcome::Note(say("button.delete_cancelled", "")))
        }
        Press::MoreTips => {
            // The conversation's own command: the same words a runner types.
            msg.text = "more tips".into();
            bot.handle(&msg).map(Outcome::Reply)
        }
        Press::Snooze => Some(Outcome::Note(
            match bot.reminders().book().snooze(&msg.user, msg.at)? {
                Some(again) => {
                    bot.reminders().wake();
                    say("button.snoozed", &markup(again))
                }
                None => say("button.nothing_to_snooze", ""),
            },
        )),
        Press::SkipTonight => Some(Outcome::Note(
            match bot.reminders().book().skip_tonight(&msg.user, msg.at)? {
                Some(next) => {
                    bot.reminders().wake();
                    say("button.skipped", &markup(next))
                }
                None => say("button.nothing_to_snooze", ""),
            },
        )),
    })
}
