//! `required`: at least one of a set of phrases must appear (per kind, if
//! the rule says so); front-matter topics may count as well.

use std::collections::BTreeMap;

use crate::pattern::matcher::Matcher as Regex;
use serde::Deserialize;

use super::{CompileError, Env, Finding, compile_patterns};
use crate::draft::document::Document;
use crate::draft::kind::NoteKind;

/// A per-kind variant of a `required` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VariantSpec {
    /// Patterns for this kind, replacing the default ones.
    pub patterns: Vec<String>,
    /// Message for this kind.
    #[serde(default)]
    pub message: Option<String>,
    /// Help for this kind.
    #[serde(default)]
    pub help: Option<String>,
}

/// Parameters of a `required` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredSpec {
    /// Regular expressions; one match anywhere in the prose is enough.
    pub patterns: Vec<String>,
    /// The front matter's `topics` count as a match when one appears.
    #[serde(default)]
    pub topics: bool,
    /// Kinds with their own patterns and wording.
    #[serde(default)]
    pub by_kind: BTreeMap<NoteKind, VariantSpec>,
}

#[derive(Debug, Clone)]
struct Variant {
    patterns: Regex,
    message: Option<String>,
    help: Option<String>,
}

/// A compiled `required` check.
#[derive(Debug, Clone)]
pub struct Required {
    default: Regex,
    topics: bool,
    by_kind: BTreeMap<NoteKind, Variant>,
}

impl Required {
    /// Compiles the patterns.
    pub fn compile(spec: RequiredSpec) -> Result<Self, CompileError> {
        let empty = || {
            (
                "required".to_string(),
                "`patterns` must not be empty".to_string(),
            )
        };
        let default = compile_patterns(&spec.patterns, false)?.ok_or_else(empty)?;
        let mut by_kind = BTreeMap::new();
        for (kind, variant) in spec.by_kind {
            by_kind.insert(
                kind,
                Variant {
                    patterns: compile_patterns(&variant.patterns, false)?.ok_or_else(empty)?,
                    message: variant.message,
                    help: variant.help,
                },
            );
        }
        Ok(Required {
            default,
            topics: spec.topics,
            by_kind,
        })
    }

    /// Compiles the patterns now.
    pub fn warm(&self) {
        self.default.warm();
        for v in self.by_kind.values() {
            v.patterns.warm();
        }
    }

    /// Reports the note when none of the phrases (or topics) appears.
    /// Whether some kind has patterns or wording of its own.
    pub fn has_variants(&self) -> bool {
        !self.by_kind.is_empty()
    }

    /// Reports the note when none of the patterns (of the kind it is linted
    /// as) appears.
    pub fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let variant = self.by_kind.get(&env.kind);
        let patterns = variant.map_or(&self.default, |v| &v.patterns);
        if patterns.is_match_in(doc.prose.haystack()) {
            return Vec::new();
        }
        if self.topics && topic_appears(doc) {
            return Vec::new();
        }
        let mut finding = Finding::at(doc.missing_span()).var("kind", env.kind.as_str());
        if let Some(v) = variant {
            finding.message = v.message.clone();
            finding.help = v.help.clone();
        }
        vec![finding]
    }
}

/// One of the front matter's topics appears in the prose (case and spacing ignored).
fn topic_appears(doc: &Document) -> bool {
    let normalise = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let prose = normalise(&doc.prose.text);
    doc.front_matter
        .topics
        .iter()
        .map(|t| normalise(t))
        .any(|t| !t.is_empty() && prose.contains(&t))
}
