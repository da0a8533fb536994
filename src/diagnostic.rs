//! What a check reports: a rule, a level, a message, an exact span, and
//! optionally a mechanical fix.

use std::ops::Range;

use serde::Serialize;

use crate::level::Level;

/// One replacement of source bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Bytes to replace.
    pub span: Range<usize>,
    /// Their replacement.
    pub replacement: String,
}

/// A mechanical fix for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, for `--fix` output and editor code actions.
    pub title: String,
    /// The edits; they never overlap.
    pub edits: Vec<Edit>,
}

/// A problem found in a draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule id.
    pub rule: String,
    /// The effective level (after config).
    pub level: Level,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The bytes it is about.
    pub span: Range<usize>,
    /// The handbook page that explains why.
    pub url: String,
    /// A mechanical fix, when the rule has one and it applies.
    pub fix: Option<Fix>,
    /// Guesses the user may pick (spelling suggestions): editors offer
    /// them as quick fixes; `--fix` never applies them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Edit>,
}
