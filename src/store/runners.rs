//! A runner's own records: logs, the tips they were given, their profile,
//! and export and delete of all of it. Keys name the runner by pseudonym and
//! values are sealed with their key (see [`super::keyring`]); a runner with
//! no key has nothing stored.

use jiff::Timestamp;

use super::keyring::RunnerKey;
use super::{
    from_json, to_json, AdviceRecord, Clubs, Contacts, EntryKey, LogEntry, MessageAuthors, Profile,
    Store, StoreError, UserExport, UserId,
};

impl Store {
    /// Appends a log and flushes it to disk before returning.
    pub fn append(&self, user: &UserId, entry: &LogEntry) -> Result<EntryKey, StoreError> {
        let _scope = self.write_scope();
        let runner = self.keyring.get_or_create(user)?;
        let key = EntryKey::new(&runner, entry.logged_at, self.db.generate_id()?);
        let sealed = runner.seal("logs", key.as_bytes(), &to_json(entry))?;
        self.logs.insert(key.as_bytes(), sealed)?;
        self.flush()?;
        Ok(key)
    }

    /// Replaces the log stored under `key` (an edited message), flushed.
    pub fn replace(&self, key: &EntryKey, entry: &LogEntry) -> Result<(), StoreError> {
        let _scope = self.write_scope();
        let Some((_, runner)) = self.keyring.by_pseudonym(key.pseudonym()) else {
            return Ok(()); // the runner was deleted meanwhile
        };
        let sealed = runner.seal("logs", key.as_bytes(), &to_json(entry))?;
        self.logs.insert(key.as_bytes(), sealed)?;
        self.flush()?;
        Ok(())
    }

    /// Removes one log, flushed. Returns the entry that was removed.
    pub fn remove(&self, key: &EntryKey) -> Result<Option<LogEntry>, StoreError> {
        let _scope = self.write_scope();
        let old = self.logs.remove(key.as_bytes())?;
        self.flush()?;
        let Some((_, runner)) = self.keyring.by_pseudonym(key.pseudonym()) else {
            return Ok(None);
        };
        old.map(|v| open_log(&runner, key.as_bytes(), &v))
            .transpose()
    }

    /// The logs a user wrote at or after `since` (by the time they were
    /// logged), oldest first.
    pub fn logs_since(
        &self,
        user: &UserId,
        since: Timestamp,
    ) -> Result<Vec<(EntryKey, LogEntry)>, StoreError> {
        self.ensure_usable()?;
        let Some(runner) = self.keyring.get(user) else {
            return Ok(Vec::new());
        };
        let start = EntryKey::new(&runner, since, 0);
        let end = EntryKey::user_end(&runner);
        self.logs
            .range(start.as_bytes().to_vec()..end)
            .map(|kv| {
                let (k, v) = kv?;
                Ok((EntryKey::from_bytes(&k), open_log(&runner, &k, &v)?))
            })
            .collect()
    }

    /// The most recently logged entry of a user.
    pub fn last_log(&self, user: &UserId) -> Result<Option<(EntryKey, LogEntry)>, StoreError> {
        self.ensure_usable()?;
        let Some(runner) = self.keyring.get(user) else {
            return Ok(None);
        };
        match self.logs.scan_prefix(runner.prefix()).next_back() {
            Some(kv) => {
                let (k, v) = kv?;
                Ok(Some((EntryKey::from_bytes(&k), open_log(&runner, &k, &v)?)))
            }
            None => Ok(None),
        }
    }

    /// The log that came from a given chat message (for edits and deletes).
    pub fn find_by_message(
        &self,
        user: &UserId,
        message_id: &str,
    ) -> Result<Option<(EntryKey, LogEntry)>, StoreError> {
        self.ensure_usable()?;
        let Some(runner) = self.keyring.get(user) else {
            return Ok(None);
        };
        for kv in self.logs.scan_prefix(runner.prefix()).rev() {
            let (k, v) = kv?;
            let entry = open_log(&runner, &k, &v)?;
            if entry.message_id.as_deref() == Some(message_id) {
                return Ok(Some((EntryKey::from_bytes(&k), entry)));
            }
        }
        Ok(None)
    }

    /// Remembers which tips a user was given. Not flushed on its own: it is
    /// written just before the log it answers, whose flush covers both.
    pub fn record_advice(&self, user: &UserId, record: &AdviceRecord) -> Result<(), StoreError> {
        let _scope = self.write_scope();
        let runner = self.keyring.get_or_create(user)?;
        let key = EntryKey::new(&runner, record.at, self.db.generate_id()?);
        let sealed = runner.seal("advice", key.as_bytes(), &to_json(record))?;
        self.advice.insert(key.as_bytes(), sealed)?;
        Ok(())
    }

    /// The tips a user was given at or after `since`, oldest first.
    pub fn advice_since(
        &self,
        user: &UserId,
        since: Timestamp,
    ) -> Result<Vec<AdviceRecord>, StoreError> {
        self.ensure_usable()?;
        let Some(runner) = self.keyring.get(user) else {
            return Ok(Vec::new());
        };
        let start = EntryKey::new(&runner, since, 0);
        let end = EntryKey::user_end(&runner);
        self.advice
            .range(start.as_bytes().to_vec()..end)
            .map(|kv| {
                let (k, v) = kv?;
                from_json(&runner.open("advice", &k, &v)?, "advice")
            })
            .collect()
    }

    /// A user's profile, or the default one if they never set anything.
    pub fn profile(&self, user: &UserId) -> Result<Profile, StoreError> {
        self.ensure_usable()?;
        let Some(runner) = self.keyring.get(user) else {
            return Ok(Profile::default());
        };
        let key = runner.prefix();
        match self.profiles.get(&key)? {
            Some(v) => from_json(&runner.open("profiles", &key, &v)?, "profile"),
            None => Ok(Profile::default()),
        }
    }

    /// Saves a profile, flushed.
    pub fn save_profile(&self, user: &UserId, profile: &Profile) -> Result<(), StoreError> {
        let _scope = self.write_scope();
        let runner = self.keyring.get_or_create(user)?;
        let key = runner.prefix();
        let sealed = runner.seal("profiles", &key, &to_json(profile))?;
        self.profiles.insert(key, sealed)?;
        self.flush()?;
        Ok(())
    }

    /// Everything stored about one user, reminders included: the one
    /// export, as [`Store::delete_user`] is the one delete.
    pub fn export(&self, user: &UserId) -> Result<UserExport, StoreError> {
        let logs = self
            .logs_since(user, Timestamp::MIN)?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        Ok(UserExport {
            user: user.as_str().to_owned(),
            profile: self.profile(user)?,
            logs,
            advice: self.advice_since(user, Timestamp::MIN)?,
            clubs: Clubs::open(self)?.memberships(user)?,
            club_names: Clubs::open(self)?.names_of(user)?,
            reminders: self.reminders(user)?,
        })
    }

    /// Deletes everything stored about one user (logs, advice, profile,
    /// reminders, club memberships, message index, greeting), flushed, then
    /// their key:
    /// the copies sled's log still holds can no longer be read or tied to
    /// them. Returns how many logs were removed.
    pub fn delete_user(&self, user: &UserId) -> Result<usize, StoreError> {
        let _scope = self.write_scope();
        let Some(runner) = self.keyring.get(user) else {
            return Ok(0);
        };
        // Reminders first: a reminder must not outlive the runner's data.
        self.update_reminders(user, |r| *r = Default::default())?;
        let mut removed = 0;
        for key in self.logs.scan_prefix(runner.prefix()).keys() {
            self.logs.remove(key?)?;
            removed += 1;
        }
        for key in self.advice.scan_prefix(runner.prefix()).keys() {
            self.advice.remove(key?)?;
        }
        // Which chat messages were theirs goes too.
        MessageAuthors::open(self)?.forget_user(user)?;
        Clubs::open(self)?.forget_user(user)?;
        Contacts::open(self)?.forget(user)?;
        self.profiles.remove(runner.prefix())?;
        self.flush()?;
        self.keyring.forget(user)?;
        Ok(removed)
    }

    /// A runner's key, if they have stored anything.
    pub(crate) fn runner(&self, user: &UserId) -> Option<RunnerKey> {
        self.keyring.get(user)
    }

    /// A runner's key, made on their first write.
    pub(crate) fn runner_or_create(&self, user: &UserId) -> Result<RunnerKey, StoreError> {
        let _scope = self.write_scope();
        self.keyring.get_or_create(user)
    }

    /// The runner behind a pseudonym, while they have a key.
    pub(crate) fn runner_by_pseudonym(&self, pseudonym: &[u8]) -> Option<(UserId, RunnerKey)> {
        self.keyring.by_pseudonym(pseudonym)
    }
}

fn open_log(runner: &RunnerKey, key: &[u8], sealed: &[u8]) -> Result<LogEntry, StoreError> {
    from_json(&runner.open("logs", key, sealed)?, "log")
}
