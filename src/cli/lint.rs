//! `followup lint`: lint drafts and report in the chosen format.

use std::io::{IsTerminal, Write};

use clap::Args;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice, StandardStream};

use super::setup::{self, RuleFlags};
use super::{Color, exit, inputs, report_errors};
use followup::draft::dates::Moment;
use followup::engine::linter::{LintedFile, Linter};
use followup::report::{self, Human, Totals};
use followup::rules::level::Level;
use followup::text::edit::Applicability;
use followup::text::error::FileError;

/// The `--format` values: every format the report room registers.
fn format_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        followup::report::FORMATS
            .iter()
            .map(|f| clap::builder::PossibleValue::new(f.name()).help(f.description())),
    )
}

/// Arguments of `followup lint`.
#[derive(Debug, Clone, Args)]
pub(crate) struct LintArgs {
    /// Drafts or folders to lint; `-` reads standard input. Folders are
    /// searched for .md, .markdown, .txt and .eml files.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<String>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    pub(crate) format: String,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Also fail (exit 1) on diagnostics at this level or above.
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub(crate) deny: Option<Level>,
    /// Judge dates as if today were this date (`2026-11-21` or `2026-11-21T12:00`).
    #[arg(long, value_name = "DATE", value_parser = parse_moment)]
    pub(crate) today: Option<Moment>,
    /// The name to report standard input under.
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,
    /// Show each draft's kind and where it came from.
    #[arg(short, long)]
    pub(crate) verbose: bool,
    /// Print only the summary line (human format).
    #[arg(short, long, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Apply mechanical fixes in place, then report what is left. With `-`,
    /// the fixed draft is written to standard output instead.
    #[arg(long, conflicts_with = "diff")]
    pub(crate) fix: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when a draft would change).
    #[arg(long)]
    pub(crate) diff: bool,
    /// With --fix or --diff, also apply fixes that are guesses: which part
    /// of a name was meant, the first spelling suggestion. Read the result.
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Config and rule-folder flags.
    #[command(flatten)]
    pub(crate) rules: RuleFlags,
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.parse()
}

fn parse_moment(s: &str) -> Result<Moment, String> {
    Moment::parse(s)
}

/// The fixes `--fix` and `--diff` may apply.
fn allowed_fixes(args: &LintArgs) -> Applicability {
    if args.unsafe_fixes {
        Applicability::Guess
    } else {
        Applicability::Safe
    }
}

/// Runs `followup lint`.
pub(crate) fn run(args: LintArgs) -> Result<i32, Vec<FileError>> {
    let setup = match setup::build(&args.rules, args.today) {
        Ok(setup) => setup,
        Err(errors) if args.format == "line" => {
            // One line each, as editors read them: `path:line:col: error[config] …`.
            for err in &errors {
                let (line, col) = err.line_col().unwrap_or((1, 1));
                eprintln!(
                    "{}:{line}:{col}: error[{}] {}",
                    err.path, err.kind, err.message
                );
            }
            return Ok(super::exit::FAILURE);
        }
        Err(errors) => return Err(errors),
    };
    let mut inputs = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    if args.diff {
        return Ok(super::fix::diff(
            &setup.linter,
            inputs,
            args.color,
            allowed_fixes(&args),
        ));
    }
    if args.fix {
        let stdin = args.paths.iter().any(|p| p == "-");
        inputs = super::fix::fix_in_place(&setup.linter, inputs, stdin, allowed_fixes(&args));
        if stdin {
            let files = setup.linter.lint_all(inputs);
            let deny = args.deny.or(setup.deny).unwrap_or(Level::Error);
            let errors: Vec<FileError> = files.iter().filter_map(|f| f.error.clone()).collect();
            report_errors(&errors, args.color);
            // Standard output holds the fixed draft: what remains goes to stderr.
            if let Err(err) = remaining_to_stderr(&args, &files) {
                eprintln!("error: cannot write output: {err}");
            }
            return Ok(exit_code(&files, deny));
        }
    }
    let files = setup.linter.lint_all(inputs);
    let deny = args.deny.or(setup.deny).unwrap_or(Level::Error);

    let errors: Vec<FileError> = files.iter().filter_map(|f| f.error.clone()).collect();
    let written = write(&args, &files, &setup.linter);
    if !errors.is_empty() {
        report_errors(&errors, args.color);
    }
    if let Err(err) = written {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {err}");
            return Ok(exit::FAILURE);
        }
    }
    let code = exit_code(&files, deny);
    // The process exits next: leave the rules and drafts to the operating
    // system instead of freeing them piece by piece.
    std::mem::forget((files, setup));
    Ok(code)
}

/// Writes the diagnostics `--fix -` could not fix, with the summary, to stderr.
fn remaining_to_stderr(args: &LintArgs, files: &[LintedFile]) -> std::io::Result<()> {
    let mut err = StandardStream::stderr(args.color.choice(std::io::stderr().is_terminal()));
    if !args.quiet {
        let human = Human::new();
        for file in files {
            human.write_file(&mut err, file)?;
        }
    }
    writeln!(err, "{}", Totals::of(files).summary())?;
    err.flush()
}

/// 2 when a file failed, 1 when a diagnostic is at or above `deny`, else 0.
pub(crate) fn exit_code(files: &[LintedFile], deny: Level) -> i32 {
    if files.iter().any(|f| f.error.is_some()) {
        exit::FAILURE
    } else if files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.level >= deny)
    {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

fn write(args: &LintArgs, files: &[LintedFile], linter: &Linter) -> std::io::Result<()> {
    let Some(reporter) = report::format_named(&args.format) else {
        return Err(std::io::Error::other(format!(
            "unknown format `{}`",
            args.format
        )));
    };
    let choice = if reporter.colored() {
        args.color.choice(std::io::stdout().is_terminal())
    } else {
        ColorChoice::Never
    };
    let mut out = BufferedStandardStream::stdout(choice);
    let context = report::Context {
        linter,
        verbose: args.verbose,
        quiet: args.quiet,
    };
    reporter.report(&mut out, files, &context)?;
    out.flush()
}
