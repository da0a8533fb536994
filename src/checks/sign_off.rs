//! `sign-off`: the note ends with a closing phrase and the writer's name.

use serde::Deserialize;

use super::Finding;
use super::{Check, CheckKind, Env, check_boilerplate, parameters};
use crate::draft::document::Document;

/// Parameters of a `sign-off` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SignOffSpec {
    /// Closing phrases (`Best regards`, `Sincerely`, …), matched ignoring case.
    pub closings: Vec<String>,
}

/// A compiled `sign-off` check.
#[derive(Debug, Clone)]
pub struct SignOffCheck {
    /// Lowercase closing phrases; the document parser uses them too.
    pub closings: Vec<String>,
}

impl SignOffCheck {
    /// Normalises the phrases.
    pub fn compile(spec: SignOffSpec) -> Self {
        SignOffCheck {
            closings: spec
                .closings
                .iter()
                .map(|c| c.trim().to_lowercase())
                .collect(),
        }
    }

    /// Reports a missing closing, a missing name, or both.
    fn findings(&self, doc: &Document) -> Vec<Finding> {
        let s = &doc.sign_off;
        if s.is_complete() {
            return Vec::new();
        }
        let (span, detail) = match (&s.closing, &s.name) {
            (Some(closing), None) => (closing.clone(), "the closing has no name after it"),
            (None, Some(name)) => (name.clone(), "your name has no closing phrase before it"),
            _ => (
                last_line(doc),
                "the note ends without a closing and your name",
            ),
        };
        vec![Finding::at(span).var("detail", detail)]
    }
}

fn last_line(doc: &Document) -> std::ops::Range<usize> {
    let text = doc.text();
    let trimmed_end = text.trim_end().len();
    let start = text[..trimmed_end].rfind('\n').map_or(0, |i| i + 1);
    let lead = text[start..trimmed_end].len() - text[start..trimmed_end].trim_start().len();
    start + lead..trimmed_end
}

/// The `sign-off` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "sign-off",
    user_rules: false,
    variables: &["detail"],
    compile: |value| Ok(Box::new(SignOffCheck::compile(parameters(value)?))),
};

impl Check for SignOffCheck {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, _env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc)
    }

    check_boilerplate!();
}
