//! The prose of a draft: its Markdown with code, HTML comments, link
//! destinations and front matter removed, mapped back to exact source bytes.

use crate::draft::vocabulary::ABBREVIATIONS;
use crate::pattern::matcher::Haystack;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A run of prose text that came from one place in the source.
#[derive(Debug, Clone)]
struct Segment {
    prose: Range<usize>,
    source: Range<usize>,
    /// The prose text is the source text byte for byte (no escapes folded).
    exact: bool,
}

/// The linted text of a draft and the map back to the file's bytes.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// Prose text; blocks are separated by blank lines.
    pub text: String,
    segments: Vec<Segment>,
    /// Source ranges of inline code and code blocks (words, never prose).
    pub code: Vec<Range<usize>>,
    /// Source ranges of HTML comments.
    pub comments: Vec<Range<usize>>,
    /// Sentence ranges in `text`.
    pub sentences: Vec<Range<usize>>,
    /// `text` with white space normalised to spaces (same offsets), for phrases.
    pub spaced: String,
    /// Where words and punctuation start in `spaced` (see [`crate::pattern::phrase::word_starts`]).
    pub word_starts: Vec<u32>,
}

impl Prose {
    /// The prose as pattern matchers read it.
    pub fn haystack(&self) -> Haystack<'_> {
        Haystack {
            text: &self.text,
            spaced: &self.spaced,
            word_starts: &self.word_starts,
        }
    }

    /// Extracts the prose of `source[start..end]`, plus a leading line of
    /// extra prose (a mail subject) when given. Block quotes (`> …`, text
    /// quoted from an earlier message) are not prose.
    pub fn extract(source: &str, start: usize, end: usize, subject: Option<Range<usize>>) -> Prose {
        let mut prose = Prose::default();
        if let Some(subject) = subject {
            prose.push(&source[subject.clone()], subject, true);
            prose.separate();
        }
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let mut code_block_depth = 0usize;
        let mut autolink_depth = 0usize;
        let mut image_depth = 0usize;
        let mut open_comment = false;
        let mut quote_depth = 0usize;
        let end = end.clamp(start, source.len());
        for (event, range) in Parser::new_ext(&source[start..end], options).into_offset_iter() {
            let range = start + range.start..start + range.end;
            match event {
                Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
                Event::End(TagEnd::BlockQuote(_)) if quote_depth > 0 => {
                    quote_depth -= 1;
                    prose.separate();
                }
                Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_)
                    if quote_depth > 0 => {}
                Event::Start(Tag::CodeBlock(_)) => {
                    code_block_depth += 1;
                    prose.code.push(range);
                }
                Event::End(TagEnd::CodeBlock) => {
                    code_block_depth = code_block_depth.saturating_sub(1);
                    prose.separate();
                }
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                }) => autolink_depth += 1,
                Event::End(TagEnd::Link) if autolink_depth > 0 => autolink_depth -= 1,
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
                Event::Text(text)
                    if code_block_depth == 0 && autolink_depth == 0 && image_depth == 0 =>
                {
                    let exact = source.get(range.clone()) == Some(&*text);
                    prose.push(&text, range, exact);
                }
                Event::Code(_) => prose.code.push(range),
                Event::Html(html) | Event::InlineHtml(html) => {
                    if open_comment || html.trim_start().starts_with("<!--") {
                        open_comment = !html.contains("-->");
                        prose.add_comment(range);
                    } else if code_block_depth == 0 {
                        let exact = source.get(range.clone()) == Some(&*html);
                        prose.push(html.trim_end_matches(['\n', '\r']), range, exact);
                    }
                }
                Event::SoftBreak | Event::HardBreak => prose.push_break(range),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::BlockQuote(_)
                    | TagEnd::HtmlBlock,
                ) => prose.separate(),
                Event::Rule => prose.separate(),
                _ => {}
            }
        }
        prose.sentences = split_sentences(&prose.text);
        prose.spaced = crate::pattern::phrase::spaces_normalised(&prose.text);
        prose.word_starts = crate::pattern::phrase::word_starts(&prose.spaced);
        prose
    }

    fn add_comment(&mut self, range: Range<usize>) {
        match self.comments.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => self.comments.push(range),
        }
    }

    fn push(&mut self, text: &str, source: Range<usize>, exact: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment {
            prose: start..self.text.len(),
            source,
            exact,
        });
    }

    fn push_break(&mut self, source: Range<usize>) {
        let start = self.text.len();
        self.text.push('\n');
        self.segments.push(Segment {
            prose: start..start + 1,
            source,
            exact: false,
        });
    }

    /// Ends a block: a blank line in the prose text.
    fn separate(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            if self.text.ends_with('\n') {
                self.text.push('\n');
            } else {
                self.text.push_str("\n\n");
            }
        }
    }

    fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let idx = self.segments.partition_point(|s| s.prose.start <= offset);
        idx.checked_sub(1).map(|i| &self.segments[i])
    }

    /// The source byte where prose byte `offset` starts.
    pub fn source_start(&self, offset: usize) -> usize {
        match self.segment_at(offset) {
            Some(seg) if offset < seg.prose.end => {
                if seg.exact {
                    seg.source.start + (offset - seg.prose.start)
                } else {
                    seg.source.start
                }
            }
            Some(seg) => seg.source.end,
            None => self.segments.first().map_or(0, |s| s.source.start),
        }
    }

    /// The source byte where a prose span ending at `offset` ends.
    pub fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_start(0);
        }
        match self.segment_at(offset - 1) {
            Some(seg) if offset <= seg.prose.end => {
                if seg.exact {
                    seg.source.start + (offset - seg.prose.start)
                } else {
                    seg.source.end
                }
            }
            Some(seg) => seg.source.end,
            None => 0,
        }
    }

    /// Maps a prose range to the source range it came from.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_start(range.start);
        let end = self.source_end(range.end).max(start);
        start..end
    }

    /// Prose ranges whose source lies inside `window` (source bytes). A
    /// segment copied byte for byte from the source is cut at the window's
    /// edges (a one-paragraph note's greeting and sign-off share its line);
    /// any other counts only when it lies wholly inside.
    pub fn ranges_within(&self, window: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        self.segments.iter().filter_map(move |s| {
            if s.source.start >= window.start && s.source.end <= window.end {
                return Some(s.prose.clone());
            }
            let overlaps = s.source.start < window.end && window.start < s.source.end;
            if !s.exact || !overlaps {
                return None;
            }
            let start = s.prose.start + window.start.saturating_sub(s.source.start);
            let end = s.prose.end - s.source.end.saturating_sub(window.end);
            let cut =
                start < end && self.text.is_char_boundary(start) && self.text.is_char_boundary(end);
            cut.then_some(start..end)
        })
    }

    /// The prose text inside the source `window`, segments joined as written.
    pub fn text_within(&self, window: Range<usize>) -> String {
        let mut out = String::new();
        let mut last_end = None;
        for range in self.ranges_within(window) {
            if last_end.is_some_and(|end| end != range.start) {
                out.push(' ');
            }
            out.push_str(&self.text[range.clone()]);
            last_end = Some(range.end);
        }
        out
    }

    /// The sentence holding prose byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<Range<usize>> {
        self.sentences
            .iter()
            .find(|s| s.start <= offset && offset < s.end)
            .cloned()
    }
}

/// Splits prose into sentences: at `.`, `!`, `?` followed by white space
/// (not after a title or common abbreviation), and at blank lines.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            push_trimmed(text, start..i, &mut out);
            while i < bytes.len() && bytes[i] == b'\n' {
                i += 1;
            }
            start = i;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b')' | b'\'')
            {
                end += 1;
            }
            // closing curly quotes
            while text[end..].starts_with('\u{201d}') || text[end..].starts_with('\u{2019}') {
                end += 3;
            }
            let at_space = end >= bytes.len() || bytes[end].is_ascii_whitespace();
            if at_space && !(b == b'.' && is_abbreviation(&text[start..i])) {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_comments_and_link_destinations_are_not_prose() {
        let src = "Use `XXX` here.\n\n<!-- TODO -->\n\nSee my [portfolio](https://x.test/TODO).\n\n```\nTODO\n```\n";
        let p = Prose::extract(src, 0, src.len(), None);
        assert!(!p.text.contains("XXX"));
        assert!(!p.text.contains("TODO"), "{:?}", p.text);
        assert!(p.text.contains("portfolio"));
        assert_eq!(p.comments.len(), 1);
    }

    #[test]
    fn maps_back_to_source_bytes() {
        let src = "Dear Ms. Rao,\r\n\r\nThank **you** for\r\nthe {company} tour.\r\n";
        let p = Prose::extract(src, 0, src.len(), None);
        let at = p.text.find("{company}").unwrap();
        let r = p.source_range(at..at + 9);
        assert_eq!(&src[r], "{company}");
    }

    #[test]
    fn sentences_skip_titles() {
        let s = "I met Dr. Patel today. It went well! Next";
        let parts: Vec<_> = split_sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(parts, ["I met Dr. Patel today.", "It went well!", "Next"]);
    }
}
