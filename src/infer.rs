//! Inferring a draft's kind from its text when front matter does not say.
//!
//! Each kind has cue phrases; the kind with the most cues wins, ties going
//! to the kind listed first. With no cue at all the note is a thank-you.

use std::sync::OnceLock;

use crate::phrase::PhraseSet;

use crate::kind::NoteKind;

/// Cue phrases (templates, see [`crate::phrase`]) for each kind that can be
/// told from the text, in priority order.
const CUES: [(NoteKind, &[&str]); 5] = [
    (
        NoteKind::RejectionReply,
        &[
            "not (been|) (selected|chosen)",
            "not (be|) moving forward with (me|my)",
            "(offered|extended) (the|this) (position|role|job|offer) to another",
            "(another|a different|other) (candidate|candidates)",
            "(position|role|job|vacancy) (has|had) been filled",
            "decided not to (move forward|proceed|offer)",
            "(letting|let) me know (about|of) (the|your) decision",
            "did not (get|receive) the (position|role|job|offer)",
            "(disappointed|disappointing) (news|to hear|to learn)",
            "(I'm|I am|I was) (very|truly|so|a little|) disappointed",
            "(was|were|been) unsuccessful",
            "(was not|wasn't|have not been|haven't been) successful",
        ],
    ),
    (
        NoteKind::Withdrawal,
        &[
            "withdraw*",
            "remove my (name|application|candidacy)",
            "different direction",
            "(accepted|accept|taken) (an|another|a|a different|a new|a full-time) (offer|position|role|job)",
            "no longer (be|) (interested|pursuing|available)",
            "(not|isn't|is not) (the right|a good) (fit|match|time) for me",
            "(bow|bowing) out",
        ],
    ),
    (
        NoteKind::CheckIn,
        &[
            "(check|checking) in",
            "(check-in|checking-in)",
            "(follow|following) up on (the|my) (status|application|candidacy|interview)",
            "(status|progress) of (the|my) (search|application|candidacy|hiring)",
            "where (the|your) (search|process|decision) stands",
            "any (news|update|updates)",
            "(reached|made) a (decision|hiring decision)",
            "get back to me within",
            "(still|haven't|have not) heard (back|anything)",
            "decision (was|is) (expected|due)",
            "has (been|passed) (more than|) (a|one|two|three|four|2|3|4) (week|weeks)",
        ],
    ),
    (
        NoteKind::Recovery,
        &[
            "correct (an|my|one|the) (answer|response|statement)",
            "(add to|expand on|revisit|clarify) (one of|) (my|an) (answer|answers|response|responses)",
            "better answer",
            "follow up on (one|an|my) (answer|response|question)",
            "I should (also|) have (said|mentioned|described|explained|answered|talked)",
            "I misspoke",
            "(did not|didn't) (do a good job|answer|explain|give)",
            "wasn't (really|) what you were asking",
            "mixed up",
        ],
    ),
    (
        NoteKind::Linkedin,
        &[
            "connect (with you|) here",
            "connected here",
            "here on linkedin",
            "(this|with a|my) connection request",
            "connect on linkedin",
            "(accept|sending) (my|this) (invitation|invite)",
        ],
    ),
];

/// A LinkedIn message is short; longer notes that mention LinkedIn are e-mails.
const LINKEDIN_MAX_CHARS: usize = 700;

struct Compiled {
    phrases: Option<PhraseSet>,
    /// The kind (index into `CUES`) of each template.
    kind_of: Vec<usize>,
}

fn compiled() -> &'static Compiled {
    static CELL: OnceLock<Compiled> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut templates = Vec::new();
        let mut kind_of = Vec::new();
        for (k, (_, cues)) in CUES.iter().enumerate() {
            templates.extend_from_slice(cues);
            kind_of.extend(std::iter::repeat_n(k, cues.len()));
        }
        Compiled {
            phrases: PhraseSet::new(&templates, false).ok(),
            kind_of,
        }
    })
}

/// Compiles the cue phrases now (they are otherwise compiled on first use).
pub fn warm() {
    let _ = compiled();
}

/// The most likely kind of a note with this prose (`spaced`: white space normalised).
pub fn infer_kind(spaced: &str, medium_linkedin: bool) -> NoteKind {
    infer_kind_at(spaced, &crate::phrase::word_starts(spaced), medium_linkedin)
}

/// [`infer_kind`] with the word starts of `spaced` known.
pub fn infer_kind_at(spaced: &str, starts: &[u32], medium_linkedin: bool) -> NoteKind {
    if medium_linkedin {
        return NoteKind::Linkedin;
    }
    let compiled = compiled();
    let Some(phrases) = &compiled.phrases else {
        return NoteKind::ThankYou;
    };
    let mut seen: Vec<usize> = phrases
        .matches_at(spaced, starts)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let mut scores = [0usize; CUES.len()];
    for template in seen {
        scores[compiled.kind_of[template]] += 1;
    }
    let chars = spaced.chars().filter(|c| !c.is_whitespace()).count();
    let mut best = (0usize, NoteKind::ThankYou);
    for (k, (kind, _)) in CUES.iter().enumerate() {
        if *kind == NoteKind::Linkedin && chars > LINKEDIN_MAX_CHARS {
            continue;
        }
        if scores[k] > best.0 {
            best = (scores[k], *kind);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_compiles() {
        for (_, cues) in CUES {
            for cue in cues {
                assert!(crate::phrase::expand(cue).is_ok(), "{cue}");
            }
        }
        assert!(compiled().phrases.is_some());
    }

    #[test]
    fn infers_each_kind() {
        assert_eq!(
            infer_kind("Thanks for the interview.", false),
            NoteKind::ThankYou
        );
        assert_eq!(
            infer_kind(
                "Thank you for letting me know that the role has been filled.",
                false
            ),
            NoteKind::RejectionReply
        );
        assert_eq!(
            infer_kind("I have decided to withdraw my application.", false),
            NoteKind::Withdrawal
        );
        assert_eq!(
            infer_kind("I wanted to check in on the search.", false),
            NoteKind::CheckIn
        );
        assert_eq!(
            infer_kind("I also want to correct an answer I gave.", false),
            NoteKind::Recovery
        );
        assert_eq!(
            infer_kind("Great to meet you. I'd like to connect here.", false),
            NoteKind::Linkedin
        );
    }
}
