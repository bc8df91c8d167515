//! Each runner's reminders, kept with an index of due instants so that the
//! earliest pending reminder is one range scan away (the persistent twin of
//! mini-redis's `BTreeSet<(Instant, key)>`). What the instants are is the
//! reminders module's business; here is only how they are kept.
//!
//! | tree             | key                                    | value                   |
//! |------------------|----------------------------------------|-------------------------|
//! | `reminders`      | `v2 · pseudonym (16)`                  | [`UserReminders`] JSON, sealed |
//! | `reminders_due`  | `v2 · due (i64 µs BE, sign-flipped) · pseudonym · kind` | empty |
//!
//! The index is derived from the records: every write goes through
//! [`Store::update_reminders`], which rewrites a record and its index keys
//! in one sled transaction and then flushes, so the two never disagree and
//! a change is durable before anyone is told about it.

use jiff::Timestamp;
use sled::transaction::{abort, TransactionError, Transactional};

use super::keyring::RunnerKey;
use super::keys::order_preserving;
use super::{Store, StoreError, UserId, RUNNER_KEY_VERSION};
use crate::model::{DueEntry, ReminderKind, UserReminders};

impl Store {
    /// A runner's reminders (empty if they have none).
    pub fn reminders(&self, user: &UserId) -> Result<UserReminders, StoreError> {
        self.ensure_usable()?;
        let Some(runner) = self.runner(user) else {
            return Ok(UserReminders::default());
        };
        let key = record_key(&runner);
        match self.reminder_records.get(&key)? {
            Some(v) => decode(&runner, &key, &v),
            None => Ok(UserReminders::default()),
        }
    }

    /// Reads, changes and writes back a runner's reminders and their due
    /// index keys atomically, then flushes. `change` may run more than once
    /// (sled retries on conflict), so it must only compute from its argument.
    pub fn update_reminders<R>(
        &self,
        user: &UserId,
        change: impl Fn(&mut UserReminders) -> R,
    ) -> Result<R, StoreError> {
        let _scope = self.write_scope();
        let runner = match self.runner(user) {
            Some(runner) => runner,
            None => {
                // No key, no record: make one only if there is something
                // to keep.
                let mut new = UserReminders::default();
                let out = change(&mut new);
                if new == UserReminders::default() {
                    return Ok(out);
                }
                self.runner_or_create(user)?
            }
        };
        let key = record_key(&runner);
        let pseudonym = runner.pseudonym();
        let result = (&self.reminder_records, &self.reminders_due).transaction(|(records, due)| {
            let old = match records.get(&key)? {
                Some(v) => decode(&runner, &key, &v).or_else(abort)?,
                None => UserReminders::default(),
            };
            let mut new = old.clone();
            let out = change(&mut new);
            for k in due_keys(&old, pseudonym) {
                due.remove(k)?;
            }
            if new == UserReminders::default() {
                records.remove(key.as_slice())?;
            } else {
                let sealed = encode(&runner, &key, &new).or_else(abort)?;
                records.insert(key.as_slice(), sealed)?;
            }
            for k in due_keys(&new, pseudonym) {
                due.insert(k, &[])?;
            }
            Ok(out)
        });
        let out = result.map_err(from_transaction)?;
        self.flush()?;
        Ok(out)
    }

    /// The earliest due entry at or before `up_to`, of `only` one runner if
    /// given.
    pub fn first_due_reminder(
        &self,
        up_to: Timestamp,
        only: Option<&UserId>,
    ) -> Result<Option<DueEntry>, StoreError> {
        self.ensure_usable()?;
        let end = due_prefix_after(up_to);
        for kv in self.reminders_due.range(..end) {
            let (k, _) = kv?;
            let Some((due, pseudonym, kind)) = parse_due_key(&k) else {
                continue;
            };
            let Some((user, _)) = self.runner_by_pseudonym(pseudonym) else {
                // A deleted runner's entry: nobody to remind.
                let _scope = self.write_scope();
                self.reminders_due.remove(&k)?;
                continue;
            };
            if only.map_or(true, |u| *u == user) {
                return Ok(Some(DueEntry { due, user, kind }));
            }
        }
        Ok(None)
    }

    /// How many reminders wait in the due index (a scan: for the metrics).
    pub fn pending_reminders(&self) -> usize {
        self.reminders_due.len()
    }

    /// Removes an index entry that its record no longer names (left by a
    /// bug or a crash of an older version), so it cannot be met forever.
    pub fn drop_orphan_reminder(&self, entry: &DueEntry) -> Result<(), StoreError> {
        let _scope = self.write_scope();
        let Some(runner) = self.runner(&entry.user) else {
            return Ok(()); // the runner's entries go as first_due meets them
        };
        let key = record_key(&runner);
        let index_key = due_key(entry.due, runner.pseudonym(), entry.kind);
        let result = (&self.reminder_records, &self.reminders_due).transaction(|(records, due)| {
            let rec = match records.get(&key)? {
                Some(v) => decode(&runner, &key, &v).or_else(abort)?,
                None => UserReminders::default(),
            };
            if !due_keys(&rec, runner.pseudonym()).contains(&index_key) {
                due.remove(index_key.as_slice())?;
            }
            Ok(())
        });
        result.map_err(from_transaction)?;
        self.flush()
    }

    /// Every runner who has reminders, for tests and maintenance.
    pub fn reminder_users(&self) -> Result<Vec<UserId>, StoreError> {
        let mut users = Vec::new();
        for k in self.reminder_records.iter().keys() {
            let k = k?;
            if let Some((user, _)) = k.get(1..).and_then(|p| self.runner_by_pseudonym(p)) {
                users.push(user);
            }
        }
        Ok(users)
    }
}

/// A failed transaction in our words: our own abort, or sled's error.
fn from_transaction(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => StoreError::Db(e),
    }
}

/// The instants a record puts in the due index: none while paused.
fn due_keys(record: &UserReminders, pseudonym: &[u8]) -> Vec<Vec<u8>> {
    if record.blocked_since.is_some() {
        return Vec::new();
    }
    ReminderKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let due = record.get(kind)?.next_due?;
            Some(due_key(due, pseudonym, kind))
        })
        .collect()
}

fn record_key(runner: &RunnerKey) -> Vec<u8> {
    runner.prefix()
}

fn kind_byte(kind: ReminderKind) -> u8 {
    match kind {
        ReminderKind::Sleep => 1,
        ReminderKind::Rest => 2,
        ReminderKind::Recap => 3,
    }
}

fn due_key(due: Timestamp, pseudonym: &[u8], kind: ReminderKind) -> Vec<u8> {
    let mut k = vec![RUNNER_KEY_VERSION];
    k.extend_from_slice(&order_preserving(due.as_microsecond()));
    k.extend_from_slice(pseudonym);
    k.push(kind_byte(kind));
    k
}

/// The first key after every entry due at or before `up_to`: the first
/// key of the next microsecond. (`up_to` followed by one 0xff byte would
/// sort before the entries due at `up_to` whose pseudonym starts with
/// 0xff, one runner in 256, and leave them out.)
fn due_prefix_after(up_to: Timestamp) -> Vec<u8> {
    let mut k = vec![RUNNER_KEY_VERSION];
    k.extend_from_slice(&order_preserving(up_to.as_microsecond().saturating_add(1)));
    k
}

/// `(due, pseudonym, kind)` from a due-index key.
fn parse_due_key(k: &[u8]) -> Option<(Timestamp, &[u8], ReminderKind)> {
    if k.first() != Some(&RUNNER_KEY_VERSION) || k.len() != 1 + 8 + 16 + 1 {
        return None;
    }
    let micros = u64::from_be_bytes(k.get(1..9)?.try_into().ok()?) ^ (1 << 63);
    let due = Timestamp::from_microsecond(micros as i64).ok()?;
    let kind = match k.get(25)? {
        1 => ReminderKind::Sleep,
        2 => ReminderKind::Rest,
        3 => ReminderKind::Recap,
        _ => return None,
    };
    Some((due, k.get(9..25)?, kind))
}

fn encode(runner: &RunnerKey, key: &[u8], r: &UserReminders) -> Result<Vec<u8>, StoreError> {
    // Plain records of our own: serialising cannot fail.
    runner.seal("reminders", key, &serde_json::to_vec(r).unwrap_or_default())
}

fn decode(runner: &RunnerKey, key: &[u8], bytes: &[u8]) -> Result<UserReminders, StoreError> {
    let plain = runner.open("reminders", key, bytes)?;
    serde_json::from_slice(&plain).map_err(|cause| StoreError::Corrupt {
        what: "reminders",
        cause,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClockTime, Schedule};

    #[test]
    fn due_keys_sort_by_time_then_round_trip() {
        let u = [7u8; 16];
        let a: Timestamp = "2026-03-29T00:30:00Z".parse().unwrap();
        let b: Timestamp = "2026-03-29T01:30:00Z".parse().unwrap();
        let ka = due_key(a, &[0xff; 16], ReminderKind::Rest);
        let kb = due_key(b, &u, ReminderKind::Sleep);
        assert!(ka < kb);
        assert!(kb < due_prefix_after(b));
        assert!(due_prefix_after(a) < kb);
        // Due at `up_to` whatever the pseudonym.
        assert!(due_key(b, &[0xff; 16], ReminderKind::Recap) < due_prefix_after(b));
        let back = parse_due_key(&kb).unwrap();
        assert_eq!(back, (b, &u[..], ReminderKind::Sleep));
    }

    #[test]
    fn update_keeps_the_index_in_step_with_the_record() {
        let store = Store::temporary().unwrap();
        let u = UserId::new("7");
        let t1: Timestamp = "2026-06-01T21:30:00Z".parse().unwrap();
        let t2: Timestamp = "2026-06-02T21:30:00Z".parse().unwrap();
        let sched = |due| Schedule {
            snoozed_until: None,
            at: ClockTime::new(22, 30).unwrap(),
            since: t1,
            next_due: Some(due),
            next_cause: None,
            last_due: None,
        };
        let next = |s: &Store| {
            s.first_due_reminder(Timestamp::MAX, None)
                .unwrap()
                .map(|e| e.due)
        };
        store
            .update_reminders(&u, |r| r.sleep = Some(sched(t1)))
            .unwrap();
        assert_eq!(next(&store), Some(t1));
        store
            .update_reminders(&u, |r| r.sleep = Some(sched(t2)))
            .unwrap();
        assert_eq!(next(&store), Some(t2));
        assert_eq!(store.first_due_reminder(t1, None).unwrap(), None);
        store
            .update_reminders(&u, |r| r.blocked_since = Some(t1))
            .unwrap();
        assert_eq!(next(&store), None);
        store
            .update_reminders(&u, |r| *r = UserReminders::default())
            .unwrap();
        assert!(store.reminder_users().unwrap().is_empty());
        assert_eq!(store.pending_reminders(), 0);
    }
}
