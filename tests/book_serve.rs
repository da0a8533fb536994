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
