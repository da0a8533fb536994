//! Cue phrases: families of wordings that point to one situation, written
//! as phrase templates (see [`crate::pattern::phrase`]). A family that matches is
//! one feature of the kind model (`cue:<kind>`); the model learns how much
//! each family weighs against the words around it.

use std::ops::Range;
use std::sync::OnceLock;

use crate::draft::kind::NoteKind;
use crate::pattern::phrase::PhraseSet;

/// Cue families, one per kind that the text can tell.
const CUES: [(NoteKind, &[&str]); 5] = [
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

struct Compiled {
    phrases: Option<PhraseSet>,
    /// The kind of each template.
    kind_of: Vec<NoteKind>,
}

fn compiled() -> &'static Compiled {
    static CELL: OnceLock<Compiled> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut templates = Vec::new();
        let mut kind_of = Vec::new();
        for (kind, cues) in CUES {
            templates.extend_from_slice(cues);
            kind_of.extend(std::iter::repeat_n(kind, cues.len()));
        }
        Compiled {
            phrases: PhraseSet::new(&templates, false).ok(),
            kind_of,
        }
    })
}

/// Compiles the cue phrases now.
pub(super) fn warm() {
    let _ = compiled();
}

/// Every cue found in `spaced`: the kind it points to and where it stands.
pub(super) fn find(spaced: &str, starts: &[u32]) -> Vec<(NoteKind, Range<usize>)> {
    let compiled = compiled();
    let Some(phrases) = &compiled.phrases else {
        return Vec::new();
    };
    phrases
        .matches_at(spaced, starts)
        .into_iter()
        .map(|(template, range)| (compiled.kind_of[template], range))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_compiles() {
        for (_, cues) in CUES {
            for cue in cues {
                assert!(crate::pattern::phrase::expand(cue).is_ok(), "{cue}");
            }
        }
        assert!(compiled().phrases.is_some());
    }

    #[test]
    fn finds_cues_of_each_family() {
        let text = "The role has been filled, so I will withdraw and check in later on LinkedIn.";
        let starts = crate::pattern::phrase::word_starts(text);
        let kinds: Vec<NoteKind> = find(text, &starts).into_iter().map(|(k, _)| k).collect();
        for kind in [
            NoteKind::RejectionReply,
            NoteKind::Withdrawal,
            NoteKind::CheckIn,
            NoteKind::Linkedin,
        ] {
            assert!(kinds.contains(&kind), "{kind}");
        }
    }
}
