//! The prose words the proofreading checks look at, scanned once per draft
//! and shared by `spelling`, `repeated-words` and `confusions`.

use std::ops::Range;

use crate::draft::document::Document;

/// Punctuation was trimmed after the token (or it ends a line or a range).
const CLOSED: u8 = 1;
/// Punctuation was trimmed before the token.
const OPENED: u8 = 2;
/// The first token of a sentence, a line or a block.
const SENTENCE_START: u8 = 4;
/// White space before it holds a blank line, or it starts a new range.
const BLOCK_START: u8 = 8;

/// Byte class: ASCII white space.
const SPACE: u8 = 1;
/// Byte class: a digit, or URL, e-mail, code or template punctuation (the
/// token is no prose word).
pub(crate) const NOT_PROSE: u8 = 2;
/// Byte class: an upper-case ASCII letter.
pub(crate) const UPPER: u8 = 4;
/// Byte class: an apostrophe.
pub(crate) const APOSTROPHE: u8 = 8;
/// Byte class: a hyphen.
pub(crate) const HYPHEN: u8 = 16;
/// Byte class: part of a non-ASCII character.
pub(crate) const NON_ASCII: u8 = 32;
/// Byte class: any other ASCII byte that is no letter (control characters).
pub(crate) const OTHER: u8 = 64;

/// The class of each byte.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 128 {
            NON_ASCII
        } else if c.is_ascii_whitespace() || c == 0x0b {
            SPACE
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            0
        } else if c == b'\'' {
            APOSTROPHE
        } else if c == b'-' {
            HYPHEN
        } else if c.is_ascii_digit() || c.is_ascii_punctuation() {
            NOT_PROSE
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// The or-ed [`CLASS`] bits of `bytes`.
fn class_of(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |acc, &b| acc | CLASS[b as usize])
}

/// One whitespace-separated token of the checked prose, the punctuation
/// around it trimmed: its bytes in the prose text and what stands around it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    start: u32,
    end: u32,
    flags: u8,
    /// The [`CLASS`] bits of its bytes, or-ed.
    class: u8,
}

impl Token {
    /// Prose bytes of the trimmed token.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Its length in bytes.
    pub(crate) fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// The trimmed token's bytes in `prose` (the prose text's bytes).
    pub(crate) fn bytes<'t>(&self, prose: &'t [u8]) -> &'t [u8] {
        prose.get(self.range()).unwrap_or_default()
    }

    /// The trimmed token in `prose` (the document's prose text).
    pub(crate) fn text<'t>(&self, prose: &'t str) -> &'t str {
        prose.get(self.range()).unwrap_or_default()
    }

    /// Punctuation was trimmed after it (or it ends a line or a range).
    pub(crate) fn closed(&self) -> bool {
        self.flags & CLOSED != 0
    }

    /// Punctuation was trimmed before it.
    pub(crate) fn opened(&self) -> bool {
        self.flags & OPENED != 0
    }

    /// The first token of a sentence, a line or a block.
    pub(crate) fn sentence_start(&self) -> bool {
        self.flags & SENTENCE_START != 0
    }

    /// White space before it holds a blank line, or it starts a new range.
    pub(crate) fn block_start(&self) -> bool {
        self.flags & BLOCK_START != 0
    }

    /// The [`CLASS`] bits of its bytes, or-ed: [`NOT_PROSE`], [`UPPER`],
    /// [`NON_ASCII`] and so on.
    pub(crate) fn class(&self) -> u8 {
        self.class
    }

    /// Whether punctuation or a sentence break stands between `self` and
    /// the token after it, `next`.
    pub(crate) fn broken_before(&self, next: &Token) -> bool {
        self.closed() || next.opened() || next.sentence_start() || next.block_start()
    }
}

/// Every token of a draft's checked prose, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    /// The tokens.
    pub tokens: Vec<Token>,
}

/// [`PUNCT`] bit: an ASCII byte trimmed before a token.
const LEAD: u8 = 1;
/// [`PUNCT`] bit: an ASCII byte trimmed after a token.
const TRAIL: u8 = 2;

/// Which ASCII bytes are trimmed around tokens.
static PUNCT: [u8; 256] = {
    let mut table = [0u8; 256];
    let lead = b"\"'([*_";
    let trail = b"\"')].,;:!?*_";
    let mut i = 0;
    while i < lead.len() {
        table[lead[i] as usize] |= LEAD;
        i += 1;
    }
    let mut i = 0;
    while i < trail.len() {
        table[trail[i] as usize] |= TRAIL;
        i += 1;
    }
    table
};

/// Other characters trimmed before a token: `“`, `‘`, `¡`, `¿`.
const LEADING_OTHER: [&[u8]; 4] = [b"\xe2\x80\x9c", b"\xe2\x80\x98", b"\xc2\xa1", b"\xc2\xbf"];
/// Other characters trimmed after a token: `”`, `’`, `…`.
const TRAILING_OTHER: [&[u8]; 3] = [b"\xe2\x80\x9d", b"\xe2\x80\x99", b"\xe2\x80\xa6"];

/// How many bytes of leading punctuation `raw` has.
fn leading_len(raw: &[u8]) -> usize {
    let mut at = 0;
    while let Some(&b) = raw.get(at) {
        if PUNCT[b as usize] & LEAD != 0 {
            at += 1;
        } else if b < 0xc2 {
            break;
        } else if let Some(c) = LEADING_OTHER.iter().find(|c| raw[at..].starts_with(c)) {
            at += c.len();
        } else {
            break;
        }
    }
    at
}

/// Where the trailing punctuation of `raw` starts.
fn trailing_start(raw: &[u8]) -> usize {
    let mut end = raw.len();
    while let Some(&b) = end.checked_sub(1).and_then(|i| raw.get(i)) {
        if PUNCT[b as usize] & TRAIL != 0 {
            end -= 1;
        } else if b < 0x80 {
            break;
        } else if let Some(c) = TRAILING_OTHER.iter().find(|c| raw[..end].ends_with(c)) {
            end -= c.len();
        } else {
            break;
        }
    }
    end
}

/// `s` without the leading punctuation proofreading trims.
#[cfg(test)]
fn trim_leading(s: &str) -> &str {
    s.get(leading_len(s.as_bytes())..).unwrap_or_default()
}

/// `s` without the trailing punctuation proofreading trims.
#[cfg(test)]
fn trim_trailing(s: &str) -> &str {
    s.get(..trailing_start(s.as_bytes())).unwrap_or_default()
}

/// The prose ranges proofreading looks at: the body (greeting line and
/// signature block left out) and the subject, contiguous ranges merged.
pub(crate) fn checked_ranges(doc: &Document) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let subject = doc
        .headers
        .iter()
        .find(|h| h.name == "subject")
        .map(|h| h.value.clone());
    for window in subject.into_iter().chain([doc.body_window.clone()]) {
        for r in doc.prose.ranges_within(window) {
            match out.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => out.push(r),
            }
        }
    }
    out
}

impl Scan {
    /// Scans the checked prose of `doc`.
    #[inline(never)]
    pub(crate) fn new(doc: &Document) -> Scan {
        let text = doc.prose.text.as_str();
        let mut tokens = Vec::with_capacity(text.len() / 4);
        for range in checked_ranges(doc) {
            let Some(slice) = text.get(range.clone()) else {
                continue;
            };
            let bytes = slice.as_bytes();
            let n = bytes.len();
            let mut prev_end_punct = true;
            let mut first = true;
            let mut pos = 0;
            loop {
                // White space, counting line breaks.
                let mut breaks = 0;
                loop {
                    while pos < n && CLASS[bytes[pos] as usize] & SPACE != 0 {
                        breaks += usize::from(bytes[pos] == b'\n');
                        pos += 1;
                    }
                    match bytes.get(pos) {
                        Some(&b) if b >= 0xc2 => match unicode_space_at(slice, pos) {
                            Some(len) => pos += len,
                            None => break,
                        },
                        _ => break,
                    }
                }
                if pos >= n {
                    break;
                }
                let start = pos;
                let mut raw_class = 0;
                loop {
                    while pos < n {
                        let class = CLASS[bytes[pos] as usize];
                        if class & (SPACE | NON_ASCII) != 0 {
                            break;
                        }
                        raw_class |= class;
                        pos += 1;
                    }
                    if pos >= n
                        || CLASS[bytes[pos] as usize] & SPACE != 0
                        || unicode_space_at(slice, pos).is_some()
                    {
                        break;
                    }
                    // A non-ASCII byte that starts no white space.
                    raw_class |= NON_ASCII;
                    pos += 1;
                }
                let raw = &bytes[start..pos];
                let block_start = first || breaks >= 2;
                first = false;
                // Most tokens have no punctuation around them.
                let (first_byte, last_byte) = (raw[0], raw[raw.len() - 1]);
                let lead = if PUNCT[first_byte as usize] & LEAD == 0 && first_byte < 0xc2 {
                    0
                } else {
                    leading_len(raw)
                };
                let core_end = if PUNCT[last_byte as usize] & TRAIL == 0 && last_byte < 0x80 {
                    raw.len()
                } else {
                    lead + trailing_start(&raw[lead..])
                };
                let core = &raw[lead..core_end];
                let trail = &raw[core_end..];
                let sentence_start = block_start
                    || prev_end_punct
                    || first_byte == b'"'
                    || (first_byte == 0xe2 && raw.starts_with("\u{201c}".as_bytes()));
                prev_end_punct = !trail.is_empty()
                    && trail.iter().any(|b| matches!(b, b'.' | b'!' | b'?' | b':'))
                    && !is_title(core);
                if core.is_empty() {
                    continue;
                }
                let class = if core.len() == raw.len() {
                    raw_class
                } else {
                    class_of(core)
                };
                let s = range.start + start + lead;
                let (Ok(begin), Ok(end)) = (u32::try_from(s), u32::try_from(s + core.len())) else {
                    break;
                };
                let flags = (u8::from(!trail.is_empty()) * CLOSED)
                    | (u8::from(lead > 0) * OPENED)
                    | (u8::from(sentence_start) * SENTENCE_START)
                    | (u8::from(block_start) * BLOCK_START);
                tokens.push(Token {
                    start: begin,
                    end,
                    flags,
                    class,
                });
            }
        }
        Scan { tokens }
    }
}

/// The length of the non-ASCII white-space character at `pos` of `s`, if
/// one starts there (no-break space, em space, ideographic space…).
fn unicode_space_at(s: &str, pos: usize) -> Option<usize> {
    // Every such character starts with one of these bytes.
    if !matches!(s.as_bytes().get(pos), Some(0xc2 | 0xe1 | 0xe2 | 0xe3)) {
        return None;
    }
    let c = s.get(pos..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// Titles and abbreviations a `.` follows without ending a sentence.
fn is_title(word: &[u8]) -> bool {
    const TITLES: [&[u8]; 18] = [
        b"mr", b"ms", b"mrs", b"mx", b"dr", b"prof", b"st", b"jr", b"sr", b"vs", b"etc", b"no",
        b"approx", b"dept", b"rev", b"capt", b"sgt", b"gen",
    ];
    if word.len() > 6 {
        return false;
    }
    if let Ok(w) = std::str::from_utf8(word) {
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_alphabetic();
        }
    }
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Whether two tokens are the same word: case and `’`/`'` aside.
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    let fold = |s: &str| {
        s.chars()
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    fold(a) == fold(b)
}

/// `word` lowercased, `’` as `'`, into `buf` when it fits (ASCII letters
/// and apostrophes only); `None` otherwise.
pub(crate) fn ascii_folded<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut n = 0;
    let bytes = word.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let out = if b.is_ascii() {
            i += 1;
            b.to_ascii_lowercase()
        } else if bytes[i..].starts_with("\u{2019}".as_bytes()) {
            i += 3;
            b'\''
        } else {
            return None;
        };
        *buf.get_mut(n)? = out;
        n += 1;
    }
    buf.get(..n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_white_space_classes_and_folds_words() {
        let s = "a\u{a0}b  c\n\nd\u{2003}e";
        assert_eq!(unicode_space_at(s, 1), Some(2));
        assert_eq!(unicode_space_at(s, 10), Some(3));
        assert_eq!(unicode_space_at("caf\u{e9}", 3), None);
        assert_eq!(class_of(b"Q3"), UPPER | NOT_PROSE);
        assert_eq!(
            class_of("d'Alba-x\u{e9}".as_bytes()),
            APOSTROPHE | UPPER | HYPHEN | NON_ASCII
        );
        assert!(same_word("The", "the") && same_word("You\u{2019}re", "you're"));
        assert!(!same_word("the", "then") && same_word("ÉTÉ", "été"));
        let mut buf = [0u8; 8];
        assert_eq!(ascii_folded("It\u{2019}s", &mut buf), Some(&b"it's"[..]));
        assert_eq!(ascii_folded("café", &mut buf), None);
        assert_eq!(ascii_folded("abcdefghij", &mut buf), None);
        assert!(is_title(b"Dr") && is_title(b"a") && !is_title(b"Drs") && !is_title(b"ab"));
        assert!(is_title("\u{e9}".as_bytes()));
        assert_eq!(trim_leading("\u{201c}(\"Hi"), "Hi");
        assert_eq!(trim_trailing("you\u{2019}\u{2026}!)"), "you");
        assert_eq!(trim_trailing("caf\u{e9}."), "caf\u{e9}");
    }
}
