//! The engine's one door (`Bot::dispatch`): every kind of event gets the
//! same follow-up, and one event is one unit for a backup.

use std::collections::BTreeSet;
use std::sync::Arc;

use cooldown::catalogue::Catalogue;
use cooldown::engine::{Bot, Event, Incoming, Origin, Outcome};
use cooldown::reminders::RestCause;
use cooldown::store::{Store, UserId};
use jiff::Timestamp;

fn bot_on(store: Store) -> Bot {
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).expect("shipped catalogue loads");
    Bot::new(catalogue, store).unwrap()
}

fn msg(user: &str, at: &str, text: &str, id: Option<&str>) -> Incoming {
    Incoming {
        user: UserId::new(user),
        origin: Origin::Dm,
        text: text.to_owned(),
        at: at.parse::<Timestamp>().unwrap(),
        message_id: id.map(str::to_owned),
    }
}

/// The runner's next rest-day reminder and why it is due.
fn next_rest(bot: &Bot, user: &str) -> Option<(Timestamp, Option<RestCause>)> {
    let book = bot.reminders().book().get(&UserId::new(user)).unwrap();
    let rest = book.rest?;
    Some((rest.next_due?, rest.next_cause))
}

fn with_rest_reminders(bot: &Bot) {
    for (at, text) in [
        ("2026-06-01T08:00:00Z", "set tz Europe/London"),
        ("2026-06-01T08:01:00Z", "remind me about rest days"),
    ] {
        bot.dispatch(Event::Message(msg("42", at, text, None)))
            .unwrap();
    }
}

#[test]
fn an_edit_that_makes_a_run_long_brings_the_rest_day_reminder() {
    let bot = bot_on(Store::temporary().unwrap());
    with_rest_reminders(&bot);
    let ran = msg("42", "2026-06-01T18:00:00Z", "ran 5k easy", Some("m1"));
    assert!(bot.handle(&ran).unwrap().logged);
    assert_eq!(
        next_rest(&bot, "42"),
        None,
        "an easy 5k calls for no rest day"
    );

    let edit = msg("42", "2026-06-01T18:03:00Z", "ran 30k easy", Some("m1"));
    let Outcome::Reply(reply) = bot.dispatch(Event::Edited(edit)).unwrap() else {
        panic!("an edit of a logged message is answered");
    };
    assert!(reply.text.contains("30 km"), "{}", reply.text);
    let (due, cause) = next_rest(&bot, "42").expect("a 30 km run calls for a rest day");
    assert_eq!(cause, Some(RestCause::LongRun));
    // The next morning, 08:00 in London (07:00 UTC in summer).
    assert_eq!(due, "2026-06-02T07:00:00Z".parse::<Timestamp>().unwrap());
}

#[test]
fn deleting_a_race_message_takes_its_rest_day_back() {
    let bot = bot_on(Store::temporary().unwrap());
    with_rest_reminders(&bot);
    let race = msg("42", "2026-06-01T12:00:00Z", "10k race, new PB", Some("m2"));
    assert!(bot.handle(&race).unwrap().logged);
    assert_eq!(
        next_rest(&bot, "42").map(|(_, cause)| cause),
        Some(Some(RestCause::Race))
    );

    let gone = Event::Deleted {
        message_id: "m2".into(),
        at: "2026-06-01T12:10:00Z".parse().unwrap(),
    };
    assert_eq!(bot.dispatch(gone).unwrap(), Outcome::Ignored);
    assert!(bot.store().last_log(&UserId::new("42")).unwrap().is_none());
    assert_eq!(next_rest(&bot, "42"), None, "no race, no rest day for it");
    // The message index forgot it too: a second delete finds nothing.
    assert_eq!(bot.message_author("m2").unwrap(), None);
}

#[test]
fn the_undo_button_under_a_long_run_takes_its_rest_day_back() {
    let bot = bot_on(Store::temporary().unwrap());
    with_rest_reminders(&bot);
    let long = msg("42", "2026-06-01T18:00:00Z", "long run 32km", Some("m3"));
    assert!(bot.handle(&long).unwrap().logged);
    assert!(next_rest(&bot, "42").is_some());
    let undo = Event::UndoMessage {
        user: UserId::new("42"),
        message_id: "m3".into(),
        at: "2026-06-01T18:05:00Z".parse().unwrap(),
    };
    assert!(matches!(bot.dispatch(undo.clone()).unwrap(), Outcome::Reply(r) if r.logged));
    assert_eq!(next_rest(&bot, "42"), None);
    assert_eq!(
        bot.dispatch(undo).unwrap(),
        Outcome::Ignored,
        "already gone"
    );
}

#[test]
fn a_message_that_logs_nothing_leaves_no_index_entry() {
    let bot = bot_on(Store::temporary().unwrap());
    bot.handle(&msg("42", "2026-06-01T18:00:00Z", "hello", Some("m4")));
    assert_eq!(bot.message_author("m4").unwrap(), None);
    bot.handle(&msg("42", "2026-06-01T18:01:00Z", "ran 8k", Some("m5")));
    assert_eq!(bot.message_author("m5").unwrap(), Some(UserId::new("42")));
}

/// Backups taken while runners write are each one snapshot between events:
/// every logged message has its index entry and every index entry its log
/// (an event writes the entry first, then the log, so a backup in the
/// middle of one would hold an entry without its log).
#[test]
fn backups_taken_under_load_never_hold_half_an_event() {
    let bot = Arc::new(bot_on(Store::temporary().unwrap()));
    const RUNNERS: usize = 4;
    // Under the daily limit of logs (30).
    const RUNS: usize = 25;
    let writers: Vec<_> = (0..RUNNERS)
        .map(|r| {
            let bot = bot.clone();
            std::thread::spawn(move || {
                for i in 0..RUNS {
                    let at = format!("2026-06-01T{:02}:{:02}:00Z", 6 + i / 2, (i % 2) * 30);
                    let id = format!("r{r}-m{i}");
                    let text = format!("ran {}k easy", 3 + i % 5);
                    let m = msg(&format!("{}", 100 + r), &at, &text, Some(&id));
                    let reply = bot.handle(&m).unwrap();
                    assert!(reply.logged, "{}", reply.text);
                }
            })
        })
        .collect();
    let mut backups = Vec::new();
    // Up to 30, each restored and checked below.
    while (writers.iter().any(|w| !w.is_finished()) && backups.len() < 30) || backups.is_empty() {
        let mut out = Vec::new();
        bot.store().write_backup(&mut out).unwrap();
        backups.push(out);
    }
    for w in writers {
        w.join().unwrap();
    }
    for backup in &backups {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Store::restore(&data, &backup[..]).unwrap();
        // sled lets go of the restore's lock a moment after it closes.
        let store = crate::retry::until("the restored store's lock released", || {
            Store::open(&data).ok()
        });
        let restored = bot_on(store);
        for r in 0..RUNNERS {
            let user = UserId::new(format!("{}", 100 + r));
            let logged: BTreeSet<String> = restored
                .store()
                .logs_since(&user, Timestamp::MIN)
                .unwrap()
                .into_iter()
                .filter_map(|(_, e)| e.message_id)
                .collect();
            for i in 0..RUNS {
                let id = format!("r{r}-m{i}");
                let indexed = restored.message_author(&id).unwrap().is_some();
                assert_eq!(
                    indexed,
                    logged.contains(&id),
                    "message {id}: index and log disagree in a backup"
                );
            }
        }
    }
}

/// The records of a backup, as (tree, key hex, value hex).
fn backup_records(bot: &Bot) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    bot.store().write_backup(&mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["tree"].as_str()?.to_owned(),
                v["key"].as_str()?.to_owned(),
                v["value"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

/// What one runner does in a few weeks: every kind of record.
fn a_runner_lives(bot: &Bot, user: &str) {
    let lines = [
        "set tz Europe/Berlin",
        "I'm 58 and I have high blood pressure",
        "remind me to go to bed at 22:30",
        "remind me about rest days",
        "long run 24k humid, calves sore",
        "slept 6h",
        "rest day",
        "how do I cool down?",
    ];
    for (i, text) in lines.iter().enumerate() {
        let at = format!("2026-06-{:02}T18:00:00Z", i + 1);
        let id = format!("{user}-m{i}");
        bot.handle(&msg(user, &at, text, Some(&id)));
    }
    let clubs = cooldown::store::Clubs::open(bot.store()).unwrap();
    clubs
        .join(
            7,
            &UserId::new(user),
            None,
            "2026-06-09T08:00:00Z".parse().unwrap(),
        )
        .unwrap();
}

#[test]
fn a_deleted_runner_leaves_no_key_behind() {
    let bot = bot_on(Store::temporary().unwrap());
    a_runner_lives(&bot, "111");
    a_runner_lives(&bot, "222");
    let before = backup_records(&bot);
    // The keyring's record of runner 111: the pseudonym every key of theirs
    // carries (its value is the data key, then the user id).
    let pseudonym = before
        .iter()
        .find(|(tree, _, value)| tree == "cooldown/keyring" && value.ends_with(&hex("111")))
        .map(|(_, key, _)| key.clone())
        .expect("runner 111 has a key");
    let theirs = |records: &[(String, String, String)]| {
        records
            .iter()
            // Keys name them; the message index names them in its values.
            .filter(|(_, key, value)| key.contains(&pseudonym) || value.contains(&pseudonym))
            .map(|(tree, _, _)| tree.clone())
            .collect::<BTreeSet<_>>()
    };
    let trees = theirs(&before);
    for tree in [
        "logs",
        "profiles",
        "advice",
        "reminders",
        "reminders_due",
        "clubs",
        "message_authors",
    ] {
        assert!(
            trees.contains(tree),
            "runner 111 has records in {tree}: {trees:?}"
        );
    }

    for (at, text) in [
        ("2026-06-20T08:00:00Z", "delete my data"),
        ("2026-06-20T08:01:00Z", "yes, delete"),
    ] {
        bot.handle(&msg("111", at, text, None));
    }
    let after = backup_records(&bot);
    assert_eq!(theirs(&after), BTreeSet::new(), "no key names runner 111");
    assert!(after
        .iter()
        .all(|(_, _, value)| !value.ends_with(&hex("111"))));
    // Their messages are forgotten too, and runner 222 kept everything.
    assert_eq!(bot.message_author("111-m4").unwrap(), None);
    assert_eq!(
        bot.message_author("222-m4").unwrap(),
        Some(UserId::new("222"))
    );
    let kept = bot.store().export(&UserId::new("222")).unwrap();
    assert!(kept.logs.len() >= 3, "{:?}", kept.logs);
    assert!(kept.reminders.sleep.is_some() && kept.reminders.rest.is_some());
    assert_eq!(kept.clubs, [7]);
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}
