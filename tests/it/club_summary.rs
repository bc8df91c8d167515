//! Clubs: the weekly summary's arithmetic on a temporary store with fixed
//! logs, its words, the once-only claim of each weekly post, and a runner's
//! club memberships in their export and delete.

use crate::log_fixtures::{rest, run_told, ts};
use cooldown::catalogue::Catalogue;
use cooldown::club::{poster, schedule, ClubSummary, Weekly};
use cooldown::model::Unit;
use cooldown::store::{LogEntry, Store, UserId};
use jiff::tz::TimeZone;

fn catalogue() -> Catalogue {
    Catalogue::load(&Catalogue::shipped_dir()).unwrap()
}

/// The week Monday 2026-11-23 08:00 UTC to Monday 2026-11-30 08:00 UTC.
const START: &str = "2026-11-23T08:00:00Z";
const END: &str = "2026-11-30T08:00:00Z";

/// Members 1 and 2 of guild 7; 3 logs but joined only guild 8; 4 never joined.
fn club() -> (Store, Weekly) {
    let store = Store::temporary().unwrap();
    let weekly = Weekly::new(&store, catalogue()).unwrap();
    let at = ts("2026-11-01T00:00:00Z");
    weekly
        .clubs
        .join(7, &UserId::new("1"), Some("Ana"), at)
        .unwrap();
    weekly.clubs.join(7, &UserId::new("2"), None, at).unwrap();
    weekly
        .clubs
        .join(8, &UserId::new("3"), Some("Cy"), at)
        .unwrap();
    let log = |user: &str, e: LogEntry| store.append(&UserId::new(user), &e).unwrap();
    // Member 1: a run exactly at the window's start (in), a 21.1 km run
    // told the next day about the day before (in), one at the end (out).
    log("1", run_told(10.0, START, START));
    log(
        "1",
        run_told(21.1, "2026-11-25T07:00:00Z", "2026-11-26T09:00:00Z"),
    );
    log("1", run_told(30.0, END, END));
    // Member 2: a run the Sunday before (out, though told inside the
    // window), a rest day and an 8 km run (in).
    log(
        "2",
        run_told(12.0, "2026-11-22T10:00:00Z", "2026-11-24T10:00:00Z"),
    );
    log("2", rest("2026-11-27T12:00:00Z"));
    log(
        "2",
        run_told(8.0, "2026-11-29T09:00:00Z", "2026-11-29T09:30:00Z"),
    );
    // Not members here: their long runs must not count or be named.
    log(
        "3",
        run_told(42.2, "2026-11-28T09:00:00Z", "2026-11-28T09:00:00Z"),
    );
    log(
        "4",
        run_told(50.0, "2026-11-28T09:00:00Z", "2026-11-28T09:00:00Z"),
    );
    (store, weekly)
}

#[test]
fn only_joined_members_inside_the_window_are_counted() {
    let (store, weekly) = club();
    let members = weekly.clubs.members_named(7).unwrap();
    let s = ClubSummary::compute(&store, &members, ts(START), ts(END)).unwrap();
    assert_eq!(s.members, 2);
    assert_eq!(s.runners_logged, 2);
    assert_eq!(
        s.runs, 3,
        "10 + 21.1 + 8; not the run at the end or before the start"
    );
    assert!((s.distance_m - 39_100.0).abs() < 1e-6, "{}", s.distance_m);
    assert_eq!(s.longest, Some(("Ana".to_owned(), 21_100.0)));
    assert_eq!(s.rest_days, 1);

    // The next week sees member 1's run at its start, and nothing of 2.
    let next = ClubSummary::compute(&store, &members, ts(END), ts("2026-12-07T08:00:00Z")).unwrap();
    assert_eq!((next.runners_logged, next.runs, next.rest_days), (1, 1, 0));
    assert_eq!(next.longest, Some(("Ana".to_owned(), 30_000.0)));
}

#[test]
fn the_summary_names_members_only_and_says_the_totals() {
    let (store, weekly) = club();
    let members = weekly.clubs.members_named(7).unwrap();
    let s = ClubSummary::compute(&store, &members, ts(START), ts(END)).unwrap();
    let text = s.render(&catalogue(), &TimeZone::UTC, Unit::Km);
    assert!(
        text.contains("Mon 23 Nov") && text.contains("Mon 30 Nov"),
        "{text}"
    );
    assert!(text.contains("2 runners"), "{text}");
    assert!(text.contains("3 runs"), "{text}");
    assert!(text.contains("39.1 km"), "{text}");
    assert!(text.contains("21.1 km by Ana"), "{text}");
    assert!(!text.contains("Cy") && !text.contains("runner 4"), "{text}");
    assert!(!text.contains("42.2") && !text.contains("50 km"), "{text}");
    assert!(text.contains("1 rest day"), "{text}");

    // A week without rest days does not count them at zero.
    let next = ClubSummary::compute(&store, &members, ts(END), ts("2026-12-07T08:00:00Z")).unwrap();
    let text = next.render(&catalogue(), &TimeZone::UTC, Unit::Km);
    assert!(text.contains("1 run for 30 km"), "{text}");
    assert!(!text.contains("rest day"), "{text}");

    // A week with nothing logged is a warm note, not zeros.
    let quiet = ClubSummary::compute(
        &store,
        &members,
        ts("2026-10-01T00:00:00Z"),
        ts("2026-10-08T00:00:00Z"),
    )
    .unwrap();
    let text = quiet.render(&catalogue(), &TimeZone::UTC, Unit::Km);
    assert_eq!(quiet.runners_logged, 0);
    assert!(!text.contains("0 runs") && !text.contains("Ana"), "{text}");
    let c = catalogue();
    assert!(
        c.phrasings("club.summary_quiet")
            .iter()
            .any(|p| text.contains(p.as_str())),
        "{text}"
    );
}

#[test]
fn each_weekly_post_is_claimed_once_and_a_long_missed_one_is_skipped() {
    let (_store, weekly) = club();
    // Turned on Saturday: the slot just past (Monday 23rd) is not posted.
    weekly
        .summary_on(7, 555, "UTC", ts("2026-11-28T12:00:00Z"))
        .unwrap();
    let (posts, next) = poster::claim_due(&weekly, ts("2026-11-28T12:00:01Z")).unwrap();
    assert!(posts.is_empty());
    assert_eq!(next, Some(ts(END)));

    let (posts, next) = poster::claim_due(&weekly, ts("2026-11-30T08:00:05Z")).unwrap();
    assert_eq!(posts.len(), 1);
    assert_eq!(
        (posts[0].guild, posts[0].channel, posts[0].due),
        (7, 555, ts(END))
    );
    assert!(
        posts[0].text.contains("21.1 km by Ana"),
        "{}",
        posts[0].text
    );
    assert_eq!(next, Some(ts("2026-12-07T08:00:00Z")));
    let (again, _) = poster::claim_due(&weekly, ts("2026-11-30T08:00:06Z")).unwrap();
    assert!(again.is_empty(), "at most once");

    // Down over the next slot for more than two hours: skipped, for good.
    let (late, _) = poster::claim_due(&weekly, ts("2026-12-07T10:30:00Z")).unwrap();
    assert!(late.is_empty());
    let (later, _) = poster::claim_due(&weekly, ts("2026-12-07T10:31:00Z")).unwrap();
    assert!(later.is_empty());
    // Within the grace window it still goes out after a restart.
    let (in_grace, _) = poster::claim_due(&weekly, ts("2026-12-14T09:30:00Z")).unwrap();
    assert_eq!(in_grace.len(), 1);

    assert!(weekly.summary_off(7).unwrap());
    let (none, next) = poster::claim_due(&weekly, ts("2026-12-21T08:00:01Z")).unwrap();
    assert!(
        none.is_empty() && next.is_none(),
        "off means no post and nothing to wait for"
    );
}

#[test]
fn a_berlin_club_posts_at_eight_local_time() {
    let (_store, weekly) = club();
    weekly
        .summary_on(7, 555, "Europe/Berlin", ts("2026-11-28T12:00:00Z"))
        .unwrap();
    let berlin = cooldown::rules::zone_named("Europe/Berlin").unwrap();
    let slot = schedule::next_post(ts("2026-11-28T12:00:00Z"), &berlin);
    assert_eq!(slot, ts("2026-11-30T07:00:00Z"));
    let (posts, _) = poster::claim_due(&weekly, ts("2026-11-30T06:59:59Z")).unwrap();
    assert!(posts.is_empty(), "not before 08:00 in Berlin");
    let (posts, _) = poster::claim_due(&weekly, slot).unwrap();
    assert_eq!(posts.len(), 1);
}

#[test]
fn memberships_are_exported_and_deleted_with_the_runner() {
    let (store, weekly) = club();
    let one = UserId::new("1");
    weekly.clubs.join(9, &one, None, ts(START)).unwrap();
    assert_eq!(store.export(&one).unwrap().clubs, [7, 9]);
    assert_eq!(
        store.export(&one).unwrap().club_names,
        [(7, "Ana".to_owned())],
        "the name they joined with is theirs to see"
    );
    assert!(store.export(&UserId::new("4")).unwrap().clubs.is_empty());
    store.delete_user(&one).unwrap();
    assert_eq!(weekly.clubs.members(7).unwrap(), [UserId::new("2")]);
    assert!(weekly.clubs.members(9).unwrap().is_empty());
    assert!(store.export(&one).unwrap().clubs.is_empty());
}
