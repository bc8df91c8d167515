//! Turning an engine [`Reply`] into Discord messages that Discord accepts:
//! tip cards as embeds, text split under the 2,000-character limit, embed
//! fields cut to their limits, and a plain-text form for channels where the
//! bot may not post embeds. Pure data here; `send.rs` does the sending.

use crate::catalogue::Catalogue;
use crate::engine::{Reply, TimeStyle, TipCard};

/// Discord's limits (<https://discord.com/developers/docs/resources/message>).
pub const CONTENT_MAX: usize = 2_000;
pub const EMBEDS_PER_MESSAGE: usize = 10;
pub const EMBED_TOTAL_MAX: usize = 6_000;
pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4_096;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1_024;
pub const FIELDS_MAX: usize = 25;
pub const FOOTER_MAX: usize = 2_048;

/// One tip as an embed, before it becomes a serenity builder.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub title: String,
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub footer: String,
}

impl Card {
    /// Characters Discord counts towards the 6,000 per message.
    pub fn size(&self) -> usize {
        chars(&self.title)
            + chars(&self.description)
            + chars(&self.footer)
            + self
                .fields
                .iter()
                .map(|(n, v)| chars(n) + chars(v))
                .sum::<usize>()
    }
}

/// One message to post: text, cards, or both.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Part {
    pub content: String,
    pub cards: Vec<Card>,
}

/// The messages that show a reply, in order, each within Discord's limits.
/// `logged_message` says the reply logged something that follows a chat
/// message, so the runner is told edits and deletes carry through.
pub fn parts(reply: &Reply, catalogue: &Catalogue, logged_message: bool) -> Vec<Part> {
    let reply = &in_readers_clocks(reply);
    let mut cards: Vec<Card> = reply.tips.iter().map(|t| card(t, catalogue)).collect();
    let note = logged_message.then(|| catalogue.say("discord.edit_note", 0, &[]));
    let mut text = defuse(&reply.text);
    match (&note, cards.last_mut()) {
        (Some(note), Some(last)) => {
            last.footer = clip(&format!("{} · {note}", last.footer), FOOTER_MAX);
        }
        // No card to carry it: Discord's small-print markdown under the text.
        (Some(note), None) => text = format!("{text}\n-# {note}"),
        _ => {}
    }
    let mut out: Vec<Part> = split_text(&text, CONTENT_MAX)
        .into_iter()
        .map(|content| Part {
            content,
            cards: Vec::new(),
        })
        .collect();
    if out.is_empty() {
        out.push(Part::default());
    }
    // Cards ride along with the last text part while they fit, then go in
    // messages of their own.
    for card in cards {
        let last = out.last_mut().filter(|p| {
            p.cards.len() < EMBEDS_PER_MESSAGE
                && p.cards.iter().map(Card::size).sum::<usize>() + card.size() <= EMBED_TOTAL_MAX
        });
        match last {
            Some(part) => part.cards.push(card),
            None => out.push(Part {
                content: String::new(),
                cards: vec![card],
            }),
        }
    }
    out
}

/// The whole reply as plain-text messages (no embeds), for channels where
/// the bot lacks the Embed Links permission.
pub fn plain_parts(reply: &Reply) -> Vec<String> {
    split_text(&defuse(&in_readers_clocks(reply).plain_text()), CONTENT_MAX)
}

/// The reply with each instant it names in Discord's timestamp markup,
/// which every reader sees in their own time zone: a clock time becomes
/// the reader's clock time and how far off it is, a deadline keeps its
/// words and gains the reader's clock time.
pub fn in_readers_clocks(reply: &Reply) -> Reply {
    let mut out = reply.clone();
    for mark in &reply.times {
        let t = mark.at.as_second();
        let markup = match mark.style {
            TimeStyle::Clock => format!("<t:{t}:t> (<t:{t}:R>)"),
            TimeStyle::Deadline => format!("{} (<t:{t}:t>)", mark.words),
        };
        if out.text.contains(&mark.words) {
            out.text = out.text.replacen(&mark.words, &markup, 1);
        } else if mark.style == TimeStyle::Deadline {
            out.text = format!("{} (<t:{t}:R>)", out.text);
        }
    }
    out
}

/// Plain text cut into messages, e.g. for a DM.
pub fn split_plain(text: &str) -> Vec<String> {
    split_text(&defuse(text), CONTENT_MAX)
}

fn card(tip: &TipCard, catalogue: &Catalogue) -> Card {
    let mut fields = Vec::new();
    if !tip.caveats.is_empty() {
        let name = catalogue.say("discord.caveats_title", 0, &[]);
        let mut value = String::new();
        for caveat in &tip.caveats {
            let line = format!("⚠ {caveat}");
            if !value.is_empty() && chars(&value) + 1 + chars(&line) > FIELD_VALUE_MAX {
                fields.push((clip(&name, FIELD_NAME_MAX), std::mem::take(&mut value)));
            }
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(&line);
        }
        fields.push((clip(&name, FIELD_NAME_MAX), clip(&value, FIELD_VALUE_MAX)));
        fields.truncate(FIELDS_MAX);
    }
    fit(Card {
        title: clip(&tip.title, TITLE_MAX),
        description: clip(&defuse(&tip.text), DESCRIPTION_MAX),
        fields,
        footer: clip(
            &catalogue.say("discord.source", 0, &[("source", &tip.source)]),
            FOOTER_MAX,
        ),
    })
}

/// A card within the 6,000 characters of one message. Real tips are far
/// smaller; a club's catalogue with essay-length tips is cut, caveats last.
fn fit(mut card: Card) -> Card {
    if card.size() <= EMBED_TOTAL_MAX {
        return card;
    }
    // Leave room for the edit note that may join the footer.
    card.footer = clip(&card.footer, 400);
    let mut budget: usize = 2_500;
    let mut kept = Vec::new();
    for (name, value) in card.fields {
        let room = budget.saturating_sub(chars(&name));
        if room < 40 {
            break;
        }
        let value = clip(&value, room);
        budget -= chars(&name) + chars(&value);
        kept.push((name, value));
    }
    card.fields = kept;
    let others = chars(&card.title)
        + chars(&card.footer)
        + 200
        + card
            .fields
            .iter()
            .map(|(n, v)| chars(n) + chars(v))
            .sum::<usize>();
    card.description = clip(&card.description, EMBED_TOTAL_MAX.saturating_sub(others));
    card
}

/// Keeps `@everyone` and `@here` from reading as mass pings even if some
/// text echoes them (allowed_mentions already stops the ping itself).
pub fn defuse(text: &str) -> String {
    text.replace("@everyone", "@\u{200b}everyone")
        .replace("@here", "@\u{200b}here")
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to `max` characters, with an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if chars(s) <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Splits text into pieces of at most `max` characters, preferring to break
/// at a line end, then at a space, and only then inside a word.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if chars(rest) <= max {
            out.push(rest.to_owned());
            break;
        }
        // Byte index just past the `max`-th character.
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let window = &rest[..limit];
        let cut = window
            .rfind('\n')
            .or_else(|| window.rfind(' '))
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        out.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_respects_the_limit_and_keeps_every_word() {
        let text = "word ".repeat(1_000) + &"x".repeat(2_500);
        let pieces = split_text(&text, CONTENT_MAX);
        assert!(pieces.iter().all(|p| p.chars().count() <= CONTENT_MAX));
        let words = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(words(&pieces.join(" ")), words(&text));
        assert!(pieces[0].ends_with("word"), "breaks at a space");
    }

    #[test]
    fn split_counts_characters_not_bytes() {
        let text = "é".repeat(2_001);
        let pieces = split_text(&text, CONTENT_MAX);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].chars().count(), 2_000);
    }

    fn big_reply() -> (Reply, Catalogue) {
        let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
        let tips = (0..12)
            .map(|i| TipCard {
                topic: crate::intent::Topic::ALL[i % 8],
                title: format!("Tip {i} ") + &"t".repeat(300),
                text: format!("text{i} ") + &"word ".repeat(1_000),
                caveats: vec!["careful ".repeat(100); 3],
                source: "s".repeat(3_000),
            })
            .collect();
        let reply = Reply {
            tips,
            logged: true,
            ..Reply::new(
                crate::intent::Intent::LogRun,
                "start ".repeat(900) + "@everyone end",
            )
        };
        (reply, catalogue)
    }

    #[test]
    fn every_part_is_within_discords_limits_and_nothing_is_lost() {
        let (reply, catalogue) = big_reply();
        let parts = parts(&reply, &catalogue, true);
        assert!(parts.len() >= 3, "split: {}", parts.len());
        for p in &parts {
            assert!(p.content.chars().count() <= CONTENT_MAX);
            assert!(!p.content.contains("@everyone"));
            assert!(p.cards.len() <= EMBEDS_PER_MESSAGE);
            assert!(p.cards.iter().map(Card::size).sum::<usize>() <= EMBED_TOTAL_MAX);
            for c in &p.cards {
                assert!(c.title.chars().count() <= TITLE_MAX);
                assert!(c.description.chars().count() <= DESCRIPTION_MAX);
                assert!(c.footer.chars().count() <= FOOTER_MAX);
                assert!(c.fields.len() <= FIELDS_MAX);
                for (n, v) in &c.fields {
                    assert!(n.chars().count() <= FIELD_NAME_MAX);
                    assert!(v.chars().count() <= FIELD_VALUE_MAX);
                }
            }
        }
        let cards: Vec<&Card> = parts.iter().flat_map(|p| &p.cards).collect();
        assert_eq!(cards.len(), 12, "every tip shown, in order");
        assert!(cards[0].title.starts_with("Tip 0 ") && cards[11].title.starts_with("Tip 11 "));
        let note = catalogue.say("discord.edit_note", 0, &[]);
        assert!(cards[11].footer.contains(&note[..20]) || cards[11].footer.ends_with('…'));
        let words: usize = parts
            .iter()
            .map(|p| p.content.matches("start").count())
            .sum();
        assert_eq!(words, 900, "the text is split, not cut");
    }

    #[test]
    fn the_plain_fallback_fits_too() {
        let (reply, _) = big_reply();
        let plain = plain_parts(&reply);
        assert!(plain.len() > 5);
        assert!(plain.iter().all(|p| p.chars().count() <= CONTENT_MAX));
    }

    #[test]
    fn named_instants_become_timestamp_markup() {
        let (mut reply, _) = big_reply();
        let at: jiff::Timestamp = "2026-06-01T20:30:00Z".parse().unwrap();
        reply.text = "every night at 22:30 (Europe/Berlin). Reply within 10 minutes.".into();
        reply.times = vec![
            crate::engine::TimeMark {
                words: "22:30 (Europe/Berlin)".into(),
                at,
                style: TimeStyle::Clock,
            },
            crate::engine::TimeMark {
                words: "10 minutes".into(),
                at,
                style: TimeStyle::Deadline,
            },
        ];
        let shown = in_readers_clocks(&reply).text;
        let t = at.as_second();
        assert_eq!(
            shown,
            format!("every night at <t:{t}:t> (<t:{t}:R>). Reply within 10 minutes (<t:{t}:t>).")
        );
        assert!(
            reply.plain_text().contains("22:30 (Europe/Berlin)"),
            "the engine's text is plain"
        );
    }

    #[test]
    fn clip_and_defuse() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert!(!defuse("hi @everyone and @here").contains("@everyone"));
    }
}
