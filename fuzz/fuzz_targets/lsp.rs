//! The language server fed a client's byte stream; it must answer in
//! well-formed frames and return at the end of the input, never panic or
//! hang.
//!
//! The first byte picks the form of the rest: even, the raw stream (framing
//! garbage); odd, JSON bodies separated by lines holding only `%%`, each
//! framed with its `Content-Length`, after an `initialize` request and an
//! `initialized` notification.
#![no_main]

use std::io::{BufRead, Cursor, Read};

use followup::lsp::{ConfigSource, Options, serve};
use libfuzzer_sys::fuzz_target;

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}}}"#;
const INITIALIZED: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

fn frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
}

/// Reads back what the server wrote: frames whose bodies are JSON objects.
fn check_output(out: &[u8]) {
    let mut reader = Cursor::new(out);
    loop {
        let mut length = None;
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) if length.is_none() => return,
                Ok(0) => panic!("the server wrote a header without a body"),
                Ok(_) => {}
                Err(e) => panic!("the server wrote a header that is not text: {e}"),
            }
            let header = line.trim_end_matches(['\r', '\n']);
            if header.is_empty() {
                break;
            }
            if let Some(n) = header.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let Some(length) = length else {
            panic!("the server wrote a frame without Content-Length");
        };
        let mut body = vec![0; length];
        if let Err(e) = reader.read_exact(&mut body) {
            panic!("the server wrote a truncated frame: {e}");
        }
        match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(v) => assert!(v.is_object(), "the server wrote a non-object: {v}"),
            Err(e) => panic!("the server wrote a body that is not JSON: {e}"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let mut stream = Vec::new();
        frame(&mut stream, INITIALIZE.as_bytes());
        frame(&mut stream, INITIALIZED.as_bytes());
        let text = String::from_utf8_lossy(rest);
        for body in followup_fuzz::parts(&text) {
            frame(&mut stream, body.trim_end_matches('\n').as_bytes());
        }
        stream
    };
    let options = Options {
        config: ConfigSource::None,
        rule_dirs: Vec::new(),
        today: Some(followup_fuzz::today()),
    };
    let mut out = Vec::new();
    match serve(Cursor::new(input), &mut out, options) {
        Ok(code) => assert!(code == 0 || code == 1, "exit code {code}"),
        Err(e) => panic!("serving an in-memory stream failed: {e}"),
    }
    check_output(&out);
});
