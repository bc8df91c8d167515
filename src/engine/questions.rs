//! Answers to the questions runners ask, from their own history: "should I
//! run today?" (yes, easy or rest, and why), "how much protein / carbs /
//! water?" (amounts per kilo of their weight), "how long until I can run
//! hard again?" (scaled to the race or run), "what should I do before a
//! run?" (warming up; on a race eve, rest, food and sleep first), the questions of [`more`] (carb loading, little
//! sleep, shift work, salt tablets, icing or stretching an injury, "is it
//! normal?", and "have it checked first" after a warning sign),
//! cross-training and medicines ([`offscript`]), and an
//! honest "I can't help with that" for the rest. Also takes the body weight
//! a runner tells ("I weigh 70kg"). "Should I run today?" and "how long
//! until I can run hard again?" live in [`run`].
//!
//! The figures come from the sources named in `responses/safety.toml`; the
//! arithmetic here only scales them to the runner.

mod more;
mod offscript;
mod run;

pub(super) use offscript::{mentions_dizziness, mentions_medicine, statement};

use super::{Bot, Incoming, Reply};
use crate::intent::questions::{self, Nutrient, Question};
use crate::intent::{Intent, Parsed};
use crate::store::{Profile, StoreError};
use run::{hard_again, should_i_run};

/// The weight amounts are worked out for when the runner has not told theirs.
pub const DEFAULT_WEIGHT_KG: f64 = 70.0;
/// ISSN: 1.4 to 2.0 g of protein per kg a day; about 0.25 g/kg a dose,
/// 20 to 40 g.
pub const PROTEIN_G_PER_KG: (f64, f64) = (1.4, 2.0);
pub const PROTEIN_DOSE_G_PER_KG: f64 = 0.25;
/// ACSM/AND/DC 2016: 5 to 7 g of carbohydrate per kg on a day of about an
/// hour's training.
pub const CARBS_G_PER_KG: (f64, f64) = (5.0, 7.0);
/// ACSM 2007/2016: 1.25 to 1.5 L per kg of sweat lost; the seed article's
/// 2% of body weight as the loss of a hot or long run.
pub const FLUID_L_PER_KG_LOST: (f64, f64) = (1.25, 1.5);
pub const SWEAT_LOSS_SHARE: f64 = 0.02;
/// A pound in kilograms.
const KG_PER_LB: f64 = 0.453_592_37;
/// A US fluid ounce in litres.
const LITRES_PER_FL_OZ: f64 = 0.029_573_53;

/// The answer, when the message is a question this module answers or a body
/// weight. `None`: coach as usual.
pub(super) fn answer(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: &Parsed,
    profile: &mut Profile,
) -> Result<Option<Reply>, StoreError> {
    // "My shins ache after my runs, is that normal?": a question about
    // common soreness, answered rather than logged as pain.
    let asked = questions::question(text);
    if parsed.intent == Intent::ReportPain && asked == Some(Question::NormalSoreness) {
        let reply = more::answer(bot, msg, asked.as_ref(), parsed, profile, true);
        return Ok(reply.map(|r| Reply { private: true, ..r }));
    }
    let logs = matches!(
        parsed.intent,
        Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain
    );
    if logs || parsed.details.command.is_some() {
        return Ok(None);
    }
    answer_alone(bot, msg, text, parsed, profile)
}

/// The answer to a question asked alongside a log ("ran 32k, how much
/// protein should I eat?"), to go after the log's reply.
/// "Should I run today? only slept 4 hours" logs the night, then answers
/// with it counted; after a run logged today the log's reply answers it.
pub(super) fn follow_up(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    logged: Intent,
    profile: &Profile,
) -> Result<Option<String>, StoreError> {
    let reply = match questions::question(text) {
        Some(Question::ShouldIRun) if logged != Intent::LogRun => {
            should_i_run(bot, msg, &[], profile, questions::tomorrow(text))?
        }
        Some(Question::Amounts(what)) => amounts(bot, &what, questions::during(text), profile),
        Some(Question::HardAgain) => hard_again(bot, msg, text, profile)?,
        Some(Question::WarmUp) => bot.plain(Intent::AskTips, "answer.warm_up", &[]),
        Some(Question::RaceEve) => race_eve(bot),
        Some(Question::CarbLoading) => more::carb_loading(bot, profile),
        // The others are about the run just logged, which the log's reply
        // covers.
        _ => return Ok(None),
    };
    Ok(Some(reply.text))
}

/// The day before a race: rest, food and sleep, then the warm-up.
fn race_eve(bot: &Bot) -> Reply {
    let eve = bot.say("answer.race_eve", &[]);
    let warm_up = bot.say("answer.warm_up", &[]);
    Reply::new(Intent::AskTips, format!("{eve} {warm_up}"))
}

/// The runner's weight as they read it: pounds beside the kilos for a
/// runner in miles.
fn weight_note(bot: &Bot, key: &str, kg: f64, profile: &Profile) -> String {
    if profile.unit == crate::model::Unit::Mi {
        let lb = format!("{:.0}", kg / KG_PER_LB);
        bot.say(&format!("{key}_lb"), &[("kg", &kg_text(kg)), ("lb", &lb)])
    } else {
        bot.say(key, &[("kg", &kg_text(kg))])
    }
}

fn answer_alone(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    parsed: &Parsed,
    profile: &mut Profile,
) -> Result<Option<Reply>, StoreError> {
    if let Some(kg) = questions::body_weight(text) {
        profile.weight_kg = Some(kg);
        bot.store.save_profile(&msg.user, profile)?;
        let saved = weight_note(bot, "answer.weight_saved", kg, profile);
        let mut reply = Reply::new(Intent::SetProfile, saved);
        // "I weigh 150 lb, how much protein?": saved, and answered.
        if let Some(answer) = follow_up(bot, msg, text, Intent::SetProfile, profile)? {
            reply.text = format!("{}\n{answer}", reply.text);
        }
        reply.logged = true;
        reply.private = true;
        return Ok(Some(reply));
    }
    let asked = questions::question(text);
    let asks = asks_something(text);
    if let Some(reply) = more::answer(bot, msg, asked.as_ref(), parsed, profile, asks) {
        return Ok(Some(Reply {
            intent: parsed.intent,
            private: true,
            ..reply
        }));
    }
    // "Can I cycle instead?", "can I take ibuprofen?": a coach's answer,
    // not the list of what the bot can do.
    if asked.is_none() && asks && parsed.intent != Intent::SetReminder {
        if let Some(reply) = offscript::answer(bot, msg, text, profile)? {
            return Ok(Some(Reply {
                intent: parsed.intent,
                private: true,
                ..reply
            }));
        }
    }
    let reply = match asked {
        Some(Question::ShouldIRun) => {
            let tomorrow = questions::tomorrow(text);
            should_i_run(bot, msg, &parsed.body_parts, profile, tomorrow)?
        }
        Some(Question::Amounts(what)) => amounts(bot, &what, questions::during(text), profile),
        Some(Question::HardAgain) => hard_again(bot, msg, text, profile)?,
        Some(Question::WarmUp) => bot.plain(Intent::AskTips, "answer.warm_up", &[]),
        Some(Question::RaceEve) => race_eve(bot),
        None if parsed.intent == Intent::Unknown && asks => {
            bot.plain(Intent::Unknown, "answer.cannot", &[])
        }
        _ => return Ok(None),
    };
    Ok(Some(Reply {
        intent: parsed.intent,
        // Built from the runner's logs and body: theirs alone.
        private: true,
        ..reply
    }))
}

/// "Knees hurt from standing all night. Can I cycle instead?": a question
/// about another sport inside a message that logged something (a pain, a
/// run) still gets its answer, after the log's.
pub(super) fn cross_training_follow_up(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    profile: &Profile,
) -> Result<Option<String>, StoreError> {
    let asks = text.contains('?') || asks_something(text);
    if !asks || offscript::mentions_medicine(text) {
        return Ok(None);
    }
    Ok(offscript::answer(bot, msg, text, profile)?.map(|r| r.text))
}

/// A question or request the matcher found nothing in ("what a lovely
/// day" is neither).
fn asks_something(text: &str) -> bool {
    let lower = text.trim().to_lowercase().replace('\u{2019}', "'");
    const OPENERS: [&str; 22] = [
        "recommend",
        "suggest",
        "tell me",
        "give me",
        "find me",
        "help me",
        "can you",
        "could you",
        "will you",
        "would you",
        "do you",
        "are you",
        "how do",
        "how can",
        "how does",
        "how to",
        "what is",
        "what's",
        "what are",
        "why ",
        "who ",
        "where ",
    ];
    lower.ends_with('?') || OPENERS.iter().any(|w| lower.starts_with(w))
}

fn kg_text(kg: f64) -> String {
    if kg.fract().abs() < 0.05 {
        format!("{kg:.0}")
    } else {
        format!("{kg:.1}")
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

fn amounts(bot: &Bot, what: &[Nutrient], during: bool, profile: &Profile) -> Reply {
    let kg = profile.weight_kg.unwrap_or(DEFAULT_WEIGHT_KG);
    let mut lines = Vec::new();
    for nutrient in what {
        let line = match nutrient {
            Nutrient::Protein => {
                let low = round_to(kg * PROTEIN_G_PER_KG.0, 5.0);
                let high = round_to(kg * PROTEIN_G_PER_KG.1, 5.0);
                let dose = round_to((kg * PROTEIN_DOSE_G_PER_KG).clamp(20.0, 40.0), 5.0);
                bot.say(
                    "answer.protein",
                    &[
                        ("low", &format!("{low:.0}")),
                        ("high", &format!("{high:.0}")),
                        ("per_meal", &format!("{dose:.0}")),
                    ],
                )
            }
            Nutrient::Carbs => {
                let low = round_to(kg * CARBS_G_PER_KG.0, 10.0);
                let high = round_to(kg * CARBS_G_PER_KG.1, 10.0);
                bot.say(
                    "answer.carbs",
                    &[
                        ("low", &format!("{low:.0}")),
                        ("high", &format!("{high:.0}")),
                    ],
                )
            }
            Nutrient::Water if during => bot.say("answer.water_during", &[]),
            Nutrient::Water => {
                let lost = kg * SWEAT_LOSS_SHARE;
                let low = lost * FLUID_L_PER_KG_LOST.0;
                let high = lost * FLUID_L_PER_KG_LOST.1;
                if profile.unit == crate::model::Unit::Mi {
                    // The same figures in US fluid ounces, per pound lost.
                    let oz = |litres: f64| format!("{:.0}", litres / LITRES_PER_FL_OZ);
                    bot.say(
                        "answer.water_us",
                        &[
                            ("per_lb_low", &oz(FLUID_L_PER_KG_LOST.0 * KG_PER_LB)),
                            ("per_lb_high", &oz(FLUID_L_PER_KG_LOST.1 * KG_PER_LB)),
                            (
                                "low",
                                &format!("{:.0}", round_to(low / LITRES_PER_FL_OZ, 5.0)),
                            ),
                            (
                                "high",
                                &format!("{:.0}", round_to(high / LITRES_PER_FL_OZ, 5.0)),
                            ),
                        ],
                    )
                } else {
                    bot.say(
                        "answer.water",
                        &[
                            ("low", &format!("{low:.1}")),
                            ("high", &format!("{high:.1}")),
                        ],
                    )
                }
            }
        };
        lines.push(line);
    }
    // Drinking during a run is per hour, not per kilo.
    if what.iter().all(|n| *n == Nutrient::Water) && during {
        return Reply::new(Intent::AskTips, lines.join(" "));
    }
    let note = match profile.weight_kg {
        Some(kg) => weight_note(bot, "answer.weight_known", kg, profile),
        None => bot.say("answer.weight_default", &[("kg", &kg_text(kg))]),
    };
    lines.push(note);
    Reply::new(Intent::AskTips, lines.join(" "))
}
