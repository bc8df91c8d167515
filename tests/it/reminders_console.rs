//! The console prints the console user's reminders as they fall due while
//! the chat is open, through the scheduler, and leaves other runners'
//! reminders (a data directory shared with Discord) alone.

use std::sync::Arc;
use std::time::Duration;

use cooldown::catalogue::Catalogue;
use cooldown::clock::Clock;
use cooldown::engine::Bot;
use cooldown::intent::{ClockTime, ReminderKind};
use cooldown::store::{Store, UserId};
use cooldown::transport::console;
use jiff::{SignedDuration, Timestamp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::Instant;

#[derive(Debug)]
struct TokioClock {
    start: Timestamp,
    base: Instant,
}

impl Clock for TokioClock {
    fn now(&self) -> Timestamp {
        self.start + SignedDuration::try_from(self.base.elapsed()).unwrap()
    }
}

#[tokio::test(start_paused = true)]
async fn the_console_prints_its_own_reminders_as_they_fall_due() {
    let store = Store::temporary().unwrap();
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let bot = Bot::new(catalogue, store).unwrap();
    let start: Timestamp = "2026-06-01T22:00:00Z".parse().unwrap();
    let at = |s: &str| s.parse::<ClockTime>().unwrap();
    let book = bot.reminders().book();
    book.set(
        &UserId::new(console::CONSOLE_USER),
        ReminderKind::Sleep,
        at("22:10"),
        start,
    )
    .unwrap();
    book.set(&UserId::new("99"), ReminderKind::Sleep, at("22:05"), start)
        .unwrap();

    let clock = Arc::new(TokioClock {
        start,
        base: Instant::now(),
    });
    let (mut typing, input) = tokio::io::duplex(1 << 16);
    let (output, mut screen) = tokio::io::duplex(1 << 16);
    let reminders = bot.reminders().clone();
    let chat = tokio::spawn(console::run(
        bot,
        clock,
        input,
        output,
        std::future::pending(),
    ));

    tokio::time::sleep(Duration::from_secs(11 * 60)).await;
    typing.write_all(b"ran 5k\n").await.unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    drop(typing);
    chat.await.unwrap().unwrap();

    let mut text = String::new();
    screen.read_to_string(&mut text).await.unwrap();
    let reminder = text.find("22:10").expect("the reminder was printed");
    let reply = text.find("5 km").expect("the reply was printed");
    assert!(reminder < reply, "{text}");
    assert_eq!(text.matches("⏰").count(), 1, "{text}");
    // Runner 99's 22:05 is still waiting for its own transport.
    let theirs = reminders
        .take_due("2026-06-01T22:30:00Z".parse().unwrap(), None)
        .unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].user.as_str(), "99");
}
