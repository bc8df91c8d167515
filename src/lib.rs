//! Cooldown: a post-run recovery coach that lives in Discord.
//!
//! A runner writes what they did in their own words ("ran 20k hot", "slept
//! 5h", "rest day"); Cooldown understands it, remembers it, and answers with
//! the two or three recovery tips that fit that run and that runner's recent
//! history.
//!
//! # Layout
//!
//! Read these in order; arrows point inward only (transports call the engine,
//! the engine calls the domain, the domain calls storage).
//!
//! - [`engine`]: one door, [`engine::Bot::dispatch`]: an [`engine::Event`]
//!   in (a message, a slash command, an edit, a delete, a button), an
//!   [`engine::Outcome`] out, and the same follow-up for every event
//!   (reminders moved, one unit for a backup). [`engine::Bot::handle`] is
//!   the shorthand for a message in words. Knows nothing of Discord.
//! - [`intent`]: the regex matcher that turns a message into a
//!   [`intent::Parsed`] (the public `parse` contract).
//! - [`coach`]: picks the tips for a message and a runner's history
//!   ([`coach::RecoveryPlan`]).
//! - [`catalogue`]: every sentence the bot says, loaded from `responses/`
//!   and validated at start.
//! - [`reminders`]: bedtime and rest-day reminders and the opt-in weekly
//!   recap (written by `engine/recap.rs`) in the runner's time
//!   zone, persisted, and the scheduler that sends them.
//! - [`store`]: sled, behind the model's records; every runner named by
//!   a pseudonym and their records sealed with their own key; writes
//!   grouped into few flushes; backups one snapshot (a write gate).
//!   Only the reminder book keeps trees of its own, through the store.
//! - [`chart`]: the PNG of a runner's last eight weeks that `stats`
//!   attaches, with its alt text; drawn in-process with a built-in font.
//! - [`club`]: a server's opt-in weekly summary of its joined runners,
//!   and the task that posts it.
//! - [`model`]: the domain's data types ([`model::LogEntry`],
//!   [`model::Profile`], [`model::Topic`]...), depending on nothing else:
//!   the parser and the coach speak them without knowing the store.
//! - [`rules`]: the shared thresholds and the runner's calendar (long
//!   run, rest after six running days, older age, valid ages, time zone,
//!   local day), one home each, used by all of the above.
//! - [`timer`]: the wait shared by the timed tasks (reminders, club posts).
//! - [`clock`]: the injected clock ([`clock::SystemClock`], [`clock::ManualClock`]).
//! - [`config`]: the one typed configuration, checked at start.
//! - [`ops`]: what an operator needs beside the conversation: backups
//!   through the running process, health and metrics.
//! - [`transport`]: the console, `replay`, `parse` and Discord adapters.
//!   They convert and call the engine; no logic lives there.

pub mod catalogue;
pub mod chart;
pub mod clock;
pub mod club;
pub mod coach;
pub mod config;
pub mod engine;
pub mod intent;
pub mod model;
pub mod ops;
pub mod reminders;
pub mod rules;
pub mod store;
pub mod timer;
pub mod transport;
