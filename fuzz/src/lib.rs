//! What every fuzz target checks once it has lint results: spans inside
//! the text and on character boundaries, every output format renders (and
//! the JSON parses), and fixing is idempotent.

use std::ops::Range;

use codespan_reporting::term::termcolor::Buffer;
use followup::draft::dates::Moment;
use followup::text::error::FileError;
use followup::engine::fix::fix_rounds;
use followup::report::{Human, Totals, render_error, write_json, write_lines};
use followup::{LintedFile, Linter, SourceFile};

/// The date every target judges drafts at, so runs are reproducible.
pub fn today() -> Moment {
    match Moment::parse("2026-11-21T12:00") {
        Ok(m) => m,
        Err(e) => panic!("the fixed date does not parse: {e}"),
    }
}

/// The built-in linter, dated [`today`].
pub fn builtin_linter() -> Linter {
    match Linter::builtin() {
        Ok(linter) => linter.with_today(today()),
        Err(e) => panic!("the built-in rules do not load: {e}"),
    }
}

/// Splits `data` at each line holding only `%%`: the parts of a structured input.
pub fn parts(data: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.find("\n%%\n") {
        out.push(&rest[..at + 1]);
        rest = &rest[at + 4..];
    }
    out.push(rest);
    out
}

/// Panics unless `span` lies inside `text` on character boundaries.
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// Lints `inputs` as `followup lint` does, then checks every result:
/// spans, every output format, and `--fix` on each fixable draft.
pub fn lint_and_check(linter: &Linter, inputs: Vec<Result<SourceFile, FileError>>) {
    let files = linter.lint_all(inputs);
    check_files(&files);
    for file in &files {
        if let Some(doc) = &file.document
            && !doc.source.decoded_mail
        {
            check_fix(linter, &file.path, doc.text());
        }
    }
}

/// Checks spans of every diagnostic and fix, and renders every output format.
pub fn check_files(files: &[LintedFile]) {
    for file in files {
        let Some(doc) = &file.document else {
            continue;
        };
        let text = doc.text();
        for d in &file.diagnostics {
            assert_span(text, &d.span, &d.rule);
            if let Some(fix) = &d.fix {
                let mut edits: Vec<&Range<usize>> = fix.edits.iter().map(|e| &e.span).collect();
                for span in &edits {
                    assert_span(text, span, &d.rule);
                }
                edits.sort_by_key(|s| (s.start, s.end));
                for pair in edits.windows(2) {
                    assert!(
                        pair[0].end <= pair[1].start,
                        "{}: the edits of one fix overlap",
                        d.rule
                    );
                }
            }
        }
    }
    // Human output, file errors included, then the summary line.
    let human = Human::new();
    let mut out = Buffer::no_color();
    for file in files {
        if let Some(err) = &file.error
            && let Err(e) = render_error(&mut out, err)
        {
            panic!("human output of an error failed: {e}");
        }
        if let Err(e) = human.write_file(&mut out, file) {
            panic!("human output failed: {e}");
        }
    }
    let _ = Totals::of(files).summary();
    // One line per diagnostic: as many lines as diagnostics, errors and notes.
    let mut lines = Vec::new();
    if let Err(e) = write_lines(&mut lines, files) {
        panic!("line output failed: {e}");
    }
    let expected: usize = files
        .iter()
        .map(|f| f.diagnostics.len() + f.omitted.len() + usize::from(f.error.is_some()))
        .sum();
    let written = lines.iter().filter(|&&b| b == b'\n').count();
    assert!(
        written >= expected,
        "line output has {written} lines for {expected} entries"
    );
    // JSON: parses, and holds every diagnostic with the spans it was given.
    let mut json = Vec::new();
    if let Err(e) = write_json(&mut json, files) {
        panic!("JSON output failed: {e}");
    }
    let value: serde_json::Value = match serde_json::from_slice(&json) {
        Ok(v) => v,
        Err(e) => panic!("JSON output does not parse: {e}"),
    };
    assert_eq!(value, followup::report::json_document(files));
    for (file, shown) in files
        .iter()
        .zip(value["files"].as_array().into_iter().flatten())
    {
        let diagnostics = shown["diagnostics"].as_array().map_or(0, Vec::len);
        assert_eq!(diagnostics, file.diagnostics.len(), "JSON diagnostics");
        for (d, s) in file
            .diagnostics
            .iter()
            .zip(shown["diagnostics"].as_array().into_iter().flatten())
        {
            assert_eq!(s["byte_start"].as_u64(), Some(d.span.start as u64));
            assert_eq!(s["byte_end"].as_u64(), Some(d.span.end as u64));
            assert!(s["line"].as_u64().is_some_and(|l| l >= 1));
            assert!(s["column"].as_u64().is_some_and(|c| c >= 1));
        }
    }
}

/// Runs `--fix` on `text` twice: the second run must change nothing.
pub fn check_fix(linter: &Linter, path: &str, text: &str) {
    // The draft parsed when it was linted, so every round of fixing parses too.
    let first = match fix_rounds(linter, path, text, followup::text::edit::Applicability::Guess) {
        Ok(fixed) => fixed,
        Err(e) => panic!("fixing made the draft unparsable: {e}"),
    };
    if first.applied == 0 {
        assert_eq!(first.text, text, "no edit applied, yet the text changed");
        return;
    }
    match fix_rounds(linter, path, &first.text, followup::text::edit::Applicability::Guess) {
        Ok(second) => {
            assert_eq!(
                second.applied, 0,
                "fixing the fixed text applied more edits: {:?} -> {:?}",
                first.text, second.text
            );
            assert_eq!(second.text, first.text);
        }
        Err(e) => panic!("the fixed text no longer parses: {e}\n{:?}", first.text),
    }
}
