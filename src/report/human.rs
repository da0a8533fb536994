//! Human output: codespan-reporting snippets with labels, help and the
//! handbook link, and a summary line.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

use crate::diagnostic::Diagnostic;
use crate::error::FileError;
use crate::level::Level;
use crate::linter::LintedFile;

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
        let source = SimpleFile::new(file.path.as_str(), doc.text());
        for d in &file.diagnostics {
            let snippet = snippet(d);
            term::emit(out, &self.config, &source, &snippet).map_err(to_io)?;
        }
        for o in &file.omitted {
            writeln!(out, "note[{}]: {}: {}\n", o.rule, file.path, o.message())?;
        }
        Ok(())
    }
}

fn snippet(d: &Diagnostic) -> Snippet<()> {
    let severity = match d.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Suggestion => Severity::Help,
    };
    let mut notes = vec![format!("help: {}", d.help)];
    if let Some(fix) = &d.fix {
        notes.push(format!("fix: {} (followup lint --fix)", fix.title));
    }
    notes.push(format!("see: {}", d.url));
    Snippet::new(severity)
        .with_message(&d.message)
        .with_code(&d.rule)
        .with_labels(vec![Label::primary((), d.span.clone())])
        .with_notes(notes)
}

/// Writes an error that stopped a file (or the run), pointing at the line when it can.
pub fn render_error(out: &mut dyn WriteColor, err: &FileError) -> io::Result<()> {
    let config = Config::default();
    match &err.location {
        Some(loc) => {
            let file = SimpleFile::new(err.path.as_str(), &*loc.text);
            let snippet = Snippet::error()
                .with_message(&err.message)
                .with_labels(vec![
                    Label::primary((), loc.span.clone()).with_message(&loc.label),
                ])
                .with_notes(err.notes.clone());
            term::emit(out, &config, &file, &snippet).map_err(to_io)
        }
        None => {
            let file = SimpleFile::new("", "");
            let snippet = Snippet::<()>::error()
                .with_message(format!("{}: {}", err.path, err.message))
                .with_notes(err.notes.clone());
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
