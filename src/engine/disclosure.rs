//! Who may read a reply: the one place that decides which replies are
//! personal. A personal reply is [`Reply::private`]: in a server, a
//! transport delivers it to the runner alone (a DM, or an ephemeral
//! answer) and shows the channel at most a pointer that holds none of it.
//!
//! [`PERSONAL_REPLIES`] is the list, and [`classify`] maps a message and
//! its reply onto it. A logged run or rest day is personal too (its notes
//! and tips come from the runner's history), but it may be acknowledged in
//! the channel: [`Reply::public_text`] carries that acknowledgement, which
//! names no health, pain or sleep detail.
//!
//! Commands are matched exhaustively, on purpose: a new command does not
//! compile until someone decides here whether its answer is personal.

use super::{Bot, Reply};
use crate::intent::{Command, Intent, Parsed, ProfileUpdate};
use crate::store::Profile;

/// The kinds of personal reply. Every reply of one of these kinds is
/// private; anything else (help, an unknown message, tips on a topic for a
/// runner with no health condition) may be answered in the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// "stats": the runner's week, load and sleep.
    Stats,
    /// "my profile", "I'm 58", "set tz ...".
    Profile,
    /// Anything that names or rests on a health condition.
    HealthConditions,
    /// Reported pain or soreness, and what the coach says about it.
    PainHistory,
    /// Hours slept, logged or asked about.
    Sleep,
    /// Setting, listing or stopping reminders; the paused-reminders notice.
    Reminders,
    /// "export my data" (the file too).
    Export,
    /// "delete my data" and "yes, delete".
    Delete,
    /// A question waiting for the runner's yes or no.
    PendingConfirmation,
    /// A medical warning sign: the calm "stop and get help".
    WarningSign,
    /// A logged run or rest day: public acknowledgement, details in private.
    LoggedActivity,
    /// "undo": names the log it removed.
    Undo,
    /// Tips chosen from the runner's own recent history.
    TipsFromHistory,
}

/// Every kind of personal reply (the list tests walk through).
pub const PERSONAL_REPLIES: &[Personal] = &[
    Personal::Stats,
    Personal::Profile,
    Personal::HealthConditions,
    Personal::PainHistory,
    Personal::Sleep,
    Personal::Reminders,
    Personal::Export,
    Personal::Delete,
    Personal::PendingConfirmation,
    Personal::WarningSign,
    Personal::LoggedActivity,
    Personal::Undo,
    Personal::TipsFromHistory,
];

/// Which kind of personal reply this is, if any. `profile` is the runner's
/// profile after the message; `reminder_notice` says the reply carries the
/// paused-reminders notice. A reply already marked private (a warning
/// sign, a pending question) stays private.
pub fn classify(
    parsed: &Parsed,
    reply: &Reply,
    profile: &Profile,
    reminder_notice: bool,
) -> Option<Personal> {
    if let Some(command) = parsed.details.command {
        return Some(match command {
            Command::ShowProfile => Personal::Profile,
            Command::ExportData => Personal::Export,
            Command::DeleteData | Command::ConfirmDelete => Personal::Delete,
            Command::ListReminders
            | Command::StopReminders
            | Command::RecapOn
            | Command::RecapOff => Personal::Reminders,
        });
    }
    let by_intent = match reply.intent {
        Intent::LogRun | Intent::LogRest if reply.logged => Some(Personal::LoggedActivity),
        Intent::LogSleep => Some(Personal::Sleep),
        Intent::ReportPain => Some(Personal::PainHistory),
        Intent::Stats => Some(Personal::Stats),
        Intent::SetProfile if !parsed.details.profile.conditions.is_empty() => {
            Some(Personal::HealthConditions)
        }
        Intent::SetProfile => Some(Personal::Profile),
        Intent::SetReminder => Some(Personal::Reminders),
        Intent::Undo => Some(Personal::Undo),
        Intent::AskTips if parsed.topic.is_none() => Some(Personal::TipsFromHistory),
        // Tips on a topic may be refused or qualified for a condition.
        Intent::AskTips if !profile.conditions.is_empty() => Some(Personal::HealthConditions),
        _ => None,
    };
    // Whatever the intent, details the message itself carries.
    let by_details = if parsed.sleep_hours.is_some() {
        Some(Personal::Sleep)
    } else if !parsed.body_parts.is_empty() || parsed.details.pain_red_flag {
        Some(Personal::PainHistory)
    } else if !parsed.details.profile.conditions.is_empty() {
        Some(Personal::HealthConditions)
    } else if parsed.details.profile != ProfileUpdate::default() {
        // "I'm 58, help": the reply starts by confirming the age.
        Some(Personal::Profile)
    } else if reminder_notice {
        Some(Personal::Reminders)
    } else {
        None
    };
    // The intent wins (a logged run with sleep in it keeps its public
    // acknowledgement, which names no sleep); a reply some other part of
    // the engine already made private (a warning sign, a question waiting
    // for an answer) stays private.
    by_intent
        .or(by_details)
        .or(reply.private.then_some(Personal::PendingConfirmation))
}

impl Bot {
    /// Marks `reply` private when it is personal, and gives a logged run
    /// its public acknowledgement.
    pub(super) fn disclose(
        &self,
        parsed: &Parsed,
        reply: &mut Reply,
        profile: &Profile,
        reminder_notice: bool,
    ) {
        let Some(kind) = classify(parsed, reply, profile, reminder_notice) else {
            return;
        };
        reply.private = true;
        // A warning sign sets its own channel line (no cheerful "logged ✅").
        if kind == Personal::LoggedActivity && reply.public_text.is_none() {
            let key = match reply.intent {
                Intent::LogRest => "disclosure.logged_rest",
                _ => "disclosure.logged_run",
            };
            reply.public_text = Some(self.say(key, &[]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::{self, ParseOptions};

    fn reply(intent: Intent, private: bool) -> Reply {
        Reply {
            private,
            ..Reply::new(intent, String::new())
        }
    }

    #[test]
    fn a_reply_marked_private_elsewhere_stays_private() {
        // The safety checks and pending questions mark their own replies.
        let parsed = intent::parse("yes", &ParseOptions::default());
        let profile = Profile::default();
        let marked = reply(Intent::Unknown, true);
        assert_eq!(
            classify(&parsed, &marked, &profile, false),
            Some(Personal::PendingConfirmation)
        );
        assert_eq!(
            classify(&parsed, &reply(Intent::Unknown, false), &profile, false),
            None
        );
        assert_eq!(
            classify(&parsed, &reply(Intent::Unknown, false), &profile, true),
            Some(Personal::Reminders),
            "the paused-reminders notice is personal"
        );
    }

    #[test]
    fn tips_on_a_topic_are_personal_only_for_a_runner_with_a_condition() {
        let parsed = intent::parse("tips on stretching", &ParseOptions::default());
        let tips = reply(Intent::AskTips, false);
        let mut profile = Profile::default();
        assert_eq!(classify(&parsed, &tips, &profile, false), None);
        profile.conditions = vec![crate::intent::HealthCondition::Diabetes];
        assert_eq!(
            classify(&parsed, &tips, &profile, false),
            Some(Personal::HealthConditions)
        );
    }
}
