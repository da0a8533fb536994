//! Errors that stop a file (or the whole run) from being linted, with the
//! location in the offending file when there is one.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A place in a file that an error points at.
#[derive(Debug, Clone)]
pub struct Location {
    /// The whole text of the file, so the error can be shown in context.
    pub text: Arc<str>,
    /// Byte range of the offending part.
    pub span: Range<usize>,
    /// A short label printed under the span.
    pub label: String,
}

/// What kind of thing went wrong, as `--format line` and the JSON name it
/// (`error[front-matter]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorKind {
    /// A file or folder could not be read or written.
    #[default]
    Io,
    /// The file was read but is not a draft: binary, not UTF-8, empty, too
    /// large, or not a regular file.
    Input,
    /// The draft's front matter is broken.
    FrontMatter,
    /// A mail message could not be decoded.
    Mail,
    /// `followup.toml` is broken or names something unknown.
    Config,
    /// A rule file is broken.
    Rule,
    /// The handbook's sources (`book.toml`, `SUMMARY.md`, a theme) are broken.
    Book,
    /// followup itself failed on this file (a bug): the other files go on.
    Internal,
}

impl ErrorKind {
    /// The name in `error[…]`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Input => "input",
            ErrorKind::FrontMatter => "front-matter",
            ErrorKind::Mail => "mail",
            ErrorKind::Config => "config",
            ErrorKind::Rule => "rule",
            ErrorKind::Book => "book",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error about one file: unreadable input, broken front matter, a bad
/// rule or config file. Exit code 2 follows from any of these.
#[derive(Debug, Clone)]
pub struct FileError {
    /// What kind of thing went wrong.
    pub kind: ErrorKind,
    /// The path as the user named it.
    pub path: String,
    /// What went wrong, lowercase, no trailing period.
    pub message: String,
    /// Where in the file, when the error is about a part of it.
    pub location: Option<Box<Location>>,
    /// Extra lines: how to fix it, limits, the underlying cause.
    pub notes: Vec<String>,
}

impl FileError {
    /// An error about a file as a whole.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            kind: ErrorKind::default(),
            path: path.into(),
            message: message.into(),
            location: None,
            notes: Vec::new(),
        }
    }

    /// An error about a span of a file.
    pub fn at(
        path: impl Into<String>,
        text: Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        let len = text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        FileError {
            kind: ErrorKind::default(),
            path: path.into(),
            message: message.into(),
            location: Some(Box::new(Location {
                text,
                span: start..end,
                label: label.into(),
            })),
            notes: Vec::new(),
        }
    }

    /// Sets what kind of error it is.
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// Adds a note line (a hint or a cause).
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// 1-based line and column (in characters) of the error, when located.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location.as_ref().map(|loc| {
            let index = crate::text::lines::LineIndex::new(&loc.text);
            let pos = index.position(&loc.text, loc.span.start);
            (pos.line, pos.column)
        })
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((line, col)) => write!(f, "{}:{}:{}: {}", self.path, line, col, self.message)?,
            None => write!(f, "{}: {}", self.path, self.message)?,
        }
        for note in &self.notes {
            write!(f, "\n  = {note}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FileError {}
