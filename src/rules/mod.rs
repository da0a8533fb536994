//! The rule catalog: the schema of `rules/<id>.yaml`, loading with errors
//! that point at the line, the compiled rule and its fix, the built-in
//! rules embedded in the binary, and levels.
//!
//! Depends on `text`, `pattern`, `draft` and `checks`.

pub mod catalog;
pub mod fix;
pub mod level;
pub mod message;
pub mod rule;
pub mod schema;
