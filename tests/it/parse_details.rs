//! The engine-only facts the matcher fills besides the contract fields:
//! profile updates, commands (and the contract intent each maps to) and the
//! pain red flag. Table-driven: one row per phrasing.

use cooldown::intent::{
    parse, Command, HealthCondition, Intent, ParseOptions, Parsed, ProfileUpdate, Unit,
};

fn p(text: &str) -> Parsed {
    parse(text, &ParseOptions::default())
}

#[test]
fn commands_map_to_their_contract_intent() {
    let table: &[(&str, Command, Intent)] = &[
        ("show my profile", Command::ShowProfile, Intent::SetProfile),
        (
            "what do you know about me?",
            Command::ShowProfile,
            Intent::SetProfile,
        ),
        ("export my data", Command::ExportData, Intent::Stats),
        (
            "download my data please",
            Command::ExportData,
            Intent::Stats,
        ),
        ("delete my data", Command::DeleteData, Intent::Undo),
        ("forget me", Command::DeleteData, Intent::Undo),
        (
            "delete everything you have on me",
            Command::DeleteData,
            Intent::Undo,
        ),
        ("yes, delete", Command::ConfirmDelete, Intent::Undo),
        ("confirm delete", Command::ConfirmDelete, Intent::Undo),
        (
            "list my reminders",
            Command::ListReminders,
            Intent::SetReminder,
        ),
        (
            "what reminders do I have?",
            Command::ListReminders,
            Intent::SetReminder,
        ),
        (
            "stop reminders",
            Command::StopReminders,
            Intent::SetReminder,
        ),
        (
            "turn off reminders",
            Command::StopReminders,
            Intent::SetReminder,
        ),
        (
            "no more reminders",
            Command::StopReminders,
            Intent::SetReminder,
        ),
    ];
    let mut wrong = Vec::new();
    for (text, command, intent) in table {
        let got = p(text);
        if got.details.command != Some(*command) || got.intent != *intent || got.reminder.is_some()
        {
            wrong.push(format!(
                "{text:?}: expected {command:?}/{intent:?}, got {:?}/{:?} reminder {:?}",
                got.details.command, got.intent, got.reminder
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn logs_and_undo_carry_no_command() {
    for text in [
        "ran 10k",
        "undo",
        "erase the previous entry",
        "rest day",
        "remind me at 10pm",
    ] {
        assert_eq!(p(text).details.command, None, "{text}");
    }
}

#[test]
fn profile_facts() {
    let age = |t: &str| p(t).details.profile.age;
    assert_eq!(age("I'm 58"), Some(58));
    assert_eq!(age("I am 42 years old"), Some(42));
    assert_eq!(age("58 year old runner here"), Some(58));
    assert_eq!(age("I'm 5k into my plan"), None);
    assert_eq!(age("I'm 2 days out from race day"), None);

    let unit = |t: &str| p(t).details.profile.unit;
    assert_eq!(unit("use miles"), Some(Unit::Mi));
    assert_eq!(unit("switch to km"), Some(Unit::Km));
    assert_eq!(unit("miles please"), Some(Unit::Mi));
    assert_eq!(unit("ran 10 miles"), None);

    let f = p("use fahrenheit").details.profile;
    assert_eq!(f.fahrenheit, Some(true));
    assert_eq!(
        p("switch to celsius").details.profile.fahrenheit,
        Some(false)
    );
    let imperial = p("imperial please").details.profile;
    assert_eq!(
        (imperial.unit, imperial.fahrenheit),
        (Some(Unit::Mi), Some(true))
    );

    let tz = |t: &str| p(t).details.profile.time_zone;
    assert_eq!(tz("set tz Europe/Berlin").as_deref(), Some("Europe/Berlin"));
    assert_eq!(
        tz("my timezone is America/New_York").as_deref(),
        Some("America/New_York")
    );
    assert_eq!(
        tz("timezone: America/Argentina/Buenos_Aires").as_deref(),
        Some("America/Argentina/Buenos_Aires")
    );
    assert_eq!(
        tz("I'm in Australia/Sydney").as_deref(),
        Some("Australia/Sydney")
    );
    assert_eq!(tz("ran 10k in Berlin"), None);

    let health = |t: &str| p(t).details.profile.conditions;
    assert_eq!(
        health("I have high blood pressure"),
        vec![HealthCondition::HighBloodPressure]
    );
    assert_eq!(
        health("heart condition, so careful"),
        vec![HealthCondition::HeartDisease]
    );
    assert_eq!(
        health("I have type 2 diabetes"),
        vec![HealthCondition::Diabetes]
    );
    assert_eq!(
        health("I'm diabetic and have hypertension"),
        vec![
            HealthCondition::HighBloodPressure,
            HealthCondition::Diabetes
        ]
    );
    assert_eq!(health("my dad has high blood pressure"), vec![]);
    assert_eq!(health("no heart condition"), vec![]);
    assert_eq!(health("are ice baths ok with high blood pressure?"), vec![]);
    assert_eq!(p("I have high blood pressure").intent, Intent::SetProfile);
    assert_eq!(
        p("what's the weather").details.profile,
        ProfileUpdate::default()
    );
}

#[test]
fn pain_red_flags() {
    let flagged = [
        "sharp pain in my knee",
        "stabbing pain in my heel",
        "ankle swollen after the run",
        "swelling around my achilles",
        "shin sore for a week",
        "knee hurting 3 days now",
        "can't walk properly, calf is agony",
        "hip still hurts after resting",
        "foot pain for two weeks",
    ];
    let calm = [
        "calves a bit sore",
        "ran 10k, legs tired",
        "no pain at all",
        "tight hamstrings",
        "rest for a week",
    ];
    let wrong: Vec<String> = flagged
        .iter()
        .filter(|t| !p(t).details.pain_red_flag)
        .map(|t| format!("should flag: {t}"))
        .chain(
            calm.iter()
                .filter(|t| p(t).details.pain_red_flag)
                .map(|t| format!("should not flag: {t}")),
        )
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
