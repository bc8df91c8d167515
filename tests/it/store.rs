//! The store keeps what it was given across a restart, refuses a second
//! process, and hands a runner everything it holds about them.

use cooldown::intent::{BodyPart, Condition, Effort};
use cooldown::store::{LogEntry, Profile, RunLog, SleepLog, Store, StoreError, UserId};
use jiff::Timestamp;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn run(km: f64, when: &str) -> LogEntry {
    LogEntry {
        at: at(when),
        logged_at: at(when),
        message_id: None,
        run: Some(RunLog {
            distance_m: Some(km * 1000.0),
            duration_s: Some(3600),
            effort: Some(Effort::Easy),
            conditions: vec![Condition::Hot],
            ..RunLog::default()
        }),
        sleep: None,
        rest: None,
        pain: vec![BodyPart::Calf],
    }
}

#[test]
fn logs_and_profile_survive_a_reopen_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let alice = UserId::new("1001");
    let bob = UserId::new("100");
    {
        let store = Store::open(dir.path()).unwrap();
        // Appended out of time order on purpose: the key layout orders them.
        store
            .append(&alice, &run(10.0, "2026-06-03T07:00:00Z"))
            .unwrap();
        store
            .append(&alice, &run(5.0, "2026-06-01T07:00:00Z"))
            .unwrap();
        store
            .append(&bob, &run(42.2, "2026-06-02T07:00:00Z"))
            .unwrap();
        let profile = Profile {
            age: Some(58),
            time_zone: Some("Europe/Berlin".into()),
            ..Profile::default()
        };
        store.save_profile(&alice, &profile).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let logs = store
        .logs_since(&alice, at("2026-01-01T00:00:00Z"))
        .unwrap();
    let kms: Vec<f64> = logs
        .iter()
        .map(|(_, e)| e.run.as_ref().unwrap().distance_m.unwrap() / 1000.0)
        .collect();
    assert_eq!(kms, vec![5.0, 10.0], "only alice's logs, oldest first");
    assert_eq!(logs[0].1, run(5.0, "2026-06-01T07:00:00Z"));
    assert_eq!(store.profile(&alice).unwrap().age, Some(58));
    assert_eq!(store.profile(&bob).unwrap(), Profile::default());
    let since = store
        .logs_since(&alice, at("2026-06-02T00:00:00Z"))
        .unwrap();
    assert_eq!(since.len(), 1);
}

#[test]
fn last_log_undo_and_delete_touch_only_one_user() {
    let store = Store::temporary().unwrap();
    let a = UserId::new("a");
    let b = UserId::new("b");
    store.append(&a, &run(5.0, "2026-06-01T07:00:00Z")).unwrap();
    let mut sleep = run(0.0, "2026-06-02T07:00:00Z");
    sleep.run = None;
    sleep.sleep = Some(SleepLog { hours: 6.5 });
    store.append(&a, &sleep).unwrap();
    store.append(&b, &run(8.0, "2026-06-03T07:00:00Z")).unwrap();

    let (key, last) = store.last_log(&a).unwrap().unwrap();
    assert_eq!(last.sleep, Some(SleepLog { hours: 6.5 }));
    assert_eq!(store.remove(&key).unwrap(), Some(sleep));
    assert_eq!(store.export(&a).unwrap().logs.len(), 1);

    assert_eq!(store.delete_user(&a).unwrap(), 1);
    assert!(store.export(&a).unwrap().logs.is_empty());
    assert_eq!(store.export(&b).unwrap().logs.len(), 1, "bob keeps his run");
}

#[test]
fn a_second_process_on_the_same_directory_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    // sled locks the directory per process; a second open in the same
    // process would share the lock, so open it from a child process.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .args(["replay", "--data"])
        .arg(dir.path())
        .env(
            "COOLDOWN_RESPONSES",
            concat!(env!("CARGO_MANIFEST_DIR"), "/responses"),
        )
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by another Cooldown process"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_damaged_database_is_refused_not_replaced_by_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.path().join("db"), &garbage).unwrap();
    std::fs::write(dir.path().join("conf"), b"garbage").unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err}");
    assert!(err.to_string().contains("cannot be read"), "{err}");
}

#[test]
fn a_fresh_directory_opens_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let store = Store::open(dir.path()).unwrap();
    assert!(store.last_log(&UserId::new("x")).unwrap().is_none());
}
