//! The server loop: the lifecycle (initialize, shutdown, exit), dispatch of
//! requests and notifications, and publishing diagnostics once each burst
//! of changes has been read.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, HoverParams, HoverProviderCapability, InitializeResult,
    LogMessageParams, MessageType, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::Serialize;
use serde_json::Value;

use super::Options;
use super::actions::{self, FIX_ALL};
use super::analysis::{self, Analysis};
use super::documents::{self, OpenDocument};
use super::hover;
use super::linters::Linters;
use super::transport::{self, Incoming};

/// What the reader thread hands the loop.
#[derive(Debug)]
pub(crate) enum Event {
    /// A frame, well-formed or not.
    Frame(Incoming),
    /// The client closed the input.
    End,
    /// Reading the input failed.
    Failed(io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

enum Flow {
    Continue,
    Exit(i32),
}

struct Server<W: Write> {
    out: W,
    phase: Phase,
    docs: HashMap<Uri, OpenDocument>,
    linters: Linters,
    dirty: BTreeSet<Uri>,
    watch_files: bool,
}

/// Runs until `exit` or the end of the input; returns the exit code the
/// protocol asks for (0 after `shutdown`, else 1).
pub(crate) fn run<W: Write>(events: &Receiver<Event>, out: W, options: Options) -> io::Result<i32> {
    let mut server = Server {
        out,
        phase: Phase::Uninitialized,
        docs: HashMap::new(),
        linters: Linters::new(options),
        dirty: BTreeSet::new(),
        watch_files: false,
    };
    loop {
        let Ok(event) = events.recv() else {
            return Ok(server.exit_code());
        };
        let mut flow = server.handle(event)?;
        // Drain what has already arrived, so a burst of changes is linted once.
        while let Flow::Continue = flow {
            match events.try_recv() {
                Ok(event) => flow = server.handle(event)?,
                Err(_) => break,
            }
        }
        if let Flow::Exit(code) = flow {
            return Ok(code);
        }
        server.publish_dirty()?;
    }
}

impl<W: Write> Server<W> {
    fn exit_code(&self) -> i32 {
        if self.phase == Phase::ShutDown { 0 } else { 1 }
    }

    fn handle(&mut self, event: Event) -> io::Result<Flow> {
        match event {
            Event::End => Ok(Flow::Exit(self.exit_code())),
            Event::Failed(err) => Err(err),
            Event::Frame(Incoming::Malformed { id, code, reason }) => {
                transport::write_error(&mut self.out, id, code, &reason)?;
                Ok(Flow::Continue)
            }
            Event::Frame(Incoming::Message(Message::Request(req))) => {
                self.request(req)?;
                Ok(Flow::Continue)
            }
            Event::Frame(Incoming::Message(Message::Notification(n))) => self.notification(n),
            Event::Frame(Incoming::Message(Message::Response(_))) => Ok(Flow::Continue),
        }
    }

    fn request(&mut self, req: Request) -> io::Result<()> {
        match (self.phase, req.method.as_str()) {
            (Phase::Uninitialized, "initialize") => return self.initialize(req),
            (Phase::Uninitialized, _) => {
                let message = "the server has not been initialized".to_string();
                return self.error(req.id, ErrorCode::ServerNotInitialized, message);
            }
            (_, "initialize") => {
                let message = "the server is already initialized".to_string();
                return self.error(req.id, ErrorCode::InvalidRequest, message);
            }
            (Phase::ShutDown, _) => {
                let message = "the server is shutting down".to_string();
                return self.error(req.id, ErrorCode::InvalidRequest, message);
            }
            (Phase::Running, _) => {}
        }
        match req.method.as_str() {
            "shutdown" => {
                self.phase = Phase::ShutDown;
                self.reply(req.id, ())
            }
            "textDocument/codeAction" => {
                match serde_json::from_value::<CodeActionParams>(req.params) {
                    Ok(params) => {
                        let uri = params.text_document.uri.clone();
                        let config = self.config_for(&uri);
                        let result = self.analysed(&uri).map(|(doc, analysis)| {
                            actions::code_actions(doc, analysis, &params, config.as_deref())
                        });
                        self.reply(req.id, result)
                    }
                    Err(err) => self.error(req.id, ErrorCode::InvalidParams, err.to_string()),
                }
            }
            "workspace/executeCommand" => {
                match serde_json::from_value::<lsp_types::ExecuteCommandParams>(req.params) {
                    Ok(params) if params.command == actions::ADD_WORD => {
                        let args: Vec<&str> =
                            params.arguments.iter().filter_map(Value::as_str).collect();
                        let [word, path] = args[..] else {
                            let message = "followup.addWord takes a word and a path".to_string();
                            return self.error(req.id, ErrorCode::InvalidParams, message);
                        };
                        match crate::engine::config::add_word_to_file(
                            std::path::Path::new(path),
                            word,
                        ) {
                            Ok(()) => {
                                self.reload();
                                self.reply(req.id, ())
                            }
                            Err(message) => self.error(req.id, ErrorCode::InternalError, message),
                        }
                    }
                    Ok(params) => {
                        let message = format!("unknown command `{}`", params.command);
                        self.error(req.id, ErrorCode::InvalidParams, message)
                    }
                    Err(err) => self.error(req.id, ErrorCode::InvalidParams, err.to_string()),
                }
            }
            "textDocument/hover" => match serde_json::from_value::<HoverParams>(req.params) {
                Ok(params) => {
                    let at = params.text_document_position_params;
                    let result = self
                        .analysed(&at.text_document.uri)
                        .and_then(|(doc, analysis)| hover::hover(doc, analysis, at.position));
                    self.reply(req.id, result)
                }
                Err(err) => self.error(req.id, ErrorCode::InvalidParams, err.to_string()),
            },
            method => {
                let message = format!("unknown method `{method}`");
                self.error(req.id, ErrorCode::MethodNotFound, message)
            }
        }
    }

    fn initialize(&mut self, req: Request) -> io::Result<()> {
        self.linters.set_roots(roots(&req.params));
        self.watch_files = req
            .params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::from(FIX_ALL.to_string()),
                ]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            execute_command_provider: Some(lsp_types::ExecuteCommandOptions {
                commands: vec![actions::ADD_WORD.to_string()],
                ..lsp_types::ExecuteCommandOptions::default()
            }),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "followup".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        self.phase = Phase::Running;
        self.reply(req.id, result)
    }

    fn notification(&mut self, n: Notification) -> io::Result<Flow> {
        if n.method == "exit" {
            return Ok(Flow::Exit(self.exit_code()));
        }
        if self.phase == Phase::Uninitialized {
            return Ok(Flow::Continue);
        }
        match n.method.as_str() {
            "initialized" => self.watch_config_files()?,
            "textDocument/didOpen" => {
                if let Some(p) = self.params::<DidOpenTextDocumentParams>(n)? {
                    let item = p.text_document;
                    let doc = OpenDocument::new(item.uri.clone(), item.version, item.text);
                    self.docs.insert(item.uri.clone(), doc);
                    self.dirty.insert(item.uri);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = self.params::<DidChangeTextDocumentParams>(n)? {
                    let uri = p.text_document.uri;
                    match self.docs.get_mut(&uri) {
                        Some(doc) => {
                            doc.apply(p.text_document.version, p.content_changes);
                            self.dirty.insert(uri);
                        }
                        None => {
                            let message =
                                format!("change to a draft that is not open: {}", uri.as_str());
                            self.log(MessageType::WARNING, message)?;
                        }
                    }
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = self.params::<DidCloseTextDocumentParams>(n)? {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    self.dirty.remove(&uri);
                    self.publish(uri, Vec::new(), None)?;
                }
            }
            "textDocument/didSave" => {
                if let Some(p) = self.params::<DidSaveTextDocumentParams>(n)? {
                    if is_settings_file(p.text_document.uri.as_str()) {
                        self.reload();
                    }
                }
            }
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => self.reload(),
            _ => {}
        }
        Ok(Flow::Continue)
    }

    /// Parses notification params; bad ones are logged and dropped.
    fn params<P: serde::de::DeserializeOwned>(&mut self, n: Notification) -> io::Result<Option<P>> {
        match serde_json::from_value(n.params) {
            Ok(p) => Ok(Some(p)),
            Err(err) => {
                self.log(
                    MessageType::WARNING,
                    format!("ignored `{}`: {err}", n.method),
                )?;
                Ok(None)
            }
        }
    }

    /// Forgets every linter and relints every open draft.
    fn reload(&mut self) {
        self.linters.clear();
        for (uri, doc) in &mut self.docs {
            doc.analysis = None;
            self.dirty.insert(uri.clone());
        }
    }

    /// Asks the client to report changes to config and rule files.
    fn watch_config_files(&mut self) -> io::Result<()> {
        if !self.watch_files {
            return Ok(());
        }
        let params = serde_json::json!({
            "registrations": [{
                "id": "followup-settings",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {
                    "watchers": [
                        { "globPattern": "**/followup.toml" },
                        { "globPattern": "**/*.{yaml,yml}" },
                    ],
                },
            }],
        });
        let req = Request {
            id: RequestId::from("followup-watch".to_string()),
            method: "client/registerCapability".to_string(),
            params,
        };
        transport::write(&mut self.out, &Message::Request(req))
    }

    /// The config file a draft's words go into: the one its linter uses,
    /// else a new `followup.toml` beside the draft (none for unsaved drafts).
    fn config_for(&self, uri: &Uri) -> Option<PathBuf> {
        let path = self.docs.get(uri)?.path.clone();
        self.linters.config_path(path.as_deref()).or_else(|| {
            path.as_deref()
                .and_then(std::path::Path::parent)
                .map(|d| d.join(crate::engine::config::FILE_NAME))
        })
    }

    /// The draft and its lint, linting it first when it changed.
    fn analysed(&mut self, uri: &Uri) -> Option<(&OpenDocument, &Analysis)> {
        let doc = self.docs.get_mut(uri)?;
        if doc.analysis.is_none() {
            let built = self.linters.for_draft(doc.path.as_deref());
            doc.analysis = Some(analysis::analyse(&doc.name(), &doc.text, built));
        }
        let doc = &*doc;
        doc.analysis.as_ref().map(|a| (doc, a))
    }

    fn publish_dirty(&mut self) -> io::Result<()> {
        for uri in std::mem::take(&mut self.dirty) {
            let Some((doc, analysis)) = self.analysed(&uri) else {
                continue;
            };
            let diagnostics = analysis.published();
            let version = Some(doc.version);
            self.publish(uri, diagnostics, version)?;
        }
        Ok(())
    }

    fn publish(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> io::Result<()> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify("textDocument/publishDiagnostics", params)
    }

    fn log(&mut self, typ: MessageType, message: String) -> io::Result<()> {
        self.notify("window/logMessage", LogMessageParams { typ, message })
    }

    fn notify(&mut self, method: &str, params: impl Serialize) -> io::Result<()> {
        let params = serde_json::to_value(params).map_err(io::Error::other)?;
        let n = Notification {
            method: method.to_string(),
            params,
        };
        transport::write(&mut self.out, &Message::Notification(n))
    }

    fn reply(&mut self, id: RequestId, result: impl Serialize) -> io::Result<()> {
        let result = serde_json::to_value(result).map_err(io::Error::other)?;
        let response = Response {
            id,
            result: Some(result),
            error: None,
        };
        transport::write(&mut self.out, &Message::Response(response))
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: String) -> io::Result<()> {
        let response = Response::new_err(id, code as i32, message);
        transport::write(&mut self.out, &Message::Response(response))
    }
}

/// Whether saving this file can change the rules: a config or a rule file.
fn is_settings_file(uri: &str) -> bool {
    uri.ends_with("/followup.toml") || uri.ends_with(".yaml") || uri.ends_with(".yml")
}

/// Workspace folders from `initialize`, then the server's working folder.
fn roots(params: &Value) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Some(folders) = params.get("workspaceFolders").and_then(Value::as_array) {
        let uris = folders
            .iter()
            .filter_map(|f| f.get("uri").and_then(Value::as_str));
        roots.extend(uris.filter_map(documents::file_path));
    }
    if let Some(uri) = params.get("rootUri").and_then(Value::as_str) {
        roots.extend(documents::file_path(uri));
    }
    if let Some(path) = params.get("rootPath").and_then(Value::as_str) {
        roots.push(PathBuf::from(path));
    }
    if let Ok(cwd) = std::env::current_dir() {
        roots.push(cwd);
    }
    let mut seen = BTreeSet::new();
    roots.retain(|r| seen.insert(r.clone()));
    roots
}
