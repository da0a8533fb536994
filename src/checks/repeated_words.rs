//! `repeated-words`: the same word twice in a row within a sentence
//! (`the the`), except pairs English allows (`had had`, `that that`).

use serde::Deserialize;

use super::spelling::{is_not_prose, normalise, tokens};
use super::{CompileError, Finding};
use crate::document::Document;

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
    pub fn run(&self, doc: &Document) -> Vec<Finding> {
        let toks = tokens(doc);
        let mut out = Vec::new();
        for pair in toks.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.closed || b.opened || b.block_start || b.sentence_start {
                continue;
            }
            if is_not_prose(a.text) || !a.text.chars().any(char::is_alphabetic) {
                continue;
            }
            let (la, lb) = (
                normalise(&a.text.to_lowercase()),
                normalise(&b.text.to_lowercase()),
            );
            if la != lb || self.allowed.contains(&la) {
                continue;
            }
            // Only the text between them may be white space.
            let between = &doc.prose.text[a.range.end..b.range.start];
            if !between.chars().all(char::is_whitespace) {
                continue;
            }
            let span = doc.prose.source_range(a.range.start..b.range.end);
            let mut finding = Finding::at(span).var("match", b.text);
            finding.expected = Some(a.text.to_string());
            out.push(finding);
        }
        out
    }
}
