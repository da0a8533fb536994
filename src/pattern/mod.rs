//! Matching text: phrase templates (the fast path) and regular expressions
//! from rule files, validated at load and compiled on first use.
//!
//! Depends on `text` only.

pub mod matcher;
pub mod phrase;
