//! The command line: argument parsing and the subcommands. Only this module
//! prints; the library returns values.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod build;
mod explain;
mod fix;
mod gate;
mod generate;
mod inputs;
mod lint;
mod lsp;
mod new;
mod plan;
mod setup;

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use lint::LintArgs;

/// Lint job-interview follow-up notes, and build the handbook that explains every rule.
#[derive(Debug, Parser)]
#[command(
    name = "followup",
    version,
    about,
    long_about = "Lint job-interview follow-up notes (thank-you notes, withdrawals, replies to a \
rejection, check-ins, recovery notes, LinkedIn messages) written in Markdown, and build the \
etiquette handbook that every diagnostic links to.",
    after_help = "Examples:\n  followup lint note.md                 lint one draft\n  followup lint drafts/ --format json    lint a folder, machine-readable\n  followup explain first-name-salutation why a rule exists, with examples\n  followup rules                         list every rule\n  followup new thank-you -o note.md      start a draft from the handbook's template\n  followup plan drafts/ --ics plan.ics   what is due next, and a calendar file\n  followup --generate complete-bash      shell completions (also complete-zsh, complete-fish; man for the man page)\n\nExit codes: 0 clean, 1 problems at or above the --deny level (default: error), 2 the run failed."
)]
#[command(arg_required_else_help = true, args_conflicts_with_subcommands = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Write shell completions or the man page to standard output.
    #[arg(long, value_enum, value_name = "KIND")]
    generate: Option<generate::Generate>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint drafts (files, folders, or - for standard input).
    Lint(LintArgs),
    /// List the rules with their levels and the kinds they apply to.
    Rules(explain::RulesArgs),
    /// Explain a rule: why it exists, with examples of drafts that fire it and drafts that do not.
    Explain(explain::ExplainArgs),
    /// Build the handbook (guides/ and the rule reference) into a static site.
    Build(build::BuildArgs),
    /// Serve the handbook on 127.0.0.1, rebuilding and reloading on change.
    Serve(build::ServeArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp(lsp::LspArgs),
    /// Lint a mail message from stdin, then pass it to COMMAND only if it is clean.
    Gate(gate::GateArgs),
    /// Write a new draft of KIND from the handbook's template, front matter filled from flags.
    New(new::NewArgs),
    /// Show what each application has had and what is due next (table, JSON or calendar).
    Plan(plan::PlanArgs),
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Color {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl Color {
    /// The termcolor choice for a stream.
    pub(crate) fn choice(self, is_terminal: bool) -> ColorChoice {
        match self {
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
            Color::Auto => auto_choice(
                is_terminal,
                std::env::var_os("NO_COLOR").as_deref(),
                std::env::var_os("TERM").as_deref(),
            ),
        }
    }
}

/// `--color auto`: colour on a terminal unless `NO_COLOR` is set to a
/// non-empty value (no-color.org: an empty one does not count) or the
/// terminal is `dumb`. Decided here, because termcolor's own `Auto` treats
/// an empty `NO_COLOR` as set.
fn auto_choice(
    is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> ColorChoice {
    let no_color = no_color.is_some_and(|v| !v.is_empty());
    let dumb = term.is_some_and(|t| t == "dumb");
    if is_terminal && !no_color && !dumb {
        ColorChoice::Always
    } else {
        ColorChoice::Never
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn an_empty_no_color_does_not_turn_colour_off() {
        let term = Some(OsStr::new("xterm"));
        assert_eq!(
            auto_choice(true, Some(OsStr::new("")), term),
            ColorChoice::Always
        );
        assert_eq!(auto_choice(true, None, term), ColorChoice::Always);
        assert_eq!(
            auto_choice(true, Some(OsStr::new("1")), term),
            ColorChoice::Never
        );
        assert_eq!(auto_choice(false, None, term), ColorChoice::Never);
        assert_eq!(
            auto_choice(true, None, Some(OsStr::new("dumb"))),
            ColorChoice::Never
        );
    }
}

/// Exit codes.
pub(crate) mod exit {
    /// No problems at the failing level.
    pub(crate) const OK: i32 = 0;
    /// Problems at or above the failing level.
    pub(crate) const PROBLEMS: i32 = 1;
    /// The run failed.
    pub(crate) const FAILURE: i32 = 2;
}

/// Runs the command line and returns the exit code.
pub(crate) fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                exit::FAILURE
            } else {
                exit::OK
            };
            let _ = err.print();
            return code;
        }
    };
    let Some(command) = cli.command else {
        return match cli.generate {
            Some(what) => generate::run(what),
            None => exit::FAILURE,
        };
    };
    let result = match command {
        Command::Lint(args) => lint::run(args),
        Command::Rules(args) => explain::rules(args),
        Command::Explain(args) => explain::explain(args),
        Command::Build(args) => build::build(args),
        Command::Serve(args) => build::serve(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Gate(args) => gate::run(args),
        Command::New(args) => new::run(args),
        Command::Plan(args) => plan::run(args),
    };
    match result {
        Ok(code) => code,
        Err(errors) => {
            report_errors(&errors, Color::Auto);
            exit::FAILURE
        }
    }
}

/// Prints errors to stderr with codespan-reporting.
pub(crate) fn report_errors(errors: &[followup::FileError], color: Color) {
    use std::io::IsTerminal;
    let mut stderr = StandardStream::stderr(color.choice(std::io::stderr().is_terminal()));
    for err in errors {
        if followup::report::render_error(&mut stderr, err).is_err() {
            let _ = writeln!(stderr, "error: {err}");
        }
    }
}
