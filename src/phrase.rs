//! Phrase templates, the fast path for rule patterns: `you (mentioned|said)`,
//! `(a|an|) offer`, `thank*`. Each template's first part (a word, or the
//! alternatives of a leading group) is found with one Aho-Corasick pass (ASCII
//! case ignored); the rest of the template is then checked at each hit.
//! Matches are whole words unless a template ends in `*`. The automaton holds
//! only the first parts, so it builds in well under a millisecond.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Most literal phrases one template may expand to.
const MAX_EXPANSION: usize = 4096;

/// One piece of a template: literal text, or a group of alternatives.
#[derive(Debug, Clone)]
enum Part {
    Lit(String),
    Alt(Vec<String>),
    /// ` ... `: any words, up to [`MAX_GAP`] bytes, not past the end of a sentence.
    Gap,
}

/// The longest stretch a ` ... ` gap may skip.
const MAX_GAP: usize = 80;

/// A parsed template.
#[derive(Debug, Clone)]
struct Template {
    /// Index of the template as the rule wrote it.
    index: usize,
    parts: Vec<Part>,
    open_end: bool,
}

/// A set of phrase templates: parsed (and so validated) when a rule loads,
/// the automaton of first parts built on first use.
#[derive(Debug)]
pub struct PhraseSet {
    templates: Vec<Template>,
    /// Anchor strings and, for each, the template it starts.
    anchors: Vec<String>,
    anchor_template: Vec<usize>,
    case_sensitive: bool,
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
}

impl Clone for PhraseSet {
    fn clone(&self) -> Self {
        PhraseSet {
            templates: self.templates.clone(),
            anchors: self.anchors.clone(),
            anchor_template: self.anchor_template.clone(),
            case_sensitive: self.case_sensitive,
            automaton: std::sync::OnceLock::new(),
        }
    }
}

/// Splits a template into parts (validating it) and says whether it ends in `*`.
fn parse_parts(template: &str) -> Result<(Vec<Part>, bool), String> {
    let trimmed = template.trim();
    let (body, open_end) = match trimmed.strip_suffix('*') {
        Some(body) => (body, true),
        None => (trimmed, false),
    };
    if body.is_empty() {
        return Err("an empty phrase matches everything".into());
    }
    let mut parts = Vec::new();
    let mut rest = body;
    let mut combinations = 1usize;
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
            let options: Vec<String> = inner.split('|').map(str::to_owned).collect();
            combinations = combinations.saturating_mul(options.len());
            if combinations > MAX_EXPANSION {
                return Err(format!("phrase `{template}` expands to too many phrases"));
            }
            parts.push(Part::Alt(options));
            rest = &after[close + 1..];
        } else {
            let next = rest.find('(').unwrap_or(rest.len());
            let literal = &rest[..next];
            if literal.contains([')', '|']) {
                return Err(format!("stray `)` or `|` in phrase `{template}`"));
            }
            let collapsed = collapse_spaces(literal);
            for (i, piece) in collapsed.split(" ... ").enumerate() {
                if i > 0 {
                    parts.push(Part::Gap);
                }
                if !piece.is_empty() {
                    parts.push(Part::Lit(piece.to_string()));
                }
            }
            rest = &rest[next..];
        }
    }
    Ok((parts, open_end))
}

/// Runs of white space to one space, keeping a leading or trailing one.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Templates whose first part can be empty, rewritten so every variant
/// starts with text (an anchor).
fn with_anchors(parts: Vec<Part>) -> Vec<Vec<Part>> {
    match parts.split_first() {
        Some((Part::Alt(options), rest)) if options.iter().any(|o| o.trim().is_empty()) => {
            let mut out = Vec::new();
            let filled: Vec<String> = options
                .iter()
                .filter(|o| !o.trim().is_empty())
                .cloned()
                .collect();
            if !filled.is_empty() {
                let mut v = vec![Part::Alt(filled)];
                v.extend(rest.iter().cloned());
                out.push(v);
            }
            let mut tail: Vec<Part> = rest.to_vec();
            if let Some(Part::Lit(first)) = tail.first_mut() {
                *first = first.trim_start().to_string();
                if first.is_empty() {
                    tail.remove(0);
                }
            }
            if !tail.is_empty() {
                out.extend(with_anchors(tail));
            }
            out
        }
        Some((Part::Lit(first), _)) if first.trim().is_empty() => {
            with_anchors(parts.into_iter().skip(1).collect())
        }
        _ => vec![parts],
    }
}

/// Expands one template into its literal phrases (a ` ... ` gap stays as
/// written) and whether it ends in `*`: what the template can match, for
/// tests and documentation.
pub fn expand(template: &str) -> Result<(Vec<String>, bool), String> {
    let (parts, open_end) = parse_parts(template)?;
    let mut results = vec![String::new()];
    for part in parts {
        match part {
            Part::Lit(text) => results.iter_mut().for_each(|r| r.push_str(&text)),
            Part::Gap => results.iter_mut().for_each(|r| r.push_str(" ... ")),
            Part::Alt(options) => {
                results = results
                    .iter()
                    .flat_map(|r| options.iter().map(move |o| format!("{r}{o}")))
                    .collect();
            }
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
        let mut parsed = Vec::new();
        let mut anchors = Vec::new();
        let mut anchor_template = Vec::new();
        for (index, template) in templates.iter().enumerate() {
            let (parts, open_end) =
                parse_parts(template).map_err(|e| ((*template).to_string(), e))?;
            for variant in with_anchors(parts) {
                let Some(first) = variant.first() else {
                    continue;
                };
                let starts: Vec<String> = match first {
                    Part::Lit(s) => vec![s.clone()],
                    Part::Alt(options) => options.clone(),
                    Part::Gap => Vec::new(),
                };
                let id = parsed.len();
                for start in starts.iter().filter(|s| !s.trim().is_empty()) {
                    let start = start.trim_start().to_string();
                    if start.contains('\'') {
                        anchors.push(start.replace('\'', "\u{2019}"));
                        anchor_template.push(id);
                    }
                    anchors.push(start);
                    anchor_template.push(id);
                }
                parsed.push(Template {
                    index,
                    parts: variant[1..].to_vec(),
                    open_end,
                });
            }
        }
        if anchors.is_empty() {
            let first = templates.first().map(|s| s.to_string()).unwrap_or_default();
            return Err((first, "a phrase must start with some text".into()));
        }
        Ok(PhraseSet {
            templates: parsed,
            anchors,
            anchor_template,
            case_sensitive,
            automaton: std::sync::OnceLock::new(),
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
                    .build(&self.anchors)
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
            let (start, anchor_end) = (m.start(), m.end());
            if !starts_word(bytes, start) {
                continue;
            }
            let template = &self.templates[self.anchor_template[m.pattern().as_usize()]];
            let mut ends = Vec::new();
            self.continue_match(text, &template.parts, anchor_end, false, &mut ends);
            let best = ends
                .into_iter()
                .filter(|&end| template.open_end || ends_word(bytes, end))
                .filter(|&end| text.is_char_boundary(end))
                .max();
            if let Some(end) = best {
                if text.is_char_boundary(start) {
                    out.push((template.index, start..end));
                }
            }
        }
        out.sort_by_key(|(t, r)| (r.start, std::cmp::Reverse(r.end), *t));
        out.dedup();
        out
    }

    /// Collects every end position where `parts` can match from `pos`.
    /// `after_space`: the text just matched ended in a space that an empty
    /// alternative left doubled, so the next part's leading space is dropped.
    fn continue_match(
        &self,
        text: &str,
        parts: &[Part],
        pos: usize,
        after_space: bool,
        ends: &mut Vec<usize>,
    ) {
        let Some((part, rest)) = parts.split_first() else {
            ends.push(pos);
            return;
        };
        match part {
            Part::Lit(lit) => {
                let lit = if after_space {
                    lit.strip_prefix(' ').unwrap_or(lit)
                } else {
                    lit
                };
                if let Some(next) = self.literal_at(text, pos, lit) {
                    self.continue_match(text, rest, next, false, ends);
                }
            }
            Part::Gap => {
                // The next part starts after a space, at most MAX_GAP bytes on,
                // never past sentence punctuation or a blank line.
                let bytes = text.as_bytes();
                let limit = (pos + MAX_GAP).min(bytes.len());
                let mut at = pos;
                while at < limit {
                    let b = bytes[at];
                    if matches!(b, b'.' | b'!' | b'?')
                        || (b == b' ' && bytes.get(at + 1) == Some(&b' '))
                    {
                        break;
                    }
                    if b == b' ' {
                        self.continue_match(text, rest, at + 1, false, ends);
                    }
                    at += 1;
                }
            }
            Part::Alt(options) => {
                for option in options {
                    if option.is_empty() {
                        let ends_in_space = pos > 0 && text.as_bytes()[pos - 1] == b' ';
                        self.continue_match(text, rest, pos, ends_in_space, ends);
                    } else if let Some(next) = self.literal_at(text, pos, option) {
                        self.continue_match(text, rest, next, false, ends);
                    }
                }
            }
        }
    }

    /// Where `lit` ends if it stands in `text` at `pos` (ASCII case ignored
    /// unless case-sensitive; `'` also matches `’`).
    fn literal_at(&self, text: &str, pos: usize, lit: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut at = pos;
        for b in lit.bytes() {
            if b == b'\'' && text[at.min(text.len())..].starts_with('\u{2019}') {
                at += '\u{2019}'.len_utf8();
                continue;
            }
            let t = *bytes.get(at)?;
            let same = if self.case_sensitive {
                t == b
            } else {
                t.eq_ignore_ascii_case(&b)
            };
            if !same {
                return None;
            }
            at += 1;
        }
        Some(at)
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
        let gap = PhraseSet::new(&["follow ... (instagram|tiktok)"], false).unwrap();
        let text = spaces_normalised("Please follow my sketches on Instagram. Follow up. TikTok");
        assert_eq!(gap.matches(&text).len(), 1);
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
