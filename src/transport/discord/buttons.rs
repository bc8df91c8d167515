//! Buttons under the bot's messages (Discord message components): Undo
//! under a logged run, Confirm / Cancel under a delete request, Snooze /
//! Skip tonight under a bedtime reminder, More tips under a reply that held
//! some back. Each button's id carries who it belongs to and until when it
//! works, so a press needs no stored state and survives a restart; the
//! press itself is answered in [`super::presses`]. Text commands still do
//! everything a button does (DMs without components, the console, replay).

use jiff::{SignedDuration, Timestamp};
use serenity::builder::{CreateActionRow, CreateButton};
use serenity::model::application::ButtonStyle;

use crate::catalogue::Catalogue;
use crate::engine::Reply;
use crate::intent::Intent;

/// How long each button works after its message.
pub const UNDO_MINUTES: i64 = 15;
pub const MORE_TIPS_MINUTES: i64 = 60;
pub const REMINDER_HOURS: i64 = 6;

/// What a button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Press {
    /// Undo the log made by chat message `message` (`None`: a slash
    /// command's log, which has no message: the runner's last log).
    Undo {
        message: Option<String>,
    },
    ConfirmDelete,
    CancelDelete,
    Snooze,
    SkipTonight,
    MoreTips,
}

impl Press {
    /// The action's word in a button id (and its metrics label).
    pub fn action(&self) -> &'static str {
        match self {
            Press::Undo { .. } => "undo",
            Press::ConfirmDelete => "delete",
            Press::CancelDelete => "keep",
            Press::Snooze => "snooze",
            Press::SkipTonight => "skip",
            Press::MoreTips => "more",
        }
    }
}

/// A button's id: `cd:<action>:<owner>:<expires, unix seconds>[:<message>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonId {
    pub press: Press,
    /// The Discord user it belongs to.
    pub owner: u64,
    pub expires: i64,
}

impl ButtonId {
    pub fn new(press: Press, owner: u64, now: Timestamp, valid: SignedDuration) -> ButtonId {
        ButtonId {
            press,
            owner,
            expires: (now + valid).as_second(),
        }
    }

    pub fn encode(&self) -> String {
        let extra = match &self.press {
            Press::Undo { message } => message.as_deref().unwrap_or("-"),
            _ => "",
        };
        let action = self.press.action();
        let mut id = format!("cd:{action}:{}:{}", self.owner, self.expires);
        if !extra.is_empty() {
            id.push(':');
            id.push_str(extra);
        }
        id
    }

    /// `None` for an id this version did not make.
    pub fn parse(id: &str) -> Option<ButtonId> {
        let mut it = id.split(':');
        if it.next()? != "cd" {
            return None;
        }
        let action = it.next()?;
        let owner = it.next()?.parse().ok()?;
        let expires = it.next()?.parse().ok()?;
        let press = match action {
            "undo" => Press::Undo {
                message: it.next().filter(|m| *m != "-").map(str::to_owned),
            },
            "delete" => Press::ConfirmDelete,
            "keep" => Press::CancelDelete,
            "snooze" => Press::Snooze,
            "skip" => Press::SkipTonight,
            "more" => Press::MoreTips,
            _ => return None,
        };
        Some(ButtonId {
            press,
            owner,
            expires,
        })
    }

    /// Whether the button still works at `now`.
    pub fn live_at(&self, now: Timestamp) -> bool {
        now.as_second() <= self.expires
    }
}

/// What a reply gets buttons for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offer<'a> {
    /// The chat message that logged it, if any.
    pub message: Option<&'a str>,
    /// This very message asked to delete the runner's data.
    pub delete_asked: bool,
}

/// The buttons under `reply`, for `owner`.
pub fn for_reply(
    reply: &Reply,
    owner: u64,
    now: Timestamp,
    offer: Offer<'_>,
    catalogue: &Catalogue,
) -> Vec<CreateActionRow> {
    let say = |key: &str| catalogue.say(key, 0, &[]);
    let id = |press, minutes| ButtonId::new(press, owner, now, SignedDuration::from_mins(minutes));
    let mut buttons = Vec::new();
    let logged = reply.logged
        && matches!(
            reply.intent,
            Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain
        );
    if logged {
        let press = Press::Undo {
            message: offer.message.map(str::to_owned),
        };
        buttons.push(button(
            id(press, UNDO_MINUTES),
            say("button.undo"),
            ButtonStyle::Secondary,
        ));
    }
    if offer.delete_asked {
        let minutes = crate::engine::CONFIRM_WITHIN_MINUTES;
        buttons.push(button(
            id(Press::ConfirmDelete, minutes),
            say("button.confirm_delete"),
            ButtonStyle::Danger,
        ));
        buttons.push(button(
            id(Press::CancelDelete, minutes),
            say("button.cancel_delete"),
            ButtonStyle::Secondary,
        ));
    }
    if reply.more_tips {
        buttons.push(button(
            id(Press::MoreTips, MORE_TIPS_MINUTES),
            say("button.more_tips"),
            ButtonStyle::Primary,
        ));
    }
    rows(buttons)
}

/// Only the Undo button of [`for_reply`] (the channel's acknowledgement of
/// a run whose reply went by DM).
pub fn undo_only(
    reply: &Reply,
    owner: u64,
    now: Timestamp,
    message: Option<&str>,
    catalogue: &Catalogue,
) -> Vec<CreateActionRow> {
    let mut plain = reply.clone();
    plain.more_tips = false;
    let offer = Offer {
        message,
        delete_asked: false,
    };
    for_reply(&plain, owner, now, offer, catalogue)
}

/// Snooze / Skip tonight under a bedtime reminder that fell due at `due`.
pub fn for_bedtime(owner: u64, due: Timestamp, catalogue: &Catalogue) -> Vec<CreateActionRow> {
    let say = |key: &str| catalogue.say(key, 0, &[]);
    let valid = SignedDuration::from_hours(REMINDER_HOURS);
    rows(vec![
        button(
            ButtonId::new(Press::Snooze, owner, due, valid),
            say("button.snooze"),
            ButtonStyle::Primary,
        ),
        button(
            ButtonId::new(Press::SkipTonight, owner, due, valid),
            say("button.skip_tonight"),
            ButtonStyle::Secondary,
        ),
    ])
}

fn button(id: ButtonId, label: String, style: ButtonStyle) -> CreateButton {
    CreateButton::new(id.encode())
        .label(super::outgoing::clip(&label, 80))
        .style(style)
}

fn rows(buttons: Vec<CreateButton>) -> Vec<CreateActionRow> {
    if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_stay_under_discords_100_characters() {
        let now: Timestamp = "2026-06-01T18:00:00Z".parse().unwrap();
        for press in [
            Press::Undo {
                message: Some("1234567890123456789".into()),
            },
            Press::Undo { message: None },
            Press::ConfirmDelete,
            Press::CancelDelete,
            Press::Snooze,
            Press::SkipTonight,
            Press::MoreTips,
        ] {
            let id = ButtonId::new(press, u64::MAX, now, SignedDuration::from_mins(10));
            let text = id.encode();
            assert!(text.len() <= 100, "{text}");
            assert_eq!(ButtonId::parse(&text), Some(id.clone()));
            assert!(id.live_at(now + SignedDuration::from_mins(10)));
            assert!(!id.live_at(now + SignedDuration::from_mins(11)));
        }
        assert_eq!(ButtonId::parse("cd:nuke:1:2"), None);
        assert_eq!(ButtonId::parse("cd:undo:x:2"), None);
        assert_eq!(ButtonId::parse("other:undo:1:2"), None);
    }

    fn labels(rows: &[CreateActionRow]) -> Vec<String> {
        let json = serde_json::to_value(rows).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["components"].as_array().unwrap().clone())
            .map(|b| b["label"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn each_button_comes_only_with_the_reply_it_belongs_to() {
        let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
        let say = |k: &str| catalogue.say(k, 0, &[]);
        let now: Timestamp = "2026-06-01T18:00:00Z".parse().unwrap();
        let mut reply = Reply::new(Intent::Help, "Hi".into());
        let none = Offer::default();
        assert!(labels(&for_reply(&reply, 1, now, none, &catalogue)).is_empty());
        reply.more_tips = true;
        assert_eq!(
            labels(&for_reply(&reply, 1, now, none, &catalogue)),
            [say("button.more_tips")]
        );
        reply.more_tips = false;
        reply.intent = Intent::LogRun;
        reply.logged = true;
        assert_eq!(
            labels(&for_reply(&reply, 1, now, none, &catalogue)),
            [say("button.undo")]
        );
        reply.intent = Intent::SetProfile;
        assert!(
            labels(&for_reply(&reply, 1, now, none, &catalogue)).is_empty(),
            "a profile is not undone"
        );
        let asked = Offer {
            message: None,
            delete_asked: true,
        };
        assert_eq!(
            labels(&for_reply(&reply, 1, now, asked, &catalogue)),
            [say("button.confirm_delete"), say("button.cancel_delete")]
        );
        assert_eq!(
            labels(&for_bedtime(1, now, &catalogue)),
            [say("button.snooze"), say("button.skip_tonight")]
        );
    }
}
