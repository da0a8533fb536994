//! `serve`: build into a private folder, serve it on 127.0.0.1, rebuild when
//! an input changes, and tell open pages to reload through a tiny version
//! endpoint that only served pages poll. Each rebuild goes into a folder of
//! its own and is swapped in whole once complete, so the previous site is
//! served until then; Ctrl-C, SIGTERM and SIGHUP remove every folder serve
//! made before it exits.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
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
    /// A signal stopped the server and its temporary folders are removed.
    Stopped,
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

/// One complete build of the site, in its own folder under the serve
/// folder. Requests hold it while they read from it; the folder is removed
/// when the last holder lets go, so a newer build never pulls files from
/// under a request that is still being answered.
struct Site {
    dir: PathBuf,
}

impl Drop for Site {
    fn drop(&mut self) {
        // Gone already when serve removed its whole folder on the way out.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The site being served; swapped whole once a rebuild is complete.
type Current = Arc<Mutex<Arc<Site>>>;

fn current_site(current: &Current) -> Arc<Site> {
    let guard = current
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Arc::clone(&guard)
}

/// Puts `site` in place for the next request; returns the previous one.
fn swap(current: &Current, site: Arc<Site>) -> Arc<Site> {
    let mut guard = current
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    std::mem::replace(&mut *guard, site)
}

/// What the serve loop waits for.
enum Message {
    /// The watcher saw these paths change.
    Changed(Vec<PathBuf>),
    /// SIGINT (Ctrl-C), SIGTERM or SIGHUP: remove the temporary folders and return.
    Stop,
}

/// Builds the next site into `folder/site-N`; nothing of it is served until
/// it is complete.
fn build_site(
    options: &ServeOptions,
    folder: &Path,
    generation: &mut u64,
) -> Result<(Arc<Site>, BuildReport), Vec<FileError>> {
    *generation += 1;
    let dir = folder.join(format!("site-{generation}"));
    let build_options = BuildOptions {
        root: options.root.clone(),
        dest: Some(dir.clone()),
        live_reload: true,
    };
    let report = build(&build_options)?;
    Ok((Arc::new(Site { dir }), report))
}

/// Builds, serves and rebuilds on change until SIGINT (Ctrl-C), SIGTERM or
/// SIGHUP arrives; then removes its temporary folders and returns.
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
    let (tx, rx) = mpsc::channel();
    // From here on a signal only asks the loop below to stop, so the folder
    // is removed however the server is stopped.
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })
    .map_err(|e| {
        vec![FileError::new(
            "serve",
            format!("cannot handle Ctrl-C and SIGTERM: {e}"),
        )]
    })?;
    // Watch before the first build, so an edit made while it runs is seen.
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if is_change(&event.kind) {
                let _ = tx.send(Message::Changed(event.paths));
            }
        }
    })
    .map_err(|e| {
        vec![FileError::new(
            "serve",
            format!("cannot watch for changes: {e}"),
        )]
    })?;
    let mut watched = rewatch(&mut watcher, Vec::new(), &options.root);

    let mut generation = 0;
    let (site, report) = build_site(options, temp.path(), &mut generation)?;
    let current: Current = Arc::new(Mutex::new(site));
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
        let current = Arc::clone(&current);
        http::spawn(
            listener,
            Arc::new(move |request: &Request| {
                let site = current_site(&current);
                handle(request, &site.dir, &version)
            }),
        );
    }
    on_event(ServeEvent::Ready {
        url: format!("http://127.0.0.1:{port}/"),
        report,
    });

    'serve: while let Ok(message) = rx.recv() {
        let Message::Changed(paths) = message else {
            break;
        };
        if !paths.iter().any(|p| is_watched(p, &watched)) {
            continue;
        }
        // Let a burst of saves settle: wait for a quiet spell, but not forever.
        let settle_until = Instant::now() + MAX_SETTLE;
        while Instant::now() < settle_until {
            match rx.recv_timeout(QUIET) {
                Ok(Message::Stop) => break 'serve,
                Ok(Message::Changed(_)) => {}
                Err(_) => break,
            }
        }
        let start = Instant::now();
        match build_site(options, temp.path(), &mut generation) {
            Ok((site, report)) => {
                // The swap: the next request gets the new site; requests
                // already under way finish with the old one, which is removed
                // when the last of them is done.
                drop(swap(&current, site));
                version.fetch_add(1, Ordering::SeqCst);
                on_event(ServeEvent::Rebuilt {
                    report,
                    elapsed: start.elapsed(),
                });
            }
            Err(errors) => on_event(ServeEvent::Failed(errors)),
        }
        watched = rewatch(&mut watcher, watched, &options.root);
    }
    drop(watcher);
    let folder = temp.path().to_path_buf();
    temp.close().map_err(|e| {
        vec![FileError::new(
            folder.display().to_string(),
            format!("cannot remove the temporary site: {e}"),
        )]
    })?;
    on_event(ServeEvent::Stopped);
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

/// A watched path, and the one file in it that matters (`None`: all of it).
type Watched = Vec<(PathBuf, Option<PathBuf>)>;

/// The inputs named by book.toml, as watch targets.
fn targets(root: &Path) -> Watched {
    let mut inputs: Vec<PathBuf> = vec![root.join("book.toml")];
    if let Ok((config, _)) = super::load_config(root) {
        inputs.extend(super::watched(&config));
    } else {
        inputs.extend(
            ["src", "guides", "theme", "rules"]
                .iter()
                .map(|d| root.join(d)),
        );
    }
    let mut out: Watched = Vec::new();
    for input in inputs {
        let input = super::output::resolve(&input);
        let target = if input.is_dir() {
            (input, None)
        } else if let Some(parent) = input.parent() {
            (parent.to_path_buf(), Some(input.clone()))
        } else {
            continue;
        };
        if !out.contains(&target) {
            out.push(target);
        }
    }
    out
}

/// Watches what book.toml names now: the current targets are watched before
/// old ones are dropped, so no change slips between the two.
fn rewatch(watcher: &mut impl Watcher, old: Watched, root: &Path) -> Watched {
    let mut new = Vec::new();
    for target in targets(root) {
        let mode = if target.1.is_none() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        // Watching a watched path again is harmless, and picks up a folder
        // that was removed and made anew.
        if watcher.watch(&target.0, mode).is_ok() {
            new.push(target);
        }
    }
    for (dir, _) in &old {
        if !new.iter().any(|(d, _)| d == dir) {
            let _ = watcher.unwatch(dir);
        }
    }
    new
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

    fn site(dir: &Path, page: &str) -> Arc<Site> {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("index.html"), page).unwrap();
        Arc::new(Site {
            dir: dir.to_path_buf(),
        })
    }

    #[test]
    fn a_swapped_out_site_stays_until_its_last_request_ends() {
        let temp = tempfile::tempdir().unwrap();
        let (old_dir, new_dir) = (temp.path().join("site-1"), temp.path().join("site-2"));
        let current: Current = Arc::new(Mutex::new(site(&old_dir, "old")));
        let version = AtomicU64::new(1);
        let get = |site: &Site| {
            let request = Request {
                method: "GET".to_string(),
                target: "/".to_string(),
            };
            let response = handle(&request, &site.dir, &version);
            (response.status, String::from_utf8(response.body).unwrap())
        };
        // A request under way holds the site it started with.
        let in_flight = current_site(&current);
        drop(swap(&current, site(&new_dir, "new")));
        assert_eq!(get(&current_site(&current)), (200, "new".to_string()));
        assert_eq!(get(&in_flight), (200, "old".to_string()));
        // Once it is answered, the old build is removed.
        drop(in_flight);
        assert!(!old_dir.exists());
        assert!(new_dir.join("index.html").is_file());
        drop(current);
        assert!(!new_dir.exists());
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
