//! What a runner can do with a bedtime reminder they just got: snooze it
//! (it comes again in a while) or skip tonight (no more nudges until the
//! next night). Both are one [`ReminderBook::update`], so they are durable
//! before the runner is told, and a snooze survives a restart.

use jiff::{SignedDuration, Timestamp};

use super::book::ReminderBook;
use super::plan::next_for;
use crate::model::ReminderKind;
use crate::model::UserId;
use crate::store::StoreError;

/// How long "Snooze" waits.
pub const SNOOZE_MINUTES: i64 = 30;

/// An occurrence of the regular schedule due within this of a "skip
/// tonight" is tonight's.
const TONIGHT_HOURS: i64 = 12;

/// The next due instant, given the regular one and a pending snooze: the
/// snooze comes first while it is still ahead of `after`.
pub(super) fn with_snooze(
    regular: Option<Timestamp>,
    snoozed: Option<Timestamp>,
    after: Timestamp,
) -> Option<Timestamp> {
    match (regular, snoozed.filter(|&t| t > after)) {
        (Some(r), Some(s)) => Some(r.min(s)),
        (r, s) => r.or(s),
    }
}

impl ReminderBook {
    /// Snoozes the runner's bedtime reminder: it comes again
    /// `SNOOZE_MINUTES` after `now`. Returns that instant, or `None` when
    /// they have no bedtime reminder.
    pub fn snooze(&self, user: &UserId, now: Timestamp) -> Result<Option<Timestamp>, StoreError> {
        if self.get(user)?.sleep.is_none() {
            return Ok(None);
        }
        let again = crate::clock::after(now, SignedDuration::from_mins(SNOOZE_MINUTES));
        self.update(user, |rec| {
            let s = rec.sleep.as_mut()?;
            s.snoozed_until = Some(again);
            s.next_due = with_snooze(s.next_due, Some(again), now);
            Some(again)
        })
    }

    /// No more bedtime nudges tonight: drops a pending snooze and, if the
    /// regular reminder is still to come tonight, moves it to the next
    /// night. Returns when the next one comes, or `None` when they have no
    /// bedtime reminder.
    pub fn skip_tonight(
        &self,
        user: &UserId,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        if self.get(user)?.sleep.is_none() {
            return Ok(None);
        }
        let (tz, _) = self.zone_of(user)?;
        let tonight = crate::clock::after(now, SignedDuration::from_hours(TONIGHT_HOURS));
        self.update(user, |rec| {
            let s = rec.sleep.as_mut()?;
            s.snoozed_until = None;
            let after = s.last_due.map_or(now, |l| l.max(now));
            let (mut next, _) = next_for(ReminderKind::Sleep, s.at, &tz, after, &[]);
            if let Some(due) = next.filter(|&d| d <= tonight) {
                next = next_for(ReminderKind::Sleep, s.at, &tz, due, &[]).0;
            }
            s.next_due = next;
            next
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClockTime;
    use crate::store::Store;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn book_with_bedtime() -> (ReminderBook, UserId) {
        let store = Store::temporary().unwrap();
        let book = ReminderBook::open(&store).unwrap();
        let user = UserId::new("5");
        let bedtime: ClockTime = "22:30".parse().unwrap();
        book.set(
            &user,
            ReminderKind::Sleep,
            bedtime,
            at("2026-06-01T12:00:00Z"),
        )
        .unwrap();
        (book, user)
    }

    #[test]
    fn a_snooze_comes_thirty_minutes_later_once_then_the_schedule_goes_on() {
        let (book, user) = book_with_bedtime();
        let fired = book
            .claim(at("2026-06-01T22:30:00Z"), None)
            .unwrap()
            .unwrap();
        assert_eq!(fired.due, at("2026-06-01T22:30:00Z"));
        let again = book.snooze(&user, at("2026-06-01T22:31:00Z")).unwrap();
        assert_eq!(again, Some(at("2026-06-01T23:01:00Z")));
        // A message in between (refresh) does not lose the snooze.
        book.refresh(&user, at("2026-06-01T22:40:00Z")).unwrap();
        let snoozed = book
            .claim(at("2026-06-01T23:05:00Z"), None)
            .unwrap()
            .unwrap();
        assert_eq!(snoozed.due, at("2026-06-01T23:01:00Z"));
        assert!(book
            .claim(at("2026-06-02T22:00:00Z"), None)
            .unwrap()
            .is_none());
        let next = book.get(&user).unwrap().sleep.unwrap();
        assert_eq!(next.next_due, Some(at("2026-06-02T22:30:00Z")));
        assert_eq!(next.snoozed_until, None);
    }

    #[test]
    fn skip_tonight_drops_the_snooze_and_keeps_tomorrow() {
        let (book, user) = book_with_bedtime();
        book.claim(at("2026-06-01T22:30:00Z"), None).unwrap();
        book.snooze(&user, at("2026-06-01T22:31:00Z")).unwrap();
        let next = book
            .skip_tonight(&user, at("2026-06-01T22:32:00Z"))
            .unwrap();
        assert_eq!(next, Some(at("2026-06-02T22:30:00Z")));
        assert!(book
            .claim(at("2026-06-01T23:59:00Z"), None)
            .unwrap()
            .is_none());
    }

    #[test]
    fn skip_tonight_before_bedtime_moves_to_the_next_night() {
        let (book, user) = book_with_bedtime();
        let next = book
            .skip_tonight(&user, at("2026-06-01T20:00:00Z"))
            .unwrap();
        assert_eq!(next, Some(at("2026-06-02T22:30:00Z")));
    }

    #[test]
    fn without_a_bedtime_reminder_there_is_nothing_to_snooze() {
        let store = Store::temporary().unwrap();
        let book = ReminderBook::open(&store).unwrap();
        let user = UserId::new("6");
        assert_eq!(
            book.snooze(&user, at("2026-06-01T22:00:00Z")).unwrap(),
            None
        );
        assert_eq!(
            book.skip_tonight(&user, at("2026-06-01T22:00:00Z"))
                .unwrap(),
            None
        );
    }
}
