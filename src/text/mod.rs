//! Text, below everything else: a draft's source and the name it is
//! reported under, byte offsets mapped to lines and columns, edits to
//! source bytes, and errors about a file that point into it.
//!
//! This room depends on nothing else in the crate.

pub mod dictionary;
pub mod edit;
pub mod error;
pub mod hash;
pub mod lines;
pub mod source;
pub mod words;
