//! Regular expressions from rule files: validated when a rule loads
//! (cheap), compiled on first use (the costly part) so a run only pays for
//! the rules it needs. Matching is linear-time: no rule can hang the linter.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{Config, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

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

impl Pattern {
    /// Validates `patterns` and joins them; `Err((pattern, message))` names the bad one.
    pub fn new(patterns: &[String], case_insensitive: bool) -> Result<Pattern, (String, String)> {
        let config = syntax::Config::new().case_insensitive(case_insensitive);
        for p in patterns {
            syntax::parse_with(p, &config).map_err(|err| {
                let detail = err.to_string();
                let last = detail.lines().last().unwrap_or("").trim().to_string();
                (p.clone(), format!("bad pattern `{p}`: {last}"))
            })?;
        }
        let source = patterns
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        Ok(Pattern {
            source,
            case_insensitive,
            compiled: OnceLock::new(),
        })
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| {
                Regex::builder()
                    .configure(
                        Config::new()
                            .auto_prefilter(false)
                            .which_captures(WhichCaptures::Implicit)
                            .nfa_size_limit(Some(64 << 20)),
                    )
                    .syntax(syntax::Config::new().case_insensitive(self.case_insensitive))
                    .build(&self.source)
                    .ok()
            })
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
}
