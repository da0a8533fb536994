//! The `followup` command: parses arguments and maps the result to an exit code.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
