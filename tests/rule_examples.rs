//! Every rule's own examples, run as tests (one named test per rule file):
//! each `bad` draft must fire the rule (on its last draft) and each `good`
//! draft must not. A bad example may pin what it reports: `message:` (the
//! first diagnostic's exact message), `flags:` (the exact text it points
//! at) and, for a fixable rule, `fixed:` (the draft after `--fix`).

use std::sync::OnceLock;

use followup::draft::dates::Moment;
use followup::engine::fix::fix_rounds;
use followup::text::edit::Applicability;
use followup::{Catalog, Linter, engine::examples};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let catalog =
            Catalog::builtin().unwrap_or_else(|e| panic!("built-in rules must load: {e}"));
        // A fixed date keeps date rules deterministic for examples without `today`.
        Linter::new(catalog)
            .with_today(Moment::parse("2026-06-01T12:00").unwrap_or_else(|e| panic!("{e}")))
    })
}

/// The `{name}` slots of a message template.
fn template_vars(template: &str) -> Vec<String> {
    followup::rules::message::slots(template)
        .map(|(name, _)| format!("{{{name}}}"))
        .collect()
}

#[track_caller]
fn check_rule(id: &str) {
    let linter = linter();
    let rule = linter
        .catalog()
        .get(id)
        .unwrap_or_else(|| panic!("no built-in rule `{id}`"));
    assert!(!rule.bad.is_empty(), "{id}: needs at least one bad example");
    assert!(
        !rule.good.is_empty(),
        "{id}: needs at least one good example"
    );
    for (i, example) in rule.bad.iter().enumerate() {
        let fired = examples::fired(linter, rule, example)
            .unwrap_or_else(|e| panic!("{id}: bad example {} does not lint: {e}", i + 1));
        assert!(
            !fired.is_empty(),
            "{id}: bad example {} should fire the rule:\n{}",
            i + 1,
            example.drafts.join("\n---\n")
        );
        let draft = example.drafts.last().map_or("", String::as_str);
        if let Some(message) = &example.message {
            assert_eq!(
                &fired[0].message,
                message,
                "{id}: bad example {}: message",
                i + 1
            );
        }
        if let Some(flags) = &example.flags {
            let flagged = draft.get(fired[0].span.clone()).unwrap_or_default();
            assert_eq!(flagged, flags, "{id}: bad example {}: flagged text", i + 1);
        }
        if let Some(fixed) = &example.fixed {
            let result = fix_rounds(linter, "draft.md", draft, Applicability::Guess)
                .unwrap_or_else(|e| panic!("{id}: bad example {} does not fix: {e}", i + 1));
            assert_eq!(
                &result.text,
                fixed,
                "{id}: bad example {}: fixed draft",
                i + 1
            );
        }
        for d in &fired {
            assert!(d.span.start <= d.span.end, "{id}: bad span");
            for var in template_vars(&rule.message) {
                assert!(
                    !d.message.contains(&var),
                    "{id}: `{var}` left unfilled in `{}`",
                    d.message
                );
            }
        }
    }
    for (i, example) in rule.good.iter().enumerate() {
        let fired = examples::fired(linter, rule, example)
            .unwrap_or_else(|e| panic!("{id}: good example {} does not lint: {e}", i + 1));
        assert!(
            fired.is_empty(),
            "{id}: good example {} should not fire, got {:?}",
            i + 1,
            fired.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
}

// One `#[test] fn rule_<id>()` per file in rules/, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/rule_tests.rs"));

/// The spec's 24 rule ids, levels and kinds are the contract.
#[test]
fn builtin_rules_match_the_spec() {
    use followup::Level::*;
    let all = "thank-you,withdrawal,rejection-reply,check-in,recovery,linkedin";
    let not_linkedin = "thank-you,withdrawal,rejection-reply,check-in,recovery";
    let expected = [
        ("first-name-salutation", Warning, not_linkedin),
        ("generic-salutation", Warning, all),
        ("casual-greeting", Warning, not_linkedin),
        ("missing-salutation", Warning, not_linkedin),
        ("multiple-recipients", Warning, all),
        ("name-mismatch", Error, all),
        (
            "missing-thank-you",
            Error,
            "thank-you,withdrawal,rejection-reply,recovery",
        ),
        (
            "missing-specific-detail",
            Warning,
            "thank-you,recovery,linkedin",
        ),
        (
            "missing-status",
            Warning,
            "thank-you,withdrawal,check-in,recovery",
        ),
        ("missing-offer", Suggestion, "thank-you,check-in"),
        ("missing-sign-off", Warning, not_linkedin),
        ("too-long", Warning, all),
        ("trivial-mishap-apology", Warning, all),
        ("demanding-response", Warning, all),
        ("contesting-decision", Error, "rejection-reply"),
        ("inappropriate-contact", Warning, all),
        ("leftover-placeholder", Error, all),
        ("informal-language", Warning, all),
        ("late-thank-you", Warning, "thank-you,recovery"),
        ("early-check-in", Warning, "check-in"),
        ("duplicate-message", Warning, all),
        ("misspelling", Warning, all),
        ("repeated-word", Warning, all),
        ("confused-word", Warning, all),
    ];
    let catalog = linter().catalog();
    assert_eq!(catalog.rules().count(), expected.len());
    for (id, level, kinds) in expected {
        let rule = catalog
            .get(id)
            .unwrap_or_else(|| panic!("missing rule {id}"));
        assert_eq!(rule.level, level, "{id} level");
        let mut got: Vec<&str> = rule.kinds.iter().map(|k| k.as_str()).collect();
        let mut want: Vec<&str> = kinds.split(',').collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{id} kinds");
        assert!(rule.guide.is_some(), "{id} names a handbook chapter");
    }
}

/// Built-in rules load from JSON prepared at build time; the strict YAML
/// loader must read the same files to the same rules.
#[test]
fn yaml_and_prepared_rules_agree() {
    let yaml = Catalog::builtin_from_yaml().unwrap_or_else(|e| panic!("{e}"));
    let prepared = linter().catalog();
    let ids = |c: &Catalog| c.rules().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&yaml), ids(prepared));
    for rule in yaml.rules() {
        let other = prepared
            .get(&rule.id)
            .unwrap_or_else(|| panic!("{}", rule.id));
        assert_eq!(
            (
                &rule.summary,
                &rule.message,
                &rule.help,
                &rule.rationale,
                rule.level,
                &rule.kinds
            ),
            (
                &other.summary,
                &other.message,
                &other.help,
                &other.rationale,
                other.level,
                &other.kinds
            ),
            "{}",
            rule.id
        );
        assert_eq!(rule.bad.len(), other.bad.len());
        assert_eq!(
            rule.check.kind_name(),
            other.check.kind_name(),
            "{}",
            rule.id
        );
        assert_eq!(rule.check.settings(), other.check.settings(), "{}", rule.id);
        assert_eq!(rule.fix.is_some(), other.fix.is_some(), "{}", rule.id);
    }
}

/// Every rule file has its generated test: the count of `rule_*` tests
/// build.rs wrote equals the built-in catalog.
#[test]
fn every_builtin_rule_has_a_generated_test() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/rule_tests.rs"));
    let tests = generated.matches("#[test]").count();
    assert_eq!(tests, linter().catalog().rules().count());
}
