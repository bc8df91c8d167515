//! The chart's colours. The chart paints its own opaque dark background,
//! so it reads the same in Discord's dark and light themes; every colour
//! here stands out against that background (contrast 4.5:1 or more for
//! text), and the marks differ in shape as well as colour.

use plotters::style::RGBColor;

/// The card behind everything.
pub const BACKGROUND: RGBColor = RGBColor(0x1f, 0x23, 0x2a);
/// Titles, labels and values.
pub const TEXT: RGBColor = RGBColor(0xe8, 0xea, 0xed);
/// Axis names and the dates under past weeks.
pub const MUTED: RGBColor = RGBColor(0xa9, 0xb1, 0xbb);
/// Grid lines and axes.
pub const GRID: RGBColor = RGBColor(0x3a, 0x40, 0x4a);
/// A past week's bar.
pub const BAR: RGBColor = RGBColor(0x3f, 0x8f, 0xa8);
/// This week's bar and its label.
pub const THIS_WEEK: RGBColor = RGBColor(0xff, 0xc8, 0x57);
/// The band behind this week.
pub const THIS_WEEK_BAND: RGBColor = RGBColor(0x33, 0x33, 0x2c);
/// Long-run marks (circles).
pub const LONG_RUN: RGBColor = RGBColor(0xff, 0x7a, 0x59);
/// Rest-day marks (squares).
pub const REST: RGBColor = RGBColor(0x7e, 0xd9, 0x8c);
/// The sleep line and its axis.
pub const SLEEP: RGBColor = RGBColor(0xc9, 0xa7, 0xff);
