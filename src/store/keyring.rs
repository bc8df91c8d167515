//! The keyring: each runner's random pseudonym and data key, kept in a small
//! file beside sled (`keyring`), outside it.
//!
//! Why outside: sled never overwrites in place, so a deleted record lingers
//! in its log until compaction. Every sled key that names a runner uses the
//! pseudonym instead, and every value about them is sealed with their key
//! ([`super::seal`]); deleting a runner removes their line here, and the file
//! is replaced whole (temporary file, fsync, rename, fsync of the directory),
//! so every old copy in sled becomes unreadable and unlinkable at once.
//!
//! Format: a first line `cooldown keyring 1`, then one JSON object per
//! runner: `{"user": ID, "pseudonym": HEX16, "key": HEX32}`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use super::{StoreError, UserId};

/// The keyring file's name inside the data directory.
pub const KEYRING_NAME: &str = "keyring";

const HEADER: &str = "cooldown keyring 1";

/// A runner's pseudonym and data key.
#[derive(Clone, PartialEq, Eq)]
pub struct RunnerKey {
    pub(super) pseudonym: [u8; 16],
    pub(super) key: [u8; 32],
}

impl std::fmt::Debug for RunnerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("RunnerKey").finish_non_exhaustive()
    }
}

impl RunnerKey {
    fn random() -> Result<RunnerKey, StoreError> {
        let mut pseudonym = [0u8; 16];
        let mut key = [0u8; 32];
        getrandom::getrandom(&mut pseudonym).map_err(random_error)?;
        getrandom::getrandom(&mut key).map_err(random_error)?;
        Ok(RunnerKey { pseudonym, key })
    }

    /// The pseudonym, as it appears in sled keys.
    pub fn pseudonym(&self) -> &[u8; 16] {
        &self.pseudonym
    }
}

pub(super) fn random_error(e: getrandom::Error) -> StoreError {
    StoreError::Io(std::io::Error::other(format!("no random numbers: {e}")))
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    user: String,
    pseudonym: String,
    key: String,
}

#[derive(Default)]
struct Inner {
    by_user: HashMap<String, RunnerKey>,
    by_pseudonym: HashMap<[u8; 16], String>,
}

impl Inner {
    fn add(&mut self, user: String, k: RunnerKey) {
        self.by_pseudonym.insert(k.pseudonym, user.clone());
        self.by_user.insert(user, k);
    }
}

/// The keyring of one store (in memory only for a temporary store).
#[derive(Clone)]
pub struct Keyring {
    path: Option<PathBuf>,
    inner: Arc<RwLock<Inner>>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring").finish_non_exhaustive()
    }
}

impl Keyring {
    /// A keyring that lives in memory only.
    pub(super) fn memory() -> Keyring {
        Keyring {
            path: None,
            inner: Arc::default(),
        }
    }

    /// Whether `dir` holds a keyring file.
    pub(super) fn exists(dir: &Path) -> bool {
        dir.join(KEYRING_NAME).exists()
    }

    /// Reads the keyring in `dir` (an empty one if there is no file yet).
    pub(super) fn load(dir: &Path) -> Result<Keyring, StoreError> {
        let path = dir.join(KEYRING_NAME);
        let mut inner = Inner::default();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let damaged = |detail: String| StoreError::Damaged {
                    path: dir.display().to_string(),
                    detail,
                };
                let mut lines = text.lines();
                if lines.next() != Some(HEADER) {
                    return Err(damaged(format!("{KEYRING_NAME}: not a keyring")));
                }
                for (n, line) in lines.enumerate() {
                    let (user, k) = parse_line(line).ok_or_else(|| {
                        damaged(format!("{KEYRING_NAME} line {} is unreadable", n + 2))
                    })?;
                    inner.add(user, k);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        Ok(Keyring {
            path: Some(path),
            inner: Arc::new(RwLock::new(inner)),
        })
    }

    /// A runner's key, if they have one.
    pub fn get(&self, user: &UserId) -> Option<RunnerKey> {
        self.read().by_user.get(user.as_str()).cloned()
    }

    /// The runner behind a pseudonym, and their key (none once deleted).
    pub fn by_pseudonym(&self, pseudonym: &[u8]) -> Option<(UserId, RunnerKey)> {
        let p: [u8; 16] = pseudonym.try_into().ok()?;
        let inner = self.read();
        let user = inner.by_pseudonym.get(&p)?;
        let k = inner.by_user.get(user)?.clone();
        Some((UserId::new(user.clone()), k))
    }

    /// A runner's key, made (and saved, durably) on their first write.
    pub fn get_or_create(&self, user: &UserId) -> Result<RunnerKey, StoreError> {
        if let Some(k) = self.get(user) {
            return Ok(k);
        }
        let mut inner = self.write();
        if let Some(k) = inner.by_user.get(user.as_str()) {
            return Ok(k.clone());
        }
        let k = RunnerKey::random()?;
        inner.add(user.as_str().to_owned(), k.clone());
        if let Err(e) = self.save(&inner) {
            inner.by_user.remove(user.as_str());
            inner.by_pseudonym.remove(&k.pseudonym);
            return Err(e);
        }
        Ok(k)
    }

    /// Makes keys for `users` that have none, and saves once (migration).
    pub(super) fn create_all<'a>(
        &self,
        users: impl IntoIterator<Item = &'a UserId>,
    ) -> Result<(), StoreError> {
        let mut inner = self.write();
        for user in users {
            if !inner.by_user.contains_key(user.as_str()) {
                inner.add(user.as_str().to_owned(), RunnerKey::random()?);
            }
        }
        self.save(&inner)
    }

    /// Removes a runner's key, durably. Everything sealed with it is gone.
    pub fn forget(&self, user: &UserId) -> Result<bool, StoreError> {
        let mut inner = self.write();
        let Some(k) = inner.by_user.remove(user.as_str()) else {
            return Ok(false);
        };
        inner.by_pseudonym.remove(&k.pseudonym);
        self.save(&inner)?;
        Ok(true)
    }

    /// Every entry as `(pseudonym, user, key)`, by pseudonym (for backups).
    pub(super) fn entries(&self) -> Vec<([u8; 16], String, [u8; 32])> {
        let inner = self.read();
        let mut all: Vec<_> = inner
            .by_user
            .iter()
            .map(|(u, k)| (k.pseudonym, u.clone(), k.key))
            .collect();
        all.sort();
        all
    }

    /// Adds an entry read from a backup; saved by [`Keyring::save_now`].
    pub(super) fn insert(&self, user: String, pseudonym: [u8; 16], key: [u8; 32]) {
        self.write().add(user, RunnerKey { pseudonym, key });
    }

    /// Saves the keyring as it is.
    pub(super) fn save_now(&self) -> Result<(), StoreError> {
        let inner = self.write();
        self.save(&inner)
    }

    fn save(&self, inner: &Inner) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut text = format!("{HEADER}\n");
        let mut users: Vec<_> = inner.by_user.iter().collect();
        users.sort_by(|a, b| a.0.cmp(b.0));
        for (user, k) in users {
            let line = Line {
                user: user.clone(),
                pseudonym: super::hex(&k.pseudonym),
                key: super::hex(&k.key),
            };
            text.push_str(&serde_json::to_string(&line).unwrap_or_default());
            text.push('\n');
        }
        write_private_atomically(path, text.as_bytes())?;
        Ok(())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        // A panic while holding the lock leaves the maps whole (every change
        // is one insert or remove): carry on with them.
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }
}

fn parse_line(line: &str) -> Option<(String, RunnerKey)> {
    let l: Line = serde_json::from_str(line).ok()?;
    let pseudonym = super::unhex(&l.pseudonym)?.try_into().ok()?;
    let key = super::unhex(&l.key)?.try_into().ok()?;
    Some((l.user, RunnerKey { pseudonym, key }))
}

/// Replaces `path` with `bytes`, readable by the owner only, so that a crash
/// leaves either the old file or the new one: temporary file, fsync,
/// rename, fsync of the directory.
pub(crate) fn write_private_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_a_reload_and_a_forget_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let ring = Keyring::load(dir.path()).unwrap();
        let (a, b) = (UserId::new("42"), UserId::new("43"));
        let ka = ring.get_or_create(&a).unwrap();
        ring.get_or_create(&b).unwrap();
        assert_eq!(ring.get_or_create(&a).unwrap(), ka, "one key per runner");
        let again = Keyring::load(dir.path()).unwrap();
        assert_eq!(again.get(&a), Some(ka.clone()));
        assert_eq!(again.by_pseudonym(&ka.pseudonym).unwrap().0, a);
        assert!(again.forget(&a).unwrap());
        let last = Keyring::load(dir.path()).unwrap();
        assert_eq!(last.get(&a), None);
        assert!(last.by_pseudonym(&ka.pseudonym).is_none());
        assert!(last.get(&b).is_some());
    }
}
