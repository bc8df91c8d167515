//! `cooldown check`: reads every record back and says whether the store is
//! whole. The commit number was already compared with its sidecar when the
//! store opened; here each runner's record must open under their key (the
//! AEAD tag fails on a flipped byte) and every other record must parse.

use super::clubs::ClubSettings;
use super::{from_json, GuildSettings, Store, StoreError, RUNNER_KEY_VERSION};

/// What a check found in a whole store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckSummary {
    pub records: usize,
    pub runners: usize,
    pub commit: u64,
}

/// The trees whose keys start `v2 · pseudonym` and whose values are sealed.
const SEALED_TREES: [&str; 5] = ["logs", "advice", "profiles", "contacts", "reminders"];

impl Store {
    /// Reads every record; the first one that does not read back is named.
    pub fn check(&self) -> Result<CheckSummary, StoreError> {
        self.ensure_usable()?;
        let mut records = 0;
        for name in SEALED_TREES {
            for kv in self.open_tree(name)?.iter() {
                let (k, v) = kv?;
                self.open_sealed(name, &k, &v, k.get(1..17))?;
                records += 1;
            }
        }
        for kv in self.open_tree("clubs")?.iter() {
            let (k, v) = kv?;
            match k.get(9) {
                Some(0) => {
                    from_json::<ClubSettings>(&v, "club settings")?;
                }
                _ => self.open_sealed("clubs", &k, &v, k.get(10..26))?,
            }
            records += 1;
        }
        for kv in self.open_tree("guilds")?.iter() {
            from_json::<GuildSettings>(&kv?.1, "guild settings")?;
            records += 1;
        }
        for kv in self.open_tree("message_authors")?.iter() {
            let (k, v) = kv?;
            if v.len() != 8 + 16 {
                return Err(damaged("message_authors", &k));
            }
            records += 1;
        }
        records += self.open_tree("reminders_due")?.len();
        Ok(CheckSummary {
            records,
            runners: self.keyring.entries().len(),
            commit: self.commit_seq()?,
        })
    }

    /// Opens one sealed record with the key of the runner its key names. A
    /// pseudonym with no key is a deleted runner's leftover: not damage.
    fn open_sealed(
        &self,
        tree: &str,
        key: &[u8],
        value: &[u8],
        pseudonym: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        let pseudonym = match pseudonym {
            Some(p) if tree == "clubs" || key.first() == Some(&RUNNER_KEY_VERSION) => p,
            _ => return Err(damaged(tree, key)),
        };
        match self.runner_by_pseudonym(pseudonym) {
            Some((_, runner)) => runner.open(tree, key, value).map(drop),
            None => Ok(()),
        }
    }
}

fn damaged(tree: &str, key: &[u8]) -> StoreError {
    StoreError::DamagedRecord {
        tree: tree.to_owned(),
        key: super::hex(key),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{LogEntry, UserId};
    use super::*;

    #[test]
    fn a_flipped_byte_in_a_record_is_named() {
        let store = Store::temporary().unwrap();
        let entry = LogEntry {
            at: jiff::Timestamp::UNIX_EPOCH,
            logged_at: jiff::Timestamp::UNIX_EPOCH,
            message_id: None,
            run: None,
            sleep: None,
            rest: Some(Default::default()),
            pain: Vec::new(),
        };
        let key = store.append(&UserId::new("42"), &entry).unwrap();
        assert_eq!(store.check().unwrap().records, 1);
        let logs = store.open_tree("logs").unwrap();
        let mut v = logs.get(key.as_bytes()).unwrap().unwrap().to_vec();
        v[30] ^= 0x10;
        logs.insert(key.as_bytes(), v).unwrap();
        let err = store.check().unwrap_err().to_string();
        assert!(
            err.contains("tree logs") && err.contains("restore"),
            "{err}"
        );
    }
}
