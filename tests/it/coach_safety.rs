//! Safety first: cold therapy always with its contraindications and never
//! for a runner whose profile lists heart disease, high blood pressure or
//! diabetes; worrying pain pointed to a physical therapist; no diagnosis.

use crate::coach_support;

use coach_support::*;
use cooldown::coach::{self, Note, RunnerPicture};
use cooldown::intent::{BodyPart, Condition, Effort, HealthCondition, Topic};
use cooldown::store::Profile;
use proptest::prelude::*;

const RISKS: [HealthCondition; 3] = [
    HealthCondition::HeartDisease,
    HealthCondition::HighBloodPressure,
    HealthCondition::Diabetes,
];

fn any_effort() -> impl Strategy<Value = Option<Effort>> {
    prop::option::of(prop::sample::select(vec![
        Effort::Easy,
        Effort::Recovery,
        Effort::Tempo,
        Effort::Intervals,
        Effort::Long,
        Effort::Race,
    ]))
}

proptest! {
    #[test]
    fn cold_therapy_is_never_planned_for_a_runner_at_risk(
        km in 1.0f64..60.0,
        effort in any_effort(),
        hot in any::<bool>(),
        sore in prop::collection::vec(prop::sample::select(vec![BodyPart::Calf, BodyPart::Quad, BodyPart::Hip]), 0..3),
        risk in prop::sample::select(RISKS.to_vec()),
    ) {
        let cat = catalogue();
        let mut p = with_parts(run_km(km), &sore);
        p.effort = effort;
        if hot { p.conditions = vec![Condition::Hot]; }
        let now = at("2026-06-10T18:00:00Z");
        let current = coach::entry_for(&p, now);
        let plan_for = |profile: &Profile| coach::plan(&p, current.as_ref(), RunnerPicture {
            recent: &[], advice: &[], profile, now, seed: 0,
        }, &cat);
        let healthy = plan_for(&Profile::default());
        let at_risk = plan_for(&Profile { conditions: vec![risk], ..Profile::default() });
        prop_assert!(!at_risk.topics().contains(&Topic::Cold));
        // When cold therapy would have been advised, the runner is told why
        // it is not, and to ask their doctor.
        let would_have = healthy.topics().contains(&Topic::Cold);
        prop_assert_eq!(would_have, at_risk.notes.contains(&Note::ColdWithheld));
    }
}

#[test]
fn a_cold_tip_always_carries_its_contraindications() {
    let bot = bot();
    // On request...
    let reply = send(&bot, "1", "2026-06-10T18:00:00Z", tips_on(Topic::Cold));
    let card = &reply.tips[0];
    assert_eq!(card.topic, Topic::Cold);
    let caveats = card.caveats.join(" ");
    for risk in ["heart disease", "high blood pressure", "diabetes", "doctor"] {
        assert!(caveats.contains(risk), "{caveats}");
    }
    assert!(reply.plain_text().contains("high blood pressure"));
    // ...and when chosen after a run.
    let run = with_parts(
        with_effort(run_km(6.0), Effort::Intervals),
        &[BodyPart::Quad],
    );
    let reply = send(&bot, "2", "2026-06-10T18:00:00Z", run);
    let cold = reply
        .tips
        .iter()
        .find(|t| t.topic == Topic::Cold)
        .expect("cold chosen");
    assert!(cold.caveats.join(" ").contains("diabetes"));
}

#[test]
fn a_runner_at_risk_asking_for_cold_therapy_is_sent_to_their_doctor() {
    for risk in RISKS {
        let bot = bot();
        let set = send(&bot, "1", "2026-06-10T17:00:00Z", conditions(&[risk]));
        assert!(set.text.contains("doctor"), "{}", set.text);
        let reply = send(&bot, "1", "2026-06-10T18:00:00Z", tips_on(Topic::Cold));
        assert!(reply.tips.is_empty(), "{risk:?}: {:?}", topics(&reply));
        assert!(reply.text.contains("ask your doctor"), "{}", reply.text);
        let run = with_parts(
            with_effort(run_km(6.0), Effort::Intervals),
            &[BodyPart::Quad],
        );
        let reply = send(&bot, "1", "2026-06-10T19:00:00Z", run);
        assert!(!topics(&reply).contains(&Topic::Cold));
        assert!(reply.text.contains("ask your doctor"), "{}", reply.text);
    }
}

#[test]
fn sharp_or_swollen_pain_is_pointed_to_a_physical_therapist() {
    let bot = bot();
    let mut p = with_parts(msg(cooldown::intent::Intent::ReportPain), &[BodyPart::Knee]);
    p.details.pain_red_flag = true;
    let reply = send(&bot, "1", "2026-06-10T18:00:00Z", p);
    assert!(reply.text.contains("physical therapist"), "{}", reply.text);
    assert!(reply.text.contains("knee"), "{}", reply.text);
    // Ordinary soreness is not escalated.
    let p = with_parts(run_km(8.0), &[BodyPart::Calf]);
    let reply = send(&bot, "2", "2026-06-10T18:00:00Z", p);
    assert!(!reply.text.contains("physical therapist"), "{}", reply.text);
}

#[test]
fn pain_reported_again_is_pointed_to_a_physiotherapist_once_then_briefly() {
    let bot = bot();
    let sore = |when: &str| send(&bot, "1", when, with_parts(run_km(5.0), &[BodyPart::Shin]));
    let first = sore("2026-06-08T18:00:00Z");
    assert!(!first.text.contains("physiotherapist"), "{}", first.text);
    // The same part again within two weeks: no praise, stop and see a physio.
    let second = sore("2026-06-09T18:00:00Z");
    assert!(
        second.text.contains("stop running on it"),
        "{}",
        second.text
    );
    assert!(second.text.contains("shin"), "{}", second.text);
    assert!(!second.text.contains("Nice work") && !second.text.contains("Well run"));
    assert!(second.tips.is_empty(), "{:?}", second.tips);
    assert!(second.private);
    // The third time, a short reminder rather than the same paragraph.
    let third = sore("2026-06-10T18:00:00Z");
    assert!(third.text.contains("Still your shin"), "{}", third.text);
    assert!(
        !third.text.contains("stop running on it for now"),
        "{}",
        third.text
    );
    // Another runner's shin is their own business.
    let other = send(
        &bot,
        "2",
        "2026-06-10T18:00:00Z",
        with_parts(run_km(5.0), &[BodyPart::Shin]),
    );
    assert!(!other.text.contains("physiotherapist"), "{}", other.text);
}

#[test]
fn the_catalogue_never_diagnoses() {
    let cat = catalogue();
    let mut all: Vec<String> = cat
        .tips()
        .iter()
        .flat_map(|t| t.phrasings.clone())
        .collect();
    for spec in cooldown::catalogue::MESSAGES
        .iter()
        .chain(cooldown::catalogue::SAFETY_MESSAGES)
    {
        all.extend(cat.phrasings(spec.key).iter().cloned());
    }
    let diagnoses = [
        "you have a",
        "you've got a",
        "sounds like a",
        "tendinitis",
        "tendonitis",
        "fracture",
        "shin splints",
        "plantar fasciitis",
        "sprain",
        "tear",
    ];
    for text in &all {
        let lower = text.to_lowercase();
        for d in diagnoses {
            assert!(!lower.contains(d), "{d:?} in {text:?}");
        }
    }
}
