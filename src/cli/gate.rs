//! `followup gate`: lint a message before a mail client sends it.

use clap::Args;

use crate::error::FileError;

/// Arguments of `followup gate`.
#[derive(Debug, Clone, Args)]
pub(crate) struct GateArgs {
    /// The send command and its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "COMMAND")]
    pub(crate) command: Vec<String>,
}

/// Runs the gate.
pub(crate) fn run(_args: GateArgs) -> Result<i32, Vec<FileError>> {
    Err(vec![FileError::new("gate", "the send gate is not available in this build")])
}
