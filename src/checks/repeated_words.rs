//! `repeated-words`: the same word twice in a row within a sentence
//! (`the the`), except pairs English allows (`had had`, `that that`).

use serde::Deserialize;

use super::scan::{NON_ASCII, same_word};
use super::spelling::is_not_prose;
use super::{Check, CheckKind, CompileError, Env, Finding, check_boilerplate, parameters};
use crate::draft::document::Document;

/// Parameters of a `repeated-words` check (built-in rules only).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepeatedWordsSpec {
    /// Words English may double (`had`, `that`), any case.
    #[serde(default)]
    pub allowed: Vec<String>,
}

/// A compiled `repeated-words` check.
#[derive(Debug, Clone)]
pub struct RepeatedWords {
    allowed: Vec<String>,
}

impl RepeatedWords {
    /// Compiles the allowed list.
    pub fn compile(spec: RepeatedWordsSpec) -> Result<Self, CompileError> {
        if let Some(bad) = spec.allowed.iter().find(|w| w.trim().is_empty()) {
            return Err((bad.clone(), "`allowed` holds an empty word".into()));
        }
        Ok(RepeatedWords {
            allowed: spec.allowed.iter().map(|w| w.to_lowercase()).collect(),
        })
    }

    /// Finds doubled words: the span covers both copies, and the fix keeps
    /// the first.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let text = doc.prose.text.as_str();
        let bytes = text.as_bytes();
        let toks = &env.scan(doc).tokens;
        let mut out = Vec::new();
        for pair in toks.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.broken_before(b) {
                continue;
            }
            if (a.class() | b.class()) & NON_ASCII == 0
                && (a.len() != b.len() || !a.bytes(bytes).eq_ignore_ascii_case(b.bytes(bytes)))
            {
                continue;
            }
            let (at, bt) = (a.text(text), b.text(text));
            if !same_word(at, bt)
                || is_not_prose(at, a.class())
                || !at.chars().any(char::is_alphabetic)
                || self.allowed.iter().any(|w| same_word(w, at))
            {
                continue;
            }
            // Only the text between them may be white space.
            let between = &text[a.range().end..b.range().start];
            if !between.chars().all(char::is_whitespace) {
                continue;
            }
            let span = doc.prose.source_range(a.range().start..b.range().end);
            let mut finding = Finding::at(span).var("match", bt);
            finding.expected = Some(at.to_string());
            out.push(finding);
        }
        out
    }
}

/// The `repeated-words` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "repeated-words",
    user_rules: false,
    variables: &["match"],
    compile: |value| Ok(Box::new(RepeatedWords::compile(parameters(value)?)?)),
};

impl Check for RepeatedWords {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    check_boilerplate!();
}
