//! Containment of the paths a book names: every file read for the site must
//! lie inside the book folder, and every file written must lie inside the
//! destination, with symbolic links followed.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::config::BookConfig;
use super::output::resolve;
use crate::text::error::{ErrorKind, FileError};

/// True when `path`, with symbolic links followed, lies inside `base`.
pub(crate) fn is_inside(base: &Path, path: &Path) -> bool {
    resolve(path).starts_with(resolve(base))
}

/// True when `rel` is a plain relative path: no root, no `..`, no drive.
pub(crate) fn is_plain_relative(rel: &Path) -> bool {
    rel.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The error for a `key` whose `path` leaves `what`, pointing at the value
/// in book.toml when it can be found there.
fn outside(config: &BookConfig, key: &str, path: &Path, what: &str) -> FileError {
    let message = format!(
        "`{key}` names {}, which is outside the {what}",
        path.display()
    );
    let note =
        "name a file inside the book folder; `..` and symbolic links that leave it are refused";
    let text = std::fs::read_to_string(config.root.join("book.toml")).unwrap_or_default();
    let needle = format!("\"{}\"", path.display());
    match text.find(&needle) {
        Some(i) => FileError::at(
            config.path.as_str(),
            Arc::from(text.as_str()),
            i..i + needle.len(),
            message,
            format!("outside the {what}"),
        )
        .with_kind(ErrorKind::Book),
        None => FileError::new(config.path.as_str(), message).with_kind(ErrorKind::Book),
    }
    .with_note(note)
}

/// Checks that `rel` (from `key`) read relative to `base` stays inside the book root.
pub(crate) fn check_read(
    config: &BookConfig,
    key: &str,
    base: &Path,
    rel: &Path,
) -> Result<PathBuf, FileError> {
    let joined = base.join(rel);
    if is_inside(&config.root, &joined) {
        Ok(joined)
    } else {
        Err(outside(config, key, rel, "book folder"))
    }
}

/// Checks that a file written at `rel` (from `key`) stays inside the destination.
pub(crate) fn check_write(config: &BookConfig, key: &str, rel: &Path) -> Result<(), FileError> {
    if is_plain_relative(rel) && rel.components().next().is_some() {
        Ok(())
    } else {
        Err(outside(config, key, rel, "destination"))
    }
}

/// Checks every path book.toml names before anything is read or written.
pub(crate) fn check_config(config: &BookConfig) -> Result<(), Vec<FileError>> {
    let mut errors = Vec::new();
    let root = config.root.as_path();
    let mut read = |key: &str, base: &Path, rel: &Path| {
        if let Err(e) = check_read(config, key, base, rel) {
            errors.push(e);
        }
    };
    read("book.src", root, &config.src);
    read("output.html.theme", root, &config.html.theme);
    if let Some(rules) = &config.followup.rules {
        read("output.followup.rules", root, rules);
    }
    for dir in &config.extra_watch_dirs {
        read("build.extra-watch-dirs", root, dir);
    }
    read(
        "output.html.input-404",
        &config.src_dir(),
        Path::new(&config.html.input_404),
    );
    let extras = [
        ("output.html.additional-css", &config.html.additional_css),
        ("output.html.additional-js", &config.html.additional_js),
    ];
    for (key, files) in extras {
        for file in files {
            read(key, root, Path::new(file));
        }
    }
    for (key, files) in extras {
        for file in files {
            if let Err(e) = check_write(config, key, Path::new(file)) {
                errors.push(e);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_paths() {
        assert!(is_plain_relative(Path::new("css/extra.css")));
        assert!(!is_plain_relative(Path::new("../extra.css")));
        assert!(!is_plain_relative(Path::new("/etc/passwd")));
        assert!(!is_plain_relative(Path::new("css/../../x")));
    }
}
