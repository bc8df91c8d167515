//! Clubs: per server, who joined the weekly summary and where (and whether)
//! it is posted. Both sides opt in: a runner is only ever counted after
//! `/club join`, and nothing is posted until an admin turns it on.
//!
//! Tree `clubs`:
//!
//! | key                                          | value |
//! |----------------------------------------------|-------|
//! | `v1 · guild (u64 BE) · 0x00`                  | [`ClubSettings`] JSON |
//! | `v1 · guild (u64 BE) · 0x02 · pseudonym (16)` | [`Membership`] JSON (or, before names, the join time alone), sealed |
//!
//! A server's keys are one contiguous prefix (settings first, then members;
//! `0x01 · len · user id` members were format 1's). Members are named by
//! pseudonym, so a deleted runner's old entries lead nowhere. Every write is flushed before it returns.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{from_json, to_json, Store, StoreError, UserId, KEY_VERSION};

const SETTINGS: u8 = 0;
/// Members by pseudonym (format 2; format 1's `0x01` named them by id).
const MEMBER: u8 = 2;
/// A display name longer than Discord's (32) is cut here.
const MAX_NAME_CHARS: usize = 64;

/// A member's entry: a [`Membership`], or a join time alone as written
/// before names were kept.
fn read_membership(plain: &[u8]) -> Result<Membership, StoreError> {
    if let Ok(m) = serde_json::from_slice::<Membership>(plain) {
        return Ok(m);
    }
    Ok(Membership {
        joined_at: from_json(plain, "club member")?,
        name: None,
    })
}

/// Where and when a server's weekly summary goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubSettings {
    /// The channel the summary is posted to.
    pub channel: u64,
    /// IANA zone of the Monday 08:00 post (validated when set).
    pub time_zone: String,
    /// The last post instant handled (sent, or skipped as missed); a post
    /// is due only after it.
    pub posted_through: Timestamp,
}

/// What a member's entry holds: when they joined and the name the club
/// shows them by (their server display name when they joined; boards name
/// runners by it rather than pinging them). Sealed with the runner's key,
/// so a deleted runner's name goes with their key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub joined_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A member as a board shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user: UserId,
    /// Their display name, if a transport gave one when they joined.
    pub name: Option<String>,
}

/// A server with its weekly summary on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Club {
    pub guild: u64,
    pub settings: ClubSettings,
}

/// The clubs tree.
#[derive(Clone)]
pub struct Clubs {
    tree: sled::Tree,
    db: Store,
}

impl std::fmt::Debug for Clubs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clubs").finish_non_exhaustive()
    }
}

fn guild_prefix(guild: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(12 + 256);
    k.push(KEY_VERSION);
    k.extend_from_slice(&guild.to_be_bytes());
    k
}

fn settings_key(guild: u64) -> Vec<u8> {
    let mut k = guild_prefix(guild);
    k.push(SETTINGS);
    k
}

fn members_prefix(guild: u64) -> Vec<u8> {
    let mut k = guild_prefix(guild);
    k.push(MEMBER);
    k
}

pub(super) fn member_key(guild: u64, pseudonym: &[u8]) -> Vec<u8> {
    let mut k = members_prefix(guild);
    k.extend_from_slice(pseudonym);
    k
}

/// Reads `(guild, pseudonym)` back from a member key.
fn parse_member_key(key: &[u8]) -> Option<(u64, &[u8])> {
    let guild = u64::from_be_bytes(key.get(1..9)?.try_into().ok()?);
    (key.get(9) == Some(&MEMBER)).then_some(())?;
    Some((guild, key.get(10..26)?))
}

impl Clubs {
    pub fn open(store: &Store) -> Result<Clubs, StoreError> {
        Ok(Clubs {
            tree: store.open_tree("clubs")?,
            db: store.clone(),
        })
    }

    /// Adds a runner to a server's club, flushed, known by `name` (their
    /// display name there, when the transport has one). Returns false if
    /// they had already joined: their join time is kept, their name brought
    /// up to date.
    pub fn join(
        &self,
        guild: u64,
        user: &UserId,
        name: Option<&str>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let _scope = self.db.write_scope();
        let runner = self.db.runner_or_create(user)?;
        let key = member_key(guild, runner.pseudonym());
        let old = match self.tree.get(&key)? {
            Some(v) => Some(read_membership(&runner.open("clubs", &key, &v)?)?),
            None => None,
        };
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let record = Membership {
            joined_at: old.as_ref().map_or(at, |m| m.joined_at),
            name: name
                .map(|n| n.chars().take(MAX_NAME_CHARS).collect())
                .or_else(|| old.as_ref().and_then(|m| m.name.clone())),
        };
        if old.as_ref() != Some(&record) {
            let sealed = runner.seal("clubs", &key, &to_json(&record))?;
            self.tree.insert(key, sealed)?;
            self.db.flush()?;
        }
        Ok(old.is_none())
    }

    /// Removes a runner from a server's club, flushed. Returns whether they
    /// were a member.
    pub fn leave(&self, guild: u64, user: &UserId) -> Result<bool, StoreError> {
        let _scope = self.db.write_scope();
        let Some(runner) = self.db.runner(user) else {
            return Ok(false);
        };
        let removed = self
            .tree
            .remove(member_key(guild, runner.pseudonym()))?
            .is_some();
        self.db.flush()?;
        Ok(removed)
    }

    /// The runners who joined a server's club, numeric ids in numeric
    /// order (shorter first, as Discord ids sort).
    pub fn members(&self, guild: u64) -> Result<Vec<UserId>, StoreError> {
        Ok(self
            .members_named(guild)?
            .into_iter()
            .map(|m| m.user)
            .collect())
    }

    /// The members with the names the club shows them by, in the order of
    /// [`Clubs::members`].
    pub fn members_named(&self, guild: u64) -> Result<Vec<Member>, StoreError> {
        let mut members = Vec::new();
        for kv in self.tree.scan_prefix(members_prefix(guild)) {
            let (k, v) = kv?;
            let known = parse_member_key(&k).and_then(|(_, p)| self.db.runner_by_pseudonym(p));
            if let Some((user, runner)) = known {
                let record = read_membership(&runner.open("clubs", &k, &v)?)?;
                members.push(Member {
                    user,
                    name: record.name,
                });
            }
        }
        members.sort_by(|a, b| {
            let key = |m: &Member| (m.user.as_str().len(), m.user.as_str().to_owned());
            key(a).cmp(&key(b))
        });
        Ok(members)
    }

    /// The servers whose club a runner joined (for their data export).
    pub fn memberships(&self, user: &UserId) -> Result<Vec<u64>, StoreError> {
        let Some(runner) = self.db.runner(user) else {
            return Ok(Vec::new());
        };
        let mut guilds = Vec::new();
        for k in self.tree.iter().keys() {
            if let Some((guild, p)) = parse_member_key(&k?) {
                if p == runner.pseudonym() {
                    guilds.push(guild);
                }
            }
        }
        Ok(guilds)
    }

    /// The names a runner is shown by, per server (for their data export).
    pub fn names_of(&self, user: &UserId) -> Result<Vec<(u64, String)>, StoreError> {
        let Some(runner) = self.db.runner(user) else {
            return Ok(Vec::new());
        };
        let mut names = Vec::new();
        for guild in self.memberships(user)? {
            let key = member_key(guild, runner.pseudonym());
            if let Some(v) = self.tree.get(&key)? {
                if let Some(name) = read_membership(&runner.open("clubs", &key, &v)?)?.name {
                    names.push((guild, name));
                }
            }
        }
        Ok(names)
    }

    /// Removes a runner from every club (their data delete). Not flushed:
    /// the caller's delete flushes once at the end.
    pub(crate) fn forget_user(&self, user: &UserId) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        let Some(runner) = self.db.runner(user) else {
            return Ok(());
        };
        for guild in self.memberships(user)? {
            self.tree.remove(member_key(guild, runner.pseudonym()))?;
        }
        Ok(())
    }

    /// A server's summary settings, when the summary is on.
    pub fn settings(&self, guild: u64) -> Result<Option<ClubSettings>, StoreError> {
        self.tree
            .get(settings_key(guild))?
            .map(|v| from_json(&v, "club settings"))
            .transpose()
    }

    /// Turns the summary on (or moves it), flushed.
    pub fn set_summary(&self, guild: u64, settings: &ClubSettings) -> Result<(), StoreError> {
        let _scope = self.db.write_scope();
        self.tree.insert(settings_key(guild), to_json(settings))?;
        self.db.flush()
    }

    /// Turns the summary off, flushed. Members stay joined.
    pub fn summary_off(&self, guild: u64) -> Result<bool, StoreError> {
        let _scope = self.db.write_scope();
        let was_on = self.tree.remove(settings_key(guild))?.is_some();
        self.db.flush()?;
        Ok(was_on)
    }

    /// Every server with its summary on.
    pub fn with_summary(&self) -> Result<Vec<Club>, StoreError> {
        let mut clubs = Vec::new();
        for kv in self.tree.iter() {
            let (k, v) = kv?;
            if k.len() == 10 && k[9] == SETTINGS {
                let guild = u64::from_be_bytes(k[1..9].try_into().unwrap_or_default());
                clubs.push(Club {
                    guild,
                    settings: from_json(&v, "club settings")?,
                });
            }
        }
        Ok(clubs)
    }

    /// Records that the post due at `due` is handled, flushed, if no other
    /// round did so first. Returns true when this call claimed it: the post
    /// goes out at most once, even if sending it then fails.
    pub fn claim_post(&self, guild: u64, due: Timestamp) -> Result<bool, StoreError> {
        let _scope = self.db.write_scope();
        let key = settings_key(guild);
        let Some(old) = self.tree.get(&key)? else {
            return Ok(false);
        };
        let mut settings: ClubSettings = from_json(&old, "club settings")?;
        if settings.posted_through >= due {
            return Ok(false);
        }
        settings.posted_through = due;
        let claimed = self
            .tree
            .compare_and_swap(&key, Some(old), Some(to_json(&settings)))?
            .is_ok();
        self.db.flush()?;
        Ok(claimed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn members_round_trip_per_server() {
        let store = Store::temporary().unwrap();
        let clubs = Clubs::open(&store).unwrap();
        let (a, b) = (UserId::new("11"), UserId::new("2"));
        let at = ts("2026-11-28T10:00:00Z");
        assert!(clubs.join(7, &a, None, at).unwrap());
        assert!(
            !clubs.join(7, &a, None, at).unwrap(),
            "joining twice is one join"
        );
        assert!(clubs.join(7, &b, None, at).unwrap());
        assert!(clubs.join(8, &a, None, at).unwrap());
        assert_eq!(
            clubs.members(7).unwrap(),
            [b.clone(), a.clone()],
            "numeric order"
        );
        assert_eq!(clubs.members(8).unwrap(), vec![a.clone()]);
        assert_eq!(clubs.memberships(&a).unwrap(), [7, 8]);
        assert!(clubs.leave(7, &a).unwrap());
        assert!(!clubs.leave(7, &a).unwrap());
        assert_eq!(clubs.members(7).unwrap(), vec![b]);
        clubs.forget_user(&a).unwrap();
        assert!(clubs.members(8).unwrap().is_empty());
    }

    #[test]
    fn settings_round_trip_and_claims_are_once() {
        let store = Store::temporary().unwrap();
        let clubs = Clubs::open(&store).unwrap();
        clubs
            .join(7, &UserId::new("1"), None, Timestamp::UNIX_EPOCH)
            .unwrap();
        assert_eq!(clubs.settings(7).unwrap(), None);
        let s = ClubSettings {
            channel: 99,
            time_zone: "Europe/Berlin".into(),
            posted_through: ts("2026-11-23T07:00:00Z"),
        };
        clubs.set_summary(7, &s).unwrap();
        assert_eq!(clubs.settings(7).unwrap(), Some(s.clone()));
        let all = clubs.with_summary().unwrap();
        assert_eq!(
            all,
            [Club {
                guild: 7,
                settings: s
            }],
            "members are not clubs"
        );
        let due = ts("2026-11-30T07:00:00Z");
        assert!(clubs.claim_post(7, due).unwrap());
        assert!(!clubs.claim_post(7, due).unwrap(), "claimed once");
        assert!(!clubs.claim_post(8, due).unwrap(), "no summary there");
        assert!(clubs.summary_off(7).unwrap());
        assert!(clubs.with_summary().unwrap().is_empty());
        assert_eq!(clubs.members(7).unwrap().len(), 1, "members stay");
    }

    #[test]
    fn names_are_kept_updated_and_read_from_old_entries() {
        let store = Store::temporary().unwrap();
        let clubs = Clubs::open(&store).unwrap();
        let ana = UserId::new("5");
        let joined = ts("2026-11-01T10:00:00Z");
        assert!(clubs.join(7, &ana, Some(" Ana "), joined).unwrap());
        let later = ts("2026-11-20T10:00:00Z");
        assert!(!clubs.join(7, &ana, Some("Ana B."), later).unwrap());
        assert!(
            !clubs.join(7, &ana, None, later).unwrap(),
            "no name keeps the old one"
        );
        let members = clubs.members_named(7).unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].name.as_deref(), Some("Ana B."));
        // An entry written before names were kept: the join time alone.
        let runner = store.runner(&ana).unwrap();
        let key = member_key(8, runner.pseudonym());
        let old = runner.seal("clubs", &key, &to_json(&joined)).unwrap();
        clubs.tree.insert(key, old).unwrap();
        assert_eq!(
            clubs.members_named(8).unwrap(),
            [Member {
                user: ana.clone(),
                name: None
            }]
        );
        assert!(
            !clubs.join(8, &ana, Some("Ana"), later).unwrap(),
            "already a member"
        );
        assert_eq!(
            clubs.members_named(8).unwrap()[0].name.as_deref(),
            Some("Ana")
        );
    }
}
