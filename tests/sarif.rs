//! `--format sarif` writes a SARIF 2.1.0 log that holds what the schema
//! requires at every level, and the same diagnostics the JSON gives.

use assert_cmd::Command;
use serde_json::Value;

fn followup() -> Command {
    Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"))
}

/// Fails unless `value` is an object holding every key of `required`.
#[track_caller]
fn has(value: &Value, what: &str, required: &[&str]) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} must be an object: {value}"));
    for key in required {
        assert!(
            object.contains_key(*key),
            "{what} lacks required `{key}`: {value}"
        );
    }
}

#[track_caller]
fn message(value: &Value, what: &str) {
    has(value, what, &[]);
    assert!(
        value.get("text").is_some_and(Value::is_string) || value.get("id").is_some(),
        "{what} needs `text` or `id`: {value}"
    );
}

#[track_caller]
fn level(value: &Value) {
    let level = value.as_str().unwrap_or_default();
    assert!(
        ["none", "note", "warning", "error"].contains(&level),
        "bad level {value}"
    );
}

#[track_caller]
fn region(value: &Value) {
    for key in ["startLine", "startColumn", "endLine", "endColumn"] {
        if let Some(n) = value.get(key) {
            assert!(
                n.as_u64().is_some_and(|n| n >= 1),
                "{key} must be ≥ 1: {value}"
            );
        }
    }
    for key in ["byteOffset", "byteLength"] {
        if let Some(n) = value.get(key) {
            assert!(n.as_u64().is_some(), "{key} must be ≥ 0: {value}");
        }
    }
}

/// The required fields of SARIF 2.1.0 for every object followup writes.
fn validate(log: &Value) {
    has(log, "sarifLog", &["version", "runs"]);
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"]
        .as_array()
        .unwrap_or_else(|| panic!("runs: {log}"));
    assert_eq!(runs.len(), 1);
    for run in runs {
        has(run, "run", &["tool"]);
        has(&run["tool"], "tool", &["driver"]);
        has(&run["tool"]["driver"], "toolComponent", &["name"]);
        if let Some(kind) = run.get("columnKind") {
            assert!(
                ["utf16CodeUnits", "unicodeCodePoints"]
                    .contains(&kind.as_str().unwrap_or_default())
            );
        }
        let rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for rule in &rules {
            has(rule, "reportingDescriptor", &["id"]);
            if let Some(d) = rule.get("shortDescription") {
                message(d, "shortDescription");
            }
            if let Some(c) = rule.get("defaultConfiguration") {
                level(&c["level"]);
            }
        }
        for result in run["results"].as_array().cloned().unwrap_or_default() {
            has(&result, "result", &["message"]);
            message(&result["message"], "result.message");
            level(&result["level"]);
            let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
            assert_eq!(rules.get(index).map(|r| &r["id"]), Some(&result["ruleId"]));
            for location in result["locations"].as_array().cloned().unwrap_or_default() {
                let physical = &location["physicalLocation"];
                has(physical, "physicalLocation", &["artifactLocation"]);
                has(&physical["artifactLocation"], "artifactLocation", &["uri"]);
                region(&physical["region"]);
            }
            for fix in result["fixes"].as_array().cloned().unwrap_or_default() {
                has(&fix, "fix", &["artifactChanges"]);
                let changes = fix["artifactChanges"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                assert!(!changes.is_empty(), "a fix needs a change: {fix}");
                for change in changes {
                    has(
                        &change,
                        "artifactChange",
                        &["artifactLocation", "replacements"],
                    );
                    for replacement in change["replacements"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                    {
                        has(&replacement, "replacement", &["deletedRegion"]);
                        region(&replacement["deletedRegion"]);
                    }
                }
            }
        }
        for invocation in run["invocations"].as_array().cloned().unwrap_or_default() {
            has(&invocation, "invocation", &["executionSuccessful"]);
            for n in invocation["toolExecutionNotifications"]
                .as_array()
                .cloned()
                .unwrap_or_default()
            {
                has(&n, "notification", &["message"]);
                message(&n["message"], "notification.message");
            }
        }
    }
}

fn run(format: &str, paths: &[&str]) -> Value {
    let out = followup()
        .args([
            "lint",
            "--no-config",
            "--today",
            "2026-06-01T12:00",
            "--format",
            format,
        ])
        .args(paths)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{format}: {e}"))
}

#[test]
fn the_log_holds_what_the_schema_requires_and_matches_the_json() {
    let sarif = run("sarif", &["examples"]);
    validate(&sarif);
    let json = run("json", &["examples"]);
    let mut from_json: Vec<(String, String, u64, u64, String)> = Vec::new();
    for file in json["files"].as_array().cloned().unwrap_or_default() {
        for d in file["diagnostics"].as_array().cloned().unwrap_or_default() {
            from_json.push((
                file["path"].as_str().unwrap_or_default().to_string(),
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    let from_sarif: Vec<(String, String, u64, u64, String)> = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| {
            let physical = &r["locations"][0]["physicalLocation"];
            (
                physical["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                r["ruleId"].as_str().unwrap_or_default().to_string(),
                physical["region"]["startLine"].as_u64().unwrap_or(0),
                physical["region"]["startColumn"].as_u64().unwrap_or(0),
                r["message"]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert!(
        !from_json.is_empty(),
        "the examples should report something"
    );
    assert_eq!(from_sarif, from_json);
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r.get("fixes").is_some())),
        "a fixable diagnostic carries its fix"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_a_notification() {
    let sarif = run("sarif", &["no-such-draft.md"]);
    validate(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let text = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap_or_default();
    assert!(
        text.contains("no such file") && text.contains("[io]"),
        "{text}"
    );
}

#[test]
fn the_validator_rejects_a_log_missing_a_required_field() {
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]});
    assert!(std::panic::catch_unwind(|| validate(&broken)).is_err());
}
