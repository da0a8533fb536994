//! followup: lint job-interview follow-up notes against rules declared in
//! YAML, and build the etiquette handbook those rules link to.
//!
//! The library never prints; the `followup` binary is a thin layer over it.

pub mod book;
pub mod checks;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod dictionary;
pub mod document;
pub mod error;
pub mod examples;
pub mod fix;
pub mod front_matter;
pub mod greeting;
pub mod infer;
pub mod kind;
pub mod level;
pub mod linter;
pub mod lsp;
pub mod mail;
pub mod pattern;
pub mod phrase;
pub mod plan;
pub mod prose;
pub mod quoted;
pub mod report;
pub mod rule;
pub mod signature;
pub mod source;
pub mod templates;

pub use diagnostic::Diagnostic;
pub use document::Document;
pub use error::FileError;
pub use kind::NoteKind;
pub use level::Level;
pub use linter::{LintedFile, Linter};
pub use rule::{Catalog, Rule};
pub use source::SourceFile;
