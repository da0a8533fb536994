//! JSON output, as fixed by the spec: `{"version": 1, "files": [...]}`.

use std::io;

use serde_json::{Value, json};

use crate::engine::linter::LintedFile;

/// The JSON document for a run.
pub fn json_document(files: &[LintedFile]) -> Value {
    let files: Vec<Value> = files.iter().map(file_json).collect();
    json!({ "version": 1, "files": files })
}

fn file_json(file: &LintedFile) -> Value {
    let Some(doc) = &file.document else {
        let error = file.error.as_ref().map(|e| {
            let (line, column) = e.line_col().unzip();
            json!({
                "kind": e.kind.as_str(),
                "message": e.message,
                "line": line,
                "column": column,
                "notes": e.notes,
            })
        });
        return json!({
            "path": file.path,
            "kind": null,
            "kind_source": null,
            "diagnostics": [],
            "error": error,
        });
    };
    let text = doc.text();
    let offsets: Vec<usize> = file
        .diagnostics
        .iter()
        .flat_map(|d| [d.span.start, d.span.end])
        .collect();
    let positions = doc.lines.positions(text, &offsets);
    let diagnostics: Vec<Value> = file
        .diagnostics
        .iter()
        .zip(positions.chunks(2))
        .map(|(d, pair)| {
            let (start, end) = match pair {
                [start, end] => (*start, *end),
                _ => (
                    doc.lines.position(text, d.span.start),
                    doc.lines.position(text, d.span.end),
                ),
            };
            let mut value = json!({
                "rule": d.rule,
                "level": d.level,
                "message": d.message,
                "help": d.help,
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "byte_start": d.span.start,
                "byte_end": d.span.end,
                "url": d.url,
            });
            if let (Some(fix), Some(map)) = (&d.fix, value.as_object_mut()) {
                map.insert(
                    "fix".into(),
                    json!({
                        "title": fix.title,
                        "applicability": fix.applicability.as_str(),
                        "edits": fix.edits.iter().map(|e| json!({
                            "byte_start": e.span.start,
                            "byte_end": e.span.end,
                            "replacement": e.replacement,
                        })).collect::<Vec<_>>(),
                    }),
                );
            }
            value
        })
        .collect();
    let mut value = json!({
        "path": file.path,
        "kind": doc.kind,
        "kind_source": doc.kind_source,
        "diagnostics": diagnostics,
    });
    if let (false, Some(map)) = (file.omitted.is_empty(), value.as_object_mut()) {
        let omitted: Vec<Value> = file
            .omitted
            .iter()
            .map(|o| json!({ "rule": o.rule, "level": o.level, "count": o.count }))
            .collect();
        map.insert("omitted".into(), json!(omitted));
    }
    if let (true, Some(map)) = (doc.source.decoded_mail, value.as_object_mut()) {
        // Positions refer to the decoded headers and text part.
        map.insert("decoded".into(), json!("mime"));
    }
    if let (Some(inference), Some(map)) = (&doc.inference, value.as_object_mut()) {
        // Rounded so that output does not depend on float printing.
        let confidence = (f64::from(inference.confidence) * 1000.0).round() / 1000.0;
        map.insert("kind_confidence".into(), json!(confidence));
        map.insert("kind_open".into(), json!(inference.open));
        map.insert("kind_evidence".into(), json!(inference.evidence));
    }
    value
}

/// Writes the JSON document, pretty-printed, with a trailing newline: the
/// same bytes as pretty-printing [`json_document`], but each file is
/// rendered on its own (in parallel for large runs) and written in turn.
pub fn write_json(out: &mut dyn io::Write, files: &[LintedFile]) -> io::Result<()> {
    use rayon::prelude::*;
    let render = |file: &LintedFile| -> String {
        let pretty = serde_json::to_string_pretty(&file_json(file)).unwrap_or_default();
        // Files sit two levels deep: indent every line by four spaces (a
        // JSON string never holds a raw line break).
        let mut indented = String::with_capacity(pretty.len() + pretty.len() / 8);
        for line in pretty.lines() {
            indented.push_str("    ");
            indented.push_str(line);
            indented.push('\n');
        }
        indented
    };
    let rendered: Vec<String> = if files.len() < 64 {
        files.iter().map(render).collect()
    } else {
        files.par_iter().map(render).collect()
    };
    if rendered.is_empty() {
        return writeln!(out, "{{\n  \"files\": [],\n  \"version\": 1\n}}");
    }
    out.write_all(b"{\n  \"files\": [\n")?;
    for (i, file) in rendered.iter().enumerate() {
        let file = file.strip_suffix('\n').unwrap_or(file);
        out.write_all(file.as_bytes())?;
        out.write_all(if i + 1 < rendered.len() {
            b",\n"
        } else {
            b"\n"
        })?;
    }
    out.write_all(b"  ],\n  \"version\": 1\n}\n")
}

/// The `json` format: the document the spec defines.
pub(crate) struct JsonReporter;

impl super::Reporter for JsonReporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn description(&self) -> &'static str {
        "one JSON document, as the spec defines it"
    }

    fn report(
        &self,
        out: &mut dyn codespan_reporting::term::termcolor::WriteColor,
        files: &[LintedFile],
        _context: &super::Context<'_>,
    ) -> io::Result<()> {
        write_json(out, files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::linter::Linter;
    use crate::text::source::SourceFile;

    /// The streamed output is byte for byte what pretty-printing the whole
    /// document gives, for no files, errors and diagnostics alike.
    #[test]
    fn streamed_output_matches_the_document() {
        let linter = Linter::builtin().unwrap();
        let inputs = vec![
            Ok(SourceFile::new(
                "a.md",
                "Hey Rachel!!\n\nThanks \"so\" much.\n".to_string(),
            )),
            Err(crate::text::error::FileError::new(
                "b.md",
                "no such file or folder",
            )),
            Ok(SourceFile::new(
                "c.md",
                "Dear Ms. Lund,\n\nThank you.\n\nBest,\nPia Holm\n".to_string(),
            )),
        ];
        for files in [linter.lint_all(inputs), Vec::new()] {
            let mut streamed = Vec::new();
            write_json(&mut streamed, &files).unwrap();
            let whole = serde_json::to_string_pretty(&json_document(&files)).unwrap() + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        }
    }
}
