//! Regression tests for hardening defects not pinned elsewhere: a setting
//! that overflowed date arithmetic in `gate`, the size message, many
//! diagnostics on one line in every output and in the language server, and
//! inputs the fuzz targets found.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use codespan_reporting::term::termcolor::Buffer;
use followup::draft::dates::Moment;
use followup::report::{Human, write_json, write_lines};
use followup::{Linter, SourceFile};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn today() -> Moment {
    Moment::parse("2026-11-21T12:00").unwrap_or_else(|e| panic!("{e}"))
}

/// A huge `days` panicked `gate` (exit 101) at the first check-in; it is a
/// config error naming the file, and nothing is sent.
#[test]
fn gate_refuses_an_out_of_range_setting_and_sends_nothing() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("followup.toml"),
        "[settings.early-check-in]\ndays = 7304485\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sent = dir.path().join("sent");
    let message = "From: Al Ng <al@example.com>\nTo: Ms. Lee <lee@example.com>\nSubject: Checking in\n\nDear Ms. Lee,\n\nIs there any update on the search? I am still very interested and happy to send references.\n\nBest regards,\nAl Ng\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(["gate", "--today", "2026-11-21", "--", "sh", "-c"])
        .arg(format!("cat > '{}'", sent.display()))
        .current_dir(dir.path())
        .env_remove("FOLLOWUP_GATE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(message.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("followup.toml"), "{stderr}");
    assert!(stderr.contains("at most 3650 days"), "{stderr}");
    assert!(!sent.exists(), "the message was passed on");
}

/// The size message said "1024 KiB; the limit is 1024 KiB" for any large
/// file: it gives the real size.
#[test]
fn the_size_message_gives_the_real_size() {
    let dir = tempdir();
    let path = dir.path().join("big.md");
    std::fs::write(&path, vec![b'a'; 3 * 1024 * 1024]).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(["lint", "--no-config"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("3.0 MiB"), "{stderr}");
    assert!(stderr.contains("the limit is 1024 KiB"), "{stderr}");
}

/// 25,000 placeholders on one 100 KB line took two minutes and gigabytes of
/// human output; positions are mapped in one pass and each rule reports at
/// most 200 diagnostics, so every format is quick and small.
#[test]
fn many_diagnostics_on_one_line_are_quick_and_bounded_in_every_format() {
    let line = "[x]( ".repeat(25_000);
    let text = format!("Dear Ms. Kaur,\n\nThank you. {line}\n\nBest regards,\nAna Lima\n");
    let linter = Linter::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_today(today());
    let started = Instant::now();
    let files = linter.lint_all(vec![Ok(SourceFile::new("many.md", text))]);
    let mut human = Buffer::no_color();
    for file in &files {
        Human::new()
            .write_file(&mut human, file)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut lines = Vec::new();
    write_lines(&mut lines, &files).unwrap_or_else(|e| panic!("{e}"));
    let mut json = Vec::new();
    write_json(&mut json, &files).unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed();
    // Debug builds on a busy machine; before the fix this took minutes.
    assert!(took < Duration::from_secs(20), "took {took:?}");
    let shown = files[0]
        .diagnostics
        .iter()
        .filter(|d| d.rule == "leftover-placeholder")
        .count();
    assert_eq!(shown, 200);
    assert_eq!(files[0].omitted.len(), 1);
    assert_eq!(files[0].omitted[0].count, 24_800);
    // Human output shows the line under each of the 200: 25 MB, not 3.8 GB.
    assert!(
        human.as_slice().len() < 32 << 20,
        "{} bytes",
        human.as_slice().len()
    );
    assert!(
        lines.len() < 1 << 20,
        "line output is {} bytes",
        lines.len()
    );
    assert!(json.len() < 1 << 20, "JSON output is {} bytes", json.len());
}

fn frame(body: &serde_json::Value) -> Vec<u8> {
    let text = body.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", text.len()).into_bytes();
    out.extend_from_slice(text.as_bytes());
    out
}

/// Reads one frame the server wrote, as JSON.
fn read_frame(reader: &mut impl BufRead) -> Option<serde_json::Value> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(n) = header.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// 200,000 diagnostics blocked the language server for 99 s: it publishes
/// at most 200 per rule, plus a note saying how many more, promptly.
#[test]
fn the_language_server_publishes_a_bounded_number_of_diagnostics_promptly() {
    let dir = tempdir();
    let text = format!(
        "Dear Ms. Kaur,\n\nThank you. {}\n\nBest regards,\nAna Lima\n",
        "[x]( ".repeat(40_000)
    );
    let uri = format!("file://{}/many.md", dir.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_followup"))
        .args(["lsp", "--today", "2026-11-21"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let (tx, inbox) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read_frame(&mut reader) {
            if tx.send(message).is_err() {
                break;
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let mut send = |message: serde_json::Value| {
        stdin
            .write_all(&frame(&message))
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|e| panic!("{e}"));
    };
    send(
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let started = Instant::now();
    send(
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    // Debug builds on a busy machine; before the fix this took 99 s in release.
    let deadline = started + Duration::from_secs(30);
    let published = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match inbox.recv_timeout(left) {
            Ok(m) if m["method"] == "textDocument/publishDiagnostics" => break m,
            Ok(_) => continue,
            Err(_) => {
                let _ = child.kill();
                panic!("no diagnostics within 30 s");
            }
        }
    };
    send(serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    send(serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    drop(stdin);
    let _ = child.wait();
    let diagnostics = published["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let placeholders = diagnostics
        .iter()
        .filter(|d| d["code"] == "leftover-placeholder")
        .count();
    assert_eq!(placeholders, 200);
    assert!(
        diagnostics.iter().any(|d| d["message"]
            .as_str()
            .is_some_and(|m| m.contains("39800 more diagnostics"))),
        "no note on what was left out"
    );
}

/// A greeting ended by a dash (`Hi Anna — thanks`) sliced the line inside
/// the dash and panicked (found by the `lint` fuzz target).
#[test]
fn a_greeting_ended_by_a_dash_is_read_without_panicking() {
    let linter = Linter::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_today(today());
    for line in [
        "Hi Anna \u{2014} thanks for the chat.",
        "Dear Ms. Lee \u{2013} following up on (Position Title)",
        "Dear Ms. Lee\u{2014}",
    ] {
        let text = format!("{line}\n\nThank you for the interview.\n\nBest,\nAl Ng\n");
        let doc = linter
            .parse(SourceFile::new("dash.md", text))
            .unwrap_or_else(|e| panic!("{e}"));
        let greeting = doc
            .greeting
            .as_ref()
            .unwrap_or_else(|| panic!("no greeting in {line:?}"));
        let names: Vec<&str> = greeting.names().iter().map(|t| t.text.as_str()).collect();
        assert!(
            names.first().is_some_and(|n| *n == "Anna" || *n == "Lee"),
            "{line:?}: {names:?}"
        );
    }
}

/// A `to:` name holding a character that ends a greeting's addressee
/// (`Li?dqvist`) made the name fix apply again on every run, the greeting
/// growing each time (found by the `lint` fuzz target).
#[test]
fn fixing_a_name_the_greeting_cannot_hold_settles() {
    let linter = Linter::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_today(today());
    let text = "---\r\nkind: thank-you\r\nto: Dr. Amara Li?dqvist\r\n---\r\n\r\nHey Amara,\r\n\r\nThanks so much for meeting with me yesterday. I enjoyed the clinic tour.\r\n\r\nBest,\r\nJonas Berg\r\n";
    let first = followup::engine::fix::fix_rounds(
        &linter,
        "t.md",
        text,
        followup::text::edit::Applicability::Guess,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(first.applied > 0, "the casual greeting is fixed");
    assert!(first.text.contains("Dear Dr. Li?dqvist,"), "{}", first.text);
    let second = followup::engine::fix::fix_rounds(
        &linter,
        "t.md",
        &first.text,
        followup::text::edit::Applicability::Guess,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(second.applied, 0, "{}", second.text);
    assert_eq!(second.text, first.text);
}

/// A `to:` whose title holds Markdown (`Dr.kind_`) made the salutation fix
/// write underscores that the next run read as emphasis and fixed again,
/// the greeting growing each time (found by the `lint` fuzz target).
#[test]
fn a_salutation_with_markdown_in_to_is_not_written_in() {
    let linter = Linter::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_today(today());
    let bytes = include_bytes!("fixtures/fuzz/salutation-with-markdown-in-to.md");
    let text = String::from_utf8_lossy(bytes);
    let guess = followup::text::edit::Applicability::Guess;
    let first = followup::engine::fix::fix_rounds(&linter, "t.md", &text, guess)
        .unwrap_or_else(|e| panic!("{e}"));
    let second = followup::engine::fix::fix_rounds(&linter, "t.md", &first.text, guess)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(second.applied, 0, "{}", second.text);
    assert!(!first.text.contains("Dear Dr.kind_"), "{}", first.text);
}
