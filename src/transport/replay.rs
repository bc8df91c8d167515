//! `cooldown replay`: the whole engine on a scripted conversation with a
//! scripted clock (the public replay contract in `DESIGN.md`).
//!
//! Each input line is a message or a clock tick, as JSON. Before a line is
//! handled, every reminder due up to its `at` is written, in time order, by
//! the same code the live scheduler runs ([`Reminders::claim_next`]). The
//! first line of a run catches up on what fell due while no replay was
//! running, within the grace window; later lines see every reminder, since
//! the scripted clock passes through all the time between them. Each output
//! line is written and flushed as soon as its input line is handled, so a
//! driver can talk to it line by line.

use std::io::{BufRead, Write};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::engine::{Bot, Incoming, Origin};
use crate::intent::{Intent, ReminderKind, Topic};
use crate::reminders::{DueReminder, Reminders, GRACE};
use crate::store::{StoreError, UserId};

/// One input line. A line with only `at` is a tick.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    at: Timestamp,
    user: Option<String>,
    text: Option<String>,
    guild: Option<String>,
    #[serde(default)]
    mentioned: bool,
}

#[derive(Debug, Serialize)]
struct ReplyLine<'a> {
    reply: Option<String>,
    intent: Option<Intent>,
    tips: Vec<&'a str>,
    logged: bool,
    /// Discord would deliver it to the runner alone: every DM reply, and in a
    /// server every personal reply (see `engine::disclosure`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    private: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<AttachmentOut>,
}

/// A file a reply carries, described (`{"name", "bytes", "alt"}`).
#[derive(Debug, Serialize)]
struct AttachmentOut {
    name: String,
    bytes: usize,
    alt: String,
}

/// `{"reminder": {"user", "kind", "at", "text"}}`.
#[derive(Debug, Serialize)]
struct ReminderLine<'a> {
    reminder: ReminderOut<'a>,
}

#[derive(Debug, Serialize)]
struct ReminderOut<'a> {
    user: &'a str,
    kind: ReminderKind,
    at: Timestamp,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct ErrorLine {
    error: String,
}

/// Runs the script from `input` to its end.
pub fn run(bot: &Bot, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    let reminders = bot.reminders();
    let mut first = true;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(&line) {
            Ok(line) => {
                // Only the first line follows a pause, where the grace
                // window applies.
                let skip_before = if std::mem::take(&mut first) {
                    line.at.checked_sub(GRACE).ok()
                } else {
                    None
                };
                write_due(reminders, line.at, skip_before, &mut output)?;
                handle_line(bot, line, &mut output)?;
                // The disk refused a write: stop here (the caller says why),
                // rather than answer from a store that saves nothing.
                if bot.store().write_failure().is_some() {
                    return Err(std::io::Error::other("the store stopped"));
                }
            }
            Err(e) => write_json(
                &mut output,
                &ErrorLine {
                    error: format!("line {}: not a message or tick: {e}", n + 1),
                },
            )?,
        }
    }
    Ok(())
}

/// Writes every reminder due up to `up_to`, each recorded as sent before
/// its line is written (at most once, as the live scheduler).
fn write_due(
    reminders: &Reminders,
    up_to: Timestamp,
    skip_before: Option<Timestamp>,
    output: &mut impl Write,
) -> std::io::Result<()> {
    while let Some(r) = reminders
        .claim_next(up_to, skip_before, None)
        .map_err(book_error)?
    {
        write_json(output, &reminder_line(&r))?;
    }
    Ok(())
}

fn reminder_line(r: &DueReminder) -> ReminderLine<'_> {
    ReminderLine {
        reminder: ReminderOut {
            user: r.user.as_str(),
            kind: r.kind,
            at: r.due,
            text: &r.text,
        },
    }
}

fn book_error(err: StoreError) -> std::io::Error {
    std::io::Error::other(format!("the reminder book: {err}"))
}

fn handle_line(bot: &Bot, line: Line, output: &mut impl Write) -> std::io::Result<()> {
    let (Some(user), Some(text)) = (line.user, line.text) else {
        return Ok(()); // a tick only moves the clock
    };
    let origin = match line.guild {
        Some(guild) => Origin::Guild {
            guild,
            addressed: line.mentioned,
        },
        None => Origin::Dm,
    };
    let msg = Incoming {
        user: UserId::new(user),
        origin,
        text,
        at: line.at,
        message_id: None,
    };
    let in_dm = msg.origin == Origin::Dm;
    let out = match bot.handle(&msg) {
        Some(reply) => ReplyLine {
            reply: Some(reply.plain_text()),
            intent: Some(reply.intent),
            tips: reply.tips.iter().map(|t| Topic::as_str(t.topic)).collect(),
            logged: reply.logged,
            private: reply.private || in_dm,
            attachments: reply
                .attachment
                .iter()
                .map(|(name, body)| AttachmentOut {
                    name: name.clone(),
                    bytes: body.len(),
                    alt: "JSON".to_owned(),
                })
                .collect(),
        },
        None => ReplyLine {
            reply: None,
            intent: None,
            tips: Vec::new(),
            logged: false,
            private: false,
            attachments: Vec::new(),
        },
    };
    write_json(output, &out)
}

fn write_json(output: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *output, value)?;
    output.write_all(b"\n")?;
    output.flush()
}
