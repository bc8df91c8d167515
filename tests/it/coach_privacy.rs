//! What a runner can do with what Cooldown holds about them: undo the last
//! log, export everything as JSON, delete everything after a confirmation.

use crate::coach_support;

use coach_support::*;
use cooldown::intent::{Command, Intent, ProfileUpdate};
use cooldown::store::{UserExport, UserId};

#[test]
fn undo_removes_the_last_log() {
    let bot = bot();
    send(&bot, "1", "2026-06-01T18:00:00Z", run_km(10.0));
    send(&bot, "1", "2026-06-01T22:00:00Z", rest());
    let undo = send(&bot, "1", "2026-06-01T22:01:00Z", msg(Intent::Undo));
    assert!(undo.text.contains("rest day"), "{}", undo.text);
    let left = bot.store().export(&UserId::new("1")).unwrap().logs;
    assert_eq!(left.len(), 1);
    assert!(left[0].run.is_some());
}

#[test]
fn export_hands_over_everything_as_json() {
    let bot = bot();
    send(
        &bot,
        "1",
        "2026-06-01T08:00:00Z",
        profile(ProfileUpdate {
            age: Some(40),
            ..ProfileUpdate::default()
        }),
    );
    send(&bot, "1", "2026-06-01T18:00:00Z", run_km(10.0));
    send(&bot, "2", "2026-06-01T18:00:00Z", run_km(7.0));
    let reply = send(
        &bot,
        "1",
        "2026-06-01T19:00:00Z",
        command(Command::ExportData),
    );
    assert!(reply.private);
    assert!(reply.text.contains("1 log"), "{}", reply.text);
    let file = reply.attachment.expect("the export is attached");
    let (name, json) = (file.name.clone(), file.text().unwrap().to_owned());
    assert!(name.ends_with(".json"), "{name}");
    let data: UserExport = serde_json::from_str(&json).unwrap();
    assert_eq!(data.user, "1");
    assert_eq!(data.profile.age, Some(40));
    assert_eq!(data.logs.len(), 1, "only this runner's logs");
    assert_eq!(
        data.logs[0].run.as_ref().unwrap().distance_m,
        Some(10_000.0)
    );
    assert!(
        !data.advice.is_empty(),
        "the tips given are part of what is held"
    );
}

#[test]
fn delete_needs_a_confirmation_and_then_removes_everything() {
    let bot = bot();
    let user = UserId::new("1");
    send(&bot, "1", "2026-06-01T18:00:00Z", run_km(10.0));
    send(&bot, "2", "2026-06-01T18:00:00Z", run_km(7.0));
    // A confirmation with no request deletes nothing.
    let early = send(
        &bot,
        "1",
        "2026-06-01T18:30:00Z",
        command(Command::ConfirmDelete),
    );
    assert!(early.private);
    assert_eq!(
        bot.store().export(&user).unwrap().logs.len(),
        1,
        "{}",
        early.text
    );
    // A request alone deletes nothing.
    let ask = send(
        &bot,
        "1",
        "2026-06-01T19:00:00Z",
        command(Command::DeleteData),
    );
    assert!(ask.private);
    assert!(ask.text.contains("yes, delete"), "{}", ask.text);
    assert_eq!(bot.store().export(&user).unwrap().logs.len(), 1);
    // A late confirmation is refused.
    let late = send(
        &bot,
        "1",
        "2026-06-01T19:30:00Z",
        command(Command::ConfirmDelete),
    );
    assert_eq!(
        bot.store().export(&user).unwrap().logs.len(),
        1,
        "{}",
        late.text
    );
    // Asked and confirmed in time: everything goes, and only this runner's.
    send(
        &bot,
        "1",
        "2026-06-01T20:00:00Z",
        command(Command::DeleteData),
    );
    let done = send(
        &bot,
        "1",
        "2026-06-01T20:05:00Z",
        command(Command::ConfirmDelete),
    );
    assert!(done.text.contains("1 log"), "{}", done.text);
    let left = bot.store().export(&user).unwrap();
    assert!(left.logs.is_empty() && left.advice.is_empty());
    assert_eq!(left.profile, Default::default());
    assert_eq!(bot.store().export(&UserId::new("2")).unwrap().logs.len(), 1);
}

#[test]
fn reminders_are_exported_and_deleted_with_the_rest() {
    use cooldown::intent::{ClockTime, ReminderKind, ReminderRequest};
    use cooldown::reminders::ReminderBook;
    let bot = bot();
    let user = UserId::new("1");
    let mut remind = msg(Intent::SetReminder);
    remind.reminder = Some(ReminderRequest {
        kind: ReminderKind::Sleep,
        at: ClockTime::new(22, 30),
    });
    send(&bot, "1", "2026-06-01T08:00:00Z", remind);
    let book = ReminderBook::open(bot.store()).unwrap();
    assert!(!book.get(&user).unwrap().is_empty(), "the reminder was set");
    let export = send(
        &bot,
        "1",
        "2026-06-01T08:01:00Z",
        command(Command::ExportData),
    );
    let json: serde_json::Value =
        serde_json::from_str(export.attachment.unwrap().text().unwrap()).unwrap();
    assert_eq!(json["reminders"]["sleep"]["at"], "22:30", "{json}");
    send(
        &bot,
        "1",
        "2026-06-01T08:02:00Z",
        command(Command::DeleteData),
    );
    send(
        &bot,
        "1",
        "2026-06-01T08:03:00Z",
        command(Command::ConfirmDelete),
    );
    assert!(
        book.get(&user).unwrap().is_empty(),
        "no reminder outlives a delete"
    );
    assert_eq!(book.next_due(Some(&user)).unwrap(), None);
}
