//! Mail messages through the MIME parser, then linted as `followup gate`
//! lints them (the gate keeps NUL bytes and invalid UTF-8 that `lint`
//! refuses, so this reaches text the `lint` target does not).
#![no_main]

use std::sync::LazyLock;

use followup::text::source::MAX_FILE_BYTES;
use followup::{Linter, SourceFile};
use libfuzzer_sys::fuzz_target;

static LINTER: LazyLock<Linter> = LazyLock::new(followup_fuzz::builtin_linter);

fuzz_target!(|data: &[u8]| {
    let _ = followup::draft::mail::needs_decoding(data);
    let Ok(text) = followup::draft::mail::draft(data) else {
        return;
    };
    // The gate's own checks before it lints.
    if text.trim().is_empty() || text.len() as u64 > MAX_FILE_BYTES {
        return;
    }
    let files = LINTER.lint_all(vec![Ok(SourceFile::new("<message>", text))]);
    followup_fuzz::check_files(&files);
});
