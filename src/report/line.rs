//! One line per diagnostic, `path:line:col: level[rule] message`, for
//! editors' error formats (Vim's `errorformat`, Emacs' compilation mode).

use std::io;

use crate::linter::LintedFile;

/// Writes every diagnostic (and every file error) as one line.
pub fn write_lines(out: &mut dyn io::Write, files: &[LintedFile]) -> io::Result<()> {
    for file in files {
        if let Some(err) = &file.error {
            let (line, col) = err.line_col().unwrap_or((1, 1));
            writeln!(out, "{}:{line}:{col}: error[io] {}", file.path, err.message)?;
        }
        let Some(doc) = &file.document else { continue };
        for d in &file.diagnostics {
            let pos = doc.lines.position(doc.text(), d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.path, pos.line, pos.column, d.level, d.rule, d.message
            )?;
        }
    }
    Ok(())
}
