//! What an operator needs beside the conversation: a backup taken through
//! the running process, and (optionally) health and metrics over HTTP.

pub mod backup;
pub mod health;
pub mod http;
pub mod metrics;
