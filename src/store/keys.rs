//! Byte layout of the keys in the `logs` and `profiles` trees (see the table
//! in the parent module). Kept apart so the layout lives in one place.

use jiff::Timestamp;

use super::keyring::RunnerKey;

pub use crate::model::UserId;

/// The key of one log: `v2 · pseudonym · logged_at · id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryKey(Vec<u8>);

impl EntryKey {
    pub(crate) fn new(runner: &RunnerKey, logged_at: Timestamp, id: u64) -> EntryKey {
        let mut k = runner.prefix();
        k.extend_from_slice(&order_preserving(logged_at.as_microsecond()));
        k.extend_from_slice(&id.to_be_bytes());
        EntryKey(k)
    }

    /// The first key after every key of `runner`.
    pub(crate) fn user_end(runner: &RunnerKey) -> Vec<u8> {
        let mut k = runner.prefix();
        k.extend_from_slice(&[0xff; 17]);
        k
    }

    /// The pseudonym of the runner whose log this is.
    pub(crate) fn pseudonym(&self) -> &[u8] {
        self.0.get(1..17).unwrap_or_default()
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> EntryKey {
        EntryKey(bytes.to_vec())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Flips the sign bit so that big-endian byte order equals numeric order for
/// negative and positive times alike.
pub(crate) fn order_preserving(micros: i64) -> [u8; 8] {
    ((micros as u64) ^ (1 << 63)).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::keyring::Keyring;

    #[test]
    fn byte_order_is_time_order() {
        let ring = Keyring::memory();
        let u = ring.get_or_create(&UserId::new("42")).unwrap();
        let times = [-100_000_000_000_000_000, -1, 0, 1, 1_700_000_000_000_000];
        let keys: Vec<_> = times
            .iter()
            .map(|&t| EntryKey::new(&u, Timestamp::from_microsecond(t).unwrap(), 0))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().all(|k| k.pseudonym() == u.pseudonym()));
    }
}
