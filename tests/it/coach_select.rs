//! Which tips the coach picks, in which order, and how it rotates them.

use crate::coach_support;

use coach_support::*;
use cooldown::catalogue::Catalogue;
use cooldown::coach::{self, select, Note, RecoveryPlan, RunnerPicture};
use cooldown::intent::{BodyPart, Condition, Effort, Parsed, Topic};
use cooldown::store::{AdviceRecord, LogEntry, Profile};
use jiff::Timestamp;

const NOW: &str = "2026-06-10T18:00:00Z";

/// The plan for a fresh runner.
fn plan_fresh(cat: &Catalogue, p: &Parsed) -> RecoveryPlan {
    plan_with(cat, p, &[], &[], &Profile::default(), at(NOW))
}

fn plan_with(
    cat: &Catalogue,
    p: &Parsed,
    recent: &[LogEntry],
    advice: &[AdviceRecord],
    profile: &Profile,
    now: Timestamp,
) -> RecoveryPlan {
    let current = coach::entry_for(p, now);
    let picture = RunnerPicture {
        recent,
        advice,
        profile,
        now,
        seed: 0,
    };
    coach::plan(p, current.as_ref(), picture, cat)
}

#[test]
fn heat_or_humidity_puts_hydration_first() {
    let cat = catalogue();
    for c in [Condition::Hot, Condition::Humid] {
        for km in [5.0, 12.0, 32.0] {
            for effort in [
                None,
                Some(Effort::Easy),
                Some(Effort::Long),
                Some(Effort::Race),
            ] {
                let mut p = with_conditions(run_km(km), &[c]);
                p.effort = effort;
                let plan = plan_fresh(&cat, &p);
                assert_eq!(
                    plan.tips[0].topic,
                    Topic::Hydration,
                    "{c:?} {km} {effort:?}: {plan:?}"
                );
            }
        }
    }
}

#[test]
fn a_long_run_a_race_or_90_minutes_bring_refuelling_and_rest() {
    let cat = catalogue();
    let ninety_minutes = Parsed {
        distance_m: None,
        duration_s: Some(90 * 60),
        ..run_km(0.0)
    };
    for p in [
        with_effort(run_km(14.0), Effort::Long),
        with_effort(run_km(10.0), Effort::Race),
        run_km(21.1),
        ninety_minutes,
    ] {
        let plan = plan_fresh(&cat, &p);
        let t = plan.topics();
        assert!(t.contains(&Topic::Nutrition), "{p:?}: {t:?}");
        assert!(t.contains(&Topic::Rest), "{p:?}: {t:?}");
        // The rest tip carries the "one or two easy days" advice: when the
        // reply shows it, the note that says the same is left out, and
        // when it waits for "more tips", the note says it. Once either way.
        let shown_rest = t
            .iter()
            .take(cooldown::coach::SHOWN_TIPS)
            .any(|t| *t == Topic::Rest);
        let note = plan
            .notes
            .iter()
            .any(|n| matches!(n, Note::RestAfterLong { older: false }));
        assert!(
            shown_rest ^ note,
            "rest-day advice once after {p:?}: {t:?} {:?}",
            plan.notes
        );
    }
}

#[test]
fn sore_parts_bring_foam_rolling_or_stretching() {
    let cat = catalogue();
    for part in [BodyPart::Calf, BodyPart::Quad, BodyPart::ItBand] {
        for base in [run_km(8.0), with_effort(run_km(8.0), Effort::Tempo), rest()] {
            let plan = plan_fresh(&cat, &with_parts(base.clone(), &[part]));
            let t = plan.topics();
            assert!(
                t.contains(&Topic::Massage) || t.contains(&Topic::Stretching),
                "{part:?} {base:?}: {t:?}"
            );
        }
    }
}

#[test]
fn a_short_night_brings_sleep_first() {
    let cat = catalogue();
    let plan = plan_fresh(&cat, &sleep(5.0));
    assert_eq!(plan.topics(), vec![Topic::Sleep]);
    assert!(plan.notes.contains(&Note::ShortNight { hours: 5.0 }));
    // A good night brings no sleep lecture.
    assert!(!plan_fresh(&cat, &sleep(8.0))
        .topics()
        .contains(&Topic::Sleep));
    // A short night reported in the morning shapes the evening run's advice.
    let morning = coach::entry_for(&sleep(5.5), at("2026-06-10T07:00:00Z")).unwrap();
    let plan = plan_with(
        &cat,
        &run_km(8.0),
        &[morning],
        &[],
        &Profile::default(),
        at(NOW),
    );
    assert_eq!(plan.tips[0].topic, Topic::Sleep, "{plan:?}");
}

#[test]
fn sleep_debt_over_three_nights_shows_in_the_advice() {
    let cat = catalogue();
    let nights: Vec<LogEntry> = ["2026-06-08T07:00:00Z", "2026-06-09T07:00:00Z"]
        .iter()
        .map(|t| coach::entry_for(&sleep(6.0), at(t)).unwrap())
        .collect();
    // 6 + 6 + 6.5: 2.5 hours short of 7 a night.
    let plan = plan_with(
        &cat,
        &sleep(6.5),
        &nights,
        &[],
        &Profile::default(),
        at("2026-06-10T07:00:00Z"),
    );
    assert_eq!(plan.tips[0].topic, Topic::Sleep);
    assert!(
        plan.notes
            .iter()
            .any(|n| matches!(n, Note::SleepDebt { nights: 3, .. })),
        "{:?}",
        plan.notes
    );
}

#[test]
fn a_hard_session_brings_the_cool_down() {
    let cat = catalogue();
    for e in [Effort::Tempo, Effort::Intervals] {
        let plan = plan_fresh(&cat, &with_effort(run_km(8.0), e));
        assert_eq!(plan.tips[0].topic, Topic::Cooldown, "{e:?}: {plan:?}");
    }
    let plan = plan_fresh(&cat, &with_effort(run_km(5.0), Effort::Race));
    assert!(plan.topics().contains(&Topic::Cooldown), "{plan:?}");
}

#[test]
fn every_tip_is_reachable_from_a_log() {
    let cat = catalogue();
    let cases: Vec<(Parsed, Topic)> = vec![
        (with_effort(run_km(8.0), Effort::Intervals), Topic::Cooldown),
        (with_effort(run_km(30.0), Effort::Long), Topic::Nutrition),
        (
            with_conditions(run_km(10.0), &[Condition::Hot]),
            Topic::Hydration,
        ),
        (
            with_parts(run_km(8.0), &[BodyPart::Hamstring]),
            Topic::Stretching,
        ),
        (with_parts(run_km(8.0), &[BodyPart::Calf]), Topic::Massage),
        (with_effort(run_km(42.2), Effort::Race), Topic::Rest),
        (sleep(5.0), Topic::Sleep),
        (
            with_parts(
                with_effort(run_km(6.0), Effort::Intervals),
                &[BodyPart::Quad],
            ),
            Topic::Cold,
        ),
    ];
    let mut seen = Vec::new();
    for (p, want) in &cases {
        let plan = plan_fresh(&cat, p);
        assert!(
            plan.topics().contains(want),
            "{want:?} from {p:?}: {plan:?}"
        );
        seen.extend(plan.topics());
    }
    for t in Topic::ALL {
        assert!(seen.contains(&t), "{t:?} never reached");
    }
}

#[test]
fn at_most_three_tips_most_relevant_first() {
    let cat = catalogue();
    let p = with_parts(
        with_conditions(
            with_effort(run_km(42.2), Effort::Race),
            &[Condition::Hot, Condition::Hills],
        ),
        &[BodyPart::Calf, BodyPart::Knee],
    );
    let plan = plan_fresh(&cat, &p);
    assert_eq!(plan.tips.len(), 3, "{plan:?}");
    let facts = coach::signals::gather(
        &p,
        coach::entry_for(&p, at(NOW)).as_ref(),
        &RunnerPicture {
            recent: &[],
            advice: &[],
            profile: &Profile::default(),
            now: at(NOW),
            seed: 0,
        },
    );
    let scores: Vec<f32> = plan
        .tips
        .iter()
        .map(|c| select::score(cat.tip(c.topic), &facts.signals))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // Nothing left out scores higher than what was picked.
    let lowest = scores[2];
    for tip in cat.tips() {
        if !plan.topics().contains(&tip.id) {
            assert!(select::score(tip, &facts.signals) <= lowest, "{:?}", tip.id);
        }
    }
}

#[test]
fn the_same_history_and_time_give_the_same_plan() {
    let cat = catalogue();
    let p = with_conditions(run_km(15.0), &[Condition::Humid]);
    let advice = [AdviceRecord {
        at: at("2026-06-09T18:00:00Z"),
        tips: vec![Topic::Nutrition],
    }];
    let a = plan_with(&cat, &p, &[], &advice, &Profile::default(), at(NOW));
    let b = plan_with(&cat, &p, &[], &advice, &Profile::default(), at(NOW));
    assert_eq!(a, b);
}

/// A plain 8 km, logged through the engine on `days` consecutive evenings.
fn daily_runs(days: u32) -> Vec<Vec<Topic>> {
    let bot = bot();
    (1..=days)
        .map(|d| {
            let when = format!("2026-06-{d:02}T18:00:00Z");
            topics(&send(&bot, "42", &when, run_km(8.0)))
        })
        .collect()
}

#[test]
fn a_tip_is_not_repeated_within_a_few_days() {
    let days = daily_runs(6);
    for (i, today) in days.iter().enumerate() {
        assert!(!today.is_empty(), "day {}: a run always gets a tip", i + 1);
        for earlier in days[i.saturating_sub(select::REPEAT_DAYS as usize - 1)..i].iter() {
            for t in today {
                assert!(
                    !earlier.contains(t),
                    "{t:?} repeated within {} days: {days:?}",
                    select::REPEAT_DAYS
                );
            }
        }
    }
    // ...but it comes back once the few days are over.
    let all: Vec<Topic> = days.iter().flatten().copied().collect();
    assert!(
        all.iter().filter(|t| **t == days[0][0]).count() >= 2,
        "{days:?}"
    );
}

#[test]
fn the_clearly_most_relevant_tip_is_repeated_anyway() {
    let bot = bot();
    for d in 1..=3 {
        let when = format!("2026-06-{d:02}T18:00:00Z");
        let reply = send(
            &bot,
            "42",
            &when,
            with_conditions(run_km(10.0), &[Condition::Hot]),
        );
        assert_eq!(reply.tips[0].topic, Topic::Hydration, "day {d}");
    }
}

#[test]
fn phrasings_rotate_for_a_repeated_tip() {
    let bot = bot();
    let texts: Vec<String> = (1..=3)
        .map(|d| {
            let when = format!("2026-06-{d:02}T18:00:00Z");
            let reply = send(
                &bot,
                "42",
                &when,
                with_conditions(run_km(10.0), &[Condition::Hot]),
            );
            reply.tips[0].text.clone()
        })
        .collect();
    assert_ne!(texts[0], texts[1]);
    assert_ne!(texts[1], texts[2]);
    assert_ne!(texts[0], texts[2]);
}

#[test]
fn heat_keeps_hydration_first_even_when_said_recently() {
    let cat = catalogue();
    // A humid 32 km race scores refuelling almost as high as fluids, and
    // fluids were advised yesterday: still fluids first.
    let advice = [AdviceRecord {
        at: at("2026-06-09T18:00:00Z"),
        tips: vec![Topic::Hydration],
    }];
    let p = with_effort(
        with_conditions(run_km(32.0), &[Condition::Humid]),
        Effort::Race,
    );
    let plan = plan_with(&cat, &p, &[], &advice, &Profile::default(), at(NOW));
    assert_eq!(plan.tips[0].topic, Topic::Hydration, "{plan:?}");
}

#[test]
fn a_question_always_gets_a_tip_and_a_topic_gets_its_own() {
    let bot = bot();
    let general = send(&bot, "1", NOW, msg(cooldown::intent::Intent::AskTips));
    assert!(!general.tips.is_empty(), "{}", general.text);
    assert!(!general.logged);
    for t in Topic::ALL {
        let reply = send(&bot, "1", NOW, tips_on(t));
        assert_eq!(topics(&reply), vec![t]);
    }
    // Another day, another phrasing.
    let a = send(&bot, "1", "2026-06-10T18:00:00Z", tips_on(Topic::Sleep));
    let b = send(&bot, "1", "2026-06-11T18:00:00Z", tips_on(Topic::Sleep));
    assert_ne!(a.tips[0].text, b.tips[0].text);
}
