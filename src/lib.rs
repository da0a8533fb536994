//! followup: lint job-interview follow-up notes against rules declared in
//! YAML, and build the etiquette handbook those rules link to.
//!
//! The library never prints; the `followup` binary (`src/main.rs` and
//! `src/cli/`) parses arguments, prints and maps results to exit codes.
//!
//! The rooms follow the pipeline, and each depends only on those above it:
//!
//! - [`text`]: sources, lines and columns, edits, errors about a file;
//! - [`pattern`]: phrase templates and regular expressions;
//! - [`draft`]: reading a draft (front matter, mail, greeting, prose,
//!   sign-off, the kind of note);
//! - [`checks`]: the check kinds a rule can pick, behind one trait;
//! - [`rules`]: rule files, the catalog, fixes, message templates;
//! - [`engine`]: the linter, diagnostics, fixing in rounds, the config;
//! - [`report`]: output formats;
//! - [`lsp`], [`book`], [`plan`]: the language server, the handbook, and
//!   what to send when.
//!
//! The default `native` feature adds what a browser cannot run (the
//! language server, the handbook build and server); without it the library
//! is the engine alone and builds for `wasm32-unknown-unknown` (see `wasm/`).

#[cfg(feature = "native")]
pub mod book;
pub mod checks;
pub mod draft;
pub mod engine;
#[cfg(feature = "native")]
pub mod lsp;
pub mod pattern;
pub mod plan;
pub mod report;
pub mod rules;
pub mod text;

pub use draft::document::Document;
pub use draft::kind::NoteKind;
pub use engine::diagnostic::Diagnostic;
pub use engine::linter::{LintedFile, Linter};
pub use rules::catalog::Catalog;
pub use rules::level::Level;
pub use rules::rule::Rule;
pub use text::error::FileError;
pub use text::source::SourceFile;
