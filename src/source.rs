//! Reading drafts from disk or stdin, refusing what is not a text draft, and
//! mapping byte offsets to lines and columns.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::error::FileError;

/// The largest draft the linter reads. Follow-up notes are a few kilobytes;
/// anything past this is almost certainly not a note.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A draft's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given on the command line (or the stdin name).
    pub path: String,
    /// The file's contents, exactly as read; for a MIME message, its
    /// decoded headers and text part (see [`crate::mail`]).
    pub text: Arc<str>,
    /// The text was decoded from a MIME message: positions refer to the
    /// decoded text, and `--fix` leaves the file alone.
    pub decoded_mail: bool,
}

impl SourceFile {
    /// A draft held in memory (tests, the language server, stdin).
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            decoded_mail: false,
        }
    }

    /// Decodes a MIME message (multipart, quoted-printable or base64) the
    /// way `followup gate` does; any other text is returned as it is.
    pub fn decode_mail(self) -> Result<Self, FileError> {
        if !crate::mail::needs_decoding(self.text.as_bytes()) {
            return Ok(self);
        }
        let text = crate::mail::draft(self.text.as_bytes())
            .map_err(|why| FileError::new(&self.path, why))?;
        if text.trim().is_empty() {
            return Err(FileError::new(
                &self.path,
                "the message has no text to lint",
            ));
        }
        Ok(SourceFile {
            path: self.path,
            text: text.into(),
            decoded_mail: true,
        })
    }

    /// Reads a draft from disk, refusing missing, huge, binary and non-UTF-8 files.
    pub fn read(path: &Path, display: &str) -> Result<Self, FileError> {
        let meta = std::fs::metadata(path).map_err(|err| io_error(display, &err))?;
        if meta.is_dir() {
            return Err(FileError::new(display, "is a folder, not a draft"));
        }
        if !meta.is_file() {
            // A FIFO, socket or device would block or never end: never open it.
            return Err(FileError::new(
                display,
                "is not a regular file (a pipe, socket or device), so it is not read",
            )
            .with_note("pass a draft file, or `-` to read standard input"));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_large(display, meta.len()));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|err| io_error(display, &err))?;
        Self::from_bytes(display, bytes)
    }

    /// Reads a draft from standard input with the same checks as a file.
    pub fn read_stdin(display: &str) -> Result<Self, FileError> {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| FileError::new(display, format!("cannot read standard input: {err}")))?;
        Self::from_bytes(display, bytes)
    }

    /// Validates raw bytes as a text draft.
    pub fn from_bytes(display: &str, bytes: Vec<u8>) -> Result<Self, FileError> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(display, bytes.len() as u64));
        }
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            return Err(
                FileError::new(display, "looks like a binary file, not a draft")
                    .with_note(format!("it contains a NUL byte at offset {pos}")),
            );
        }
        let text = String::from_utf8(bytes).map_err(|err| {
            let at = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            FileError::new(
                display,
                format!("is not valid UTF-8 (line {line}, byte {at})"),
            )
            .with_note("save the draft as UTF-8 text and run again")
        })?;
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        if text.trim().is_empty() {
            return Err(FileError::new(
                display,
                "is empty: there is no draft to lint",
            ));
        }
        Ok(SourceFile::new(display, text))
    }
}

fn too_large(display: &str, len: u64) -> FileError {
    // A stream is read only to one byte past the limit: its real size is unknown.
    let size = if len == MAX_FILE_BYTES + 1 {
        format!("more than {} KiB", MAX_FILE_BYTES / 1024)
    } else if len < 10 * 1024 * 1024 {
        format!("{:.1} MiB", len as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} MiB", len / (1024 * 1024))
    };
    FileError::new(
        display,
        format!(
            "is too large to be a follow-up note ({size}; the limit is {} KiB)",
            MAX_FILE_BYTES / 1024
        ),
    )
}

fn io_error(display: &str, err: &std::io::Error) -> FileError {
    match err.kind() {
        std::io::ErrorKind::NotFound => FileError::new(display, "no such file or folder"),
        std::io::ErrorKind::PermissionDenied => {
            FileError::new(display, "permission denied: cannot read it")
        }
        _ => FileError::new(display, format!("cannot read it: {err}")),
    }
}

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

    #[test]
    fn refuses_binary_and_invalid_utf8_and_empty() {
        assert!(SourceFile::from_bytes("a", b"hi\0there".to_vec()).is_err());
        let err = SourceFile::from_bytes("a", b"ok\n\xff".to_vec()).unwrap_err();
        assert!(err.message.contains("line 2"), "{}", err.message);
        assert!(SourceFile::from_bytes("a", b"  \n\n".to_vec()).is_err());
        assert!(SourceFile::from_bytes("a", b"Dear Ms. Lee,".to_vec()).is_ok());
    }
}
