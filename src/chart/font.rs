//! The chart's one font, shipped in the binary: Open Sans Regular
//! (Apache License 2.0, `assets/fonts/`). The container has no system
//! fonts, and a chart must look the same on every machine.

use std::sync::Once;

use plotters::style::{register_font, FontStyle};

/// Open Sans Regular, as a TrueType file.
pub static OPEN_SANS: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Regular.ttf");

/// The family name the chart asks plotters for.
pub const FAMILY: &str = "sans-serif";

/// Registers the font with plotters once per process; every render calls
/// it first.
pub fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are ours and checked by a test: this cannot fail.
        if register_font(FAMILY, FontStyle::Normal, OPEN_SANS).is_err() {
            tracing::error!("the chart font does not load: charts will have no text");
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_font_loads() {
        assert!(plotters::style::register_font(
            "chart-font-test",
            plotters::style::FontStyle::Normal,
            super::OPEN_SANS
        )
        .is_ok());
    }
}
