//! The matcher's vocabulary, kept as data so a newcomer can teach it a word.
//!
//! Every pattern is a fragment of a `regex` crate pattern, matched on the
//! lowercased message and wrapped in word boundaries by its user. Write
//! spaces as `\s+` (the patterns are used in `(?x)` mode, where a bare space
//! is ignored) and never use `#`. To add slang, add an alternative to the
//! right line; to add a case, add a line and a corpus case in
//! `tests/corpus/parse/`.

use super::{BodyPart, Condition, Effort, HealthCondition, Topic};

/// Case-sensitive shorthands rewritten before lowercasing: (pattern, text).
pub(crate) const CASED_SHORTHANDS: &[(&str, &str)] = &[
    (r"\bHMP\b", "half marathon pace"),
    (r"\bHM\b", "half marathon"),
    (r"\b[Hh][Mm](\s*\d)", "half marathon$1"),
    (r"\bLR\b", "long run"),
    (r"\bLSD\b", "long slow distance"),
    (r"\bMP\b", "marathon pace"),
    (r"\bTT\b", "time trial"),
    (r"\bXC\b", "cross country"),
];

/// Number words read as digits ("ten miles", "two days ago").
pub(crate) const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("eighteen", 18.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("forty-five", 45.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("ninety", 90.0),
];

/// Words that negate the word after them ("no wind", "zero niggles").
pub(crate) const NEGATIONS: &[&str] = &[
    "no", "not", "zero", "without", "never", "nothing", "none", "nil", "dont", "didnt", "wasnt",
    "isnt", "cant", "wont", "hardly",
];

/// Openers of a question piece (when the sentence ends with "?").
pub(crate) const QUESTION_WORDS: &str = r"how|what|what's|whats|when|why|which|who|where|should|shall|can|could|would|will|is|isn't|are|aren't|am|was|do|does|did|have|has|any|anyone|anybody|thoughts|ideas|worth|ok\s+to|okay\s+to|better|best";

/// Openers that make a sentence a question even with no "?".
pub(crate) const QUESTION_WORDS_NO_MARK: &str = r"did\s+i|have\s+i|am\s+i|was\s+i|how|what|what's|whats|why|which|should\s+i|can\s+i|could\s+i|is\s+it|is\s+there|are\s+there|do\s+i|does|any\s+(?:tips|advice|ideas)|when\s+(?:should|can|do)";

/// Units of distance and their length in metres. Longest spellings first.
pub(crate) const DISTANCE_UNITS: &[(&str, f64)] = &[
    (
        r"kilometres|kilometers|kilometre|kilometer|kms|km|klicks|ks|k",
        1000.0,
    ),
    (r"miles|mile|milers|miler|mi", 1609.344),
    (r"metres|meters|metre|meter|m", 1.0),
];

/// Distances with a name. "half" alone is handled in `distance.rs`.
pub(crate) const NAMED_DISTANCES: &[(&str, f64)] = &[
    (
        r"half[\s-]*marathons?|half[\s-]*maras?|halfmarathon|semi[\s-]*marathon",
        21097.5,
    ),
    (r"marathons?|maras?", 42195.0),
    (r"parkruns?|park\s+runs?|junior\s+parkrun", 5000.0),
    // What runners call the half and the full in miles.
    (r"13\.1", 21097.5),
    (r"26\.2", 42195.0),
];

/// Words right after a number+unit that show it is not a run distance
/// ("2k worth of shoes", "5 miles away", "10k steps").
pub(crate) const NOT_DISTANCE_AFTER: &str = r"for\s+the\s+(?:week|month|year)|(?:for|on)\s+the\s+week\s+so\s+far|this\s+week\s+so\s+far|so\s+far\s+this\s+(?:week|month|year)|out\s+of\s+(?:town|the\s+city|the\s+village)|outside|of\s+(?:traffic|queues?|roadworks|road|roads|motorway|coastline|beach|fencing|cable|wire|tape)|\+\s*(?:people|users|followers|views|members|signatures|subs|subscribers)|to\s+(?:fix|buy|pay|replace|repair|build|renovate)|signatures|to\s+go|each\s+way|one\s+way|round\s+trip|signs?|markers?|mark|post|banner|flag|turnaround|water\s+station|aid\s+station|gold|white\s+gold|ring|loan|debt|deposit|limit|worth|of\s+(?:shoes|stuff|debt|savings|gear)|followers|steps|views|likes|subs|subscribers|people|words|pounds|dollars|euros|quid|bucks|budget|salary|a\s+year|per\s+year|raise|bonus|calories|cals|kcal|users|downloads|points|members|tickets|away|from\s+(?:here|home|work|the|my)|drive|walk|ride|hike|commute|cycle|bike|swim|trip|journey|flight|radius|queue|tailback|to\s+(?:work|the\s+(?:office|shop|station|airport))|in\s+the\s+car|by\s+car|to\s+the\s+gallon|per\s+gallon|mpg|an\s+hour|per\s+hour|a\s+day|per\s+day|a\s+week|per\s+week|a\s+month|per\s+month|a\s+year";

/// Words that make a distance a goal, comparison or qualifier, not the run.
/// Words right before a number that make it money or a count, not a distance
/// ("salary is 40k").
pub(crate) const NOT_DISTANCE_BEFORE: &str = r"bought|buy|buying|selling|cost|win|commute\s+is|live|lives|living|located|situated|based|staying|raised|raising|donated|won|lost|salary|salaries|earn\w*|paid|pay|costs?|costing|price\w*|budget|worth|owe\w*|loan|rent|mortgage|spent|spend|saved|savings|raise|bonus|income|sold|bought|fees?|followers|subscribers|views";

pub(crate) const GOAL_BEFORE: &str = r"(?:shoes|trainers|kit|gear)\s+for\s+the|has\s+been|have\s+been|it'?s|this\s+is|that'?s|(?:could|would)\s+(?:easily\s+)?(?:run|do)\s+(?:a|an)|feels?\s+like|felt\s+like|like\s+i|see\s+(?:you|ya|u|everyone|y'all|you\s+all)\s+(?:at|on|for)|registration\s+for|entries\s+for|tickets?\s+for|places?\s+(?:for|in)|sign[\s-]?ups?\s+for|spots?\s+(?:for|in)|congrats\s+on|congratulations\s+on|well\s+done\s+on|good\s+luck\s+(?:in|at|for|with)|luck\s+(?:in|at|for|with)|enjoy|supporting|until|till|til|countdown\s+to|training\s+for|train\s+for|prep(?:ping)?\s+for|preparing\s+for|signed\s+up\s+(?:for|to)|entered|registered\s+for|ahead\s+of|before|than|since|compared\s+(?:to|with)|towards?|build(?:ing)?\s+(?:up\s+)?(?:to|towards)|goal|target|aiming\s+for|next|upcoming|post|pre|like\s+(?:a|my)|watch(?:ed|ing)?|cheer(?:ed|ing)?|spectat\w+|volunteer\w*|marshal\w*|pacing|paced";

/// Words right after a distance that make it a pace, a plan or another event.
pub(crate) const GOAL_AFTER: &str = r"(?:time|pb|pr|best)\s+(?:is|was|stands)|pace|paced|effort|race\s+pace|rhythm|speed|training|plan|block|build|prep|goal|target|in\s+\d+\s+weeks|is\s+(?:in|on|next)|next|coming\s+up|tomorrow|this\s+weekend|shoes?|time\s+goal|pb\s+attempt|runners|racers|entrants|participants|starts?|wave|cut[\s-]?off|field|winners?|results|leaderboard|photos|registration|route\s+map|map|gpx|entries|tickets|world\s+record|finishers?|medal|t-?shirt|entry|registration|watch";

/// Non-running events that borrow race names ("movie marathon").
pub(crate) const NOT_A_RACE_BEFORE: &str = r"movie|film|netflix|tv|series|gaming|game|meeting|meetings|study|baking|cooking|binge|dance|lego|shopping|cleaning|email|zoom|work|marvel|harry\s+potter|star\s+wars|box\s*set|boxset|reading|music|karaoke|coding";

/// Verbs and nouns that say a run happened (wrapped in `\b` by the user).
pub(crate) const RUN_WORDS: &str = r"ran|run|running|jog|jogged|jogging|raced|race|racing|trotted|plodded|plod|shuffled|shuffle|treadmill|dreadmill|track\s+session|splits|ultra|xc|cross\s+country|fell\s+run\w*|time\s+trial|long\s+run|c25k|couch[\s-]*(?:to|2)[\s-]*5k|w\d{1,2}\s*d\d|wk\s*\d{1,2}\s*d(?:ay)?\s*\d|week\s+\d{1,2}\s*,?\s*day\s+\d";

/// Phrases with a run word that are not running ("running late", "run club").
pub(crate) const RUN_WORD_EXCEPTIONS: &str = r"(?:fine|ok|okay|good|safe|cleared|allowed|able|free|clear)\s+to\s+(?:run|jog|race)|(?:ran|run|running|runs)\s+(?:late|out|low|errands?|into|over|a\s+(?:business|meeting|bath|company|shop|workshop|team|bath)|the\s+(?:numbers|show|dishwasher|washing|meeting|shop|business|team)|things|my\s+mouth|for\s+(?:office|president|mayor)|through\s+(?:the\s+)?(?:plan|slides|deck|list|script))|running\s+(?:shoes?|trainers|kit|gear|watch|jacket|socks|shorts|app|club|group|buddy|partner|coach|plan|magazine|podcast|vest|belt|store|shop|water|nose|joke|total|commentary|order|costs?)|run\s+(?:club|group|shoes?|crew)|runny\s+nose|dry\s+run|test\s+run|school\s+run|supply\s+run|coffee\s+run|beer\s+run|in\s+the\s+long\s+run|ran\s+riot|running\s+riot|(?:a|the)\s+run\s+of|run\s+of\s+(?:bad|good)|(?:run|running|ran)\s+for\s+(?:club\s+)?(?:office|president|mayor|secretary|chair|treasurer|captain|election|council|parliament|re-?election|cover)|(?:laptop|computer|pc|phone|app|website|site|system|internet|wifi|clock|battery|fridge|dishwasher|nose|noses|tap|taps|water|engine|car|program|script|code|server|meeting|meetings|film|show|bath|printer|tests?|ad|ads|campaign|promo|offer|sale)\s+(?:[\w']+\s+){0,3}(?:ran|running|runs|run)|(?:ran|run|running)\s+(?:the|a|our)\s+(?:bake\s+sale|stall|raffle|event|meeting|workshop|class|shop|show|numbers|business|company|team|department|tombola|quiz|social|bar|kitchen|house|household)|race\s+(?:you|ya|me)|(?:when|while|whenever|if)\s+(?:i\s+|i'm\s+)?(?:run|running|jogging|racing)|(?:after|since|post|during|before|(?:pain|sore|soreness|hurts?|hurting|aching|tired|stiff|stiffness)\s+from)[\s-]+(?:the\s+|my\s+|a\s+|this\s+morning'?s\s+|yesterday'?s\s+|last\s+night'?s\s+|today'?s\s+|that\s+|last\s+)?(?:long\s+run|run|race|jog|session|workout|running|runs)|recovery\s+(?:day|days|week|shake|drink|drinks|tips|advice|time|food|meal)|rest\s+and\s+recovery|recovery\s+(?:from|after\s+surgery)|(?:road\s+to|speedy|full|economic|data)\s+recovery|tak(?:e|es|ing|en)\s+it\s+easy|took\s+it\s+easy|easy\s+day|easy\s+peasy|go(?:ing)?\s+easy|easy\s+(?:on\s+(?:me|myself)|to|for|enough|way|fix|answer|question|win|money|going|come)|gentle\s+(?:reminder|nudge|push|hint)|sprints?\s+(?:planning|review|retro|demo|meeting|goal|board|backlog|left|ends?)|race\s+(?:against|to\s+the)|arms\s+race|(?:a|the)\s+race\s+to|(?:heart|mind|thoughts|pulse)\s+(?:is\s+|was\s+)?racing|racing\s+(?:heart|mind|thoughts|pulse)|pr\s+(?:review|merged|approved|comments?|request|link|team|agency|stunt|\d+)|(?:merged?|review(?:ed|ing)?|approved?|submit(?:ted)?|open(?:ed)?)\s+(?:the\s+|my\s+|a\s+|your\s+|this\s+)?pr|pull\s+request|press\s+release|making\s+(?:\w+\s+)?strides|the\s+splits|jog\s+(?:my|your|his|her|their)\s+memory|(?:regular|irregular|set|fixed)\s+intervals|intervals\s+of|shuffle\s+(?:the|my|mode|play)|on\s+shuffle|ultra[\s-]?(?:hd|processed|violet|sound|wide|fast|boost|marathon\s+of)|pain\s+threshold|tempo\s+of|race\s+(?:pack|packs|number|bib|kit|entry|entries|village|briefing|photos|results|fee|t-?shirt|director|hq|info|instructions)|the\s+race\s+for|rat\s+race|human\s+race|race\s+(?:condition|car|track\s+on\s+tv)";

/// Someone else's run or race: cheering is not logging.
pub(crate) const OTHER_PEOPLE: &str = r"(?:(?:my|the|our|his|her|their)\s+(?:kids?|children|girls|boys|team|sister|brother|wife|husband|partner|fiancee?|friend|dad|mum|mom|son|daughter|mate|coach|colleague|boss|kid|kids|girlfriend|boyfriend|neighbour|neighbor|club)|he|she|they|everyone|everybody|somebody|someone)\s+(?:\w+\s+)?(?:ran|raced|did|completed|finished|smashed|nailed|has\s+run|is\s+running|jogged)|(?:kid|kids|son|daughter|wife|husband|partner|sister|brother|friend|dad|mum|mom|boss|colleague)'?s\s+(?:\w+\s+)?(?:race|run|parkrun|marathon|half|\d+k|fun\s+run)|congrats|congratulations|good\s+luck|best\s+of\s+luck|well\s+done\s+(?:to|on|everyone|all|you|guys)|proud\s+of\s+(?:you|her|him|them|everyone)|shout[\s-]?out|kudos\s+to";

/// Other sports: a clause built on one of these is not a run unless it also
/// has a run word.
pub(crate) const OTHER_SPORTS: &str = r"gym|weights|squats?|deadlifts?|lifting|bench\s+press|sets\s+of|push[\s-]?ups|pull[\s-]?ups|lunges|planks?|crossfit|hiit|football|soccer|tennis|golf|netball|rugby|bouldering|walk|walked|walking|walks|hike|hiked|hiking|cycle|cycled|cycling|bike|bikes|biked|biking|bicycle|scooter\w*|car|bus|train|taxi|uber|plane|tram|motorbike|ride|rode|riding|swim|swam|swimming|row|rowed|rowing|drove|drive|driving|paddle\w*|ski|skied|skiing|skate\w*|elliptical|spin\s+class|stepper|erg|flight|flew|zwift|peloton";

/// Running programmes whose names hold a distance that is not the run's
/// ("C25K w1d1" is a session of Couch to 5K, not 25 km).
pub(crate) const PROGRAMMES: &str =
    r"c25k|couch[\s-]*(?:to|2)[\s-]*5k|0[\s-]*(?:to|2)[\s-]*5k|b210k|bridge[\s-]*to[\s-]*10k|c210k";

/// Another activity in place of the run: an active recovery (rest) day
/// ("yoga instead of running today", "instead of a run I swam").
pub(crate) const INSTEAD_OF_A_RUN: &str = r"(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:a\s+|my\s+|the\s+|today'?s\s+|going\s+for\s+a\s+)?(?:run|running|runs|jog|jogging)";

/// A bare "instead" closing the clause ("yoga today instead") leaves the
/// run unsaid: in a running log, the run is what the activity replaced.
pub(crate) const BARE_INSTEAD: &str =
    r"\binstead(?:\s+(?:today|tonight|this\s+(?:morning|afternoon|evening)))?[\s.!]*$";

/// What a runner may do instead of a run; with [`INSTEAD_OF_A_RUN`] it
/// makes the day a rest day.
pub(crate) const CROSS_TRAINING: &str = r"yoga|pilates|cross[\s-]?train\w*|swim\w*|swam|bike|biked|cycl\w*|spin\w*|elliptical|gym|walk\w*|hike\w*|hiking|stretch\w*|mobility|strength|weights|rowing|rowed|tai\s+chi|qi\s*gong|barre|danc\w*|climb\w*|bouldering";

/// Logistics and schedule talk: a clause about an event, not a run done
/// ("the club 5k is cancelled", "parking at the 10k", "booked flights for").
pub(crate) const NOT_A_LOG: &str = r"in\s+(?:college|school|high\s+school|uni|university)|as\s+a\s+(?:kid|teenager|child)|back\s+in\s+(?:the\s+day|\d{4})|when\s+i\s+was\s+(?:younger|a\s+kid|at\s+school)|been\s+running\s+(?:for\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+over\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|several|many)\s+(?:years?|yrs?|months?|decades?)|started\s+running\s+(?:in\s+\d{4}|(?:about\s+)?(?:\d+|a|an|a\s+few|few|two|three)\s+(?:years?|months?)\s+ago|last\s+year|as\s+a\s+kid)|running\s+since\s+(?:\d{4}|i\s+was|school|college|uni)|first\s+aid|tent|toilets?|loos?|portaloos?|bag\s+drop|baggage|volunteer\w*|marshal+(?:ed|ing)|spectat\w*|cheer(?:ed|ing)|cancel+ed|postponed|rescheduled|moved\s+to|is\s+back|starts?\s+at|meets?\s+at|meeting\s+point|booked|booking|flights?|hotel|parking|park\s+at|photos?|pics|results\s+(?:are|is)|left\s+(?:a|my|his|her|their)\s+\w+\s+at|lost\s+(?:a|my)|forecast\w*|pace\s+(?:the|a)\s+[\d:]+\s+group|pacers?|volunteering|marshalling|medical\s+cert\w*|race\s+pack|bib\s+(?:collected|collection|pick[\s-]?up)|kit\s+orders?|entry\s+fee";

/// Cheering for someone: with no "I" or "my", the run is theirs.
pub(crate) const CHEER: &str =
    r"congrats|congratulations|well\s+done|go\s+[a-z]+\s*!|proud\s+of|kudos|great\s+job|bravo";

/// Clause markers that put a run in the future or make it a wish.
pub(crate) const FUTURE_MARKERS: &str = r"wants?\s+me\s+to|told\s+me\s+to|asked\s+me\s+to|going\s+for|heading\s+out\s+for|plan|plans|planned|schedule|scheduled|tomorrow|tmrw|tmr|going\s+to|gonna|will|'ll|plan(?:ning|ned)?\s+(?:to|on|a|an)|want\s+to|wanna|hop(?:e|ing)\s+to|next\s+(?:week|weekend|month|year|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this\s+weekend|later|signed\s+up|registered|entered|coming\s+up|upcoming|in\s+\d+\s+(?:days|weeks|months)|thinking\s+(?:of|about)|considering|might|should|need\s+to|have\s+to|gotta|if\s+i|once\s+i|when\s+i|can't\s+wait";

/// Clause markers of a habit or a fixed date ahead, not a session done:
/// "I usually run at 8am", "race is sunday", "the marathon is in 3 weeks".
pub(crate) const HABIT_OR_DATE: &str = r"usually|normally|always|typically|generally|tend\s+to|most\s+(?:days|mornings|evenings|weeks)|every\s+(?:day|morning|evening|night|week|weekend)|(?:race|marathon|half|parkrun|10k|5k|event)\s+(?:is|'s)\s+(?:on\s+|this\s+|next\s+|in\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|\d+\s+(?:days|weeks))";

/// A statement of today's run, good enough to log after a question that
/// opens the message ("should I stretch? easy 6k today").
pub(crate) const TODAY_MARKERS: &str =
    r"today|just\s+now|this\s+(?:morning|afternoon|evening)|tonight";

/// Past-tense markers that win over a future marker in the same clause.
pub(crate) const PAST_MARKERS: &str = r"(?:first|longest|best|fastest)\s+(?:run|jog|outing|session)\s+(?:in|for|since)|ran|raced|jogged|did|done|finished|completed|smashed|nailed|managed|logged|went|was|were|felt|had|just|knocked|banged|clocked|covered|ticked|got\s+(?:in|out)|this\s+morning|yesterday|earlier|ago";

/// Phrases that say the run did not happen; most of them mean rest.
pub(crate) const NO_RUN: &str = r"(?:was|were)\s+(?:meant|supposed)\s+to|had\s+planned\s+to|skipp?(?:ed|ing)\s+(?:it|today|the\s+day|this\s+one|(?:my|the|today'?s|this\s+morning'?s|a)\s+(?:\d+(?:\.\d+)?\s*(?:k|km|mi|miles?)|long\s+run|tempo|intervals|session|workout|parkrun|training))|skipp?(?:ed|ing)\s*$|no\s+(?:\d+(?:\.\d+)?\s*(?:k|km|mi|miles?)|parkrun|long\s+run|tempo|intervals|running|run)\s+(?:for\s+me|today|tonight|this\s+(?:morning|evening|week))|(?:took|taking|take|takin)\s+(?:the\s+day|a\s+day|today|the\s+morning|the\s+evening|tonight)\s+off(?:\s+(?:from\s+)?(?:running|training))?|days?\s+off\s+(?:from\s+)?(?:running|training)|(?:taking|took|take|having|had)\s+a\s+(?:break|breather|rest)\s+from\s+(?:running|training|the\s+running)|(?:gave|giving|give)\s+(?:running|the\s+run|my\s+run|it|today'?s\s+run|training)\s+a\s+miss|bail(?:ed|ing)(?:\s+on\s+(?:my|the|today'?s|this\s+morning'?s|it)(?:\s+\w+)?)?|(?:couldn't|could\s+not|couldnt|can't|cant)\s+be\s+(?:bothered|arsed|assed)|(?:didn't|did\s+not|didnt|couldn't|couldnt|never)\s+(?:go|get|make\s+it)\s+out\s+(?:today|tonight|this\s+(?:morning|evening|afternoon)|at\s+all|for\s+(?:a|my|one))|(?:didn't|did\s+not|didnt|couldn't|couldnt)\s+make\s+it\s+out|sat\s+(?:today|it|this\s+one|the\s+day|the\s+run)\s+out|sitting\s+(?:today|it|this\s+one)\s+out|(?:didn't|did\s+not|didnt|no|not|never|haven't|havent|couldn't|couldnt|can't|cant|cannot|won't|wont|skipp?(?:ed|ing)|missed|without|zero)\s+(?:a\s+|my\s+|the\s+|any\s+|today'?s\s+|this\s+morning'?s\s+|go\s+for\s+a\s+|get\s+(?:a\s+|my\s+|out\s+for\s+a\s+)?|go\s+|manage\s+(?:a\s+|to\s+)?|make\s+it\s+(?:out\s+)?(?:for\s+a\s+)?)?(?:run|running|runs|jog|jogging|training|train|ran)";

/// Rest-day phrases.
pub(crate) const REST_WORDS: &str = r"restday|took\s+a\s+zero|did\s+nothing(?:\s+today)?|took\s+it\s+off|^\s*off\s+today|(?:legs|feet)\s+up|rest\s+day|days\s+off|time\s+off|rest\s+today|rested|resting|full\s+rest|complete\s+rest|total\s+rest|day\s+off|off\s+day|took\s+(?:the\s+day|a\s+day|today)\s+off|taking\s+(?:the\s+day|a\s+day|today)\s+off|recovery\s+day|zero\s+day|rest|couch\s+day|lazy\s+day|sofa\s+day";

/// Uses of "rest" that are not a rest day (interval rests, resting heart rate).
pub(crate) const REST_EXCEPTIONS: &str = r"rest\s+days|rest\s+of|resting\s+(?:hr|heart\s*rate|pulse|bpm)|rest\s+(?:interval|intervals|periods?|between|breaks?|stops?|assured)|\d+\s*(?:s|sec|secs|seconds|min|mins|minutes?)?\s+(?:jog\s+|walk\s+|standing\s+)?rest|rest\s+\d|(?:with|w/|jog|walk|walking|standing|short|long)\s+rests?|rest\s+(?:in\s+peace)";

/// Efforts, strongest claim first: the first line that matches wins.
pub(crate) const EFFORTS: &[(Effort, &str)] = &[
    (
        Effort::Race,
        r"race|raced|racing|pb|pr|personal\s+(?:best|record)|time\s+trial|race\s+day|new\s+best|new\s+(?:\w+\s+)?record|(?:course|club|age[\s-]group)\s+record",
    ),
    (
        Effort::Intervals,
        r"intervals?|reps|repeats|fartlek|strides|sprints|hill\s+sprints|speed\s*work|speed\s+session|track\s+(?:session|workout|night)|yassos?|\d+\s*x\s*\d+\w*|(?:200|300|400|600|800|1000|1200|1600)s|ladder\s+session|pyramid\s+session|vo2\s*max",
    ),
    (
        Effort::Long,
        r"long\s+(?:run|runs|slow\s+run|slow\s+distance|one|easy\s+run|steady\s+run|trail\s+run|sunday\s+run|easy)|long\s+slow\s+distance|lsd|longest\s+run|sunday\s+long",
    ),
    (
        Effort::Tempo,
        r"tempo|threshold|lt\s+run|marathon\s+pace|half\s+marathon\s+pace|progression\s+run|steady\s+state|sweet\s*spot|comfortably\s+hard",
    ),
    (
        Effort::Recovery,
        r"recovery|recovering\s+run|shake[\s-]*out|shakeout|regen",
    ),
    (
        Effort::Easy,
        r"easy|gentle|conversational|zone\s*2|z2|nice\s+and\s+slow|slow\s+and\s+steady|easypeasy",
    ),
];

/// Weather and terrain words.
pub(crate) const CONDITIONS: &[(Condition, &str)] = &[
    (
        Condition::Hot,
        r"hot|hotter|heat|heatwave|scorching|scorcher|sweltering|boiling|baking|roasting|blazing|melting|sweatbox|toasty",
    ),
    (
        Condition::Humid,
        r"humid|humidity|muggy|sticky|steamy|clammy|tropical|dew\s+point|soupy|swampy|close\s+and\s+humid",
    ),
    (
        Condition::Cold,
        r"cold|colder|freezing|frozen|icy|ice|frosty|frost|chilly|sub[\s-]?zero|below\s+zero|below\s+freezing|wintry|baltic|arctic|frigid|nippy|brr+",
    ),
    (
        Condition::Rain,
        r"rain|rainy|raining|rained|rains|pouring|poured|downpour|drizzle|drizzly|drizzling|showers|storm|stormy|thunder\w*|lashing|chucking\s+it\s+down|bucketing|pissing\s+(?:it\s+)?down|tipping\s+(?:it\s+)?down|pelting|wet|soaked|drenched|monsoon|torrential|puddles?",
    ),
    (
        Condition::Wind,
        r"wind|windy|winds|gusty|gusts?|gale|gales|headwinds?|tailwinds?|crosswinds?|breezy|blustery",
    ),
    (
        Condition::Hills,
        r"hills?|hilly|uphill|uphills|downhill|climbs?|climbing|climbed|elevation|vert|ascent|undulating|mountains?|mountainous|fell\s+run\w*|fells|incline|hill\s+repeats",
    ),
    (
        Condition::Trail,
        r"trails?|off[\s-]?road|xc|cross[\s-]?country|single[\s-]?track|fell\s+run\w*|fells|technical\s+terrain",
    ),
    (
        Condition::Snow,
        r"snow|snowy|snowing|snowed|snowfall|blizzard|slush|slushy|sleet",
    ),
];

/// Phrases with a weather word that are not weather ("ice bath", "a cold").
pub(crate) const CONDITION_EXCEPTIONS: &str = r"hot\s+(?:bath|shower|tub|chocolate|drink|coffee|tea|water|yoga|sauce|dog|spot|take|topic|pot)|heat\s+(?:pad|pack|rash|map|ing\s+pad)|(?:cold|ice|icy)\s+(?:bath|baths|shower|showers|water|plunge|tub|therapy|immersion|brew|drink|drinks|beer|pizza|pack|packs|cream|cube|cubes|machine|compress|massage)|(?:a|my|head|chest|nasty|bad|stinking|streaming|man)\s+cold|(?:got|have|has|had|caught|getting|fighting|shake)\s+the\s+cold|cold\s+(?:turkey|feet|one|ones|sore)|icing|iced|ice\s+(?:it|my|them)|(?:soaked|drenched|wet)\s+(?:in|with|from|through\s+with)\s+sweat|sweat[\s-]soaked|rain\s*check|wind\s*(?:ing)?\s*down|wind-down|second\s+wind|wind\s+up|over\s+the\s+hill|trail\s+(?:shoes?|mix|runners?)|snow\s+globe|shower\s+after|showered|warm\s+showers";

/// Body parts and their slang.
pub(crate) const BODY_PARTS: &[(BodyPart, &str)] = &[
    (
        BodyPart::Achilles,
        r"achilles'?|achillies|achiles|achilis|achilles\s+tendon",
    ),
    (BodyPart::Ankle, r"ankles?"),
    (
        BodyPart::Back,
        r"(?:lower|upper|mid|my|sore|stiff|bad|tight|achy|aching)\s+back|back\s+(?:pain|ache|is|was|feels|felt|sore|spasms?|tight|stiff|hurts|hurting|twinge|went|muscles|problems?)|backache|lumbar",
    ),
    (
        BodyPart::Calf,
        r"calf|calves|calfs|calve|soleus|gastroc\w*|calf\s+muscles?",
    ),
    (
        BodyPart::Foot,
        r"foot|feet|heels?|arch|arches|plantar(?:\s+fasci\w*)?|soles?|toes?|metatarsals?|forefoot|bunions?|blisters?",
    ),
    (BodyPart::Glute, r"glutes?|gluteus|butt|bum|piriformis"),
    (
        BodyPart::Hamstring,
        r"hamstrings?|hammys?|hammies|hammie|hams|hamstrung",
    ),
    (BodyPart::Hip, r"hips?|hip\s+flexors?|flexors?"),
    (
        BodyPart::ItBand,
        r"itb|itbs|it\s+band|i\.t\.\s*band|it-band|iliotibial(?:\s+band)?",
    ),
    (
        BodyPart::Knee,
        r"knees?|kneecaps?|patella\w*|runner'?s\s+knee",
    ),
    (BodyPart::Quad, r"quads?|quadriceps?|quadricep|thighs?"),
    (BodyPart::Shin, r"shins?|shin\s+splints|tibia\w*"),
];

/// Parts of the body with no contract name: they make a pain report but add
/// no body part ("legs are toast", "everything hurts").
pub(crate) const GENERIC_BODY: &str =
    r"legs?|everything|whole\s+body|body|muscles?|joints?|groin|neck|shoulders?";

/// Names of complaints that are pain on their own ("shin splints").
pub(crate) const IMPLICIT_PAIN: &str = r"shin\s+splints|plantar\s+fasci\w*|plantar|runner'?s\s+knee|itbs|it\s+band\s+syndrome|achilles\s+tendin\w+|tendin\w+|tendon\w+|blisters?|stress\s+fracture|sprain\w*|pulled\s+(?:a|my)|tweaked|rolled\s+(?:my|an)|niggle\w*|doms";

/// Uses of pain words that are not pain ("high pain threshold").
pub(crate) const PAIN_EXCEPTIONS: &str = r"\d[\d,]*\s*(?:feet|ft)|on\s+foot|heel\s+strik\w*|hip\s+hop|pain\s+threshold|pain\s+in\s+the\s+(?:neck|arse|ass|backside|butt)|no\s+pain,?\s+no\s+gain|growing\s+pains|pain\s+au\s+chocolat|sore\s+(?:loser|point|throat)|hurt\s+(?:my|your|his|her|their)\s+feelings|killing\s+it|smashed\s+it|killed\s+it|nailed\s+it|dead\s+(?:easy|on|good)|shot\s+(?:of|at)";

/// Pain words that make a report even with no body part ("so sore today").
pub(crate) const PAIN_WORDS: &str = r"sore\w*|pain\w*|hurt\w*|ach(?:e|es|ing|y)|acheing|achey|niggl\w*|twinge\w*|tweak\w*|injur\w*|cramp\w*|strain\w*|swollen|swelling|throbb\w*|inflamed|agony|doms|killing\s+me|on\s+fire";

/// Pain words that need a body part or generic body word ("calves toast").
pub(crate) const WEAK_PAIN_WORDS: &str = r"tight\w*|stiff\w*|toast|destroyed|wrecked|dead|trashed|battered|smashed|shot|cooked|fried|screaming|barking|complaining|grumbl\w*|playing\s+up|acting\s+up|pulled|tender|bruised|burning|torn|tear|aggravated|flared|flare|twisted|rolled|numb|weak|angry|not\s+(?:right|happy)|feels?\s+off|knackered|ruined|mashed|tired|heavy|fatigued|jelly|gone|done\s+in|blown|sensitive|clicking|popping|tingl\w*|spasm\w*";

/// Words that say a part is fine: no pain borrowed from a neighbour clause.
pub(crate) const OK_WORDS: &str = r"fine|ok|okay|good|great|better|grand|perfect|happy|all\s+good|no\s+issues|solid|strong|fresh|recovered|healed|pain[\s-]free";

/// Words that make pain a reason to see a physical therapist.
pub(crate) const RED_FLAGS: &str = r"sharp|stabbing|shooting|swell\w*|swollen|for\s+(?:a|one|over\s+a|more\s+than\s+a)\s+(?:week|fortnight|month)|for\s+(?:\d+|two|three|four|five|six|seven|several|a\s+few|a\s+couple\s+of|many)\s+(?:days|weeks|months)|(?:\d+|two|three|four|five|six|seven|several|a\s+few)\s+(?:days|weeks)\s+(?:now|straight|running|in\s+a\s+row)|still\s+(?:hurts|hurting|sore|painful|aching|there|bad)|can'?t\s+(?:walk|put\s+weight|bear\s+weight|weight[\s-]bear)|cannot\s+(?:walk|put\s+weight|bear\s+weight)|unable\s+to\s+(?:walk|bear\s+weight)|limp\w*|numb\w*|tingl\w*|heard\s+a\s+pop|popped|bruis\w*|getting\s+worse|worse\s+and\s+worse|won'?t\s+go\s+away|not\s+going\s+away|hasn'?t\s+gone|keeps?\s+coming\s+back|since\s+last\s+week";

/// Recovery topics a runner can ask about. Earliest mention wins.
pub(crate) const TOPICS: &[(Topic, &str)] = &[
    (
        Topic::Cold,
        r"(?:tips?|advice|more)\s+(?:on|about|for)\s+(?:the\s+)?cold|ice\s+baths?|cold\s+(?:water|plunge|plunges|bath|baths|shower|showers|therapy|immersion|tub)|cryo\w*|icing|ice\s+(?:it|my|pack|packs|them)|ice|plunge|contrast\s+(?:bath|shower)s?",
    ),
    (
        Topic::Cooldown,
        r"cool[\s-]?(?:down|downs|ing\s+down)|warm[\s-]?down|walk\s+(?:it\s+off|after|afterwards)|stop\s+(?:dead|suddenly)",
    ),
    (
        Topic::Nutrition,
        r"eat|eating|ate|food|foods|refuel\w*|fuel\w*|protein|carbs?|carbohydrates?|meal|meals|snack\w*|nutrition|chocolate\s+milk|diet|calories|recovery\s+shake|shake|smoothie|gels?|banana|breakfast",
    ),
    (
        Topic::Hydration,
        r"hydrat\w*|dehydrat\w*|water|drink\w*|electrolytes?|fluids?|thirst\w*|sweat\w*|salt\s+tabs?|salts|isotonic|pee|urine",
    ),
    (
        Topic::Stretching,
        r"stretch\w*|yoga|mobility|flexibility|flexible|pilates",
    ),
    (
        Topic::Massage,
        r"foam[\s-]?roll\w*|roller|massag\w*|theragun|percussion|trigger\s+point|lacrosse\s+ball|rolling",
    ),
    (
        Topic::Rest,
        r"rest|rests|resting|rested|rest\s+days?|recover\w*\s+(?:time|days?)|days?\s+off|weeks?\s+off|time\s+off|take\s+(?:a\s+)?(?:break|day)|overtrain\w*|run\s+(?:again|tomorrow|today|two\s+days|back[\s-]to[\s-]back|every\s+day|daily|on\s+sore)|running\s+(?:again|tomorrow|every\s+day|daily|on\s+sore)|back[\s-]to[\s-]back|when\s+can\s+i|should\s+i\s+(?:run|train|go|skip)|(?:ok|okay|safe|fine|bad|wise|alright)\s+to\s+(?:run|train|race)|too\s+soon|taper\w*",
    ),
    (
        Topic::Sleep,
        r"sleep\w*|slept|naps?|napping|bed|bedtime|insomnia",
    ),
];

/// A question or request about recovery with no specific topic.
pub(crate) const RECOVERY_CUE: &str = r"too\s+(?:much|many|far|soon|often|fast)|avoid|prevent\w*|cadence|get\s+(?:faster|fitter|quicker|stronger)|improve\s+my|recover\w*|tips?|advice|advise|help\s+me|what\s+(?:should|can)\s+i\s+do|after\s+(?:a|my|the|this|today'?s|yesterday'?s|long|big|hard)\s+\w+|post[\s-]?(?:run|race|marathon)|sore|soreness|doms|legs|tired|fatigue";

/// Stats questions and requests.
pub(crate) const STATS: &str = r"how\s+am\s+i\s+(?:trending|tracking|progressing)|(?:anything|what'?s|what\s+is|what\s+was)\s+logged|did\s+i\s+log\b|how\s+consistent\s+(?:have|am)\s+i|week\s+(?:vs\.?|versus|v\.?|on|against)\s+week|compare\s+my\s+(?:last|past)|(?:is|was)\s+this\s+(?:week|month)\s+(?:bigger|more|less|smaller|better|worse|longer)\s+than|(?:have|has)\s+i\s+been\s+(?:running|doing|sleeping)\s+(?:more|less|enough)|am\s+i\s+(?:doing|running|sleeping)\s+(?:more|less|enough)\b|(?:did|have)\s+i\s+(?:run|do|done|ran|logged|log)\s+(?:more|less|further|farther|enough|any)\b|how\s+many\s+[\w\s]{0,24}?\b(?:have\s+i|did\s+i|i've|ive)\b|progress\s+report|progress\s+(?:this|so\s+far|since)|how\s+(?:is|are|has|have)\s+my\s+(?:running|training|week|month|runs|mileage|sleep)\s+(?:going|been|looking)|how'?s\s+my\s+(?:running|mileage|sleep)\s+(?:going|been|looking)|did\s+i\s+log(?:\s+\w+){0,2}\s+(?:on|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|am\s+i\s+(?:improving|progressing|getting\s+(?:faster|fitter|slower|better|quicker)|running\s+(?:more|less|further|faster|slower))|(?:this|last)\s+(?:week|month|year)\s+(?:vs\.?|versus|v\.?|compared\s+(?:to|with)|against)|compare\s+(?:this|last|my)\s+(?:week|month|year|runs?|weeks|months)|(?:this|last)\s+(?:week|month|year)\s+compare|week[\s-]on[\s-]week|month[\s-]on[\s-]month|(?:average|avg)\s+(?:distance|pace|run|runs|sleep|km|kms|miles|mileage|weekly|daily|time|length|per)|my\s+(?:average|avg)|what\s+(?:did|have)\s+i\s+(?:log|logged|record|recorded|enter|entered|track|tracked)|did\s+i\s+(?:run|log\s+\w+|go\s+(?:out|running))\s+(?:on|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|show\s+(?:me\s+)?what\s+i|(?:did|have)\s+i\s+(?:run|done|do|ran|logged)\s+(?:more|less|further|farther)\s+than|(?:so\s+far|to\s+date)\s+this\s+(?:week|month|year)|how\s+(?:many|much)\s+\w+\s+(?:so\s+far|to\s+date)|what\s+(?:have|did)\s+i\s+(?:done|run|logged|do)\b(?:\s+(?:this|last|so\s+far|today|yesterday))?|how\s+(?:far|much|many)\s+(?:this|last)\s+(?:week|month|year)|(?:what'?s|what\s+is|what\s+are|what\s+was|show\s+me|tell\s+me|list)\s+my\s+(?:longest|fastest|best|pbs?|prs?|records?|average|avg)|my\s+streak|my\s+average\s+pace|stats|statistics|summary|totals|my\s+totals?|(?:my|weekly|monthly|total|yearly)\s+(?:mileage|distance|volume|kms?|miles)|mileage\s+(?:this|last|so\s+far)|how\s+(?:much|far|many\s+(?:km|kms|miles|runs|kilometres|kilometers|times))\s+(?:did|have|has|running|i've|ive)|my\s+(?:week|month|year|history|log|logs|runs|numbers|progress|streak|weekly|monthly|volume|distance)|this\s+week\s+so\s+far|show\s+(?:me\s+)?(?:my\s+)?(?:runs|log|history|week|stats|progress)|weekly\s+(?:total|volume|mileage)|how\s+am\s+i\s+doing|how'?s\s+my\s+(?:week|month|training)|what\s+did\s+i\s+(?:run|do)\s+(?:last|this|on)|recap|overview|show\s+(?:me\s+)?(?:this|last)\s+(?:week|month|year)|last\s+\d+\s+runs|how\s+(?:many|much)\s+\w+\s+(?:this|last)\s+(?:week|month|year)|how\s+(?:well\s+|much\s+|long\s+)?(?:did|have)\s+i\s+(?:slept|sleep|been\s+sleeping)|how'?s\s+my\s+sleep|how\s+much\s+sleep\s+(?:did|have)\s+i\s+(?:get|got|had)|how\s+many\s+hours\s+(?:did|have)\s+i\s+(?:sleep|slept)|my\s+(?:sleep|pain)\s+(?:history|log|this\s+week|last\s+week)";

/// Undo requests.
pub(crate) const UNDO: &str = r"(?:delete|remove|erase|scrap|cancel|undo)\s+(?:the|that|my)\s+(?:[\w.]+\s+){0,2}?i\s+(?:just\s+)?(?:logged|entered|added|posted|put\s+in)|wrong\s+(?:run|entry|log),?\s+(?:delete|remove|undo)|undo|scratch\s+that|(?:delete|remove|erase|cancel|drop|bin|scrap|ditch)\s+(?:that|this|it|my\s+previous|my\s+latest|the\s+last|my\s+last|last|the\s+previous|previous|the\s+latest|latest|the\s+last\s+one|that\s+(?:entry|log|run|one))|(?:that|last\s+one|last\s+entry|that\s+entry)\s+(?:was|is)\s+(?:wrong|a\s+mistake|an\s+error)|(?:delete|remove|erase)\s+(?:yesterday'?s|today'?s|this\s+morning'?s)\s+(?:run|entry|log|sleep)|wrong\s+entry|didn'?t\s+mean\s+(?:that|to\s+log)|take\s+(?:that|it)\s+back|revert|roll\s*back|unlog|un-log";

/// Requests for help with the bot itself.
pub(crate) const HELP: &str = r"help|what\s+can\s+(?:you|this\s+bot|the\s+bot|cooldown|it)\s+do|what\s+(?:does|is)\s+(?:this|the)\s+bot|how\s+does\s+(?:this|it|the\s+bot|cooldown)\s+work|commands|how\s+(?:do|can|should)\s+i\s+(?:use|log|set|add|record|change|delete|undo|export|turn|stop|see|get|talk|cancel|remove)|how\s+to\s+(?:use|log|set|record)|what\s+do\s+you\s+do|who\s+are\s+you|what\s+are\s+you|usage|instructions|what\s+can\s+i\s+(?:say|ask|tell)|menu|\?+";

/// "How do I ..." about the bot: these are help, never the thing asked.
pub(crate) const HOW_TO_USE: &str = r"how\s+(?:do|can|should|would)\s+i\s+(?:use|log|set|add|record|change|delete|undo|export|turn|stop|see|get\s+(?:my|reminders?|stats|data|notifications|started|an?\s+(?:reminder|export|summary|report))|cancel|remove|switch|show|list)|how\s+to\s+(?:use|log|set|record|add|change|delete|undo|export|stop|cancel)|where\s+(?:do|can)\s+i\s+(?:set|change|see)";

/// Health conditions that change the advice.
pub(crate) const HEALTH: &[(HealthCondition, &str)] = &[
    (
        HealthCondition::HighBloodPressure,
        r"high\s+blood\s+pressure|high\s+bp|hypertension|hypertensive",
    ),
    (
        HealthCondition::HeartDisease,
        r"heart\s+(?:condition|disease|problems?|issues?|failure|murmur|attack)|cardiac\s+\w+|arrhythmia|a-?fib|atrial\s+fibrillation|angina|heart\s+stent|pacemaker",
    ),
    (
        HealthCondition::Diabetes,
        r"type\s+(?:1|2|one|two|i|ii)\s+diabet\w*|diabetes|diabetic|t1d|t2d",
    ),
    (HealthCondition::Asthma, r"asthma|asthmatic"),
];
