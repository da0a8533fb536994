//! The theme: templates and assets compiled into the binary, each of which
//! a file of the same name in the book's `theme/` folder replaces.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::Environment;

use crate::text::error::{ErrorKind, FileError};

/// Templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("page.html", include_str!("../../theme/page.html")),
    ("toc.html", include_str!("../../theme/toc.html")),
    ("rule.html", include_str!("../../theme/rule.html")),
    (
        "rules-index.html",
        include_str!("../../theme/rules-index.html"),
    ),
    ("check.html", include_str!("../../theme/check.html")),
];

/// Files copied as they are, by output path.
const ASSETS: &[(&str, &[u8])] = &[
    ("css/book.css", include_bytes!("../../theme/css/book.css")),
    ("js/book.js", include_bytes!("../../theme/js/book.js")),
    ("favicon.svg", include_bytes!("../../theme/favicon.svg")),
    ("css/check.css", include_bytes!("../../theme/css/check.css")),
    ("js/check.js", include_bytes!("../../theme/js/check.js")),
];

/// A theme ready to render with: compiled templates and the asset bytes.
pub(crate) struct Theme {
    pub(crate) env: Environment<'static>,
    pub(crate) assets: Vec<(String, Arc<[u8]>)>,
}

/// The theme files a book's theme folder can replace (for `serve` and docs).
pub(crate) fn file_names() -> impl Iterator<Item = &'static str> {
    TEMPLATES
        .iter()
        .map(|(n, _)| *n)
        .chain(ASSETS.iter().map(|(n, _)| *n))
}

fn template_error(path: &Path, text: &str, err: &minijinja::Error) -> FileError {
    let shown = path.display().to_string();
    let message = format!(
        "template error: {}",
        err.detail().unwrap_or(&err.kind().to_string())
    );
    match err.line() {
        Some(line) => {
            let start: usize = text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum();
            let end = text[start.min(text.len())..]
                .find('\n')
                .map_or(text.len(), |i| start + i);
            FileError::at(shown, Arc::from(text), start..end, message, "in this line")
                .with_kind(ErrorKind::Book)
        }
        None => FileError::new(shown, message).with_kind(ErrorKind::Book),
    }
}

/// Refuses a theme file that resolves outside the book folder `root`.
fn check_inside(root: &Path, path: &Path) -> Result<(), FileError> {
    if !path.exists() || super::paths::is_inside(root, path) {
        return Ok(());
    }
    Err(FileError::new(
        path.display().to_string(),
        "this theme file resolves outside the book folder (`output.html.theme`)",
    )
    .with_kind(ErrorKind::Book)
    .with_note("keep theme files inside the book folder; symbolic links that leave it are refused"))
}

/// Loads the default theme with the overrides found in `dir` (if it
/// exists), refusing files that resolve outside the book folder `root`.
pub(crate) fn load(root: &Path, dir: &Path) -> Result<Theme, Vec<FileError>> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    // Like the default HTML escaping, but leaves `/` alone so URLs stay readable.
    env.set_formatter(|out, state, value| {
        let plain = matches!(state.auto_escape(), minijinja::AutoEscape::Html)
            && !value.is_safe()
            && !value.is_undefined()
            && !value.is_none()
            && matches!(
                value.kind(),
                minijinja::value::ValueKind::String | minijinja::value::ValueKind::Number
            );
        if plain {
            let text = value.to_string();
            out.write_str(&super::html::escape_html(&text))
                .map_err(|_| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::WriteFailure,
                        "cannot write template output",
                    )
                })
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    let mut errors = Vec::new();
    for (name, default) in TEMPLATES {
        let path = dir.join(name);
        if let Err(e) = check_inside(root, &path) {
            errors.push(e);
            continue;
        }
        let (text, shown): (String, PathBuf) = match std::fs::read_to_string(&path) {
            Ok(text) => (text, path),
            Err(_) => (
                (*default).to_string(),
                PathBuf::from(format!("theme/{name} (built in)")),
            ),
        };
        if let Err(err) = env.add_template_owned(*name, text.clone()) {
            errors.push(template_error(&shown, &text, &err));
        }
    }
    let mut assets = Vec::new();
    for (name, default) in ASSETS {
        let path = dir.join(name);
        if let Err(e) = check_inside(root, &path) {
            errors.push(e);
            continue;
        }
        let bytes: Arc<[u8]> = match std::fs::read(&path) {
            Ok(bytes) => Arc::from(bytes),
            Err(_) => Arc::from(*default),
        };
        assets.push(((*name).to_string(), bytes));
    }
    // Other files in the theme folder (fonts, images) are copied too.
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.starts_with('.') || file_names().any(|n| n == rel) {
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => assets.push((rel, Arc::from(bytes))),
                Err(err) => errors.push(
                    FileError::new(
                        entry.path().display().to_string(),
                        format!("cannot read theme file: {err}"),
                    )
                    .with_kind(ErrorKind::Book),
                ),
            }
        }
    }
    if errors.is_empty() {
        Ok(Theme { env, assets })
    } else {
        Err(errors)
    }
}

impl Theme {
    /// Renders a template; errors name the template.
    pub(crate) fn render<S: serde::Serialize>(
        &self,
        name: &str,
        ctx: S,
    ) -> Result<String, FileError> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|err| {
                let mut message = format!("cannot render theme/{name}: {}", err.kind());
                if let Some(detail) = err.detail() {
                    message.push_str(": ");
                    message.push_str(detail);
                }
                if let Some(line) = err.line() {
                    message.push_str(&format!(" (line {line})"));
                }
                FileError::new(format!("theme/{name}"), message).with_kind(ErrorKind::Book)
            })
    }
}
