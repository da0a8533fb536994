//! Reading drafts from disk or stdin, refusing what is not a text draft
//! (missing, huge, binary, not UTF-8, not a regular file).

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::text::error::{ErrorKind, FileError};

/// The largest draft the linter reads. Follow-up notes are a few kilobytes;
/// anything past this is almost certainly not a note.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A draft's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given on the command line (or the stdin name).
    pub path: String,
    /// The file's contents, exactly as read; for a MIME message, its
    /// decoded headers and text part (see `draft::mail::decode`).
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

    /// Reads a draft from disk, refusing missing, huge, binary and non-UTF-8 files.
    pub fn read(path: &Path, display: &str) -> Result<Self, FileError> {
        let meta = std::fs::metadata(path).map_err(|err| io_error(display, &err))?;
        if meta.is_dir() {
            return Err(
                FileError::new(display, "is a folder, not a draft").with_kind(ErrorKind::Input)
            );
        }
        if !meta.is_file() {
            // A FIFO, socket or device would block or never end: never open it.
            return Err(FileError::new(
                display,
                "is not a regular file (a pipe, socket or device), so it is not read",
            )
            .with_kind(ErrorKind::Input)
            .with_note("pass a draft file, or `-` to read standard input"));
        }
        check_size(display, meta.len())?;
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
            .map_err(|err| {
                FileError::new(display, format!("cannot read standard input: {err}"))
                    .with_kind(ErrorKind::Io)
            })?;
        Self::from_bytes(display, bytes)
    }

    /// Validates raw bytes as a text draft.
    pub fn from_bytes(display: &str, bytes: Vec<u8>) -> Result<Self, FileError> {
        check_size(display, bytes.len() as u64)?;
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            return Err(
                FileError::new(display, "looks like a binary file, not a draft")
                    .with_kind(ErrorKind::Input)
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
            .with_kind(ErrorKind::Input)
            .with_note("save the draft as UTF-8 text and run again")
        })?;
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        Self::checked(display, text)
    }

    /// A draft from text already decoded (a mail message's text part, an
    /// editor's buffer), refused as reading a file would refuse it: too
    /// large, or nothing but white space.
    pub fn checked(display: &str, text: String) -> Result<Self, FileError> {
        check_size(display, text.len() as u64)?;
        if text.trim().is_empty() {
            return Err(
                FileError::new(display, "is empty: there is no draft to lint")
                    .with_kind(ErrorKind::Input),
            );
        }
        Ok(SourceFile::new(display, text))
    }
}

/// Refuses a draft of `len` bytes when it is over [`MAX_FILE_BYTES`].
pub fn check_size(display: &str, len: u64) -> Result<(), FileError> {
    if len > MAX_FILE_BYTES {
        return Err(too_large(display, len));
    }
    Ok(())
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
    .with_kind(ErrorKind::Input)
}

fn io_error(display: &str, err: &std::io::Error) -> FileError {
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            FileError::new(display, "no such file or folder").with_kind(ErrorKind::Io)
        }
        std::io::ErrorKind::PermissionDenied => {
            FileError::new(display, "permission denied: cannot read it").with_kind(ErrorKind::Io)
        }
        _ => FileError::new(display, format!("cannot read it: {err}")).with_kind(ErrorKind::Io),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_and_invalid_utf8_and_empty() {
        assert!(SourceFile::from_bytes("a", b"hi\0there".to_vec()).is_err());
        let err = SourceFile::from_bytes("a", b"ok\n\xff".to_vec()).unwrap_err();
        assert!(err.message.contains("line 2"), "{}", err.message);
        assert!(SourceFile::from_bytes("a", b"  \n\n".to_vec()).is_err());
        assert!(SourceFile::from_bytes("a", b"Dear Ms. Lee,".to_vec()).is_ok());
    }
}
