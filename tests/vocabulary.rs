//! The rule files' greeting words agree with the draft vocabulary the
//! parser reads (`src/draft/vocabulary.rs`): a casual greeting the rule
//! names is a greeting the parser finds, and the fix's words are the rule's.

use followup::Catalog;
use followup::draft::vocabulary::GREETING_WORDS;

fn casual_greeting() -> (Vec<String>, String) {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    let rule = catalog
        .get("casual-greeting")
        .unwrap_or_else(|| panic!("no casual-greeting rule"));
    let yaml: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(&rule.path).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let phrases = yaml["check"]["phrases"]
        .as_sequence()
        .map(|s| {
            s.iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let when = yaml["fix"]["when"].as_str().unwrap_or_default().to_string();
    (phrases, when)
}

#[test]
fn every_casual_greeting_opens_with_a_greeting_word_the_parser_knows() {
    let (phrases, _) = casual_greeting();
    assert!(!phrases.is_empty());
    for phrase in &phrases {
        let first = phrase.split_whitespace().next().unwrap_or_default();
        assert!(
            GREETING_WORDS.contains(&first),
            "`{phrase}` opens with `{first}`, which draft::vocabulary::GREETING_WORDS lacks"
        );
    }
}

#[test]
fn the_fix_replaces_exactly_the_one_word_casual_greetings() {
    let (phrases, when) = casual_greeting();
    let inner = when
        .trim_start_matches("^(?i)(")
        .trim_end_matches(")$")
        .split('|')
        .map(str::to_string)
        .collect::<Vec<_>>();
    let single: Vec<String> = phrases.into_iter().filter(|p| !p.contains(' ')).collect();
    assert_eq!(
        inner, single,
        "the fix's `when` must list the rule's one-word greetings"
    );
}
