//! `phrases`: text that must not appear in the prose, optionally only in a
//! sentence that also holds another phrase, and never in one that holds an
//! `unless` phrase.

use crate::pattern::matcher::Matcher as Regex;
use serde::Deserialize;

use super::{
    Check, CheckKind, CompileError, Env, Finding, Scope, check_boilerplate, compile_patterns,
    parameters,
};
use crate::draft::document::Document;

/// Parameters of a `phrases` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhrasesSpec {
    /// Regular expressions; any match is a finding.
    pub patterns: Vec<String>,
    /// When set, the match's sentence must also match one of these (the
    /// finding then covers the sentence).
    #[serde(default)]
    pub also: Vec<String>,
    /// A sentence matching one of these is never a finding.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Match case exactly (default: ignore case).
    #[serde(default)]
    pub case_sensitive: bool,
    /// The part of the note to look in (default: the whole note).
    #[serde(default)]
    pub scope: Scope,
}

/// A compiled `phrases` check.
#[derive(Debug, Clone)]
pub struct Phrases {
    patterns: Regex,
    also: Option<Regex>,
    unless: Option<Regex>,
    scope: Scope,
}

impl Phrases {
    /// Compiles the patterns.
    pub fn compile(spec: PhrasesSpec) -> Result<Self, CompileError> {
        let patterns = compile_patterns(&spec.patterns, spec.case_sensitive)?.ok_or_else(|| {
            (
                "phrases".to_string(),
                "`patterns` must not be empty".to_string(),
            )
        })?;
        Ok(Phrases {
            patterns,
            also: compile_patterns(&spec.also, false)?,
            unless: compile_patterns(&spec.unless, false)?,
            scope: spec.scope,
        })
    }

    /// Compiles the patterns now.
    pub fn warm(&self) {
        self.patterns.warm();
        if let Some(a) = &self.also {
            a.warm();
        }
        if let Some(u) = &self.unless {
            u.warm();
        }
    }

    /// Finds every match in the document's prose (in the rule's scope).
    fn findings(&self, doc: &Document) -> Vec<Finding> {
        let part = match self.scope {
            Scope::Note => None,
            scope => match scope.span(doc) {
                Some(part) => Some(part),
                None => return Vec::new(),
            },
        };
        let prose = &doc.prose;
        let mut out: Vec<Finding> = Vec::new();
        let mut last_sentence = None;
        for m in self.patterns.find_in(prose.haystack()) {
            let matched = &prose.text[m.clone()];
            if matched.trim().is_empty() {
                continue;
            }
            let sentence = prose.sentence_at(m.start).unwrap_or(m.clone());
            let sentence_text = &prose.text[sentence.clone()];
            let sentence_spaced = &prose.spaced[sentence.clone()];
            if self
                .unless
                .as_ref()
                .is_some_and(|u| u.is_match(sentence_text, sentence_spaced))
            {
                continue;
            }
            let range = match &self.also {
                Some(also) => {
                    if !also.is_match(sentence_text, sentence_spaced)
                        || last_sentence == Some(sentence.clone())
                    {
                        continue;
                    }
                    last_sentence = Some(sentence.clone());
                    sentence
                }
                None => m,
            };
            let span = prose.source_range(range);
            if part.as_ref().is_some_and(|p| !Scope::holds(p, &span)) {
                continue;
            }
            out.push(Finding::at(span).var("match", matched.trim()));
        }
        out
    }
}

/// The `phrases` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "phrases",
    user_rules: true,
    variables: &["match"],
    compile: |value| Ok(Box::new(Phrases::compile(parameters(value)?)?)),
};

impl Check for Phrases {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, _env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc)
    }

    fn warm(&self) {
        Phrases::warm(self);
    }

    check_boilerplate!();
}
