//! `informal`: chat style in a note. Emoji, emoticons such as `:)`,
//! strings of exclamation marks and text-speak, found in plain code so the
//! check starts without compiling anything.

use std::ops::Range;

use serde::Deserialize;

use super::{Check, CheckKind, Env, check_boilerplate, parameters};
use super::{CompileError, Finding, PhraseLists, prose_findings, runs_of};
use crate::draft::document::Document;
use crate::pattern::matcher::non_overlapping;

/// Parameters of an `informal` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InformalSpec {
    /// Flag emoji: characters with the Unicode property
    /// `Extended_Pictographic` except `©`, `®` and `™`. A cluster (`👍🏽`,
    /// `👨‍👩‍👧`, `🎉🎉`) is one finding.
    #[serde(default)]
    pub emoji: bool,
    /// The most `!` allowed in a row; a longer run is one finding. Unset:
    /// exclamation marks are not checked.
    #[serde(default)]
    pub exclamation_marks: Option<usize>,
    /// Emoticons (`:)`, `;-P`), matched ignoring ASCII case and only as
    /// tokens of their own: white space or the start or end of the text on
    /// both sides.
    #[serde(default)]
    pub emoticons: Vec<String>,
    /// Phrase templates matched ignoring ASCII case (`lol`, `gonna`).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Phrase templates matched with case kept (`u`, so `U.S.` is fine).
    #[serde(default)]
    pub case_sensitive_phrases: Vec<String>,
}

/// A compiled `informal` check.
#[derive(Debug, Clone)]
pub struct Informal {
    emoji: bool,
    exclamation_marks: Option<usize>,
    emoticons: Vec<String>,
    phrases: PhraseLists,
}

impl Informal {
    /// Validates the parameters and compiles the phrases.
    pub fn compile(spec: InformalSpec) -> Result<Self, CompileError> {
        if let Some(bad) = spec
            .emoticons
            .iter()
            .find(|e| e.is_empty() || e.contains(char::is_whitespace))
        {
            return Err((
                bad.clone(),
                format!("emoticon `{bad}` must be one token: not empty, no white space"),
            ));
        }
        let check = Informal {
            emoji: spec.emoji,
            exclamation_marks: spec.exclamation_marks,
            emoticons: spec.emoticons,
            phrases: PhraseLists::compile(&spec.phrases, &spec.case_sensitive_phrases)?,
        };
        if !check.emoji
            && check.exclamation_marks.is_none()
            && check.emoticons.is_empty()
            && check.phrases.is_empty()
        {
            return Err((
                "informal".into(),
                "give `emoji`, `exclamation-marks`, `emoticons`, `phrases` or `case-sensitive-phrases`"
                    .into(),
            ));
        }
        Ok(check)
    }

    /// Finds everything informal in the document's prose, in text order.
    fn findings(&self, doc: &Document) -> Vec<Finding> {
        let prose = &doc.prose;
        prose_findings(
            prose,
            self.find_with(&prose.text, &prose.spaced, Some(&prose.word_starts)),
        )
    }

    /// Informal ranges in `text`, leftmost and then longest first, without
    /// overlaps. `spaced` is `text` with white space normalised, `starts`
    /// its word starts ([`crate::pattern::phrase::word_starts`]) when known.
    fn find_with(&self, text: &str, spaced: &str, starts: Option<&[u32]>) -> Vec<Range<usize>> {
        let mut all = Vec::new();
        if self.emoji {
            all.extend(emoji_clusters(text));
        }
        if let Some(most) = self.exclamation_marks {
            all.extend(runs_of(text, '!', most.saturating_add(1)));
        }
        all.extend(emoticons(text, &self.emoticons));
        all.extend(self.phrases.find_with(text, spaced, starts));
        non_overlapping(all)
    }
}

/// Tokens of `text` (split at white space) that are one of `emoticons`,
/// ASCII case ignored.
fn emoticons(text: &str, emoticons: &[String]) -> Vec<Range<usize>> {
    let Some(longest) = emoticons.iter().map(String::len).max() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = None;
    let end_of_text = std::iter::once((text.len(), ' '));
    for (i, c) in text.char_indices().chain(end_of_text) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let token = &text[s..i];
                if token.len() <= longest && emoticons.iter().any(|e| e.eq_ignore_ascii_case(token))
                {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Emoji clusters: a pictographic character and the pictographs and emoji
/// components (joiners, variation selectors, skin tones, tags, keycaps)
/// right after it.
fn emoji_clusters(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, c) in text.char_indices() {
        if c < '\u{200D}' {
            continue;
        }
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(last) if last.end == i && (is_pictographic(c) || is_emoji_component(c)) => {
                last.end = end;
            }
            _ if is_pictographic(c) => out.push(i..end),
            _ => {}
        }
    }
    out
}

/// Characters that join or modify the pictograph before them.
fn is_emoji_component(c: char) -> bool {
    matches!(
        c,
        '\u{200D}'
            | '\u{FE0E}'
            | '\u{FE0F}'
            | '\u{20E3}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Whether `c` has the Unicode property `Extended_Pictographic` and is not
/// `©`, `®` or `™`.
fn is_pictographic(c: char) -> bool {
    let c = u32::from(c);
    c >= PICTOGRAPHIC[0].0
        && PICTOGRAPHIC
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// `[\p{Extended_Pictographic}--[©®™]]` as sorted, disjoint, inclusive
/// ranges (Unicode 16, as in regex-syntax 0.8; a test compares them).
const PICTOGRAPHIC: &[(u32, u32)] = &[
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x2388, 0x2388),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x2605),
    (0x2607, 0x2612),
    (0x2614, 0x2685),
    (0x2690, 0x2705),
    (0x2708, 0x2712),
    (0x2714, 0x2714),
    (0x2716, 0x2716),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2728, 0x2728),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2763, 0x2767),
    (0x2795, 0x2797),
    (0x27A1, 0x27A1),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F000, 0x1F0FF),
    (0x1F10D, 0x1F10F),
    (0x1F12F, 0x1F12F),
    (0x1F16C, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F3FA),
    (0x1F400, 0x1F53D),
    (0x1F546, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F774, 0x1F77F),
    (0x1F7D5, 0x1F7FF),
    (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F),
    (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
];

/// The `informal` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "informal",
    user_rules: false,
    variables: &["match"],
    compile: |value| Ok(Box::new(Informal::compile(parameters(value)?)?)),
};

impl Check for Informal {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, _env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc)
    }

    check_boilerplate!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is exactly the class the rule used to compile as a regex.
    #[test]
    fn table_is_extended_pictographic_without_legal_signs() {
        use regex_syntax::hir::{Class, HirKind};
        let hir = regex_syntax::Parser::new()
            .parse(r"[\p{Extended_Pictographic}--[©®™]]")
            .unwrap_or_else(|e| panic!("{e}"));
        let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
            panic!("not a Unicode class: {hir:?}");
        };
        let expected: Vec<(u32, u32)> = class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect();
        assert_eq!(PICTOGRAPHIC, expected.as_slice());
        assert!(is_pictographic('🎉') && is_pictographic('\u{1FFFD}'));
        assert!(!is_pictographic('©') && !is_pictographic('™') && !is_pictographic('a'));
    }

    fn check(yaml: &str) -> Informal {
        let spec: InformalSpec = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
        Informal::compile(spec).unwrap_or_else(|(_, e)| panic!("{e}"))
    }

    fn builtin() -> Informal {
        check(
            r#"
emoji: true
exclamation-marks: 1
emoticons: [":)", ":-)", ";)", ":(", ":D", ":P"]
phrases: ['(lol|thx|gonna)']
case-sensitive-phrases: ['(u|ur|yeah)']
"#,
        )
    }

    #[track_caller]
    fn found<'a>(check: &Informal, text: &'a str) -> Vec<&'a str> {
        let spaced = crate::pattern::matcher::spaces_normalised(text);
        check
            .find_with(text, &spaced, None)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn emoji_clusters_are_one_finding_each() {
        let c = builtin();
        assert_eq!(
            found(&c, "🎉Great 👍🏽 and 👨‍👩‍👧 and ❤️ 🎉🎉"),
            ["🎉", "👍🏽", "👨‍👩‍👧", "❤️", "🎉🎉"]
        );
        assert_eq!(found(&c, "end 🚀"), ["🚀"]);
        assert_eq!(found(&c, "© 2026 Acme™, ®, 1️⃣ é"), Vec::<&str>::new());
        assert_eq!(found(&c, "a\u{FE0F}\u{200D}"), Vec::<&str>::new());
    }

    #[test]
    fn exclamation_runs_beyond_the_limit() {
        let c = builtin();
        assert_eq!(found(&c, "Thanks! Great!! Wow!!!!"), ["!!", "!!!!"]);
        assert_eq!(found(&c, "!!"), ["!!"]);
        let strict = check("exclamation-marks: 0");
        assert_eq!(found(&strict, "Hi! Yes!!"), ["!", "!!"]);
    }

    #[test]
    fn emoticons_stand_alone() {
        let c = builtin();
        assert_eq!(
            found(&c, ":) hi :-) there\n;)\r\n:d :p :P"),
            [":)", ":-)", ";)", ":d", ":p", ":P"]
        );
        assert_eq!(
            found(&c, "see (a:) and 8:D, time 10:30, list:( x, :)."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn phrases_ignore_or_keep_case() {
        let c = builtin();
        assert_eq!(
            found(&c, "Thx, u said ur team is gonna grow. LOL. U.S. Yeah"),
            ["Thx", "u", "ur", "gonna", "LOL"]
        );
    }

    #[test]
    fn bad_parameters_are_errors() {
        for yaml in [
            "{}",
            "emoticons: [': )']",
            "emoticons: ['']",
            "phrases: ['/lol/']",
        ] {
            let spec: InformalSpec = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
            assert!(Informal::compile(spec).is_err(), "{yaml}");
        }
        assert!(serde_yaml::from_str::<InformalSpec>("emoji: true\nemojis: true").is_err());
    }

    #[test]
    fn spans_map_to_source_bytes() {
        let src = "Dear Mr. Dube,\r\n\r\nThanks **so** much 🙏🏼!!!\r\n\r\nBest,\r\nKim Yoon\r\n";
        let doc = Document::parse(crate::text::source::SourceFile::new("t.md", src), &[])
            .unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<_> = builtin()
            .findings(&doc)
            .into_iter()
            .map(|f| (&src[f.span], f.vars[0].1.clone()))
            .collect();
        assert_eq!(
            found,
            [("🙏🏼", "🙏🏼".to_string()), ("!!!", "!!!".to_string())]
        );
    }
}
