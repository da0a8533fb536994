//! `followup lint --fix` and `--diff`: apply mechanical fixes atomically, or
//! show them as a unified diff.

use std::io::{IsTerminal, Write};
use std::path::Path;

use codespan_reporting::term::termcolor::{Color as Paint, ColorSpec, StandardStream, WriteColor};

use super::{Color, exit};
use followup::engine::fix::fix_rounds;
use followup::engine::linter::Linter;
use followup::text::edit::Applicability;
use followup::text::error::FileError;
use followup::text::source::SourceFile;

/// Fixes every readable draft; returns the drafts to lint afterwards.
/// Files are replaced atomically (temporary file, then rename); standard
/// input's fixed text goes to standard output.
pub(crate) fn fix_in_place(
    linter: &Linter,
    inputs: Vec<Result<SourceFile, FileError>>,
    stdin: bool,
    allowed: Applicability,
) -> Vec<Result<SourceFile, FileError>> {
    let stdout = std::io::stdout();
    inputs
        .into_iter()
        .map(|input| {
            let source = input?;
            if source.decoded_mail {
                return Err(FileError::new(
                    &source.path,
                    "is a MIME message: it is linted decoded, and --fix does not rewrite encoded mail",
                )
                .with_note("fix the draft in your mail client, or lint it without --fix"));
            }
            let fixed = fix_rounds(linter, &source.path, &source.text, allowed)?;
            if fixed.guesses_left > 0 {
                eprintln!(
                    "{}: {} guessed fix{} not applied (review, then rerun with --unsafe-fixes)",
                    source.path,
                    fixed.guesses_left,
                    if fixed.guesses_left == 1 { "" } else { "es" }
                );
            }
            if stdin && !Path::new(&source.path).is_file() {
                let mut lock = stdout.lock();
                let _ = lock.write_all(fixed.text.as_bytes());
                let _ = lock.flush();
            } else if fixed.applied > 0 {
                write_atomically(Path::new(&source.path), &fixed.text).map_err(|e| {
                    FileError::new(&source.path, format!("cannot write the fixed draft: {e}"))
                })?;
                eprintln!(
                    "{}: applied {} fix{}",
                    source.path,
                    fixed.applied,
                    if fixed.applied == 1 { "" } else { "es" }
                );
            }
            Ok(SourceFile::new(source.path, fixed.text))
        })
        .collect()
}

/// Writes `text` next to `path` in a temporary file and renames it over
/// `path`, keeping what makes the file the same file: a symlink's target is
/// replaced (the link stays a link), and the mode, owner and group are
/// kept. A read-only file, or one with other hard links (which a rename
/// would split off), is left alone with an error.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let existing = std::fs::metadata(path).ok();
    let target = match &existing {
        Some(_) => std::fs::canonicalize(path)?,
        None => path.to_path_buf(),
    };
    if let Some(meta) = &existing {
        refuse_to_replace(meta)?;
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".followup-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    if let Some(meta) = &existing {
        std::fs::set_permissions(temp.path(), meta.permissions())?;
        keep_owner(temp.path(), meta)?;
    }
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Why an existing file must not be replaced, if it must not.
fn refuse_to_replace(meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    if meta.permissions().readonly() {
        return Err(Error::new(
            ErrorKind::PermissionDenied,
            "the file is read-only; make it writable to let followup change it",
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(Error::other(format!(
                "the file has {} hard links, which replacing it would break; apply the fix in your editor",
                meta.nlink()
            )));
        }
    }
    Ok(())
}

/// Gives the replacement the original's owner and group (where they differ
/// from the new file's); failing that, the original is not replaced.
fn keep_owner(temp: &Path, meta: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = std::fs::metadata(temp)?;
        if new.uid() != meta.uid() || new.gid() != meta.gid() {
            std::os::unix::fs::chown(temp, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!("cannot keep the file's owner and group ({e})"),
                )
            })?;
        }
    }
    #[cfg(not(unix))]
    let _ = (temp, meta);
    Ok(())
}

/// Prints a unified diff of the fixes; exit 1 when any draft would change,
/// 2 when a draft could not be read.
pub(crate) fn diff(
    linter: &Linter,
    inputs: Vec<Result<SourceFile, FileError>>,
    color: Color,
    allowed: Applicability,
) -> i32 {
    let mut out = StandardStream::stdout(color.choice(std::io::stdout().is_terminal()));
    let mut changed = false;
    let mut errors = Vec::new();
    for input in inputs {
        let result = input.and_then(|source| {
            let fixed = fix_rounds(linter, &source.path, &source.text, allowed)?;
            Ok((source, fixed))
        });
        let (source, fixed) = match result {
            Ok(pair) => pair,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        if fixed.text == *source.text {
            continue;
        }
        changed = true;
        let diff = similar::TextDiff::from_lines(&*source.text, fixed.text.as_str());
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", source.path), &format!("b/{}", source.path))
            .to_string();
        if write_colored_diff(&mut out, &text).is_err() {
            break;
        }
    }
    let _ = out.flush();
    if !errors.is_empty() {
        super::report_errors(&errors, color);
        return exit::FAILURE;
    }
    if changed { exit::PROBLEMS } else { exit::OK }
}

fn write_colored_diff(out: &mut StandardStream, text: &str) -> std::io::Result<()> {
    for line in text.split_inclusive('\n') {
        let paint = match line.as_bytes().first() {
            Some(b'+') if !line.starts_with("+++") => Some(Paint::Green),
            Some(b'-') if !line.starts_with("---") => Some(Paint::Red),
            Some(b'@') => Some(Paint::Cyan),
            _ => None,
        };
        if let Some(c) = paint {
            out.set_color(ColorSpec::new().set_fg(Some(c)))?;
        }
        out.write_all(line.as_bytes())?;
        out.reset()?;
    }
    Ok(())
}
