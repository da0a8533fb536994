//! `spelling`: words that are not in the compiled-in dictionary
//! ([`crate::dictionary`]) and are not a name the note gives or a word the
//! user accepts. Also the word scanner the other proofreading checks share.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;

use super::{CompileError, Env, Finding};
use crate::dictionary::{self, Dialect};
use crate::document::Document;

/// Most flagged words per draft that get suggestions (the rest are still
/// reported, with none).
const MAX_SUGGESTED: usize = 40;

/// Most misspellings reported per draft: past this many the text is not
/// English prose, and reading on would only slow the run.
const MAX_FINDINGS: usize = 100;

/// Longest token looked up at all, in bytes.
const MAX_WORD_BYTES: usize = 40;

/// Parameters of a `spelling` check (built-in rules only).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpellingSpec {
    /// Extra words to accept (any case): jargon the dictionary lacks.
    #[serde(default)]
    pub words: Vec<String>,
    /// Words another rule reports (text-speak, lorem ipsum): never flagged.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Capitalised words a capitalised typo inside a sentence is checked
    /// against (days, months); other capitalised unknown words are names.
    #[serde(default)]
    pub capitalised: Vec<String>,
    /// How many suggestions a diagnostic lists.
    #[serde(default = "default_suggestions")]
    pub suggestions: usize,
    /// Shortest word checked, in letters.
    #[serde(default = "default_min_length")]
    pub min_length: usize,
}

fn default_suggestions() -> usize {
    3
}

fn default_min_length() -> usize {
    3
}

/// A compiled `spelling` check.
#[derive(Debug, Clone)]
pub struct Spelling {
    accepted: HashSet<String>,
    capitalised: Vec<String>,
    suggestions: usize,
    min_length: usize,
}

/// One whitespace-separated token of the checked prose, its punctuation
/// around it trimmed.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Prose bytes of the trimmed token.
    pub range: Range<usize>,
    /// The trimmed token.
    pub text: &'a str,
    /// Punctuation was trimmed after it (or it ends a line or a range).
    pub closed: bool,
    /// Punctuation was trimmed before it.
    pub opened: bool,
    /// The first token of a sentence, a line or a block.
    pub sentence_start: bool,
    /// Whitespace before it holds a blank line, or it starts a new range.
    pub block_start: bool,
}

const LEADING: &[char] = &[
    '"', '\'', '\u{201c}', '\u{2018}', '(', '[', '*', '_', '\u{a1}', '\u{bf}',
];
const TRAILING: &[char] = &[
    '"', '\'', '\u{201d}', '\u{2019}', ')', ']', '.', ',', ';', ':', '!', '?', '*', '_', '\u{2026}',
];

/// The prose ranges proofreading looks at: the body (greeting line and
/// signature block left out) and the subject, contiguous ranges merged.
pub(crate) fn checked_ranges(doc: &Document) -> Vec<Range<usize>> {
    let mut windows = vec![doc.body_window.clone()];
    if let Some(subject) = doc.headers.iter().find(|h| h.name == "subject") {
        windows.insert(0, subject.value.clone());
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for window in windows {
        for r in doc.prose.ranges_within(window) {
            match out.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => out.push(r),
            }
        }
    }
    out
}

/// Every token of the checked prose, in order.
pub(crate) fn tokens(doc: &Document) -> Vec<Token<'_>> {
    let text = doc.prose.text.as_str();
    let mut out = Vec::new();
    for range in checked_ranges(doc) {
        let mut prev_end_punct = true;
        let mut first = true;
        let slice = &text[range.clone()];
        let mut last_end = 0;
        for (start, raw) in split_whitespace_indices(slice) {
            let gap = &slice[last_end..start];
            last_end = start + raw.len();
            let line_start = first || gap.contains('\n');
            let block_start = first || gap.matches('\n').count() >= 2;
            first = false;
            let trimmed_start = raw.trim_start_matches(LEADING);
            let lead = raw.len() - trimmed_start.len();
            let core = trimmed_start.trim_end_matches(TRAILING);
            let trail = &trimmed_start[core.len()..];
            let sentence_start =
                block_start || prev_end_punct || raw.starts_with(['"', '\u{201c}']);
            let _ = line_start;
            prev_end_punct = trail.contains(['.', '!', '?', ':']) && !is_title(core);
            if core.is_empty() {
                continue;
            }
            let s = range.start + start + lead;
            out.push(Token {
                range: s..s + core.len(),
                text: &text[s..s + core.len()],
                closed: !trail.is_empty(),
                opened: lead > 0,
                sentence_start,
                block_start,
            });
        }
    }
    out
}

/// Titles and abbreviations a `.` follows without ending a sentence.
fn is_title(word: &str) -> bool {
    const TITLES: [&str; 18] = [
        "mr", "ms", "mrs", "mx", "dr", "prof", "st", "jr", "sr", "vs", "etc", "no", "approx",
        "dept", "rev", "capt", "sgt", "gen",
    ];
    let lower = word.to_ascii_lowercase();
    TITLES.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

/// The parts of a hyphenated word, with their offsets.
pub(crate) fn parts(word: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if matches!(c, '-' | '\u{2013}' | '\u{2014}') {
            out.push((start, &word[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &word[start..]));
    out
}

fn split_whitespace_indices(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &s[pos..];
        let skip = rest.len() - rest.trim_start().len();
        let start = pos + skip;
        if start >= s.len() {
            return None;
        }
        let len = s[start..]
            .find(char::is_whitespace)
            .unwrap_or(s.len() - start);
        pos = start + len;
        Some((start, &s[start..start + len]))
    })
}

/// `’` as `'`.
pub(crate) fn normalise(word: &str) -> String {
    word.replace('\u{2019}', "'")
}

/// Whether a token is not a word at all for proofreading: it holds digits,
/// URL, e-mail, code or template characters, or an inner `.` (`e.g`, `U.S`).
pub(crate) fn is_not_prose(token: &str) -> bool {
    token.len() > MAX_WORD_BYTES
        || token.chars().any(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '@' | '/'
                        | '\\'
                        | ':'
                        | '.'
                        | '_'
                        | '#'
                        | '='
                        | '<'
                        | '>'
                        | '{'
                        | '}'
                        | '['
                        | ']'
                        | '|'
                        | '*'
                        | '~'
                        | '^'
                        | '+'
                        | '&'
                        | '$'
                        | '%'
                        | '`'
                        | '('
                        | ')'
                        | '"'
                        | ','
                        | ';'
                        | '!'
                        | '?'
                )
        })
}

/// The names and accepted words a note gives (lowercase).
pub(crate) fn note_names(doc: &Document, env: &Env<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        for w in text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '\u{2019}')) {
            let w = normalise(w);
            let w = w.trim_matches('\'');
            if w.chars().count() >= 2 {
                let lower = w.to_lowercase();
                if !names.contains(&lower) {
                    names.push(lower);
                }
            }
        }
    };
    let fm = &doc.front_matter;
    for value in [&fm.to, &fm.company, &fm.role, &doc.to]
        .into_iter()
        .flatten()
    {
        add(value);
    }
    for topic in &fm.topics {
        add(topic);
    }
    if let Some(g) = &doc.greeting {
        for t in &g.addressee {
            add(&t.text);
        }
    }
    let text = doc.text();
    if let Some(name) = &doc.sign_off.name {
        add(&text[name.clone()]);
    }
    for h in &doc.headers {
        if matches!(
            h.name.as_str(),
            "to" | "from" | "cc" | "bcc" | "reply-to" | "sender"
        ) {
            add(&text[h.value.clone()]);
        }
    }
    for w in env.words {
        add(w);
    }
    for c in &doc.prose.comments {
        let comment = text[c.clone()].trim();
        let inner = comment
            .strip_prefix("<!--")
            .unwrap_or(comment)
            .trim_end_matches("-->")
            .trim();
        if let Some(words) = inner.strip_prefix("followup-words") {
            add(words);
        }
    }
    names
}

impl Spelling {
    /// Compiles the word lists.
    pub fn compile(spec: SpellingSpec) -> Result<Self, CompileError> {
        if let Some(bad) = spec
            .words
            .iter()
            .chain(&spec.skip)
            .chain(&spec.capitalised)
            .find(|w| w.trim().is_empty() || w.contains(char::is_whitespace))
        {
            return Err((bad.clone(), format!("`{bad}` is not one word")));
        }
        if spec.suggestions == 0 {
            return Err((
                "suggestions".into(),
                "`suggestions` must be 1 or more".into(),
            ));
        }
        Ok(Spelling {
            accepted: spec
                .words
                .iter()
                .chain(&spec.skip)
                .map(|w| normalise(&w.to_lowercase()))
                .collect(),
            capitalised: spec.capitalised,
            suggestions: spec.suggestions,
            min_length: spec.min_length.max(1),
        })
    }

    /// Whether `word` (one part, letters and apostrophes) is a word.
    fn known(&self, d: Dialect, word: &str, names: &[String]) -> bool {
        let lower = word.to_lowercase();
        let is_known = |w: &str, l: &str| {
            dictionary::contains(d, w)
                || dictionary::contains(d, l)
                || self.accepted.contains(l)
                || names.iter().any(|n| n == l)
        };
        if is_known(word, &lower) || dictionary::contains(d, &dictionary::capitalise(&lower)) {
            return true;
        }
        for suffix in ["'s", "'"] {
            if let (Some(w), Some(l)) = (word.strip_suffix(suffix), lower.strip_suffix(suffix)) {
                if !w.is_empty() && is_known(w, l) {
                    return true;
                }
            }
        }
        false
    }

    /// Finds every misspelt word in the checked prose.
    pub fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let names = note_names(doc, env);
        let d = env.dialect;
        let mut findings = Vec::new();
        let mut cache: HashMap<String, Vec<String>> = HashMap::new();
        let mut suggested = 0;
        let mut budget = MAX_SUGGESTED;
        let toks = tokens(doc);
        // Capitalised words used inside a sentence are names wherever they
        // stand, a sentence's first word included.
        let mid_sentence: HashSet<String> = toks
            .iter()
            .filter(|t| !t.sentence_start && t.text.starts_with(|c: char| c.is_uppercase()))
            .map(|t| normalise(&t.text.to_lowercase()))
            .map(|t| t.strip_suffix("'s").map(str::to_string).unwrap_or(t))
            .collect();
        for (i, token) in toks.iter().enumerate() {
            if findings.len() >= MAX_FINDINGS {
                break;
            }
            // A first word followed by another capitalised word is a
            // full name (`Marek Nowak said`).
            let full_name = token.sentence_start
                && !token.closed
                && toks.get(i + 1).is_some_and(|n| {
                    !n.sentence_start && !n.opened && n.text.starts_with(|c: char| c.is_uppercase())
                });
            let lower = normalise(&token.text.to_lowercase());
            let bare = lower.strip_suffix("'s").unwrap_or(&lower);
            let known_name = token.sentence_start
                && token.text.starts_with(|c: char| c.is_uppercase())
                && (full_name || mid_sentence.contains(bare));
            if is_not_prose(token.text) {
                continue;
            }
            for (offset, part) in parts(token.text) {
                let at = token.range.start + offset;
                let part_range = at..at + part.len();
                let Some(verdict) = self.verdict(
                    part,
                    token.sentence_start && at == token.range.start,
                    known_name && at == token.range.start,
                    &names,
                    &mut budget,
                    d,
                ) else {
                    continue;
                };
                let is_name = matches!(verdict, Verdict::Name(_));
                let suggestions = match verdict {
                    Verdict::Name(name) => vec![name],
                    Verdict::Word => {
                        if let Some(s) = cache.get(part) {
                            s.clone()
                        } else if suggested < MAX_SUGGESTED {
                            suggested += 1;
                            let s = dictionary::suggest(d, &normalise(part), self.suggestions);
                            cache.insert(part.to_string(), s.clone());
                            s
                        } else {
                            Vec::new()
                        }
                    }
                };
                let span = doc.prose.source_range(part_range);
                let list = suggestions
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = if list.is_empty() {
                    "if it is spelt as you mean, add it to `words` under `[spelling]` in followup.toml, or write `<!-- followup-words {match} -->` in the draft".to_string()
                } else {
                    format!(
                        "did you mean {list}? If it is spelt as you mean, add it to `words` under `[spelling]` in followup.toml, or write `<!-- followup-words {{match}} -->` in the draft"
                    )
                };
                let mut finding = Finding::at(span).var("match", part);
                if is_name {
                    finding.message = Some(format!(
                        "`{{match}}` looks like a slip of `{}`, a name this note gives",
                        suggestions[0]
                    ));
                }
                finding.help = Some(help);
                finding.suggestions = suggestions;
                findings.push(finding);
            }
        }
        findings
    }

    /// Whether one word part is misspelt, and as what.
    fn verdict(
        &self,
        part: &str,
        sentence_start: bool,
        name_here: bool,
        names: &[String],
        budget: &mut usize,
        d: Dialect,
    ) -> Option<Verdict> {
        let word = normalise(part);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters < self.min_length
            || !word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
            || word.starts_with('\'')
        {
            // Accented words, stray symbols: never flagged.
            return None;
        }
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        let rest: String = chars.collect();
        let upper_inside = rest.chars().any(|c| c.is_ascii_uppercase());
        if upper_inside {
            // ALL CAPS (KPIs, NASA), CamelCase brands (LinkedIn), O'Brien.
            return None;
        }
        if self.known(d, &word, names) {
            return None;
        }
        let lower = word.to_lowercase();
        // Two words run together (`makerspace`) are a word, unless a
        // dictionary word is one edit away (`enginering`).
        if compound(d, &lower) && *budget > 0 {
            *budget -= 1;
            if !dictionary::has_near(d, &lower) {
                return None;
            }
        }
        let bare = lower.strip_suffix("'s").unwrap_or(&lower);
        if bare.chars().count() >= 4 {
            let mut near: Vec<(usize, &String)> = names
                .iter()
                .filter(|n| n.chars().count() >= 4 && !dictionary::contains(d, n))
                .map(|n| (dictionary::edit_distance(bare, n), n))
                .filter(|(d, n)| *d >= 1 && *d <= if n.chars().count() >= 6 { 2 } else { 1 })
                .collect();
            near.sort();
            if let Some((_, name)) = near.first() {
                let shown = dictionary::capitalise(name);
                let shown = if lower.ends_with("'s") {
                    format!("{shown}'s")
                } else {
                    shown
                };
                return Some(Verdict::Name(shown));
            }
        }
        if first_upper {
            if name_here {
                return None;
            }
            if !sentence_start {
                // A capitalised word inside a sentence is a name unless it is
                // a slip of a day or month.
                let near_capitalised = self
                    .capitalised
                    .iter()
                    .any(|c| dictionary::edit_distance(&lower, &c.to_lowercase()) == 1);
                return near_capitalised.then_some(Verdict::Word);
            }
            // First word of a sentence: a name unless a dictionary word is
            // one edit away.
            // Past the budget, such words are taken for names.
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            return dictionary::has_near(d, &lower).then_some(Verdict::Word);
        }
        Some(Verdict::Word)
    }
}

/// Prefixes that make new words of dictionary words (`telehealth`).
const PREFIXES: [&str; 24] = [
    "para", "tele", "intra", "inter", "cryo", "micro", "multi", "pre", "re", "co", "non", "un",
    "sub", "over", "under", "cross", "self", "post", "anti", "bio", "eco", "cyber", "mis", "out",
];

/// Whether `lower` is two dictionary words run together (`makerspace`) or
/// a prefix and a dictionary word (`paraeducator`).
fn compound(d: Dialect, lower: &str) -> bool {
    if !lower.is_ascii() || lower.contains('\'') {
        return false;
    }
    let n = lower.len();
    if PREFIXES.iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|rest| rest.len() >= 4 && dictionary::contains(d, rest))
    }) {
        return true;
    }
    (4..n.saturating_sub(3)).any(|i| {
        n - i >= 4 && dictionary::contains(d, &lower[..i]) && dictionary::contains(d, &lower[i..])
    })
}

enum Verdict {
    /// A slip of a name the note gives.
    Name(String),
    /// Not a word.
    Word,
}
