//! Per-server settings chosen by a server's admins: for now, the one channel
//! where the bot reads every message (the "listen channel"). Kept in their
//! own tree, `guilds`: `v1 · guild id (u64 BE)` → [`GuildSettings`] JSON.

use serde::{Deserialize, Serialize};

use super::{from_json, to_json, Store, StoreError, KEY_VERSION};

/// What an admin set for one server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuildSettings {
    /// The channel where every message is for the bot.
    pub listen_channel: Option<u64>,
    /// The bot posted its welcome here (once per server).
    pub welcomed: bool,
}

/// The servers' settings.
#[derive(Clone)]
pub struct Guilds {
    tree: sled::Tree,
    db: Store,
}

impl std::fmt::Debug for Guilds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guilds").finish_non_exhaustive()
    }
}

fn key(guild: u64) -> [u8; 9] {
    let mut k = [0u8; 9];
    k[0] = KEY_VERSION;
    k[1..].copy_from_slice(&guild.to_be_bytes());
    k
}

impl Guilds {
    pub fn open(store: &Store) -> Result<Guilds, StoreError> {
        Ok(Guilds {
            tree: store.open_tree("guilds")?,
            db: store.clone(),
        })
    }

    /// A server's settings, or the defaults.
    pub fn get(&self, guild: u64) -> Result<GuildSettings, StoreError> {
        match self.tree.get(key(guild))? {
            Some(v) => from_json(&v, "guild settings"),
            None => Ok(GuildSettings::default()),
        }
    }

    /// Sets (or clears) a server's listen channel, flushed.
    pub fn set_listen_channel(&self, guild: u64, channel: Option<u64>) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        let mut settings = self.get(guild)?;
        settings.listen_channel = channel;
        if settings == GuildSettings::default() {
            self.tree.remove(key(guild))?;
        } else {
            self.tree.insert(key(guild), to_json(&settings))?;
        }
        self.db.flush()
    }

    /// Marks the server welcomed, flushed. Returns false when it already was.
    pub fn mark_welcomed(&self, guild: u64) -> Result<bool, StoreError> {
        let _scope = self.db.write_scope();
        let mut settings = self.get(guild)?;
        if settings.welcomed {
            return Ok(false);
        }
        settings.welcomed = true;
        self.tree.insert(key(guild), to_json(&settings))?;
        self.db.flush()?;
        Ok(true)
    }

    /// Whether any server has a listen channel (the bot then needs the
    /// Message Content intent).
    pub fn any_listen_channel(&self) -> Result<bool, StoreError> {
        for kv in self.tree.iter() {
            let (_, v) = kv?;
            let s: GuildSettings = from_json(&v, "guild settings")?;
            if s.listen_channel.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_channel_round_trip_and_any() {
        let store = Store::temporary().unwrap();
        let g = Guilds::open(&store).unwrap();
        assert!(!g.any_listen_channel().unwrap());
        g.set_listen_channel(7, Some(99)).unwrap();
        assert_eq!(g.get(7).unwrap().listen_channel, Some(99));
        assert_eq!(g.get(8).unwrap(), GuildSettings::default());
        assert!(g.any_listen_channel().unwrap());
        g.set_listen_channel(7, None).unwrap();
        assert!(!g.any_listen_channel().unwrap());
        assert!(g.mark_welcomed(7).unwrap());
        assert!(!g.mark_welcomed(7).unwrap(), "once");
        g.set_listen_channel(7, Some(1)).unwrap();
        g.set_listen_channel(7, None).unwrap();
        assert!(g.get(7).unwrap().welcomed, "kept with the other settings");
    }
}
