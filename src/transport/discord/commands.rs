//! The slash commands: their definitions (registered at start) and how an
//! invocation becomes the engine's input. `/log` passes the runner's own
//! words; every other command's meaning is fixed by its options, so it is
//! handed over already understood (`Bot::handle_parsed`), with the words a
//! runner could have typed alongside ("/stats" is "stats", "/tips
//! topic:sleep" is "tips on sleep"). The engine stays the one place that
//! decides what to do. Only `/listen`, a Discord setting rather than
//! coaching, is handled in the transport.

use serenity::builder::{CreateCommand, CreateCommandOption};
use serenity::model::application::{
    CommandData, CommandDataOption, CommandDataOptionValue, CommandOptionType, InstallationContext,
    InteractionContext,
};
use serenity::model::Permissions;

use crate::catalogue::Catalogue;
use crate::intent::{
    self, ClockTime, Command, HealthCondition, Intent, ParseOptions, Parsed, ReminderKind,
    ReminderRequest, Topic, Unit,
};

/// One request for the engine: the equivalent words, and what they mean
/// when the command fixes it (`None`: let the matcher read `text`).
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub text: String,
    pub parsed: Option<Box<Parsed>>,
}

/// What an invocation asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Engine(Request),
    /// `/listen on|off` in the current channel.
    Listen(bool),
    /// `/club ...`, answered by [`super::club`].
    Club,
    /// A command this version does not know (registered by an older one).
    Unknown,
}

/// Discord caps names and descriptions of commands and choices at 100.
const DESCRIPTION_MAX: usize = 100;

/// Every command, with descriptions from the catalogue. `global` commands
/// are installable to servers and to users, and usable in DMs; commands
/// registered to one development server cannot carry those settings.
pub fn definitions(catalogue: &Catalogue, global: bool) -> Vec<CreateCommand> {
    let say = |key: &str| {
        super::outgoing::clip(
            &catalogue.say(&format!("command.{key}"), 0, &[]),
            DESCRIPTION_MAX,
        )
    };
    let cmd = |name: &str| CreateCommand::new(name).description(say(name));
    let opt = |kind, name: &str, key: &str| CreateCommandOption::new(kind, name, say(key));
    let mut topic = opt(CommandOptionType::String, "topic", "tips_topic");
    for t in Topic::ALL {
        let title = super::outgoing::clip(&catalogue.tip(t).title, DESCRIPTION_MAX);
        topic = topic.add_string_choice(title, t.as_str());
    }
    let units = opt(CommandOptionType::String, "units", "profile_units")
        .add_string_choice(say("units_km"), "km")
        .add_string_choice(say("units_mi"), "mi");
    let mut commands = vec![
        cmd("log").add_option(
            opt(CommandOptionType::String, "text", "log_text")
                .required(true)
                .max_length(1_000),
        ),
        cmd("stats"),
        cmd("tips").add_option(topic),
        cmd("remind")
            .add_option(
                opt(CommandOptionType::String, "kind", "remind_kind")
                    .required(true)
                    .add_string_choice(say("remind_kind_sleep"), "sleep")
                    .add_string_choice(say("remind_kind_rest"), "rest")
                    .add_string_choice(say("remind_kind_list"), "list")
                    .add_string_choice(say("remind_kind_stop"), "stop")
                    .add_string_choice(say("remind_kind_recap_on"), "recap_on")
                    .add_string_choice(say("remind_kind_recap_off"), "recap_off"),
            )
            .add_option(opt(CommandOptionType::String, "at", "remind_at").max_length(5)),
        cmd("profile")
            .add_option(units)
            .add_option(
                opt(CommandOptionType::Integer, "age", "profile_age")
                    .min_int_value(u64::from(*crate::rules::AGES.start()))
                    .max_int_value(u64::from(*crate::rules::AGES.end())),
            )
            .add_option(
                opt(CommandOptionType::String, "timezone", "profile_timezone")
                    .set_autocomplete(true),
            )
            .add_option(
                opt(CommandOptionType::String, "health", "profile_health")
                    .add_string_choice(say("health_heart"), "heart_disease")
                    .add_string_choice(say("health_blood_pressure"), "high_blood_pressure")
                    .add_string_choice(say("health_diabetes"), "diabetes"),
            ),
        cmd("undo"),
        cmd("privacy")
            .add_option(opt(
                CommandOptionType::SubCommand,
                "export",
                "privacy_export",
            ))
            .add_option(opt(
                CommandOptionType::SubCommand,
                "delete",
                "privacy_delete",
            )),
        cmd("help"),
    ];
    if global {
        let installs = vec![InstallationContext::Guild, InstallationContext::User];
        let contexts = vec![
            InteractionContext::Guild,
            InteractionContext::BotDm,
            InteractionContext::PrivateChannel,
        ];
        commands = commands
            .into_iter()
            .map(|c| {
                c.integration_types(installs.clone())
                    .contexts(contexts.clone())
            })
            .collect();
    }
    let mut listen = cmd("listen")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .add_option(
            opt(CommandOptionType::String, "mode", "listen_mode")
                .required(true)
                .add_string_choice(say("listen_mode_on"), "on")
                .add_string_choice(say("listen_mode_off"), "off"),
        );
    if global {
        listen = listen
            .integration_types(vec![InstallationContext::Guild])
            .contexts(vec![InteractionContext::Guild]);
    }
    commands.push(listen);
    commands.push(super::club::definition(catalogue, global));
    commands
}

/// The bot's own command names, for labels that must come from a closed
/// list (metrics): anything else reads "other".
pub fn known_name(name: &str) -> &'static str {
    const NAMES: [&str; 10] = [
        "log", "stats", "undo", "help", "tips", "remind", "profile", "privacy", "listen", "club",
    ];
    NAMES.into_iter().find(|n| *n == name).unwrap_or("other")
}

/// What an invocation asks for, as the engine's input.
pub fn action(data: &CommandData) -> Action {
    let opts = &data.options;
    let text = |name: &str| string_option(opts, name);
    match data.name.as_str() {
        "log" => Action::Engine(Request {
            text: text("text").unwrap_or_default(),
            parsed: None,
        }),
        "stats" => understood("stats", |p| p.intent = Intent::Stats),
        "undo" => understood("undo", |p| p.intent = Intent::Undo),
        "help" => understood("help", |p| p.intent = Intent::Help),
        "tips" => {
            let topic = text("topic").and_then(|t| Topic::from_id(&t));
            let words = topic.map_or("tips".into(), |t| format!("tips on {}", t.as_str()));
            understood(&words, |p| {
                p.intent = Intent::AskTips;
                p.topic = topic;
            })
        }
        "remind" => remind(text("kind").as_deref(), text("at")),
        "profile" => profile(opts),
        "privacy" => {
            let sub = opts.first();
            let confirmed = sub.is_some_and(|o| match &o.value {
                CommandDataOptionValue::SubCommand(inner) => bool_option(inner, "confirm"),
                _ => false,
            });
            match (sub.map(|o| o.name.as_str()), confirmed) {
                (Some("delete"), true) => understood("yes, delete", |p| {
                    p.details.command = Some(Command::ConfirmDelete);
                }),
                (Some("delete"), false) => understood("delete my data", |p| {
                    p.details.command = Some(Command::DeleteData);
                }),
                _ => understood("export my data", |p| {
                    p.details.command = Some(Command::ExportData);
                }),
            }
        }
        "listen" => Action::Listen(text("mode").as_deref() != Some("off")),
        "club" => Action::Club,
        _ => Action::Unknown,
    }
}

/// A request whose meaning the command fixes: `set` fills in a blank parse.
fn understood(words: &str, set: impl FnOnce(&mut Parsed)) -> Action {
    let mut parsed = intent::parse("", &ParseOptions::default());
    set(&mut parsed);
    Action::Engine(Request {
        text: words.to_owned(),
        parsed: Some(Box::new(parsed)),
    })
}

fn remind(kind: Option<&str>, at: Option<String>) -> Action {
    let command = |c: Command, words: &str| {
        understood(words, |p| {
            p.intent = Intent::SetReminder;
            p.details.command = Some(c);
        })
    };
    let kind = match kind {
        Some("list") => return command(Command::ListReminders, "my reminders"),
        Some("stop") => return command(Command::StopReminders, "stop reminders"),
        Some("recap_on") => return command(Command::RecapOn, "weekly recap on"),
        Some("recap_off") => return command(Command::RecapOff, "weekly recap off"),
        Some("rest") => ReminderKind::Rest,
        _ => ReminderKind::Sleep,
    };
    let time = at.as_deref().map(|t| t.trim().parse::<ClockTime>());
    let words = match (kind, &at) {
        (ReminderKind::Rest | ReminderKind::Recap, _) => "remind me to take rest days".to_owned(),
        (ReminderKind::Sleep, Some(at)) => format!("remind me to go to bed at {at}"),
        (ReminderKind::Sleep, None) => "remind me to go to bed".to_owned(),
    };
    match time {
        // A time the command cannot read: let the engine answer the words.
        Some(Err(_)) => Action::Engine(Request {
            text: words,
            parsed: None,
        }),
        time => understood(&words, |p| {
            p.intent = Intent::SetReminder;
            p.reminder = Some(ReminderRequest {
                kind,
                at: time.and_then(Result::ok),
            });
        }),
    }
}

fn profile(opts: &[CommandDataOption]) -> Action {
    let unit = string_option(opts, "units").and_then(|u| u.parse::<Unit>().ok());
    let age = int_option(opts, "age").and_then(|a| u8::try_from(a).ok());
    let time_zone = string_option(opts, "timezone");
    let health = match string_option(opts, "health").as_deref() {
        Some("heart_disease") => Some(HealthCondition::HeartDisease),
        Some("high_blood_pressure") => Some(HealthCondition::HighBloodPressure),
        Some("diabetes") => Some(HealthCondition::Diabetes),
        _ => None,
    };
    if unit.is_none() && age.is_none() && time_zone.is_none() && health.is_none() {
        return understood("my profile", |p| {
            p.details.command = Some(Command::ShowProfile);
        });
    }
    let mut words = Vec::new();
    if let Some(u) = unit {
        words.push(if u == Unit::Mi { "use miles" } else { "use km" }.to_owned());
    }
    if let Some(a) = age {
        words.push(format!("I'm {a}"));
    }
    if let Some(tz) = &time_zone {
        words.push(format!("set tz {tz}"));
    }
    understood(&words.join(", "), |p| {
        p.intent = Intent::SetProfile;
        p.details.profile.unit = unit;
        p.details.profile.age = age;
        p.details.profile.time_zone = time_zone;
        p.details.profile.conditions = health.into_iter().collect();
    })
}

fn string_option(options: &[CommandDataOption], name: &str) -> Option<String> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            CommandDataOptionValue::String(s) => Some(s.clone()),
            _ => None,
        })
}

fn bool_option(options: &[CommandDataOption], name: &str) -> bool {
    options
        .iter()
        .any(|o| o.name == name && matches!(o.value, CommandDataOptionValue::Boolean(true)))
}

fn int_option(options: &[CommandDataOption], name: &str) -> Option<i64> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match o.value {
            CommandDataOptionValue::Integer(i) => Some(i),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(json: serde_json::Value) -> CommandData {
        serde_json::from_value(json).unwrap()
    }

    fn request(a: Action) -> Request {
        match a {
            Action::Engine(r) => r,
            other => panic!("not for the engine: {other:?}"),
        }
    }

    #[test]
    fn commands_carry_their_meaning_and_equivalent_words() {
        let r = request(action(&data(
            serde_json::json!({"id": "1", "name": "tips", "type": 1,
            "options": [{"name": "topic", "type": 3, "value": "sleep"}]}),
        )));
        assert_eq!(r.text, "tips on sleep");
        let p = r.parsed.unwrap();
        assert_eq!((p.intent, p.topic), (Intent::AskTips, Some(Topic::Sleep)));

        let r = request(action(&data(
            serde_json::json!({"id": "1", "name": "privacy", "type": 1,
            "options": [{"name": "delete", "type": 1, "options": [{"name": "confirm", "type": 5, "value": true}]}]}),
        )));
        assert_eq!(
            r.parsed.unwrap().details.command,
            Some(Command::ConfirmDelete)
        );

        let r = request(action(&data(
            serde_json::json!({"id": "1", "name": "profile", "type": 1,
            "options": [{"name": "units", "type": 3, "value": "mi"}, {"name": "age", "type": 4, "value": 58}]}),
        )));
        assert_eq!(r.text, "use miles, I'm 58");
        let p = r.parsed.unwrap();
        assert_eq!(p.intent, Intent::SetProfile);
        assert_eq!(
            (p.details.profile.unit, p.details.profile.age),
            (Some(Unit::Mi), Some(58))
        );

        let r = request(action(&data(
            serde_json::json!({"id": "1", "name": "remind", "type": 1,
            "options": [{"name": "kind", "type": 3, "value": "sleep"}, {"name": "at", "type": 3, "value": "22:30"}]}),
        )));
        let reminder = r.parsed.unwrap().reminder.unwrap();
        assert_eq!(
            (reminder.kind, reminder.at),
            (ReminderKind::Sleep, ClockTime::new(22, 30))
        );

        for (value, command) in [
            ("recap_on", Command::RecapOn),
            ("recap_off", Command::RecapOff),
        ] {
            let r = request(action(&data(
                serde_json::json!({"id": "1", "name": "remind", "type": 1,
                "options": [{"name": "kind", "type": 3, "value": value}]}),
            )));
            let p = r.parsed.unwrap();
            assert_eq!(
                (p.intent, p.details.command),
                (Intent::SetReminder, Some(command))
            );
            assert_eq!(
                p.reminder, None,
                "the parse contract's kinds stay sleep and rest"
            );
        }

        let r = request(action(&data(
            serde_json::json!({"id": "1", "name": "log", "type": 1,
            "options": [{"name": "text", "type": 3, "value": "ran 20k hot"}]}),
        )));
        assert_eq!(
            (r.text.as_str(), r.parsed),
            ("ran 20k hot", None),
            "the runner's words, read by the matcher"
        );

        let d = data(serde_json::json!({"id": "1", "name": "listen", "type": 1,
            "options": [{"name": "mode", "type": 3, "value": "off"}]}));
        assert_eq!(action(&d), Action::Listen(false));
    }

    #[test]
    fn definitions_fit_discords_limits() {
        let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
        for global in [true, false] {
            let defs = serde_json::to_value(definitions(&catalogue, global)).unwrap();
            let defs = defs.as_array().unwrap();
            assert_eq!(defs.len(), 10);
            let text = serde_json::to_string(defs).unwrap();
            assert_eq!(text.contains("integration_types"), global);
            for d in defs {
                let desc = d["description"].as_str().unwrap();
                assert!(!desc.is_empty() && desc.chars().count() <= 100, "{desc}");
                // Every command counts under its own name in the metrics.
                let name = d["name"].as_str().unwrap();
                assert_eq!(known_name(name), name);
            }
        }
    }
}
