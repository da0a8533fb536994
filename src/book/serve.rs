//! `serve`: build into a private folder, serve it on 127.0.0.1, rebuild when
//! an input changes, and tell open pages to reload through a tiny version
//! endpoint that only served pages poll.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

use super::http::{self, Request, Response};
use super::{BuildOptions, BuildReport, build};
use crate::text::error::{ErrorKind, FileError};

/// The URL path served pages poll to learn about rebuilds.
pub const VERSION_PATH: &str = "/__followup/version";

/// What to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder holding book.toml.
    pub root: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    pub port: u16,
}

/// Things `serve` reports while it runs.
#[derive(Debug)]
pub enum ServeEvent {
    /// The first build is done and the server listens at this URL.
    Ready {
        /// `http://127.0.0.1:PORT/`.
        url: String,
        /// The first build.
        report: BuildReport,
    },
    /// A rebuild after a change succeeded.
    Rebuilt {
        /// The build.
        report: BuildReport,
        /// How long it took.
        elapsed: Duration,
    },
    /// A rebuild failed; the previous site is still served.
    Failed(Vec<FileError>),
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Answers one request from the site folder.
fn handle(request: &Request, site: &Path, version: &AtomicU64) -> Response {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Response::text(405, "method not allowed");
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        let v = version.load(Ordering::SeqCst).to_string();
        return no_store(Response::text(200, &v));
    }
    let decoded = super::summary::percent_decode(path);
    let rel = decoded.trim_start_matches('/');
    let safe = rel
        .split('/')
        .all(|part| part != ".." && !part.contains('\\') && !part.contains('\0'));
    let mut file = site.join(rel);
    if safe && file.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return Response {
                status: 301,
                headers: vec![("Location", folder_location(path))],
                body: Vec::new(),
            };
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) if safe => no_store(Response::new(200, bytes, content_type(&file))),
        _ => {
            let body =
                std::fs::read(site.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            no_store(Response::new(404, body, "text/html; charset=utf-8"))
        }
    }
}

/// The redirect target for a folder asked for without its final slash:
/// always a path on this server (`//host` would send the browser elsewhere).
fn folder_location(path: &str) -> String {
    format!("/{}/", path.trim_start_matches(['/', '\\']))
}

fn no_store(mut response: Response) -> Response {
    response
        .headers
        .push(("Cache-Control", "no-store".to_string()));
    response
}

/// Builds, serves and rebuilds on change until the process is stopped.
pub fn serve(
    options: &ServeOptions,
    mut on_event: impl FnMut(ServeEvent),
) -> Result<(), Vec<FileError>> {
    let temp = tempfile::Builder::new()
        .prefix("followup-serve-")
        .tempdir()
        .map_err(|e| {
            vec![
                FileError::new("serve", format!("cannot create a folder for the site: {e}"))
                    .with_kind(ErrorKind::Book),
            ]
        })?;
    let site = temp.path().join("site");
    let build_options = BuildOptions {
        root: options.root.clone(),
        dest: Some(site.clone()),
        live_reload: true,
    };
    let report = build(&build_options)?;
    let address = format!("127.0.0.1:{}", options.port);
    let listener = std::net::TcpListener::bind(address.as_str()).map_err(|e| {
        vec![
            FileError::new(address.as_str(), format!("cannot listen: {e}"))
                .with_kind(ErrorKind::Book)
                .with_note("pick another port with --port"),
        ]
    })?;
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let version = Arc::new(AtomicU64::new(1));
    {
        let version = Arc::clone(&version);
        let site = site.clone();
        http::spawn(
            listener,
            Arc::new(move |request: &Request| handle(request, &site, &version)),
        );
    }
    on_event(ServeEvent::Ready {
        url: format!("http://127.0.0.1:{port}/"),
        report,
    });

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if is_change(&event.kind) {
                let _ = tx.send(event.paths);
            }
        }
    })
    .map_err(|e| {
        vec![
            FileError::new("serve", format!("cannot watch for changes: {e}"))
                .with_kind(ErrorKind::Book),
        ]
    })?;
    let mut watched = watch_all(&mut watcher, &options.root);
    while let Ok(paths) = rx.recv() {
        if !paths.iter().any(|p| is_watched(p, &watched)) {
            continue;
        }
        // Let a burst of saves settle: wait for a quiet spell, but not forever.
        let settle_until = Instant::now() + MAX_SETTLE;
        while Instant::now() < settle_until && rx.recv_timeout(QUIET).is_ok() {}
        let start = Instant::now();
        match build(&build_options) {
            Ok(report) => {
                version.fetch_add(1, Ordering::SeqCst);
                on_event(ServeEvent::Rebuilt {
                    report,
                    elapsed: start.elapsed(),
                });
            }
            Err(errors) => on_event(ServeEvent::Failed(errors)),
        }
        for path in &watched {
            let _ = watcher.unwatch(&path.0);
        }
        watched = watch_all(&mut watcher, &options.root);
    }
    drop(temp);
    Ok(())
}

/// How long the inputs must stay quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(200);
/// The longest a rebuild waits for the inputs to settle.
const MAX_SETTLE: Duration = Duration::from_secs(2);

/// Whether an event changes what a build reads: content, names, creation
/// or removal. Opening, reading and closing a file (the build's own reads)
/// and metadata such as access times do not count.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        // A file written and closed (some editors save this way).
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Watches the inputs named by book.toml; returns (watched path, file filter).
fn watch_all(watcher: &mut impl Watcher, root: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut targets: Vec<PathBuf> = vec![root.join("book.toml")];
    if let Ok((config, _)) = super::load_config(root) {
        targets.extend(super::watched(&config));
    } else {
        targets.extend(
            ["src", "guides", "theme", "rules"]
                .iter()
                .map(|d| root.join(d)),
        );
    }
    let mut out = Vec::new();
    for target in targets {
        let target = super::output::resolve(&target);
        if target.is_dir() {
            if watcher.watch(&target, RecursiveMode::Recursive).is_ok() {
                out.push((target, None));
            }
        } else if let Some(parent) = target.parent() {
            if watcher.watch(parent, RecursiveMode::NonRecursive).is_ok() {
                out.push((parent.to_path_buf(), Some(target.clone())));
            }
        }
    }
    out
}

fn is_watched(path: &Path, watched: &[(PathBuf, Option<PathBuf>)]) -> bool {
    let path = super::output::resolve(path);
    watched.iter().any(|(dir, file)| match file {
        Some(f) => path == *f,
        None => path.starts_with(dir),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind};

    #[test]
    fn only_real_changes_trigger_a_rebuild() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn folder_redirects_stay_on_this_server() {
        assert_eq!(folder_location("/rules"), "/rules/");
        assert_eq!(folder_location("//rules"), "/rules/");
        assert_eq!(
            folder_location("/\\evil.example/rules"),
            "/evil.example/rules/"
        );
    }
}
