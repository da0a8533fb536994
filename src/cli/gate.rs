//! `followup gate`: lint a message before a mail client sends it, and pass
//! it on to the real send command byte for byte only when it is clean.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use clap::Args;
use codespan_reporting::term::termcolor::StandardStream;

use super::setup::{self, RuleFlags};
use super::{Color, exit};
use followup::draft::dates::Moment;
use followup::report::{Human, Totals, render_error};
use followup::rules::level::Level;
use followup::text::error::FileError;
use followup::text::source::SourceFile;

/// The environment variable that turns the gate off for one send.
const BYPASS_VAR: &str = "FOLLOWUP_GATE";

/// The largest message read by default (attachments included).
const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Exit code when COMMAND cannot be found (as shells report it).
const NOT_FOUND: i32 = 127;

/// Exit code when COMMAND is found but cannot be run (as shells report it).
const NOT_EXECUTABLE: i32 = 126;

/// How to send a message despite the gate, printed with every refusal.
const HOW_TO_BYPASS: &str = "to send it anyway, set FOLLOWUP_GATE=off for this send \
(in mutt or neomutt: `:setenv FOLLOWUP_GATE off`) or call the send command directly";

/// Arguments of `followup gate`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Lint a mail message read from standard input, then either block it (the \
diagnostics go to standard error, exit 1, COMMAND is never run) or pass it to COMMAND byte for \
byte on its standard input and exit with COMMAND's status. Use it as a mail client's send \
command, e.g. in muttrc: set sendmail=\"followup gate -- /usr/sbin/sendmail -oem -oi\"",
    after_help = "Example, in muttrc:\n  set sendmail=\"followup gate -- /usr/sbin/sendmail -oem -oi\"\n\nExit codes: COMMAND's own status when the message was passed on; 1 the message \
was blocked; 2 followup failed (bad config, unreadable or oversized message), and the message was \
not sent; 126 COMMAND is not executable; 127 COMMAND was not found; 128+N COMMAND was killed by \
signal N.\n\nSet FOLLOWUP_GATE=off to pass messages on without linting them."
)]
pub(crate) struct GateArgs {
    /// Block on diagnostics at this level or above [default: error, or `deny` in followup.toml].
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    deny: Option<Level>,
    /// Judge dates as if today were this date (`2026-11-21` or `2026-11-21T12:00`).
    #[arg(long, value_name = "DATE", value_parser = Moment::parse)]
    today: Option<Moment>,
    /// Refuse messages larger than this many bytes (attachments included).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    #[command(flatten)]
    rules: RuleFlags,
    /// The send command and its arguments.
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub(crate) command: Vec<String>,
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.parse()
}

/// What linting decided.
enum Verdict {
    Pass,
    Block,
}

/// Runs the gate and returns its exit code.
pub(crate) fn run(args: GateArgs) -> Result<i32, Vec<FileError>> {
    let Some(program) = args.command.first() else {
        return Ok(refuse(exit::FAILURE, "no send command given", &[]));
    };
    if let Err((code, why)) = locate(program) {
        return Ok(refuse(code, &format!("cannot run `{program}`: {why}"), &[]));
    }
    let raw = match read_message(args.max_bytes) {
        Ok(raw) => raw,
        Err(why) => return Ok(refuse(exit::FAILURE, &why, &[])),
    };
    if !bypassed() {
        match check(&args, &raw) {
            Ok(Verdict::Pass) => {}
            Ok(Verdict::Block) => return Ok(exit::PROBLEMS),
            Err(errors) => {
                return Ok(refuse(exit::FAILURE, "could not lint the message", &errors));
            }
        }
    }
    Ok(send(&args.command, &raw))
}

/// Whether `FOLLOWUP_GATE` turns the gate off.
fn bypassed() -> bool {
    std::env::var(BYPASS_VAR).is_ok_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "off" | "0" | "false" | "no"
        )
    })
}

/// Prints why the message was not sent and how to send it anyway; returns `code`.
fn refuse(code: i32, why: &str, errors: &[FileError]) -> i32 {
    let mut stderr = StandardStream::stderr(Color::Auto.choice(std::io::stderr().is_terminal()));
    for err in errors {
        if render_error(&mut stderr, err).is_err() {
            let _ = writeln!(stderr, "error: {err}");
        }
    }
    let _ = writeln!(
        stderr,
        "followup gate: {why}; the message was NOT sent\n  = {HOW_TO_BYPASS}"
    );
    code
}

/// Checks that `program` can be run before the message is read, so a typo
/// in the send command is reported before any linting.
fn locate(program: &str) -> Result<(), (i32, String)> {
    let candidates: Vec<std::path::PathBuf> = if program.contains(std::path::MAIN_SEPARATOR) {
        vec![program.into()]
    } else {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .map(|dir| dir.join(program))
            .collect()
    };
    let mut found_but_not_executable = false;
    for candidate in &candidates {
        if candidate.is_file() {
            if is_executable(candidate) {
                return Ok(());
            }
            found_but_not_executable = true;
        }
    }
    if found_but_not_executable {
        Err((
            NOT_EXECUTABLE,
            "permission denied (not executable)".to_string(),
        ))
    } else {
        Err((NOT_FOUND, "command not found".to_string()))
    }
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_path: &Path) -> bool {
    true
}

/// Reads the whole message from standard input, refusing more than `max` bytes.
fn read_message(max: u64) -> Result<Vec<u8>, String> {
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .take(max.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|err| format!("cannot read the message from standard input: {err}"))?;
    if raw.len() as u64 > max {
        return Err(format!(
            "the message is larger than the {max}-byte limit (raise it with --max-bytes)"
        ));
    }
    Ok(raw)
}

/// Lints the message; prints the diagnostics when it is blocked.
fn check(args: &GateArgs, raw: &[u8]) -> Result<Verdict, Vec<FileError>> {
    let setup = setup::build(&args.rules, args.today)?;
    let deny = args.deny.or(setup.deny).unwrap_or(Level::Error);
    let name = "<message>";
    let text = followup::draft::mail::draft(raw).map_err(|why| vec![FileError::new(name, why)])?;
    let source = SourceFile::checked(name, text).map_err(|err| vec![err])?;
    let files = setup.linter.lint_all(vec![Ok(source)]);
    if let Some(err) = files.iter().find_map(|f| f.error.clone()) {
        return Err(vec![err]);
    }
    let blocking = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.level >= deny)
        .count();
    if blocking == 0 {
        return Ok(Verdict::Pass);
    }
    let mut stderr = StandardStream::stderr(Color::Auto.choice(std::io::stderr().is_terminal()));
    let human = Human::new();
    for file in &files {
        let _ = human.write_file(&mut stderr, file);
    }
    let totals = Totals::of(&files);
    let count = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    let _ = writeln!(
        stderr,
        "followup gate: the message was NOT sent: {}, {}, {} (blocking at level {deny} and above)\n  = fix the draft and send it again; {HOW_TO_BYPASS}",
        count(totals.errors, "error"),
        count(totals.warnings, "warning"),
        count(totals.suggestions, "suggestion"),
    );
    Ok(Verdict::Block)
}

/// Runs the send command with the message on its standard input; returns its exit code.
fn send(command: &[String], raw: &[u8]) -> i32 {
    let (program, rest) = match command.split_first() {
        Some(split) => split,
        None => return refuse(exit::FAILURE, "no send command given", &[]),
    };
    let mut child = match Command::new(program)
        .args(rest)
        .stdin(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(err) => {
            let code = match err.kind() {
                std::io::ErrorKind::NotFound => NOT_FOUND,
                std::io::ErrorKind::PermissionDenied => NOT_EXECUTABLE,
                _ => exit::FAILURE,
            };
            return refuse(code, &format!("cannot run `{program}`: {err}"), &[]);
        }
    };
    let written = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(raw).and_then(|()| stdin.flush()),
        None => Ok(()),
    };
    let status = match child.wait() {
        Ok(status) => status,
        Err(err) => {
            let why = format!(
                "lost track of `{program}`: {err}; the message may or may not have been sent"
            );
            eprintln!("followup gate: {why}");
            return exit::FAILURE;
        }
    };
    match written {
        // The command stopped reading early; its status says what happened.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(err) => {
            eprintln!(
                "followup gate: writing the message to `{program}` failed ({err}); it may have been sent incomplete"
            );
            if status.success() {
                return exit::FAILURE;
            }
        }
        Ok(()) => {}
    }
    code_of(status)
}

/// The exit code to pass on: the command's, or 128+N after signal N.
fn code_of(status: ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return 128 + signal;
        }
    }
    exit::FAILURE
}
