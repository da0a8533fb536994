//! Writing the site safely: checks on the destination, a staging folder
//! beside it, and a swap at the end so a failed build leaves the previous
//! site as it was. Nothing outside the destination is ever removed.

use std::path::{Component, Path, PathBuf};

use tempfile::TempDir;

use crate::text::error::FileError;

/// The file every build writes, so a later build knows the folder is its own.
pub const MARKER: &str = ".followup-build";

/// An absolute, normalised path, with symbolic links resolved as far as the
/// path exists.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut norm = PathBuf::new();
    for comp in abs.components() {
        match comp {
            Component::ParentDir => {
                norm.pop();
            }
            Component::CurDir => {}
            c => norm.push(c),
        }
    }
    let mut existing = norm.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_owned());
                existing.pop();
            }
            None => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.iter().rev() {
        out.push(name);
    }
    out
}

/// Refuses a destination that would overwrite the book's inputs or a folder
/// followup did not write. `inputs` are (folder, what it is) pairs.
pub(crate) fn check_destination(dest: &Path, inputs: &[(PathBuf, &str)]) -> Result<(), FileError> {
    let shown = dest.display().to_string();
    let target = resolve(dest);
    for (input, what) in inputs {
        let input = resolve(input);
        if input == target {
            return Err(FileError::new(
                shown,
                format!("the destination is the {what}; building there would overwrite it"),
            )
            .with_note("pass another folder with --dest, such as book"));
        }
        if *what != "source folder" && *what != "book.toml" && target.starts_with(&input) {
            return Err(FileError::new(
                shown,
                format!("the destination is inside the {what} ({}); its files would be read back as input", input.display()),
            )
            .with_note("pass a folder outside the theme and rule folders with --dest, such as book"));
        }
        if input.starts_with(&target) {
            return Err(FileError::new(
                shown,
                format!(
                    "the destination contains the {what} ({}); building there would delete it",
                    input.display()
                ),
            )
            .with_note(
                "pass a folder that holds none of the book's sources with --dest, such as book",
            ));
        }
    }
    match std::fs::metadata(&target) {
        Ok(meta) if !meta.is_dir() => {
            return Err(
                FileError::new(shown, "the destination exists and is not a folder")
                    .with_note("pass a folder with --dest"),
            );
        }
        Ok(_) => {
            let non_empty = std::fs::read_dir(&target)
                .map(|mut entries| entries.next().is_some())
                .unwrap_or(true);
            if non_empty && !target.join(MARKER).is_file() {
                return Err(FileError::new(
                    shown,
                    "the destination is not empty and was not written by followup build; refusing to replace it",
                )
                .with_note("pass an empty or new folder with --dest, or remove this one yourself"));
            }
        }
        Err(_) => {}
    }
    Ok(())
}

/// A folder beside the destination that the build writes into.
pub(crate) struct Staging {
    dir: TempDir,
    dest: PathBuf,
    parent: PathBuf,
}

fn io_error(path: &Path, what: &str, err: &std::io::Error) -> FileError {
    FileError::new(path.display().to_string(), format!("{what}: {err}"))
}

impl Staging {
    /// Creates the staging folder in the destination's parent.
    pub(crate) fn new(dest: &Path) -> Result<Staging, FileError> {
        let dest = resolve(dest);
        let parent = dest
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::fs::create_dir_all(&parent)
            .map_err(|e| io_error(&parent, "cannot create the destination's parent folder", &e))?;
        let dir = tempfile::Builder::new()
            .prefix(".followup-build-")
            .tempdir_in(&parent)
            .map_err(|e| io_error(&parent, "cannot create a staging folder", &e))?;
        Ok(Staging { dir, dest, parent })
    }

    /// Where to write the site.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The final destination.
    pub(crate) fn dest(&self) -> &Path {
        &self.dest
    }

    /// Swaps the staged site in: the old site is renamed away, the new one
    /// renamed in, then the old one removed.
    pub(crate) fn commit(self) -> Result<(), FileError> {
        std::fs::write(
            self.dir.path().join(MARKER),
            concat!("followup ", env!("CARGO_PKG_VERSION"), "\n"),
        )
        .map_err(|e| io_error(self.dir.path(), "cannot write the build marker", &e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ =
                std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o755));
        }
        let staged = self.dir.keep();
        let dest = &self.dest;
        let cleanup = |err: FileError| {
            let _ = std::fs::remove_dir_all(&staged);
            err
        };
        if std::fs::symlink_metadata(dest).is_ok() {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            let name = dest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let old = self
                .parent
                .join(format!(".{name}.old-{}-{stamp}", std::process::id()));
            std::fs::rename(dest, &old)
                .map_err(|e| cleanup(io_error(dest, "cannot move the previous site aside", &e)))?;
            if let Err(e) = std::fs::rename(&staged, dest) {
                let _ = std::fs::rename(&old, dest);
                return Err(cleanup(io_error(
                    dest,
                    "cannot move the new site in place",
                    &e,
                )));
            }
            // `old` is the previous destination, renamed: the only thing removed.
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&staged, dest)
                .map_err(|e| cleanup(io_error(dest, "cannot move the new site in place", &e)))?;
        }
        Ok(())
    }
}
