//! Linting one open draft into LSP diagnostics. A draft (or config) that
//! cannot be read becomes one diagnostic, never a crash.

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use lsp_types::{CodeDescription, DiagnosticSeverity, NumberOrString, Uri};

use super::linters::Built;
use super::position;
use crate::engine::diagnostic::Diagnostic;
use crate::rules::level::Level;
use crate::rules::rule::Rule;
use crate::text::error::FileError;
use crate::text::lines::LineIndex;
use crate::text::source::{SourceFile, check_size};

/// The `source` of every diagnostic.
pub(crate) const SOURCE: &str = "followup";

/// A rule diagnostic and the rule behind it (for hover).
#[derive(Debug)]
pub(crate) struct Finding {
    /// The diagnostic, with byte spans.
    pub(crate) diagnostic: Diagnostic,
    /// Its rule, when the catalog has it.
    pub(crate) rule: Option<Arc<Rule>>,
    /// The diagnostic as published.
    pub(crate) lsp: lsp_types::Diagnostic,
}

/// The lint of one version of a draft.
#[derive(Debug)]
pub(crate) struct Analysis {
    /// Line starts of the linted text.
    pub(crate) lines: LineIndex,
    /// Rule diagnostics.
    pub(crate) findings: Vec<Finding>,
    /// Diagnostics about the draft or config as a whole (parse errors).
    pub(crate) problems: Vec<lsp_types::Diagnostic>,
    /// How the draft's kind was decided (see [`crate::draft::document::Document::kind_summary`]).
    pub(crate) kind: Option<String>,
}

impl Analysis {
    /// Everything to publish.
    pub(crate) fn published(&self) -> Vec<lsp_types::Diagnostic> {
        self.problems
            .iter()
            .cloned()
            .chain(self.findings.iter().map(|f| f.lsp.clone()))
            .collect()
    }
}

/// Lints a draft's current text (reported under `name`) with `built`.
pub(crate) fn analyse(name: &str, text: &str, built: &Built) -> Analysis {
    let lines = LineIndex::new(text);
    let mut analysis = Analysis {
        lines,
        findings: Vec::new(),
        problems: Vec::new(),
        kind: None,
    };
    if text.trim().is_empty() {
        return analysis;
    }
    if let Err(err) = check_size("this draft", text.len() as u64) {
        let message = format!("{} {}", err.path, err.message);
        analysis
            .problems
            .push(problem(&analysis.lines, text, 0..0, message));
        return analysis;
    }
    let linter = match built {
        Ok(linter) => linter,
        Err(errors) => {
            for err in errors {
                let message = format!("followup cannot use its configuration: {err}");
                analysis
                    .problems
                    .push(problem(&analysis.lines, text, 0..0, message));
            }
            return analysis;
        }
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let doc = linter
            .parse(SourceFile::new(name, text))
            .map_err(Box::new)?;
        Ok::<_, Box<FileError>>((linter.lint_document(&doc), doc.kind_summary()))
    }));
    match outcome {
        Ok(Ok((mut diagnostics, kind))) => {
            analysis.kind = Some(kind);
            for o in crate::engine::diagnostic::cap_per_rule(&mut diagnostics) {
                let mut note = problem(
                    &analysis.lines,
                    text,
                    0..0,
                    format!("{}: {}", o.rule, o.message()),
                );
                note.severity = Some(DiagnosticSeverity::INFORMATION);
                analysis.problems.push(note);
            }
            for d in diagnostics {
                let lsp = to_lsp(&analysis.lines, text, &d);
                let rule = linter.catalog().get(&d.rule).cloned();
                analysis.findings.push(Finding {
                    diagnostic: d,
                    rule,
                    lsp,
                });
            }
        }
        Ok(Err(err)) => {
            let span = err.location.as_ref().map_or(0..0, |l| l.span.clone());
            let mut message = match &err.location {
                Some(loc) if !loc.label.is_empty() => format!("{}: {}", err.message, loc.label),
                _ => err.message.clone(),
            };
            for note in &err.notes {
                message.push_str("\nnote: ");
                message.push_str(note);
            }
            analysis
                .problems
                .push(problem(&analysis.lines, text, span, message));
        }
        Err(_) => {
            let message = "followup failed on this draft (an internal error; please report it \
                           with the draft attached)"
                .to_string();
            analysis
                .problems
                .push(problem(&analysis.lines, text, 0..0, message));
        }
    }
    analysis
}

/// A rule diagnostic as LSP sends it.
fn to_lsp(lines: &LineIndex, text: &str, d: &Diagnostic) -> lsp_types::Diagnostic {
    let severity = match d.level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Suggestion => DiagnosticSeverity::INFORMATION,
    };
    let code_description = d
        .url
        .parse::<Uri>()
        .ok()
        .map(|href| CodeDescription { href });
    lsp_types::Diagnostic {
        range: position::range(lines, text, &d.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description,
        source: Some(SOURCE.to_string()),
        message: format!("{}\nhelp: {}", d.message, d.help),
        ..lsp_types::Diagnostic::default()
    }
}

/// An error-level diagnostic that belongs to no rule.
fn problem(
    lines: &LineIndex,
    text: &str,
    span: Range<usize>,
    message: String,
) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: position::range(lines, text, &span),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}
