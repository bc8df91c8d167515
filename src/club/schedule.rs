//! When a club's weekly summary falls due: Monday 08:00 on the club's wall
//! clock. Civil times are turned into instants by jiff in the club's zone,
//! so a week that crosses a DST change is still "next Monday at 08:00"
//! (167 or 169 hours later), never an hour off.

use jiff::civil::{Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ToSpan as _, Zoned};

/// The weekday and wall-clock time of the weekly post.
pub const POST_DAY: Weekday = Weekday::Monday;
pub const POST_TIME: Time = Time::constant(8, 0, 0, 0);

/// The first weekly post instant strictly after `after`.
pub fn next_post(after: Timestamp, tz: &TimeZone) -> Timestamp {
    let local = after.to_zoned(tz.clone());
    // This week's slot, then step whole civil weeks until it is after `after`.
    let mut slot = post_in_week_of(&local, tz);
    while slot <= after {
        slot = shift_weeks(slot, tz, 1.week());
    }
    slot
}

/// The last weekly post instant at or before `at`.
pub fn previous_post(at: Timestamp, tz: &TimeZone) -> Timestamp {
    let local = at.to_zoned(tz.clone());
    let mut slot = post_in_week_of(&local, tz);
    while slot > at {
        slot = shift_weeks(slot, tz, (-1).week());
    }
    slot
}

/// The week a summary posted at `post` covers: the 7 days before it, as
/// `[start, post)`.
pub fn week_ending(post: Timestamp) -> (Timestamp, Timestamp) {
    let start = post
        .checked_sub(jiff::SignedDuration::from_hours(24 * 7))
        .unwrap_or(Timestamp::MIN);
    (start, post)
}

/// Monday 08:00 of the (Monday-first) week that holds `local`.
fn post_in_week_of(local: &Zoned, tz: &TimeZone) -> Timestamp {
    let back = i64::from(local.weekday().to_monday_zero_offset());
    let monday = local
        .date()
        .checked_sub(back.days())
        .unwrap_or(local.date());
    at_post_time(monday, tz)
}

fn shift_weeks(slot: Timestamp, tz: &TimeZone, weeks: Span) -> Timestamp {
    let date = slot.to_zoned(tz.clone()).date();
    at_post_time(date.checked_add(weeks).unwrap_or(date), tz)
}

/// 08:00 on `date` in `tz`; in a DST gap jiff moves it forward, in a fold
/// it takes the earlier instant.
fn at_post_time(date: jiff::civil::Date, tz: &TimeZone) -> Timestamp {
    date.to_datetime(POST_TIME)
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn next_and_previous_post_in_utc() {
        let utc = TimeZone::UTC;
        // 2026-11-28 is a Saturday.
        let sat = ts("2026-11-28T19:00:00Z");
        assert_eq!(next_post(sat, &utc), ts("2026-11-30T08:00:00Z"));
        assert_eq!(previous_post(sat, &utc), ts("2026-11-23T08:00:00Z"));
        let slot = ts("2026-11-30T08:00:00Z");
        assert_eq!(previous_post(slot, &utc), slot, "at the slot is the slot");
        assert_eq!(next_post(slot, &utc), ts("2026-12-07T08:00:00Z"));
        let early_monday = ts("2026-11-30T07:59:59Z");
        assert_eq!(
            previous_post(early_monday, &utc),
            ts("2026-11-23T08:00:00Z")
        );
    }

    #[test]
    fn the_post_stays_at_eight_across_dst_changes() {
        let berlin = crate::rules::zone_named("Europe/Berlin").unwrap();
        // Clocks go back on Sunday 2026-10-25: the Monday before is 08:00
        // CEST (06:00 UTC), the Monday after is 08:00 CET (07:00 UTC).
        let before = ts("2026-10-19T06:00:00Z");
        let after = next_post(before, &berlin);
        assert_eq!(after, ts("2026-10-26T07:00:00Z"));
        assert_eq!(after.duration_since(before).as_hours(), 169);
        assert_eq!(previous_post(ts("2026-10-26T06:30:00Z"), &berlin), before);
        // Clocks go forward on Sunday 2027-03-28: a 167-hour week.
        let ny = crate::rules::zone_named("America/New_York").unwrap();
        let before = next_post(ts("2027-03-10T00:00:00Z"), &ny);
        assert_eq!(before, ts("2027-03-15T12:00:00Z"), "08:00 EDT");
        let before = ts("2027-03-01T13:00:00Z"); // Monday 08:00 EST
        assert_eq!(next_post(before, &ny), ts("2027-03-08T13:00:00Z"));
        // US clocks went forward on Sunday 2027-03-14.
        let after = next_post(ts("2027-03-08T13:00:00Z"), &ny);
        assert_eq!(after, ts("2027-03-15T12:00:00Z"));
        assert_eq!(
            after.duration_since(ts("2027-03-08T13:00:00Z")).as_hours(),
            167
        );
    }
}
