//! `followup lint`: lint drafts and report in the chosen format.

use std::io::{IsTerminal, Write};

use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::StandardStream;

use super::setup::{self, RuleFlags};
use super::{Color, exit, inputs, report_errors};
use crate::dates::Moment;
use crate::error::FileError;
use crate::level::Level;
use crate::linter::LintedFile;
use crate::report::{self, Human, Totals};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// Annotated snippets for people, with a summary line.
    #[default]
    Human,
    /// One JSON document (see the README for its fields).
    Json,
    /// `path:line:col: level[rule] message`, one per line, for editors.
    Line,
}

/// Arguments of `followup lint`.
#[derive(Debug, Clone, Args)]
pub(crate) struct LintArgs {
    /// Drafts or folders to lint; `-` reads standard input. Folders are
    /// searched for .md, .markdown, .txt and .eml files.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Also fail (exit 1) on diagnostics at this level or above.
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub deny: Option<Level>,
    /// Judge dates as if today were this date (`2026-11-21` or `2026-11-21T12:00`).
    #[arg(long, value_name = "DATE", value_parser = parse_moment)]
    pub today: Option<Moment>,
    /// The name to report standard input under.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Show each draft's kind and where it came from.
    #[arg(short, long)]
    pub verbose: bool,
    /// Print only the summary line (human format).
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Apply mechanical fixes in place, then report what is left. With `-`,
    /// the fixed draft is written to standard output instead.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when a draft would change).
    #[arg(long)]
    pub diff: bool,
    /// With `--diff`, also show the first suggestion of each spelling or
    /// word-choice diagnostic (a guess: `--fix` never applies one).
    #[arg(long, requires = "diff", conflicts_with = "fix")]
    pub guesses: bool,
    /// Config and rule-folder flags.
    #[command(flatten)]
    pub rules: RuleFlags,
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.parse()
}

fn parse_moment(s: &str) -> Result<Moment, String> {
    Moment::parse(s)
}

/// Runs `followup lint`.
pub(crate) fn run(args: LintArgs) -> Result<i32, Vec<FileError>> {
    let setup = setup::build(&args.rules, args.today)?;
    let mut inputs = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    if args.diff {
        return Ok(super::fix::diff(
            &setup.linter,
            inputs,
            args.color,
            args.guesses,
        ));
    }
    if args.fix {
        let stdin = args.paths.iter().any(|p| p == "-");
        inputs = super::fix::fix_in_place(&setup.linter, inputs, stdin);
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
    let written = write(&args, &files);
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

fn write(args: &LintArgs, files: &[LintedFile]) -> std::io::Result<()> {
    match args.format {
        Format::Json => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            report::write_json(&mut lock, files)?;
            lock.flush()
        }
        Format::Line => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            report::write_lines(&mut lock, files)?;
            lock.flush()
        }
        Format::Human => {
            let mut out =
                StandardStream::stdout(args.color.choice(std::io::stdout().is_terminal()));
            let human = Human::new();
            for file in files {
                if args.verbose {
                    if let Some(doc) = &file.document {
                        writeln!(
                            out,
                            "{}: {}",
                            report::escape_controls(&file.path),
                            doc.kind_summary()
                        )?;
                    }
                }
                if !args.quiet {
                    human.write_file(&mut out, file)?;
                }
            }
            writeln!(out, "{}", Totals::of(files).summary())?;
            out.flush()
        }
    }
}
