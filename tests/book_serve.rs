//! `followup serve`: serves the built site on 127.0.0.1, answers the reload
//! endpoint, and rebuilds when a chapter changes.

mod book_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use book_support::fixture_copy;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// GETs `path` from 127.0.0.1:`port`; returns (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Sends `request` as it is; returns what came back (lossy), or "" on a reset.
fn raw(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// The status of GET `path`, or 0 when the connection failed.
fn get_status(port: u16, path: &str) -> u16 {
    let response = raw(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes(),
    );
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// How many threads process `pid` has (Linux only).
fn threads_of(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn serves_reloads_and_rebuilds() {
    let (_tmp, root) = fixture_copy();
    let child = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(["serve", "--port", "0"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start followup serve");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("serve prints its address");
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in `{line}`"));

    let (status, page) = get(port, "/timing.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("/__followup/version"),
        "served pages poll for reloads"
    );
    let (status, index) = get(port, "/");
    assert_eq!(status, 200);
    assert!(index.contains("Introduction"));
    let (status, version) = get(port, "/__followup/version");
    assert_eq!((status, version.trim()), (200, "1"));
    let (status, missing) = get(port, "/no-such-page.html");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"));
    let (status, outside) = get(port, "/../../../../etc/passwd");
    assert_ne!(status, 200, "{outside}");

    // Reading pages (and the build's own reads) is not a change.
    std::thread::sleep(Duration::from_secs(3));
    let (_, version) = get(port, "/__followup/version");
    assert_eq!(version.trim(), "1", "rebuilt with no edit");

    // A folder without its slash redirects on this server, never to `//host`.
    let head = raw(port, b"GET //rules HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 301"), "{head}");
    assert!(head.contains("Location: /rules/\r\n"), "{head}");

    // A huge request head is refused once it passes the limit.
    let mut huge = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 256 << 10));
    huge.extend(b"\r\n\r\n");
    let head = raw(port, &huge);
    assert!(
        head.starts_with("HTTP/1.1 431"),
        "{}",
        &head[..head.len().min(200)]
    );

    // Idle connections do not cost a thread each.
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let threads = threads_of(server.0.id());
    assert!(threads.is_none_or(|n| n < 40), "{threads:?} threads");
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(30);
    while get_status(port, "/") != 200 {
        assert!(
            Instant::now() < deadline,
            "serves again once idle connections close"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    let chapter = root.join("guides/timing.md");
    let text = std::fs::read_to_string(&chapter).expect("read chapter");
    std::fs::write(
        &chapter,
        text.replace(
            "Send the note within a day.",
            "Send it before the sun sets.",
        ),
    )
    .expect("edit");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, version) = get(port, "/__followup/version");
        if version.trim() != "1" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no rebuild after a chapter changed"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let (_, page) = get(port, "/timing.html");
    assert!(page.contains("Send it before the sun sets."));
}

/// Starts `followup serve` on a free port with TMPDIR set to `tmpdir`;
/// returns the server, its port and the rest of its stdout lines.
fn start_serve(
    root: &std::path::Path,
    tmpdir: &std::path::Path,
) -> (Server, u16, mpsc::Receiver<String>) {
    let child = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(["serve", "--port", "0"])
        .arg(root)
        .env("TMPDIR", tmpdir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start followup serve");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("serve prints its address");
    let port: u16 = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in `{line}`"));
    (server, port, rx)
}

/// What is left in `dir`.
fn left_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Sends `signal` (TERM, INT) to the server and waits for it to exit.
fn stop_with(server: &mut Server, signal: &str) -> std::process::ExitStatus {
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(server.0.id().to_string())
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{signal}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = server.0.try_wait().expect("wait") {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "serve still running 20 s after SIG{signal}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the version endpoint passes `after`; returns the new version.
fn wait_for_rebuild(port: u16, after: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, version) = get(port, "/__followup/version");
        let version: u64 = version.trim().parse().unwrap_or(0);
        if version > after {
            return version;
        }
        assert!(
            Instant::now() < deadline,
            "no rebuild after version {after}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
// Prints how many requests were answered during the rebuilds.
#[allow(clippy::print_stdout)]
fn rebuilds_keep_serving_the_old_site_and_signals_remove_temporary_folders() {
    let (_tmp, root) = fixture_copy();
    let tmpdir = tempfile::tempdir().expect("temp dir");
    let (mut server, port, _lines) = start_serve(&root, tmpdir.path());
    assert!(
        !left_in(tmpdir.path()).is_empty(),
        "the site is built under TMPDIR"
    );

    // Poll pages while the site is rebuilt again and again.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pollers: Vec<_> = [
        "/timing.html",
        "/",
        "/advanced/same-day.html",
        "/img/envelope.svg",
    ]
    .into_iter()
    .map(|page| {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut polls = 0u32;
            let mut bad = Vec::new();
            // Bounded, and paced so the client's ports are not used up.
            while !stop.load(std::sync::atomic::Ordering::SeqCst) && polls < 3000 {
                let status = get_status(port, page);
                polls += 1;
                if status != 200 {
                    bad.push(status);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            (page, polls, bad)
        })
    })
    .collect();
    // Edits start at once: a change during the first build counts too.
    let chapter = root.join("guides/timing.md");
    let text = std::fs::read_to_string(&chapter).expect("read chapter");
    let mut version = 1;
    for round in 0..6 {
        std::fs::write(
            &chapter,
            text.replace(
                "Send the note within a day.",
                &format!("Send the note within a day (edit {round})."),
            ),
        )
        .expect("edit");
        version = wait_for_rebuild(port, version);
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for poller in pollers {
        let (page, polls, bad) = poller.join().expect("poller");
        println!(
            "{page}: {polls} requests during 6 rebuilds, {} failed",
            bad.len()
        );
        assert!(polls > 20, "{page}: only {polls} requests");
        assert!(
            bad.is_empty(),
            "{page}: {} of {polls} requests failed during rebuilds: {bad:?}",
            bad.len()
        );
    }
    let (_, page) = get(port, "/timing.html");
    assert!(page.contains("(edit 5)"), "the last rebuild is served");

    // SIGTERM: the server stops and leaves nothing behind.
    let status = stop_with(&mut server, "TERM");
    assert!(status.success(), "serve exits cleanly on SIGTERM: {status}");
    assert_eq!(left_in(tmpdir.path()), Vec::<String>::new());

    // Ctrl-C (SIGINT) right after a change, while a rebuild may be running.
    let (mut server, port, _lines) = start_serve(&root, tmpdir.path());
    std::fs::write(&chapter, &text).expect("edit");
    std::thread::sleep(Duration::from_millis(250));
    let status = stop_with(&mut server, "INT");
    assert!(status.success(), "serve exits cleanly on SIGINT: {status}");
    assert_eq!(left_in(tmpdir.path()), Vec::<String>::new());
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "nothing listens any more"
    );
}
