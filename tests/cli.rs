//! The `followup` command as users and tools run it: exit codes, output
//! formats, standard input, fixes, configuration and every kind of bad input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-21T12:00";

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/drafts/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn followup() -> Command {
    let mut cmd = Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn lint() -> Command {
    let mut cmd = Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("NO_COLOR")
        .args(["lint", "--no-config", "--color", "never", "--today", TODAY]);
    cmd
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(output)))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

const CLEAN: &str = "Dear Ms. Kaur,\n\nThank you for the interview. I enjoyed hearing about the archive project you mentioned, and I am very interested in the role. I am happy to provide references.\n\nBest regards,\nAna Lima\n";

#[test]
fn clean_draft_exits_zero_with_summary() {
    let out = lint()
        .arg(fixture("clean.md"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.trim_end()
            .ends_with("1 file linted: no errors, no warnings, no suggestions"),
        "{text}"
    );
}

#[test]
fn errors_exit_one_and_warnings_only_with_deny() {
    lint().arg(fixture("problems.md")).assert().code(1);
    lint().arg(fixture("warning-only.md")).assert().code(0);
    lint()
        .args(["--deny", "warning"])
        .arg(fixture("warning-only.md"))
        .assert()
        .code(1);
    lint()
        .args(["--deny", "loud"])
        .arg(fixture("warning-only.md"))
        .assert()
        .code(2);
}

#[test]
fn json_output_follows_the_contract() {
    let out = lint()
        .args(["--format", "json"])
        .arg(fixture("problems.md"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    assert_eq!(doc["version"], 1);
    let file = &doc["files"][0];
    assert_eq!(file["kind"], "thank-you");
    assert_eq!(file["kind_source"], "front-matter");
    let text = std::fs::read_to_string(fixture("problems.md")).unwrap_or_default();
    let diags = file["diagnostics"].as_array().cloned().unwrap_or_default();
    let rules: Vec<&str> = diags.iter().filter_map(|d| d["rule"].as_str()).collect();
    for expected in [
        "casual-greeting",
        "first-name-salutation",
        "informal-language",
        "leftover-placeholder",
        "trivial-mishap-apology",
    ] {
        assert!(
            rules.contains(&expected),
            "{expected} missing from {rules:?}"
        );
    }
    for d in &diags {
        for key in [
            "rule",
            "level",
            "message",
            "help",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
            "url",
        ] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
    let placeholder = diags
        .iter()
        .find(|d| d["rule"] == "leftover-placeholder")
        .cloned()
        .unwrap_or_default();
    let (start, end) = (
        placeholder["byte_start"].as_u64().unwrap_or(0) as usize,
        placeholder["byte_end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[start..end], "[Company Name]");
    assert_eq!(placeholder["line"], 15);
    assert_eq!(placeholder["column"], 55);
    assert_eq!(placeholder["end_column"], 69);
    assert_eq!(placeholder["level"], "error");
    assert!(
        placeholder["url"]
            .as_str()
            .unwrap_or("")
            .ends_with("/rules/leftover-placeholder.html")
    );
}

#[test]
fn line_format_for_editors() {
    let out = lint()
        .args(["--format", "line"])
        .arg(fixture("problems.md"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let expected = format!(
        "{}:15:55: error[leftover-placeholder] `[Company Name]` looks like template text left in the note",
        fixture("problems.md")
    );
    assert!(text.lines().any(|l| l == expected), "{text}");
}

#[test]
fn stdin_with_a_name_and_inferred_kind() {
    let out = lint()
        .args(["--format", "json", "--stdin-filename", "note.md", "-"])
        .write_stdin("Dear Mr. Lee,\n\nThank you for letting me know the role has been filled. Could you tell me why I was not selected?\n\nRegards,\nKim Park\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    assert_eq!(doc["files"][0]["path"], "note.md");
    assert_eq!(doc["files"][0]["kind"], "rejection-reply");
    assert_eq!(doc["files"][0]["kind_source"], "inferred");
    assert_eq!(
        doc["files"][0]["diagnostics"][0]["rule"],
        "contesting-decision"
    );
}

#[test]
fn crlf_spans_map_to_exact_bytes() {
    let dir = tempdir();
    let text = "---\r\nkind: thank-you\r\n---\r\nDear Ms. Kaur,\r\n\r\nThank you, I am very interested and happy to provide references about the archive you mentioned. TODO\r\n\r\nBest regards,\r\nAna Lima\r\n";
    let path = write(dir.path(), "crlf.md", text.as_bytes());
    let out = lint()
        .args(["--format", "json"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "leftover-placeholder");
    let (s, e) = (
        d["byte_start"].as_u64().unwrap_or(0) as usize,
        d["byte_end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[s..e], "TODO");
    assert_eq!(d["line"], 6);
}

#[test]
fn colour_follows_flags_and_no_color() {
    let coloured = Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["lint", "--no-config", "--color", "always", "--today", TODAY])
        .arg(fixture("problems.md"))
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(coloured.contains(&0x1b), "expected ANSI colour");
    let plain = Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .env("NO_COLOR", "1")
        .args(["lint", "--no-config", "--today", TODAY])
        .arg(fixture("problems.md"))
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(!plain.contains(&0x1b));
}

#[test]
fn folders_are_walked_in_order_and_duplicates_found() {
    let dir = tempdir();
    write(dir.path(), "a.md", CLEAN.as_bytes());
    write(
        dir.path(),
        "b.md",
        CLEAN.replace("Ms. Kaur", "Mr. Osei").as_bytes(),
    );
    write(dir.path(), "notes.pdf", b"ignored");
    let out = lint()
        .args(["--format", "json"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    let files = doc["files"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 2);
    assert!(
        files[0]["diagnostics"]
            .as_array()
            .is_some_and(|d| d.is_empty())
    );
    let dup = &files[1]["diagnostics"][0];
    assert_eq!(dup["rule"], "duplicate-message");
    assert!(
        dup["message"].as_str().unwrap_or("").contains("a.md"),
        "{dup}"
    );
}

#[test]
fn fix_rewrites_in_place_and_keeps_line_endings() {
    let dir = tempdir();
    let text = "---\r\nto: Dr. Rachel Vilsack\r\n---\r\nHey Rachel,\r\n\r\nThank you for the tour of the lab. I am very interested and happy to provide references!!\r\n\r\nBest regards,\r\nAl Ng\r\n";
    let path = write(dir.path(), "fixme.md", text.as_bytes());
    lint()
        .arg("--diff")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("+Dear Dr. Vilsack,"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "--diff must not write"
    );
    lint().arg("--fix").arg(&path).assert().code(0);
    let fixed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        fixed,
        text.replace("Hey Rachel,", "Dear Dr. Vilsack,")
            .replace("references!!", "references!")
    );
    let out = lint()
        .args(["--format", "json"])
        .arg(&path)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rules: Vec<String> = json_of(&out)["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|d| d["rule"].as_str().map(String::from))
        .collect();
    assert!(rules.is_empty(), "{rules:?}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .map(|r| r.filter_map(Result::ok).collect())
        .unwrap_or_default();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[test]
fn config_levels_settings_and_inline_disable() {
    let dir = tempdir();
    write(dir.path(), "followup.toml", b"[rules]\ninformal-language = \"error\"\nmissing-offer = \"off\"\n\n[settings.too-long]\nthank-you = 10\n");
    let path = write(
        dir.path(),
        "note.md",
        CLEAN.replace("references.", "references!!").as_bytes(),
    );
    let out = Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "--today", TODAY, "note.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diags = json_of(&out)["files"][0]["diagnostics"].clone();
    let levels: Vec<(String, String)> = diags
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["level"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        levels.contains(&("informal-language".into(), "error".into())),
        "{levels:?}"
    );
    assert!(levels.iter().any(|(r, _)| r == "too-long"), "{levels:?}");
    let disabled = format!(
        "<!-- followup-disable too-long informal-language -->\n{}",
        CLEAN.replace("references.", "references!!")
    );
    std::fs::write(&path, disabled).unwrap_or_else(|e| panic!("{e}"));
    Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir.path())
        .args(["lint", "--today", TODAY, "note.md"])
        .assert()
        .code(0);
}

fn assert_fails(cmd: &mut Command, needles: &[&str]) {
    let out = cmd.assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "stderr should mention {needle:?}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_inputs_fail_clearly_with_exit_two() {
    let dir = tempdir();
    let d = dir.path();
    assert_fails(
        lint().arg(d.join("missing.md")),
        &["missing.md", "no such file"],
    );
    std::fs::create_dir(d.join("empty-folder")).unwrap_or_else(|e| panic!("{e}"));
    assert_fails(
        lint().arg(d.join("empty-folder")),
        &["empty-folder", "no drafts"],
    );
    assert_fails(
        lint().arg(write(d, "latin1.md", b"Dear Ms. M\xfcller,\n")),
        &["latin1.md", "UTF-8", "line 1"],
    );
    assert_fails(
        lint().arg(write(d, "image.md", b"\x89PNG\r\n\x1a\n\0\0\0")),
        &["image.md", "binary"],
    );
    assert_fails(
        lint().arg(write(d, "empty.md", b"\n  \n")),
        &["empty.md", "empty"],
    );
    assert_fails(
        lint().arg(write(
            d,
            "open.md",
            b"---\nkind: thank-you\nDear Ms. Lee,\n",
        )),
        &["open.md", "not closed"],
    );
    assert_fails(
        lint().arg(write(
            d,
            "yaml.md",
            b"---\nkind: [thank-you\n---\nDear Ms. Lee,\n",
        )),
        &["yaml.md", "not valid YAML"],
    );
    assert_fails(
        lint().arg(write(
            d,
            "key.md",
            b"---\ninterveiwed: 2026-11-20\n---\nDear Ms. Lee,\n",
        )),
        &["key.md:2:1", "interveiwed", "did you mean `interviewed`"],
    );
    assert_fails(
        lint().arg(write(
            d,
            "date.md",
            b"---\ninterviewed: 2026-11-31\n---\nDear Ms. Lee,\n",
        )),
        &["date.md:2:14", "not a date"],
    );
    let big = vec![b'a'; 10 * 1024 * 1024];
    let started = std::time::Instant::now();
    assert_fails(
        lint().arg(write(d, "huge.md", &big)),
        &["huge.md", "too large", "limit"],
    );
    assert!(started.elapsed().as_secs() < 5);
    assert_fails(
        followup()
            .args(["lint", "--config"])
            .arg(write(d, "bad.toml", b"[rules]\nfirst-name = \"off\"\n"))
            .arg(fixture("clean.md")),
        &[
            "bad.toml:2:1",
            "`first-name` is not a rule",
            "first-name-salutation",
        ],
    );
    assert_fails(
        followup()
            .args(["lint", "--config"])
            .arg(write(d, "typo.toml", b"[rulez]\n"))
            .arg(fixture("clean.md")),
        &["typo.toml:1:2", "invalid config file"],
    );
}

#[test]
fn bad_rule_files_point_at_the_line() {
    let dir = tempdir();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap_or_else(|e| panic!("{e}"));
    write(&rules, "no-umm.yaml", b"id: no-umm\nlevel: warning\napplies-to: all\nsummary: s\nmessage: m\nhelp: h\nrationale: r\ncheck:\n  type: phrases\n  patterns: ['/(umm/']\n");
    assert_fails(
        followup()
            .args(["lint", "--rules"])
            .arg(&rules)
            .arg(fixture("clean.md")),
        &["no-umm.yaml:10:", "bad pattern"],
    );
    write(&rules, "no-umm.yaml", b"id: no-umm\nlevel: warning\napplies-to: all\nsummary: s\nmessage: m\nhelp: h\nrationale: r\ncheck:\n  type: phrases\n  patterns: ['(umm|uh']\n");
    assert_fails(
        followup()
            .args(["lint", "--rules"])
            .arg(&rules)
            .arg(fixture("clean.md")),
        &["no-umm.yaml:10:", "unclosed `(`"],
    );
    write(&rules, "no-umm.yaml", b"id: no-umm\nlevel: warning\napplies-to: all\nsummary: s\nmessage: m\nhelp: h\nrationale: r\ncolour: red\ncheck:\n  type: phrases\n  patterns: [umm]\n");
    assert_fails(
        followup()
            .args(["lint", "--rules"])
            .arg(&rules)
            .arg(fixture("clean.md")),
        &["no-umm.yaml:8:", "unknown field `colour`"],
    );
    write(&rules, "no-umm.yaml", b"id: no-umm\nlevel: warning\napplies-to: all\nsummary: s\nmessage: \"`{match}` is filler\"\nhelp: h\nrationale: r\ncheck:\n  type: phrases\n  patterns: ['(umm|uh)']\n");
    let out = followup()
        .args(["lint", "--format", "json", "--rules"])
        .arg(&rules)
        .arg("-")
        .write_stdin(CLEAN.replace("Thank you", "Umm, thank you"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        json_of(&out)["files"][0]["diagnostics"][0]["message"],
        "`Umm` is filler"
    );
}

#[test]
fn one_bad_file_among_good_ones_is_reported_and_the_rest_linted() {
    let dir = tempdir();
    let good = write(dir.path(), "good.md", CLEAN.as_bytes());
    let out = lint()
        .args(["--format", "json"])
        .arg(&good)
        .arg(dir.path().join("gone.md"))
        .arg(fixture("problems.md"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let doc = json_of(&out.stdout);
    let files = doc["files"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 3);
    assert!(
        files[1]["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("no such file")
    );
    assert!(
        !files[2]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .is_empty()
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone.md"));
}

#[test]
fn rules_and_explain() {
    let out = followup()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert_eq!(
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with("RULE"))
            .count(),
        24
    );
    let out = followup()
        .args(["explain", "name-mismatch"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("error[name-mismatch]") && text.contains("Does not fire on"),
        "{text}"
    );
    assert_fails(
        followup().args(["explain", "name-mismatc"]),
        &["no such rule", "name-mismatch"],
    );
}

#[test]
fn help_teaches() {
    let out = followup()
        .args(["lint", "--help"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    for flag in [
        "--format",
        "--deny",
        "--today",
        "--stdin-filename",
        "--fix",
        "--diff",
        "--config",
    ] {
        assert!(text.contains(flag), "{flag} missing from help");
    }
}

#[test]
fn mime_messages_are_linted_decoded_without_their_attachments() {
    let out = lint()
        .args(["--format", "json", &fixture("multipart-thank-you.eml")])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    let file = &doc["files"][0];
    assert_eq!(file["decoded"], "mime");
    assert_eq!(file["kind"], "thank-you");
    // The quoted-printable text part is read whole; the base64 attachment
    // (TODO, a placeholder, text-speak, ASAP) is not prose.
    assert_eq!(file["diagnostics"], serde_json::json!([]), "{file}");
}

#[test]
fn mime_messages_are_not_rewritten_by_fix() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let original =
        std::fs::read(fixture("multipart-thank-you.eml")).unwrap_or_else(|e| panic!("{e}"));
    let path = write(dir.path(), "m.eml", &original);
    lint()
        .arg("--fix")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("MIME message"));
    assert_eq!(std::fs::read(&path).unwrap_or_default(), original);
}

#[test]
fn html_only_mime_message_is_a_clear_error() {
    lint()
        .arg(fixture("multipart-html-only.eml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no plain-text part"));
}

#[test]
fn settings_out_of_range_are_config_errors_not_panics() {
    let dir = tempdir();
    write(
        dir.path(),
        "followup.toml",
        b"[settings.early-check-in]\ndays = 7304485\n",
    );
    let draft = "---\nkind: check-in\ninterviewed: 2026-11-01\n---\n\nDear Ms. Lee,\n\nIs there any update on the search? I am still very interested and happy to send references.\n\nBest regards,\nAl Ng\n";
    write(dir.path(), "note.md", draft.as_bytes());
    Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir.path())
        .args(["lint", "--today", TODAY, "note.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("followup.toml"))
        .stderr(predicates::str::contains("at most 3650 days"));
    // The largest accepted value lints without overflow.
    write(
        dir.path(),
        "followup.toml",
        b"[settings.early-check-in]\ndays = 3650\n",
    );
    Command::cargo_bin("followup")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir.path())
        .args(["lint", "--format", "line", "--today", TODAY, "note.md"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("early-check-in"));
}

#[test]
#[allow(clippy::print_stderr)] // says why the test did nothing
fn a_fifo_is_refused_without_blocking_and_the_rest_are_linted() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let good = write(dir.path(), "good.md", CLEAN.as_bytes());
    lint()
        .arg(&fifo)
        .arg(&good)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a regular file"))
        .stdout(predicates::str::contains(
            "1 file linted: no errors, no warnings, no suggestions; 1 file could not be read",
        ));
}

#[test]
fn a_regex_too_big_to_compile_is_a_load_error() {
    let dir = tempdir();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap_or_else(|e| panic!("{e}"));
    write(&rules, "no-umm.yaml", b"id: no-umm\nlevel: warning\napplies-to: all\nsummary: s\nmessage: m\nhelp: h\nrationale: r\ncheck:\n  type: phrases\n  patterns:\n    - umm\n    - '/\\w{1000}{1000}/'\n");
    assert_fails(
        followup()
            .args(["lint", "--no-config", "--rules"])
            .arg(&rules)
            .arg(fixture("clean.md")),
        &["no-umm.yaml:12:", "too big to compile"],
    );
}

#[test]
fn one_rule_reports_a_bounded_number_of_diagnostics_per_draft() {
    let dir = tempdir();
    let line = "[x]( ".repeat(25_000);
    let path = write(
        dir.path(),
        "many.md",
        format!("Dear Ms. Kaur,\n\nThank you. {line}\n\nBest regards,\nAna Lima\n").as_bytes(),
    );
    let run = |format: &str| -> String {
        let out = lint()
            .args(["--format", format])
            .arg(&path)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        String::from_utf8_lossy(&out).into_owned()
    };
    let lines = run("line");
    let shown = lines.matches("error[leftover-placeholder]").count();
    assert_eq!(shown, 200, "capped at 200");
    assert!(
        lines.contains("note[leftover-placeholder] 24800 more diagnostics of this rule not shown"),
        "{}",
        lines.lines().last().unwrap_or_default()
    );
    let json = json_of(run("json").as_bytes());
    let file = &json["files"][0];
    let placeholders = file["diagnostics"].as_array().map_or(0, |a| {
        a.iter()
            .filter(|d| d["rule"] == "leftover-placeholder")
            .count()
    });
    assert_eq!(placeholders, 200);
    assert_eq!(file["omitted"][0]["rule"], "leftover-placeholder");
    assert_eq!(file["omitted"][0]["count"], 24_800);
    let last = file["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().rfind(|d| d["rule"] == "leftover-placeholder"))
        .map(|d| d["column"].clone());
    assert_eq!(
        last,
        Some(Value::from(12 + 5 * 199)),
        "the first 200 are kept"
    );
    let human = run("human");
    assert!(human.contains("note[leftover-placeholder]: "), "human note");
    assert!(
        human.contains("25000 errors"),
        "the summary counts them all"
    );
    assert!(
        human.len() < 64 << 20,
        "bounded output: {} bytes",
        human.len()
    );
}

#[cfg(unix)]
#[test]
fn terminal_escapes_in_a_draft_are_shown_escaped() {
    let dir = tempdir();
    let name = "evil\u{1b}]0;owned\u{7}.md";
    let path = write(
        dir.path(),
        name,
        "Hey Ana,\n\nThank you \u{1b}[2J for the interview!!\n\nBest,\nAna Lima\n".as_bytes(),
    );
    let out = lint()
        .arg("-v")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "raw escape in:\n{stdout}");
    assert!(!stdout.contains('\u{7}'), "raw bell in:\n{stdout}");
    assert!(stdout.contains("\\u{1b}[2J"), "shown escaped:\n{stdout}");
    assert!(
        stdout.contains("evil\\u{1b}]0;owned\\u{7}.md"),
        "file name escaped:\n{stdout}"
    );
    // The column in the header is counted in the draft, as in the line format.
    assert!(
        stdout.contains(".md:3:33\n"),
        "column of `!!` in the draft:\n{stdout}"
    );
}

#[test]
fn a_missing_file_is_not_counted_as_linted() {
    let out = lint().arg("nope.md").assert().code(2).get_output().clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.trim_end().ends_with(
            "0 files linted: no errors, no warnings, no suggestions; 1 file could not be read"
        ),
        "{stdout}"
    );
}

#[test]
fn fix_from_stdin_prints_what_remains_on_stderr() {
    let draft = CLEAN.replace(
        "Thank you for the interview.",
        "Thank you for the interview!! I met [Company Name].",
    );
    let out = lint()
        .args(["--fix", "-"])
        .write_stdin(draft)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("interview! I met [Company Name]."),
        "fixed draft on stdout: {stdout}"
    );
    assert!(!stdout.contains("leftover-placeholder"), "{stdout}");
    assert!(
        stderr.contains("error[leftover-placeholder]"),
        "what remains on stderr: {stderr}"
    );
    assert!(stderr.contains("1 file linted: 1 error"), "{stderr}");
}

#[test]
fn suggestions_are_called_suggestion_in_every_format() {
    let draft = fixture("problems.md");
    let human = lint()
        .arg(&draft)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let human = String::from_utf8_lossy(&human.stdout);
    let line = lint()
        .args(["--format", "line"])
        .arg(&draft)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let line = String::from_utf8_lossy(&line.stdout);
    assert!(line.contains(": suggestion[missing-offer]"), "{line}");
    assert!(human.contains("\nsuggestion[missing-offer]: "), "{human}");
    assert!(!human.contains("help["), "{human}");
}

/// Whether `program` can be run here.
fn have(program: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
#[allow(clippy::print_stderr)] // says why a part was skipped
fn completions_and_man_page_come_from_the_clap_definition() {
    let bin = assert_cmd::cargo::cargo_bin("followup");
    if have("bash") {
        let script = format!(
            "source <('{}' --generate complete-bash) && complete -p followup && \
             COMP_WORDS=(followup li) COMP_CWORD=1 COMP_LINE='followup li' COMP_POINT=11 && \
             _followup followup li followup && echo \"${{COMPREPLY[@]}}\"",
            bin.display()
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("-F _followup followup"), "{stdout}");
        assert!(
            stdout.trim_end().ends_with("lint"),
            "completes `li` to `lint`: {stdout}"
        );
    } else {
        eprintln!("skipped the bash part: bash is not installed");
    }
    for (kind, needle) in [
        ("complete-zsh", "#compdef followup"),
        ("complete-fish", "complete -c followup"),
    ] {
        let out = followup()
            .args(["--generate", kind])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        assert!(String::from_utf8_lossy(&out).contains(needle), "{kind}");
    }
    let page = followup()
        .args(["--generate", "man"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&page).contains(".TH followup 1"));
    if have("man") {
        let dir = tempdir();
        let file = write(dir.path(), "followup.1", &page);
        let out = std::process::Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("NAME") && text.contains("lint"), "{text}");
    } else {
        eprintln!("skipped rendering the man page: man is not installed");
    }
}

#[test]
fn broken_mime_bodies_are_clear_errors_and_unknown_charsets_read_as_utf8() {
    lint()
        .arg(fixture("bad-base64.eml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not decode as base64"));
    // An unknown charset is read as UTF-8 (documented): the note lints.
    lint()
        .args(["--format", "line", &fixture("unknown-charset.eml")])
        .assert()
        .code(0)
        .stdout("");
}

/// A draft `--fix` changes (`!!` becomes `!`).
const FIXABLE: &str = "---\nkind: thank-you\n---\n\nDear Ms. Lee,\n\nThank you for the tour of the lab you mentioned!! I am very interested and happy to send references.\n\nBest regards,\nAl Ng\n";

#[cfg(unix)]
#[test]
fn fix_keeps_links_modes_and_owners_and_leaves_read_only_files_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempdir();
    // A symlink: the target is fixed, the link stays a link.
    let target = write(dir.path(), "target.md", FIXABLE.as_bytes());
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap_or_else(|e| panic!("{e}"));
    lint().arg("--fix").arg(&link).assert().code(0);
    assert!(
        std::fs::symlink_metadata(&link)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false)
    );
    let fixed = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(fixed.contains("mentioned! I am"), "{fixed}");
    // The mode (and, where the test may change it, the owner) is kept.
    let moded = write(dir.path(), "moded.md", FIXABLE.as_bytes());
    std::fs::set_permissions(&moded, std::fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|e| panic!("{e}"));
    let owned = std::os::unix::fs::chown(&moded, Some(4321), Some(4321)).is_ok();
    lint().arg("--fix").arg(&moded).assert().code(0);
    let meta = std::fs::metadata(&moded).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta.mode() & 0o777, 0o640);
    if owned {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    }
    // A file with another hard link is refused, both names unchanged.
    let linked = write(dir.path(), "linked.md", FIXABLE.as_bytes());
    std::fs::hard_link(&linked, dir.path().join("other-name.md")).unwrap_or_else(|e| panic!("{e}"));
    lint()
        .arg("--fix")
        .arg(&linked)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("hard links"));
    assert_eq!(
        std::fs::read_to_string(&linked).unwrap_or_default(),
        FIXABLE
    );
    // A read-only file is left alone.
    let read_only = write(dir.path(), "read-only.md", FIXABLE.as_bytes());
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444))
        .unwrap_or_else(|e| panic!("{e}"));
    lint()
        .arg("--fix")
        .arg(&read_only)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("read-only"));
    assert_eq!(
        std::fs::read_to_string(&read_only).unwrap_or_default(),
        FIXABLE
    );
}

#[test]
fn bad_spelling_word_lists_exit_two_naming_file_and_line() {
    for (toml, line) in [
        ("[spelling]\nwords = \"Vilsack\"\n", "followup.toml:2"),
        (
            "[spelling]\nwords = [\n  \"Vilsack\",\n  7,\n]\n",
            "followup.toml:4",
        ),
        ("[spelling]\nwords = [\"\"]\n", "followup.toml:2"),
        (
            "[spelling]\nwords = [\n\"ok\",\n\"two words\"]\n",
            "followup.toml:4",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("followup.toml"), toml).unwrap();
        std::fs::write(
            dir.path().join("a.md"),
            "Dear Ms. Lund,\n\nThanks.\n\nBest,\nPia Holm\n",
        )
        .unwrap();
        let out = followup()
            .current_dir(dir.path())
            .args(["lint", "a.md"])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(line), "{toml}: {err}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("followup.toml"),
        "[spelling]\nwords = [\"Zembla\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "Dear Ms. Lund,\n\nThank you for the Zembla tour.\n\nBest,\nPia Holm\n",
    )
    .unwrap();
    let out = followup()
        .current_dir(dir.path())
        .args(["lint", "--format", "line", "a.md"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("misspelling"));
}

#[test]
fn spelling_guesses_are_shown_and_applied_only_when_asked() {
    let dir = tempdir();
    let text = "---\nkind: thank-you\n---\n\nDear Ms. Lund,\n\nThank you for the tour of the dashbord you mentioned. I am very interested and happy to send references.\n\nBest regards,\nPia Holm\n";
    let path = write(dir.path(), "a.md", text.as_bytes());
    // Plain --diff: no safe fix applies, nothing to show.
    lint().arg("--diff").arg(&path).assert().code(0).stdout("");
    // With --unsafe-fixes the first suggestion is shown; the file is unchanged.
    let out = lint()
        .args(["--diff", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("+Thank you for the tour of the dashboard"),
        "{shown}"
    );
    assert!(
        shown.contains("-Thank you for the tour of the dashbord"),
        "{shown}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text);
    // A plain --fix leaves the guess alone and says so; asked for, it applies.
    let out = lint()
        .arg("--fix")
        .arg(&path)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 guessed fix not applied"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lint()
        .args(["--fix", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("the tour of the dashboard you mentioned")
    );
}
