//! `followup build` and `followup serve`: the handbook as a static site.

use clap::Args;

use crate::error::FileError;

/// Arguments of `followup build`.
#[derive(Debug, Clone, Args)]
pub(crate) struct BuildArgs {
    /// The book's folder (holding book.toml).
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: std::path::PathBuf,
}

/// Arguments of `followup serve`.
#[derive(Debug, Clone, Args)]
pub(crate) struct ServeArgs {
    /// The book's folder (holding book.toml).
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: std::path::PathBuf,
}

/// Runs `followup build`.
pub(crate) fn build(args: BuildArgs) -> Result<i32, Vec<FileError>> {
    Err(vec![FileError::new(args.dir.display().to_string(), "building the handbook is not available in this build")])
}

/// Runs `followup serve`.
pub(crate) fn serve(args: ServeArgs) -> Result<i32, Vec<FileError>> {
    Err(vec![FileError::new(args.dir.display().to_string(), "serving the handbook is not available in this build")])
}
