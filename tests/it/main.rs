//! Cooldown's integration tests: one test binary (one link of serenity, sled
//! and tokio), one module per area. Run one area with
//! `cargo test --test it scenarios::`; see tests/README.md.
//!
//! The harness is shared by every module (and `support` by the benches):
//! `support` is the fake Discord and the real bot running against it,
//! `coach_support` builds parsed messages for the coach tests,
//! `binary` runs the `cooldown` binary with a clean environment (the CLI and
//! fault tests), `faults_support` adds what the store fault tests need.

mod binary;
mod coach_support;
mod faults_support;
mod log_fixtures;
mod retry;
mod support;

mod backup;
mod catalogue_validator;
mod chart_cli;
mod cli;
mod club_board;
mod club_summary;
mod coach_privacy;
mod coach_runner;
mod coach_safety;
mod coach_select;
mod conversation;
mod discord_behaviour;
mod discord_chart;
mod discord_club;
mod discord_components;
mod discord_e2e;
mod discord_privacy;
mod discord_process;
mod discord_recap;
mod engine;
mod engine_door;
mod faults_config;
mod faults_input;
mod faults_store;
mod heldout_scenarios;
mod ops_http;
mod parse_cli;
mod parse_corpus;
mod parse_details;
mod parse_heldout;
mod parse_prefilter;
mod parse_props;
mod privacy_list;
mod recap;
mod recap_words;
mod reminders_book;
mod reminders_console;
mod reminders_restart;
mod reminders_schedule;
mod reminders_scheduler;
mod replay_reminders;
mod safety_catalogue;
mod safety_engine;
mod scenarios;
mod store;
mod taper_restart;
mod time_zones;
mod warning_corpus;
