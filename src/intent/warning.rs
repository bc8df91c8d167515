//! Medical warning signs in a runner's words: chest pain, fainting, a racing
//! heart, heat illness, dark urine, a pop with sudden pain, numbness, a head
//! injury, a diabetic's low blood sugar.
//!
//! This is read before anything else in a message, and on purpose it is
//! not part of the public `parse` contract: the engine asks for it directly.
//! Recall comes first (a missed sign can cost far more than a sentence), but
//! the words runners use for ordinary things ("chest strap", "heart rate
//! zone 2", "no chest pain", "collapsed on the sofa") must not raise an
//! alarm. Negation is read within a clause: "no chest pain or dizziness"
//! negates both, "didn't stop even though my chest was tight" negates
//! nothing. `tests/corpus/warning_signs.txt` holds the cases. What lifts
//! the hold a sign puts on the advice is read in [`super::clearance`].

use std::sync::LazyLock;

use regex::Regex;

use super::warning_scope::any_sign;
use super::warning_scope::DOUBT;

/// A kind of warning sign; its id names the catalogue sentence about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    ChestPain,
    RadiatingPain,
    Heartbeat,
    Fainting,
    Breathless,
    HeatIllness,
    DarkUrine,
    PopSnap,
    Numbness,
    HeadInjury,
    LowBloodSugar,
}

impl WarningKind {
    pub const ALL: [WarningKind; 11] = [
        WarningKind::ChestPain,
        WarningKind::RadiatingPain,
        WarningKind::Heartbeat,
        WarningKind::Fainting,
        WarningKind::Breathless,
        WarningKind::HeatIllness,
        WarningKind::DarkUrine,
        WarningKind::PopSnap,
        WarningKind::Numbness,
        WarningKind::HeadInjury,
        WarningKind::LowBloodSugar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::ChestPain => "chest_pain",
            WarningKind::RadiatingPain => "radiating_pain",
            WarningKind::Heartbeat => "heartbeat",
            WarningKind::Fainting => "fainting",
            WarningKind::Breathless => "breathless",
            WarningKind::HeatIllness => "heat_illness",
            WarningKind::DarkUrine => "dark_urine",
            WarningKind::PopSnap => "pop_snap",
            WarningKind::Numbness => "numbness",
            WarningKind::HeadInjury => "head_injury",
            WarningKind::LowBloodSugar => "low_blood_sugar",
        }
    }

    pub fn from_id(id: &str) -> Option<WarningKind> {
        WarningKind::ALL.into_iter().find(|k| k.as_str() == id)
    }
}

fn re(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid warning regex")
}

/// Ordinary phrases that contain a sign's words; blanked before reading.
static HARMLESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"chest\s+(?:strap|belt|hr|heart\s+rate|monitor|sensor|day|press|workout|fly|flies|muscles?\s+(?:are\s+)?(?:sore|tight))
        | heart\s+rate\s+(?:zone|monitor|strap|data|training|was\s+in\s+zone|in\s+zone|stayed|avg|average)
        | hr\s+zone | zone\s+\d | heart\s+(?:of|and\s+soul|set\s+on|wasn'?t\s+in\s+it|not\s+in\s+it)
        | mind[\s-]numbing | numbers? | pop(?:ped)?\s+(?:a|the|my|some|an)\s+(?:gel|gels|chew|pill|tablet|blister|snack|caffeine|pic|photo|podcast|song|music|headphones?)
        | snapped\s+(?:a|the|some|my)\s+(?:pic|photo|selfie|lace|laces|shoelace|strap|band)
        | no\s+sweat(?:\s*[,.!]|$) | breath\s+of\s+fresh\s+air | faint\s+(?:smell|breeze|hope|idea|memory|sound|light|chance|trace|praise|drizzle|rain|mist|glow|hint|outline|echo|whiff|line|shadow) | faintest
        | collaps\w*\s+(?:on|onto|into)\s+(?:the\s+|my\s+)?(?:couch|sofa|bed|chair)
        | (?:pace|splits?|form|plan|race|wheels|motivation)\s+(?:\w+\s+)?collaps\w*
        | confus\w*\s+(?:about|by|with|why|how|what|which|whether|if|over)
        | (?:course|route|signs?|app|watch|map)\s+(?:was\s+|were\s+)?confusing
        | blackout\s+(?:blinds?|curtains?) | power\s+(?:cut|blackout|outage)
        | collapsed\s+(?:building|bridge|wall|tent|roof|gazebo|fence|tree|lung\s+capacity)
        | numb\s+(?:from|with|because\s+of|in|due\s+to)\s+(?:the\s+)?(?:cold|freezing|frost|ice|icy|wind|chill)
        | knocked\s+out\s+(?:a|an|the|my|some|another|\d[\w.]*)
        | (?:faint\w*|collaps\w*|passed\s+out|died|dying|cried)\s+(?:with|in|from)\s+(?:laughter|laughing)
        | passed\s+out\s+(?:asleep|on\s+the\s+(?:sofa|couch|bed)|in\s+bed|early)
        | blacked\s+out\s+(?:the|my)\s+(?:windows?|curtains?|room|bedroom|blinds)
        | numb\s+to\s+(?:the|it|all|this) | (?:watch|garmin|strava|app|gps|phone|coros|polar)\s+(?:was|got|is|seems|seemed)\s+(?:\w+\s+)?confused
        | (?:numb\w*|pins\s+and\s+needles|went\s+numb|fell\s+asleep)\s+[^.,;]{0,30}?\bfrom\s+(?:sitting|sleeping|lying|kneeling)
        | (?:i\s+have|i'?ve\s+got|diagnosed\s+with|history\s+of|living\s+with)\s+(?:afib|a-fib|atrial\s+fibrillation|an?\s+arrhythmia)",
    )
});

struct Rule {
    kind: WarningKind,
    pattern: Regex,
}

fn rule(kind: WarningKind, p: &str) -> Rule {
    Rule {
        kind,
        pattern: re(p),
    }
}

/// Each sign on its own is enough.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use WarningKind as W;
    vec![
        rule(
            W::ChestPain,
            r"chest\s+(?:felt|feels|was|got|went)\s+(?:really|very|so|super|a\s+bit|kinda|quite|properly|weirdly)\s+(?:tight|heavy|sore|painful|crushed|hurting|burning)
            | tight\s+band\s+(?:across|around)\s+(?:my\s+)?chest
            | chest\s+(?:pains?|pressure|tightness|tight|tightening|hurt\w*|ache|aches|aching|discomfort|squeez\w*|heavy|heaviness|was\s+(?:tight|heavy|sore|hurting|burning|painful|killing\s+me)|felt\s+(?:tight|heavy|weird|funny|crushed|like|sore|painful|wrong)|feels\s+(?:tight|heavy|weird|funny|sore|wrong)|got\s+tight|went\s+tight|hurt|hurts|burn\w*|felt\s+like\s+an?\s+\w+\s+on\s+it)
            | (?:pain|pains|pressure|tightness|tightening|discomfort|ache|squeezing|heaviness|burning)\s+(?:in|on|across|around|behind)\s+(?:my\s+|the\s+)?(?:chest|sternum|breastbone)
            | heart\s+(?:pain|hurt\w*|ache) | angina
            | (?:tight|heavy|painful|burning|crushing)\s+(?:feeling\s+in\s+(?:my|the)\s+)?chest
            | (?:weight|elephant|pressure|something\s+heavy|a\s+ton\s+of\s+bricks)\s+(?:\w+\s+){0,2}on\s+my\s+chest
            | (?:pain|pressure|tightness|discomfort|ache|squeezing|heaviness|burning|crushing)\s+(?:feeling|sensation)\s+(?:in|on|across|around|behind)\s+(?:my\s+|the\s+)?chest",
        ),
        rule(
            W::RadiatingPain,
            r"(?:pain|ache|tightness|pressure)\s+(?:\w+\s+)?(?:spread\w*|radiat\w*|went|going|shot|shooting|moving|travell?ed|running)\s+(?:up\s+|down\s+|into\s+|to\s+|through\s+)+(?:my\s+|the\s+)?(?:left\s+|right\s+)?(?:arm|arms|jaw|neck|back|shoulder|shoulders)
            | left\s+arm\s+(?:felt|feels|went|was|got|going)\s+(?:weird|numb|heavy|tingly|funny|dead|strange|odd|painful|sore)
            | (?:pain|ache|aching|tightness)\s+in\s+(?:my\s+)?(?:left\s+arm|jaw)
            | (?:spread\w*|radiat\w*|going|went|moving|moved|shot|shooting|travell?\w*)\s+(?:from\s+(?:my\s+|the\s+)?chest\s+)?(?:up\s+|down\s+|into\s+|to\s+|through\s+)+(?:my\s+|the\s+)?(?:left\s+|right\s+)?(?:arm|arms|jaw|neck|shoulder|shoulders)
            | (?:spread\w*|radiat\w*|going|moving|travell?\w*)\s+from\s+(?:my\s+|the\s+)?chest
            | (?:pain|ache|aching|tightness)\s+(?:\w+\s+){0,5}(?:down|into|in)\s+(?:my\s+|the\s+)?left\s+arm
            | (?:pain|ache|aching|tightness)\s+in\s+(?:my\s+|the\s+)?(?:left\s+)?arm\s+and\s+jaw
            | jaw\s+(?:ached|aches|pain|ache|aching|hurt\w*|felt\s+(?:tight|weird|funny|sore)|(?:was|is)\s+(?:tight|aching|hurting|sore|killing\s+me))
            | (?:aching|achy|sore|painful|tight)\s+jaw
            | left\s+arm\s+(?:\w+\s+)?(?:tingl\w*|ach\w*|hurt\w*|throbb\w*)
            | (?:tingl\w*|tingly|ache|aching|achy|sore|pain)\s+(?:in|down|along|through)\s+(?:my\s+|the\s+)?left\s+arm
            | (?:tingly|tingling|aching|achy|heavy|dead)\s+left\s+arm",
        ),
        rule(
            W::Heartbeat,
            r"(?:heart(?:beat)?|pulse)\s+(?:was\s+|is\s+|kept\s+|started\s+|went\s+|felt\s+|feels\s+|seemed\s+)?(?:racing|fluttering|flutter\w*|skipping|skipped|irregular|erratic|all\s+over\s+the\s+place|going\s+crazy|went\s+crazy|jumping\s+around|missing\s+beats|stopping|stopped\s+for)
            | (?:racing|irregular|fluttering|erratic|pounding|skipping)\s+(?:heart|heartbeat|pulse)
            | (?:heart\s*rate|pulse|hr)\s+(?:was\s+|went\s+|kept\s+)?(?:racing|erratic|irregular|all\s+over\s+the\s+place|jumping\s+around|through\s+the\s+roof\s+at\s+rest|(?:shot|spiked|jumped)\s+to\s+(?:2[2-9]\d|[3-9]\d\d))
            | heart\s+(?:went|was\s+going|is\s+going)\s+(?:mental|crazy|nuts|wild|haywire|berserk)
            | heart(?:\s*rate|beat)?\s+(?:\w+\s+)?(?:wouldn'?t|won'?t|didn'?t|did\s+not)\s+(?:slow\s+down|settle|calm\s+down|come\s+down)
            | irregular\w*\s+(?:heart\s*)?rhythm | (?:heart|heartbeat|pulse)\s+(?:[\w']+\s+){0,5}?(?:irregular\w*|all\s+over\s+the\s+place|skip\w*|flutter\w*|flip[\s-]?flops?|somersaults?)
            | (?:heart|heart\s*rate|hr|pulse)\s+(?:going|at|hit|hitting|jumped\s+to|shot\s+to|spiked\s+to)\s+(?:2[1-9]\d|200\+|[3-9]\d\d)
            | felt\s+it\s+flutter
            | palpitations? | skipped\s+beats? | missed\s+beats? | arrhythmi\w* | a-?fib | atrial\s+fibrillation | heart\s+(?:was\s+)?doing\s+(?:weird|funny|strange)\s+things",
        ),
        rule(
            W::Fainting,
            r"faint(?:ed|ing|ness) | (?:felt|feel|feeling|feels|went|go|going|nearly|almost|bit|little|very|so|was|got|get|getting)\s+faint | passed\s+out | pass\s+out | blacked\s+out | black\s+out | blackout | collaps(?:e|ed|es|ing) | lost\s+consciousness | keeled\s+over | went\s+down\s+and\s+(?:could\s?n'?t|didn'?t)\s+get\s+up
            | (?:vision|everything|world)\s+went\s+(?:black|dark|grey|gray|white|fuzzy)
            | nearly\s+(?:went\s+down|dropped) | came\s+to\s+on\s+the\s+(?:ground|floor)
            | (?:vision|eyesight|sight)\s+(?:went|was|got|going|goes|turned)\s+(?:all\s+)?(?:blurry|blurred|fuzzy|funny|weird|spotty|dim)
            | blurr(?:y|ed)\s+vision | (?:couldn'?t|can'?t|could\s+not)\s+see\s+(?:properly|straight|clearly)",
        ),
        rule(
            W::Breathless,
            r"(?:can'?t|couldn'?t|could\s+not|cannot|struggl\w*\s+to|hard\s+to|unable\s+to)\s+breathe(?:\s+properly)?\s+(?:at\s+rest|lying\s+down|even\s+(?:now|walking|resting)|for\s+(?:ages|an\s+hour|hours|\d+\s*(?:min|mins|minutes|hours?)))
            | (?:short|out)\s+of\s+breath\s+(?:at\s+rest|even\s+(?:at\s+rest|walking|sitting|now|resting)|lying\s+down|for\s+(?:ages|an\s+hour|hours|\d+\s*(?:min|mins|minutes|hours?))|still|all\s+evening|long\s+after)
            | (?:still|even\s+now)\s+(?:can'?t|couldn'?t|cannot)\s+(?:catch|get)\s+my\s+breath | (?:still|even\s+now)\s+(?:short|out)\s+of\s+breath | (?:still|even\s+now)\s+breathless | still\s+(?:gasping|wheezing|struggling\s+to\s+breathe)
            | breath(?:ing|lessness)?\s+(?:won'?t|wouldn'?t|didn'?t|did\s+not|doesn'?t|hasn'?t)\s+(?:settle|come\s+back|calm\s+down|recover|go\s+back\s+to\s+normal)
            | (?:can'?t|couldn'?t|cannot|could\s+not)\s+(?:catch|get)\s+my\s+breath\s+(?:back\s+)?(?:for|at\s+rest|even|after\s+\d+|an\s+hour|all|long\s+after)
            | breathless\w*\s+(?:at\s+rest|for\s+(?:ages|an\s+hour|hours|\d+)|that\s+(?:won'?t|didn'?t)|even\s+walking)
            | (?:breathless\w*|short\s+of\s+breath|shortness\s+of\s+breath|out\s+of\s+breath)\s+since
            | (?:can'?t|couldn'?t|cannot)\s+(?:speak|talk|say)\s+(?:in\s+)?(?:full|whole)\s+sentences
            | cough\w*\s+(?:up\s+)?(?:a\s+(?:bit|little)\s+of\s+|some\s+)?blood | (?:blood|bloody)\s+(?:in\s+my\s+)?(?:spit|phlegm|sputum|mucus)
            | struggl\w*\s+to\s+breathe | gasping\s+for\s+air\s+(?:for|at\s+rest|long\s+after) | breathing\s+(?:is\s+|was\s+)?still\s+(?:hard|laboured|labored|heavy|fast)",
        ),
        rule(
            W::HeatIllness,
            r"heat\s*stroke | sun\s*stroke | heat\s+exhaustion | heat\s+illness
            | (?:stopped|stop|no\s+longer|wasn'?t|was\s+not|weren'?t|not|couldn'?t|could\s+not)\s+sweating | stopped\s+sweating | sweating\s+stopped
            | (?:hot|burning)\s*,?\s+(?:and\s+)?dry\s+skin | skin\s+(?:was\s+|felt\s+|went\s+|is\s+)?(?:hot\s+and\s+dry|dry\s+and\s+hot|hot,\s+dry)
            | (?:didn'?t|did\s+not|couldn'?t)\s+know\s+where\s+i\s+was | slurr\w*\s+(?:my\s+)?(?:words|speech)",
        ),
        rule(
            W::DarkUrine,
            r"(?:pee|peed|urine|wee|piss|pissed)\s+(?:was\s+|is\s+|looked\s+|looks\s+|came\s+out\s+|turned\s+|went\s+|has\s+been\s+)?(?:very\s+|really\s+|like\s+)?(?:dark\s+brown|brown|brownish|cola|coca[\s-]?cola|coke|tea|tea[\s-]colou?red|coffee|black|dark\s+red|red|reddish|bloody|the\s+colou?r\s+of\s+(?:cola|coke|tea|coffee))
            | (?:dark\s+brown|brown|brownish|cola[\s-]?colou?red|tea[\s-]colou?red|coke[\s-]colou?red|coffee[\s-]colou?red|dark\s+red|bloody)\s+(?:pee|urine|wee)
            | blood\s+in\s+(?:my\s+)?(?:pee|urine|wee) | rhabdo\w*
            | pee(?:ing|d)?\s+(?:\w+\s+)?(?:coke|cola|tea|coffee|brown)[\s-]?colou?red
            | (?:pee|peed|urine|wee)\s+(?:was\s+|is\s+|looked\s+|looks\s+)?(?:very\s+|really\s+|super\s+|so\s+)?dark\s*,?\s+(?:like|as\s+dark\s+as|almost)\s+(?:tea|cola|coke|coffee|brown)",
        ),
        rule(
            W::PopSnap,
            r"(?:heard|felt)\s+(?:a\s+|this\s+|like\s+a\s+)?(?:loud\s+)?(?:pop|snap|crack|tear|rip)\b
            | (?:knee|ankle|calf|achilles|hamstring|hammy|foot|something|tendon|leg|it)\s+(?:just\s+)?(?:went\s+)?(?:pop|popped|snapped|went\s+pop|went\s+snap|gave\s+(?:out|way))
            | (?:popping|snapping|cracking|crunching)\s+(?:sound|noise)
            | (?:heard|felt)\s+something\s+(?:pop|snap|tear|rip|give)
            | gave\s+(?:a\s+)?(?:loud\s+|big\s+|sudden\s+)?(?:pop|snap|crack)
            | (?:pop|snap)\s+in\s+(?:my\s+)?(?:knee|ankle|calf|achilles|hamstring|hammy|foot|hip|leg|thigh|quad|groin)
            | (?:can'?t|cannot|couldn'?t|could\s+not|unable\s+to|won'?t|wont)\s+(?:bear|put|take|stand)\s+(?:any\s+)?weight
            | swell\w*\s+(?:up\s+)?(?:fast|quickly|rapidly|like\s+a\s+balloon)
            | (?:went|gave\s+a|with\s+a)\s+(?:crunch|crack|pop|snap)",
        ),
        rule(
            W::Numbness,
            r"numb(?:ness)? | went\s+numb | pins\s+and\s+needles | lost\s+(?:all\s+)?(?:the\s+)?feeling\s+in | no\s+feeling\s+in | can'?t\s+feel\s+my | couldn'?t\s+feel\s+my
            | (?:face|arm|leg|one\s+side)\s+(?:was\s+|went\s+|felt\s+)?droop\w*",
        ),
        rule(
            W::HeadInjury,
            r"(?:hit|banged|bumped|smacked|knocked|cracked|bashed|whacked|landed\s+on)\s+(?:my\s+|the\s+back\s+of\s+my\s+)?head | head\s+(?:injury|knock|bump|wound|hit\s+the|(?:hit|smacked|banged|slammed|bounced\s+off)\s+the) | (?:head|skull)\s+(?:hurts|is\s+(?:sore|pounding|throbbing)) | concuss\w* | knocked\s+(?:out|unconscious) | head\s+first\s+into | face[\s-]?plant\w*\s+(?:and|,)\s+(?:hit|banged)",
        ),
    ]
});

/// Breathing trouble counts when it does not settle: a breath word and,
/// in the same message, a word saying it lasts.
static BREATH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"breath\w* | wheez\w* | gasp\w* | (?:can'?t|couldn'?t|cannot|hard\s+to)\s+breathe")
});
static LASTING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:isn'?t|isnt|not|won'?t|wont|wouldn'?t|didn'?t|didnt|doesn'?t|doesnt|hasn'?t|haven'?t)\s+(?:settl\w*|calm\w*\s+down|go\w*\s+away|gone\s+away|eas\w*|recover\w*|come\s+back)
        | still\s+(?:hard|bad|struggling|gasping|wheezing|short|out\s+of|breathless|can'?t)
        | (?:it'?s|its|it\s+is)\s+still | since\s+(?:yesterday|last\s+night|this\s+morning|the\s+run|\w+'?s\s+(?:long\s+)?run)
        | for\s+ages | hours?\s+later | even\s+(?:sitting|resting|at\s+rest|lying|now)",
    )
});
/// Dark urine with severe muscle pain is the rhabdomyolysis picture.
static DARK_PEE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"dark\s+(?:pee|urine|wee) | (?:pee|urine|wee)\s+(?:is\s+|was\s+|looks\s+|looked\s+)?(?:really\s+|very\s+|super\s+)?dark",
    )
});
static MUSCLE_PAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"severe | agony | killing | (?:super\s+|really\s+|very\s+)?(?:painful|swollen) | excruciating | can'?t\s+move",
    )
});

/// Low blood sugar: a warning only for a runner who has diabetes.
static LOW_SUGAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"hypo(?:s|ed|ing)? | hypoglyc\w* | (?:low|crashing|crashed|dropped|dropping|tanked|tanking|plummet\w*)\s+(?:blood\s+)?(?:sugar|sugars|glucose|bg|bgl|bs)
        | (?:blood\s+)?(?:sugar|sugars|glucose|bg|bgl)\s+(?:was\s+|went\s+|levels?\s+)?(?:really\s+|very\s+|super\s+)?(?:low|dropped|crashed|fell|tanked|plummeted|down\s+to|at|to)\s*(?:[1-3](?:\.\d)?\b|[2-6]\d\b)?
        | shaky\s+and\s+sweaty | shaking\s+and\s+sweating
        | (?:dexcom|libre|cgm|sugars?|glucose|bg|bgl|reading|meter)\s+(?:\w+\s+){0,2}(?:at\s+|of\s+|to\s+)?(?:[0-3]\.\d|[2-6]\d)(?:\s*(?:mmol|mg))?",
    )
});
static DIABETIC_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"diabet\w* | type\s+(?:1|one|2|two) | t1d | insulin | cgm | libre | dexcom")
});

/// Heat-illness signs that count only together: dizziness with a headache,
/// or either of them, or being sick, on a hot run.
static DIZZY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"dizz\w* | light[\s-]?headed\w* | woozy | faint\w* | room\s+(?:was\s+)?spinning")
});
static HEADACHE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"headache | head\s+(?:was\s+)?(?:pounding|throbbing|splitting) | pounding\s+head | migraine",
    )
});
/// Confusion after a run or in heat (not "I'm confused about the app").
static CONFUSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"confus(?:ed|ion) | disorient\w* | couldn'?t\s+think\s+straight | not\s+making\s+sense | didn'?t\s+make\s+sense\s+when\s+i\s+(?:spoke|talked)",
    )
});
static RUN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"ran|run|running|race|raced|finish\w*|km|k|mi|miles?|parkrun|marathon|half|long\s+run|jog\w*|after|during",
    )
});
/// Being sick itself, not only feeling it.
static VOMITED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"vomit\w* | threw\s+up | throwing\s+up | puk\w* | being\s+sick | was\s+sick | been\s+sick")
});
static SICK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"vomit\w* | threw\s+up | throwing\s+up | puk\w* | being\s+sick | was\s+sick | felt\s+sick | nause\w* | cramping\s+all\s+over",
    )
});
static HOT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"hot | heat | heatwave | sun | sunny | scorching | boiling | humid | muggy | sweltering | (?:2[5-9]|[3-4]\d)\s*(?:°\s*c?|c|degrees|deg) | (?:8[5-9]|9\d|1[01]\d)\s*(?:°\s*f|f|degrees\s+f)",
    )
});
/// Severe muscle pain with dark urine is the rhabdomyolysis picture; the
/// urine alone is already a sign, so this only documents the pairing.
static POP_HARM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"pain\w* | hurt\w* | agony | swell\w* | swollen | (?:can'?t|couldn'?t|cannot|unable\s+to)\s+(?:walk|put\s+weight|bear\s+weight|stand|push\s+off|hop|jog|run|step|use\s+(?:it|my|the)) | limp\w* | sudden\w* | bruis\w* | stop\w* | instant\w* | immediate\w* | hobbl\w* | weight",
    )
});

static FALL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"stacked\s+it|tumbl\w*|went\s+flying|ate\s+(?:dirt|pavement|it)|crash\w*|fell|fall|falling|tripped|trip|slipped|slip|crashed|went\s+down|wiped\s+out|face[\s-]?plant\w*|stumbled|tumbled|landed|concuss\w*|knocked\s+(?:out|unconscious)",
    )
});

/// Someone else collapsing or not breathing, told by a bystander ("my
/// friend collapsed at parkrun", "a runner went down and isn't breathing"):
/// not the runner's own sign, and an emergency all the same.
static BYSTANDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:my\s+(?:\w+\s+)?(?:friend|buddy|mate|pal|dad|father|mum|mom|mother|wife|husband|partner|brother|sister|son|daughter|kid|colleague|coworker|neighbou?r|girlfriend|boyfriend|clubmate|club\s+mate|training\s+partner)
            | someone | somebody | another\s+runner | one\s+of\s+(?:the|our)\s+runners
            | (?:a|this|that|one)\s+(?:guy|runner|man|woman|lady|girl|boy|bloke|fellow\s+runner|participant|marshal)
            | he | she)
          \s+(?:\w+\s+){0,3}?
          (?:collapsed|fainted|passed\s+out|blacked\s+out|went\s+unconscious|(?:was|is)\s+unconscious
            | stopped\s+breathing | (?:isn'?t|wasn'?t|is\s+not|was\s+not|not)\s+breathing
            | had\s+a\s+(?:heart\s+attack|cardiac\s+arrest|seizure|fit) | went\s+into\s+cardiac\s+arrest)",
    )
});

/// What a message says of warning signs: the runner's own, and whether it
/// tells of someone else collapsing (see [`BYSTANDER`]). One reading of the
/// text for both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignReading {
    pub own: Vec<WarningKind>,
    pub someone_else_collapsed: bool,
}

/// Reads a message once for [`SignReading`].
pub fn read(text: &str, diabetic: bool) -> SignReading {
    let prepared = prepare(text);
    SignReading {
        someone_else_collapsed: BYSTANDER.is_match(&prepared),
        own: signs_in(&prepared, diabetic),
    }
}

/// A message prepared for reading: lower case, typographic apostrophes made
/// plain, harmless phrases blanked.
pub(crate) fn prepare(text: &str) -> String {
    let lower: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let mut out = lower.clone();
    for re in [&*HARMLESS, &*DOUBT] {
        for m in re.find_iter(&lower) {
            blank(&mut out, m.start(), m.end());
        }
    }
    out
}

fn blank(s: &mut String, start: usize, end: usize) {
    let spaces = " ".repeat(end - start);
    s.replace_range(start..end, &spaces);
}

/// The warning signs in a message, in [`WarningKind`] order, without
/// repeats. `diabetic`: the runner's profile says they have diabetes (low
/// blood sugar is a warning sign only then, or when the message says so).
pub fn warning_signs(text: &str, diabetic: bool) -> Vec<WarningKind> {
    signs_in(&prepare(text), diabetic)
}

/// [`warning_signs`] of a text already [`prepare`]d.
fn signs_in(text: &str, diabetic: bool) -> Vec<WarningKind> {
    let mut found: Vec<WarningKind> = RULES
        .iter()
        .filter(|r| any_sign(&r.pattern, text))
        .map(|r| r.kind)
        .collect();
    // A pop or snap matters with sudden pain, swelling or a bad leg after.
    if found.contains(&WarningKind::PopSnap) && !any_sign(&POP_HARM, text) {
        found.retain(|k| *k != WarningKind::PopSnap);
    }
    if any_sign(&BREATH, text) && LASTING.is_match(text) {
        found.push(WarningKind::Breathless);
    }
    if any_sign(&DARK_PEE, text) && MUSCLE_PAIN.is_match(text) {
        found.push(WarningKind::DarkUrine);
    }
    // A knock to the head matters here when a fall caused it.
    if found.contains(&WarningKind::HeadInjury) && !FALL.is_match(text) {
        found.retain(|k| *k != WarningKind::HeadInjury);
    }
    let dizzy = any_sign(&DIZZY, text);
    let headache = any_sign(&HEADACHE, text);
    let sick = any_sign(&SICK, text);
    let hot = HOT.is_match(text);
    let confused = any_sign(&CONFUSED, text) && (hot || RUN_CONTEXT.is_match(text));
    if (dizzy && headache) || (hot && (dizzy || sick)) || confused {
        found.push(WarningKind::HeatIllness);
    }
    // A headache with being sick: in the heat, heat illness (above); else
    // the picture of a head injury's warning signs ("a headache that won't
    // go, being sick"), whose advice names both.
    if headache && any_sign(&VOMITED, text) && !hot && !found.contains(&WarningKind::HeadInjury) {
        found.push(WarningKind::HeadInjury);
    }
    if (diabetic || DIABETIC_WORDS.is_match(text)) && any_sign(&LOW_SUGAR, text) {
        found.push(WarningKind::LowBloodSugar);
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use WarningKind as W;

    #[test]
    fn negation_reads_within_the_clause() {
        assert!(warning_signs("no chest pain or dizziness today", false).is_empty());
        assert_eq!(
            warning_signs("didn't stop even though my chest was tight", false),
            vec![W::ChestPain]
        );
        assert_eq!(
            warning_signs("not sure if I blacked out for a sec", false),
            vec![W::Fainting]
        );
    }
}
