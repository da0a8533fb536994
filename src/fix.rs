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
