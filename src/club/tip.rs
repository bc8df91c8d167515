//! The club's tip of the week: one recovery topic chosen from what the
//! members actually ran, so that the post says something the week called
//! for rather than a random card. The order is the order of urgency: a race
//! week needs rest before anything, heat needs fluids, long runs need fuel.

use crate::model::Topic;

/// What a club's week was like, in counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeekSignals {
    pub runs: u32,
    pub races: u32,
    pub long_runs: u32,
    /// Runs logged hot or humid.
    pub hot_runs: u32,
    /// Runs logged cold or in snow.
    pub cold_runs: u32,
    pub rest_days: u32,
}

/// A week with at least this many runs and no rest day logged is a week
/// to remind the club of rest.
const BUSY_WEEK_RUNS: u32 = 5;

/// The topic of the week, or none for a week without runs. Never cold
/// therapy: it is not for everyone (heart conditions, blood pressure,
/// diabetes), so a post to a whole club does not suggest it. `variant`
/// rotates the everyday topics from week to week.
pub fn of_the_week(s: &WeekSignals, variant: usize) -> Option<Topic> {
    if s.runs == 0 {
        return None;
    }
    // A quarter of the runs is "what the club ran", not one runner's day.
    let share = |n: u32| n > 0 && n * 4 >= s.runs;
    let topic = if s.races > 0 {
        Topic::Rest
    } else if share(s.hot_runs) {
        Topic::Hydration
    } else if s.long_runs > 0 {
        Topic::Nutrition
    } else if s.rest_days == 0 && s.runs >= BUSY_WEEK_RUNS {
        Topic::Rest
    } else if share(s.cold_runs) {
        Topic::Cooldown
    } else {
        const EVERYDAY: [Topic; 3] = [Topic::Sleep, Topic::Stretching, Topic::Massage];
        EVERYDAY[variant % EVERYDAY.len()]
    };
    Some(topic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(runs: u32) -> WeekSignals {
        WeekSignals {
            runs,
            rest_days: 1,
            ..WeekSignals::default()
        }
    }

    #[test]
    fn the_week_chooses_the_tip() {
        assert_eq!(of_the_week(&week(0), 0), None, "no runs, no tip");
        let race = WeekSignals {
            races: 1,
            hot_runs: 9,
            ..week(10)
        };
        assert_eq!(
            of_the_week(&race, 0),
            Some(Topic::Rest),
            "a race comes first"
        );
        let hot = WeekSignals {
            hot_runs: 3,
            long_runs: 2,
            ..week(12)
        };
        assert_eq!(of_the_week(&hot, 0), Some(Topic::Hydration));
        let one_hot = WeekSignals {
            hot_runs: 1,
            long_runs: 1,
            ..week(12)
        };
        assert_eq!(
            of_the_week(&one_hot, 0),
            Some(Topic::Nutrition),
            "one hot run of twelve is not a hot week"
        );
        let busy = WeekSignals {
            rest_days: 0,
            ..week(6)
        };
        assert_eq!(of_the_week(&busy, 0), Some(Topic::Rest));
        let cold = WeekSignals {
            cold_runs: 2,
            ..week(4)
        };
        assert_eq!(of_the_week(&cold, 0), Some(Topic::Cooldown));
        let everyday: Vec<_> = (0..3).filter_map(|v| of_the_week(&week(3), v)).collect();
        assert_eq!(everyday, [Topic::Sleep, Topic::Stretching, Topic::Massage]);
    }
}
