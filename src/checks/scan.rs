//! The prose words the proofreading checks look at, scanned once per draft
//! and shared by `spelling`, `repeated-words` and `confusions`.

use std::ops::Range;

use crate::document::Document;

/// Punctuation was trimmed after the token (or it ends a line or a range).
const CLOSED: u8 = 1;
/// Punctuation was trimmed before the token.
const OPENED: u8 = 2;
/// The first token of a sentence, a line or a block.
const SENTENCE_START: u8 = 4;
/// White space before it holds a blank line, or it starts a new range.
const BLOCK_START: u8 = 8;

/// One whitespace-separated token of the checked prose, the punctuation
/// around it trimmed: its bytes in the prose text and what stands around it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    start: u32,
    end: u32,
    flags: u8,
}

impl Token {
    /// Prose bytes of the trimmed token.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
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

/// ASCII bytes trimmed before a token, as a bit set.
const LEADING_ASCII: u128 = bits(b"\"'([*_");
/// ASCII bytes trimmed after a token, as a bit set.
const TRAILING_ASCII: u128 = bits(b"\"')].,;:!?*_");
/// Other characters trimmed before a token.
const LEADING_OTHER: [char; 4] = ['\u{201c}', '\u{2018}', '\u{a1}', '\u{bf}'];
/// Other characters trimmed after a token.
const TRAILING_OTHER: [char; 3] = ['\u{201d}', '\u{2019}', '\u{2026}'];

/// The bytes of `list` as a bit set (ASCII only).
const fn bits(list: &[u8]) -> u128 {
    let mut set = 0u128;
    let mut i = 0;
    while i < list.len() {
        set |= 1 << list[i];
        i += 1;
    }
    set
}

/// `s` without the leading punctuation proofreading trims.
fn trim_leading(s: &str) -> &str {
    let mut rest = s;
    loop {
        match rest.as_bytes().first() {
            Some(&b) if b < 128 && LEADING_ASCII & (1 << b) != 0 => rest = &rest[1..],
            Some(&b) if b >= 128 => match rest.chars().next() {
                Some(c) if LEADING_OTHER.contains(&c) => rest = &rest[c.len_utf8()..],
                _ => return rest,
            },
            _ => return rest,
        }
    }
}

/// `s` without the trailing punctuation proofreading trims.
fn trim_trailing(s: &str) -> &str {
    let mut rest = s;
    loop {
        match rest.as_bytes().last() {
            Some(&b) if b < 128 && TRAILING_ASCII & (1 << b) != 0 => {
                rest = &rest[..rest.len() - 1];
            }
            Some(&b) if b >= 128 => match rest.chars().next_back() {
                Some(c) if TRAILING_OTHER.contains(&c) => {
                    rest = &rest[..rest.len() - c.len_utf8()];
                }
                _ => return rest,
            },
            _ => return rest,
        }
    }
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
    pub(crate) fn new(doc: &Document) -> Scan {
        let text = doc.prose.text.as_str();
        let mut tokens = Vec::with_capacity(text.len() / 6);
        for range in checked_ranges(doc) {
            let Some(slice) = text.get(range.clone()) else {
                continue;
            };
            let mut prev_end_punct = true;
            let mut first = true;
            let mut last_end = 0;
            for (start, raw) in split_whitespace_indices(slice) {
                let gap = &slice.as_bytes()[last_end..start];
                last_end = start + raw.len();
                let block_start = first || gap.iter().filter(|&&b| b == b'\n').count() >= 2;
                first = false;
                let trimmed_start = trim_leading(raw);
                let lead = raw.len() - trimmed_start.len();
                let core = trim_trailing(trimmed_start);
                let trail = &trimmed_start.as_bytes()[core.len()..];
                let sentence_start = block_start
                    || prev_end_punct
                    || raw.starts_with('"')
                    || raw.starts_with('\u{201c}');
                prev_end_punct =
                    trail.iter().any(|b| matches!(b, b'.' | b'!' | b'?' | b':')) && !is_title(core);
                if core.is_empty() {
                    continue;
                }
                let s = range.start + start + lead;
                let (Ok(begin), Ok(end)) = (u32::try_from(s), u32::try_from(s + core.len())) else {
                    break;
                };
                let mut flags = 0;
                if !trail.is_empty() {
                    flags |= CLOSED;
                }
                if lead > 0 {
                    flags |= OPENED;
                }
                if sentence_start {
                    flags |= SENTENCE_START;
                }
                if block_start {
                    flags |= BLOCK_START;
                }
                tokens.push(Token {
                    start: begin,
                    end,
                    flags,
                });
            }
        }
        Scan { tokens }
    }
}

/// Titles and abbreviations a `.` follows without ending a sentence.
fn is_title(word: &str) -> bool {
    const TITLES: [&str; 18] = [
        "mr", "ms", "mrs", "mx", "dr", "prof", "st", "jr", "sr", "vs", "etc", "no", "approx",
        "dept", "rev", "capt", "sgt", "gen",
    ];
    if word.len() > 6 {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Whitespace-separated pieces of `s` with their byte offsets.
fn split_whitespace_indices(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = s.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // Skip white space.
        while pos < bytes.len() {
            let b = bytes[pos];
            if b.is_ascii_whitespace() || b == 0x0b {
                pos += 1;
            } else if b < 0x80 {
                break;
            } else {
                let c = s[pos..].chars().next()?;
                if !c.is_whitespace() {
                    break;
                }
                pos += c.len_utf8();
            }
        }
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() {
            let b = bytes[pos];
            if b.is_ascii_whitespace() || b == 0x0b {
                break;
            } else if b < 0x80 {
                pos += 1;
            } else {
                let c = s[pos..].chars().next()?;
                if c.is_whitespace() {
                    break;
                }
                pos += c.len_utf8();
            }
        }
        Some((start, &s[start..pos]))
    })
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
    fn splits_on_any_white_space_and_folds_words() {
        let s = "a\u{a0}b  c\n\nd\u{2003}e";
        let got: Vec<_> = split_whitespace_indices(s).collect();
        assert_eq!(
            got,
            [(0, "a"), (3, "b"), (6, "c"), (9, "d"), (13, "e")],
            "{got:?}"
        );
        assert!(same_word("The", "the") && same_word("You\u{2019}re", "you're"));
        assert!(!same_word("the", "then") && same_word("ÉTÉ", "été"));
        let mut buf = [0u8; 8];
        assert_eq!(ascii_folded("It\u{2019}s", &mut buf), Some(&b"it's"[..]));
        assert_eq!(ascii_folded("café", &mut buf), None);
        assert_eq!(ascii_folded("abcdefghij", &mut buf), None);
        assert!(is_title("Dr") && is_title("a") && !is_title("Drs") && !is_title("ab"));
        assert_eq!(trim_leading("\u{201c}(\"Hi"), "Hi");
        assert_eq!(trim_trailing("you\u{2019}\u{2026}!)"), "you");
        assert_eq!(trim_trailing("caf\u{e9}."), "caf\u{e9}");
    }
}
