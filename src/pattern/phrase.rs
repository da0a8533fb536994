//! Phrase templates, the fast path for rule patterns: `you (mentioned|said)`,
//! `(a|an|) offer`, `thank*`. Each template's opening text (its first part,
//! grown a little into the parts after it, see `leading_text`) gives its
//! anchors; the anchors are kept sorted (ASCII case folded) so that, at each
//! place a word can start, one walk down the sorted list finds every anchor
//! standing there. The rest of the template is then checked at each hit. Matches are whole words unless a
//! template ends in `*`. Building the index is a sort, so a rule costs
//! microseconds to prepare and matching is linear in the text.

use crate::text::words::collapse_spaces;
use std::ops::Range;

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

/// A set of phrase templates, parsed (and so validated) when a rule loads,
/// with the index of their anchors.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    templates: Vec<Template>,
    anchors: AnchorIndex,
    case_sensitive: bool,
}

/// The anchors of a set, sorted by their (case-folded) bytes.
#[derive(Debug, Clone, Default)]
struct AnchorIndex {
    /// Every anchor's folded bytes, one after another.
    bytes: Vec<u8>,
    /// Each anchor's place in `bytes` and the template it starts, in sorted order.
    entries: Vec<Anchor>,
    /// `entries[first[b]..first[b + 1]]` are the anchors starting with byte `b`.
    first: Vec<u32>,
    /// One bit per pair of first two bytes that some anchor starts with
    /// (hashed; one-byte anchors set every pair of their byte), so most
    /// places in a text are passed over after one lookup.
    pairs: Vec<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Anchor {
    start: u32,
    len: u32,
    template: u32,
}

impl AnchorIndex {
    /// Adds an anchor (leading white space dropped; one with `'` is added
    /// again with `’`). Call [`AnchorIndex::sort`] when all are in.
    fn add(&mut self, text: &str, template: usize, case_sensitive: bool) {
        let text = text.trim_start();
        if text.trim_end().is_empty() {
            return;
        }
        let mut push = |pieces: &mut dyn Iterator<Item = u8>| {
            let start = self.bytes.len();
            self.bytes.extend(pieces.map(|b| fold(b, case_sensitive)));
            self.entries.push(Anchor {
                start: start as u32,
                len: (self.bytes.len() - start) as u32,
                template: template as u32,
            });
        };
        if text.contains('\'') {
            let curly = text.replace('\'', "\u{2019}");
            push(&mut curly.bytes());
        }
        push(&mut text.bytes());
    }

    /// Sorts the anchors and indexes them by first byte.
    fn sort(&mut self) {
        let bytes = &self.bytes;
        let key = |a: &Anchor| &bytes[a.start as usize..(a.start + a.len) as usize];
        self.entries
            .sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.template.cmp(&b.template)));
        let mut first = vec![0u32; 257];
        for a in &self.entries {
            first[bytes[a.start as usize] as usize + 1] += 1;
        }
        for b in 0..256 {
            first[b + 1] += first[b];
        }
        self.first = first;
        let mut pairs = vec![0u64; PAIR_BITS / 64];
        for a in &self.entries {
            let key = key(a);
            match key.get(1) {
                Some(&second) => set_bit(&mut pairs, pair_slot(key[0], second)),
                None => (0..=255u8).for_each(|b| set_bit(&mut pairs, pair_slot(key[0], b))),
            }
        }
        self.pairs = pairs;
    }

    /// Whether some anchor may start with the bytes at `pos` (judged by the
    /// first two; a false yes costs a look in the index, never a miss).
    fn may_start(&self, text: &[u8], pos: usize, case_sensitive: bool) -> bool {
        let first = fold(text[pos], case_sensitive);
        // A one-byte anchor set every pair of its byte, so any second byte will do.
        let second = text.get(pos + 1).map_or(0, |&b| fold(b, case_sensitive));
        let slot = pair_slot(first, second);
        self.pairs
            .get(slot / 64)
            .is_some_and(|bits| bits & (1 << (slot % 64)) != 0)
    }

    /// The byte at `depth` of an anchor, or `None` past its end.
    fn byte(&self, a: &Anchor, depth: usize) -> Option<u8> {
        (depth < a.len as usize).then(|| self.bytes[a.start as usize + depth])
    }

    /// Calls `found(template, end)` for every anchor that `text` has at `pos`.
    /// Stops early when `found` returns `false`; returns `false` if it did.
    fn at(
        &self,
        text: &[u8],
        pos: usize,
        case_sensitive: bool,
        mut found: impl FnMut(usize, usize) -> bool,
    ) -> bool {
        let Some(&b) = text.get(pos) else {
            return true;
        };
        let b = fold(b, case_sensitive) as usize;
        let (mut lo, mut hi) = (self.first[b] as usize, self.first[b + 1] as usize);
        let mut depth = 1;
        while lo < hi {
            // Anchors ending here sort first in the range.
            while lo < hi && self.entries[lo].len as usize == depth {
                if !found(self.entries[lo].template as usize, pos + depth) {
                    return false;
                }
                lo += 1;
            }
            let Some(&next) = text.get(pos + depth) else {
                return true;
            };
            let next = Some(fold(next, case_sensitive));
            let range = &self.entries[lo..hi];
            let below = range.partition_point(|a| self.byte(a, depth) < next);
            let upto = range.partition_point(|a| self.byte(a, depth) <= next);
            (lo, hi) = (lo + below, lo + upto);
            depth += 1;
        }
        true
    }
}

/// Bits in an index's table of first-two-byte pairs (hashed into it).
const PAIR_BITS: usize = 4096;

/// Where a pair of first bytes lands in the table.
fn pair_slot(first: u8, second: u8) -> usize {
    (usize::from(first) * 131 + usize::from(second)) % PAIR_BITS
}

fn set_bit(bits: &mut [u64], slot: usize) {
    bits[slot / 64] |= 1 << (slot % 64);
}

/// `b` as the index compares it: ASCII letters lower-cased unless case matters.
fn fold(b: u8, case_sensitive: bool) -> u8 {
    if case_sensitive {
        b
    } else {
        b.to_ascii_lowercase()
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
            if collapsed.contains(" ... ") {
                for (i, piece) in collapsed.split(" ... ").enumerate() {
                    if i > 0 {
                        parts.push(Part::Gap);
                    }
                    if !piece.is_empty() {
                        parts.push(Part::Lit(piece.to_string()));
                    }
                }
            } else {
                parts.push(Part::Lit(collapsed));
            }
            rest = &rest[next..];
        }
    }
    Ok((parts, open_end))
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

/// Anchors at least this long are specific enough: few places in a text
/// start with them.
const ANCHOR_LENGTH: usize = 4;

/// Most anchors one template variant may spread into.
const MAX_ANCHORS: usize = 8;

/// The texts a template variant can start with, and how many of its parts
/// they cover: its first part, grown through the parts after it (groups
/// multiply it, up to [`MAX_ANCHORS`]) until it is [`ANCHOR_LENGTH`] long.
/// Growth stops at a gap, an optional group or an apostrophe, which the
/// matcher handles.
fn leading_text(parts: &[Part]) -> (Vec<String>, usize) {
    let mut starts = vec![String::new()];
    let mut used = 0;
    for (i, part) in parts.iter().enumerate() {
        let grown: Vec<String> = match part {
            Part::Lit(text) if i == 0 || !text.contains('\'') => {
                starts.iter().map(|s| joined(s, text)).collect()
            }
            // The first part is always taken: it is what the anchors are.
            Part::Alt(options)
                if i == 0
                    || (!options.iter().any(|o| o.is_empty() || o.contains('\''))
                        && starts.len() * options.len() <= MAX_ANCHORS) =>
            {
                starts
                    .iter()
                    .flat_map(|s| options.iter().map(move |o| joined(s, o)))
                    .collect()
            }
            _ => break,
        };
        starts = grown;
        used += 1;
        if starts.iter().all(|s| s.trim().len() >= ANCHOR_LENGTH) {
            break;
        }
    }
    (starts, used)
}

fn joined(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len());
    out.push_str(a);
    out.push_str(b);
    out
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
        let mut anchors = AnchorIndex::default();
        for (index, template) in templates.iter().enumerate() {
            let (parts, open_end) =
                parse_parts(template).map_err(|e| ((*template).to_string(), e))?;
            for variant in with_anchors(parts) {
                let (starts, used) = leading_text(&variant);
                let id = parsed.len();
                for start in &starts {
                    anchors.add(start, id, case_sensitive);
                }
                parsed.push(Template {
                    index,
                    parts: variant.into_iter().skip(used).collect(),
                    open_end,
                });
            }
        }
        if anchors.entries.is_empty() {
            let first = templates.first().map(|s| s.to_string()).unwrap_or_default();
            return Err((first, "a phrase must start with some text".into()));
        }
        anchors.sort();
        Ok(PhraseSet {
            templates: parsed,
            anchors,
            case_sensitive,
        })
    }

    /// Every whole-word match: (template index, byte range), in text order,
    /// overlapping ones included. `text` should have its white space
    /// normalised with [`spaces_normalised`].
    pub fn matches(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        self.matches_at(text, &word_starts(text))
    }

    /// [`PhraseSet::matches`] with the places words start in `text` known
    /// ([`word_starts`]), as when many sets search one text.
    pub fn matches_at(&self, text: &str, starts: &[u32]) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        self.scan(text, starts, |template, range| {
            out.push((template, range));
            true
        });
        out.sort_by_key(|(t, r)| (r.start, std::cmp::Reverse(r.end), *t));
        out.dedup();
        out
    }

    /// Whether any template matches `text` (white space normalised); stops
    /// at the first match.
    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_at(text, &word_starts(text))
    }

    /// [`PhraseSet::is_match`] with the word starts of `text` known.
    pub fn is_match_at(&self, text: &str, starts: &[u32]) -> bool {
        !self.scan(text, starts, |_, _| false)
    }

    /// Calls `found(template index, range)` for each place a template
    /// matches (its longest match there) until `found` returns `false`;
    /// returns `false` if it stopped early.
    fn scan(
        &self,
        text: &str,
        starts: &[u32],
        mut found: impl FnMut(usize, Range<usize>) -> bool,
    ) -> bool {
        let bytes = text.as_bytes();
        let mut ends = Vec::new();
        for start in starts.iter().map(|&s| s as usize) {
            if start >= bytes.len() || !self.anchors.may_start(bytes, start, self.case_sensitive) {
                continue;
            }
            let go_on =
                self.anchors
                    .at(bytes, start, self.case_sensitive, |template, anchor_end| {
                        let template = &self.templates[template];
                        ends.clear();
                        self.continue_match(text, &template.parts, anchor_end, false, &mut ends);
                        let best = ends
                            .iter()
                            .copied()
                            .filter(|&end| template.open_end || ends_word(bytes, end))
                            .filter(|&end| text.is_char_boundary(end))
                            .max();
                        match best {
                            Some(end) => found(template.index, start..end),
                            None => true,
                        }
                    });
            if !go_on {
                return false;
            }
        }
        true
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

/// Bytes that belong to words: ASCII letters and digits, and every byte of
/// a non-ASCII character.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    table
};

fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[b as usize]
}

/// A match ending at `end` ends a word (or ends with a non-word character).
fn ends_word(bytes: &[u8], end: usize) -> bool {
    let last = if end == 0 { b' ' } else { bytes[end - 1] };
    !is_word_byte(last) || end >= bytes.len() || !is_word_byte(bytes[end])
}

/// The places a phrase can start in `text` (white space normalised): the
/// start of each word and each byte of punctuation. Matches never start
/// inside a word or a UTF-8 sequence, whose bytes all count as word bytes.
pub fn word_starts(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut after_word = false;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        let word = is_word_byte(b);
        if !(word && after_word) && b != b' ' {
            out.push(at as u32);
        }
        after_word = word;
    }
    out
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

    #[test]
    fn one_byte_anchors_curly_apostrophes_and_case() {
        let set = PhraseSet::new(&["u", "I'm (so|) sorry", "ty"], false).unwrap();
        let text = spaces_normalised("U.S. data; I’m so sorry, ty! Ütility");
        let found: Vec<_> = set
            .matches(&text)
            .into_iter()
            .map(|(t, r)| (t, &text[r]))
            .collect();
        assert_eq!(found, vec![(0, "U"), (1, "I’m so sorry"), (2, "ty")]);
        assert!(set.is_match(&text));
        assert!(!set.is_match("nothing here at all"));
        let exact = PhraseSet::new(&["u", "TK"], true).unwrap();
        let text = spaces_normalised("U.S. tk TK u");
        let found: Vec<_> = exact.matches(&text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(found, vec![8..10, 11..12]);
    }
}
