//! A rule's fix as declared in its file (`fix:`), compiled, and turned
//! into edits for one finding.

use crate::checks::{CompileError, Finding};
use crate::draft::document::Document;
use crate::pattern::matcher::Pattern;
use crate::rules::schema::{FixSpec, FromTo};
use crate::text::edit::{Applicability, Edit, Fix};

/// A rule's compiled fix.
#[derive(Debug, Clone)]
pub struct FixRule {
    title: String,
    replace: Option<String>,
    when: Option<Pattern>,
    from_to: Option<FromTo>,
    applicability: Applicability,
}

impl FixRule {
    /// What the fix does, as written in the rule file.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether the fix is safe or a guess, as the rule file declares it.
    pub fn applicability(&self) -> Applicability {
        self.applicability
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
            applicability: spec.applicability,
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
            applicability: self.applicability,
            edits: vec![Edit { span, replacement }],
        })
    }
}
