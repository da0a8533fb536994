//! Mechanical fixes declared in rule files, and applying them to text.

use crate::pattern::Pattern;

use crate::checks::{CompileError, Finding};
use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::rule::{FixSpec, FromTo};

/// A rule's compiled fix.
#[derive(Debug, Clone)]
pub struct FixRule {
    title: String,
    replace: Option<String>,
    when: Option<Pattern>,
    from_to: Option<FromTo>,
}

impl FixRule {
    /// What the fix does, as written in the rule file.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Compiles the `when` pattern and checks the fix says what to do.
    pub fn compile(spec: FixSpec) -> Result<FixRule, CompileError> {
        if spec.replace.is_some() == spec.from_to.is_some() {
            return Err((
                "fix".into(),
                "a fix needs exactly one of `replace` and `from-to`".into(),
            ));
        }
        let when = match &spec.when {
            Some(p) => Some(Pattern::new(std::slice::from_ref(p), false)?),
            None => None,
        };
        Ok(FixRule {
            title: spec.title,
            replace: spec.replace,
            when,
            from_to: spec.from_to,
        })
    }

    /// The fix for one finding, when it applies.
    pub fn for_finding(&self, doc: &Document, finding: &Finding) -> Option<Fix> {
        let text = doc.text();
        let flagged = text.get(finding.span.clone())?;
        if self.when.as_ref().is_some_and(|w| !w.is_match(flagged)) {
            return None;
        }
        let (span, replacement) = match (&self.replace, self.from_to) {
            (Some(r), _) => (finding.span.clone(), r.clone()),
            (None, Some(FromTo::Salutation)) => {
                let greeting = doc.greeting.as_ref()?;
                let salutation = crate::checks::salutation_from_to(doc.to.as_deref()?)?;
                (greeting.span.clone(), salutation)
            }
            (None, Some(FromTo::Name)) => (finding.span.clone(), finding.expected.clone()?),
            (None, None) => return None,
        };
        if text.get(span.clone())? == replacement {
            return None;
        }
        Some(Fix {
            title: self.title.clone(),
            edits: vec![Edit { span, replacement }],
        })
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
        if edit.span.start < at || edit.span.end > text.len() {
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

/// The result of fixing a draft in rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text after every round.
    pub text: String,
    /// How many edits were applied in all.
    pub applied: usize,
}

/// Most rounds of fixing before giving up (fixes that keep producing fixes).
const MAX_ROUNDS: usize = 8;

/// Applies fixes to `text` in rounds, re-linting between them, until no
/// fixable diagnostic is left. Overlapping fixes wait for a later round.
/// Guesses (a diagnostic's `suggestions`) are never applied.
pub fn fix_rounds(
    linter: &crate::linter::Linter,
    path: &str,
    text: &str,
) -> Result<Fixed, crate::error::FileError> {
    fix_rounds_with(linter, path, text, false)
}

/// [`fix_rounds`], and with `guesses` also the first suggestion of each
/// diagnostic that has no mechanical fix (a spelling guess), for a diff the
/// user reviews; `--fix` never passes `true`.
pub fn fix_rounds_with(
    linter: &crate::linter::Linter,
    path: &str,
    text: &str,
    guesses: bool,
) -> Result<Fixed, crate::error::FileError> {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let doc = linter.parse(crate::source::SourceFile::new(path, current.as_str()))?;
        let diagnostics = linter.lint_document(&doc);
        let guessed: Vec<Fix> = if guesses {
            diagnostics
                .iter()
                .filter(|d| d.fix.is_none())
                .filter_map(|d| d.suggestions.first())
                .map(|edit| Fix {
                    title: format!("write `{}`", edit.replacement),
                    edits: vec![edit.clone()],
                })
                .collect()
        } else {
            Vec::new()
        };
        let fixes: Vec<&Fix> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .chain(&guessed)
            .collect();
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_take_rounds_and_keep_other_bytes() {
        let linter = crate::linter::Linter::builtin().unwrap();
        let text = "---\r\nto: Dr. Rachel Vilsack\r\n---\r\nHey Rachel!!\r\n\r\nThanks for the talk about the lab you mentioned!!\r\n\r\nBest,\r\nAl Ng\r\n";
        let fixed = fix_rounds(&linter, "t.md", text).unwrap();
        assert!(
            fixed
                .text
                .starts_with("---\r\nto: Dr. Rachel Vilsack\r\n---\r\nDear Dr. Vilsack!\r\n"),
            "{}",
            fixed.text
        );
        assert!(fixed.text.contains("you mentioned!\r\n"));
        assert!(fixed.text.ends_with("Best,\r\nAl Ng\r\n"));
        let again = fix_rounds(&linter, "t.md", &fixed.text).unwrap();
        assert_eq!(again.applied, 0);
    }
}
