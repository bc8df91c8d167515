//! The domain's data types, in one place that depends on nothing else of
//! the crate: what a runner logged ([`LogEntry`], [`RunLog`]...), their
//! [`Profile`], the tips they were given ([`AdviceRecord`]), their
//! reminders ([`UserReminders`]), and the words
//! every layer shares ([`Effort`], [`Topic`], [`ReminderKind`],
//! [`ClockTime`]...).
//!
//! Why a module of its own: the parser produces these words, the coach
//! reasons about these records, the store keeps them and the reminders
//! schedule from them. With the types here, the coach and the parser depend
//! on the model and never on the store, and the store never on the parser.
//! `intent` and `store` re-export what they hand out, so `intent::Effort`
//! and `store::LogEntry` still name the same types.

mod attachment;
mod records;
mod reminders;
mod runner;
mod terms;

pub use attachment::Attachment;
pub use records::{
    AdviceRecord, LogEntry, Profile, RestLog, RunLog, SafetyState, SleepLog, UserExport,
    WarningMark,
};
pub use reminders::{DueEntry, RestCause, Schedule, UserReminders};
pub use runner::UserId;
pub use terms::{
    BodyPart, ClockTime, Condition, Effort, HealthCondition, ReminderKind, Topic, Unit,
};
