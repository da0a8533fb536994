//! A `followup.toml` and front matter, for drafts of every kind: the config
//! is loaded as `followup lint` loads it (its rule folders aside: nothing is
//! read from disk), then a draft of each kind with that front matter is
//! linted, printed and fixed.
//!
//! Input: the config, a line `%%`, the front matter's lines, and optionally
//! another `%%` line and the draft's body.
#![no_main]

use std::path::Path;

use codespan_reporting::term::termcolor::Buffer;
use followup::engine::config::Config;
use followup::report::render_error;
use followup::{Catalog, Linter, NoteKind, SourceFile};
use libfuzzer_sys::fuzz_target;

const BODY: &str = "\nDear Ms. Lee,\n\nThank you for the interview on Tuesday. I enjoyed hearing about the new clinic\nyou mentioned, and I remain very interested in the role.\n\nBest regards,\nAl Ng\n";

/// The linter `config` describes, or the error `followup lint` stops with.
fn linter(config: &Config) -> Result<Linter, followup::FileError> {
    let _ = config.rule_dirs();
    let mut catalog = Catalog::builtin()?;
    config.apply_settings(&mut catalog)?;
    let levels = config.levels(&catalog)?;
    let _ = config.deny()?;
    let mut linter = Linter::new(catalog)
        .with_levels(levels)
        .with_today(followup_fuzz::today());
    if let Some(url) = config.handbook_url() {
        linter = linter.with_handbook_url(url);
    }
    Ok(linter)
}

fuzz_target!(|data: &[u8]| {
    let Ok(data) = std::str::from_utf8(data) else {
        return;
    };
    let parts = followup_fuzz::parts(data);
    let (config, front, body) = match parts.as_slice() {
        [config] => (*config, "", BODY),
        [config, front] => (*config, *front, BODY),
        [config, front, body, ..] => (*config, *front, *body),
        [] => return,
    };
    let mut shown = Buffer::no_color();
    let config = Config::parse("followup.toml", Path::new("followup.toml"), config);
    let linter = match config.as_ref().map_err(Clone::clone).and_then(linter) {
        Ok(linter) => linter,
        Err(err) => {
            if let Err(e) = render_error(&mut shown, &err) {
                panic!("a config error does not render: {e}");
            }
            // The front matter is still worth linting, with the defaults.
            followup_fuzz::builtin_linter()
        }
    };
    let has_kind = front.lines().any(|l| l.trim_start().starts_with("kind"));
    let mut kinds: Vec<Option<NoteKind>> = vec![None];
    if !has_kind {
        kinds.extend(NoteKind::ALL.map(Some));
    }
    let inputs = kinds
        .iter()
        .map(|kind| {
            let kind = kind.map(|k| format!("kind: {k}\n")).unwrap_or_default();
            let sep = if front.is_empty() || front.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            let draft = format!("---\n{kind}{front}{sep}---\n{body}");
            SourceFile::from_bytes("draft.md", draft.into_bytes())
        })
        .collect();
    followup_fuzz::lint_and_check(&linter, inputs);
});
