//! `length`: the body's words (or the message's characters) stay within a
//! limit for the note's kind.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Env, Finding};
use crate::draft::document::{Document, word_spans};
use crate::draft::kind::NoteKind;

/// Parameters of a `length` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LengthSpec {
    /// Word limits for the body, per kind.
    #[serde(default)]
    pub words: BTreeMap<NoteKind, usize>,
    /// Character limits for the whole message, per kind.
    #[serde(default)]
    pub characters: BTreeMap<NoteKind, usize>,
}

/// A compiled `length` check.
#[derive(Debug, Clone)]
pub struct Length {
    /// Word limits per kind.
    pub words: BTreeMap<NoteKind, usize>,
    /// Character limits per kind.
    pub characters: BTreeMap<NoteKind, usize>,
}

impl Length {
    /// Takes the limits as they are.
    pub fn compile(spec: LengthSpec) -> Self {
        Length {
            words: spec.words,
            characters: spec.characters,
        }
    }

    /// Changes one kind's limit (in the unit that kind is measured in).
    pub fn set(&mut self, key: &str, value: usize) -> Result<(), String> {
        let kind: crate::draft::kind::NoteKind = key.parse()?;
        match self.characters.get_mut(&kind) {
            Some(limit) => *limit = value,
            None => {
                self.words.insert(kind, value);
            }
        }
        Ok(())
    }

    /// Reports a body over its limit, from the first word past it.
    pub fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        if let Some(&limit) = self.characters.get(&env.kind) {
            let count = doc.message_chars();
            if count > limit {
                let span = char_overflow_span(doc, limit);
                return vec![
                    Finding::at(span)
                        .var("count", count.to_string())
                        .var("limit", limit.to_string())
                        .var("unit", "characters"),
                ];
            }
            return Vec::new();
        }
        let Some(&limit) = self.words.get(&env.kind) else {
            return Vec::new();
        };
        let count = doc.body_words();
        if count <= limit {
            return Vec::new();
        }
        let span = word_overflow_span(doc, limit);
        vec![
            Finding::at(span)
                .var("count", count.to_string())
                .var("limit", limit.to_string())
                .var("unit", "words"),
        ]
    }
}

/// From the first word past the limit to the end of the body.
fn word_overflow_span(doc: &Document, limit: usize) -> std::ops::Range<usize> {
    let prose = &doc.prose;
    let end = prose.source_end(
        prose
            .ranges_within(doc.body_window.clone())
            .last()
            .map_or(0, |r| r.end),
    );
    let mut seen = 0;
    for range in prose.ranges_within(doc.body_window.clone()) {
        for word in word_spans(&prose.text[range.clone()]) {
            seen += 1;
            if seen > limit {
                let start = prose.source_start(range.start + word.start);
                return start..end.max(start);
            }
        }
    }
    doc.missing_span()
}

/// From the first character past the limit to the end of the message.
fn char_overflow_span(doc: &Document, limit: usize) -> std::ops::Range<usize> {
    let text = &doc.prose.text;
    let mut count = 0;
    let mut in_space = true;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                count += 1;
            }
            in_space = true;
        } else {
            count += 1;
            in_space = false;
        }
        if count > limit {
            let start = doc.prose.source_start(i);
            let end = doc.prose.source_end(text.trim_end().len());
            return start..end.max(start);
        }
    }
    doc.missing_span()
}
