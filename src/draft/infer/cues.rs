//! Cue phrases: families of wordings that point to one situation, written
//! as phrase templates (see [`crate::pattern::phrase`]). A family that matches is
//! one feature of the kind model (`cue:<kind>`); the model learns how much
//! each family weighs against the words around it.

use crate::draft::vocabulary::CUES;
use std::ops::Range;
use std::sync::OnceLock;

use crate::draft::kind::NoteKind;
use crate::pattern::phrase::PhraseSet;

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
