//! Running the rules: the linter (unsure kinds, cross-file checks), the
//! diagnostics it reports, fixing in rounds, a rule's own examples, and
//! the settings of `followup.toml`.
//!
//! Depends on `text`, `draft`, `checks` and `rules`.

pub mod config;
pub mod diagnostic;
pub mod examples;
pub mod fix;
pub mod linter;
