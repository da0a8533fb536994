//! The "Check your draft" page: the engine compiled to WebAssembly (the
//! `wasm/` crate), carried in a script file so that the page works from
//! `file://` as well as from any server, and a form around it. The page is
//! built only when the module was built; nothing in it talks to a network.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::draft::kind::NoteKind;
use crate::text::error::FileError;

/// The page's path in the site.
pub const PAGE: &str = "check.html";

/// The script that carries the module, base64-encoded.
pub const MODULE_SCRIPT: &str = "followup-check.js";

/// The script that carries the spelling dictionary, base64-encoded: the
/// page loads it once it has opened, so that the first check waits for
/// the engine only.
pub const DICTIONARY_SCRIPT: &str = "followup-dictionary.js";

/// The environment variable naming the module file, when it is not at
/// [`DEFAULT_MODULE`] under the book folder.
pub const MODULE_ENV: &str = "FOLLOWUP_CHECK_MODULE";

/// Where `scripts/build-wasm.sh` leaves the module, relative to the book folder.
pub const DEFAULT_MODULE: &str = "wasm/target/followup-check.wasm";

/// What to do when there is no module, for the build's closing note.
pub const HOW_TO_BUILD: &str = "the \"Check your draft\" page was left out: its engine module is not built; \
     run scripts/build-wasm.sh (it needs `rustup target add wasm32-unknown-unknown`), \
     or set FOLLOWUP_CHECK_MODULE to a built followup_wasm.wasm, then build again";

/// The page's title, in the sidebar and the page.
pub const TITLE: &str = "Check your draft";

/// A kind in the page's chooser.
#[derive(Debug, Serialize)]
pub(crate) struct KindChoice {
    /// The name the engine takes (`thank-you`).
    pub(crate) value: &'static str,
    /// What the chooser shows (`Thank-you note`).
    pub(crate) label: &'static str,
}

/// Every kind, as the chooser lists them.
pub(crate) fn kind_choices() -> Vec<KindChoice> {
    NoteKind::ALL
        .iter()
        .map(|k| KindChoice {
            value: k.as_str(),
            label: match k {
                NoteKind::ThankYou => "Thank-you note",
                NoteKind::Withdrawal => "Withdrawal",
                NoteKind::RejectionReply => "Reply to a rejection",
                NoteKind::CheckIn => "Check-in",
                NoteKind::Recovery => "Recovery note",
                NoteKind::Linkedin => "LinkedIn message",
            },
        })
        .collect()
}

/// The module's bytes, when one was built: the file `FOLLOWUP_CHECK_MODULE`
/// names (an error if it cannot be read), else [`DEFAULT_MODULE`] under
/// `root`; `None` when neither is there.
pub(crate) fn find(root: &Path) -> Result<Option<(PathBuf, Vec<u8>)>, FileError> {
    let named = std::env::var_os(MODULE_ENV).filter(|v| !v.is_empty());
    let path = match &named {
        Some(path) => PathBuf::from(path),
        None => root.join(DEFAULT_MODULE),
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(_) if named.is_none() => return Ok(None),
        Err(err) => {
            return Err(FileError::new(
                path.display().to_string(),
                format!("cannot read the check page's module ({MODULE_ENV}): {err}"),
            ));
        }
    };
    if !bytes.starts_with(b"\0asm") {
        return Err(
            FileError::new(path.display().to_string(), "is not a WebAssembly module")
                .with_note("build it with scripts/build-wasm.sh"),
        );
    }
    Ok(Some((path, bytes)))
}

/// `followup-check.js`: the module as a base64 string on `window`, which
/// the page decodes and instantiates (a script loads from `file://` where a
/// fetched module would be refused).
pub(crate) fn module_script(module: &[u8]) -> String {
    script(
        "The followup engine (WebAssembly), base64-encoded, for check.html.",
        "FOLLOWUP_CHECK_MODULE",
        module,
    )
}

/// `followup-dictionary.js`: the spelling dictionary this build carries,
/// as a base64 string on `window`, for the page to hand to the engine.
pub(crate) fn dictionary_script() -> String {
    script(
        "The spelling dictionary (an fst map; see the handbook's proofreading chapter), base64-encoded, for check.html.",
        "FOLLOWUP_DICTIONARY",
        crate::text::dictionary::file(),
    )
}

/// A script that sets `window.NAME` to `bytes` in base64.
fn script(comment: &str, name: &str, bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 256);
    out.push_str(&format!("// {comment}\nwindow.{name} = \""));
    base64(bytes, &mut out);
    out.push_str("\";\n");
    out
}

/// Standard base64 with padding.
fn base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

/// The sidebar entry: before the generated rule reference when there is
/// one (it is the list's last part), else at the end of the list.
pub(crate) fn add_to_toc(list: &mut String, rule_reference: bool) {
    let entry =
        format!("<li class=\"chapter-item check-entry\"><a href=\"{PAGE}\">{TITLE}</a></li>");
    let at = if rule_reference {
        list.rfind("<li class=\"part-title\">")
    } else {
        None
    };
    match at.or_else(|| list.rfind("</ol>")) {
        Some(at) => list.insert_str(at, &entry),
        None => list.push_str(&entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        let mut out = String::new();
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            out.clear();
            base64(input.as_bytes(), &mut out);
            assert_eq!(out, expected);
        }
        let script = module_script(&[0, 0x61, 0x73, 0x6d, 0xff]);
        assert!(script.contains("\"AGFzbf8=\""), "{script}");
    }

    #[test]
    fn the_entry_goes_before_the_rule_reference() {
        let mut list = "<ol class=\"chapters\"><li class=\"chapter-item\">a</li><li class=\"part-title\">Rule reference</li><li>r</li></ol>".to_string();
        add_to_toc(&mut list, true);
        let entry = list.find("check.html").unwrap_or(usize::MAX);
        let part = list.find("Rule reference").unwrap_or(0);
        assert!(entry < part, "{list}");
        let mut plain = "<ol class=\"chapters\"><li>a</li></ol>".to_string();
        add_to_toc(&mut plain, false);
        assert!(plain.ends_with("Check your draft</a></li></ol>"), "{plain}");
    }
}
