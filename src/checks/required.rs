//! `required`: at least one of a set of phrases must appear (per kind, if
//! the rule says so); front-matter topics may count as well.

use std::collections::BTreeMap;

use crate::pattern::matcher::Matcher as Regex;
use serde::Deserialize;

use super::{
    Check, CheckKind, CompileError, Env, Finding, Scope, check_boilerplate, compile_patterns,
    parameters,
};
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
    /// The part of the note the phrase must appear in (default: anywhere).
    #[serde(default)]
    pub scope: Scope,
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
    scope: Scope,
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
            scope: spec.scope,
        })
    }

    /// Compiles the patterns now.
    pub fn warm(&self) {
        self.default.warm();
        for v in self.by_kind.values() {
            v.patterns.warm();
        }
    }

    /// Whether some kind has patterns or wording of its own.
    pub fn has_variants(&self) -> bool {
        !self.by_kind.is_empty()
    }

    /// Reports the note when none of the patterns (of the kind it is linted
    /// as) appears.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let variant = self.by_kind.get(&env.kind);
        let patterns = variant.map_or(&self.default, |v| &v.patterns);
        let found = match self.scope {
            Scope::Note => patterns.is_match_in(doc.prose.haystack()),
            scope => {
                let Some(part) = scope.span(doc) else {
                    // No such part: nothing to look in, nothing to report.
                    return Vec::new();
                };
                patterns
                    .find_in(doc.prose.haystack())
                    .into_iter()
                    .any(|m| Scope::holds(&part, &doc.prose.source_range(m)))
            }
        };
        if found {
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

/// The `required` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "required",
    user_rules: true,
    variables: &["kind"],
    compile: |value| Ok(Box::new(Required::compile(parameters(value)?)?)),
};

impl Check for Required {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    fn warm(&self) {
        Required::warm(self);
    }

    fn depends_on_kind(&self) -> bool {
        self.has_variants()
    }

    fn messages(&self) -> Vec<&str> {
        self.by_kind
            .values()
            .flat_map(|v| [v.message.as_deref(), v.help.as_deref()])
            .flatten()
            .collect()
    }

    check_boilerplate!();
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
