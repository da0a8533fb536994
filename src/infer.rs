//! Inferring a draft's kind from its text when front matter does not say.
//!
//! Each kind has cue phrases; the kind with the most cues wins, ties going
//! to the kind listed first. With no cue at all the note is a thank-you.

use std::sync::OnceLock;

use regex_automata::meta::{Config, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

use crate::kind::NoteKind;

/// Cue patterns for each kind that can be told from the text, in priority order.
const CUES: [(NoteKind, &[&str]); 5] = [
    (
        NoteKind::RejectionReply,
        &[
            r"\bnot (been )?(selected|chosen|moving forward with my)",
            r"\b(offered|extended) (the|this|an?) (\w+[- ]){0,3}(position|role|job|offer)\b[^.]{0,60}\bto another",
            r"\b(another|a different|other) candidates?\b",
            r"\b(position|role|job|vacancy) (has|had) been filled\b",
            r"\bdecided not to (move forward|proceed|offer)",
            r"\b(letting|let) me know (about|of) (the|your) decision",
            r"\bdid not (get|receive) the (position|role|job|offer)",
            r"\bnot (be )?moving forward with (me|my)",
            r"\b(disappointed|disappointing) (news|to hear|to learn)\b",
            r"\b(I'm|I am|I was) (\w+ )?disappointed\b",
        ],
    ),
    (
        NoteKind::Withdrawal,
        &[
            r"\bwithdraw(ing|n)?\b",
            r"\bremove my (name|application|candidacy)",
            r"\b(take|taking) (my career|myself|things) in a different direction",
            r"\bdifferent direction\b",
            r"\b(accepted|accept|taken) (an|another|a) (\w+ ){0,2}(offer|position|role|job)\b",
            r"\bno longer (be )?(interested|pursuing|available|able to (pursue|accept))",
            r"\b(not|isn't|is not) (the right|a good) (fit|match|time) for me\b",
            r"\bbow(ing)? out\b",
        ],
    ),
    (
        NoteKind::CheckIn,
        &[
            r"\bcheck(ing)?[- ]in\b",
            r"\bfollow(ing)?[- ]up on (the|my) (status|application|candidacy|interview)",
            r"\b(status|progress) of (the|my) (search|application|candidacy|hiring)",
            r"\bwhere (the|your) (search|process|decision) stands\b",
            r"\bany (news|update|updates)\b",
            r"\b(reached|made) a (decision|hiring decision)",
            r"\bget back to me within\b",
            r"\b(still|haven't|have not) heard (back|anything)",
            r"\bdecision (was|is) (expected|due)\b",
            r"\bhas (been|passed) (more than )?(a|one|two|\d+) weeks?\b",
        ],
    ),
    (
        NoteKind::Recovery,
        &[
            r"\bcorrect (an|my|one|the) (answer|response|statement)",
            r"\b(add to|expand on|revisit|clarify) (one of )?(my|an) (answers?|responses?)",
            r"\b(a )?better answer\b",
            r"\bfollow up on (one|an|my) (answer|response|question)",
            r"\bI should (also )?have (said|mentioned|described|explained|answered|talked)",
            r"\bI misspoke\b",
            r"\b(did not|didn't) (do a good job|answer|explain|give)\b",
            r"\bwasn't (really )?what you were asking\b",
            r"\bmixed up\b",
        ],
    ),
    (
        NoteKind::Linkedin,
        &[
            r"\bconnect(ed)? (with you )?here\b",
            r"\bhere on linkedin\b",
            r"\b(this|with a|my) connection request\b",
            r"\bconnect on linkedin\b",
            r"\b(accept|sending) (my|this) (invitation|invite)",
        ],
    ),
];

/// A LinkedIn message is short; longer notes that mention LinkedIn are e-mails.
const LINKEDIN_MAX_CHARS: usize = 700;

struct Compiled {
    kinds: Vec<(NoteKind, Option<Regex>)>,
}

fn compiled() -> &'static Compiled {
    static CELL: OnceLock<Compiled> = OnceLock::new();
    CELL.get_or_init(|| Compiled {
        kinds: CUES
            .iter()
            .map(|(kind, patterns)| {
                let regex = Regex::builder()
                    .configure(
                        Config::new()
                            .auto_prefilter(false)
                            .match_kind(MatchKind::All),
                    )
                    .syntax(syntax::Config::new().case_insensitive(true))
                    .build_many(patterns)
                    .ok();
                (*kind, regex)
            })
            .collect(),
    })
}

/// Compiles the cue patterns now (they are otherwise compiled on first use).
pub fn warm() {
    let _ = compiled();
}

/// How many distinct cues of one kind appear in `prose`.
fn score(regex: &Regex, prose: &str) -> usize {
    let mut set = PatternSet::new(regex.pattern_len());
    regex.which_overlapping_matches(&Input::new(prose), &mut set);
    set.len()
}

/// The most likely kind of a note with this prose.
pub fn infer_kind(prose: &str, medium_linkedin: bool) -> NoteKind {
    if medium_linkedin {
        return NoteKind::Linkedin;
    }
    let chars = prose.chars().filter(|c| !c.is_whitespace()).count();
    let mut best = (0usize, NoteKind::ThankYou);
    for (kind, regex) in &compiled().kinds {
        if *kind == NoteKind::Linkedin && chars > LINKEDIN_MAX_CHARS {
            continue;
        }
        let Some(regex) = regex else { continue };
        let score = score(regex, prose);
        if score > best.0 {
            best = (score, *kind);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_compiles() {
        for ((_, patterns), (_, regex)) in CUES.iter().zip(&compiled().kinds) {
            assert_eq!(regex.as_ref().map(|r| r.pattern_len()), Some(patterns.len()));
        }
    }

    #[test]
    fn infers_each_kind() {
        assert_eq!(infer_kind("Thanks for the interview.", false), NoteKind::ThankYou);
        assert_eq!(
            infer_kind("Thank you for letting me know that the role has been filled.", false),
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
