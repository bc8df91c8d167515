//! Sealing a runner's records with their own key (XChaCha20-Poly1305, a
//! random 24-byte nonce per write), and the keys that name a runner by
//! pseudonym.
//!
//! The sled key the record is stored under (and its tree) is the
//! associated data: a record copied under another key, or a flipped byte
//! anywhere in it, fails to open and is named as damaged.
//!
//! Sealed value: `0x01 · nonce (24) · ciphertext and tag`.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use super::keyring::{random_error, RunnerKey};
use super::StoreError;

/// First byte of every key that names a runner by pseudonym (format 2).
pub const RUNNER_KEY_VERSION: u8 = 2;

const SEALED: u8 = 1;

impl RunnerKey {
    /// `v2 · pseudonym`: the prefix of every key of this runner in the
    /// runner-keyed trees.
    pub fn prefix(&self) -> Vec<u8> {
        let mut k = Vec::with_capacity(1 + 16 + 16);
        k.push(RUNNER_KEY_VERSION);
        k.extend_from_slice(&self.pseudonym);
        k
    }

    /// Seals `plain` for storage under `key` in `tree`.
    pub fn seal(&self, tree: &str, key: &[u8], plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let mut nonce = [0u8; 24];
        getrandom::getrandom(&mut nonce).map_err(random_error)?;
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        let aad = associated(tree, key);
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| StoreError::Io(std::io::Error::other("cannot seal a record")))?;
        let mut out = Vec::with_capacity(1 + 24 + sealed.len());
        out.push(SEALED);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens a value sealed by [`RunnerKey::seal`] under the same `tree` and
    /// `key`; anything else is a damaged record.
    pub fn open(&self, tree: &str, key: &[u8], sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        let damaged = || StoreError::DamagedRecord {
            tree: tree.to_owned(),
            key: super::hex(key),
        };
        if sealed.first() != Some(&SEALED) || sealed.len() < 1 + 24 + 16 {
            return Err(damaged());
        }
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        let aad = associated(tree, key);
        cipher
            .decrypt(
                XNonce::from_slice(&sealed[1..25]),
                Payload {
                    msg: &sealed[25..],
                    aad: &aad,
                },
            )
            .map_err(|_| damaged())
    }
}

fn associated(tree: &str, key: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(tree.len() + 1 + key.len());
    aad.extend_from_slice(tree.as_bytes());
    aad.push(0);
    aad.extend_from_slice(key);
    aad
}

#[cfg(test)]
mod tests {
    use super::super::keyring::Keyring;
    use super::super::UserId;

    #[test]
    fn a_sealed_record_opens_only_where_it_was_sealed_and_whole() {
        let ring = Keyring::memory();
        let k = ring.get_or_create(&UserId::new("42")).unwrap();
        let sealed = k.seal("logs", b"key", b"ran 20k").unwrap();
        assert!(!sealed.windows(7).any(|w| w == b"ran 20k"));
        assert_eq!(k.open("logs", b"key", &sealed).unwrap(), b"ran 20k");
        assert!(k.open("logs", b"other", &sealed).is_err());
        assert!(k.open("advice", b"key", &sealed).is_err());
        let mut flipped = sealed.clone();
        flipped[30] ^= 1;
        assert!(k.open("logs", b"key", &flipped).is_err());
        let other = ring.get_or_create(&UserId::new("43")).unwrap();
        assert!(other.open("logs", b"key", &sealed).is_err());
    }
}
