//! `followup gate` in front of a stand-in send command that records what it
//! receives: blocked messages never reach it, clean ones arrive byte for byte.
//! Also the other gates in docs/editors.md, run from the recipes there: mutt
//! sending through the gate, the git pre-commit hook (the pre-commit framework
//! is in tests/precommit.rs).

// A test that cannot run here says why on stdout.
#![allow(clippy::print_stdout)]

mod editor_support;
use editor_support::which;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A clean thank-you note as mutt hands it to sendmail: CRLF, UTF-8, 8bit.
const CLEAN: &[u8] = b"Date: Tue, 10 Mar 2026 17:02:11 +0000\r
From: Ana Reyes <ana@example.com>\r
To: Dr. Rachel Vilsack <rv@example.com>\r
Subject: Thank you for today\xe2\x80\x99s interview\r
Message-ID: <20260310170211.GA1@example.com>\r
MIME-Version: 1.0\r
Content-Type: text/plain; charset=utf-8\r
Content-Disposition: inline\r
Content-Transfer-Encoding: 8bit\r
\r
Dear Dr. Vilsack,\r
\r
Thank you for meeting with me today about the data platform role. I enjoyed hearing about the billing pipeline migration \xe2\x80\x94 especially the plan for the caf\xc3\xa9 sales data.\r
\r
I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.\r
\r
Best regards,\r
Ana Reyes\r
";

/// A send command that records its standard input and exits with $SEND_STATUS.
const RECORDER: &str = "#!/bin/sh\ncat > \"$RECORD\"\nexit \"${SEND_STATUS:-0}\"\n";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("send.sh");
        std::fs::write(&script, RECORDER).unwrap();
        make_executable(&script);
        Fixture { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn record(&self) -> Option<Vec<u8>> {
        std::fs::read(self.path("record")).ok()
    }

    /// Runs `followup gate [flags] -- send.sh` with `message` on stdin.
    fn gate(&self, flags: &[&str], message: &[u8], env: &[(&str, &str)]) -> Output {
        let send = self.path("send.sh");
        let mut command = Command::new(env!("CARGO_BIN_EXE_followup"));
        command
            .arg("gate")
            .args(["--today", "2026-03-10"])
            .args(flags)
            .arg("--")
            .arg(&send)
            .env("RECORD", self.path("record"))
            .env_remove("FOLLOWUP_GATE")
            .current_dir(self.dir.path());
        for (k, v) in env {
            command.env(k, v);
        }
        run(command, message)
    }
}

fn run(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("followup gate did not finish");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = writer.join();
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn replace(message: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(message.to_vec()).unwrap();
    assert!(text.contains(from));
    text.replace(from, to).into_bytes()
}

#[test]
fn a_clean_message_is_passed_on_byte_for_byte() {
    let f = Fixture::new();
    let out = f.gate(&[], CLEAN, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.record().as_deref(), Some(CLEAN));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));

    // Latin-1 (not UTF-8) with no final line ending, LF only.
    let latin1 = b"To: Dr. Rachel Vilsack <rv@example.com>\nSubject: Thank you\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nDear Dr. Vilsack,\n\nThank you for meeting with me today about the data platform role and the caf\xe9 sales data.\n\nI am very interested in the role. I am happy to provide references.\n\nBest regards,\nAna Reyes";
    let out = f.gate(&[], latin1, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.record().as_deref(), Some(&latin1[..]));
}

#[test]
fn a_blocked_message_never_reaches_the_send_command() {
    let f = Fixture::new();
    let bad = replace(CLEAN, "Dear Dr. Vilsack,", "Dear [Interviewer Name],");
    let out = f.gate(&[], &bad, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(f.record(), None, "the send command ran");
    let err = stderr(&out);
    assert!(err.contains("leftover-placeholder"), "{err}");
    assert!(err.contains("[Interviewer Name]"), "{err}");
    assert!(
        err.contains("NOT sent") && err.contains("FOLLOWUP_GATE=off"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // The bypass sends it untouched.
    let out = f.gate(&[], &bad, &[("FOLLOWUP_GATE", "off")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.record(), Some(bad));
}

#[test]
fn the_send_commands_status_is_passed_on() {
    let f = Fixture::new();
    let out = f.gate(&[], CLEAN, &[("SEND_STATUS", "3")]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(f.record().as_deref(), Some(CLEAN));
}

#[test]
fn warnings_pass_unless_denied() {
    let f = Fixture::new();
    let first_name = replace(CLEAN, "Dear Dr. Vilsack,", "Dear Rachel,");
    let out = f.gate(&[], &first_name, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.record().as_deref(), Some(&first_name[..]));
    std::fs::remove_file(f.path("record")).unwrap();

    let out = f.gate(&["--deny", "warning"], &first_name, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("first-name-salutation"));
    assert_eq!(f.record(), None);

    // `deny` in followup.toml (found from the working folder) does the same.
    std::fs::write(f.path("followup.toml"), "deny = \"warning\"\n").unwrap();
    let out = f.gate(&[], &first_name, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(f.record(), None);
    // ... and `--no-config` ignores it.
    let out = f.gate(&["--no-config"], &first_name, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn config_levels_apply_and_a_bad_config_sends_nothing() {
    let f = Fixture::new();
    let first_name = replace(CLEAN, "Dear Dr. Vilsack,", "Dear Rachel,");
    std::fs::write(
        f.path("followup.toml"),
        "[rules]\nfirst-name-salutation = \"error\"\n",
    )
    .unwrap();
    let out = f.gate(&[], &first_name, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(f.record(), None);

    std::fs::write(f.path("followup.toml"), "[rules]\nfirst-name = \"error\"\n").unwrap();
    let out = f.gate(&[], CLEAN, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(f.record(), None);
    let err = stderr(&out);
    assert!(
        err.contains("first-name") && err.contains("NOT sent") && err.contains("FOLLOWUP_GATE=off"),
        "{err}"
    );
}

#[test]
fn failures_to_run_send_nothing_and_say_how_to_bypass() {
    let f = Fixture::new();
    let mut missing = Command::new(env!("CARGO_BIN_EXE_followup"));
    missing
        .args(["gate", "--", "/nonexistent/sendmail", "-oi"])
        .current_dir(f.dir.path());
    let out = run(missing, CLEAN);
    assert_eq!(out.status.code(), Some(127));
    let err = stderr(&out);
    assert!(
        err.contains("command not found")
            && err.contains("NOT sent")
            && err.contains("FOLLOWUP_GATE=off"),
        "{err}"
    );

    let plain = f.path("not-executable.sh");
    std::fs::write(&plain, RECORDER).unwrap();
    let mut not_executable = Command::new(env!("CARGO_BIN_EXE_followup"));
    not_executable
        .arg("gate")
        .arg("--")
        .arg(&plain)
        .current_dir(f.dir.path());
    assert_eq!(run(not_executable, CLEAN).status.code(), Some(126));

    let out = f.gate(&["--max-bytes", "100"], CLEAN, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--max-bytes"));
    assert_eq!(f.record(), None);

    let html = b"To: rv@example.com\nContent-Type: text/html\n\n<p>Hey Rachel</p>\n";
    let out = f.gate(&[], html, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no plain-text part"));
    assert_eq!(f.record(), None);

    // No command at all is a usage error.
    let mut none = Command::new(env!("CARGO_BIN_EXE_followup"));
    none.arg("gate");
    assert_eq!(run(none, CLEAN).status.code(), Some(2));
}

#[test]
fn mime_messages_are_linted_decoded() {
    let f = Fixture::new();
    let multipart = b"To: Dr. Rachel Vilsack <rv@example.com>\r
Subject: =?UTF-8?Q?Thank_you_for_today=E2=80=99s_interview?=\r
MIME-Version: 1.0\r
Content-Type: multipart/mixed; boundary=\"b1\"\r
\r
--b1\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: quoted-printable\r
\r
Dear =5BInterviewer Name=5D,\r
\r
Thank you for meeting with me today about the data platform role. I enjoyed=\r
 hearing about the billing pipeline migration.\r
\r
Best regards,\r
Ana Reyes\r
--b1\r
Content-Type: application/pdf; name=cv.pdf\r
Content-Disposition: attachment; filename=cv.pdf\r
Content-Transfer-Encoding: base64\r
\r
JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r
--b1--\r
";
    let out = f.gate(&[], multipart, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("[Interviewer Name]"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.record(), None);

    let fixed = replace(multipart, "=5BInterviewer Name=5D", "Dr. Vilsack");
    let out = f.gate(&[], &fixed, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.record(), Some(fixed));
}

/// A recipe from docs/editors.md: the code block after `<!-- recipe:NAME -->`.
fn recipe(name: &str) -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .unwrap();
    let marker = format!("<!-- recipe:{name} -->");
    let after = &doc[doc
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in docs/editors.md"))..];
    let open = after.find("```").unwrap();
    let body = &after[open..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_string()
}

/// PATH with the `followup` under test first, as the recipes call it by name.
fn path_with_followup(extra: &[&Path]) -> std::ffi::OsString {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_followup"))
        .parent()
        .unwrap()
        .to_path_buf();
    let rest =
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).collect::<Vec<_>>();
    let dirs = std::iter::once(bin_dir)
        .chain(extra.iter().map(|p| p.to_path_buf()))
        .chain(rest);
    std::env::join_paths(dirs).unwrap()
}

#[test]
fn mutt_and_neomutt_send_through_the_gate() {
    for client in ["mutt", "neomutt"] {
        match which(client) {
            Some(path) => send_with(&path),
            None => println!("skipped {client}: not installed (apt-get install {client})"),
        }
    }
}

/// Sends a clean and a blocked note with `client` in batch mode, configured
/// with the muttrc recipe.
fn send_with(mutt: &Path) {
    let f = Fixture::new();
    let muttrc = f.path("muttrc");
    let sendmail = recipe("muttrc").replace(
        "/usr/sbin/sendmail -oem -oi",
        &f.path("send.sh").display().to_string(),
    );
    assert!(sendmail.contains("followup gate -- "), "{sendmail}");
    std::fs::write(
        &muttrc,
        format!(
            "{sendmail}set from=\"Ana Reyes <ana@example.com>\"\nset use_from=yes\nset copy=no\nset record=\"\"\nset charset=\"utf-8\"\nset send_charset=\"us-ascii:utf-8\"\n"
        ),
    )
    .unwrap();
    let body_of = |message: &[u8]| -> Vec<u8> {
        let text = String::from_utf8(message.to_vec())
            .unwrap()
            .replace('\r', "");
        text.as_bytes()[text.find("Dear").unwrap()..].to_vec()
    };
    let send = |body: &[u8]| {
        let mut command = Command::new(mutt);
        command
            .args(["-n", "-F"])
            .arg(&muttrc)
            .args([
                "-s",
                "Thank you for today's interview",
                "--",
                "Dr. Rachel Vilsack <rv@example.com>",
            ])
            .env("HOME", f.dir.path())
            .env("PATH", path_with_followup(&[]))
            .env("RECORD", f.path("record"))
            .env_remove("FOLLOWUP_GATE")
            .current_dir(f.dir.path());
        run(command, body)
    };

    let out = send(&body_of(CLEAN));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sent = String::from_utf8(f.record().expect("mutt sent nothing")).unwrap();
    assert!(
        sent.contains("To: \"Dr. Rachel Vilsack\" <rv@example.com>"),
        "{sent}"
    );
    assert!(
        sent.contains("Dear Dr. Vilsack,\n\nThank you for meeting"),
        "{sent}"
    );
    std::fs::remove_file(f.path("record")).unwrap();

    let out = send(&body_of(&replace(
        CLEAN,
        "Dear Dr. Vilsack,",
        "Dear [Name],",
    )));
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("leftover-placeholder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.record(), None);
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new("git");
    command
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_followup(&[]))
        .env("GIT_AUTHOR_NAME", "Ana Reyes")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana Reyes")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    run(command, b"")
}

const CLEAN_NOTE: &str = "Dear Dr. Vilsack,\n\nThank you for meeting with me today about the data platform role. I enjoyed hearing about the billing pipeline migration.\n\nI am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.\n\nBest regards,\nAna Reyes\n";

#[test]
fn the_git_hook_recipe_blocks_commits_with_errors() {
    if which("git").is_none() {
        println!("skipped: git is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    assert!(git(repo, &["init", "-q"]).status.success());
    let hook = repo.join(".git/hooks/pre-commit");
    std::fs::write(&hook, recipe("git-hook")).unwrap();
    make_executable(&hook);
    let commits = || {
        String::from_utf8(git(repo, &["rev-list", "--all", "--count"]).stdout)
            .unwrap()
            .trim()
            .to_string()
    };

    std::fs::create_dir(repo.join("notes")).unwrap();
    std::fs::write(repo.join("notes/vilsack.md"), CLEAN_NOTE).unwrap();
    // Not a draft: never linted.
    std::fs::write(repo.join("mail-merge.py"), "print('Dear [Name],')\n").unwrap();
    git(repo, &["add", "."]);
    let out = git(repo, &["commit", "-q", "-m", "Thank-you note"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(commits(), "1");

    // A draft with a leftover placeholder, and a space in its name.
    std::fs::write(
        repo.join("notes/second round.md"),
        CLEAN_NOTE.replace("Dr. Vilsack", "[Interviewer]"),
    )
    .unwrap();
    git(repo, &["add", "."]);
    let out = git(repo, &["commit", "-q", "-m", "Second note"]);
    assert!(!out.status.success());
    let report = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    assert!(
        report.contains("leftover-placeholder") && report.contains("second round.md"),
        "{report}"
    );
    assert_eq!(commits(), "1");

    std::fs::write(repo.join("notes/second round.md"), CLEAN_NOTE).unwrap();
    git(repo, &["add", "."]);
    assert!(
        git(repo, &["commit", "-q", "-m", "Second note"])
            .status
            .success()
    );
    assert_eq!(commits(), "2");
}
