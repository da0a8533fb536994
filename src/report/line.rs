//! One line per diagnostic, `path:line:col: level[rule] message`, for
//! editors' error formats (Vim's `errorformat`, Emacs' compilation mode).

use std::io;

use crate::engine::linter::LintedFile;

/// Writes every diagnostic (and every file error) as one line.
pub fn write_lines(out: &mut dyn io::Write, files: &[LintedFile]) -> io::Result<()> {
    for file in files {
        if let Some(err) = &file.error {
            let (line, col) = err.line_col().unwrap_or((1, 1));
            writeln!(
                out,
                "{}:{line}:{col}: error[{}] {}",
                file.path, err.kind, err.message
            )?;
        }
        let Some(doc) = &file.document else { continue };
        let starts: Vec<usize> = file.diagnostics.iter().map(|d| d.span.start).collect();
        let positions = doc.lines.positions(doc.text(), &starts);
        for (d, pos) in file.diagnostics.iter().zip(positions) {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.path, pos.line, pos.column, d.level, d.rule, d.message
            )?;
        }
        for o in &file.omitted {
            writeln!(out, "{}:1:1: note[{}] {}", file.path, o.rule, o.message())?;
        }
    }
    Ok(())
}

/// The `line` format: `path:line:col: level[rule] message`.
pub(crate) struct LineReporter;

impl super::Reporter for LineReporter {
    fn name(&self) -> &'static str {
        "line"
    }

    fn description(&self) -> &'static str {
        "path:line:col: level[rule] message, for editors' error formats"
    }

    fn report(
        &self,
        out: &mut dyn codespan_reporting::term::termcolor::WriteColor,
        files: &[LintedFile],
        _context: &super::Context<'_>,
    ) -> io::Result<()> {
        write_lines(out, files)
    }
}
