//! Reading a draft: front matter, mail headers and MIME, quoted text,
//! greeting, prose, sign-off, and the kind of note it is. Everything here
//! describes the draft; nothing judges it.
//!
//! Depends on `text` and `pattern`.

pub mod calendar;
pub mod dates;
pub mod document;
pub mod front_matter;
pub mod greeting;
pub mod infer;
pub mod kind;
pub mod mail;
pub mod prose;
pub mod quoted;
pub mod signature;
pub mod vocabulary;
pub mod yaml;
