//! Diagnostic levels and the config's `off`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth considering.
    Suggestion,
    /// Should fix.
    Warning,
    /// Must fix before sending.
    Error,
}

impl Level {
    /// The lowercase name used in output and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Suggestion => "suggestion",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "suggestion" => Ok(Level::Suggestion),
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            _ => Err(format!(
                "unknown level `{s}` (expected suggestion, warning or error)"
            )),
        }
    }
}

/// A level set in the config: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The rule does not run.
    Off,
    /// The rule runs at this level.
    On(Level),
}

impl FromStr for Setting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "off" {
            return Ok(Setting::Off);
        }
        s.parse().map(Setting::On).map_err(|_| {
            format!("unknown level `{s}` (expected off, suggestion, warning or error)")
        })
    }
}
