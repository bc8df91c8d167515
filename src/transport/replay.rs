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

use crate::club::{guild_id, ClubAction};
use crate::engine::{Bot, Event, Incoming, Origin, Outcome, Reply};
use crate::intent::{Intent, ReminderKind, Topic};
use crate::model::{Attachment, UserId};
use crate::reminders::{DueReminder, Reminders, GRACE};
use crate::store::StoreError;

/// One input line as written. A line with only `at` is a tick.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    at: Timestamp,
    user: Option<String>,
    text: Option<String>,
    guild: Option<String>,
    mentioned: Option<bool>,
}

/// One input line, checked: a tick, or a message with all it needs.
#[derive(Debug)]
struct Line {
    at: Timestamp,
    message: Option<Message>,
}

#[derive(Debug)]
struct Message {
    user: String,
    text: String,
    guild: Option<String>,
    mentioned: bool,
}

/// Reads one line. A line with any message field must have both `user`
/// and `text`: a message with its text lost is refused, not taken for a
/// tick that silently moves the clock.
fn read_line(line: &str) -> Result<Line, String> {
    let raw: RawLine =
        serde_json::from_str(line).map_err(|e| format!("not a message or tick: {e}"))?;
    if !crate::clock::is_sane(raw.at) {
        let years = crate::clock::SANE_YEARS;
        return Err(format!(
            "`at` {} is outside the years the bot handles ({} to {})",
            raw.at,
            years.start(),
            years.end()
        ));
    }
    if raw
        .user
        .as_ref()
        .is_some_and(|u| u.len() > crate::engine::MAX_USER_ID_BYTES)
    {
        return Err(format!(
            "`user` is longer than {} bytes (refused, not cut)",
            crate::engine::MAX_USER_ID_BYTES
        ));
    }
    let is_tick =
        raw.user.is_none() && raw.text.is_none() && raw.guild.is_none() && raw.mentioned.is_none();
    if is_tick {
        return Ok(Line {
            at: raw.at,
            message: None,
        });
    }
    match (raw.user, raw.text) {
        (Some(user), Some(text)) => Ok(Line {
            at: raw.at,
            message: Some(Message {
                user,
                text,
                guild: raw.guild,
                mentioned: raw.mentioned.unwrap_or(false),
            }),
        }),
        (None, _) => Err("a message line needs `user`".to_owned()),
        (_, None) => Err("a message line needs `text` (a tick has only `at`)".to_owned()),
    }
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
    /// A JSON file's content inline (an export): a replay has no place to
    /// put a file, and the driver should see what went out.
    #[serde(skip_serializing_if = "Option::is_none")]
    json: Option<serde_json::Value>,
}

/// `{"reminder": {"user", "kind", "at", "text"}}`, and the weekly recap's
/// chart as `"attachments"`, shaped as a reply line's.
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<AttachmentOut>,
}

#[derive(Debug, Serialize)]
struct ErrorLine {
    error: String,
}

/// Runs the script from `input` to its end.
pub fn run(bot: &Bot, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    let reminders = bot.reminders();
    let mut first = true;
    let mut input = input;
    let mut buf = Vec::new();
    for n in 1.. {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        // Lossy, as `parse`: one bad byte must not end the replay and drop
        // every later line; the replacement character then fails or passes
        // the JSON reading like any other character.
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        match read_line(line) {
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
                    error: format!("line {n}: {e}"),
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
            attachments: r.attachment.iter().map(attachment_out).collect(),
        },
    }
}

fn book_error(err: StoreError) -> std::io::Error {
    std::io::Error::other(format!("the reminder book: {err}"))
}

fn handle_line(bot: &Bot, line: Line, output: &mut impl Write) -> std::io::Result<()> {
    let Some(Message {
        user,
        text,
        guild,
        mentioned,
    }) = line.message
    else {
        return Ok(()); // a tick only moves the clock
    };
    let user = UserId::new(user);
    let in_dm = guild.is_none();
    let event = match (ClubAction::from_text(&text), guild) {
        // A club command, in the club of the line's `guild`, as `/club` on
        // Discord answers it: to its author alone. Everyone may turn the
        // weekly post on or off here; it is not posted (no channel), and
        // `club show` gives the week so far.
        (Some(action), Some(guild)) => Event::Club {
            user,
            club: guild_id(&guild),
            channel: 0,
            action,
            at: line.at,
        },
        (Some(_), None) => {
            let mut reply = Reply::new(
                Intent::Unknown,
                bot.catalogue().say("club.server_only", 0, &[]),
            );
            reply.private = true;
            return write_json(output, &reply_line(&reply, true));
        }
        (None, guild) => Event::Message(Incoming {
            user,
            origin: match guild {
                Some(guild) => Origin::Guild {
                    guild,
                    addressed: mentioned,
                },
                None => Origin::Dm,
            },
            text,
            at: line.at,
            message_id: None,
        }),
    };
    match bot.dispatch(event) {
        Ok(Outcome::Reply(reply)) => write_json(output, &reply_line(&reply, in_dm)),
        Ok(_) => write_json(
            output,
            &ReplyLine {
                reply: None,
                intent: None,
                tips: Vec::new(),
                logged: false,
                private: false,
                attachments: Vec::new(),
            },
        ),
        Err(e) => write_json(
            output,
            &ErrorLine {
                error: format!("the store: {e}"),
            },
        ),
    }
}

/// A reply as its output line; every reply in a DM is private.
fn reply_line(reply: &Reply, in_dm: bool) -> ReplyLine<'_> {
    ReplyLine {
        reply: Some(reply.plain_text()),
        intent: Some(reply.intent),
        tips: reply.tips.iter().map(|t| Topic::as_str(t.topic)).collect(),
        logged: reply.logged,
        private: reply.private || in_dm,
        attachments: reply.attachment.iter().map(attachment_out).collect(),
    }
}

fn attachment_out(file: &Attachment) -> AttachmentOut {
    AttachmentOut {
        name: file.name.clone(),
        bytes: file.bytes.len(),
        alt: file.alt.clone(),
        json: file.text().and_then(|t| serde_json::from_str(t).ok()),
    }
}

fn write_json(output: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *output, value)?;
    output.write_all(b"\n")?;
    output.flush()
}
