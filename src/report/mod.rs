//! Writing lint results. Each output format is one file implementing
//! [`Reporter`], registered with one line in [`FORMATS`]: human
//! (codespan-reporting), JSON (the contract in the spec), one line per
//! diagnostic for editors, and SARIF for code-scanning services.

pub mod examples;
mod human;
mod json;
mod line;
mod sarif;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

pub use human::{Human, escape_controls, render_error};
pub use json::{json_document, write_json};
pub use line::write_lines;
pub use sarif::{Log as SarifLog, sarif_document};

use crate::engine::linter::{LintedFile, Linter};
use crate::rules::level::Level;

/// Every output format, by the name `--format` takes. Adding a format is
/// its own file plus one line here.
pub static FORMATS: &[&dyn Reporter] = &[
    &human::HumanReporter,
    &json::JsonReporter,
    &line::LineReporter,
    &sarif::SarifReporter,
];

/// An output format by name.
pub fn format_named(name: &str) -> Option<&'static dyn Reporter> {
    FORMATS.iter().copied().find(|f| f.name() == name)
}

/// What a reporter may read besides the results: the run's linter (its
/// catalog of rules, with summaries and levels, and the handbook's
/// address) and what the user asked to see.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The linter the results came from.
    pub linter: &'a Linter,
    /// Also say which kind each draft was read as, and why.
    pub verbose: bool,
    /// Only the summary line, where the format has one.
    pub quiet: bool,
}

/// An output format for lint results.
pub trait Reporter: Sync {
    /// The name `--format` takes.
    fn name(&self) -> &'static str;

    /// One line for `--help`.
    fn description(&self) -> &'static str;

    /// Whether the output may be coloured (on a terminal).
    fn colored(&self) -> bool {
        false
    }

    /// Writes the results of one run.
    fn report(
        &self,
        out: &mut dyn WriteColor,
        files: &[LintedFile],
        context: &Context<'_>,
    ) -> io::Result<()>;
}

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
