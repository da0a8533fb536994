//! A rule file's YAML loaded as a user rule; when `followup lint --rules`
//! would accept it, sample drafts and the rule's own examples are linted
//! with it alone and beside the built-in rules.
#![no_main]

use std::sync::LazyLock;

use followup::{Catalog, Linter, Rule, SourceFile};
use libfuzzer_sys::fuzz_target;

const DRAFTS: [(&str, &str); 3] = [
    ("thank-you.md", include_str!("../../examples/thank-you.md")),
    ("check-in.md", include_str!("../../examples/check-in.md")),
    (
        "draft.md",
        include_str!("../../examples/thank-you-draft.md"),
    ),
];

/// Most example drafts linted per input.
const MAX_EXAMPLES: usize = 4;

static BUILTIN: LazyLock<Vec<Rule>> = LazyLock::new(|| match Catalog::builtin() {
    Ok(c) => c.rules().map(|r| Rule::clone(r)).collect(),
    Err(e) => panic!("the built-in rules do not load: {e}"),
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rule) = Rule::load("rules/fuzz.yaml", text, false) else {
        return;
    };
    // What `Catalog::load_dir` refuses is never linted.
    if !rule.check.is_generic() || BUILTIN.iter().any(|r| r.id == rule.id) {
        return;
    }
    let examples: Vec<String> = rule
        .bad
        .iter()
        .chain(&rule.good)
        .flat_map(|e| e.drafts.iter().cloned())
        .take(MAX_EXAMPLES)
        .collect();
    let mut alone = Catalog::default();
    alone.replace(rule.clone());
    let mut beside = Catalog::default();
    for r in BUILTIN.iter() {
        beside.replace(r.clone());
    }
    beside.replace(rule);
    for catalog in [alone, beside] {
        let linter = Linter::new(catalog).with_today(followup_fuzz::today());
        let inputs = DRAFTS
            .iter()
            .map(|(path, text)| Ok(SourceFile::new(*path, *text)))
            .chain(
                examples
                    .iter()
                    .map(|text| SourceFile::from_bytes("example.md", text.clone().into_bytes())),
            )
            .collect();
        followup_fuzz::lint_and_check(&linter, inputs);
    }
});
