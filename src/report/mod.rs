//! Writing lint results: human (codespan-reporting), JSON (the contract in
//! the spec) and one line per diagnostic for editors.

pub mod examples;
mod human;
mod json;
mod line;

pub use human::{Human, escape_controls, render_error};
pub use json::{json_document, write_json};
pub use line::write_lines;

use crate::engine::linter::LintedFile;
use crate::rules::level::Level;

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files given (linted or attempted); the summary counts only those linted.
    pub files: usize,
    /// Files that could not be linted.
    pub failed: usize,
    /// Diagnostics at level error.
    pub errors: usize,
    /// Diagnostics at level warning.
    pub warnings: usize,
    /// Diagnostics at level suggestion.
    pub suggestions: usize,
}

impl Totals {
    /// Adds up the diagnostics of `files`.
    pub fn of(files: &[LintedFile]) -> Totals {
        let mut t = Totals {
            files: files.len(),
            ..Totals::default()
        };
        for file in files {
            if file.error.is_some() {
                t.failed += 1;
            }
            for d in &file.diagnostics {
                match d.level {
                    Level::Error => t.errors += 1,
                    Level::Warning => t.warnings += 1,
                    Level::Suggestion => t.suggestions += 1,
                }
            }
            for o in &file.omitted {
                match o.level {
                    Level::Error => t.errors += o.count,
                    Level::Warning => t.warnings += o.count,
                    Level::Suggestion => t.suggestions += o.count,
                }
            }
        }
        t
    }

    /// `3 files linted: 1 error, 2 warnings, no suggestions`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| match n {
            0 => format!("no {word}s"),
            1 => format!("1 {word}"),
            n => format!("{n} {word}s"),
        };
        let linted = self.files.saturating_sub(self.failed);
        let mut line = format!(
            "{} linted: {}, {}, {}",
            if linted == 1 {
                "1 file".to_string()
            } else {
                format!("{linted} files")
            },
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.suggestions, "suggestion"),
        );
        if self.failed > 0 {
            line.push_str(&format!(
                "; {} could not be read",
                if self.failed == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", self.failed)
                }
            ));
        }
        line
    }
}
