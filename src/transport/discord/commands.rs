//! The slash commands: their definitions (registered at start) and how an
//! invocation becomes the engine's input. Each command maps to the words a
//! runner could have typed ("/stats" is "stats", "/tips topic:sleep" is
//! "tips on sleep"), so the engine stays the one place that decides what to
//! do. Only `/listen`, a Discord setting rather than coaching, is handled in
//! the transport.

use serenity::builder::{CreateCommand, CreateCommandOption};
use serenity::model::application::{
    CommandData, CommandDataOption, CommandDataOptionValue, CommandOptionType, InstallationContext,
    InteractionContext,
};
use serenity::model::Permissions;

use crate::catalogue::Catalogue;
use crate::intent::Topic;

/// What an invocation asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Messages for the engine, in order (one per `/profile` setting).
    Engine(Vec<String>),
    /// `/listen on|off` in the current channel.
    Listen(bool),
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
                    .add_string_choice(say("remind_kind_rest"), "rest"),
            )
            .add_option(opt(CommandOptionType::String, "at", "remind_at").max_length(5)),
        cmd("profile")
            .add_option(units)
            .add_option(
                opt(CommandOptionType::Integer, "age", "profile_age")
                    .min_int_value(10)
                    .max_int_value(110),
            )
            .add_option(opt(
                CommandOptionType::String,
                "timezone",
                "profile_timezone",
            ))
            .add_option(opt(CommandOptionType::String, "health", "profile_health")),
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
    commands
}

/// What an invocation asks for, as the engine's words.
pub fn action(data: &CommandData) -> Action {
    let text = |name: &str| string_option(&data.options, name);
    let engine = |s: String| Action::Engine(vec![s]);
    match data.name.as_str() {
        "log" => engine(text("text").unwrap_or_default()),
        "stats" => engine("stats".into()),
        "undo" => engine("undo".into()),
        "help" => engine("help".into()),
        "tips" => engine(match text("topic") {
            Some(topic) => format!("tips on {topic}"),
            None => "tips".into(),
        }),
        "remind" => engine(match (text("kind").as_deref(), text("at")) {
            (Some("rest"), _) => "remind me to take rest days".into(),
            (_, Some(at)) => format!("remind me to go to bed at {at}"),
            (_, None) => "remind me to go to bed".into(),
        }),
        "profile" => {
            let mut said = Vec::new();
            if let Some(units) = text("units") {
                said.push(if units == "mi" { "use miles" } else { "use km" }.to_owned());
            }
            if let Some(age) = int_option(&data.options, "age") {
                said.push(format!("I'm {age}"));
            }
            if let Some(tz) = text("timezone") {
                said.push(format!("set tz {tz}"));
            }
            if let Some(health) = text("health") {
                said.push(format!("I have {health}"));
            }
            if said.is_empty() {
                said.push("profile".into());
            }
            Action::Engine(said)
        }
        "privacy" => match data.options.first().map(|o| o.name.as_str()) {
            Some("delete") => engine("delete my data".into()),
            _ => engine("export my data".into()),
        },
        "listen" => Action::Listen(text("mode").as_deref() != Some("off")),
        _ => Action::Unknown,
    }
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

    #[test]
    fn commands_map_to_the_words_a_runner_would_type() {
        let d = data(serde_json::json!({"id": "1", "name": "tips", "type": 1,
            "options": [{"name": "topic", "type": 3, "value": "sleep"}]}));
        assert_eq!(action(&d), Action::Engine(vec!["tips on sleep".into()]));
        let d = data(serde_json::json!({"id": "1", "name": "privacy", "type": 1,
            "options": [{"name": "delete", "type": 1, "options": []}]}));
        assert_eq!(action(&d), Action::Engine(vec!["delete my data".into()]));
        let d = data(serde_json::json!({"id": "1", "name": "profile", "type": 1,
            "options": [{"name": "units", "type": 3, "value": "mi"}, {"name": "age", "type": 4, "value": 58}]}));
        assert_eq!(
            action(&d),
            Action::Engine(vec!["use miles".into(), "I'm 58".into()])
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
            assert_eq!(defs.len(), 9);
            let text = serde_json::to_string(defs).unwrap();
            assert_eq!(text.contains("integration_types"), global);
            for d in defs {
                let desc = d["description"].as_str().unwrap();
                assert!(!desc.is_empty() && desc.chars().count() <= 100, "{desc}");
            }
        }
    }
}
