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
//! A new runner's line is appended instead, and new runners arriving
//! together share one fsync (the same group commit as the database, see
//! [`super::commit`]): a burst of first messages is not a burst of whole-file
//! rewrites. Nothing is sealed with a key before its line is on disk. A
//! crash mid-append leaves a last line without its newline, which no
//! acknowledged write used: it is ignored at load.
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
    /// Runners whose line is not on disk yet.
    unsaved: std::collections::HashSet<String>,
}

/// Lines waiting to be appended: (runner, line).
type Appends = Vec<(String, String)>;

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
    /// New lines not yet appended; guarded apart from `inner` (and only
    /// ever held for a moment) so that readers never wait on a disk write.
    appends: Arc<std::sync::Mutex<Appends>>,
    /// Taken by whoever writes the file: an append, or a whole rewrite.
    /// Lock order: `file`, then `inner`, then `appends`.
    file: Arc<std::sync::Mutex<()>>,
    committer: super::commit::Committer,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring").finish_non_exhaustive()
    }
}

impl Keyring {
    /// A keyring that lives in memory only.
    pub(super) fn memory() -> Keyring {
        Keyring::with(None, Inner::default())
    }

    fn with(path: Option<PathBuf>, inner: Inner) -> Keyring {
        let inner = Arc::new(RwLock::new(inner));
        let appends: Arc<std::sync::Mutex<Appends>> = Arc::default();
        let file: Arc<std::sync::Mutex<()>> = Arc::default();
        let committer = {
            let (path, inner, appends, file) =
                (path.clone(), inner.clone(), appends.clone(), file.clone());
            super::commit::Committer::unmetered(move || {
                let _file = file.lock().unwrap_or_else(|e| e.into_inner());
                append_pending(path.as_deref(), &inner, &appends).map_err(sled::Error::Io)
            })
        };
        Keyring {
            path,
            inner,
            appends,
            file,
            committer,
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
                // A last line without its newline is an append a crash cut
                // short: no acknowledged write used its key.
                let whole = match text.rfind('\n') {
                    Some(end) => &text[..=end],
                    None => "",
                };
                let mut lines = whole.lines();
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
        Ok(Keyring::with(Some(path), inner))
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
    /// Returns only once the key's line is on disk, so that nothing is ever
    /// sealed with a key a crash could lose.
    pub fn get_or_create(&self, user: &UserId) -> Result<RunnerKey, StoreError> {
        {
            let inner = self.read();
            if let Some(k) = inner.by_user.get(user.as_str()) {
                if !inner.unsaved.contains(user.as_str()) {
                    return Ok(k.clone());
                }
            }
        }
        let k = {
            let mut inner = self.write();
            match inner.by_user.get(user.as_str()) {
                Some(k) => k.clone(),
                None => {
                    let k = RunnerKey::random()?;
                    let line = line_of(user.as_str(), &k);
                    inner.add(user.as_str().to_owned(), k.clone());
                    inner.unsaved.insert(user.as_str().to_owned());
                    self.lock_appends().push((user.as_str().to_owned(), line));
                    k
                }
            }
        };
        // Waits for an append that covers this line (it may be another
        // new runner's thread that writes it, with theirs).
        self.committer.commit()?;
        if self.read().unsaved.contains(user.as_str()) {
            return Err(StoreError::Io(std::io::Error::other(
                "the keyring could not be saved",
            )));
        }
        Ok(k)
    }

    /// Makes keys for `users` that have none, and saves once (migration).
    pub(super) fn create_all<'a>(
        &self,
        users: impl IntoIterator<Item = &'a UserId>,
    ) -> Result<(), StoreError> {
        let _file = self.lock_file();
        let mut inner = self.write();
        for user in users {
            if !inner.by_user.contains_key(user.as_str()) {
                inner.add(user.as_str().to_owned(), RunnerKey::random()?);
            }
        }
        self.save(&mut inner)
    }

    /// Removes a runner's key, durably. Everything sealed with it is gone.
    pub fn forget(&self, user: &UserId) -> Result<bool, StoreError> {
        // Appends and this rewrite take the file in turn.
        let _file = self.lock_file();
        let mut inner = self.write();
        let Some(k) = inner.by_user.remove(user.as_str()) else {
            return Ok(false);
        };
        inner.by_pseudonym.remove(&k.pseudonym);
        inner.unsaved.remove(user.as_str());
        self.save(&mut inner)?;
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
        let _file = self.lock_file();
        let mut inner = self.write();
        self.save(&mut inner)
    }

    /// Rewrites the whole file from memory (every runner, appended or not,
    /// so the pending appends become duplicates that load takes once).
    /// The caller holds the file lock. The waiting lines are in the new
    /// file, so they are dropped (a forgotten runner's among them, which
    /// must never come back).
    fn save(&self, inner: &mut Inner) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            inner.unsaved.clear();
            self.lock_appends().clear();
            return Ok(());
        };
        let mut text = format!("{HEADER}\n");
        let mut users: Vec<_> = inner.by_user.iter().collect();
        users.sort_by(|a, b| a.0.cmp(b.0));
        for (user, k) in users {
            text.push_str(&line_of(user, k));
        }
        write_private_atomically(path, text.as_bytes())?;
        inner.unsaved.clear();
        self.lock_appends().clear();
        Ok(())
    }

    fn lock_appends(&self) -> std::sync::MutexGuard<'_, Appends> {
        self.appends.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_file(&self) -> std::sync::MutexGuard<'_, ()> {
        self.file.lock().unwrap_or_else(|e| e.into_inner())
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

/// One runner's line, newline included.
fn line_of(user: &str, k: &RunnerKey) -> String {
    let line = Line {
        user: user.to_owned(),
        pseudonym: super::hex(&k.pseudonym),
        key: super::hex(&k.key),
    };
    // Serialising three strings cannot fail.
    let mut text = serde_json::to_string(&line).unwrap_or_default();
    text.push('\n');
    text
}

/// The committer's flush, under the file lock: appends every waiting line
/// and syncs the file once. On failure the lines wait for the next try.
fn append_pending(
    path: Option<&Path>,
    inner: &RwLock<Inner>,
    appends: &std::sync::Mutex<Appends>,
) -> std::io::Result<()> {
    let lines = std::mem::take(&mut *appends.lock().unwrap_or_else(|e| e.into_inner()));
    if lines.is_empty() {
        return Ok(());
    }
    if let Err(e) = append(path, &lines) {
        let mut queue = appends.lock().unwrap_or_else(|e| e.into_inner());
        let newer = std::mem::replace(&mut *queue, lines);
        queue.extend(newer);
        return Err(e);
    }
    let mut inner = inner.write().unwrap_or_else(|e| e.into_inner());
    for (user, _) in lines {
        inner.unsaved.remove(&user);
    }
    Ok(())
}

/// Appends `lines` to the keyring file (made with its header when there is
/// none) and syncs it.
fn append(path: Option<&Path>, lines: &Appends) -> std::io::Result<()> {
    if let Some(path) = path {
        let fresh = !path.exists();
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options.open(path)?;
        let mut text = String::new();
        if fresh {
            text.push_str(HEADER);
            text.push('\n');
        }
        for (_, line) in lines {
            text.push_str(line);
        }
        f.write_all(text.as_bytes())?;
        f.sync_data()?;
        if fresh {
            // The new file's name must survive a crash too.
            if let Some(dir) = path.parent() {
                std::fs::File::open(dir)?.sync_all()?;
            }
        }
    }
    Ok(())
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
mod tests;
