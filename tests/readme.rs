//! The README's quick-start output is what the command really prints.

use assert_cmd::Command;

#[test]
fn the_quick_start_output_is_true() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let after = readme
        .split_once("The first command prints")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("the README lost its quick start"));
    let shown = after
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .map(|(block, _)| block)
        .unwrap_or_else(|| panic!("no text block after the quick start"));
    let out = Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--color", "never", "examples/thank-you-draft.md"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(printed, shown, "update the README's quick-start output");
}
