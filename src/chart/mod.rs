//! The chart of a runner's last eight weeks, attached to "stats".
//!
//! [`weekly`] takes the runner's logs and profile and the moment of asking,
//! and returns a [`Chart`]: a PNG (distance per week as bars in the runner's
//! unit, long runs and rest days marked under each week, average sleep per
//! week as a line on a second axis, this week highlighted) and an alt text
//! that says the same in words. Weeks are the runner's: Monday to Sunday in
//! their zone ([`crate::rules`]).
//!
//! - [`weeks`]: the logs summed into eight weeks (the numbers).
//! - [`alt`]: those numbers in words.
//! - [`render`]: those numbers drawn, in-process, with the font shipped in
//!   the binary ([`font`]); [`palette`] holds the colours.

pub mod alt;
pub mod font;
pub mod palette;
pub mod render;
pub mod weeks;

use jiff::Timestamp;

pub use weeks::{Week, Weeks, WEEKS};

use crate::store::{LogEntry, Profile};

/// The chart's file name where a transport needs one.
pub const FILE_NAME: &str = "cooldown-weeks.png";
/// The club chart's file name (the weekly post's).
pub const CLUB_FILE_NAME: &str = "cooldown-club-weeks.png";

/// A rendered chart: the PNG and what it shows, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub png: Vec<u8>,
    pub alt: String,
}

/// The chart of the eight weeks up to `now` (this week included, so far).
pub fn weekly(logs: &[LogEntry], profile: &Profile, now: Timestamp) -> Chart {
    draw(&Weeks::from_logs(logs, profile, now))
}

/// The chart of weeks already summed.
pub fn draw(weeks: &Weeks) -> Chart {
    Chart {
        png: render::png(weeks),
        alt: alt::text(weeks),
    }
}

#[cfg(test)]
mod tests;
