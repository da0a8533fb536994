//! Running a rule's own examples through the linter, so the tests,
//! `followup explain` and the handbook all show what it really reports.

use crate::draft::dates::Moment;
use crate::engine::diagnostic::Diagnostic;
use crate::engine::linter::{LintedFile, Linter};
use crate::rules::rule::{Example, Rule};
use crate::text::error::{ErrorKind, FileError};
use crate::text::source::SourceFile;

/// The file name example drafts are shown under.
pub fn example_name(index: usize, count: usize) -> String {
    if count == 1 {
        "draft.md".to_string()
    } else {
        format!("draft-{}.md", index + 1)
    }
}

/// Lints an example's drafts together (with the example's `today`).
pub fn run(linter: &Linter, example: &Example) -> Result<Vec<LintedFile>, FileError> {
    let mut linter = linter.clone();
    if let Some(today) = &example.today {
        let moment = Moment::parse(today)
            .map_err(|e| FileError::new("example", e).with_kind(ErrorKind::Rule))?;
        linter = linter.with_today(moment);
    }
    let count = example.drafts.len();
    let inputs = example
        .drafts
        .iter()
        .enumerate()
        .map(|(i, d)| Ok(SourceFile::new(example_name(i, count), d.as_str())))
        .collect();
    let files = linter.lint_all(inputs);
    if let Some(err) = files.iter().find_map(|f| f.error.clone()) {
        return Err(err);
    }
    Ok(files)
}

/// The diagnostics `rule` reports on the example's last draft.
pub fn fired(
    linter: &Linter,
    rule: &Rule,
    example: &Example,
) -> Result<Vec<Diagnostic>, FileError> {
    let files = run(linter, example)?;
    Ok(files
        .last()
        .map(|f| {
            f.diagnostics
                .iter()
                .filter(|d| d.rule == rule.id)
                .cloned()
                .collect()
        })
        .unwrap_or_default())
}
