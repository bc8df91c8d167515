//! Who a runner is to Cooldown: the id their chat platform gives them.

/// A chat user, as the transport names them (a Discord snowflake, or "console").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(String);

impl UserId {
    /// Ids longer than 255 bytes are cut: the key prefix holds the length in
    /// one byte. Discord ids are at most 20 digits.
    pub fn new(id: impl Into<String>) -> UserId {
        let mut id: String = id.into();
        while id.len() > 255 {
            id.pop();
        }
        UserId(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
