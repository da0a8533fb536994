//! `spelling`: words that are not in the compiled-in dictionary
//! ([`crate::text::dictionary`]) and are not a name the note gives or a word the
//! user accepts.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::scan::{self, Token};
use super::{Check, CheckKind, CompileError, Env, Finding, check_boilerplate, parameters};
use crate::draft::document::Document;
use crate::text::dictionary::{self, Dialect};

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
    /// `words` and `skip`, as written.
    words: Vec<String>,
    /// `capitalised`, as written.
    capitalised: Vec<String>,
    suggestions: usize,
    min_length: usize,
    /// The word lists in lower case, made the first time a word is not in
    /// the dictionary (a run with the rule off never makes them).
    lookup: OnceLock<Lookup>,
}

/// [`Spelling`]'s word lists, ready to look words up in.
#[derive(Debug, Clone)]
struct Lookup {
    /// Accepted words, lower case, `'` for `’`.
    accepted: HashSet<String>,
    /// Capitalised words, lower case.
    capitalised: Vec<String>,
}

/// The parts of a hyphenated word, with their offsets.
fn parts(word: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    // Without a hyphen or a non-ASCII byte (a dash), the word is one part.
    let mut done = false;
    let single = !word.bytes().any(|b| b == b'-' || b >= 128);
    let mut iter = word.char_indices();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        if single {
            done = true;
            return Some((0, word));
        }
        for (i, c) in iter.by_ref() {
            if matches!(c, '-' | '\u{2013}' | '\u{2014}') {
                let part = (start, &word[start..i]);
                start = i + c.len_utf8();
                return Some(part);
            }
        }
        done = true;
        Some((start, &word[start..]))
    })
}

/// `’` as `'`.
pub(crate) fn normalise(word: &str) -> String {
    word.replace('\u{2019}', "'")
}

/// Whether a token (its [`Token::class`] bits `class`) is not a word at
/// all for proofreading: it holds digits, URL, e-mail, code or template
/// characters, or an inner `.` (`e.g`, `U.S`).
pub(crate) fn is_not_prose(token: &str, class: u8) -> bool {
    token.len() > MAX_WORD_BYTES || class & scan::NOT_PROSE != 0
}

/// The names and accepted words a note gives (lowercase).
fn note_names(doc: &Document, env: &Env<'_>) -> Vec<String> {
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
        let mut words = spec.words;
        words.extend(spec.skip);
        Ok(Spelling {
            words,
            capitalised: spec.capitalised,
            suggestions: spec.suggestions,
            min_length: spec.min_length.max(1),
            lookup: OnceLock::new(),
        })
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup {
            accepted: self
                .words
                .iter()
                .map(|w| normalise(&w.to_lowercase()))
                .collect(),
            capitalised: self.capitalised.iter().map(|c| c.to_lowercase()).collect(),
        })
    }

    /// Whether `word` (one part, ASCII letters and apostrophes; `lower`
    /// is it in lower case) is a word.
    fn known(&self, d: Dialect, word: &str, lower: &str, names: &Names<'_>) -> bool {
        if dictionary::is_common(lower) || in_dictionary(d, word, lower) {
            return true;
        }
        let listed = |l: &str| {
            self.lookup().accepted.contains(l) || names.get().iter().any(|n| n.lower == l)
        };
        listed(lower)
            || ["'s", "'"].iter().any(|suffix| {
                lower
                    .strip_suffix(suffix)
                    .is_some_and(|l| !l.is_empty() && listed(l))
            })
    }

    /// Finds every misspelt word in the checked prose.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        if !dictionary::available() {
            return Vec::new();
        }
        let text = doc.prose.text.as_str();
        let toks = &env.scan(doc).tokens;
        let names = Names {
            doc,
            env,
            names: OnceCell::new(),
        };
        // Capitalised words used inside a sentence are names wherever they
        // stand, a sentence's first word included (made on first need).
        let mid_sentence: OnceCell<HashSet<String>> = OnceCell::new();
        let d = env.dialect;
        let mut findings = Vec::new();
        let mut cache: HashMap<String, Vec<String>> = HashMap::new();
        let mut suggested = 0;
        let mut budget = MAX_SUGGESTED;
        let bytes = text.as_bytes();
        for (i, token) in toks.iter().enumerate() {
            if findings.len() >= MAX_FINDINGS {
                break;
            }
            let class = token.class();
            // Most words: ASCII letters, common in lower case.
            if class & !scan::UPPER == 0 && is_common_word(token.bytes(bytes), class) {
                continue;
            }
            let token_text = token.text(text);
            if is_not_prose(token_text, class) {
                continue;
            }
            // Whether the token, a sentence's first word, is a name: a
            // capitalised word followed by another (`Marek Nowak said`), or
            // one the note uses inside a sentence too.
            let known_name = || {
                if !token.sentence_start() || !token_text.starts_with(|c: char| c.is_uppercase()) {
                    return false;
                }
                let full_name = !token.closed()
                    && toks.get(i + 1).is_some_and(|n| {
                        !n.sentence_start()
                            && !n.opened()
                            && n.text(text).starts_with(|c: char| c.is_uppercase())
                    });
                if full_name {
                    return true;
                }
                let lower = normalise(&token_text.to_lowercase());
                let bare = lower.strip_suffix("'s").unwrap_or(&lower);
                mid_sentence
                    .get_or_init(|| mid_sentence_names(toks, text))
                    .contains(bare)
            };
            for (offset, part) in parts(token_text) {
                let at = token.range().start + offset;
                let part_range = at..at + part.len();
                let first_part = offset == 0;
                // A prefix before a hyphen (`mis-picks`, `multi-site`).
                if offset + part.len() < token_text.len()
                    && PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(part))
                {
                    continue;
                }
                let Some(verdict) = self.verdict(
                    part,
                    token.sentence_start() && first_part,
                    || first_part && known_name(),
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

    /// Whether one word part is misspelt, and as what. `name_here` says
    /// whether the part is a sentence's first word the note shows is a name.
    fn verdict(
        &self,
        part: &str,
        sentence_start: bool,
        name_here: impl FnOnce() -> bool,
        names: &Names<'_>,
        budget: &mut usize,
        d: Dialect,
    ) -> Option<Verdict> {
        let mut word_buf = [0u8; MAX_WORD_BYTES];
        let mut lower_buf = [0u8; MAX_WORD_BYTES];
        // Accented words, stray symbols: never flagged.
        let word = ascii_word(part, &mut word_buf)?;
        let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
        if letters < self.min_length || word.starts_with('\'') {
            return None;
        }
        let first_upper = word.as_bytes()[0].is_ascii_uppercase();
        if word.as_bytes()[1..].iter().any(u8::is_ascii_uppercase) {
            // ALL CAPS (KPIs, NASA), CamelCase brands (LinkedIn), O'Brien.
            return None;
        }
        let lower = if first_upper {
            let out = lower_buf.get_mut(..word.len())?;
            out.copy_from_slice(word.as_bytes());
            out[0] = out[0].to_ascii_lowercase();
            std::str::from_utf8(out).ok()?
        } else {
            word
        };
        if self.known(d, word, lower, names) {
            return None;
        }
        // Two words run together (`makerspace`) are a word, unless a
        // dictionary word is one edit away (`enginering`).
        if compound(d, lower) && *budget > 0 {
            *budget -= 1;
            if !dictionary::has_near(d, lower) {
                return None;
            }
        }
        let bare = lower.strip_suffix("'s").unwrap_or(lower);
        if bare.len() >= 4 {
            let mut near: Vec<(usize, &String)> = names
                .get()
                .iter()
                .filter(|n| n.slip_target)
                .map(|n| (dictionary::edit_distance(bare, &n.lower), &n.lower))
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
            if name_here() {
                return None;
            }
            if !sentence_start {
                // A capitalised word inside a sentence is a name unless it is
                // a slip of a day or month.
                let near_capitalised = self
                    .lookup()
                    .capitalised
                    .iter()
                    .any(|c| dictionary::edit_distance(lower, c) == 1);
                return near_capitalised.then_some(Verdict::Word);
            }
            // First word of a sentence: a name unless a dictionary word is
            // one edit away.
            // Past the budget, such words are taken for names.
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            return dictionary::has_near(d, lower).then_some(Verdict::Word);
        }
        Some(Verdict::Word)
    }
}

/// Most words [`in_dictionary`] remembers per thread.
const MAX_REMEMBERED: usize = 50_000;

/// Words and whether the dictionary has them, with the dialect asked for.
type Remembered = HashMap<Box<[u8]>, (Dialect, bool), crate::text::hash::FnvBuild>;

thread_local! {
    /// [`in_dictionary`]'s answers so far on this thread: the words of a
    /// folder of drafts recur, and a map lookup costs several times a hash
    /// lookup.
    static REMEMBERED: RefCell<Remembered> = RefCell::new(HashMap::default());
}

/// Whether the dictionary has `word` (ASCII letters and apostrophes;
/// `lower` in lower case) as written, in lower case, capitalised, or
/// without a possessive `'s` or `'`.
fn in_dictionary(d: Dialect, word: &str, lower: &str) -> bool {
    let remembered = REMEMBERED.with(|m| {
        m.try_borrow()
            .ok()
            .and_then(|m| m.get(word.as_bytes()).copied())
    });
    if let Some((dialect, known)) = remembered {
        if dialect == d {
            return known;
        }
    }
    let forms =
        |w: &str, l: &str| dictionary::contains(d, w) || (w != l && dictionary::contains(d, l));
    let mut buf = [0u8; MAX_WORD_BYTES];
    let capitalised = buf.get_mut(..lower.len()).and_then(|cap| {
        cap.copy_from_slice(lower.as_bytes());
        cap[0] = cap[0].to_ascii_uppercase();
        std::str::from_utf8(cap).ok()
    });
    let known = forms(word, lower)
        || capitalised.is_some_and(|c| c != word && dictionary::contains(d, c))
        || ["'s", "'"].iter().any(|suffix| {
            match (word.strip_suffix(suffix), lower.strip_suffix(suffix)) {
                (Some(w), Some(l)) => !w.is_empty() && forms(w, l),
                _ => false,
            }
        });
    REMEMBERED.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            if m.len() < MAX_REMEMBERED {
                m.insert(word.as_bytes().into(), (d, known));
            }
        }
    });
    known
}

/// Whether `word` (ASCII letters, [`Token::class`] bits `class`) is a
/// common word, in lower case or with only its first letter upper-case.
fn is_common_word(word: &[u8], class: u8) -> bool {
    if class & scan::UPPER == 0 {
        return dictionary::is_common_bytes(word);
    }
    let mut buf = [0u8; MAX_WORD_BYTES];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word);
    lower[0] = lower[0].to_ascii_lowercase();
    !lower.iter().any(u8::is_ascii_uppercase) && dictionary::is_common_bytes(lower)
}

/// A name or accepted word the note gives.
struct Name {
    /// In lower case.
    lower: String,
    /// A word close to it is a slip of it: four letters or more, and no
    /// dictionary word.
    slip_target: bool,
}

/// The names a note gives, collected on first need (most drafts' words are
/// all in the dictionary).
struct Names<'d> {
    doc: &'d Document,
    env: &'d Env<'d>,
    names: OnceCell<Vec<Name>>,
}

impl Names<'_> {
    fn get(&self) -> &[Name] {
        self.names.get_or_init(|| {
            note_names(self.doc, self.env)
                .into_iter()
                .map(|lower| Name {
                    slip_target: lower.chars().count() >= 4
                        && !dictionary::contains(self.env.dialect, &lower),
                    lower,
                })
                .collect()
        })
    }
}

/// The capitalised tokens used inside a sentence (lower case, `'s` cut).
fn mid_sentence_names(toks: &[Token], text: &str) -> HashSet<String> {
    toks.iter()
        .filter(|t| !t.sentence_start() && t.text(text).starts_with(|c: char| c.is_uppercase()))
        .map(|t| normalise(&t.text(text).to_lowercase()))
        .map(|t| t.strip_suffix("'s").map(str::to_string).unwrap_or(t))
        .collect()
}

/// `part` when it is ASCII letters and apostrophes only; with `’` as `'`
/// (written into `buf`) when it holds one; `None` for anything else.
fn ascii_word<'a>(part: &'a str, buf: &'a mut [u8]) -> Option<&'a str> {
    if part.is_empty() {
        return None;
    }
    if part.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'') {
        return Some(part);
    }
    let mut n = 0;
    for c in part.chars() {
        let b = match c {
            '\u{2019}' | '\'' => b'\'',
            c if c.is_ascii_alphabetic() => c as u8,
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
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
    (3..n.saturating_sub(2)).any(|i| {
        n - i >= 3 && dictionary::contains(d, &lower[..i]) && dictionary::contains(d, &lower[i..])
    })
}

enum Verdict {
    /// A slip of a name the note gives.
    Name(String),
    /// Not a word.
    Word,
}

/// The `spelling` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "spelling",
    user_rules: false,
    variables: &["match"],
    compile: |value| Ok(Box::new(Spelling::compile(parameters(value)?)?)),
};

impl Check for Spelling {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    check_boilerplate!();
}
