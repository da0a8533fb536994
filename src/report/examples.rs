//! A rule's example as the human format prints it, for `followup explain`
//! and the handbook.

use codespan_reporting::term::termcolor::NoColor;

use crate::engine::examples::run;
use crate::engine::linter::{LintedFile, Linter};
use crate::report::Human;
use crate::rules::rule::{Example, Rule};

/// What the linter prints for `rule` on the example, as plain text.
pub fn render_diagnostics(linter: &Linter, rule: &Rule, example: &Example) -> String {
    let files = match run(linter, example) {
        Ok(files) => files,
        Err(err) => return format!("error: {err}\n"),
    };
    let Some(last) = files.into_iter().last() else {
        return String::new();
    };
    let only_rule = LintedFile {
        diagnostics: last
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule.id)
            .cloned()
            .collect(),
        ..last
    };
    let mut out = NoColor::new(Vec::new());
    if Human::new().write_file(&mut out, &only_rule).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
