//! User rules that look at one part of a note (`scope:`), and message
//! variables checked when a rule file loads, through the real command.

use assert_cmd::Command;

fn followup() -> Command {
    Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"))
}

/// A rule folder holding one rule file.
fn rule_dir(id: &str, yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join(format!("{id}.yaml")), yaml).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const SUBJECT_LENGTH: &str = r#"id: long-subject
level: warning
applies-to: all
summary: The subject line is too long to read in an inbox.
message: the subject has {count} characters; keep it to {limit}
help: Say what the note is about in a few words.
rationale: Inboxes cut long subjects short.
check:
  type: length
  scope: subject
  characters: 30
examples:
  bad:
    - "Subject: Thank you for the interview about the data analyst role on Tuesday\n\nDear Ms. Lee,\n\nThank you.\n\nBest regards,\nAl Ng\n"
  good:
    - "Subject: Thank you, Ms. Lee\n\nDear Ms. Lee,\n\nThank you.\n\nBest regards,\nAl Ng\n"
"#;

fn lint(rules: &std::path::Path, draft: &str) -> assert_cmd::assert::Assert {
    followup()
        .args(["lint", "--no-config", "--format", "line", "--rules"])
        .arg(rules)
        .args(["--stdin-filename", "note.md", "-"])
        .write_stdin(draft)
        .assert()
}

#[test]
fn a_length_rule_on_the_subject_line_is_yaml_only() {
    let dir = rule_dir("long-subject", SUBJECT_LENGTH);
    let long = "Subject: Thank you for the interview about the data analyst role on Tuesday\n\nDear Ms. Lee,\n\nThank you for the interview and the tour of the lab you mentioned. I would be glad to send the report I described.\n\nBest regards,\nAl Ng\n";
    let out = lint(dir.path(), long).code(0).get_output().stdout.clone();
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains(
            "note.md:1:40: warning[long-subject] the subject has 66 characters; keep it to 30"
        ),
        "{out}"
    );
    let short = long.replace(
        "Thank you for the interview about the data analyst role on Tuesday",
        "Thank you, Ms. Lee",
    );
    let out = lint(dir.path(), &short).get_output().stdout.clone();
    assert!(!String::from_utf8_lossy(&out).contains("long-subject"));
}

#[test]
fn a_phrase_rule_on_the_greeting_ignores_the_body() {
    let yaml = r#"id: greeting-exclaims
level: suggestion
applies-to: all
summary: The greeting ends with an exclamation mark.
message: "`{match}` in the greeting reads as excited"
help: End the greeting with a comma.
rationale: A calm greeting.
check:
  type: phrases
  scope: greeting
  patterns: ['/!/']
examples:
  bad: ["Dear Ms. Lee!\n\nThank you.\n\nBest regards,\nAl Ng\n"]
  good: ["Dear Ms. Lee,\n\nThank you!\n\nBest regards,\nAl Ng\n"]
"#;
    let dir = rule_dir("greeting-exclaims", yaml);
    let bang_in_body = "Dear Ms. Lee,\n\nThank you for the tour of the lab you mentioned! I would be glad to send the report I described.\n\nBest regards,\nAl Ng\n";
    let out = lint(dir.path(), bang_in_body).get_output().stdout.clone();
    assert!(!String::from_utf8_lossy(&out).contains("greeting-exclaims"));
    let bang_in_greeting = bang_in_body.replace("Dear Ms. Lee,", "Dear Ms. Lee!");
    let out = lint(dir.path(), &bang_in_greeting)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8_lossy(&out).contains("note.md:1:13: suggestion[greeting-exclaims]"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}

#[test]
fn an_unknown_message_variable_is_a_load_error_at_its_line() {
    let yaml = SUBJECT_LENGTH.replace("keep it to {limit}", "keep it to {limt}");
    let dir = rule_dir("long-subject", &yaml);
    let assert = followup()
        .args(["lint", "--no-config", "--rules"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("Dear Ms. Lee,\n\nThanks.\n")
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("long-subject.yaml:5:57"), "{err}");
    assert!(
        err.contains("`{limt}` is not a variable of the `length` check"),
        "{err}"
    );
    assert!(err.contains("`{limit}`"), "{err}");
}

#[test]
fn a_guessed_fix_waits_for_unsafe_fixes() {
    let draft = "---\nto: Dr. Rachel Vilsack\n---\n\nDear Dr. Vilsak,\n\nThank you for the tour of the lab you mentioned. I would be glad to send the report I described.\n\nBest regards,\nSam Ortiz\n";
    let safe = followup()
        .args(["lint", "--no-config", "--fix", "-"])
        .write_stdin(draft)
        .assert()
        .code(1);
    let out = safe.get_output();
    assert_eq!(String::from_utf8_lossy(&out.stdout), draft);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 guessed fix not applied"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let unsafe_fixes = followup()
        .args(["lint", "--no-config", "--fix", "--unsafe-fixes", "-"])
        .write_stdin(draft)
        .assert()
        .code(0);
    assert!(
        String::from_utf8_lossy(&unsafe_fixes.get_output().stdout).contains("Dear Dr. Vilsack,")
    );
    let json = followup()
        .args(["lint", "--no-config", "--format", "json", "-"])
        .write_stdin(draft)
        .assert()
        .code(1);
    let value: serde_json::Value =
        serde_json::from_slice(&json.get_output().stdout).unwrap_or_else(|e| panic!("{e}"));
    let diagnostics = value["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mismatch = diagnostics
        .iter()
        .find(|d| d["rule"] == "name-mismatch")
        .unwrap_or_else(|| panic!("no name-mismatch in {value}"));
    assert_eq!(mismatch["fix"]["applicability"], "guess", "{value}");
}
