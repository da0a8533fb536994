//! The proofreading rules on drafts with typos injected into labelled
//! drafts (a small version of `scripts/inject-typos.py`), on names and
//! syntax that must never flag, on bad config and on huge input.

use std::time::{Duration, Instant};

use followup::engine::linter::Linter;
use followup::text::source::SourceFile;

fn rules_at(linter: &Linter, text: &str) -> Vec<(String, String)> {
    let doc = linter
        .parse(SourceFile::new("t.md", text))
        .unwrap_or_else(|e| panic!("{e}"));
    linter
        .lint_document(&doc)
        .into_iter()
        .filter(|d| {
            matches!(
                d.rule.as_str(),
                "misspelling" | "repeated-word" | "confused-word"
            )
        })
        .map(|d| (d.rule.clone(), text[d.span.clone()].to_string()))
        .collect()
}

/// Injected typos: each is found, at its word, and nothing else is.
#[test]
fn injected_typos_are_found() {
    let linter = Linter::builtin().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labelled");
    let mut drafts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with("ne-"))
        })
        .collect();
    drafts.sort();
    let injections: [(&str, &str, &str); 6] = [
        (" the ", " teh ", "misspelling"),
        (" and ", " and and ", "repeated-word"),
        (" interview", " inteview", "misspelling"),
        (" your ", " you're ", "confused-word"),
        (" for ", " for for ", "repeated-word"),
        (" about ", " abuot ", "misspelling"),
    ];
    let (mut tried, mut found) = (0, 0);
    for path in drafts.iter().take(30) {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        assert!(rules_at(&linter, &text).is_empty(), "{}", path.display());
        for (from, to, rule) in injections {
            // Into the body: after the greeting's blank line.
            let Some(body) = text.find("\n\n") else {
                continue;
            };
            let Some(at) = text[body..].find(from).map(|i| body + i) else {
                continue;
            };
            if rule == "confused-word" {
                // only before a noun the rule knows
                if !text[at + from.len()..].starts_with("team") {
                    continue;
                }
            }
            let injected = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
            tried += 1;
            let got = rules_at(&linter, &injected);
            if got.iter().any(|(r, _)| r == rule) {
                found += 1;
            }
            assert!(got.len() <= 1, "{}: {got:?}", path.display());
        }
    }
    assert!(tried >= 40, "{tried}");
    assert!(found * 100 >= tried * 95, "{found}/{tried}");
}

#[test]
fn names_syntax_and_abbreviations_never_flag() {
    let linter = Linter::builtin().unwrap_or_else(|e| panic!("{e}"));
    let text = "---\nto: Dr. Rachel Vilsack\ncompany: Zentrix\nrole: Data Analyst\ntopics: [Snowpark]\n---\nDear Dr. Vilsack,\n\nThank you, Dr. Vilsack. Zentrix's Snowpark work, the Q3 KPIs, the B2B pipeline, e.g. the 30-minute demo at 10am, d'Alba's and Mr. O'Brien's notes, Siobhán's café, `kubectl` and https://zentrix.example/x and jobs@zentrix.example all impressed me, as did Mx. Okonkwo.\n\nBest regards,\nMarta Nowak\n";
    assert_eq!(rules_at(&linter, text), Vec::new());
    let slip = text.replace("as did", "as did Dr. Vilsak and");
    assert_eq!(
        rules_at(&linter, &slip),
        [("misspelling".to_string(), "Vilsak".to_string())]
    );
}

#[test]
fn spelling_guesses_wait_for_unsafe_fixes_but_doubles_are_fixed() {
    let linter = Linter::builtin().unwrap_or_else(|e| panic!("{e}"));
    let text =
        "Dear Ms. Lund,\n\nThank you for the the tour on Tusday.\n\nBest regards,\nPia Holm\n";
    let safe = followup::text::edit::Applicability::Safe;
    let fixed = followup::engine::fix::fix_rounds(&linter, "t.md", text, safe)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fixed.text, text.replace("the the", "the"));
    assert_eq!(fixed.guesses_left, 1);
    let guess = followup::text::edit::Applicability::Guess;
    let guessed = followup::engine::fix::fix_rounds(&linter, "t.md", text, guess)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        guessed.text,
        text.replace("the the", "the").replace("Tusday", "Tuesday")
    );
    let doc = linter
        .parse(SourceFile::new("t.md", text))
        .unwrap_or_else(|e| panic!("{e}"));
    let spelling: Vec<_> = linter
        .lint_document(&doc)
        .into_iter()
        .filter(|d| d.rule == "misspelling")
        .collect();
    let fix = spelling[0]
        .fix
        .as_ref()
        .unwrap_or_else(|| panic!("a guessed fix"));
    assert_eq!(
        fix.applicability,
        followup::text::edit::Applicability::Guess
    );
    assert_eq!(spelling[0].suggestions[0].replacement, "Tuesday");
    assert!(spelling[0].help.contains("`Tuesday`"));
}

#[test]
fn huge_input_is_answered_quickly() {
    let linter = Linter::builtin().unwrap_or_else(|e| panic!("{e}"));
    let long = format!(
        "Dear Ms. Lund,\n\n{}\n\nBest,\nPia Holm\n",
        "q".repeat(1000 * 1024)
    );
    let mut seed = 7u64;
    let mut words = Vec::new();
    for _ in 0..100_000 {
        let mut w = String::new();
        for _ in 0..7 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            w.push(char::from(
                b"bcdfghjklmnpqrstvwxz"[(seed >> 33) as usize % 20],
            ));
        }
        words.push(w);
    }
    let many = format!(
        "Dear Ms. Lund,\n\n{}.\n\nBest,\nPia Holm\n",
        words.join(" ")
    );
    for text in [long, many] {
        let start = Instant::now();
        let found = rules_at(&linter, &text);
        assert!(found.len() <= 100);
        // Debug builds are about ten times slower than release ones.
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }
}
