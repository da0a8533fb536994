//! `--format line` and the JSON say what kind of thing failed, not only
//! that something did.

use assert_cmd::Command;

fn followup() -> Command {
    Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"))
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

#[test]
fn each_failure_names_its_kind_in_the_line_format() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let front = write(
        dir.path(),
        "front.md",
        b"---\nkind: nope\n---\nDear Ms. Lee,\n",
    );
    let binary = write(dir.path(), "binary.md", b"Dear\0Ms. Lee");
    let mail = write(
        dir.path(),
        "html.eml",
        b"From: a@example.com\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\nContent-Type: text/html\n\n<p>x</p>\n--zz--\n",
    );
    let missing = dir.path().join("missing.md").display().to_string();
    let out = followup()
        .args(["lint", "--no-config", "--format", "line"])
        .args([&front, &binary, &mail, &missing])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains(&format!(
            "{front}:2:7: error[front-matter] unknown kind `nope`"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{binary}:1:1: error[input] looks like a binary file"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{mail}:1:1: error[mail] ")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{missing}:1:1: error[io] no such file")),
        "{stdout}"
    );
}

#[test]
fn config_and_rule_errors_name_their_kind() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let draft = write(dir.path(), "note.md", b"Dear Ms. Lee,\n\nThank you.\n");
    let config = write(
        dir.path(),
        "followup.toml",
        b"[rules]\nno-such-rule = \"off\"\n",
    );
    let out = followup()
        .current_dir(dir.path())
        .args(["lint", "--format", "line", &draft])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("{config}:2:1: error[config] ")),
        "{stderr}"
    );

    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap_or_else(|e| panic!("{e}"));
    write(&rules, "x.yaml", b"id: x\nlevel: bogus\n");
    let out = followup()
        .args(["lint", "--no-config", "--format", "line", "--rules"])
        .arg(&rules)
        .arg(&draft)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("x.yaml:2:8: error[rule] invalid rule file"),
        "{stderr}"
    );
}

#[test]
fn the_json_gives_the_error_kind() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let front = write(
        dir.path(),
        "front.md",
        b"---\nkind: nope\n---\nDear Ms. Lee,\n",
    );
    let out = followup()
        .args(["lint", "--no-config", "--format", "json", &front])
        .assert()
        .code(2);
    let value: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        value["files"][0]["error"]["kind"], "front-matter",
        "{value}"
    );
}
