//! Drives `followup lsp` over JSON-RPC the way an editor does: open, change,
//! code actions, hover, malformed input, config files, shutdown.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{Value, json};

/// How long any one reply may take before the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    inbox: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_followup"))
            .arg("lsp")
            .args(["--today", "2026-03-10"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start followup lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, inbox) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            inbox,
            next_id: 0,
        }
    }

    /// Starts a server and initializes it with `root` as the workspace.
    fn initialized(root: &Path, args: &[&str]) -> Client {
        let mut client = Client::start(args);
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri(root), "capabilities": {} }),
        );
        assert_eq!(
            result["result"]["capabilities"]["hoverProvider"],
            json!(true)
        );
        assert_eq!(
            result["result"]["capabilities"]["positionEncoding"],
            json!("utf-16")
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let text = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{text}", text.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response (skipping notifications).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The next message matching `pred`, failing after the timeout.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.inbox.recv_timeout(TIMEOUT) {
                Ok(message) if pred(&message) => return message,
                Ok(_) => {}
                Err(err) => panic!("no matching message from the server: {err}"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> (Value, Vec<Value>) {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        let list = m["params"]["diagnostics"].as_array().unwrap().clone();
        (m["params"]["version"].clone(), list)
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
        self.diagnostics(uri).1
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
        let (got, list) = self.diagnostics(uri);
        assert_eq!(got, json!(version));
        list
    }

    /// Sends shutdown and exit; returns the exit code.
    fn shutdown(mut self) -> i32 {
        let reply = self.request("shutdown", Value::Null);
        assert!(reply.get("error").is_none(), "{reply}");
        assert_eq!(reply["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("exited by a signal");
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not exit"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

/// Byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut col = 0;
    for (i, c) in text[start..].char_indices() {
        if col >= character {
            return start + i;
        }
        col += c.len_utf16();
    }
    text.len()
}

/// Applies a WorkspaceEdit's edits for `uri` to `text`.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let start = offset(text, &e["range"]["start"]);
            let end = offset(text, &e["range"]["end"]);
            (start, end, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    edits.sort();
    let mut out = text.to_string();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, &new);
    }
    out
}

const DRAFT: &str = "---
to: Dr. Rachel Vilsack
kind: thank-you
date: 2026-03-10
interviewed: 2026-03-10
---
Dear Rachel,

Thank you 🙏 for meeting with me today about the data platform role!! I enjoyed hearing about the billing pipeline migration.

I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.

Best regards,
Ana Reyes
";

#[test]
fn diagnostics_follow_the_text_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let note = uri(&dir.path().join("note.md")); // never saved: the server must use the editor's text
    let mut client = Client::initialized(dir.path(), &[]);
    let diags = client.open(&note, "markdown", DRAFT);
    assert_eq!(
        codes(&diags),
        [
            "first-name-salutation",
            "informal-language",
            "informal-language"
        ]
    );

    let greeting = find(&diags, "first-name-salutation");
    assert_eq!(
        greeting["range"],
        json!({ "start": { "line": 6, "character": 0 }, "end": { "line": 6, "character": 11 } })
    );
    assert_eq!(greeting["severity"], 2);
    assert_eq!(greeting["source"], "followup");
    assert_eq!(
        greeting["codeDescription"]["href"],
        "https://followup.github.io/handbook/rules/first-name-salutation.html"
    );
    assert!(
        greeting["message"]
            .as_str()
            .unwrap()
            .contains("first name only")
    );
    // The emoji is two UTF-16 code units, so `!!` starts at column 67, not 66.
    assert_eq!(
        diags[1]["range"]["start"],
        json!({ "line": 8, "character": 10 })
    );
    assert_eq!(
        diags[1]["range"]["end"],
        json!({ "line": 8, "character": 12 })
    );
    assert_eq!(
        diags[2]["range"],
        json!({ "start": { "line": 8, "character": 67 }, "end": { "line": 8, "character": 69 } })
    );

    // An incremental change: delete "🙏 " (UTF-16 columns 10..13).
    let diags = client.change(
        &note,
        2,
        json!([{ "range": { "start": { "line": 8, "character": 10 }, "end": { "line": 8, "character": 13 } }, "text": "" }]),
    );
    assert_eq!(
        codes(&diags),
        ["first-name-salutation", "informal-language"]
    );
    assert_eq!(
        diags[1]["range"]["start"],
        json!({ "line": 8, "character": 64 })
    );

    // A full-text change.
    let fixed = DRAFT
        .replace("Dear Rachel", "Dear Dr. Vilsack")
        .replace("🙏 ", "")
        .replace("!!", ".");
    let diags = client.change(&note, 3, json!([{ "text": fixed }]));
    assert!(diags.is_empty(), "{diags:#?}");

    // Suggestions are Information; errors are Error.
    let diags = client.change(&note, 4, json!([{ "text": fixed.replace("Thank you", "Thanks").replace("Ana Reyes", "[Your Name]") }]));
    let severities: Vec<(&str, i64)> = diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_i64().unwrap()))
        .collect();
    assert!(
        severities.contains(&("leftover-placeholder", 1)),
        "{severities:?}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn code_action_fixes_the_diagnostic_and_hover_explains_it() {
    let dir = tempfile::tempdir().unwrap();
    let note = uri(&dir.path().join("note.md"));
    let mut client = Client::initialized(dir.path(), &[]);
    let diags = client.open(&note, "markdown", DRAFT);

    // Hover on the `!!`: the rule's rationale and the handbook link.
    let bangs = diags[2].clone();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": note }, "position": { "line": 8, "character": 68 } }),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    let rule: Value = serde_yaml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/informal-language.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    let rationale_start: String = rule["rationale"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let flattened = value.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flattened.contains(&rationale_start), "{value}");
    assert!(
        value.contains("(https://followup.github.io/handbook/rules/informal-language.html)"),
        "{value}"
    );
    assert_eq!(hover["result"]["range"], bangs["range"]);
    // Nowhere near a diagnostic: no hover.
    let none = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": note }, "position": { "line": 10, "character": 5 } }),
    );
    assert_eq!(none["result"], Value::Null);
    // The first line tells how the kind was decided, and what settles it.
    let kind = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": note }, "position": { "line": 0, "character": 0 } }),
    );
    let kind = kind["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(kind.starts_with("**Kind:**"), "{kind}");
    assert!(kind.contains("front matter"), "{kind}");

    // Quick fix for the `!!`.
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": note }, "range": bangs["range"], "context": { "diagnostics": [bangs] } }),
    );
    let actions = reply["result"].as_array().unwrap();
    let quickfix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(quickfix["diagnostics"][0]["code"], "informal-language");
    let text = apply(DRAFT, &quickfix["edit"], &note);
    assert!(text.contains("role! I enjoyed"), "{text}");
    let diags = client.change(&note, 2, json!([{ "text": text }]));
    assert_eq!(
        codes(&diags),
        ["first-name-salutation", "informal-language"]
    );
    assert!(diags[1]["message"].as_str().unwrap().contains('🙏'));

    // Quick fix for the greeting, taken from `to:`.
    let greeting = find(&diags, "first-name-salutation").clone();
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": note }, "range": greeting["range"], "context": { "diagnostics": [greeting], "only": ["quickfix"] } }),
    );
    let actions = reply["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let text = apply(&text, &actions[0]["edit"], &note);
    assert!(text.contains("\nDear Dr. Vilsack,\n"), "{text}");
    let diags = client.change(&note, 3, json!([{ "text": text }]));
    assert_eq!(codes(&diags), ["informal-language"]);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn fix_all_applies_every_fix() {
    let dir = tempfile::tempdir().unwrap();
    let note = uri(&dir.path().join("note.md"));
    let mut client = Client::initialized(dir.path(), &[]);
    let text = DRAFT.replace("🙏 ", "");
    client.open(&note, "markdown", &text);
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": note }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = reply["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.followup");
    let fixed = apply(&text, &actions[0]["edit"], &note);
    let diags = client.change(&note, 2, json!([{ "text": fixed }]));
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(client.shutdown(), 0);
}

/// A mutt draft with `edit_headers`: empty headers, the recipient's name in `To:`.
const MUTT_DRAFT: &str = "From: Ana Reyes <ana@example.com>\r
To: Dr. Rachel Vilsack <rv@example.com>\r
Cc: \r
Bcc: \r
Subject: Thx for the interview\r
Reply-To: \r
Fcc: ~/Mail/sent\r
\r
Dear Rachel,\r
\r
Thank you for meeting with me today about the data platform role. I enjoyed hearing about the billing pipeline migration.\r
\r
I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.\r
\r
Best regards,\r
Ana Reyes\r
\r
-- \r
Ana Reyes | Data engineer\r
";

/// An aerc draft with `edit-headers`; the subject is empty so far.
const AERC_DRAFT: &str = "From: Ana Reyes <ana@example.com>
To: \"Dr. Rachel Vilsack\" <rv@example.com>
Cc:
Bcc:
Subject:

Dear Rachel,

Thank you for meeting with me today about the data platform role. I enjoyed hearing about the billing pipeline migration.

I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.

Best regards,
Ana Reyes
";

#[test]
fn mail_drafts_use_their_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::initialized(dir.path(), &[]);

    let mutt = "file:///tmp/mutt-host-1000-4242-1";
    let diags = client.open(mutt, "mail", MUTT_DRAFT);
    assert_eq!(
        codes(&diags),
        ["informal-language", "first-name-salutation"],
        "{diags:#?}"
    );
    // The subject is prose: `Thx` on line 5, after `Subject: `.
    assert_eq!(
        diags[0]["range"],
        json!({ "start": { "line": 4, "character": 9 }, "end": { "line": 4, "character": 12 } })
    );
    let greeting = diags[1].clone();
    assert_eq!(
        greeting["range"]["start"],
        json!({ "line": 8, "character": 0 })
    );
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": mutt }, "range": greeting["range"], "context": { "diagnostics": [greeting] } }),
    );
    let quickfix = reply["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .unwrap()
        .clone();
    let fixed = apply(MUTT_DRAFT, &quickfix["edit"], mutt);
    assert!(fixed.contains("\r\nDear Dr. Vilsack,\r\n"), "{fixed:?}");

    let aerc = "file:///tmp/aerc-compose-1.eml";
    let diags = client.open(aerc, "mail", AERC_DRAFT);
    assert_eq!(codes(&diags), ["first-name-salutation"], "{diags:#?}");
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": aerc }, "range": diags[0]["range"], "context": { "diagnostics": [] } }),
    );
    let quickfix = reply["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .unwrap()
        .clone();
    assert!(apply(AERC_DRAFT, &quickfix["edit"], aerc).contains("\nDear Dr. Vilsack,\n"));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_broken_draft_is_one_diagnostic_and_the_server_lives_on() {
    let dir = tempfile::tempdir().unwrap();
    let note = uri(&dir.path().join("note.md"));
    let mut client = Client::initialized(dir.path(), &[]);
    let broken = DRAFT.replace("interviewed:", "interview:");
    let diags = client.open(&note, "markdown", &broken);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(
        diags[0]["range"]["start"],
        json!({ "line": 4, "character": 0 })
    );
    assert_eq!(diags[0]["severity"], 1);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.contains("unknown front-matter key `interview`") && message.contains("interviewed"),
        "{message}"
    );
    // Unterminated front matter, an empty draft, then a good one again.
    for (version, text) in [(2, "---\nto: Dr. Rachel Vilsack\nDear Rachel,\n"), (3, "")] {
        client.change(&note, version, json!([{ "text": text }]));
    }
    let diags = client.change(&note, 4, json!([{ "text": DRAFT }]));
    assert_eq!(diags.len(), 3);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn garbage_and_unknown_methods_do_not_kill_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let note = uri(&dir.path().join("note.md"));
    // `--stdio`, as some clients pass it, changes nothing.
    let mut client = Client::start(&["--stdio"]);
    // Before initialize, requests are refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    let reply = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    assert!(reply["result"]["capabilities"].is_object());
    client.notify("initialized", json!({}));

    client.send_raw(b"this is not a header\r\n\r\n");
    let err = client.wait(|m| m.get("error").is_some());
    assert_eq!(err["error"]["code"], -32700);
    assert_eq!(err["id"], Value::Null);
    client.send_raw(b"Content-Length: 8\r\n\r\n{\"jsonrp");
    let err = client.wait(|m| m.get("error").is_some());
    assert_eq!(err["error"]["code"], -32700);
    client.send(json!({ "jsonrpc": "2.0", "id": null, "method": 5 }));
    let err = client.wait(|m| m.get("error").is_some());
    assert_eq!(err["error"]["code"], -32600);
    assert_eq!(err["id"], Value::Null);
    for garbage in [
        &b"Content-Length: lots\r\n\r\n"[..],
        b"Content-Length: 3\r\n\r\n\xff\xfe!",
    ] {
        client.send_raw(garbage);
        let err = client.wait(|m| m.get("error").is_some());
        assert_eq!(err["error"]["code"], -32700);
    }

    let unknown = client.request("followup/doesNotExist", json!({ "x": 1 }));
    assert_eq!(unknown["error"]["code"], -32601);
    client.notify("followup/unknownNotification", json!([1, 2, 3]));
    client.notify("textDocument/didOpen", json!({ "wrong": "shape" }));
    client.notify("textDocument/didChange", json!({ "textDocument": { "uri": note, "version": 9 }, "contentChanges": [{ "text": "x" }] }));
    let bad_params = client.request("textDocument/codeAction", json!({ "nonsense": true }));
    assert_eq!(bad_params["error"]["code"], -32602);
    // A change whose range is past the end of the text, and one inside a surrogate pair.
    client.open(&note, "markdown", DRAFT);
    client.change(&note, 2, json!([{ "range": { "start": { "line": 99, "character": 0 }, "end": { "line": 120, "character": 4 } }, "text": "\nP.S. Thanks!" }]));
    client.change(&note, 3, json!([{ "range": { "start": { "line": 8, "character": 11 }, "end": { "line": 8, "character": 11 } }, "text": "x" }]));

    // Still alive and answering.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": note }, "position": { "line": 6, "character": 2 } }),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("first-name-salutation")
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn the_workspace_config_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("followup.toml"),
        "[rules]\ninformal-language = \"off\"\nfirst-name-salutation = \"error\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    let note = uri(&dir.path().join("drafts/note.md"));
    let mut client = Client::initialized(dir.path(), &[]);
    let diags = client.open(&note, "markdown", DRAFT);
    assert_eq!(codes(&diags), ["first-name-salutation"]);
    assert_eq!(diags[0]["severity"], 1);

    // An unsaved draft outside the folder uses the workspace root's config.
    let untitled = "untitled:Untitled-1";
    assert_eq!(
        codes(&client.open(untitled, "markdown", DRAFT)),
        ["first-name-salutation"]
    );

    // A broken config is reported on the draft, and fixing it is picked up.
    std::fs::write(
        dir.path().join("followup.toml"),
        "[rules]\ninformal-languag = \"off\"\n",
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [] }));
    let (_, diags) = client.diagnostics(&note);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.contains("followup.toml") && message.contains("informal-language"),
        "{message}"
    );
    std::fs::write(
        dir.path().join("followup.toml"),
        "[rules]\nfirst-name-salutation = \"off\"\n",
    )
    .unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [] }));
    let (_, diags) = client.diagnostics(&note);
    assert_eq!(codes(&diags), ["informal-language", "informal-language"]);
    assert_eq!(client.shutdown(), 0);

    // --no-config ignores it.
    let mut client = Client::initialized(dir.path(), &["--no-config"]);
    let diags = client.open(&note, "markdown", DRAFT);
    assert_eq!(
        codes(&diags),
        [
            "first-name-salutation",
            "informal-language",
            "informal-language"
        ]
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_code_1_and_closing_stdin_ends_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::initialized(dir.path(), &[]);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);

    let mut client = Client::initialized(dir.path(), &[]);
    assert_eq!(client.exit_code(), 1);
}

#[test]
fn clients_that_can_watch_files_are_asked_to_watch_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(&[]);
    let capabilities =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let reply = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(dir.path()), "capabilities": capabilities }),
    );
    assert!(reply.get("result").is_some());
    client.notify("initialized", json!({}));
    let register = client.wait(|m| m["method"] == "client/registerCapability");
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(globs.contains(&"**/followup.toml"), "{globs:?}");
    client.send(json!({ "jsonrpc": "2.0", "id": register["id"], "result": null }));

    // Saving the config in the editor also reloads it.
    let note = uri(&dir.path().join("note.md"));
    assert_eq!(client.open(&note, "markdown", DRAFT).len(), 3);
    std::fs::write(
        dir.path().join("followup.toml"),
        "[rules]\ninformal-language = \"off\"\n",
    )
    .unwrap();
    let config = uri(&dir.path().join("followup.toml"));
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config } }),
    );
    let (_, diags) = client.diagnostics(&note);
    assert_eq!(codes(&diags), ["first-name-salutation"]);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn spelling_suggestions_are_quick_fixes_and_a_word_can_be_added() {
    let dir = tempfile::tempdir().unwrap();
    let note = uri(&dir.path().join("note.md"));
    let draft =
        "Dear Ms. Lund,\n\nThank you for the zembla tour on Tusday.\n\nBest regards,\nPia Holm\n";
    let mut client = Client::initialized(dir.path(), &[]);
    let diags: Vec<Value> = client
        .open(&note, "markdown", draft)
        .into_iter()
        .filter(|d| d["code"] == "misspelling")
        .collect();
    assert_eq!(diags.len(), 2, "{diags:#?}");
    let tusday = diags[1].clone();
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": note }, "range": tusday["range"], "context": { "diagnostics": [tusday] } }),
    );
    let actions = reply["result"].as_array().unwrap();
    let change = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("change to `Tuesday`")
        })
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(change["isPreferred"], false);
    assert!(apply(draft, &change["edit"], &note).contains("on Tuesday."));
    // A guess is never part of fix-all.
    assert!(
        !actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.followup")
    );

    // Add `zembla` to the word list: the config is written and relinted.
    let zembla = diags[0].clone();
    let reply = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": note }, "range": zembla["range"], "context": { "diagnostics": [zembla] } }),
    );
    let add = reply["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "followup.addWord")
        .cloned()
        .expect("an add-word action");
    let done = client.request(
        "workspace/executeCommand",
        json!({ "command": "followup.addWord", "arguments": add["command"]["arguments"] }),
    );
    assert!(done.get("error").is_none(), "{done}");
    let config = std::fs::read_to_string(dir.path().join("followup.toml")).unwrap();
    assert_eq!(config, "[spelling]\nwords = [\"zembla\"]\n");
    let (_, diags) = client.diagnostics(&note);
    let left: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "misspelling")
        .collect();
    assert_eq!(left.len(), 1, "{diags:#?}");
    assert_eq!(client.shutdown(), 0);
}
