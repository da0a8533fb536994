//! Arbitrary bytes as a draft (a file, or a mail message decoded as `lint`
//! decodes one), linted with the built-in rules; then every output format
//! and `--fix`. (The cross-file check runs in `config_front_matter`, whose
//! drafts share a body.)
#![no_main]

use std::sync::LazyLock;

use followup::{Linter, SourceFile};
use libfuzzer_sys::fuzz_target;

static LINTER: LazyLock<Linter> = LazyLock::new(followup_fuzz::builtin_linter);

fuzz_target!(|data: &[u8]| {
    let input =
        SourceFile::from_bytes("draft.md", data.to_vec()).and_then(followup::draft::mail::decode);
    followup_fuzz::lint_and_check(&LINTER, vec![input]);
});
