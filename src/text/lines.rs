//! Byte offsets mapped to 1-based lines and columns (characters), and
//! to the UTF-16 positions editors count in.

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
}

/// Byte offsets of line starts, for turning spans into positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// 1-based position of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// 1-based positions of many byte offsets, in the order given, found in
    /// one pass over `text` (sorted offsets share the counting done for the
    /// ones before them on the same line).
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![Position { line: 1, column: 1 }; offsets.len()];
        // The cursor: a byte offset, its 0-based line and its 0-based column.
        let (mut at, mut line, mut column) = (0usize, 0usize, 0usize);
        for i in order {
            let offset = floor_char_boundary(text, offsets[i].min(text.len()));
            let target = self.line_of(offset);
            if target != line || offset < at {
                line = target;
                at = self.starts[line];
                column = 0;
            }
            column += text[at..offset].chars().count();
            at = offset;
            out[i] = Position {
                line: line + 1,
                column: column + 1,
            };
        }
        out
    }

    /// 0-based line and UTF-16 column of byte `offset` (for the language server).
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col: usize = text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_handle_crlf() {
        let text = "ab\r\nçd\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 4), Position { line: 2, column: 1 });
        // 'd' comes after a two-byte 'ç'
        assert_eq!(index.position(text, 6), Position { line: 2, column: 2 });
        assert_eq!(index.position(text, 8), Position { line: 3, column: 1 });
    }

    #[test]
    fn positions_in_one_pass_match_one_by_one() {
        let text = "ab\r\nçd ç\nx\n";
        let index = LineIndex::new(text);
        let offsets = [9, 0, 6, 4, 13, 6, 100, 5];
        let many = index.positions(text, &offsets);
        for (i, &o) in offsets.iter().enumerate() {
            assert_eq!(many[i], index.position(text, o), "offset {o}");
        }
    }
}
