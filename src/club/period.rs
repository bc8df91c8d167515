//! The period a club board covers, as a runner writes it ("last week",
//! "this month", "since 1 Nov", "between 2026-11-02 and 2026-11-15") and
//! as instants: whole local days in the club's zone, so that a Sunday-night
//! run in Auckland is Sunday's, and a week starts on Monday as the weekly
//! post's does.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan as _};
use thiserror::Error;

/// A period, before it meets a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
    /// From this day to today.
    Since(Date),
    /// Both days included.
    Between(Date, Date),
}

/// Why a period could not be read or used; the board answers with it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error("not a period")]
    Unreadable,
    #[error("a period that starts after today")]
    Future,
    #[error("a period longer than a year")]
    TooLong,
}

/// A period on the calendar: the local days it covers (`last` included)
/// and the instants `[start, end)` its logs happened in. `end` is never
/// after the moment of asking, so a period that runs to today is "so far".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub first: Date,
    pub last: Date,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The period runs on after now (today is in it).
    pub so_far: bool,
    /// The club's today when the window was made.
    pub today: Date,
}

impl Window {
    /// Days in the window, today included when it is in it.
    pub fn days(&self) -> i64 {
        self.first.until(self.last).map_or(0, |s| s.get_days()) as i64 + 1
    }
}

/// The longest board: a year of days.
const MAX_DAYS: i64 = 366;

impl Period {
    /// Reads a period from words; an empty text is this week. Dates are
    /// `2026-11-02`, `2 Nov`, `2nd November`, `Nov 2` (a year may follow);
    /// without a year, the last such day up to `today`.
    pub fn parse(text: &str, today: Date) -> Result<Period, PeriodError> {
        let lower = text.trim().to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            [] | ["this", "week"] | ["week"] => return Ok(Period::ThisWeek),
            ["last", "week"] | ["previous", "week"] => return Ok(Period::LastWeek),
            ["this", "month"] | ["month"] => return Ok(Period::ThisMonth),
            ["last", "month"] | ["previous", "month"] => return Ok(Period::LastMonth),
            ["since" | "from", rest @ ..] if !rest.contains(&"to") => {
                return date(rest, today).map(Period::Since)
            }
            _ => {}
        }
        // "between A and B", "from A to B", "A to B", "A - B".
        let rest = match words.first() {
            Some(&"between") | Some(&"from") => &words[1..],
            _ => &words[..],
        };
        let split = rest
            .iter()
            .position(|w| matches!(*w, "and" | "to" | "until" | "till" | "-" | "–"))
            .ok_or(PeriodError::Unreadable)?;
        let a = date(&rest[..split], today)?;
        let b = date(&rest[split + 1..], today)?;
        // Written backwards is still the same days.
        Ok(Period::Between(a.min(b), a.max(b)))
    }

    /// The period as days and instants in `tz`, as of `now`.
    pub fn window(&self, now: Timestamp, tz: &TimeZone) -> Result<Window, PeriodError> {
        let today = now.to_zoned(tz.clone()).date();
        let monday = monday_of(today);
        let month = today.first_of_month();
        let (first, last) = match *self {
            Period::ThisWeek => (monday, today),
            Period::LastWeek => (shift(monday, -7), shift(monday, -1)),
            Period::ThisMonth => (month, today),
            Period::LastMonth => {
                let last = shift(month, -1);
                (last.first_of_month(), last)
            }
            Period::Since(day) => (day, today),
            Period::Between(a, b) => (a, b.min(today)),
        };
        if first > today {
            return Err(PeriodError::Future);
        }
        if first.until(last).map_or(0, |s| s.get_days()) as i64 >= MAX_DAYS {
            return Err(PeriodError::TooLong);
        }
        let so_far = last == today;
        let start = midnight(first, tz);
        // Logs up to this very second count; nothing later exists yet.
        let end = if so_far {
            crate::clock::after(now, jiff::SignedDuration::from_secs(1))
        } else {
            midnight(shift(last, 1), tz)
        };
        Ok(Window {
            first,
            last,
            start,
            end,
            so_far,
            today,
        })
    }
}

fn monday_of(day: Date) -> Date {
    shift(day, -i64::from(day.weekday().to_monday_zero_offset()))
}

fn shift(day: Date, days: i64) -> Date {
    day.checked_add(days.days()).unwrap_or(day)
}

/// The first instant of `day` in `tz` (a DST gap at midnight moves it on).
fn midnight(day: Date, tz: &TimeZone) -> Timestamp {
    day.to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

/// One date in words (see [`Period::parse`]).
fn date(words: &[&str], today: Date) -> Result<Date, PeriodError> {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| *w != "the" && *w != "of")
        .collect();
    if let [one] = words.as_slice() {
        if let Ok(d) = one.parse::<Date>() {
            return Ok(d);
        }
    }
    // "2 Nov", "2nd November 2026", "Nov 2", "Nov 2 2026".
    let (day, month) = match words.as_slice() {
        [a, b] | [a, b, _] => match day_number(a) {
            Some(day) => (Some(day), month_number(b)),
            None => (day_number(b), month_number(a)),
        },
        _ => (None, None),
    };
    let year = words.get(2).copied();
    let (Some(day), Some(month)) = (day, month) else {
        return Err(PeriodError::Unreadable);
    };
    if let Some(year) = year {
        let year: i16 = year.parse().map_err(|_| PeriodError::Unreadable)?;
        return Date::new(year, month, day).map_err(|_| PeriodError::Unreadable);
    }
    // No year: the last such day up to today.
    let this_year = Date::new(today.year(), month, day);
    match this_year {
        Ok(d) if d <= today => Ok(d),
        _ => Date::new(today.year() - 1, month, day).map_err(|_| PeriodError::Unreadable),
    }
}

fn day_number(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let n: i8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| word.starts_with(m))?;
    // "sept" and the full names start with the short one.
    Some(i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn periods_are_read_from_words() {
        let today = d("2026-12-03");
        let p = |s: &str| Period::parse(s, today);
        assert_eq!(p(""), Ok(Period::ThisWeek));
        assert_eq!(p("This Week"), Ok(Period::ThisWeek));
        assert_eq!(p("last week"), Ok(Period::LastWeek));
        assert_eq!(p("this month"), Ok(Period::ThisMonth));
        assert_eq!(p("last month"), Ok(Period::LastMonth));
        assert_eq!(p("since 2026-11-02"), Ok(Period::Since(d("2026-11-02"))));
        assert_eq!(p("since 2 Nov"), Ok(Period::Since(d("2026-11-02"))));
        assert_eq!(p("since Nov 2nd"), Ok(Period::Since(d("2026-11-02"))));
        // No year: the last such day up to today.
        assert_eq!(p("since 20 december"), Ok(Period::Since(d("2025-12-20"))));
        assert_eq!(
            p("between 2026-11-02 and 2026-11-15"),
            Ok(Period::Between(d("2026-11-02"), d("2026-11-15")))
        );
        assert_eq!(
            p("from 15 Nov to 2 Nov"),
            Ok(Period::Between(d("2026-11-02"), d("2026-11-15"))),
            "backwards is the same days"
        );
        assert_eq!(
            p("1 sept 2025 - 30 sept 2025"),
            Ok(Period::Between(d("2025-09-01"), d("2025-09-30")))
        );
        assert_eq!(p("yesterday-ish"), Err(PeriodError::Unreadable));
        assert_eq!(p("since 31 feb"), Err(PeriodError::Unreadable));
        assert_eq!(p("since the moon"), Err(PeriodError::Unreadable));
    }

    #[test]
    fn weeks_and_months_are_local_days() {
        // Thursday 3 Dec 2026, 23:30 UTC: already Friday in Auckland.
        let now = ts("2026-12-03T23:30:00Z");
        let utc = TimeZone::UTC;
        let w = Period::ThisWeek.window(now, &utc).unwrap();
        assert_eq!((w.first, w.last), (d("2026-11-30"), d("2026-12-03")));
        assert_eq!(w.start, ts("2026-11-30T00:00:00Z"));
        assert_eq!(w.end, ts("2026-12-03T23:30:01Z"));
        assert!(w.so_far);
        assert_eq!(w.days(), 4);
        let akl = crate::rules::zone_named("Pacific/Auckland").unwrap();
        let w = Period::ThisWeek.window(now, &akl).unwrap();
        assert_eq!(w.last, d("2026-12-04"), "Friday there");
        assert_eq!(w.start, ts("2026-11-29T11:00:00Z"), "Monday 00:00 NZDT");
        let last = Period::LastWeek.window(now, &utc).unwrap();
        assert_eq!((last.first, last.last), (d("2026-11-23"), d("2026-11-29")));
        assert_eq!(last.end, ts("2026-11-30T00:00:00Z"));
        assert!(!last.so_far);
        assert_eq!(last.days(), 7);
        let month = Period::LastMonth.window(now, &utc).unwrap();
        assert_eq!(
            (month.first, month.last),
            (d("2026-11-01"), d("2026-11-30"))
        );
        // January's last month is December of the year before.
        let jan = Period::LastMonth
            .window(ts("2027-01-10T12:00:00Z"), &utc)
            .unwrap();
        assert_eq!((jan.first, jan.last), (d("2026-12-01"), d("2026-12-31")));
    }

    #[test]
    fn a_week_across_a_dst_change_is_seven_local_days() {
        // Berlin's clocks went back on Sunday 25 Oct 2026: that week is
        // 169 hours long, Monday 00:00 CEST to Monday 00:00 CET.
        let berlin = crate::rules::zone_named("Europe/Berlin").unwrap();
        let w = Period::LastWeek
            .window(ts("2026-10-27T12:00:00Z"), &berlin)
            .unwrap();
        assert_eq!(w.start, ts("2026-10-18T22:00:00Z"));
        assert_eq!(w.end, ts("2026-10-25T23:00:00Z"));
        assert_eq!(w.end.duration_since(w.start).as_hours(), 169);
    }

    #[test]
    fn future_and_overlong_periods_are_refused() {
        let now = ts("2026-12-03T12:00:00Z");
        let utc = TimeZone::UTC;
        assert_eq!(
            Period::Since(d("2026-12-10")).window(now, &utc),
            Err(PeriodError::Future)
        );
        assert_eq!(
            Period::Since(d("2024-01-01")).window(now, &utc),
            Err(PeriodError::TooLong)
        );
        // A period that runs past today stops at now.
        let w = Period::Between(d("2026-11-20"), d("2026-12-31"))
            .window(now, &utc)
            .unwrap();
        assert_eq!(w.last, d("2026-12-03"));
        assert!(w.so_far);
        assert_eq!(w.end, ts("2026-12-03T12:00:01Z"));
    }
}
