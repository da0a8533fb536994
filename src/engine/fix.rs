//! Fixing a draft in rounds: apply the fixes the run allows, lint again,
//! until nothing fixable is left.

use crate::text::edit::{Applicability, Fix, apply};

/// The result of fixing a draft in rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text after every round.
    pub text: String,
    /// How many edits were applied in all.
    pub applied: usize,
    /// Fixes left unapplied because they are guesses and the run allows
    /// only safe fixes.
    pub guesses_left: usize,
}

/// Most rounds of fixing before giving up (fixes that keep producing fixes).
const MAX_ROUNDS: usize = 8;

/// Applies fixes to `text` in rounds, re-linting between them, until no
/// fixable diagnostic is left. Overlapping fixes wait for a later round.
/// Guesses are applied only when `allowed` is [`Applicability::Guess`].
pub fn fix_rounds(
    linter: &crate::engine::linter::Linter,
    path: &str,
    text: &str,
    allowed: Applicability,
) -> Result<Fixed, crate::text::error::FileError> {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut guesses_left = 0;
    for _ in 0..MAX_ROUNDS {
        let doc = linter.parse(crate::text::source::SourceFile::new(path, current.as_str()))?;
        let diagnostics = linter.lint_document(&doc);
        let (fixes, guesses): (Vec<&Fix>, Vec<&Fix>) = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .partition(|f| f.applies_at(allowed));
        guesses_left = guesses.len();
        if fixes.is_empty() {
            break;
        }
        let (next, count) = apply(&current, &fixes);
        if count == 0 || next == current {
            break;
        }
        current = next;
        applied += count;
    }
    Ok(Fixed {
        text: current,
        applied,
        guesses_left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_take_rounds_and_keep_other_bytes() {
        let linter = crate::engine::linter::Linter::builtin().unwrap();
        let text = "---\r\nto: Dr. Rachel Vilsack\r\n---\r\nHey Rachel!!\r\n\r\nThanks for the talk about the lab you mentioned!!\r\n\r\nBest,\r\nAl Ng\r\n";
        let fixed = fix_rounds(&linter, "t.md", text, Applicability::Safe).unwrap();
        assert!(
            fixed
                .text
                .starts_with("---\r\nto: Dr. Rachel Vilsack\r\n---\r\nDear Dr. Vilsack!\r\n"),
            "{}",
            fixed.text
        );
        assert!(fixed.text.contains("you mentioned!\r\n"));
        assert!(fixed.text.ends_with("Best,\r\nAl Ng\r\n"));
        let again = fix_rounds(&linter, "t.md", &fixed.text, Applicability::Safe).unwrap();
        assert_eq!(again.applied, 0);
    }
}
