//! The language server behind `followup lsp`: diagnostics as you type,
//! quick fixes, and hover explanations, over JSON-RPC on any byte stream.
//!
//! The server lints the text the editor holds (not the saved file), speaks
//! UTF-16 positions, honours the nearest `followup.toml`, and survives
//! malformed messages and unreadable drafts.

mod actions;
mod analysis;
mod documents;
mod hover;
mod linters;
mod position;
mod server;
mod transport;

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc;

use crate::draft::dates::Moment;

use server::Event;

/// Where the server's rule settings come from.
#[derive(Debug, Clone, Default)]
pub enum ConfigSource {
    /// The nearest `followup.toml` above each draft, else above a workspace folder.
    #[default]
    Discover,
    /// This config file for every draft.
    File(PathBuf),
    /// No config file: built-in rules at their default levels.
    None,
}

/// How the server builds its linters.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where settings come from.
    pub config: ConfigSource,
    /// Extra rule folders, on top of those the config names.
    pub rule_dirs: Vec<PathBuf>,
    /// Judge dates as if today were this (tests); the clock otherwise.
    pub today: Option<Moment>,
}

/// Serves one client: reads messages from `input` on a thread of its own,
/// writes to `output`, and returns when the client sends `exit` or closes
/// the input. The result is the exit code the protocol asks for: 0 after
/// `shutdown`, 1 otherwise. Errors are failures to read or write.
pub fn serve<R, W>(input: R, output: W, options: Options) -> io::Result<i32>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("followup-lsp-reader".to_string())
        .spawn(move || read_loop(input, &sender))?;
    server::run(&receiver, output, options)
}

fn read_loop<R: BufRead>(mut input: R, sender: &mpsc::Sender<Event>) {
    loop {
        let event = match transport::read(&mut input) {
            Ok(Some(frame)) => Event::Frame(frame),
            Ok(None) => Event::End,
            Err(err) => Event::Failed(err),
        };
        let last = !matches!(event, Event::Frame(_)) || is_exit(&event);
        if sender.send(event).is_err() || last {
            return;
        }
    }
}

fn is_exit(event: &Event) -> bool {
    matches!(
        event,
        Event::Frame(transport::Incoming::Message(lsp_server::Message::Notification(n))) if n.method == "exit"
    )
}
