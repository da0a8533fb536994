//! The small HTTP/1.1 server behind `serve`: a fixed pool of worker
//! threads, a bounded queue of waiting connections, a cap on the size of a
//! request head and timeouts, so no client can make it grow without bound.
//! Every response closes its connection.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The largest request line plus headers accepted; a bigger head gets 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Threads answering requests; there are never more.
pub const WORKERS: usize = 8;
/// Accepted connections waiting for a worker; past this, new ones are closed.
pub const QUEUE: usize = 64;
/// How much of a refused request is read and dropped before closing.
const DRAIN_BYTES: usize = 1 << 20;
/// How long a client has to send its whole request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long one read or write may wait.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// A request: its method and target (`/rules/index.html?x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// The request target as sent.
    pub target: String,
}

/// A response to send.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Extra headers (Content-Length and Connection are added).
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for HEAD).
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of `kind` (a Content-Type).
    pub fn new(status: u16, body: Vec<u8>, kind: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", kind.to_string())],
            body,
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            body.as_bytes().to_vec(),
            "text/plain; charset=utf-8",
        )
    }
}

/// Why a request head could not be read.
#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    /// Larger than [`MAX_HEAD_BYTES`].
    TooLarge,
    /// Not HTTP, cut short or too slow.
    Bad,
}

/// Reads a request head, at most [`MAX_HEAD_BYTES`] of it, within [`HEAD_DEADLINE`].
fn read_head(stream: &mut impl Read, deadline: Instant) -> Result<Request, HeadError> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = find_end(&head) {
            return parse_head(&head[..end]);
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(HeadError::TooLarge);
        }
        if Instant::now() > deadline {
            return Err(HeadError::Bad);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(HeadError::Bad),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
}

/// The end of the head (before the blank line), if it has arrived.
fn find_end(head: &[u8]) -> Option<usize> {
    head.windows(4).position(|w| w == b"\r\n\r\n")
}

/// Parses `METHOD TARGET HTTP/1.x` from the first line of the head.
fn parse_head(head: &[u8]) -> Result<Request, HeadError> {
    if head.len() > MAX_HEAD_BYTES {
        return Err(HeadError::TooLarge);
    }
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Bad)?;
    let line = text.lines().next().unwrap_or_default();
    let mut parts = line.split(' ');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None)
            if version.starts_with("HTTP/1.") && target.starts_with('/') =>
        {
            Ok(Request {
                method: method.to_string(),
                target: target.to_string(),
            })
        }
        _ => Err(HeadError::Bad),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Writes `response`, without its body for HEAD requests.
fn write_response(
    stream: &mut impl Write,
    response: &Response,
    head_only: bool,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        if !value.contains(['\r', '\n']) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// Answers one connection.
fn answer(mut stream: TcpStream, handler: &(dyn Fn(&Request) -> Response + Send + Sync)) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let (response, head_only, refused) =
        match read_head(&mut stream, Instant::now() + HEAD_DEADLINE) {
            Ok(request) => (handler(&request), request.method == "HEAD", false),
            Err(HeadError::TooLarge) => {
                (Response::text(431, "request header too large"), false, true)
            }
            Err(HeadError::Bad) => (Response::text(400, "bad request"), false, true),
        };
    let _ = write_response(&mut stream, &response, head_only);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    if refused {
        drain(&mut stream);
    }
}

/// Reads and drops what a refused client is still sending (a bounded
/// amount), so closing does not reset the connection before it has read
/// the answer.
fn drain(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut scratch = [0u8; 8192];
    let mut left = DRAIN_BYTES;
    while left > 0 {
        match stream.read(&mut scratch) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// A handler shared by the workers.
pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// Serves `listener` with [`WORKERS`] threads until the process ends.
pub fn spawn(listener: TcpListener, handler: Handler) {
    let (tx, rx): (SyncSender<TcpStream>, Receiver<TcpStream>) = mpsc::sync_channel(QUEUE);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..WORKERS {
        let rx = Arc::clone(&rx);
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || {
            loop {
                let next = match rx.lock() {
                    Ok(guard) => guard.recv(),
                    Err(_) => return,
                };
                match next {
                    Ok(stream) => answer(stream, handler.as_ref()),
                    Err(_) => return,
                }
            }
        });
    }
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            match tx.try_send(stream) {
                Ok(()) => {}
                // Every worker is busy and the queue is full: close it at once.
                Err(TrySendError::Full(stream)) => drop(stream),
                Err(TrySendError::Disconnected(_)) => return,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bytes: &[u8]) -> Result<Request, HeadError> {
        read_head(&mut &bytes[..], Instant::now() + HEAD_DEADLINE)
    }

    #[test]
    fn reads_a_request_line() {
        let r = head(b"GET /rules/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(
            r,
            Ok(Request {
                method: "GET".into(),
                target: "/rules/".into()
            })
        );
        assert_eq!(head(b"GET /x HTTP/1.1\r\nHost"), Err(HeadError::Bad));
        assert_eq!(head(b"nonsense\r\n\r\n"), Err(HeadError::Bad));
    }

    #[test]
    fn a_huge_head_is_refused_after_the_limit() {
        let mut big = b"GET / HTTP/1.1\r\nX: ".to_vec();
        big.extend(std::iter::repeat_n(b'a', 10 * MAX_HEAD_BYTES));
        assert_eq!(head(&big), Err(HeadError::TooLarge));
        let mut just_over = b"GET / HTTP/1.1\r\nX: ".to_vec();
        just_over.extend(std::iter::repeat_n(b'a', MAX_HEAD_BYTES));
        just_over.extend(b"\r\n\r\n");
        assert_eq!(head(&just_over), Err(HeadError::TooLarge));
    }
}
