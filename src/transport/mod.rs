//! Transports: the ways a runner reaches the engine. Each one converts its
//! own events into [`crate::engine::Incoming`], calls
//! [`crate::engine::Bot::handle`], and converts the reply back. No coaching
//! logic lives here.

pub mod console;
pub mod discord;
pub mod parse_cli;
pub mod replay;
