//! JSON output, as fixed by the spec: `{"version": 1, "files": [...]}`.

use std::io;

use serde_json::{Value, json};

use crate::linter::LintedFile;

/// The JSON document for a run.
pub fn json_document(files: &[LintedFile]) -> Value {
    let files: Vec<Value> = files.iter().map(file_json).collect();
    json!({ "version": 1, "files": files })
}

fn file_json(file: &LintedFile) -> Value {
    let Some(doc) = &file.document else {
        let error = file.error.as_ref().map(|e| {
            let (line, column) = e.line_col().unzip();
            json!({ "message": e.message, "line": line, "column": column, "notes": e.notes })
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
    let diagnostics: Vec<Value> = file
        .diagnostics
        .iter()
        .map(|d| {
            let start = doc.lines.position(text, d.span.start);
            let end = doc.lines.position(text, d.span.end);
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
    json!({
        "path": file.path,
        "kind": doc.kind,
        "kind_source": doc.kind_source,
        "diagnostics": diagnostics,
    })
}

/// Writes the JSON document, pretty-printed, with a trailing newline.
pub fn write_json(out: &mut dyn io::Write, files: &[LintedFile]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &json_document(files))?;
    writeln!(out)
}
