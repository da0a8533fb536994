//! Inferring a draft's kind from its text when front matter does not say.
//!
//! Evidence of several sorts is weighed together: the words and word pairs
//! of the note, families of cue phrases for each situation (what has
//! happened, what the writer asks for), and its shape (length, greeting,
//! sign-off, medium). A multinomial logistic regression, trained on
//! labelled drafts by `scripts/train_kind.rs` and embedded from
//! `kind-model.tsv`, turns that evidence into a probability per kind.
//! Where a second kind comes close to the first, the inference is unsure
//! and names both: kind-dependent rules then report only what holds under
//! every kind still open.

mod cues;
mod features;
mod model;

pub use features::{Feature, Shape, each_feature, features};
pub use model::{MODEL_KINDS, Scores, score};

use crate::draft::kind::NoteKind;

/// A second kind is still open when its probability is at least this
/// share of the first kind's.
pub const OPEN_RATIO: f32 = 0.5;

/// A LinkedIn message is short; longer notes that mention LinkedIn are e-mails.
pub const LINKEDIN_MAX_CHARS: usize = 700;

/// How many deciding features the inference reports.
const EVIDENCE: usize = 4;

/// What the text says about the note's kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    /// The most likely kind.
    pub kind: NoteKind,
    /// Every kind still open, the most likely first (one kind when sure).
    pub open: Vec<NoteKind>,
    /// The probability of `kind`, 0 to 1.
    pub confidence: f32,
    /// The words, phrases and shapes that weighed most for `kind`.
    pub evidence: Vec<String>,
}

impl Inference {
    /// Whether more than one kind is still open.
    pub fn is_unsure(&self) -> bool {
        self.open.len() > 1
    }
}

/// Infers the kind of a note from its prose (`spaced`: white space
/// normalised, `starts`: its word starts) and shape.
pub fn infer(spaced: &str, starts: &[u32], shape: &Shape) -> Inference {
    if shape.medium_linkedin {
        return Inference {
            kind: NoteKind::Linkedin,
            open: vec![NoteKind::Linkedin],
            confidence: 1.0,
            evidence: vec!["medium: linkedin".to_string()],
        };
    }
    let scores = score(spaced, starts, shape);
    let connects = scores.has(LINKEDIN_CUE);
    decide(&scores, shape, connects)
}

/// The feature of the LinkedIn cue family.
pub const LINKEDIN_CUE: &str = "cue:linkedin";

/// Turns scores into a decision: the best kind, the kinds still open, the evidence.
fn decide(scores: &Scores, shape: &Shape, connects: bool) -> Inference {
    let ranked = rank(scores.probabilities(), shape.chars, connects);
    let Some(&(kind, confidence)) = ranked.first() else {
        return Inference {
            kind: NoteKind::ThankYou,
            open: vec![NoteKind::ThankYou],
            confidence: 0.0,
            evidence: Vec::new(),
        };
    };
    Inference {
        kind,
        open: still_open(&ranked),
        confidence,
        evidence: scores.evidence_for(kind, EVIDENCE),
    }
}

/// The kinds a note of `chars` characters can be, most likely first, with
/// their probabilities (`probs` in [`MODEL_KINDS`] order) renormalised. A
/// note is a LinkedIn request only when it is short and asks to connect
/// (`connects`: a LinkedIn cue matched): being short is not enough.
pub fn rank(probs: [f32; 6], chars: usize, connects: bool) -> Vec<(NoteKind, f32)> {
    let allowed =
        |k: NoteKind| k != NoteKind::Linkedin || (connects && chars <= LINKEDIN_MAX_CHARS);
    let mut ranked: Vec<(NoteKind, f32)> = MODEL_KINDS
        .iter()
        .zip(probs)
        .filter(|(k, _)| allowed(**k))
        .map(|(k, p)| (*k, p))
        .collect();
    let total: f32 = ranked.iter().map(|(_, p)| p).sum();
    if total > 0.0 {
        for (_, p) in &mut ranked {
            *p /= total;
        }
    }
    // Stable: ties keep the handbook's order, thank-you first.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

/// The kinds still open in a ranking: the first, and every other within
/// [`OPEN_RATIO`] of it.
pub fn still_open(ranked: &[(NoteKind, f32)]) -> Vec<NoteKind> {
    let best = ranked.first().map_or(0.0, |(_, p)| *p);
    ranked
        .iter()
        .take_while(|(_, p)| *p >= best * OPEN_RATIO)
        .map(|(k, _)| *k)
        .collect()
}

/// Compiles the cue phrases now (they are otherwise compiled on first use).
pub fn warm() {
    cues::warm();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer_text(text: &str) -> Inference {
        let spaced = crate::pattern::phrase::spaces_normalised(text);
        let starts = crate::pattern::phrase::word_starts(&spaced);
        let shape = Shape {
            words: crate::draft::document::count_words(text),
            chars: text.chars().count(),
            greeting: true,
            sign_off: true,
            medium_linkedin: false,
        };
        infer(&spaced, &starts, &shape)
    }

    #[test]
    fn infers_each_kind() {
        let cases = [
            (
                "Thank you for the interview yesterday. I enjoyed hearing about the new clinic and I am very interested in the role.",
                NoteKind::ThankYou,
            ),
            (
                "Thank you for letting me know that the role has been filled. I would be glad to be considered for future openings.",
                NoteKind::RejectionReply,
            ),
            (
                "I have accepted another offer and would like to withdraw my application. Thank you for your time.",
                NoteKind::Withdrawal,
            ),
            (
                "I wanted to check in on the search. You mentioned a decision by last Friday; is there any update?",
                NoteKind::CheckIn,
            ),
        ];
        for (text, kind) in cases {
            assert_eq!(infer_text(text).kind, kind, "{text}");
        }
    }

    #[test]
    fn medium_settles_linkedin() {
        let spaced = "Hello.";
        let starts = crate::pattern::phrase::word_starts(spaced);
        let shape = Shape {
            medium_linkedin: true,
            ..Shape::default()
        };
        let inference = infer(spaced, &starts, &shape);
        assert_eq!(inference.kind, NoteKind::Linkedin);
        assert!(!inference.is_unsure());
    }

    #[test]
    fn long_notes_are_not_linkedin_requests() {
        let long = "I would love to connect here on LinkedIn. ".repeat(30);
        assert_ne!(infer_text(&long).kind, NoteKind::Linkedin);
    }
}
