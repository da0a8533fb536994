//! `followup --generate KIND`: shell completions and a man page, both made
//! from the clap definition so they cannot drift from the real flags.

use std::io::Write;

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::{Cli, exit};

/// What `--generate` writes to standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Generate {
    /// Completions for bash (`source <(followup --generate complete-bash)`).
    CompleteBash,
    /// Completions for zsh (save as `_followup` in a folder of `$fpath`).
    CompleteZsh,
    /// Completions for fish (save in `~/.config/fish/completions/followup.fish`).
    CompleteFish,
    /// The man page, in roff (`followup --generate man | man -l -`).
    Man,
}

/// Writes the completion script or man page; returns the exit code.
pub(crate) fn run(what: Generate) -> i32 {
    let mut out = Vec::new();
    let mut command = Cli::command();
    let written = match what {
        Generate::CompleteBash => complete(Shell::Bash, &mut command, &mut out),
        Generate::CompleteZsh => complete(Shell::Zsh, &mut command, &mut out),
        Generate::CompleteFish => complete(Shell::Fish, &mut command, &mut out),
        Generate::Man => clap_mangen::Man::new(command).render(&mut out),
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match written
        .and_then(|()| lock.write_all(&out))
        .and_then(|()| lock.flush())
    {
        Ok(()) => exit::OK,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(err) => {
            eprintln!("error: cannot write output: {err}");
            exit::FAILURE
        }
    }
}

/// Writes the completion script for `shell`.
fn complete(shell: Shell, command: &mut clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    clap_complete::generate(shell, command, "followup", out);
    Ok(())
}
