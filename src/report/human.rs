//! Human output: codespan-reporting snippets with labels, help and the
//! handbook link, and a summary line.

use std::borrow::Cow;
use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity};
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::engine::diagnostic::Diagnostic;
use crate::engine::linter::LintedFile;
use crate::rules::level::Level;
use crate::text::edit::Applicability;
use crate::text::error::FileError;

/// Renders lint results for people.
#[derive(Debug, Default)]
pub struct Human {
    config: Config,
}

impl Human {
    /// A renderer with codespan-reporting's default layout.
    pub fn new() -> Self {
        Human::default()
    }

    /// Writes every diagnostic of `file` (errors stopping a file go through [`render_error`]).
    pub fn write_file(&self, out: &mut dyn WriteColor, file: &LintedFile) -> io::Result<()> {
        let Some(doc) = &file.document else {
            return Ok(());
        };
        let shown = Shown::new(doc.text());
        let path = escape_controls(&file.path);
        let source = ShownFile {
            file: SimpleFile::new(path.as_ref(), shown.text.as_ref()),
            shown: &shown,
            original: doc.text(),
        };
        for d in &file.diagnostics {
            let snippet = snippet(d, shown.span(&d.span));
            if d.level == Level::Suggestion {
                self.emit_suggestion(out, &source, &snippet, &d.rule)?;
            } else {
                term::emit(out, &self.config, &source, &snippet).map_err(to_io)?;
            }
        }
        for o in &file.omitted {
            writeln!(out, "note[{}]: {path}: {}\n", o.rule, o.message())?;
        }
        Ok(())
    }
}

/// The `human` format: snippets with labels, help and links, then the
/// summary line.
pub(crate) struct HumanReporter;

impl super::Reporter for HumanReporter {
    fn name(&self) -> &'static str {
        "human"
    }

    fn description(&self) -> &'static str {
        "snippets with labels, help and handbook links, then a summary"
    }

    fn colored(&self) -> bool {
        true
    }

    fn report(
        &self,
        out: &mut dyn WriteColor,
        files: &[LintedFile],
        context: &super::Context<'_>,
    ) -> io::Result<()> {
        let human = Human::new();
        for file in files {
            if context.verbose {
                if let Some(doc) = &file.document {
                    writeln!(
                        out,
                        "{}: {}",
                        escape_controls(&file.path),
                        doc.kind_summary()
                    )?;
                }
            }
            if !context.quiet {
                human.write_file(out, file)?;
            }
        }
        writeln!(out, "{}", super::Totals::of(files).summary())
    }
}

/// Whether `c` could move the cursor, recolour or reorder what a terminal
/// shows: control characters other than a line feed and a tab, and the
/// bidirectional overrides and isolates.
fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every hazardous character (see [`is_hazard`]) written as
/// `\u{..}`, so a draft cannot send escape sequences to the terminal. A
/// carriage return before a line feed is kept.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    Shown::new(s).text
}

/// A text made safe to print, with the byte offsets of the original mapped into it.
struct Shown<'a> {
    text: Cow<'a, str>,
    /// (end of a replaced character in the original, bytes added so far).
    shifts: Vec<(usize, usize)>,
}

impl<'a> Shown<'a> {
    fn new(original: &'a str) -> Self {
        let hazard =
            |i: usize, c: char| is_hazard(c) && !(c == '\r' && original[i + 1..].starts_with('\n'));
        if !original.char_indices().any(|(i, c)| hazard(i, c)) {
            return Shown {
                text: Cow::Borrowed(original),
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len() + 16);
        let mut shifts = Vec::new();
        let mut added = 0;
        for (i, c) in original.char_indices() {
            if hazard(i, c) {
                let escaped = format!("\\u{{{:x}}}", u32::from(c));
                added += escaped.len() - c.len_utf8();
                text.push_str(&escaped);
                shifts.push((i + c.len_utf8(), added));
            } else {
                text.push(c);
            }
        }
        Shown {
            text: Cow::Owned(text),
            shifts,
        }
    }

    /// Where byte `offset` of the original is in the shown text.
    fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|(end, _)| *end <= offset);
        match before.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some((_, added)) => offset + added,
            None => offset,
        }
    }

    /// Where byte `shown` of the shown text is in the original.
    fn original_offset(&self, shown: usize) -> usize {
        let before = self
            .shifts
            .partition_point(|(end, added)| end + added <= shown);
        match before.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some((_, added)) => shown.saturating_sub(*added),
            None => shown,
        }
    }

    /// A span of the original, in the shown text.
    fn span(&self, span: &Range<usize>) -> Range<usize> {
        self.offset(span.start)..self.offset(span.end)
    }
}

impl Human {
    /// Emits a suggestion: codespan-reporting calls the severity `help`, so
    /// the header is renamed to `suggestion[RULE]`, the word the line and
    /// JSON formats use.
    fn emit_suggestion(
        &self,
        out: &mut dyn WriteColor,
        source: &ShownFile<'_>,
        snippet: &Snippet<()>,
        rule: &str,
    ) -> io::Result<()> {
        let mut buffer = if out.supports_color() {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        term::emit(&mut buffer, &self.config, source, snippet).map_err(to_io)?;
        let text = String::from_utf8_lossy(buffer.as_slice());
        let header = format!("help[{rule}]");
        let renamed = text.replacen(&header, &format!("suggestion[{rule}]"), 1);
        out.write_all(renamed.as_bytes())
    }
}

/// The shown text as codespan-reporting reads it, with the column in the
/// header counted in the original text, as the line and JSON formats count it.
struct ShownFile<'a> {
    file: SimpleFile<&'a str, &'a str>,
    shown: &'a Shown<'a>,
    original: &'a str,
}

impl<'a> Files<'a> for ShownFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::name(&self.file, id)
    }

    fn source(&'a self, id: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::source(&self.file, id)
    }

    fn line_index(
        &'a self,
        id: (),
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Files::line_index(&self.file, id, byte)
    }

    fn line_range(
        &'a self,
        id: (),
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        Files::line_range(&self.file, id, line)
    }

    fn column_number(
        &'a self,
        _id: (),
        _line: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let offset = crate::text::lines::floor_char_boundary(
            self.original,
            self.shown.original_offset(byte).min(self.original.len()),
        );
        let start = self.original[..offset].rfind('\n').map_or(0, |i| i + 1);
        Ok(self.original[start..offset].chars().count() + 1)
    }
}

fn snippet(d: &Diagnostic, span: Range<usize>) -> Snippet<()> {
    let severity = match d.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Suggestion => Severity::Help,
    };
    let mut notes = vec![format!("help: {}", escape_controls(&d.help))];
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "followup lint --fix",
            Applicability::Guess => "a guess: followup lint --fix --unsafe-fixes",
        };
        notes.push(format!("fix: {} ({how})", escape_controls(&fix.title)));
    }
    notes.push(format!("see: {}", d.url));
    Snippet::new(severity)
        .with_message(escape_controls(&d.message))
        .with_code(&d.rule)
        .with_labels(vec![Label::primary((), span)])
        .with_notes(notes)
}

/// Writes an error that stopped a file (or the run), pointing at the line when it can.
pub fn render_error(out: &mut dyn WriteColor, err: &FileError) -> io::Result<()> {
    let config = Config::default();
    let path = escape_controls(&err.path);
    let notes: Vec<String> = err
        .notes
        .iter()
        .map(|n| escape_controls(n).into_owned())
        .collect();
    match &err.location {
        Some(loc) => {
            let shown = Shown::new(&loc.text);
            let file = SimpleFile::new(path.as_ref(), shown.text.as_ref());
            let snippet = Snippet::error()
                .with_message(escape_controls(&err.message))
                .with_labels(vec![
                    Label::primary((), shown.span(&loc.span))
                        .with_message(escape_controls(&loc.label)),
                ])
                .with_notes(notes);
            term::emit(out, &config, &file, &snippet).map_err(to_io)
        }
        None => {
            let file = SimpleFile::new("", "");
            let snippet = Snippet::<()>::error()
                .with_message(format!("{path}: {}", escape_controls(&err.message)))
                .with_notes(notes);
            term::emit(out, &config, &file, &snippet).map_err(to_io)
        }
    }
}

fn to_io(err: codespan_reporting::files::Error) -> io::Error {
    match err {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_spans_follow() {
        let text = "a\u{1b}[31mb\r\nc\u{202e}d";
        let shown = Shown::new(text);
        assert_eq!(shown.text, "a\\u{1b}[31mb\r\nc\\u{202e}d");
        let b = text.find('b').unwrap_or_default();
        let d = text.find('d').unwrap_or_default();
        assert_eq!(&shown.text[shown.span(&(b..b + 1))], "b");
        assert_eq!(&shown.text[shown.span(&(d..d + 1))], "d");
        for offset in [0, b, d, text.len()] {
            assert_eq!(shown.original_offset(shown.offset(offset)), offset);
        }
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
    }
}
