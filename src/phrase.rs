//! Phrase templates, the fast path for rule patterns: `you (mentioned|said)`,
//! `(a|an|) offer`, `thank*`. Templates expand to literal phrases matched in
//! one pass with Aho-Corasick (ASCII case ignored), whole words only unless a
//! template ends in `*`. Building the automaton takes microseconds, so a
//! one-shot `followup lint` stays fast.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Most literal phrases one template may expand to.
const MAX_EXPANSION: usize = 4096;

/// A set of phrase templates: expanded (and so validated) when a rule
/// loads, its automaton built on first use.
#[derive(Debug)]
pub struct PhraseSet {
    phrases: Vec<String>,
    case_sensitive: bool,
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
    /// For each literal: (template index, open end (`*`)).
    literals: Vec<(usize, bool)>,
}

impl Clone for PhraseSet {
    fn clone(&self) -> Self {
        PhraseSet {
            phrases: self.phrases.clone(),
            case_sensitive: self.case_sensitive,
            automaton: std::sync::OnceLock::new(),
            literals: self.literals.clone(),
        }
    }
}

/// Expands one template into its literal phrases and whether it ends in `*`.
pub fn expand(template: &str) -> Result<(Vec<String>, bool), String> {
    let trimmed = template.trim();
    let (body, open_end) = match trimmed.strip_suffix('*') {
        Some(body) => (body, true),
        None => (trimmed, false),
    };
    if body.is_empty() {
        return Err("an empty phrase matches everything".into());
    }
    let mut results = vec![String::new()];
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('(') {
            let close = after
                .find(')')
                .ok_or_else(|| format!("unclosed `(` in phrase `{template}`"))?;
            let inner = &after[..close];
            if inner.contains('(') {
                return Err(format!(
                    "nested `(` in phrase `{template}`: groups cannot nest"
                ));
            }
            let options: Vec<&str> = inner.split('|').collect();
            if results.len() * options.len() > MAX_EXPANSION {
                return Err(format!("phrase `{template}` expands to too many phrases"));
            }
            results = results
                .iter()
                .flat_map(|r| options.iter().map(move |o| format!("{r}{o}")))
                .collect();
            rest = &after[close + 1..];
        } else {
            let next = rest.find('(').unwrap_or(rest.len());
            let literal = &rest[..next];
            if literal.contains([')', '|']) {
                return Err(format!("stray `)` or `|` in phrase `{template}`"));
            }
            for r in &mut results {
                r.push_str(literal);
            }
            rest = &rest[next..];
        }
    }
    let mut out: Vec<String> = Vec::new();
    for r in results {
        let normal = r.split_whitespace().collect::<Vec<_>>().join(" ");
        if normal.is_empty() {
            return Err(format!("phrase `{template}` can match nothing"));
        }
        if normal.contains('\'') {
            out.push(normal.replace('\'', "\u{2019}"));
        }
        out.push(normal);
    }
    out.sort();
    out.dedup();
    Ok((out, open_end))
}

impl PhraseSet {
    /// Compiles templates; `Err((template, message))` names a bad one.
    pub fn new(templates: &[&str], case_sensitive: bool) -> Result<PhraseSet, (String, String)> {
        let mut phrases = Vec::new();
        let mut literals = Vec::new();
        for (i, template) in templates.iter().enumerate() {
            let (expanded, open_end) =
                expand(template).map_err(|e| ((*template).to_string(), e))?;
            for phrase in expanded {
                phrases.push(phrase);
                literals.push((i, open_end));
            }
        }
        Ok(PhraseSet {
            phrases,
            case_sensitive,
            automaton: std::sync::OnceLock::new(),
            literals,
        })
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(!self.case_sensitive)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .prefilter(false)
                    .build(&self.phrases)
                    .ok()
            })
            .as_ref()
    }

    /// Builds the automaton now (to spread the work over threads).
    pub fn warm(&self) {
        let _ = self.automaton();
    }

    /// Every whole-word match: (template index, byte range), in text order,
    /// overlapping ones included. `text` should have its white space
    /// normalised with [`spaces_normalised`].
    pub fn matches(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let Some(automaton) = self.automaton() else {
            return out;
        };
        for m in automaton.find_overlapping_iter(text) {
            let (template, open_end) = self.literals[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if starts_word(bytes, start) && (open_end || ends_word(bytes, end)) {
                if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                    continue;
                }
                out.push((template, start..end));
            }
        }
        out.sort_by_key(|(t, r)| (r.start, std::cmp::Reverse(r.end), *t));
        out
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A match starting at `start` begins a word (or starts with a non-word character).
fn starts_word(bytes: &[u8], start: usize) -> bool {
    let first = bytes.get(start).copied().unwrap_or(b' ');
    !is_word_byte(first) || start == 0 || !is_word_byte(bytes[start - 1])
}

/// A match ending at `end` ends a word (or ends with a non-word character).
fn ends_word(bytes: &[u8], end: usize) -> bool {
    let last = if end == 0 { b' ' } else { bytes[end - 1] };
    !is_word_byte(last) || end >= bytes.len() || !is_word_byte(bytes[end])
}

/// `text` with every ASCII white-space byte turned into a space (same
/// length, same offsets), so phrases match across line breaks.
pub fn spaces_normalised(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_whitespace() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_groups_optional_words_and_apostrophes() {
        let (out, open) = expand("(I|I've) (sent|) you").unwrap();
        assert!(!open);
        assert!(out.contains(&"I you".to_string()) && out.contains(&"I’ve sent you".to_string()));
        assert_eq!(expand("thank*").unwrap(), (vec!["thank".to_string()], true));
        assert!(expand("(a|b").is_err());
        assert!(expand("((a))").is_err());
    }

    #[test]
    fn matches_whole_words_ignoring_case() {
        let set = PhraseSet::new(&["you mentioned", "thank*", "gift"], false).unwrap();
        let text = spaces_normalised("Thanks! You\nmentioned gifted kids, not a gift.");
        let found: Vec<_> = set
            .matches(&text)
            .into_iter()
            .map(|(t, r)| (t, &text[r]))
            .collect();
        assert_eq!(found, vec![(1, "Thank"), (0, "You mentioned"), (2, "gift")]);
    }
}
