//! What the editor and hook tests share: finding a program on `PATH`, the
//! recipes of docs/editors.md, and a draft with accented letters and a
//! problem on a known line.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A draft with accented letters before its problems, and a first-name
/// greeting and `!!` to report.
pub(crate) const DRAFT: &str = "---
to: Dr. Rachel Vilsack
kind: thank-you
date: 2026-03-10
interviewed: 2026-03-10
---
Dear Rachel,

Thank you for the tour of the caf\u{e9} and the r\u{f4}le of the night shift today!! I enjoyed hearing about the new till system.

I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.

Best regards,
Ana Reyes
";

/// The program `program` on `PATH`, if there is one.
pub(crate) fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// A recipe from docs/editors.md: the code block after `<!-- recipe:NAME -->`.
pub(crate) fn recipe(name: &str) -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .expect("read docs/editors.md");
    let marker = format!("<!-- recipe:{name} -->");
    let after = &doc[doc
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in docs/editors.md"))..];
    let body = &after[after.find("```").expect("a code block")..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    body[..body.find("```").expect("closed block")].to_string()
}
