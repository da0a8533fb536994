//! JSON-RPC framing over a byte stream: `Content-Length` headers, a blank
//! line, then the JSON body. A malformed frame is reported, never fatal.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::Value;

/// The largest message body read; larger ones are skipped and answered with an error.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The longest header line read in one piece.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// One frame from the client.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A well-formed request, response or notification.
    Message(Message),
    /// A frame that could not be understood.
    Malformed {
        /// The request id, when the body was JSON holding one.
        id: Option<Value>,
        /// The JSON-RPC error code to answer with.
        code: i32,
        /// What was wrong, for the error message.
        reason: String,
    },
}

impl Incoming {
    fn malformed(code: ErrorCode, reason: impl Into<String>) -> Self {
        Incoming::Malformed {
            id: None,
            code: code as i32,
            reason: reason.into(),
        }
    }
}

/// Reads the next frame; `Ok(None)` at the end of the input.
pub(crate) fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let content = trim_line_end(&line);
        if content.is_empty() {
            if saw_header {
                break;
            }
            // Stray blank lines between frames are skipped.
            continue;
        }
        saw_header = true;
        if !line.ends_with(b"\n") {
            problem = Some("header line too long".to_string());
            continue;
        }
        match header(content) {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => problem = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => problem = Some("malformed header line".to_string()),
        }
    }
    let Some(length) = length else {
        let reason = problem.unwrap_or_else(|| "missing Content-Length header".to_string());
        return Ok(Some(Incoming::malformed(ErrorCode::ParseError, reason)));
    };
    if length > MAX_BODY_BYTES {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        let reason = format!("message of {length} bytes is over the {MAX_BODY_BYTES}-byte limit");
        return Ok(Some(Incoming::malformed(ErrorCode::InvalidRequest, reason)));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Some(parse_body(&body))),
        Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(err) => Err(err),
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn header(line: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(line).ok()?;
    let (name, value) = text.split_once(':')?;
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some((name, value))
}

fn parse_body(body: &[u8]) -> Incoming {
    if let Ok(message) = serde_json::from_slice::<Message>(body) {
        return Incoming::Message(message);
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => Incoming::Malformed {
            id: value.get("id").cloned(),
            code: ErrorCode::InvalidRequest as i32,
            reason: "not a JSON-RPC request, response or notification".to_string(),
        },
        Err(err) => Incoming::malformed(ErrorCode::ParseError, format!("invalid JSON: {err}")),
    }
}

/// Writes one message and flushes.
pub(crate) fn write(out: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(out)
}

/// Writes an error response whose id may be missing or odd (after a malformed frame).
pub(crate) fn write_error(
    out: &mut impl Write,
    id: Option<Value>,
    code: i32,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": { "code": code, "message": message },
    });
    let text = body.to_string();
    write!(out, "Content-Length: {}\r\n\r\n", text.len())?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Incoming> {
        let mut reader = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = read(&mut reader).unwrap() {
            out.push(frame);
        }
        out
    }

    #[test]
    fn reads_messages_and_survives_garbage() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = format!(
            "garbage\r\n\r\nContent-Length: 5\r\n\r\n{{no}}\r\nContent-Length: {}\r\n\r\n{ok}Content-Length: 2\r\n\r\n[]",
            ok.len()
        );
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(matches!(&got[0], Incoming::Malformed { code: -32700, .. }));
        assert!(matches!(&got[1], Incoming::Malformed { code: -32700, .. }));
        assert!(
            matches!(&got[2], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
        assert!(matches!(&got[3], Incoming::Malformed { code: -32600, .. }));
    }

    #[test]
    fn truncated_body_is_the_end() {
        assert!(frames(b"Content-Length: 50\r\n\r\n{\"a\"").is_empty());
    }
}
