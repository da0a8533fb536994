//! The `followup` command: parses arguments and maps the result to an exit code.

fn main() {
    std::process::exit(followup::cli::run());
}
