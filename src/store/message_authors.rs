//! Who wrote a logged chat message. Discord's delete events name only the
//! message, not its author, and a runner's logs are keyed by runner; this
//! small index (tree `message_authors`: `v1 · message id` → `logged_at µs ·
//! pseudonym`) lets a delete find the log; once the runner is deleted, the
//! pseudonym leads nowhere. Entries older than
//! [`MessageAuthors::prune`]'s horizon are dropped, so it only ever holds
//! recent ids.

use jiff::Timestamp;

use super::{Store, StoreError, UserId, KEY_VERSION};

/// The index.
#[derive(Clone)]
pub struct MessageAuthors {
    tree: sled::Tree,
    db: Store,
}

impl std::fmt::Debug for MessageAuthors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageAuthors").finish_non_exhaustive()
    }
}

fn key(message_id: &str) -> Vec<u8> {
    let mut k = vec![KEY_VERSION];
    k.extend_from_slice(message_id.as_bytes());
    k
}

impl MessageAuthors {
    pub fn open(store: &Store) -> Result<MessageAuthors, StoreError> {
        Ok(MessageAuthors {
            tree: store.open_tree("message_authors")?,
            db: store.clone(),
        })
    }

    /// Remembers that `user` wrote `message_id` at `at`, flushed.
    pub fn remember(
        &self,
        message_id: &str,
        user: &UserId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.note(message_id, user, at)?;
        self.db.flush()
    }

    /// [`MessageAuthors::remember`] without the flush, for a caller whose
    /// next write is flushed anyway (the log the entry indexes): one flush
    /// then makes both durable.
    pub fn note(&self, message_id: &str, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        let runner = self.db.runner_or_create(user)?;
        let mut v = at.as_microsecond().to_be_bytes().to_vec();
        v.extend_from_slice(runner.pseudonym());
        self.tree.insert(key(message_id), v)?;
        Ok(())
    }

    /// Takes back a [`MessageAuthors::note`] whose message logged nothing.
    /// Not flushed: an entry that outlives a crash points at no log, which a
    /// delete already handles, and is pruned with the old ones.
    pub fn unnote(&self, message_id: &str) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        self.tree.remove(key(message_id))?;
        Ok(())
    }

    /// The author of a remembered message.
    pub fn author(&self, message_id: &str) -> Result<Option<UserId>, StoreError> {
        Ok(self
            .tree
            .get(key(message_id))?
            .and_then(|v| Some(self.db.runner_by_pseudonym(v.get(8..)?)?.0)))
    }

    /// Forgets one message, flushed.
    pub fn forget(&self, message_id: &str) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        self.tree.remove(key(message_id))?;
        self.db.flush()
    }

    /// Forgets every message of one runner (their data was deleted).
    pub fn forget_user(&self, user: &UserId) -> Result<usize, StoreError> {
        let Some(runner) = self.db.runner(user) else {
            return Ok(0);
        };
        self.retain(|_, p| p != runner.pseudonym())
    }

    /// Forgets messages written before `horizon`.
    pub fn prune(&self, horizon: Timestamp) -> Result<usize, StoreError> {
        let h = horizon.as_microsecond();
        self.retain(|at, _| at >= h)
    }

    fn retain(&self, keep: impl Fn(i64, &[u8]) -> bool) -> Result<usize, StoreError> {
        let _scope = self.db.write_scope();
        let mut removed = 0;
        for kv in self.tree.iter() {
            let (k, v) = kv?;
            let at = v
                .get(..8)
                .and_then(|b| b.try_into().ok())
                .map_or(i64::MIN, i64::from_be_bytes);
            if !keep(at, v.get(8..).unwrap_or_default()) {
                self.tree.remove(k)?;
                removed += 1;
            }
        }
        if removed > 0 {
            self.db.flush()?;
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remember_find_forget_and_prune() {
        let store = Store::temporary().unwrap();
        let idx = MessageAuthors::open(&store).unwrap();
        let t = |s| Timestamp::from_second(s).unwrap();
        idx.remember("100", &UserId::new("42"), t(1_000)).unwrap();
        idx.remember("101", &UserId::new("43"), t(2_000)).unwrap();
        assert_eq!(idx.author("100").unwrap(), Some(UserId::new("42")));
        assert_eq!(idx.author("999").unwrap(), None);
        assert_eq!(idx.prune(t(1_500)).unwrap(), 1);
        assert_eq!(idx.author("100").unwrap(), None);
        assert_eq!(idx.forget_user(&UserId::new("43")).unwrap(), 1);
        assert_eq!(idx.author("101").unwrap(), None);
    }

    #[test]
    fn a_note_is_found_until_taken_back() {
        let store = Store::temporary().unwrap();
        let idx = MessageAuthors::open(&store).unwrap();
        idx.note("5", &UserId::new("42"), Timestamp::now()).unwrap();
        assert_eq!(idx.author("5").unwrap(), Some(UserId::new("42")));
        idx.unnote("5").unwrap();
        assert_eq!(idx.author("5").unwrap(), None);
    }

    #[test]
    fn deleting_a_runner_forgets_their_messages() {
        let store = Store::temporary().unwrap();
        let idx = MessageAuthors::open(&store).unwrap();
        idx.remember("7", &UserId::new("42"), Timestamp::now())
            .unwrap();
        idx.remember("8", &UserId::new("43"), Timestamp::now())
            .unwrap();
        store.delete_user(&UserId::new("42")).unwrap();
        assert_eq!(idx.author("7").unwrap(), None);
        assert_eq!(idx.author("8").unwrap(), Some(UserId::new("43")));
    }
}
