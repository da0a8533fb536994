//! `confusions`: common word confusions that the words around them settle
//! (`you're team`, `your welcome`, `it's goals`, `more then`, `to loose`,
//! `there team`). Each pattern is a word, the words that must stand before
//! or after it, and the replacement.

use serde::Deserialize;

use super::scan::{ascii_folded, same_word};
use super::spelling::normalise;
use super::{Check, CheckKind, CompileError, Env, Finding, check_boilerplate, parameters};
use crate::draft::document::Document;

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
    /// The confused word, lower case, `'` for `’`.
    word: String,
    instead: String,
    /// Indices into [`Confusions::lists`].
    after: Vec<usize>,
    not_after: Vec<usize>,
    before: Vec<usize>,
    at_end: bool,
}

/// A compiled `confusions` check.
#[derive(Debug, Clone)]
pub struct Confusions {
    patterns: Vec<Confusion>,
    /// The word lists the patterns name (a single word is a list of one),
    /// as written: words are compared ignoring case.
    lists: Vec<Vec<String>>,
    /// The longest confused word, in bytes (a `’` written takes three;
    /// below 64).
    longest: usize,
    /// First bytes of the confused words, both cases, as a bit set.
    firsts: u128,
    /// Lengths in bytes the confused words can be written in, as a bit set.
    lengths: u64,
}

impl Confusions {
    /// Resolves `@lists` and checks every pattern says where it applies.
    pub fn compile(spec: ConfusionsSpec) -> Result<Self, CompileError> {
        let mut names: Vec<String> = Vec::new();
        let mut lists: Vec<Vec<String>> = Vec::new();
        for (name, list) in spec.lists {
            names.push(name);
            lists.push(list);
        }
        let mut resolve = |words: Vec<String>| -> Result<Vec<usize>, CompileError> {
            let mut out = Vec::new();
            for w in words {
                if let Some(name) = w.strip_prefix('@') {
                    let at = names
                        .iter()
                        .position(|n| n == name)
                        .ok_or_else(|| (w.clone(), format!("no list named `{name}`")))?;
                    out.push(at);
                } else {
                    out.push(lists.len());
                    lists.push(vec![w]);
                }
            }
            Ok(out)
        };
        let mut patterns = Vec::new();
        for p in spec.patterns {
            if p.after.is_empty() && p.before.is_empty() && !p.at_end {
                let message = format!("`{}`: give `after`, `before` or `at-end`", p.word);
                return Err((p.word, message));
            }
            patterns.push(Confusion {
                word: normalise(&p.word.to_lowercase()),
                instead: p.instead,
                after: resolve(p.after)?,
                not_after: resolve(p.not_after)?,
                before: resolve(p.before)?,
                at_end: p.at_end,
            });
        }
        let mut firsts = 0u128;
        for c in &patterns {
            if let Some(&b) = c.word.as_bytes().first() {
                if b < 128 {
                    firsts |= 1 << b | 1 << b.to_ascii_uppercase();
                }
            }
        }
        let mut lengths = 0u64;
        let mut longest = 0;
        for c in &patterns {
            // `'` may be written `’`, two bytes longer.
            let apostrophes = c.word.matches('\'').count();
            for len in [c.word.len(), c.word.len() + 2 * apostrophes] {
                if len < 64 {
                    lengths |= 1 << len;
                    longest = longest.max(len);
                }
            }
        }
        Ok(Confusions {
            patterns,
            lists,
            longest,
            firsts,
            lengths,
        })
    }

    /// Finds every confusion in the checked prose.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let text = doc.prose.text.as_str();
        let toks = &env.scan(doc).tokens;
        let mut out = Vec::new();
        let mut buf = [0u8; 64];
        let in_list = |lists: &[usize], token: &str| {
            lists
                .iter()
                .any(|&l| self.lists[l].iter().any(|w| same_word(w, token)))
        };
        let bytes = text.as_bytes();
        for (i, tok) in toks.iter().enumerate() {
            let len = tok.len();
            if len > self.longest || self.lengths & (1 << len) == 0 {
                continue;
            }
            let first = tok.bytes(bytes).first().copied().unwrap_or(0);
            if first >= 128 || self.firsts & (1 << first) == 0 {
                continue;
            }
            let written = tok.text(text);
            let Some(word) = ascii_folded(written, &mut buf) else {
                continue;
            };
            for c in &self.patterns {
                if word != c.word.as_bytes() {
                    continue;
                }
                let prev = i
                    .checked_sub(1)
                    .filter(|&p| !toks[p].broken_before(tok))
                    .map(|p| toks[p].text(text));
                let next = toks
                    .get(i + 1)
                    .filter(|n| !tok.broken_before(n))
                    .map(|n| n.text(text));
                if !c.after.is_empty() && !prev.is_some_and(|p| in_list(&c.after, p)) {
                    continue;
                }
                if prev.is_some_and(|p| in_list(&c.not_after, p)) {
                    continue;
                }
                if !c.before.is_empty() && !next.is_some_and(|n| in_list(&c.before, n)) {
                    continue;
                }
                if c.at_end {
                    let last = if c.before.is_empty() { i } else { i + 1 };
                    let ends = toks.get(last).is_some_and(|t| {
                        t.closed() || toks.get(last + 1).is_none_or(|n| t.broken_before(n))
                    });
                    if !ends {
                        continue;
                    }
                }
                let instead = match_case(written, &c.instead);
                let span = doc.prose.source_range(tok.range());
                let mut finding = Finding::at(span)
                    .var("match", written)
                    .var("instead", instead.clone());
                finding.suggestions = vec![instead];
                out.push(finding);
                break;
            }
        }
        out
    }
}

/// `instead` with the first letter's case of `written`.
fn match_case(written: &str, instead: &str) -> String {
    if written.chars().next().is_some_and(char::is_uppercase) {
        crate::text::dictionary::capitalise(instead)
    } else {
        instead.to_string()
    }
}

/// The `confusions` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "confusions",
    user_rules: false,
    variables: &["match", "instead"],
    compile: |value| Ok(Box::new(Confusions::compile(parameters(value)?)?)),
};

impl Check for Confusions {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    check_boilerplate!();
}
