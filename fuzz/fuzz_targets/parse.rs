//! `cargo +nightly fuzz run parse`: `parse` must never panic and must keep
//! every value inside the contract, whatever bytes arrive.
#![no_main]

use cooldown::intent::{parse, ParseOptions, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for unit in [Unit::Km, Unit::Mi] {
        let p = parse(&text, &ParseOptions { default_unit: unit });
        if let Some(d) = p.distance_m {
            assert!(d.is_finite() && d > 0.0);
        }
        if let Some(h) = p.sleep_hours {
            assert!((0.0..=24.0).contains(&h));
        }
        assert!(p.days_ago <= 365);
        assert!(p.conditions.windows(2).all(|w| w[0] < w[1]));
        assert!(p.body_parts.windows(2).all(|w| w[0] < w[1]));
    }
});
