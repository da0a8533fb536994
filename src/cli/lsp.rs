//! `followup lsp`: the language server.

use clap::Args;

use crate::error::FileError;

/// Arguments of `followup lsp`.
#[derive(Debug, Clone, Args)]
pub(crate) struct LspArgs {}

/// Runs the language server.
pub(crate) fn run(_args: LspArgs) -> Result<i32, Vec<FileError>> {
    Err(vec![FileError::new("lsp", "the language server is not available in this build")])
}
