//! The reminder book: each runner's reminders, persisted in sled, with an
//! index of due instants so the earliest pending reminder is one range scan
//! away (the persistent twin of mini-redis's `BTreeSet<(Instant, key)>`).
//!
//! | tree             | key                                    | value                   |
//! |------------------|----------------------------------------|-------------------------|
//! | `reminders`      | `v2 · pseudonym (16)`                  | [`UserReminders`] JSON, sealed |
//! | `reminders_due`  | `v2 · due (i64 µs BE, sign-flipped) · pseudonym · kind` | empty |
//!
//! Runners are named by their pseudonym and records sealed with their key
//! (see `store::keyring`), as in the rest of the store.
//!
//! The index is derived from the records: every write goes through
//! [`ReminderBook::update`], which rewrites a record and its index keys in one
//! sled transaction and then flushes, so the two never disagree and a change
//! is durable before anyone is told about it.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sled::transaction::{abort, TransactionError, Transactional};

use super::schedule::RestCause;
use crate::model::UserId;
use crate::model::{ClockTime, ReminderKind};
use crate::store::{RunnerKey, Store, StoreError, RUNNER_KEY_VERSION};

/// One daily reminder of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Local wall-clock time (bedtime, or the rest-day morning).
    pub at: ClockTime,
    /// When the runner turned it on.
    pub since: Timestamp,
    /// The next instant it falls due, if any (a rest-day reminder has none
    /// until the logs call for a rest day).
    pub next_due: Option<Timestamp>,
    /// Why the next rest-day reminder is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cause: Option<RestCause>,
    /// The due instant of the last occurrence taken out of the book (sent or
    /// skipped). Nothing at or before it is ever scheduled again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_due: Option<Timestamp>,
    /// A snoozed bedtime reminder comes again at this instant (before its
    /// regular time); cleared once it is taken out, or by "skip tonight".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<Timestamp>,
}

/// Everything about one runner's reminders.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserReminders {
    pub sleep: Option<Schedule>,
    pub rest: Option<Schedule>,
    /// A DM was refused (the runner blocks DMs from the bot): every reminder
    /// waits, out of the due index, until they set one again.
    pub blocked_since: Option<Timestamp>,
    /// They have yet to be told that their reminders are paused.
    pub blocked_untold: bool,
    /// They were told that, without a time zone, times are UTC.
    pub utc_told: bool,
}

impl UserReminders {
    pub fn get(&self, kind: ReminderKind) -> Option<&Schedule> {
        match kind {
            ReminderKind::Sleep => self.sleep.as_ref(),
            ReminderKind::Rest => self.rest.as_ref(),
        }
    }

    pub fn get_mut(&mut self, kind: ReminderKind) -> &mut Option<Schedule> {
        match kind {
            ReminderKind::Sleep => &mut self.sleep,
            ReminderKind::Rest => &mut self.rest,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sleep.is_none() && self.rest.is_none()
    }

    /// The instants this record puts in the due index.
    fn due_keys(&self, pseudonym: &[u8]) -> Vec<Vec<u8>> {
        if self.blocked_since.is_some() {
            return Vec::new();
        }
        [ReminderKind::Sleep, ReminderKind::Rest]
            .into_iter()
            .filter_map(|kind| {
                let due = self.get(kind)?.next_due?;
                Some(due_key(due, pseudonym, kind))
            })
            .collect()
    }
}

/// One entry of the due index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueEntry {
    pub due: Timestamp,
    pub user: UserId,
    pub kind: ReminderKind,
}

/// The reminders trees of the store.
#[derive(Clone)]
pub struct ReminderBook {
    store: Store,
    records: sled::Tree,
    due: sled::Tree,
}

impl std::fmt::Debug for ReminderBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReminderBook").finish_non_exhaustive()
    }
}

impl ReminderBook {
    pub fn open(store: &Store) -> Result<ReminderBook, StoreError> {
        Ok(ReminderBook {
            records: store.open_tree("reminders")?,
            due: store.open_tree("reminders_due")?,
            store: store.clone(),
        })
    }

    /// The store the book lives in (profiles and logs decide due instants).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A runner's reminders (empty if they have none).
    pub fn get(&self, user: &UserId) -> Result<UserReminders, StoreError> {
        self.store.ensure_usable()?;
        let Some(runner) = self.store.runner(user) else {
            return Ok(UserReminders::default());
        };
        let key = record_key(&runner);
        match self.records.get(&key)? {
            Some(v) => decode(&runner, &key, &v),
            None => Ok(UserReminders::default()),
        }
    }

    /// Reads, changes and writes back a runner's record and its due-index
    /// keys atomically, then flushes. `change` may run more than once (sled
    /// retries on conflict), so it must only compute from its argument.
    pub fn update<R>(
        &self,
        user: &UserId,
        change: impl Fn(&mut UserReminders) -> R,
    ) -> Result<R, StoreError> {
        let _scope = self.store.write_scope();
        let runner = match self.store.runner(user) {
            Some(runner) => runner,
            None => {
                // No key, no record: make one only if there is something
                // to keep.
                let mut new = UserReminders::default();
                let out = change(&mut new);
                if new == UserReminders::default() {
                    return Ok(out);
                }
                self.store.runner_or_create(user)?
            }
        };
        let key = record_key(&runner);
        let pseudonym = runner.pseudonym();
        let result = (&self.records, &self.due).transaction(|(records, due)| {
            let old = match records.get(&key)? {
                Some(v) => decode(&runner, &key, &v).or_else(abort)?,
                None => UserReminders::default(),
            };
            let mut new = old.clone();
            let out = change(&mut new);
            for k in old.due_keys(pseudonym) {
                due.remove(k)?;
            }
            if new == UserReminders::default() {
                records.remove(key.as_slice())?;
            } else {
                let sealed = encode(&runner, &key, &new).or_else(abort)?;
                records.insert(key.as_slice(), sealed)?;
            }
            for k in new.due_keys(pseudonym) {
                due.insert(k, &[])?;
            }
            Ok(out)
        });
        let out = result.map_err(|e| match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => StoreError::Db(e),
        })?;
        self.store.flush()?;
        Ok(out)
    }

    /// The earliest due entry at or before `up_to`, of `only` one runner if
    /// given.
    pub fn first_due(
        &self,
        up_to: Timestamp,
        only: Option<&UserId>,
    ) -> Result<Option<DueEntry>, StoreError> {
        self.store.ensure_usable()?;
        let end = due_prefix_after(up_to);
        for kv in self.due.range(..end) {
            let (k, _) = kv?;
            let Some((due, pseudonym, kind)) = parse_due_key(&k) else {
                continue;
            };
            let Some((user, _)) = self.store.runner_by_pseudonym(pseudonym) else {
                // A deleted runner's entry: nobody to remind.
                let _scope = self.store.write_scope();
                self.due.remove(&k)?;
                continue;
            };
            if only.map_or(true, |u| *u == user) {
                return Ok(Some(DueEntry { due, user, kind }));
            }
        }
        Ok(None)
    }

    /// How many reminders wait in the due index (a scan: for the metrics,
    /// once per scheduler pass).
    pub fn pending(&self) -> usize {
        self.due.len()
    }

    /// The earliest due instant in the book (of `only` one runner if given).
    pub fn next_due(&self, only: Option<&UserId>) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.first_due(Timestamp::MAX, only)?.map(|e| e.due))
    }

    /// Removes an index entry that its record no longer names (left by a
    /// bug or a crash of an older version), so it cannot be met forever.
    pub fn drop_orphan(&self, entry: &DueEntry) -> Result<(), StoreError> {
        let _scope = self.store.write_scope();
        let Some(runner) = self.store.runner(&entry.user) else {
            return Ok(()); // the runner's entries go as first_due meets them
        };
        let key = record_key(&runner);
        let index_key = due_key(entry.due, runner.pseudonym(), entry.kind);
        let result = (&self.records, &self.due).transaction(|(records, due)| {
            let rec = match records.get(&key)? {
                Some(v) => decode(&runner, &key, &v).or_else(abort)?,
                None => UserReminders::default(),
            };
            if !rec.due_keys(runner.pseudonym()).contains(&index_key) {
                due.remove(index_key.as_slice())?;
            }
            Ok(())
        });
        result.map_err(|e: TransactionError<StoreError>| match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => StoreError::Db(e),
        })?;
        self.store.flush()
    }

    /// Every runner who has a record, for tests and maintenance.
    pub fn users(&self) -> Result<Vec<UserId>, StoreError> {
        let mut users = Vec::new();
        for k in self.records.iter().keys() {
            let k = k?;
            if let Some((user, _)) = k.get(1..).and_then(|p| self.store.runner_by_pseudonym(p)) {
                users.push(user);
            }
        }
        Ok(users)
    }
}

fn record_key(runner: &RunnerKey) -> Vec<u8> {
    runner.prefix()
}

fn order_preserving(at: Timestamp) -> [u8; 8] {
    ((at.as_microsecond() as u64) ^ (1 << 63)).to_be_bytes()
}

fn kind_byte(kind: ReminderKind) -> u8 {
    match kind {
        ReminderKind::Sleep => 1,
        ReminderKind::Rest => 2,
    }
}

fn due_key(due: Timestamp, pseudonym: &[u8], kind: ReminderKind) -> Vec<u8> {
    let mut k = vec![RUNNER_KEY_VERSION];
    k.extend_from_slice(&order_preserving(due));
    k.extend_from_slice(pseudonym);
    k.push(kind_byte(kind));
    k
}

/// The first key after every entry due at or before `up_to`.
fn due_prefix_after(up_to: Timestamp) -> Vec<u8> {
    let mut k = vec![RUNNER_KEY_VERSION];
    k.extend_from_slice(&order_preserving(up_to));
    k.push(0xff);
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
        let back = parse_due_key(&kb).unwrap();
        assert_eq!(back, (b, &u[..], ReminderKind::Sleep));
    }

    #[test]
    fn update_keeps_the_index_in_step_with_the_record() {
        let store = Store::temporary().unwrap();
        let book = ReminderBook::open(&store).unwrap();
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
        book.update(&u, |r| r.sleep = Some(sched(t1))).unwrap();
        assert_eq!(book.next_due(None).unwrap(), Some(t1));
        book.update(&u, |r| r.sleep = Some(sched(t2))).unwrap();
        assert_eq!(book.next_due(None).unwrap(), Some(t2));
        assert_eq!(book.first_due(t1, None).unwrap(), None);
        book.update(&u, |r| r.blocked_since = Some(t1)).unwrap();
        assert_eq!(book.next_due(None).unwrap(), None);
        book.update(&u, |r| *r = UserReminders::default()).unwrap();
        assert!(book.users().unwrap().is_empty());
    }
}
