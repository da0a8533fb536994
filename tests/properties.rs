//! Properties that hold for any input: spans stay inside the draft and on
//! character boundaries, fixing twice changes nothing the second time, the
//! JSON output parses and says what the linter found, and no config, front
//! matter or mail message makes the library panic. The fuzz targets in
//! `fuzz/` check the same things at length; these run with `cargo test`.

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use followup::draft::dates::Moment;
use followup::engine::config::Config;
use followup::engine::fix::fix_rounds;
use followup::report::{json_document, write_json, write_lines};
use followup::{Catalog, LintedFile, Linter, NoteKind, SourceFile};
use proptest::prelude::*;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let today = Moment::parse("2026-11-21T12:00").unwrap_or_else(|e| panic!("{e}"));
    Linter::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_today(today)
});

/// Pieces drafts are made of: the parts rules look at, and text that is
/// hard on offsets (multi-byte characters, CRLF, controls, combining marks).
const PIECES: &[&str] = &[
    "---\n",
    "---\r\n",
    "kind: thank-you\n",
    "kind: check-in\n",
    "kind: linkedin\n",
    "to: Dr. Rachel Vilsack\n",
    "to: Dr. Amara Li?dqvist\n",
    "interviewed: 2026-11-02T10:00\n",
    "date: 2026-11-20\n",
    "timeline: 2 weeks\n",
    "thanked: 2026-11-03\n",
    "topics:\n  - caf\u{e9} menus\n",
    "Subject: Thx!!\n",
    "To: a@example.com, b@example.com\n",
    "Dear Ms. Lee,",
    "Hey Rachel!!",
    "Hi Anna \u{2014} thanks for the chat.",
    "Dear Ms. Lee \u{2013}",
    "\u{2014}",
    "\u{2026}",
    "Hi [Name],",
    "Dear Hiring Manager,",
    "Thank you for the interview.",
    "Thanks so much!!",
    "I remain very interested in the role.",
    "I enjoyed hearing about the new clinic you mentioned.",
    "Please respond by Friday.",
    "I expect an answer ASAP.",
    "Sorry again for spilling my water.",
    "[Company Name]",
    "{{role}}",
    "TODO",
    "[x](",
    "gonna",
    "u",
    "Best,",
    "Best regards,",
    "Al Ng",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "\t",
    "é",
    "e\u{301}",
    "😀",
    "日本語",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{feff}",
    "---",
];

/// Drafts: mostly assembled from [`PIECES`], sometimes any string at all.
fn draft() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

fn lint(text: &str) -> Vec<LintedFile> {
    let input = SourceFile::from_bytes("draft.md", text.as_bytes().to_vec())
        .and_then(followup::draft::mail::decode);
    let again = input.clone().map(|mut s| {
        s.path = "again.md".to_string();
        s
    });
    LINTER.lint_all(vec![input, again])
}

fn in_text(text: &str, span: &Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_in_the_text_on_character_boundaries(text in draft()) {
        for file in lint(&text) {
            let Some(doc) = &file.document else { continue };
            let shown = doc.text();
            for d in &file.diagnostics {
                prop_assert!(in_text(shown, &d.span), "{}: {:?} in {:?}", d.rule, d.span, shown);
                for edit in d.fix.iter().flat_map(|f| &f.edits) {
                    prop_assert!(in_text(shown, &edit.span), "{} fix: {:?}", d.rule, edit.span);
                }
            }
        }
    }

    #[test]
    fn fixing_twice_changes_nothing_the_second_time(text in draft()) {
        let Ok(source) = SourceFile::from_bytes("draft.md", text.into_bytes()) else {
            return Ok(());
        };
        let Ok(_) = LINTER.parse(source.clone()) else { return Ok(()) };
        let first = fix_rounds(&LINTER, "draft.md", &source.text, followup::text::edit::Applicability::Guess);
        prop_assert!(first.is_ok(), "a draft that parses stops parsing when fixed: {first:?}");
        let first = first.unwrap_or_else(|e| panic!("{e}"));
        let second = fix_rounds(&LINTER, "draft.md", &first.text, followup::text::edit::Applicability::Guess)
            .unwrap_or_else(|e| panic!("the fixed text does not parse: {e}"));
        prop_assert_eq!(second.applied, 0, "{:?}", first.text);
        prop_assert_eq!(second.text, first.text);
    }

    #[test]
    fn json_output_parses_and_holds_every_diagnostic(text in draft()) {
        let files = lint(&text);
        let mut out = Vec::new();
        write_json(&mut out, &files).unwrap_or_else(|e| panic!("{e}"));
        let value: serde_json::Value = serde_json::from_slice(&out)
            .unwrap_or_else(|e| panic!("JSON output does not parse: {e}"));
        prop_assert_eq!(&value, &json_document(&files));
        prop_assert_eq!(value["version"].as_u64(), Some(1));
        for (file, shown) in files.iter().zip(value["files"].as_array().into_iter().flatten()) {
            let listed = shown["diagnostics"].as_array().map_or(0, Vec::len);
            prop_assert_eq!(listed, file.diagnostics.len());
        }
        let mut lines = Vec::new();
        write_lines(&mut lines, &files).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(std::str::from_utf8(&lines).is_ok());
    }
}

/// Config lines: every setting at sensible, boundary and absurd values.
const CONFIG_LINES: &[&str] = &[
    "[settings.early-check-in]\n",
    "[settings.late-thank-you]\n",
    "[settings.too-long]\n",
    "[settings.duplicate-message]\n",
    "[settings.missing-offer]\n",
    "[rules]\n",
    "days = 7\n",
    "days = 3650\n",
    "days = 3651\n",
    "days = 7304485\n",
    "days = -1\n",
    "days = 1e300\n",
    "days = 9223372036854775807\n",
    "days = nan\n",
    "days = \"7\"\n",
    "hours = 24\n",
    "hours = 87601\n",
    "hours = 4294967296\n",
    "thank-you = 0\n",
    "thank-you = 1000001\n",
    "check-in = 18446744073709551615\n",
    "linkedin = 1.5\n",
    "threshold = 0.5\n",
    "threshold = 2\n",
    "threshold = inf\n",
    "missing-offer = \"off\"\n",
    "too-long = \"error\"\n",
    "early-check-in = \"suggestion\"\n",
    "first-name = \"off\"\n",
    "deny = \"warning\"\n",
    "deny = \"nope\"\n",
    "handbook-url = \"https://example.com/b\"\n",
    "colour = 1\n",
    "\n",
    "[",
    "=",
];

/// Front matter lines, dates at the ends of the calendar among them.
const FRONT_LINES: &[&str] = &[
    "to: Mr. Ravi Menon\n",
    "to: \n",
    "company: Northwind\n",
    "interviewed: 2026-11-02T10:00\n",
    "interviewed: -9999-01-01\n",
    "interviewed: 9999-12-31T23:59\n",
    "interviewed: 2026-02-30\n",
    "date: 2026-11-20\n",
    "date: 9999-12-31\n",
    "date: -9999-01-01T00:00\n",
    "thanked: 2026-11-03\n",
    "thanked: 9999-12-31\n",
    "timeline: 2 weeks\n",
    "timeline: 9999 years\n",
    "timeline: 100000000 days\n",
    "timeline: soon\n",
    "medium: letter\n",
    "medium: linkedin\n",
    "medium: pigeon\n",
    "topics:\n  - scheduling\n",
    "topics: [a, b]\n",
    "unknown: 1\n",
    "date: [1, 2]\n",
    "&a [*a]\n",
    ": :\n",
];

const BODY: &str = "\nDear Mr. Menon,\n\nI wanted to check in on the data analyst search. I remain very interested in the role.\n\nBest regards,\nSofia Brandt\n";

fn linter_for(config: &Config) -> Result<Linter, followup::FileError> {
    let mut catalog = Catalog::builtin()?;
    config.apply_settings(&mut catalog)?;
    let levels = config.levels(&catalog)?;
    config.deny()?;
    let today = Moment::parse("2026-11-21").unwrap_or_else(|e| panic!("{e}"));
    Ok(Linter::new(catalog).with_levels(levels).with_today(today))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_config_or_front_matter_panics(
        config in prop::collection::vec(prop::sample::select(CONFIG_LINES), 0..8).prop_map(|l| l.concat()),
        front in prop::collection::vec(prop::sample::select(FRONT_LINES), 0..6).prop_map(|l| l.concat()),
    ) {
        let loaded = Config::parse("followup.toml", Path::new("followup.toml"), &config);
        let linter = match loaded.as_ref().map_err(Clone::clone).and_then(linter_for) {
            Ok(linter) => linter,
            Err(err) => {
                // A config error points inside the config.
                if let Some(loc) = &err.location {
                    prop_assert!(loc.span.end <= loc.text.len());
                }
                return Ok(());
            }
        };
        let inputs = NoteKind::ALL
            .iter()
            .map(|kind| {
                let text = format!("---\nkind: {kind}\n{front}---\n{BODY}");
                SourceFile::from_bytes("draft.md", text.into_bytes())
            })
            .collect();
        for file in linter.lint_all(inputs) {
            let Some(doc) = &file.document else { continue };
            for d in &file.diagnostics {
                prop_assert!(in_text(doc.text(), &d.span), "{}", d.rule);
            }
        }
    }
}

/// Mail header and body lines, MIME structure among them.
const MAIL_LINES: &[&str] = &[
    "From: Al Ng <al@example.com>\n",
    "To: \"Dr. Rachel Vilsack\" <rv@example.org>\n",
    "Subject: =?UTF-8?Q?Thank_you_for_Tuesday?=\n",
    "Subject: =?utf-8?B?VGhhbmsgeW91?=\n",
    "Subject: =?x-unknown?B?****?=\n",
    "MIME-Version: 1.0\n",
    "Content-Type: multipart/mixed; boundary=\"b1\"\n",
    "Content-Type: multipart/alternative; boundary=b2\n",
    "Content-Type: text/plain; charset=\"utf-8\"\n",
    "Content-Type: text/plain; charset=latin1\n",
    "Content-Type: text/html\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "Content-Transfer-Encoding: base64\n",
    " folded continuation\n",
    "\n",
    "\r\n",
    "--b1\n",
    "--b1--\n",
    "--b2\n",
    "--b2--\n",
    "Dear Ms. Lee,\n",
    "Thank you =\n",
    "caf=C3=A9 =XX =\n",
    "RGVhciBNcy4gTGVlLAoKVGhhbmtzIQo=\n",
    "!!not base64!!\n",
    "Best,\nAl\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_mail_parser_never_panics(
        lines in prop::collection::vec(prop::sample::select(MAIL_LINES), 0..24),
        noise in prop::collection::vec(any::<u8>(), 0..64),
        at in any::<prop::sample::Index>(),
    ) {
        let mut raw = lines.concat().into_bytes();
        let cut = at.index(raw.len() + 1);
        raw.splice(cut..cut, noise);
        let _ = followup::draft::mail::needs_decoding(&raw);
        if let Ok(text) = followup::draft::mail::draft(&raw) {
            // Whatever was decoded, the draft is text the linter can take.
            let files = LINTER.lint_all(vec![Ok(SourceFile::new("m.eml", text))]);
            prop_assert_eq!(files.len(), 1);
        }
        if let Ok(source) = SourceFile::from_bytes("m.eml", raw) {
            let _ = followup::draft::mail::decode(source);
        }
    }
}
