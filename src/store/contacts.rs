//! Whom the bot has already greeted: a runner's first DM starts with a
//! short hello, once. Tree `contacts`: `v2 · pseudonym` → when they were
//! greeted (µs, BE), sealed. Holds nothing else about them.

use jiff::Timestamp;

use super::{Store, StoreError, UserId};

/// The runners the bot has greeted.
#[derive(Clone)]
pub struct Contacts {
    tree: sled::Tree,
    db: Store,
}

impl std::fmt::Debug for Contacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contacts").finish_non_exhaustive()
    }
}

impl Contacts {
    pub fn open(store: &Store) -> Result<Contacts, StoreError> {
        Ok(Contacts {
            tree: store.open_tree("contacts")?,
            db: store.clone(),
        })
    }

    /// Whether `user` is new to the bot: never greeted, and nothing logged
    /// (a runner from before greetings existed is not new).
    pub fn is_new(&self, user: &UserId) -> Result<bool, StoreError> {
        let greeted = match self.db.runner(user) {
            Some(runner) => self.tree.contains_key(runner.prefix())?,
            None => false,
        };
        Ok(!greeted && self.db.last_log(user)?.is_none())
    }

    /// Remembers that `user` was greeted. Not flushed on its own: the next
    /// flush of anyone's write carries it, and a crash before that costs
    /// only a second hello, not one more fsync on every new runner's first
    /// message.
    pub fn greeted(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        let runner = self.db.runner_or_create(user)?;
        let key = runner.prefix();
        let sealed = runner.seal("contacts", &key, &at.as_microsecond().to_be_bytes())?;
        self.tree.insert(key, sealed)?;
        Ok(())
    }
}

impl Contacts {
    /// Forgets that `user` was greeted (their data is being deleted). The
    /// caller flushes.
    pub fn forget(&self, user: &UserId) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        if let Some(runner) = self.db.runner(user) {
            self.tree.remove(runner.prefix())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runner_is_new_until_greeted() {
        let store = Store::temporary().unwrap();
        let contacts = Contacts::open(&store).unwrap();
        let user = UserId::new("9");
        assert!(contacts.is_new(&user).unwrap());
        contacts.greeted(&user, Timestamp::UNIX_EPOCH).unwrap();
        assert!(!contacts.is_new(&user).unwrap());
        assert!(contacts.is_new(&UserId::new("10")).unwrap());
        store.delete_user(&user).unwrap();
        assert!(
            contacts.is_new(&user).unwrap(),
            "deleting a runner forgets the greeting"
        );
    }
}
