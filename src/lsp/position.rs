//! Converting between byte offsets in a draft and LSP positions (0-based
//! lines, UTF-16 columns).

use std::ops::Range;

use lsp_types::Position;

use crate::text::lines::LineIndex;

/// The LSP position of byte `offset`.
pub(crate) fn position(lines: &LineIndex, text: &str, offset: usize) -> Position {
    let (line, character) = lines.utf16_position(text, offset);
    Position { line, character }
}

/// The LSP range of a byte span.
pub(crate) fn range(lines: &LineIndex, text: &str, span: &Range<usize>) -> lsp_types::Range {
    lsp_types::Range {
        start: position(lines, text, span.start),
        end: position(lines, text, span.end.max(span.start)),
    }
}

/// The byte offset of an LSP position. Positions past the end of a line
/// mean the line's end, past the last line the end of the text, and inside
/// a character its start.
pub(crate) fn offset(lines: &LineIndex, text: &str, pos: Position) -> usize {
    let start = lines.line_start(pos.line as usize);
    if start > text.len() {
        return text.len();
    }
    let target = pos.character as usize;
    let mut col = 0;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        if col >= target || c == '\n' || text[at..].starts_with("\r\n") {
            return at;
        }
        let next = col + c.len_utf16();
        if next > target {
            return at;
        }
        col = next;
    }
    text.len()
}

/// Whether two LSP ranges overlap or touch.
pub(crate) fn touches(a: &lsp_types::Range, b: &lsp_types::Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trip() {
        let text = "a😀b\r\nçd\n";
        let lines = LineIndex::new(text);
        // 'b' is after a surrogate pair: UTF-16 column 3, byte 5.
        assert_eq!(position(&lines, text, 5), Position::new(0, 3));
        assert_eq!(offset(&lines, text, Position::new(0, 3)), 5);
        // Inside the pair: the emoji's start.
        assert_eq!(offset(&lines, text, Position::new(0, 2)), 1);
        // Past the line's end: before "\r\n".
        assert_eq!(offset(&lines, text, Position::new(0, 99)), 6);
        assert_eq!(offset(&lines, text, Position::new(1, 1)), 10);
        assert_eq!(offset(&lines, text, Position::new(7, 0)), text.len());
    }
}
