//! `cargo +nightly fuzz run replay fuzz/seeds/replay`: whatever lines
//! arrive, `replay` (the whole engine, store and reminders) never panics
//! and writes only JSON lines. The seeds hold the date that once panicked
//! (issue 11) and a short conversation.
#![no_main]

use std::sync::LazyLock;

use cooldown::catalogue::Catalogue;
use cooldown::engine::Bot;
use cooldown::store::Store;
use cooldown::transport::replay;
use libfuzzer_sys::fuzz_target;

/// One engine for the whole run: opening sled per input would measure
/// sled, not the engine.
static BOT: LazyLock<Bot> = LazyLock::new(|| {
    let catalogue = Catalogue::builtin().expect("the built-in catalogue");
    let store = Store::temporary().expect("a temporary store");
    Bot::new(catalogue, store).expect("the bot")
});

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    replay::run(&BOT, data, &mut out).expect("replay writes to memory");
    let text = String::from_utf8(out).expect("replay writes UTF-8");
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert!(value.is_object());
    }
});
