//! What a check reports: a rule, a level, a message, an exact span, and
//! optionally a mechanical fix.

use std::ops::Range;

use serde::Serialize;

use crate::rules::level::Level;
use crate::text::edit::{Edit, Fix};

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

/// The most diagnostics one rule reports for one draft; the rest are counted.
pub const MAX_PER_RULE: usize = 200;

/// Diagnostics of one rule left out of a draft's report by [`MAX_PER_RULE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Omitted {
    /// The rule id.
    pub rule: String,
    /// The level of its diagnostics.
    pub level: Level,
    /// How many were left out.
    pub count: usize,
}

/// Keeps the first [`MAX_PER_RULE`] diagnostics of each rule (in order) and
/// returns how many of each rule were dropped, by rule id.
pub fn cap_per_rule(diagnostics: &mut Vec<Diagnostic>) -> Vec<Omitted> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut omitted: Vec<Omitted> = Vec::new();
    diagnostics.retain(|d| {
        let n = seen.entry(d.rule.clone()).or_insert(0);
        *n += 1;
        if *n <= MAX_PER_RULE {
            return true;
        }
        match omitted.iter_mut().find(|o| o.rule == d.rule) {
            Some(o) => o.count += 1,
            None => omitted.push(Omitted {
                rule: d.rule.clone(),
                level: d.level,
                count: 1,
            }),
        }
        false
    });
    omitted.sort_by(|a, b| a.rule.cmp(&b.rule));
    omitted
}

impl Omitted {
    /// `1234 more diagnostics of this rule are not shown (the first 200 are)`.
    pub fn message(&self) -> String {
        format!(
            "{} more {} of this rule not shown (a draft reports at most {MAX_PER_RULE} per rule)",
            self.count,
            if self.count == 1 {
                "diagnostic"
            } else {
                "diagnostics"
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(rule: &str, at: usize) -> Diagnostic {
        Diagnostic {
            rule: rule.to_string(),
            level: Level::Warning,
            message: String::new(),
            help: String::new(),
            span: at..at + 1,
            url: String::new(),
            fix: None,
            suggestions: Vec::new(),
        }
    }

    #[test]
    fn each_rule_keeps_its_first_diagnostics() {
        let mut all: Vec<Diagnostic> = (0..MAX_PER_RULE + 5)
            .flat_map(|i| [diagnostic("a", i), diagnostic("b", i)])
            .collect();
        all.push(diagnostic("c", 0));
        let omitted = cap_per_rule(&mut all);
        assert_eq!(all.len(), 2 * MAX_PER_RULE + 1);
        assert_eq!(
            omitted
                .iter()
                .map(|o| (o.rule.as_str(), o.count))
                .collect::<Vec<_>>(),
            [("a", 5), ("b", 5)]
        );
        assert!(
            all.iter()
                .filter(|d| d.rule == "a")
                .all(|d| d.span.start < MAX_PER_RULE)
        );
    }
}
