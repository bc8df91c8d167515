//! Whom the bot has already greeted: a runner's first DM starts with a
//! short hello, once. Tree `contacts`: `v1 · user id` → when they were
//! greeted (µs, BE). Holds nothing else about them.

use jiff::Timestamp;

use super::{Store, StoreError, UserId, KEY_VERSION};

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

fn key(user: &UserId) -> Vec<u8> {
    let mut k = vec![KEY_VERSION];
    k.extend_from_slice(user.as_str().as_bytes());
    k
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
        Ok(!self.tree.contains_key(key(user))? && self.db.last_log(user)?.is_none())
    }

    /// Remembers that `user` was greeted, flushed.
    pub fn greeted(&self, user: &UserId, at: Timestamp) -> Result<(), StoreError> {
        self.tree
            .insert(key(user), &at.as_microsecond().to_be_bytes())?;
        self.db.flush()
    }
}

impl Contacts {
    /// Forgets that `user` was greeted (their data is being deleted). The
    /// caller flushes.
    pub fn forget(&self, user: &UserId) -> Result<(), StoreError> {
        self.tree.remove(key(user))?;
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
