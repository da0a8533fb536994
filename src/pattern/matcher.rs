//! Regular expressions from rule files: validated when a rule loads
//! (cheap), compiled on first use (the costly part) so a run only pays for
//! the rules it needs. Matching is linear-time: no rule can hang the linter.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{Config, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::pattern::phrase::PhraseSet;
pub use crate::pattern::phrase::spaces_normalised;

/// A text prepared for matching once and searched by many matchers: the
/// text itself (for regexes), its white-space-normalised form (for phrase
/// templates) and where words start in that form.
#[derive(Debug, Clone, Copy)]
pub struct Haystack<'a> {
    /// The text regexes run on.
    pub text: &'a str,
    /// The same text with white space normalised (same offsets).
    pub spaced: &'a str,
    /// Where words start in `spaced`.
    pub word_starts: &'a [u32],
}

/// One or more patterns matched as an alternation.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    case_insensitive: bool,
    compiled: OnceLock<Option<Regex>>,
}

impl Clone for Pattern {
    fn clone(&self) -> Self {
        Pattern {
            source: self.source.clone(),
            case_insensitive: self.case_insensitive,
            compiled: OnceLock::new(),
        }
    }
}

/// The compiled program may use this much memory; a bigger pattern is refused.
const NFA_SIZE_LIMIT: usize = 64 << 20;

/// Patterns whose estimated size stays under this are compiled lazily; bigger
/// ones are compiled when the rule loads, so a pattern too big to compile is
/// a load error instead of a rule that silently matches nothing.
const EAGER_COMPILE_ABOVE: u64 = 20_000;

/// A rough upper bound of the program size of `hir`, in states (saturating).
fn estimated_size(hir: &Hir) -> u64 {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(lit) => lit.0.len() as u64,
        HirKind::Class(Class::Unicode(c)) => 2 * c.ranges().len() as u64 + 1,
        HirKind::Class(Class::Bytes(c)) => c.ranges().len() as u64 + 1,
        HirKind::Repetition(rep) => {
            let copies = u64::from(rep.max.unwrap_or(rep.min).max(rep.min)).saturating_add(1);
            estimated_size(&rep.sub).saturating_mul(copies)
        }
        HirKind::Capture(cap) => estimated_size(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs
            .iter()
            .fold(0u64, |sum, h| sum.saturating_add(estimated_size(h))),
    }
}

/// Builds the matcher for `source`.
fn build(source: &str, case_insensitive: bool) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            Config::new()
                .auto_prefilter(false)
                .which_captures(WhichCaptures::Implicit)
                .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
        )
        .syntax(syntax::Config::new().case_insensitive(case_insensitive))
        .build(source)
        .map_err(|err| err.to_string())
}

/// The message for a pattern that parses but is too big to compile.
fn too_big(p: &str, detail: &str) -> String {
    format!(
        "pattern `{p}` is too big to compile (the limit is {} MiB): {detail}",
        NFA_SIZE_LIMIT >> 20
    )
}

impl Pattern {
    /// Validates `patterns` and joins them; `Err((pattern, message))` names the bad one.
    pub fn new(patterns: &[String], case_insensitive: bool) -> Result<Pattern, (String, String)> {
        let config = syntax::Config::new().case_insensitive(case_insensitive);
        let mut total = 0u64;
        for p in patterns {
            let hir = syntax::parse_with(p, &config).map_err(|err| {
                let detail = err.to_string();
                let last = detail.lines().last().unwrap_or("").trim().to_string();
                (p.clone(), format!("bad pattern `{p}`: {last}"))
            })?;
            let size = estimated_size(&hir);
            if size > EAGER_COMPILE_ABOVE {
                build(p, case_insensitive).map_err(|e| (p.clone(), too_big(p, &e)))?;
            }
            total = total.saturating_add(size);
        }
        let source = patterns
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let compiled = OnceLock::new();
        if total > EAGER_COMPILE_ABOVE {
            let first = patterns.first().cloned().unwrap_or_default();
            let regex = build(&source, case_insensitive).map_err(|e| {
                let message = format!(
                    "the patterns of this list are too big to compile together (the limit is {} MiB): {e}",
                    NFA_SIZE_LIMIT >> 20
                );
                (first, message)
            })?;
            let _ = compiled.set(Some(regex));
        }
        Ok(Pattern {
            source,
            case_insensitive,
            compiled,
        })
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| build(&self.source, self.case_insensitive).ok())
            .as_ref()
    }

    /// Compiles now (to spread compilation over threads before linting).
    pub fn warm(&self) {
        let _ = self.regex();
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }

    /// Non-overlapping matches, leftmost first.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        self.regex()
            .map(|r| r.find_iter(text).map(|m| m.range()).collect())
            .unwrap_or_default()
    }
}

/// A rule's list of patterns: phrase templates (the default, see
/// [`crate::pattern::phrase`]) and `/regular expressions/`, matched together.
#[derive(Debug, Clone)]
pub struct Matcher {
    phrases: Option<PhraseSet>,
    regex: Option<Pattern>,
}

impl Matcher {
    /// Sorts entries into phrases and `/regexes/` and compiles the phrases.
    pub fn new(entries: &[String], case_sensitive: bool) -> Result<Matcher, (String, String)> {
        let mut phrases = Vec::new();
        let mut regexes = Vec::new();
        for entry in entries {
            match regex_source(entry) {
                Some(regex) => regexes.push(regex.to_string()),
                None => phrases.push(entry.trim()),
            }
        }
        Ok(Matcher {
            phrases: if phrases.is_empty() {
                None
            } else {
                Some(PhraseSet::new(&phrases, case_sensitive)?)
            },
            regex: if regexes.is_empty() {
                None
            } else {
                Some(Pattern::new(&regexes, !case_sensitive)?)
            },
        })
    }

    /// Compiles the regular expressions now (phrases need no compiling).
    pub fn warm(&self) {
        if let Some(r) = &self.regex {
            r.warm();
        }
    }

    /// Whether anything matches. `spaced` is `text` with white space
    /// normalised ([`spaces_normalised`]).
    pub fn is_match(&self, text: &str, spaced: &str) -> bool {
        self.phrases.as_ref().is_some_and(|p| p.is_match(spaced))
            || self.regex.as_ref().is_some_and(|r| r.is_match(text))
    }

    /// Whether anything matches in a prepared text (a draft's prose).
    pub fn is_match_in(&self, hay: Haystack<'_>) -> bool {
        self.phrases
            .as_ref()
            .is_some_and(|p| p.is_match_at(hay.spaced, hay.word_starts))
            || self.regex.as_ref().is_some_and(|r| r.is_match(hay.text))
    }

    /// Non-overlapping matches in a prepared text, as [`Matcher::find_iter`].
    pub fn find_in(&self, hay: Haystack<'_>) -> Vec<Range<usize>> {
        self.find_with(hay.text, hay.spaced, Some(hay.word_starts))
    }

    /// Non-overlapping matches, leftmost and then longest first.
    pub fn find_iter(&self, text: &str, spaced: &str) -> Vec<Range<usize>> {
        self.find_with(text, spaced, None)
    }

    /// [`Matcher::find_iter`] with the word starts of `spaced`
    /// ([`crate::pattern::phrase::word_starts`]) known, when they are.
    pub fn find_with(&self, text: &str, spaced: &str, starts: Option<&[u32]>) -> Vec<Range<usize>> {
        let mut all: Vec<Range<usize>> = Vec::new();
        if let Some(p) = &self.phrases {
            let found = match starts {
                Some(starts) => p.matches_at(spaced, starts),
                None => p.matches(spaced),
            };
            all.extend(found.into_iter().map(|(_, r)| r));
        }
        if let Some(r) = &self.regex {
            all.extend(r.find_iter(text));
        }
        non_overlapping(all)
    }
}

/// The regular expression of a `/regex/` entry, or `None` for a phrase template.
pub(crate) fn regex_source(entry: &str) -> Option<&str> {
    let trimmed = entry.trim();
    trimmed
        .strip_prefix('/')
        .and_then(|r| r.strip_suffix('/'))
        .filter(|r| !r.is_empty())
}

/// Non-empty ranges without overlaps, leftmost and then longest first.
pub(crate) fn non_overlapping(mut all: Vec<Range<usize>>) -> Vec<Range<usize>> {
    all.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in all {
        if out.last().is_none_or(|last| r.start >= last.end) && r.start < r.end {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_validates_and_matches() {
        let p = Pattern::new(&[r"\bhey\b".into(), r"!{2,}".into()], true).unwrap();
        assert_eq!(p.find_iter("HEY there!!"), vec![0..3, 9..11]);
        assert!(Pattern::new(&["(unclosed".into()], true).is_err());
        let emoji = Pattern::new(&[r"[\p{Extended_Pictographic}--[©®™]]".into()], false).unwrap();
        assert!(emoji.is_match("done 🚀") && !emoji.is_match("© 2026"));
    }

    #[test]
    fn a_pattern_too_big_to_compile_is_an_error() {
        let err =
            Pattern::new(&[r"\w{1000}{1000}".into(), "good".into()], true).expect_err("too big");
        assert_eq!(err.0, r"\w{1000}{1000}");
        assert!(err.1.contains("too big to compile"), "{}", err.1);
        assert!(Pattern::new(&[r"\w{20}".into()], true).is_ok());
    }

    #[test]
    fn matcher_mixes_phrases_and_regexes() {
        let m = Matcher::new(&["you mentioned".into(), r"/!{2,}/".into()], false).unwrap();
        let text = "As you\nmentioned!!";
        let spaced = spaces_normalised(text);
        assert_eq!(m.find_iter(text, &spaced), vec![3..16, 16..18]);
    }
}
