//! Pain that lasts or worsens, and what the coach holds back while it does.
//!
//! A joint, tendon or bone (knee, shin, achilles...) reported again within
//! [`PAIN_WINDOW_DAYS`], a big muscle (calf, quad, hamstring, glute) reported
//! a third time (sore muscles after hard sessions are ordinary) or a second
//! time when the runner says it is back ("hamstring sore again"), or pain
//! described
//! as swollen, sharp, limping, "had to stop" or getting worse, is escalated:
//! stop running on it and see a physiotherapist. "It's fine now" or "physio
//! cleared me" ([`SafetyState::pain_cleared_at`]) starts the count again.
//! While a part is escalated, or a medical warning sign waits for a doctor's
//! check, the coach's other advice leaves out what could hurt: the next hard
//! session, massage and foam rolling, cold plunges.

use jiff::{SignedDuration, Timestamp};

use super::RecoveryPlan;
use super::{Note, RunnerPicture};
use crate::model::{BodyPart, Topic};
use crate::model::{LogEntry, SafetyState};

/// A part reported again within this many days is lasting pain.
pub const PAIN_WINDOW_DAYS: i64 = 14;
/// The full physio sentence is said once in this many days per part; after
/// that a short reminder.
pub const REPEAT_NOTE_DAYS: i64 = 7;

/// The answer pain calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    /// The parts to see a physio about (empty: pain with no named part).
    pub parts: Vec<BodyPart>,
    /// Every one of these parts was escalated within [`REPEAT_NOTE_DAYS`]:
    /// say the short reminder, not the whole sentence again.
    pub already_said: bool,
}

fn days(n: i64) -> SignedDuration {
    SignedDuration::from_hours(24 * n)
}

/// Whether pain in `parts` (this message) is lasting or worsening, given the
/// earlier logs.
///
/// `again`: the runner says the pain is back ("hamstring sore again"); one
/// earlier report then counts as lasting pain even for a big muscle.
pub fn escalation(
    parts: &[BodyPart],
    worsening: bool,
    again: bool,
    recent: &[LogEntry],
    safety: &SafetyState,
    now: Timestamp,
) -> Option<Escalation> {
    let since = crate::clock::before(now, days(PAIN_WINDOW_DAYS));
    let since = safety.pain_cleared_at.map_or(since, |c| c.max(since));
    let repeated: Vec<BodyPart> = parts
        .iter()
        .copied()
        .filter(|p| {
            let earlier = recent
                .iter()
                .filter(|e| e.at > since && e.at <= now && e.pain.contains(p))
                .count();
            let needed = earlier_reports_needed(*p);
            earlier >= if again { needed.min(1) } else { needed }
        })
        .collect();
    let chosen = if worsening { parts.to_vec() } else { repeated };
    if chosen.is_empty() && !worsening {
        return None;
    }
    let said_since = crate::clock::before(now, days(REPEAT_NOTE_DAYS));
    let already_said = !chosen.is_empty()
        && chosen.iter().all(|p| {
            safety
                .escalated
                .iter()
                .any(|(q, at)| q == p && *at > said_since)
        });
    Some(Escalation {
        parts: chosen,
        already_said,
    })
}

/// Earlier reports within the window that make this one lasting pain:
/// muscles are often sore after hard sessions, joints and tendons should not
/// be.
fn earlier_reports_needed(part: BodyPart) -> usize {
    match part {
        BodyPart::Calf | BodyPart::Quad | BodyPart::Hamstring | BodyPart::Glute => 2,
        _ => 1,
    }
}

/// Parts escalated within [`PAIN_WINDOW_DAYS`] and not cleared since.
pub fn active_escalations(safety: &SafetyState, now: Timestamp) -> Vec<BodyPart> {
    let since = crate::clock::before(now, days(PAIN_WINDOW_DAYS));
    safety
        .escalated
        .iter()
        .filter(|(_, at)| *at > since && safety.pain_cleared_at.map_or(true, |c| c < *at))
        .map(|(p, _)| *p)
        .collect()
}

/// Takes out of a plan what a warning sign or an escalated pain rules out.
pub fn apply_holds(plan: &mut RecoveryPlan, runner: &RunnerPicture<'_>) {
    let safety = &runner.profile.safety;
    let warning = safety.open_warning().is_some();
    let pain = !active_escalations(safety, runner.now).is_empty();
    if !warning && !pain {
        return;
    }
    // "Before your next hard session" reads as a go-ahead for one.
    plan.notes
        .retain(|n| !matches!(n, Note::RecoveryTime { .. }));
    plan.tips.retain(|c| match c.topic {
        Topic::Cold => !warning,
        Topic::Massage => !pain,
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn sore(when: &str, part: BodyPart) -> LogEntry {
        LogEntry {
            at: at(when),
            logged_at: at(when),
            message_id: None,
            run: None,
            sleep: None,
            rest: None,
            pain: vec![part],
        }
    }

    #[test]
    fn a_repeat_within_two_weeks_escalates_once_then_reminds() {
        let now = at("2026-06-10T18:00:00Z");
        let recent = [sore("2026-06-01T18:00:00Z", BodyPart::Knee)];
        let mut safety = SafetyState::default();
        let first = escalation(&[BodyPart::Knee], false, false, &recent, &safety, now).unwrap();
        assert_eq!(first.parts, vec![BodyPart::Knee]);
        assert!(!first.already_said);
        safety.escalated.push((BodyPart::Knee, now));
        let later = at("2026-06-12T18:00:00Z");
        let again = escalation(&[BodyPart::Knee], false, false, &recent, &safety, later).unwrap();
        assert!(again.already_said);
        // Another part, once, is not lasting pain.
        assert_eq!(
            escalation(&[BodyPart::Shin], false, false, &recent, &safety, now),
            None
        );
    }

    #[test]
    fn sore_muscles_take_a_third_report() {
        let now = at("2026-06-10T18:00:00Z");
        let safety = SafetyState::default();
        let once = [sore("2026-06-03T18:00:00Z", BodyPart::Calf)];
        assert_eq!(
            escalation(&[BodyPart::Calf], false, false, &once, &safety, now),
            None
        );
        let twice = [
            once[0].clone(),
            sore("2026-06-07T18:00:00Z", BodyPart::Calf),
        ];
        assert!(escalation(&[BodyPart::Calf], false, false, &twice, &safety, now).is_some());
        // "calf sore again": the runner says it is back, once is enough.
        assert!(escalation(&[BodyPart::Calf], false, true, &once, &safety, now).is_some());
    }

    #[test]
    fn clearing_starts_the_count_again() {
        let now = at("2026-06-10T18:00:00Z");
        let recent = [sore("2026-06-01T18:00:00Z", BodyPart::Knee)];
        let safety = SafetyState {
            pain_cleared_at: Some(at("2026-06-05T08:00:00Z")),
            ..SafetyState::default()
        };
        assert_eq!(
            escalation(&[BodyPart::Knee], false, false, &recent, &safety, now),
            None
        );
        assert!(escalation(&[BodyPart::Knee], true, false, &recent, &safety, now).is_some());
    }
}
