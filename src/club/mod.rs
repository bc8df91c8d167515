//! Clubs: a server's opt-in weekly summary. Runners join their server's
//! club (`/club join`); an admin turns the Monday 08:00 post on in a
//! channel. Only joined runners are ever counted or named.
//!
//! - [`commands`]: join, leave, show, summary on and off, for every
//!   transport ([`ClubAction`], [`Weekly::answer`]).
//! - [`schedule`]: when the weekly post falls due, in the club's zone.
//! - [`summary`]: [`ClubSummary`], the week's numbers from the members'
//!   logs, and its words.
//! - [`poster`]: the task that posts each summary once, when due.
//!
//! The storage lives in [`crate::store::Clubs`]; this module knows nothing
//! of Discord: the transport hands [`poster::start`] a [`PostSummary`].

pub mod commands;
pub mod poster;
pub mod schedule;
pub mod summary;

use std::sync::Arc;

use jiff::Timestamp;

use crate::catalogue::Catalogue;
use crate::store::{ClubSettings, Clubs, Store, StoreError};
use crate::timer::Wakeup;

pub use commands::{guild_id, ClubAction, ClubAnswer};
pub use poster::{PostError, PostSummary};
pub use summary::ClubSummary;

/// The clubs as a running process sees them: the store, the words, and the
/// signal that wakes the poster when a club's schedule changed.
#[derive(Clone)]
pub struct Weekly {
    pub clubs: Clubs,
    store: Store,
    catalogue: Arc<Catalogue>,
    wakeup: Wakeup,
}

impl std::fmt::Debug for Weekly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weekly").finish_non_exhaustive()
    }
}

impl Weekly {
    /// `catalogue` may be shared (an `Arc`, as the engine's) or owned.
    pub fn new(store: &Store, catalogue: impl Into<Arc<Catalogue>>) -> Result<Weekly, StoreError> {
        Ok(Weekly {
            clubs: Clubs::open(store)?,
            store: store.clone(),
            catalogue: catalogue.into(),
            wakeup: Wakeup::default(),
        })
    }

    /// Turns the weekly post on in `channel`, flushed. The slot already
    /// past when it is turned on is not posted: the first post is the next
    /// one.
    pub fn summary_on(
        &self,
        guild: u64,
        channel: u64,
        time_zone: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let tz = crate::rules::zone_or_utc(Some(time_zone)).0;
        self.clubs.set_summary(
            guild,
            &ClubSettings {
                channel,
                time_zone: time_zone.to_owned(),
                posted_through: schedule::previous_post(now, &tz),
            },
        )?;
        self.wakeup.wake();
        Ok(())
    }

    /// Turns the weekly post off, flushed; returns whether it was on.
    pub fn summary_off(&self, guild: u64) -> Result<bool, StoreError> {
        let was_on = self.clubs.summary_off(guild)?;
        self.wakeup.wake();
        Ok(was_on)
    }

    /// This week so far (since the last post slot), in the club's words.
    pub fn show(&self, guild: u64, now: Timestamp) -> Result<String, StoreError> {
        let settings = self.clubs.settings(guild)?;
        let tz = crate::rules::zone_or_utc(settings.as_ref().map(|s| s.time_zone.as_str())).0;
        let start = schedule::previous_post(now, &tz);
        // Include what was logged this very second.
        let end = crate::clock::after(now, jiff::SignedDuration::from_secs(1));
        let members = self.clubs.members(guild)?;
        let summary = ClubSummary::compute(&self.store, &members, start, end)?;
        Ok(summary.render(&self.catalogue, &tz))
    }

    /// The summary of the week that ends at the post slot `due`.
    pub fn weekly_text(
        &self,
        guild: u64,
        time_zone: &str,
        due: Timestamp,
    ) -> Result<String, StoreError> {
        let tz = crate::rules::zone_or_utc(Some(time_zone)).0;
        let (start, end) = schedule::week_ending(due);
        let members = self.clubs.members(guild)?;
        let summary = ClubSummary::compute(&self.store, &members, start, end)?;
        Ok(summary.render(&self.catalogue, &tz))
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    fn wakeup(&self) -> &Wakeup {
        &self.wakeup
    }
}
