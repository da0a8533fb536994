//! Edits to source bytes, grouped into fixes that know how sure they are,
//! and applying them to a text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One replacement of source bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Bytes to replace.
    pub span: Range<usize>,
    /// Their replacement.
    pub replacement: String,
}

/// How sure a fix is that it gives what the writer meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// The fix can only be right: `--fix` applies it.
    #[default]
    Safe,
    /// The fix is a likely guess (which part of a name was meant, which
    /// word a misspelling stands for): applied only with `--unsafe-fixes`.
    Guess,
}

impl Applicability {
    /// `safe` or `guess`, as the JSON and the line format write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Guess => "guess",
        }
    }
}

/// A mechanical fix for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, for `--fix` output and editor code actions.
    pub title: String,
    /// Whether `--fix` may apply it on its own.
    pub applicability: Applicability,
    /// The edits; they never overlap.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// Whether a run that applies `allowed` fixes applies this one.
    pub fn applies_at(&self, allowed: Applicability) -> bool {
        self.applicability == Applicability::Safe || allowed == Applicability::Guess
    }
}

/// Applies non-overlapping edits (later ones that overlap an earlier one are
/// skipped); returns the new text and how many edits were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut edits: Vec<&Edit> = fixes.iter().flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for edit in edits {
        if edit.span.start < at
            || edit.span.end > text.len()
            || !text.is_char_boundary(edit.span.start)
            || !text.is_char_boundary(edit.span.end)
        {
            continue;
        }
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(span: Range<usize>, replacement: &str) -> Fix {
        Fix {
            title: String::new(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: replacement.to_string(),
            }],
        }
    }

    #[test]
    fn overlapping_and_out_of_range_edits_are_skipped() {
        let (a, b, c) = (fix(0..3, "Dear"), fix(1..2, "x"), fix(9..20, "y"));
        let (out, applied) = apply("Hey Rachel", &[&a, &b, &c]);
        assert_eq!((out.as_str(), applied), ("Dear Rachel", 1));
    }

    #[test]
    fn a_guess_needs_permission() {
        let mut guess = fix(0..1, "x");
        guess.applicability = Applicability::Guess;
        assert!(!guess.applies_at(Applicability::Safe));
        assert!(guess.applies_at(Applicability::Guess));
        assert!(fix(0..1, "x").applies_at(Applicability::Safe));
    }
}
