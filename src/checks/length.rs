//! `length`: the body's words (or the message's characters) stay within a
//! limit for the note's kind; with a `scope`, the words or characters of
//! that part of the note (the subject line, say).

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::{Check, CheckKind, Env, Finding, Scope, Setting, check_boilerplate, parameters};
use crate::draft::document::{Document, word_spans};
use crate::draft::kind::NoteKind;
use crate::text::words::counted_chars;

/// A limit for every kind (`60`), or one per kind (`{thank-you: 200}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Limits {
    /// The same limit for every kind.
    All(usize),
    /// A limit per kind; kinds not named have none.
    ByKind(BTreeMap<NoteKind, usize>),
}

impl Default for Limits {
    fn default() -> Self {
        Limits::ByKind(BTreeMap::new())
    }
}

impl Limits {
    fn per_kind(self) -> BTreeMap<NoteKind, usize> {
        match self {
            Limits::All(n) => NoteKind::ALL.iter().map(|k| (*k, n)).collect(),
            Limits::ByKind(map) => map,
        }
    }
}

/// Parameters of a `length` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LengthSpec {
    /// Word limits (of the body, or of the scope's part).
    #[serde(default)]
    pub words: Limits,
    /// Character limits (of the whole message, or of the scope's part).
    #[serde(default)]
    pub characters: Limits,
    /// The part of the note to measure (default: words of the body,
    /// characters of the whole message).
    #[serde(default)]
    pub scope: Scope,
}

/// A compiled `length` check.
#[derive(Debug, Clone)]
pub struct Length {
    /// Word limits per kind.
    pub words: BTreeMap<NoteKind, usize>,
    /// Character limits per kind.
    pub characters: BTreeMap<NoteKind, usize>,
    scope: Scope,
}

/// The largest limit a config may set: past it a limit means nothing for a
/// follow-up note.
const MAX_LIMIT: f64 = 1_000_000.0;

impl Length {
    /// Takes the limits as they are.
    pub fn compile(spec: LengthSpec) -> Self {
        Length {
            words: spec.words.per_kind(),
            characters: spec.characters.per_kind(),
            scope: spec.scope,
        }
    }

    /// Reports a part over its limit, from the first word (or character)
    /// past it to the part's end.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let (limit, unit) = match (self.characters.get(&env.kind), self.words.get(&env.kind)) {
            (Some(&limit), _) => (limit, "characters"),
            (None, Some(&limit)) => (limit, "words"),
            (None, None) => return Vec::new(),
        };
        let window = match self.scope {
            // The defaults: the body's words, the whole message's characters.
            Scope::Note if unit == "words" => doc.body_window.clone(),
            Scope::Note => 0..doc.text().len(),
            scope => match scope.span(doc) {
                Some(part) => part,
                None => return Vec::new(),
            },
        };
        let (count, span) = if unit == "words" {
            let count = if self.scope.is_note() {
                doc.body_words()
            } else {
                part_words(doc, &window)
            };
            (count, word_overflow_span(doc, &window, limit))
        } else {
            let count = if self.scope.is_note() {
                doc.message_chars()
            } else {
                counted_chars(&doc.prose.text_within(window.clone())).count()
            };
            (count, char_overflow_span(doc, &window, limit))
        };
        if count <= limit {
            return Vec::new();
        }
        vec![
            Finding::at(span.unwrap_or_else(|| doc.missing_span()))
                .var("count", count.to_string())
                .var("limit", limit.to_string())
                .var("unit", unit),
        ]
    }
}

/// Words of the prose inside `window`.
fn part_words(doc: &Document, window: &Range<usize>) -> usize {
    let prose = &doc.prose;
    prose
        .ranges_within(window.clone())
        .map(|r| word_spans(&prose.text[r]).count())
        .sum()
}

/// From the first word past the limit to the end of the window's prose.
fn word_overflow_span(doc: &Document, window: &Range<usize>, limit: usize) -> Option<Range<usize>> {
    let prose = &doc.prose;
    let end = prose.source_end(
        prose
            .ranges_within(window.clone())
            .last()
            .map_or(0, |r| r.end),
    );
    let mut seen = 0;
    for range in prose.ranges_within(window.clone()) {
        for word in word_spans(&prose.text[range.clone()]) {
            seen += 1;
            if seen > limit {
                let start = prose.source_start(range.start + word.start);
                return Some(start..end.max(start));
            }
        }
    }
    None
}

/// From the first character past the limit to the end of the window's prose.
fn char_overflow_span(doc: &Document, window: &Range<usize>, limit: usize) -> Option<Range<usize>> {
    let prose = &doc.prose;
    let ranges: Vec<Range<usize>> = prose.ranges_within(window.clone()).collect();
    let (first, last) = (ranges.first()?.start, ranges.last()?.end);
    let text = &prose.text[first..last];
    let at = counted_chars(text).nth(limit)?;
    let start = prose.source_start(first + at);
    let end = prose.source_end(first + text.trim_end().len());
    Some(start..end.max(start))
}

/// The `length` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "length",
    user_rules: true,
    variables: &["count", "limit", "unit"],
    compile: |value| Ok(Box::new(Length::compile(parameters(value)?))),
};

impl Check for Length {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    fn depends_on_kind(&self) -> bool {
        true
    }

    fn settings(&self) -> Vec<Setting> {
        NoteKind::ALL
            .iter()
            .map(|kind| match self.characters.get(kind) {
                Some(&n) => Setting::count(kind.as_str(), n, "characters", MAX_LIMIT),
                None => {
                    let n = self.words.get(kind).copied().unwrap_or(0);
                    Setting::count(kind.as_str(), n, "words", MAX_LIMIT)
                }
            })
            .collect()
    }

    fn set(&mut self, name: &str, value: f64) {
        let Ok(kind) = name.parse::<NoteKind>() else {
            return;
        };
        let value = value as usize;
        match self.characters.get_mut(&kind) {
            Some(limit) => *limit = value,
            None => {
                self.words.insert(kind, value);
            }
        }
    }

    check_boilerplate!();
}
