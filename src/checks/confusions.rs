//! `confusions`: common word confusions that the words around them settle
//! (`you're team`, `your welcome`, `it's goals`, `more then`, `to loose`,
//! `there team`). Each pattern is a word, the words that must stand before
//! or after it, and the replacement.

use serde::Deserialize;

use super::spelling::{Token, normalise, tokens};
use super::{CompileError, Finding};
use crate::document::Document;

/// Parameters of a `confusions` check (built-in rules only).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfusionsSpec {
    /// Named word lists the patterns refer to as `@name`.
    #[serde(default)]
    pub lists: std::collections::BTreeMap<String, Vec<String>>,
    /// The confusions.
    pub patterns: Vec<ConfusionSpec>,
}

/// One confusion.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfusionSpec {
    /// The confused word as written (any case, `’` or `'`).
    pub word: String,
    /// What to write instead.
    pub instead: String,
    /// The word before must be one of these (a word or `@list`).
    #[serde(default)]
    pub after: Vec<String>,
    /// The word before must not be one of these.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// The word after must be one of these.
    #[serde(default)]
    pub before: Vec<String>,
    /// The word must end its sentence or clause (punctuation or nothing after).
    #[serde(default)]
    pub at_end: bool,
}

#[derive(Debug, Clone)]
struct Confusion {
    word: String,
    instead: String,
    after: Vec<String>,
    not_after: Vec<String>,
    before: Vec<String>,
    at_end: bool,
}

/// A compiled `confusions` check.
#[derive(Debug, Clone)]
pub struct Confusions {
    patterns: Vec<Confusion>,
}

impl Confusions {
    /// Expands `@lists` and checks every pattern says where it applies.
    pub fn compile(spec: ConfusionsSpec) -> Result<Self, CompileError> {
        let expand = |words: &[String]| -> Result<Vec<String>, CompileError> {
            let mut out = Vec::new();
            for w in words {
                if let Some(name) = w.strip_prefix('@') {
                    let list = spec
                        .lists
                        .get(name)
                        .ok_or_else(|| (w.clone(), format!("no list named `{name}`")))?;
                    out.extend(list.iter().map(|w| normalise(&w.to_lowercase())));
                } else {
                    out.push(normalise(&w.to_lowercase()));
                }
            }
            Ok(out)
        };
        let mut patterns = Vec::new();
        for p in &spec.patterns {
            let c = Confusion {
                word: normalise(&p.word.to_lowercase()),
                instead: p.instead.clone(),
                after: expand(&p.after)?,
                not_after: expand(&p.not_after)?,
                before: expand(&p.before)?,
                at_end: p.at_end,
            };
            if c.after.is_empty() && c.before.is_empty() && !c.at_end {
                return Err((
                    p.word.clone(),
                    format!("`{}`: give `after`, `before` or `at-end`", p.word),
                ));
            }
            patterns.push(c);
        }
        Ok(Confusions { patterns })
    }

    /// Finds every confusion in the checked prose.
    pub fn run(&self, doc: &Document) -> Vec<Finding> {
        let toks = tokens(doc);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| normalise(&t.text.to_lowercase()))
            .collect();
        let mut out = Vec::new();
        for (i, tok) in toks.iter().enumerate() {
            for c in &self.patterns {
                if lower[i] != c.word {
                    continue;
                }
                let prev = i
                    .checked_sub(1)
                    .filter(|_| !joined_broken(&toks[i - 1], tok))
                    .map(|p| lower[p].as_str());
                let next = toks
                    .get(i + 1)
                    .filter(|n| !joined_broken(tok, n))
                    .map(|_| lower[i + 1].as_str());
                if !c.after.is_empty() && !prev.is_some_and(|p| c.after.iter().any(|a| a == p)) {
                    continue;
                }
                if prev.is_some_and(|p| c.not_after.iter().any(|a| a == p)) {
                    continue;
                }
                if !c.before.is_empty() && !next.is_some_and(|n| c.before.iter().any(|b| b == n)) {
                    continue;
                }
                if c.at_end {
                    let last = if c.before.is_empty() { i } else { i + 1 };
                    let ends = toks.get(last).is_some_and(|t| {
                        t.closed || toks.get(last + 1).is_none_or(|n| joined_broken(t, n))
                    });
                    if !ends {
                        continue;
                    }
                }
                let instead = match_case(tok.text, &c.instead);
                let span = doc.prose.source_range(tok.range.clone());
                let mut finding = Finding::at(span)
                    .var("match", tok.text)
                    .var("instead", instead.clone());
                finding.suggestions = vec![instead];
                out.push(finding);
                break;
            }
        }
        out
    }
}

/// Whether punctuation or a sentence break stands between two tokens.
fn joined_broken(a: &Token<'_>, b: &Token<'_>) -> bool {
    a.closed || b.opened || b.sentence_start || b.block_start
}

/// `instead` with the first letter's case of `written`.
fn match_case(written: &str, instead: &str) -> String {
    if written.chars().next().is_some_and(char::is_uppercase) {
        crate::dictionary::capitalise(instead)
    } else {
        instead.to_string()
    }
}
