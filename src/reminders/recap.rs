//! The weekly recap as the reminders see it: an occurrence like any other
//! (persisted, claimed once, skipped when missed beyond the grace window),
//! whose words and chart come from the runner's week. Composing those
//! needs the engine's way with words, so the engine hands the reminders a
//! [`WriteRecap`] at start (`engine/recap.rs`); the reminders only call it.

use jiff::Timestamp;

use crate::model::{Attachment, UserId};
use crate::store::StoreError;

/// A recap, written: what the runner reads and the chart it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Recap {
    pub text: String,
    pub attachment: Option<Attachment>,
}

/// Writes a runner's weekly recap as of `due` (the instant it fell due:
/// the week is the one that ends on that Sunday in their zone).
pub trait WriteRecap: Send + Sync {
    fn write(&self, user: &UserId, due: Timestamp) -> Result<Recap, StoreError>;
}
