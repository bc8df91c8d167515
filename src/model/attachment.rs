//! A file the bot hands a runner: the export of their data, or the chart of
//! their weeks. Here rather than in the engine because a reminder (the
//! weekly recap) carries one too, and the reminders sit below the engine.

/// A file a reply or a reminder carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// A plain file name ("cooldown-123.json", "cooldown-weeks.png").
    pub name: String,
    pub bytes: Vec<u8>,
    /// What the file shows, in words: Discord's alt text for an image, the
    /// line a transport without pictures prints instead.
    pub alt: String,
}

impl Attachment {
    /// The file as text, when it is UTF-8 (an export); `None` for a picture.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// An image (the name ends in `.png`): shown, not read.
    pub fn is_image(&self) -> bool {
        self.name.ends_with(".png")
    }
}
