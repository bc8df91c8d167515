//! The chart in words, for Discord's alt text (screen readers, images
//! turned off) and for transports that show no pictures: every number the
//! chart draws, in the same order.

use super::weeks::{amount, Weeks, WEEKS};

/// "Weekly distance, last 8 weeks (km, from the week of 13 Oct): 12, 0,
/// ..., this week (since Monday) 24 km so far; 2 long runs; 3 rest days; sleep averaged
/// 6.8 h."
pub fn text(weeks: &Weeks) -> String {
    let unit = weeks.unit_name();
    let first = weeks.weeks[0].start.strftime("%-d %b");
    let head = format!("Weekly distance, last {WEEKS} weeks ({unit}, from the week of {first})");
    if weeks.is_empty() {
        return format!("{head}: nothing logged yet.");
    }
    let past: Vec<String> = weeks.weeks[..WEEKS - 1]
        .iter()
        .map(|w| amount(w.distance))
        .collect();
    let this = weeks.this_week();
    let last = if weeks.closed {
        format!("last week {} {unit}", amount(this.distance))
    } else {
        format!(
            "this week (since Monday) {} {unit} so far",
            amount(this.distance)
        )
    };
    let mut parts = vec![format!("{head}: {}, {last}", past.join(", "))];
    let long: u32 = weeks.weeks.iter().map(|w| w.long_runs).sum();
    let rest: u32 = weeks.weeks.iter().map(|w| w.rest_days).sum();
    parts.push(count(long, "long run", "long runs"));
    parts.push(count(rest, "rest day", "rest days"));
    let nights: Vec<f64> = weeks.weeks.iter().filter_map(|w| w.sleep).collect();
    if !nights.is_empty() {
        // The average of the weekly averages the line draws.
        let avg = nights.iter().sum::<f64>() / nights.len() as f64;
        parts.push(format!("sleep averaged {} h", amount(avg)));
    }
    format!("{}.", parts.join("; "))
}

fn count(n: u32, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}
