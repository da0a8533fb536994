//! `followup new` (a draft from the handbook's skeletons) and `followup
//! plan` (next steps as a table, JSON and an iCalendar file), run as users
//! run them.
#![allow(clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use followup::SourceFile;
use serde_json::Value;

const TODAY: &str = "2026-11-21T12:00";
const KINDS: [&str; 6] = [
    "thank-you",
    "withdrawal",
    "rejection-reply",
    "check-in",
    "recovery",
    "linkedin",
];
const MEDIA: [&str; 4] = ["email", "letter", "card", "linkedin"];

fn followup() -> Command {
    let mut cmd = Command::cargo_bin("followup").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a test writes in place of each placeholder the writer must fill.
fn filling(placeholder: &str) -> &'static str {
    match placeholder {
        "[title with surname]" => "Ms. Solberg",
        "[company]" => "Pinecrest Outdoor",
        "[role]" => "Store Manager",
        "[your name]" => "Sam Ortiz",
        "[a detail you discussed]" => "the winter stock plan",
        "[how your experience fits it]" => {
            "it reminded me of the stock system I set up in my last job"
        }
        "[your reason, about your own path]" => "I have accepted a post closer to my family.",
        "[the day of your interview]" => "12 November",
        "[the point above]" => "that stock system",
        "[the question you want to answer better]" => "my experience with stock control",
        "[the answer you wish you had given, with one concrete result]" => {
            "I should have said that I cut stock losses by a third at my last store"
        }
        other => panic!("no filling for {other}"),
    }
}

/// `leftover-placeholder` matches (and any other rule) from linting `draft`.
fn lint_findings(draft: &str, today: &str) -> Vec<String> {
    let out = followup()
        .args([
            "lint",
            "--no-config",
            "--format",
            "json",
            "--today",
            today,
            "-",
        ])
        .write_stdin(draft.to_string())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)));
    json["files"][0]["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .map(|d| {
                    let rule = d["rule"].as_str().unwrap_or("?");
                    let start = d["byte_start"].as_u64().unwrap_or(0) as usize;
                    let end = d["byte_end"].as_u64().unwrap_or(0) as usize;
                    format!("{rule} {}", draft.get(start..end).unwrap_or("?"))
                })
                .collect()
        })
        .unwrap_or_else(|| panic!("no diagnostics array: {json}"))
}

fn skeleton_placeholders(kind: &str) -> Vec<String> {
    let kind = kind.parse().unwrap_or_else(|e: String| panic!("{e}"));
    let skeleton = followup::plan::templates::skeleton(kind).unwrap_or_else(|| panic!("{kind}"));
    followup::plan::templates::placeholders(&skeleton)
}

fn check_new(kind: &str, args: &[&str], filled_by_flags: &[&str], today: &str) {
    let out = followup()
        .arg("new")
        .arg(kind)
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let draft = text(&out);
    let split = followup::draft::front_matter::parse(&SourceFile::new("new.md", draft.as_str()))
        .unwrap_or_else(|e| panic!("{kind}: {e}\n{draft}"));
    let fm = split.front_matter;
    assert_eq!(fm.kind.map(|k| k.to_string()).as_deref(), Some(kind));
    let mut expected: Vec<String> = skeleton_placeholders(kind)
        .into_iter()
        .filter(|p| !filled_by_flags.contains(&p.as_str()))
        .collect();
    let mut found = lint_findings(&draft, today);
    let mut want: Vec<String> = expected
        .iter()
        .map(|p| format!("leftover-placeholder {p}"))
        .collect();
    found.sort();
    want.sort();
    assert_eq!(found, want, "{kind} {args:?}:\n{draft}");
    let mut filled = draft.clone();
    for p in expected.drain(..) {
        filled = filled.replace(&p, filling(&p));
    }
    assert_eq!(
        lint_findings(&filled, today),
        Vec::<String>::new(),
        "{kind} {args:?} filled in:\n{filled}"
    );
    assert_eq!(fm.to.is_some(), args.contains(&"--to"));
}

#[test]
fn new_every_kind_and_medium_lints_with_only_its_placeholders() {
    for kind in KINDS {
        let date = if kind == "check-in" {
            "2026-12-07"
        } else {
            "2026-11-21"
        };
        for medium in MEDIA {
            let args = [
                "--to",
                "Ms. Greta Solberg",
                "--company",
                "Pinecrest Outdoor",
                "--role",
                "Store Manager",
                "--interviewed",
                "2026-11-20T11:00",
                "--timeline",
                "2 weeks",
                "--topics",
                "winter stock, click-and-collect",
                "--medium",
                medium,
                "--date",
                date,
            ];
            check_new(
                kind,
                &args,
                &["[title with surname]", "[company]", "[role]"],
                TODAY,
            );
        }
        // No flags at all: the greeting is a placeholder, never a made-up name.
        check_new(kind, &[], &[], TODAY);
        check_new(kind, &["--from", "Sam Ortiz"], &["[your name]"], TODAY);
    }
}

#[test]
fn new_fills_front_matter_from_flags() {
    let out = followup()
        .args([
            "new",
            "check-in",
            "--to",
            "Dr. Rachel Vilsack",
            "--company",
            "Vilsack Lab",
            "--interviewed",
            "2026-11-05 11:00",
            "--timeline",
            "two weeks",
            "--thanked",
            "2026-11-05",
            "--topics",
            "imaging core",
            "--topics",
            "rotation",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let draft = text(&out);
    assert!(
        draft.starts_with(
            "---\nkind: check-in\nto: Dr. Rachel Vilsack\ncompany: Vilsack Lab\ninterviewed: 2026-11-05T11:00\nthanked: 2026-11-05\ntimeline: two weeks\ntopics:\n- imaging core\n- rotation\n---\n\nDear Dr. Vilsack,\n"
        ),
        "{draft}"
    );
    let fm = followup::draft::front_matter::parse(&SourceFile::new("n.md", draft.as_str()))
        .unwrap_or_else(|e| panic!("{e}"))
        .front_matter;
    assert_eq!(fm.timeline.map(|s| s.get_weeks()), Some(2));
    assert_eq!(fm.topics, ["imaging core", "rotation"]);
    // linkedin notes default to the linkedin medium.
    let out = followup()
        .args(["new", "linkedin"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(text(&out).contains("medium: linkedin\n"));
}

#[test]
fn new_writes_a_file_and_never_overwrites_without_force() {
    let dir = tempdir();
    let path = dir.path().join("note.md");
    let file = path.to_string_lossy().into_owned();
    followup()
        .args(["new", "thank-you", "-o", &file])
        .assert()
        .code(0)
        .stdout("");
    assert!(read(&path).contains("kind: thank-you"));
    std::fs::write(&path, "mine\n").unwrap_or_else(|e| panic!("{e}"));
    let err = followup()
        .args(["new", "withdrawal", "-o", &file])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(text(&err).contains("already exists"), "{}", text(&err));
    assert_eq!(read(&path), "mine\n");
    followup()
        .args(["new", "withdrawal", "-o", &file, "--force"])
        .assert()
        .code(0);
    assert!(read(&path).contains("kind: withdrawal"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn new_bad_input_exits_2_and_writes_nothing() {
    let dir = tempdir();
    let out = dir.path().join("n.md");
    let out_s = out.to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["new", "thank-yuo"], "unknown kind `thank-yuo`"),
        (
            vec!["new", "thank-you", "--interviewed", "2026-02-30"],
            "`2026-02-30` is not a date",
        ),
        (
            vec!["new", "check-in", "--timeline", "soonish"],
            "`soonish` is not a timeline",
        ),
        (
            vec!["new", "check-in", "--thanked", "yesterday"],
            "`yesterday` is not a date",
        ),
        (
            vec!["new", "thank-you", "--medium", "fax"],
            "invalid value 'fax'",
        ),
    ];
    for (mut args, message) in cases {
        args.extend(["-o", &out_s]);
        let assert = followup().args(&args).assert().code(2);
        let stderr = text(&assert.get_output().stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    // A folder that does not exist, and a "folder" that is a file.
    let missing = dir.path().join("no-such-folder").join("n.md");
    let stderr = followup()
        .args(["new", "thank-you", "-o"])
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        text(&stderr).contains("cannot write the draft"),
        "{}",
        text(&stderr)
    );
    std::fs::write(dir.path().join("plain"), "x").unwrap_or_else(|e| panic!("{e}"));
    followup()
        .args(["new", "thank-you", "-o"])
        .arg(dir.path().join("plain").join("n.md"))
        .assert()
        .code(2);
    assert!(!missing.exists());
}

fn plan_args() -> Vec<&'static str> {
    vec![
        "plan",
        "--no-config",
        "--color",
        "never",
        "--today",
        TODAY,
        "tests/fixtures/plan",
    ]
}

fn expected(name: &str) -> String {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/plan-expected")
            .join(name),
    )
}

fn fixture_files() -> BTreeMap<PathBuf, Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan");
    std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| {
                    let bytes = std::fs::read(e.path()).unwrap_or_default();
                    (e.path(), bytes)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn plan_table_json_and_calendar_are_pinned() {
    let before = fixture_files();
    let dir = tempdir();
    let ics = dir.path().join("plan.ics");
    let out = followup()
        .args(plan_args())
        .arg("--ics")
        .arg(&ics)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(text(&out), expected("plan.txt"));
    assert_eq!(read(&ics), expected("plan.ics"));
    let out = followup()
        .args(plan_args())
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(text(&out), expected("plan.json"));
    assert_eq!(fixture_files(), before, "plan changed a draft");
}

#[test]
fn plan_covers_every_state() {
    let out = followup()
        .args(plan_args())
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    let apps = json["applications"].as_array().cloned().unwrap_or_default();
    let get = |company: &str| {
        apps.iter()
            .find(|a| a["company"] == company)
            .cloned()
            .unwrap_or_else(|| panic!("no {company}"))
    };
    let steps = |a: &Value| -> Vec<String> {
        a["next"]
            .as_array()
            .map(|s| {
                s.iter()
                    .map(|s| {
                        format!(
                            "{} {}",
                            s["step"].as_str().unwrap_or("?"),
                            s["state"].as_str().unwrap_or("?")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let flags = |a: &Value| -> Vec<String> {
        a["written"]
            .as_array()
            .map(|w| {
                w.iter()
                    .flat_map(|w| w["flags"].as_array().cloned().unwrap_or_default())
                    .filter_map(|f| f.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    // Only interviewed: the thank-you is due by the interview + 24 h.
    let alder = get("Alder Books");
    assert_eq!(steps(&alder), ["thank-you due"]);
    assert_eq!(alder["next"][0]["by"], "2026-11-22T10:00");
    // Thanked on time, timeline not yet passed: the check-in waits.
    let birch = get("Birch Clinic");
    assert_eq!(steps(&birch), ["check-in waiting"]);
    assert_eq!(birch["next"][0]["from"], "2026-11-23T15:00");
    assert!(flags(&birch).is_empty());
    // Thanked late, timeline passed: check in now.
    let cedar = get("Cedar Labs");
    assert_eq!(steps(&cedar), ["check-in due"]);
    assert_eq!(flags(&cedar), ["late"]);
    // Checked in once: one more contact, a week after.
    assert_eq!(steps(&get("Dune Energy")), ["second-check-in due"]);
    // Checked in twice (the second too soon): nothing more.
    let elm = get("Elm Hotels");
    assert_eq!(elm["status"], "done");
    assert!(steps(&elm).is_empty());
    assert_eq!(flags(&elm), ["early"]);
    // Rejected and withdrawn: nothing after.
    assert_eq!(get("Fern Bank")["status"], "rejected");
    assert!(steps(&get("Fern Bank")).is_empty());
    assert_eq!(get("Gorse Press")["status"], "withdrawn");
    assert!(steps(&get("Gorse Press")).is_empty());
    // Two interviewers: each gets their own note; the missing one is overdue.
    let heath = get("Heath Museum");
    assert_eq!(steps(&heath), ["thank-you overdue"]);
    assert_eq!(heath["next"][0]["to"], "Mr. Ivo Moss");
    // Due first: overdue before due before waiting.
    let order: Vec<&str> = json["next"]
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["state"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(order, ["overdue", "due", "due", "due", "waiting"]);
}

fn calendar(today: &str, folder: &Path) -> String {
    let dir = tempdir();
    let ics = dir.path().join("p.ics");
    followup()
        .args(["plan", "--no-config", "--color", "never", "--today", today])
        .arg(folder)
        .arg("--ics")
        .arg(&ics)
        .assert()
        .code(0);
    read(&ics)
}

fn uids(ics: &str) -> Vec<String> {
    let mut uids: Vec<String> = ics
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(|l| l.trim_end().to_string())
        .collect();
    uids.sort();
    uids
}

/// Unfolds content lines (RFC 5545 3.1).
fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in ics.split("\r\n") {
        match line.strip_prefix(' ') {
            Some(rest) => {
                if let Some(last) = lines.last_mut() {
                    last.push_str(rest);
                }
            }
            None => lines.push(line.to_string()),
        }
    }
    lines
}

#[test]
fn calendar_follows_rfc_5545() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan");
    let ics = calendar(TODAY, &folder);
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    // CRLF everywhere, no bare LF; every physical line at most 75 octets.
    assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(
        ics.split("\r\n").any(|l| l.starts_with(' ')),
        "long lines are folded"
    );
    let lines = unfold(&ics);
    let mut events = 0;
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    for line in &lines {
        if line == "BEGIN:VEVENT" {
            current.clear();
        } else if line == "END:VEVENT" {
            events += 1;
            for key in [
                "UID",
                "DTSTAMP",
                "DTSTART;VALUE=DATE",
                "DTEND;VALUE=DATE",
                "SUMMARY",
                "URL",
            ] {
                assert!(current.contains_key(key), "{key} missing: {current:?}");
            }
            let stamp = &current["DTSTAMP"];
            assert!(stamp.len() == 16 && stamp.ends_with('Z'), "{stamp}");
            let start = &current["DTSTART;VALUE=DATE"];
            let end = &current["DTEND;VALUE=DATE"];
            assert_eq!(start.len(), 8, "an all-day date: {start}");
            assert!(end > start, "DTEND {end} after DTSTART {start}");
            assert!(current["URL"].starts_with("https://followup.github.io/handbook/"));
        } else if let Some((key, value)) = line.split_once(':') {
            current.insert(key.to_string(), value.to_string());
        }
    }
    assert_eq!(events, 5);
    // Floating: no time zone anywhere, and no times except DTSTAMP (UTC).
    assert!(!ics.contains("TZID"));
    // Stable UIDs: the same on a later day, and after the drafts move folder.
    assert_eq!(uids(&ics).len(), 5);
    let moved = tempdir();
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        std::fs::copy(entry.path(), moved.path().join(entry.file_name()))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(uids(&calendar(TODAY, moved.path())), uids(&ics));
    let later = calendar("2026-11-22T09:00", &folder);
    assert_eq!(uids(&later), uids(&ics));
    assert!(later.contains("DTSTAMP:20261122T090000Z"));
}

#[test]
fn calendar_parses_with_python_icalendar() {
    let has = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        eprintln!(
            "skipped: python3 with the icalendar package is not installed (.ci/run installs it)"
        );
        return;
    }
    let dir = tempdir();
    let ics = dir.path().join("p.ics");
    followup()
        .args(plan_args())
        .arg("--ics")
        .arg(&ics)
        .assert()
        .code(0);
    let out = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-ics.py"))
        .arg(&ics)
        .arg("5")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap_or_else(|e| panic!("{e}"));
}

const NOTE: &str = "Dear Ms. Lee,\n\nThank you for the interview.\n\nBest regards,\nSam Ortiz\n";

#[test]
fn plan_bad_input_exits_2_and_writes_nothing() {
    let dir = tempdir();
    let ics = dir.path().join("out.ics");
    // A folder with no drafts.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    let stderr = followup()
        .arg("plan")
        .arg(&empty)
        .arg("--ics")
        .arg(&ics)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        text(&stderr).contains("folder holds no drafts"),
        "{}",
        text(&stderr)
    );
    // Drafts that disagree about the same application.
    let clash = dir.path().join("clash");
    std::fs::create_dir(&clash).unwrap_or_else(|e| panic!("{e}"));
    write(
        &clash,
        "a.md",
        &format!(
            "---\nkind: thank-you\nto: Ms. Lee\ncompany: Acme\nrole: Clerk\ninterviewed: 2026-11-20\n---\n\n{NOTE}"
        ),
    );
    write(
        &clash,
        "b.md",
        &format!(
            "---\nkind: check-in\nto: Ms. Lee\ncompany: ACME\nrole: clerk\ninterviewed: 2026-11-13\n---\n\n{NOTE}"
        ),
    );
    let before = read(&clash.join("a.md"));
    let stderr = followup()
        .args(["plan", "--no-config", "--today", TODAY])
        .arg(&clash)
        .arg("--ics")
        .arg(&ics)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = text(&stderr);
    assert!(
        stderr.contains("`interviewed: 2026-11-13` disagrees with `interviewed: 2026-11-20`"),
        "{stderr}"
    );
    assert_eq!(read(&clash.join("a.md")), before);
    // Conflicting timelines too.
    write(
        &clash,
        "b.md",
        &format!(
            "---\nkind: check-in\ncompany: Acme\nrole: Clerk\ntimeline: 2 weeks\n---\n\n{NOTE}"
        ),
    );
    write(
        &clash,
        "c.md",
        &format!(
            "---\nkind: check-in\ncompany: Acme\nrole: Clerk\ntimeline: 10 days\n---\n\n{NOTE}"
        ),
    );
    let stderr = followup()
        .args(["plan", "--no-config", "--today", TODAY])
        .arg(&clash)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        text(&stderr).contains("`timeline: 10 days` disagrees"),
        "{}",
        text(&stderr)
    );
    // No draft names a company.
    let anon = dir.path().join("anon");
    std::fs::create_dir(&anon).unwrap_or_else(|e| panic!("{e}"));
    write(&anon, "a.md", NOTE);
    let stderr = followup()
        .args(["plan", "--no-config", "--today", TODAY])
        .arg(&anon)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        text(&stderr).contains("no draft names a `company:`"),
        "{}",
        text(&stderr)
    );
    // A bad --today, and a calendar that cannot be written.
    followup()
        .args(["plan", "--today", "tomorrow"])
        .arg(&clash)
        .assert()
        .code(2);
    let stderr = followup()
        .args([
            "plan",
            "--no-config",
            "--today",
            TODAY,
            "tests/fixtures/plan",
            "--ics",
        ])
        .arg(dir.path().join("missing").join("p.ics"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        text(&stderr).contains("cannot write the calendar"),
        "{}",
        text(&stderr)
    );
    assert!(!ics.exists(), "a failed plan wrote a calendar");
}

#[test]
fn plan_help_says_how_drafts_are_grouped() {
    let out = followup()
        .args(["plan", "--help"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let help = text(&out);
    assert!(help.contains("same `company:` and `role:`"), "{help}");
    assert!(help.contains("interview + 24 hours"), "{help}");
}

/// khal, a terminal calendar, imports the file; importing a later plan
/// again moves the events instead of duplicating them.
#[test]
fn calendar_imports_into_khal_without_duplicates() {
    let has = std::process::Command::new("khal")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("skipped: khal is not installed (python3 -m pip install khal)");
        return;
    }
    let dir = tempdir();
    let cal = dir.path().join("cal");
    std::fs::create_dir(&cal).unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[plan]]\npath = {}\ntype = calendar\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = UTC\ndefault_timezone = UTC\n[default]\ndefault_calendar = plan\n",
            cal.display()
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan");
    let khal = |args: &[&str]| {
        let out = std::process::Command::new("khal")
            .arg("-c")
            .arg(&config)
            .args(args)
            .env("HOME", dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "khal {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    for today in [TODAY, "2026-11-24T09:00"] {
        let ics = dir.path().join("plan.ics");
        std::fs::write(&ics, calendar(today, &folder)).unwrap_or_else(|e| panic!("{e}"));
        let path = ics.to_string_lossy().into_owned();
        khal(&["import", "--batch", "-a", "plan", &path]);
    }
    let listed = khal(&[
        "list",
        "--format",
        "{start-date} {title}",
        "2026-11-01",
        "2026-12-31",
    ]);
    let events: Vec<&str> = listed.lines().filter(|l| l.starts_with("2026-")).collect();
    assert_eq!(events.len(), 5, "{listed}");
    // On the later day, overdue and due steps have moved to it.
    assert!(
        events.contains(&"2026-11-24 Heath Museum · Curator: thank-you to Mr. Ivo Moss"),
        "{listed}"
    );
}
