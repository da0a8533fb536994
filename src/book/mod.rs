//! The handbook as a static site: `book.toml` and `SUMMARY.md` in mdBook's
//! formats, the guides rendered from Markdown, a rule reference generated
//! from the catalog, client-side search, and `serve` with live reload.

// Errors are the crate's `FileError` (what the CLI reports with file and
// line); they are built once per failed build, never on a hot path.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
mod html;
pub mod http;
mod load;
mod markdown;
pub mod output;
mod pages;
mod paths;
mod print;
mod reference;
mod search;
pub mod serve;
mod site;
pub mod summary;
mod theme;
mod toc;

use std::path::{Path, PathBuf};

pub use config::BookConfig;
pub use site::Stats;

use crate::text::error::FileError;

/// What to build, and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The folder holding book.toml.
    pub root: PathBuf,
    /// Where to write the site; book.toml's `build-dir` when `None`.
    pub dest: Option<PathBuf>,
    /// Add the live-reload script (for `serve`).
    pub live_reload: bool,
}

/// A finished build.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The folder the site is in.
    pub dest: PathBuf,
    /// Page counts and sizes.
    pub stats: Stats,
    /// Problems that did not stop the build (ignored mdBook settings, missing guide chapters).
    pub warnings: Vec<FileError>,
}

/// The folders a build reads, which the destination must not overwrite.
fn inputs(config: &BookConfig) -> Vec<(PathBuf, &'static str)> {
    let mut dirs = vec![
        (config.src_dir(), "source folder"),
        (config.root.join("book.toml"), "book.toml"),
    ];
    let theme = config.theme_dir();
    if theme.exists() {
        dirs.push((theme, "theme folder"));
    }
    if let Some(rules) = config.rules_dir() {
        dirs.push((rules, "rule folder"));
    }
    dirs
}

/// Every folder `serve` should watch for changes.
pub fn watched(config: &BookConfig) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = inputs(config).into_iter().map(|(p, _)| p).collect();
    dirs.extend(config.extra_watch_dirs.iter().map(|d| config.root.join(d)));
    for css in config
        .html
        .additional_css
        .iter()
        .chain(&config.html.additional_js)
    {
        dirs.push(config.root.join(css));
    }
    dirs
}

/// Loads `root/book.toml`.
pub fn load_config(root: &Path) -> Result<(BookConfig, Vec<FileError>), Vec<FileError>> {
    config::load(root)
}

/// Builds the book into its destination, replacing a previous build only
/// once the new one is complete.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<FileError>> {
    let (config, mut warnings) = config::load(&options.root)?;
    paths::check_config(&config)?;
    let dest = options.dest.clone().unwrap_or_else(|| config.build_dir());
    output::check_destination(&dest, &inputs(&config)).map_err(|e| vec![e])?;
    let (inputs, theme) = rayon::join(
        || load::read(&config),
        || theme::load(&config.root, &config.theme_dir()),
    );
    let (inputs, theme) = match (inputs, theme) {
        (Ok(i), Ok(t)) => (i, t),
        (a, b) => {
            let mut errors = a.err().unwrap_or_default();
            errors.extend(b.err().unwrap_or_default());
            return Err(errors);
        }
    };
    let staging = output::Staging::new(&dest).map_err(|e| vec![e])?;
    let skip = vec![staging.dest().to_path_buf()];
    let stats = site::render(
        &config,
        inputs,
        &theme,
        staging.path(),
        options.live_reload,
        &skip,
        &mut warnings,
    )?;
    let dest = staging.dest().to_path_buf();
    staging.commit().map_err(|e| vec![e])?;
    Ok(BuildReport {
        dest,
        stats,
        warnings,
    })
}
