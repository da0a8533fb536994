//! Turning command-line paths into drafts: files, folders (walked, sorted)
//! and `-` for standard input.

use std::path::Path;

use rayon::prelude::*;

use followup::text::error::FileError;
use followup::text::source::SourceFile;

/// File extensions read when walking a folder.
pub(crate) const DRAFT_EXTENSIONS: [&str; 6] = ["md", "markdown", "mdown", "txt", "text", "eml"];

/// Folders with at least this many drafts are read in parallel.
const PARALLEL_READ_FROM: usize = 64;

/// Reads every draft named by `paths`, in order; folders expand to their
/// drafts sorted by path. Errors are kept in place so the rest still run.
pub(crate) fn collect(
    paths: &[String],
    stdin_name: Option<&str>,
) -> Vec<Result<SourceFile, FileError>> {
    let mut out: Vec<Result<SourceFile, FileError>> = Vec::new();
    for arg in paths {
        if arg == "-" {
            out.push(SourceFile::read_stdin(stdin_name.unwrap_or("<stdin>")));
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let drafts = walk(path);
            if drafts.is_empty() {
                out.push(Err(FileError::new(arg.as_str(), "folder holds no drafts")
                    .with_note(format!(
                        "drafts end in .{}",
                        DRAFT_EXTENSIONS.join(", .")
                    ))));
            }
            let read = |p: &std::path::PathBuf| SourceFile::read(p, &p.display().to_string());
            if drafts.len() < PARALLEL_READ_FROM {
                out.extend(drafts.iter().map(read));
            } else {
                out.par_extend(drafts.par_iter().map(read));
            }
        } else {
            out.push(SourceFile::read(path, arg));
        }
    }
    // A mail message is linted as the gate reads it: decoded.
    out.into_iter()
        .map(|input| input.and_then(followup::draft::mail::decode))
        .collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.') || n == "node_modules" || n == "target")
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| DRAFT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}
