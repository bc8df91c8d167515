//! The reminder book: each runner's reminders as the reminders module
//! reads and changes them. The records and their due index are the store's
//! (`store/reminders.rs` holds the trees and the key layout); the book adds
//! what scheduling needs on top: the claim of the next due occurrence
//! (`plan.rs`), snoozes (`snooze.rs`).

use jiff::Timestamp;

use crate::model::UserId;
use crate::store::{Store, StoreError};

pub use crate::model::{DueEntry, Schedule, UserReminders};

/// The reminders of every runner, in the store.
#[derive(Clone)]
pub struct ReminderBook {
    store: Store,
}

impl std::fmt::Debug for ReminderBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReminderBook").finish_non_exhaustive()
    }
}

impl ReminderBook {
    pub fn open(store: &Store) -> Result<ReminderBook, StoreError> {
        Ok(ReminderBook {
            store: store.clone(),
        })
    }

    /// The store the book lives in (profiles and logs decide due instants).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A runner's reminders (empty if they have none).
    pub fn get(&self, user: &UserId) -> Result<UserReminders, StoreError> {
        self.store.reminders(user)
    }

    /// Changes a runner's reminders and their due instants in one durable
    /// step (see [`Store::update_reminders`]). `change` may run more than
    /// once, so it must only compute from its argument.
    pub fn update<R>(
        &self,
        user: &UserId,
        change: impl Fn(&mut UserReminders) -> R,
    ) -> Result<R, StoreError> {
        self.store.update_reminders(user, change)
    }

    /// The earliest due entry at or before `up_to`, of `only` one runner if
    /// given.
    pub fn first_due(
        &self,
        up_to: Timestamp,
        only: Option<&UserId>,
    ) -> Result<Option<DueEntry>, StoreError> {
        self.store.first_due_reminder(up_to, only)
    }

    /// How many reminders wait (for the metrics).
    pub fn pending(&self) -> usize {
        self.store.pending_reminders()
    }

    /// The earliest due instant in the book (of `only` one runner if given).
    pub fn next_due(&self, only: Option<&UserId>) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.first_due(Timestamp::MAX, only)?.map(|e| e.due))
    }

    /// Removes an index entry that its record no longer names.
    pub fn drop_orphan(&self, entry: &DueEntry) -> Result<(), StoreError> {
        self.store.drop_orphan_reminder(entry)
    }

    /// Every runner who has a record, for tests and maintenance.
    pub fn users(&self) -> Result<Vec<UserId>, StoreError> {
        self.store.reminder_users()
    }
}
