//! `followup lsp`: the language server on standard input and output.

use std::io::{BufReader, BufWriter};

use clap::Args;

use super::setup::RuleFlags;
use followup::draft::dates::Moment;
use followup::lsp::{self, ConfigSource, Options};
use followup::text::error::FileError;

/// Arguments of `followup lsp`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Run the language server on standard input and output. Editors start it \
themselves; it lints the text being edited (Markdown drafts and mail drafts), offers quick \
fixes, and explains a diagnostic's rule on hover. Each draft uses the nearest followup.toml \
above it, else the one above the workspace folder.",
    after_help = "Editor set-up: docs/editors.md. Exit codes: 0 after shutdown and exit, 1 when \
the client exits without shutdown or closes the connection, 2 when the server failed."
)]
pub(crate) struct LspArgs {
    /// Accepted for clients that pass it; standard input and output are the only transport.
    #[arg(long)]
    stdio: bool,
    /// Judge dates as if today were this date (`2026-11-21` or `2026-11-21T12:00`).
    #[arg(long, value_name = "DATE", value_parser = Moment::parse)]
    today: Option<Moment>,
    #[command(flatten)]
    rules: RuleFlags,
}

/// Runs the language server until the client exits.
pub(crate) fn run(args: LspArgs) -> Result<i32, Vec<FileError>> {
    let config = if args.rules.no_config {
        ConfigSource::None
    } else if let Some(path) = args.rules.config {
        ConfigSource::File(path)
    } else {
        ConfigSource::Discover
    };
    let options = Options {
        config,
        rule_dirs: args.rules.rule_dirs,
        today: args.today,
    };
    let input = BufReader::new(std::io::stdin());
    let output = BufWriter::new(std::io::stdout().lock());
    lsp::serve(input, output, options).map_err(|err| {
        vec![FileError::new(
            "lsp",
            format!("the connection to the editor failed: {err}"),
        )]
    })
}
