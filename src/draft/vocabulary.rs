//! The draft vocabulary in one home: the words that open a greeting, the
//! titles, the mail header names, the abbreviations a sentence does not end
//! at, and the cue phrases kind inference weighs. Parsing (`greeting`,
//! `document`, `prose`) and inference (`infer::cues`) read them from here;
//! the rule files' phrase lists are tested against them.

use crate::draft::kind::NoteKind;

/// Words and phrases that open a salutation, longest first.
pub const GREETING_WORDS: [&str; 18] = [
    "to whom it may concern",
    "good afternoon",
    "good morning",
    "good evening",
    "good day",
    "greetings",
    "dearest",
    "dear",
    "hello",
    "hiya",
    "heya",
    "howdy",
    "hey",
    "hi",
    "yo",
    "sup",
    "morning",
    "afternoon",
];

/// Titles, with the canonical form they compare as.
pub const TITLES: [(&str, &str); 13] = [
    ("mr", "mr"),
    ("mister", "mr"),
    ("ms", "ms"),
    ("mrs", "mrs"),
    ("miss", "miss"),
    ("mx", "mx"),
    ("dr", "dr"),
    ("doctor", "dr"),
    ("prof", "prof"),
    ("professor", "prof"),
    ("sir", "sir"),
    ("dame", "dame"),
    ("rev", "rev"),
];

/// Mail header names that open a header block at the top of a draft.
pub const MAIL_HEADERS: [&str; 17] = [
    "subject",
    "sub",
    "re",
    "subject line",
    "email subject line",
    "e-mail subject line",
    "to",
    "cc",
    "bcc",
    "from",
    "date",
    "reply-to",
    "message-id",
    "in-reply-to",
    "references",
    "fcc",
    "sender",
];

/// Abbreviations a sentence does not end at (`Dr.`, `e.g.`).
pub const ABBREVIATIONS: [&str; 16] = [
    "mr", "ms", "mrs", "mx", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no",
    "approx", "dept",
];

/// Cue families, one per kind that the text can tell.
pub const CUES: [(NoteKind, &[&str]); 5] = [
    (
        NoteKind::RejectionReply,
        &[
            // What happened to the role or to the other candidates.
            "not (been|) (selected|chosen|successful)",
            "not (be|) (moving|move) forward with (me|my)",
            "(offered|extended|given) (the|this) (position|role|job|offer) to (another|someone)",
            "(another|a different|other|the other|a stronger|a more experienced) (candidate|candidates|applicant|applicants)",
            "(position|role|job|vacancy|post) (has|had|was|have) (been|) (filled|closed|cancelled|canceled)",
            "(filled|closed) the (position|role|vacancy)",
            "decided (not to|to) (move forward|proceed|go|offer|pursue) (with|) (other|another|a different)",
            "(decided|chose|choose) (not to|to) (move forward|proceed) with",
            "(went|go|going|gone) (with|in) (another|a different) (direction|candidate|applicant|person)",
            "(hired|chose|selected|picked) (someone|another|a different)",
            "(letting|let) me know (about|of) (the|your) (decision|outcome)",
            "(did not|didn't) (get|receive|land) the (position|role|job|offer)",
            "(not|won't|will not) (have the opportunity|be joining|get the chance) to (join|be part|be a part|work)",
            "(disappointed|disappointing|sad|sorry) (news|to hear|to learn|not to)",
            "(I'm|I am|I was) (very|truly|so|a little|of course|) disappointed",
            "(was|were|been) unsuccessful",
            "(was not|wasn't|have not been|haven't been) successful",
            // What the writer asks for after it.
            "(keep|kept) (me|my resume|my name|my information|my details|my application|my CV) (in mind|on file|in your files)",
            "(consider|considered) (me|) for (future|other|any other|upcoming) (openings|opportunities|positions|roles|vacancies)",
            "(future|upcoming|other) (openings|opportunities|positions|roles|vacancies)",
            "(feedback|advice|pointers) (on|about) (my|how I|what I|where I)",
            "(respect|understand|accept) (your|the) decision",
        ],
    ),
    (
        NoteKind::Withdrawal,
        &[
            "withdraw*",
            "remove (my name|me|my application|my candidacy|my resume)",
            "different direction",
            "(accepted|accept|taken|accepting) (an|another|a|a different|a new|a full-time|a similar|an offer for a) (offer|position|role|job)",
            "no longer (wish|want|like|able) to (be considered|continue|proceed|pursue|move forward)",
            "no longer (be|) (interested|pursuing|available|a candidate)",
            "(not|isn't|is not|wouldn't be|would not be) (the right|a good) (fit|match|time|move) for me",
            "(bow|bowing) out",
            "(respectfully|regretfully|politely|must|have to) decline",
            "decline (your|the|this|an|our) (kind|) (invitation|offer|interview|second|next|final)",
            "cancel (the|our|my) (scheduled|upcoming|second|next|) (interview|meeting)",
            "rescind*",
            "(step|stepping) (back|away|aside|out) (from|of)",
            "(pursue|pursuing) (another|a different|other) (opportunity|opportunities|path|role)",
        ],
    ),
    (
        NoteKind::CheckIn,
        &[
            "(check|checking) in",
            "(check-in|checking-in)",
            "(follow|following) up (on|regarding|about) (the|my) (status|application|candidacy|interview|position|role|search)",
            "(status|progress) of (the|my|your) (search|application|candidacy|hiring|decision|process)",
            "where (the|your|things) (search|process|decision|hiring) stands",
            "where things stand",
            "any (news|update|updates|word)",
            "(an|any) update on",
            "(update|news) (on|about|regarding) (the|my|your) (position|role|search|application|decision|process|timeline)",
            "(reached|made) a (decision|hiring decision)",
            "(has|have) (the|your) (search|process|decision|team) (moved|progressed|reached)",
            "get back to me within",
            "(still|haven't|have not) heard (back|anything)",
            "decision (was|is|would be) (expected|due|coming)",
            "(expected|hoped|planned) to (decide|make a decision|reach a decision|have a decision)",
            "has (been|passed) (more than|over|about|) (a|one|two|three|four|2|3|4) (week|weeks)",
            "(it has|it's) been (a|two|three|over a|more than a|about) (week|weeks)",
            "(wondering|wonder) (if|whether) (there|you) (is|are|has|have|had|might)",
            "(timeline|timeframe|time frame|next steps) (for|of|on) (a|the|your) (decision|hiring|search|process)",
        ],
    ),
    (
        NoteKind::Recovery,
        &[
            "correct (an|my|one|the) (answer|response|statement|figure|number|mistake|error)",
            "(add to|expand on|revisit|clarify|return to|follow up on) (one of|) (my|an|the|one) (answer|answers|response|responses|question|point)",
            "(clarify|correct|revisit) (something|what I said|a point)",
            "better answer",
            "I should (also|) have (said|mentioned|described|explained|answered|talked|given)",
            "(I misspoke|I misstated|misspoke)",
            "(did not|didn't) (do a good job|answer|explain|give|come across|do justice)",
            "wasn't (really|) what you were asking",
            "mixed up",
            "(blanked|froze|stumbled|fumbled|rambled)",
            "(incomplete|wrong|poor|weak|confusing|muddled|rambling|vague) (answer|response|explanation)",
            "(left out|forgot to mention|neglected to mention|failed to mention)",
            "(on|after|upon) (reflection|reflecting|further thought)",
            "(not|wasn't|was not) (my best|at my best)",
        ],
    ),
    (
        NoteKind::Linkedin,
        &[
            "connect (with you|) here",
            "connected here",
            "here on linkedin",
            "(on|via|through) linkedin",
            "(this|with a|my|a) connection request",
            "connect on linkedin",
            "(accept|sending|send) (my|this|an) (invitation|invite)",
            "(add|adding) you to my (network|professional network)",
            "(join|grow) (your|my) (professional|) network",
            "(love|like|glad|happy|great) to connect",
            "(stay|keep) (connected|in touch) (here|on linkedin)",
            "(let's|let us) connect",
            "(request|invitation) to connect",
            "connecting (with you|here|on here)",
            "(expand|grow|build|broaden) my (professional|) network",
            "(in|into|to) my (professional|) network",
            "connect with you (here|on|and|to|so)",
        ],
    ),
];
