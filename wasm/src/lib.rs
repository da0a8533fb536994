//! The followup engine as a WebAssembly module for the handbook's "Check
//! your draft" page: the built-in rules, draft parsing and the JSON report
//! of `followup lint --format json`, behind a handful of plain exported
//! functions (no JavaScript glue beyond `WebAssembly.instantiate`).
//!
//! The page calls [`alloc`] for each input, copies UTF-8 bytes in, calls
//! [`lint`], reads [`output_len`] bytes at the returned pointer, and frees
//! the inputs with [`dealloc`]. Spelling is checked once the page has
//! handed the dictionary to [`load_dictionary`]. The output buffer belongs to the module and
//! stays valid until the next call to [`lint`].

use std::cell::RefCell;
use std::sync::OnceLock;

use followup::draft::dates::Moment;
use followup::draft::kind::KindSource;
use followup::{Linter, NoteKind, SourceFile};
use serde_json::json;

/// The name drafts are reported under, as `followup lint -` does.
const DRAFT_NAME: &str = "<stdin>";

/// The linter with the built-in rules, made on first use.
fn linter() -> Result<&'static Linter, String> {
    static LINTER: OnceLock<Result<Linter, String>> = OnceLock::new();
    LINTER
        .get_or_init(|| Linter::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

/// The report for a run that could not start (a bad kind or date).
fn run_error(message: &str) -> String {
    json!({ "version": 1, "files": [], "error": message }).to_string()
}

/// Lints `text` (a draft, front matter optional) as `followup lint
/// --format json --today TODAY -` would, and returns that JSON document
/// (compact). `kind`, when not empty, decides the kind as front matter
/// `kind:` would, overriding the draft's own. `today` is `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM` and is required: the module cannot read a clock.
pub fn lint_json(text: &[u8], kind: &str, today: &str) -> String {
    let kind = match kind.trim() {
        "" | "auto" => None,
        name => match name.parse::<NoteKind>() {
            Ok(kind) => Some(kind),
            Err(err) => return run_error(&err),
        },
    };
    let today = match Moment::parse(today) {
        Ok(today) => today,
        Err(err) => return run_error(&format!("today: {err}")),
    };
    let linter = match linter() {
        Ok(linter) => linter.clone().with_today(today),
        Err(err) => return run_error(&err),
    };
    let source =
        SourceFile::from_bytes(DRAFT_NAME, text.to_vec()).and_then(followup::draft::mail::decode);
    let file = match (kind, source.and_then(|s| linter.parse(s))) {
        (Some(kind), Ok(mut doc)) => {
            doc.kind = kind;
            doc.kind_source = KindSource::FrontMatter;
            doc.inference = None;
            linter.lint_parsed(doc)
        }
        (None, Ok(doc)) => linter.lint_parsed(doc),
        (_, Err(err)) => linter.lint_one(Err(err)),
    };
    followup::report::json_document(std::slice::from_ref(&file)).to_string()
}

thread_local! {
    /// The last report, kept alive for the page to read.
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reserves `len` bytes for the page to write an input into.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len.max(1));
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Frees what [`alloc`] reserved.
///
/// # Safety
/// `ptr` and `len` must come from one call to [`alloc`], freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: `alloc` made this buffer with capacity `len.max(1)`.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// Reads `len` bytes at `ptr` (nothing when `len` is 0).
///
/// # Safety
/// `ptr` must point at `len` initialised bytes.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the caller's contract.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Lints the draft at `text` with [`lint_json`]; `kind` and `today` are
/// UTF-8 strings too (`kind` may be empty). Returns a pointer to the JSON
/// report, [`output_len`] bytes long, valid until the next call.
///
/// # Safety
/// Each pointer must point at its length of initialised bytes (written
/// into buffers from [`alloc`]).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lint(
    text: *const u8,
    text_len: usize,
    kind: *const u8,
    kind_len: usize,
    today: *const u8,
    today_len: usize,
) -> *const u8 {
    // SAFETY: the caller's contract, passed on.
    let (text, kind, today) = unsafe {
        (
            bytes(text, text_len),
            bytes(kind, kind_len),
            bytes(today, today_len),
        )
    };
    let report = lint_json(
        text,
        &String::from_utf8_lossy(kind),
        &String::from_utf8_lossy(today),
    );
    OUTPUT.with(|out| {
        let mut out = out.borrow_mut();
        *out = report.into_bytes();
        out.as_ptr()
    })
}

/// Installs the spelling dictionary: the bytes `followup-dictionary.js`
/// carries, decoded. From then on `misspelling` is checked as `followup
/// lint` checks it. Returns 1 when installed (or already there), 0 when
/// the bytes are not a dictionary.
///
/// # Safety
/// `ptr` must point at `len` initialised bytes (a buffer from [`alloc`]).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn load_dictionary(ptr: *const u8, len: usize) -> u32 {
    // SAFETY: the caller's contract, passed on.
    let file = unsafe { bytes(ptr, len) }.to_vec();
    u32::from(followup::text::dictionary::install(file).is_ok())
}

/// The length in bytes of the report [`lint`] returned last.
#[unsafe(no_mangle)]
pub extern "C" fn output_len() -> usize {
    OUTPUT.with(|out| out.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str, kind: &str) -> serde_json::Value {
        serde_json::from_str(&lint_json(text.as_bytes(), kind, "2026-11-21T12:00"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_draft_gets_the_cli_report() {
        let v = report("Hey Rachel!!\n\nThanks so much.\n", "");
        let file = &v["files"][0];
        assert_eq!(file["path"], DRAFT_NAME);
        assert_eq!(file["kind_source"], "inferred");
        let rules: Vec<&str> = file["diagnostics"]
            .as_array()
            .map(|a| a.iter().filter_map(|d| d["rule"].as_str()).collect())
            .unwrap_or_default();
        assert!(rules.contains(&"casual-greeting"), "{rules:?}");
    }

    #[test]
    fn a_chosen_kind_is_used() {
        let v = report(
            "Dear Ms. Lee,\n\nThank you.\n\nBest regards,\nAl Ng\n",
            "withdrawal",
        );
        assert_eq!(v["files"][0]["kind"], "withdrawal");
        assert_eq!(v["files"][0]["kind_source"], "front-matter");
    }

    #[test]
    fn spelling_is_checked_once_a_dictionary_is_installed() {
        let draft =
            "Dear Ms. Lee,\n\nThank you for the intervew on Monday.\n\nBest regards,\nAl Ng\n";
        let flagged = |v: serde_json::Value| {
            v["files"][0]["diagnostics"]
                .as_array()
                .is_some_and(|a| a.iter().any(|d| d["rule"] == "misspelling"))
        };
        assert!(!flagged(report(draft, "")), "no dictionary yet");
        assert!(followup::text::dictionary::install(b"not an fst".to_vec()).is_err());
        let file = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/dictionary/en.fst"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let ex = unsafe { load_dictionary(file.as_ptr(), file.len()) };
        assert_eq!(ex, 1);
        assert!(flagged(report(draft, "")), "the dictionary is used");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(
            report("x", "memo")["error"]
                .as_str()
                .is_some_and(|e| e.contains("memo"))
        );
        let v: serde_json::Value =
            serde_json::from_str(&lint_json(b"x", "", "soon")).unwrap_or_default();
        assert!(v["error"].as_str().is_some_and(|e| e.contains("soon")));
        let empty = report("  \n", "");
        assert!(empty["files"][0]["error"]["message"].is_string());
        let binary = lint_json(b"a\0b", "", "2026-11-21");
        assert!(binary.contains("binary"));
    }
}
