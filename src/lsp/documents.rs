//! The drafts open in the editor: their text as the editor holds it, kept
//! in step with full or incremental changes.

use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::analysis::Analysis;
use super::position;
use crate::text::lines::LineIndex;

/// One open draft.
#[derive(Debug)]
pub(crate) struct OpenDocument {
    /// The document's URI.
    pub(crate) uri: Uri,
    /// The editor's version of the text.
    pub(crate) version: i32,
    /// The text as the editor holds it (not the saved file).
    pub(crate) text: String,
    /// The file behind it, for `file:` URIs.
    pub(crate) path: Option<PathBuf>,
    /// The last lint of this text; `None` after a change.
    pub(crate) analysis: Option<Analysis>,
}

impl OpenDocument {
    /// A newly opened draft.
    pub(crate) fn new(uri: Uri, version: i32, text: String) -> Self {
        let path = file_path(uri.as_str());
        OpenDocument {
            uri,
            version,
            text,
            path,
            analysis: None,
        }
    }

    /// The name diagnostics are reported under.
    pub(crate) fn name(&self) -> String {
        self.path.as_ref().map_or_else(
            || self.uri.as_str().to_string(),
            |p| p.display().to_string(),
        )
    }

    /// Applies the changes of one `didChange`, in order.
    pub(crate) fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let lines = LineIndex::new(&self.text);
                    let a = position::offset(&lines, &self.text, range.start);
                    let b = position::offset(&lines, &self.text, range.end);
                    let (start, end) = if a <= b { (a, b) } else { (b, a) };
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
        self.analysis = None;
    }
}

/// The local path of a `file:` URI (percent-decoded), or `None` for other schemes.
pub(crate) fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; other hosts are not local.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    bytes_to_path(bytes)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(unix)]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    let text = String::from_utf8(bytes).ok()?;
    // `/C:/Users/...` on Windows.
    let trimmed = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => &text[1..],
        _ => &text[..],
    };
    Some(PathBuf::from(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///home/ana/job%20notes/thanks.md"),
            Some(PathBuf::from("/home/ana/job notes/thanks.md"))
        );
        assert_eq!(
            file_path("file://localhost/tmp/a.md"),
            Some(PathBuf::from("/tmp/a.md"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file://server/share/a.md"), None);
        assert_eq!(file_path("file:///bad%zz"), None);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let uri: Uri = "file:///t.md".parse().unwrap();
        let mut doc = OpenDocument::new(uri, 1, "Hey Ana,\nThanks!\n".to_string());
        let change = |l1, c1, l2, c2, text: &str| TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                lsp_types::Position::new(l1, c1),
                lsp_types::Position::new(l2, c2),
            )),
            range_length: None,
            text: text.to_string(),
        };
        doc.apply(2, vec![change(0, 0, 0, 3, "Dear"), change(1, 6, 1, 7, ".")]);
        assert_eq!(doc.text, "Dear Ana,\nThanks.\n");
        assert_eq!(doc.version, 2);
    }
}
