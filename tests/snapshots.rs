//! What a person sees: the human output for a handful of fixture drafts,
//! kept as reviewed snapshots (`cargo insta review` after a change).

use assert_cmd::Command;

fn human(args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "lint",
            "--no-config",
            "--color",
            "never",
            "--today",
            "2026-11-21T12:00",
        ])
        .args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    String::from_utf8_lossy(&cmd.output().unwrap_or_else(|e| panic!("{e}")).stdout).into_owned()
}

#[test]
fn draft_with_many_problems() {
    insta::assert_snapshot!(human(&["tests/fixtures/drafts/problems.md"], None));
}

#[test]
fn warnings_only() {
    insta::assert_snapshot!(human(&["tests/fixtures/drafts/warning-only.md"], None));
}

#[test]
fn mail_draft_from_stdin() {
    let mail = "To: Dr. Rachel Vilsack <rv@example.com>\nSubject: Thanks for today!!\n\nDear Dr. Vilsak,\n\nThank you for the lab tour you gave me. I am very interested in the role and happy to provide references.\n\nBest regards,\nAl Ng\n";
    insta::assert_snapshot!(human(&["--stdin-filename", "draft.eml", "-"], Some(mail)));
}

#[test]
fn late_check_in_and_missing_pieces() {
    let note = "---\nkind: check-in\ninterviewed: 2026-11-18T16:00\n---\n\nI still haven't heard back about the analyst role. I need to know by Friday.\n";
    insta::assert_snapshot!(human(&["--stdin-filename", "check-in.md", "-"], Some(note)));
}
