//! Building a linter from the config file and flags shared by subcommands.

use std::path::PathBuf;

use followup::draft::dates::Moment;
use followup::engine::config::Config;
use followup::engine::linter::Linter;
use followup::rules::level::Level;
use followup::text::error::FileError;

/// Flags that shape the rule set.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct RuleFlags {
    /// Use this config file instead of the nearest followup.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub(crate) config: Option<PathBuf>,
    /// Ignore followup.toml files.
    #[arg(long, global = true, conflicts_with = "config")]
    pub(crate) no_config: bool,
    /// Add the rules in this folder (repeatable).
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub(crate) rule_dirs: Vec<PathBuf>,
}

/// A ready linter and the config's failing level.
pub(crate) struct Setup {
    /// The linter.
    pub(crate) linter: Linter,
    /// `deny` from the config, if any.
    pub(crate) deny: Option<Level>,
}

/// Loads the config, the built-in and extra rules, and the settings.
pub(crate) fn build(flags: &RuleFlags, today: Option<Moment>) -> Result<Setup, Vec<FileError>> {
    let config = if flags.no_config {
        Config::default()
    } else if let Some(path) = &flags.config {
        Config::load(path).map_err(|e| vec![e])?
    } else {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Config::discover(&cwd).map_err(|e| vec![e])?
    };
    let (linter, deny) = config.build_linter(&flags.rule_dirs, today)?;
    Ok(Setup { linter, deny })
}
