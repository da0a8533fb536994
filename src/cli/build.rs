//! `followup build` and `followup serve`: the handbook as a static site.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use super::exit;
use followup::book::serve::{ServeEvent, ServeOptions};
use followup::book::{self, BuildOptions, BuildReport};
use followup::text::error::FileError;

/// Arguments of `followup build`.
#[derive(Debug, Clone, Args)]
pub(crate) struct BuildArgs {
    /// The book's folder (holding book.toml).
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,
    /// Write the site here instead of book.toml's build-dir (a new or empty
    /// folder, or a previous build).
    #[arg(long, short = 'd', value_name = "DIR")]
    pub(crate) dest: Option<PathBuf>,
    /// Open the built site in a browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// Print only errors.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
}

/// Arguments of `followup serve`.
#[derive(Debug, Clone, Args)]
pub(crate) struct ServeArgs {
    /// The book's folder (holding book.toml).
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, short = 'p', value_name = "N", default_value_t = 3000)]
    pub(crate) port: u16,
    /// Open the site in a browser.
    #[arg(long)]
    pub(crate) open: bool,
}

fn print_warnings(warnings: &[FileError]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn summary(report: &BuildReport) -> String {
    let s = &report.stats;
    format!(
        "{} pages ({} rule pages), search index {} KiB",
        s.pages,
        s.rules,
        s.search_index_bytes.div_ceil(1024)
    )
}

/// Opens a file or URL with the desktop's opener, when there is one.
fn open(target: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(opener).is_file()))
        .unwrap_or(false);
    if !found {
        eprintln!("note: {opener} not found; open {target} in a browser");
        return;
    }
    match std::process::Command::new(opener)
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => {}
        Err(err) => eprintln!("note: cannot run {opener} ({err}); open {target} in a browser"),
    }
}

/// Runs `followup build`.
pub(crate) fn build(args: BuildArgs) -> Result<i32, Vec<FileError>> {
    let start = Instant::now();
    let options = BuildOptions {
        root: args.dir.clone(),
        dest: args.dest.clone(),
        live_reload: false,
    };
    let report = book::build(&options)?;
    print_warnings(&report.warnings);
    if !args.quiet {
        eprintln!(
            "built the handbook into {} in {:.2} s: {}",
            shown(&report.dest),
            start.elapsed().as_secs_f64(),
            summary(&report)
        );
    }
    if !args.quiet && report.stats.check_module.is_none() {
        eprintln!("note: {}", book::check::HOW_TO_BUILD);
    }
    if args.open {
        open(&report.dest.join("index.html").display().to_string());
    }
    Ok(exit::OK)
}

fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    match cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// Runs `followup serve`.
pub(crate) fn serve(args: ServeArgs) -> Result<i32, Vec<FileError>> {
    use std::io::Write;
    let options = ServeOptions {
        root: args.dir.clone(),
        port: args.port,
    };
    let open_browser = args.open;
    book::serve::serve(&options, |event| match event {
        ServeEvent::Ready { url, report } => {
            print_warnings(&report.warnings);
            if report.stats.check_module.is_none() {
                eprintln!("note: {}", book::check::HOW_TO_BUILD);
            }
            println!(
                "serving the handbook at {url} ({}); press Ctrl-C to stop",
                summary(&report)
            );
            let _ = std::io::stdout().flush();
            if open_browser {
                open(&url);
            }
        }
        ServeEvent::Rebuilt { report, elapsed } => {
            print_warnings(&report.warnings);
            println!(
                "rebuilt in {} ms: {}",
                elapsed.as_millis(),
                summary(&report)
            );
            let _ = std::io::stdout().flush();
        }
        ServeEvent::Failed(errors) => {
            super::report_errors(&errors, super::Color::Auto);
            eprintln!("the build failed; still serving the previous version");
        }
        ServeEvent::Stopped => {
            eprintln!("stopped; the temporary site is removed");
        }
    })?;
    Ok(exit::OK)
}
