//! Brings a database written in an older stored-data format up to
//! [`STORE_FORMAT`], one step at a time, recording each step so that an
//! interrupted migration resumes where it stopped.
//!
//! Format 1 → 2: runners named by chat id become pseudonyms, and values
//! about them are sealed (see [`super::keyring`]). Every runner found gets a
//! key first (the keyring is saved once), then each old key is rewritten
//! and removed; old keys start with version byte 1 and new ones with 2, so a
//! second run only meets what the first did not finish. Format 1's copies
//! stay in sled's log until sled compacts it: a runner deleted before then
//! may still be found there in the old, unsealed layout.

use std::collections::BTreeSet;

use super::keyring::Keyring;
use super::{StoreError, UserId, FORMAT_KEY, KEY_VERSION, STORE_FORMAT};

/// The migration for each format below [`STORE_FORMAT`]. A marker below 1
/// was never written by a release and is refused.
pub(super) fn migrate(db: &sled::Db, keyring: &Keyring, from: u8) -> Result<(), StoreError> {
    if from < 1 {
        return Err(StoreError::UnknownFormat { found: from });
    }
    if from < 2 {
        to_2(db, keyring)?;
        db.insert(FORMAT_KEY, &[2])?;
        db.flush()?;
    }
    debug_assert_eq!(STORE_FORMAT, 2);
    Ok(())
}

/// `len · id` at the front of `rest`: the id and what follows it.
fn split_user(rest: &[u8]) -> Option<(UserId, &[u8])> {
    let len = usize::from(*rest.first()?);
    let id = std::str::from_utf8(rest.get(1..1 + len)?).ok()?;
    Some((UserId::new(id), rest.get(1 + len..)?))
}

/// A format-1 key of a runner-keyed tree, read as (user, what follows it).
type Reader = fn(&[u8]) -> Option<(UserId, Vec<u8>)>;

fn v1_prefixed(k: &[u8]) -> Option<(UserId, Vec<u8>)> {
    (k.first() == Some(&KEY_VERSION)).then_some(())?;
    let (user, rest) = split_user(k.get(1..)?)?;
    Some((user, rest.to_vec()))
}

fn v1_bare(k: &[u8]) -> Option<(UserId, Vec<u8>)> {
    (k.first() == Some(&KEY_VERSION)).then_some(())?;
    let id = std::str::from_utf8(k.get(1..)?).ok()?;
    Some((UserId::new(id), Vec::new()))
}

fn to_2(db: &sled::Db, keyring: &Keyring) -> Result<(), StoreError> {
    // (tree, how its old keys name the runner)
    let keyed: [(&str, Reader); 4] = [
        ("logs", v1_prefixed),
        ("advice", v1_prefixed),
        ("profiles", v1_prefixed),
        ("reminders", v1_prefixed),
    ];
    let contacts = db.open_tree("contacts")?;
    let clubs = db.open_tree("clubs")?;
    let authors = db.open_tree("message_authors")?;
    let due = db.open_tree("reminders_due")?;

    // Everyone first, so the keyring is written once.
    let mut users = BTreeSet::new();
    for (name, read) in keyed {
        for k in db.open_tree(name)?.iter().keys() {
            users.extend(read(&k?).map(|(u, _)| u));
        }
    }
    for k in contacts.iter().keys() {
        users.extend(v1_bare(&k?).map(|(u, _)| u));
    }
    for k in clubs.iter().keys() {
        users.extend(old_member(&k?).map(|(_, u)| u));
    }
    for v in authors.iter().values() {
        users.extend(old_author(&v?, keyring));
    }
    keyring.create_all(&users)?;
    let runner = |u: &UserId| {
        keyring
            .get(u)
            .ok_or_else(|| StoreError::Backup(format!("no key made for runner {u}")))
    };

    for (name, read) in keyed {
        let tree = db.open_tree(name)?;
        for kv in tree.iter() {
            let (k, v) = kv?;
            let Some((user, rest)) = read(&k) else {
                continue;
            };
            let r = runner(&user)?;
            let mut new = r.prefix();
            new.extend_from_slice(&rest);
            tree.insert(&new, r.seal(name, &new, &v)?)?;
            tree.remove(&k)?;
        }
    }
    for kv in contacts.iter() {
        let (k, v) = kv?;
        if let Some((user, _)) = v1_bare(&k) {
            let r = runner(&user)?;
            contacts.insert(r.prefix(), r.seal("contacts", &r.prefix(), &v)?)?;
            contacts.remove(&k)?;
        }
    }
    for kv in clubs.iter() {
        let (k, v) = kv?;
        if let Some((guild, user)) = old_member(&k) {
            let r = runner(&user)?;
            let new = super::clubs::member_key(guild, r.pseudonym());
            clubs.insert(&new, r.seal("clubs", &new, &v)?)?;
            clubs.remove(&k)?;
        }
    }
    for kv in authors.iter() {
        let (k, v) = kv?;
        if let Some(user) = old_author(&v, keyring) {
            let mut new = v.get(..8).unwrap_or_default().to_vec();
            new.extend_from_slice(runner(&user)?.pseudonym());
            authors.insert(&k, new)?;
        }
    }
    for k in due.iter().keys() {
        let k = k?;
        if let Some((when, user, kind)) = old_due(&k) {
            let mut new = vec![super::RUNNER_KEY_VERSION];
            new.extend_from_slice(when);
            new.extend_from_slice(runner(&user)?.pseudonym());
            new.push(kind);
            due.insert(new, &[])?;
            due.remove(&k)?;
        }
    }
    Ok(())
}

/// `v1 · guild · 0x01 · len · id`: a format-1 club member.
fn old_member(k: &[u8]) -> Option<(u64, UserId)> {
    (k.first() == Some(&KEY_VERSION) && k.get(9) == Some(&1)).then_some(())?;
    let guild = u64::from_be_bytes(k.get(1..9)?.try_into().ok()?);
    let (user, rest) = split_user(k.get(10..)?)?;
    rest.is_empty().then_some((guild, user))
}

/// The user id in a format-1 message-author value (`at · id`); `None` once
/// it holds a known pseudonym.
fn old_author(v: &[u8], keyring: &Keyring) -> Option<UserId> {
    let rest = v.get(8..)?;
    if keyring.by_pseudonym(rest).is_some() {
        return None;
    }
    Some(UserId::new(std::str::from_utf8(rest).ok()?))
}

/// `v1 · due (8) · len · id · kind`: a format-1 due-index entry.
fn old_due(k: &[u8]) -> Option<(&[u8], UserId, u8)> {
    (k.first() == Some(&KEY_VERSION)).then_some(())?;
    let (user, rest) = split_user(k.get(9..)?)?;
    match rest {
        [kind] => Some((k.get(1..9)?, user, *kind)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Writes a small format-1 database by hand, as release 1 laid it out.
    fn write_format_1(dir: &std::path::Path) {
        let db = sled::Config::new().path(dir).open().unwrap();
        let user = |id: &str| {
            let mut k = vec![1u8, id.len() as u8];
            k.extend_from_slice(id.as_bytes());
            k
        };
        let mut log_key = user("4242");
        log_key.extend_from_slice(&((1_780_000_000_000_000i64 as u64) ^ (1 << 63)).to_be_bytes());
        log_key.extend_from_slice(&7u64.to_be_bytes());
        let log = br#"{"at":"2026-05-28T20:26:40Z","logged_at":"2026-05-28T20:26:40Z","run":{"distance_m":12000.0,"duration_s":null,"effort":null,"conditions":[]}}"#;
        db.open_tree("logs")
            .unwrap()
            .insert(log_key, &log[..])
            .unwrap();
        db.open_tree("profiles")
            .unwrap()
            .insert(user("4242"), &br#"{"age":58}"#[..])
            .unwrap();
        let mut member = vec![1u8];
        member.extend_from_slice(&9u64.to_be_bytes());
        member.push(1);
        member.extend_from_slice(&user("4242")[1..]);
        db.open_tree("clubs")
            .unwrap()
            .insert(member, &br#""2026-05-28T20:26:40Z""#[..])
            .unwrap();
        let mut author = 5i64.to_be_bytes().to_vec();
        author.extend_from_slice(b"4242");
        db.open_tree("message_authors")
            .unwrap()
            .insert(b"\x01m1", author)
            .unwrap();
        // A bedtime reminder due at `due`, and the runner's greeting.
        let due: jiff::Timestamp = "2026-06-01T21:30:00Z".parse().unwrap();
        let record = crate::reminders::book::UserReminders {
            sleep: Some(crate::reminders::book::Schedule {
                at: "22:30".parse().unwrap(),
                since: due,
                next_due: Some(due),
                next_cause: None,
                last_due: None,
                snoozed_until: None,
            }),
            ..Default::default()
        };
        db.open_tree("reminders")
            .unwrap()
            .insert(user("4242"), serde_json::to_vec(&record).unwrap())
            .unwrap();
        let mut due_key = vec![1u8];
        due_key.extend_from_slice(&((due.as_microsecond() as u64) ^ (1 << 63)).to_be_bytes());
        due_key.extend_from_slice(&user("4242")[1..]);
        due_key.push(1);
        db.open_tree("reminders_due")
            .unwrap()
            .insert(due_key, &[][..])
            .unwrap();
        db.open_tree("contacts")
            .unwrap()
            .insert(b"\x014242", &5i64.to_be_bytes()[..])
            .unwrap();
        db.insert(FORMAT_KEY, &[1]).unwrap();
        db.flush().unwrap();
    }

    #[test]
    fn a_format_1_database_is_migrated_and_names_nobody_by_id() {
        let dir = tempfile::tempdir().unwrap();
        write_format_1(dir.path());
        let store = Store::open(dir.path()).unwrap();
        let u = UserId::new("4242");
        let logs = store.logs_since(&u, jiff::Timestamp::MIN).unwrap();
        assert_eq!(logs.len(), 1);
        assert_eq!(logs[0].1.run.as_ref().unwrap().distance_m, Some(12000.0));
        assert_eq!(store.profile(&u).unwrap().age, Some(58));
        assert_eq!(
            super::super::Clubs::open(&store)
                .unwrap()
                .members(9)
                .unwrap(),
            std::slice::from_ref(&u)
        );
        let authors = super::super::MessageAuthors::open(&store).unwrap();
        assert_eq!(authors.author("m1").unwrap(), Some(u.clone()));
        let book = crate::reminders::book::ReminderBook::open(&store).unwrap();
        assert_eq!(book.users().unwrap(), std::slice::from_ref(&u));
        let first = book.first_due(jiff::Timestamp::MAX, None).unwrap().unwrap();
        assert_eq!(
            (first.user, first.due.to_string()),
            (u.clone(), "2026-06-01T21:30:00Z".into())
        );
        let runner = store.runner(&u).unwrap();
        let greeting = store.open_tree("contacts").unwrap();
        let sealed = greeting.get(runner.prefix()).unwrap().unwrap();
        let at = runner.open("contacts", &runner.prefix(), &sealed).unwrap();
        assert_eq!(at, 5i64.to_be_bytes(), "the greeting is kept");
        assert_eq!(store.check().unwrap().runners, 1);
        for name in [
            "logs",
            "profiles",
            "clubs",
            "message_authors",
            "reminders",
            "reminders_due",
            "contacts",
        ] {
            for kv in store.open_tree(name).unwrap().iter() {
                let (k, v) = kv.unwrap();
                let both = [k.to_vec(), v.to_vec()].concat();
                assert!(
                    !both.windows(4).any(|w| w == b"4242"),
                    "{name} names the runner"
                );
            }
        }
    }
}
