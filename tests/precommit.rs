//! The pre-commit framework runs followup's hooks as docs/editors.md says:
//! the shipped `.pre-commit-hooks.yaml` lints drafts (a `drafts/` folder,
//! `*.followup.md`) and leaves an ordinary README alone, a draft with an
//! error stops the commit, and every configuration the docs show is valid.

// A test that cannot run here says why on stdout.
#![allow(clippy::print_stdout)]

mod editor_support;
use editor_support::which;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The real pre-commit and git, or why the test cannot run.
fn tools() -> Result<PathBuf, &'static str> {
    if which("git").is_none() {
        return Err("git is not installed");
    }
    which("pre-commit").ok_or("pre-commit is not installed (python3 -m pip install pre-commit)")
}

/// PATH with the built followup (and `extra` folders) in front.
fn path_with_followup(extra: &[&Path]) -> std::ffi::OsString {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_followup"))
        .parent()
        .expect("binary folder")
        .to_path_buf();
    let rest =
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).collect::<Vec<_>>();
    std::env::join_paths(
        std::iter::once(bin_dir)
            .chain(extra.iter().map(|p| p.to_path_buf()))
            .chain(rest),
    )
    .expect("PATH")
}

/// A command with a private HOME, pre-commit cache and git identity.
fn command(program: &Path, dir: &Path, home: &Path) -> Command {
    let mut command = Command::new(program);
    let pre_commit_bin = which("pre-commit")
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    command
        .current_dir(dir)
        .env("PATH", path_with_followup(&[&pre_commit_bin]))
        .env("HOME", home)
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env("GIT_AUTHOR_NAME", "Ana Reyes")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana Reyes")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    command
}

fn run(mut command: Command) -> Output {
    command.output().expect("run")
}

fn git(dir: &Path, home: &Path, args: &[&str]) -> Output {
    let mut c = command(Path::new("git"), dir, home);
    c.args(args);
    let out = run(c);
    assert!(
        out.status.success() || args.first() == Some(&"commit"),
        "git {args:?}: {}",
        text(&out)
    );
    out
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn commits(repo: &Path, home: &Path) -> String {
    let out = git(repo, home, &["rev-list", "--all", "--count"]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn manifest_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")
}

/// The hook with `id` from the shipped manifest.
fn shipped_hook(id: &str) -> Value {
    let text = std::fs::read_to_string(manifest_path()).expect("read manifest");
    let hooks: Value = serde_yaml::from_str(&text).expect("manifest is YAML");
    hooks
        .as_array()
        .expect("a list of hooks")
        .iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no hook {id} in .pre-commit-hooks.yaml"))
        .clone()
}

const CLEAN_NOTE: &str = "Dear Dr. Vilsack,\n\nThank you for meeting with me today about the data platform role. I enjoyed hearing about the billing pipeline migration.\n\nI am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.\n\nBest regards,\nAna Reyes\n";

/// An ordinary README that followup would flag (a placeholder in brackets).
const README: &str = "# Job search 2026\n\nThis repository holds my follow-up drafts and the notes I keep on each company.\n\nTo start a note, copy a template and replace [Interviewer Name] with the name of the person you met.\n";

#[test]
fn the_shipped_hook_lints_drafts_and_leaves_other_markdown_alone() {
    let pre_commit = match tools() {
        Ok(p) => p,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path();
    let repo = home.join("job-search");
    std::fs::create_dir(&repo).expect("repo folder");
    git(&repo, home, &["init", "-q"]);

    // The shipped `followup-system` hook, word for word, as a local hook:
    // `files`, `exclude`, `types` and `entry` are exactly what users get.
    let hook = shipped_hook("followup-system");
    for key in ["files", "exclude", "entry", "language", "types"] {
        assert!(hook.get(key).is_some(), "the hook sets {key}: {hook}");
    }
    // YAML is a superset of JSON.
    let config = serde_json::json!({"repos": [{"repo": "local", "hooks": [hook]}]});
    std::fs::write(repo.join(".pre-commit-config.yaml"), config.to_string()).expect("config");
    let mut install = command(&pre_commit, &repo, home);
    install.arg("install");
    let out = run(install);
    assert!(out.status.success(), "{}", text(&out));
    let commit = |message: &str| {
        git(&repo, home, &["add", "-A"]);
        git(&repo, home, &["commit", "-q", "-m", message])
    };

    // (a) An ordinary README and other Markdown: not drafts, never linted,
    // though followup itself would reject the README.
    std::fs::write(repo.join("README.md"), README).expect("write");
    std::fs::create_dir_all(repo.join("companies")).expect("folder");
    std::fs::write(
        repo.join("companies/acme.md"),
        "# Acme\n\nAsk [Name] about the on-call rota.\n",
    )
    .expect("write");
    let mut lint = Command::new(env!("CARGO_BIN_EXE_followup"));
    lint.args(["lint", "--no-config", "README.md"])
        .current_dir(&repo);
    assert_eq!(
        run(lint).status.code(),
        Some(1),
        "followup flags the README"
    );
    let out = commit("README");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(commits(&repo, home), "1");

    // (b) A draft with an error in drafts/: the commit is stopped.
    std::fs::create_dir_all(repo.join("drafts/acme")).expect("folder");
    std::fs::write(
        repo.join("drafts/acme/thank you.md"),
        CLEAN_NOTE.replace("Dr. Vilsack", "[Interviewer]"),
    )
    .expect("write");
    // A README inside the drafts folder is still not a draft.
    std::fs::write(repo.join("drafts/README.md"), README).expect("write");
    let out = commit("Thank-you note");
    assert!(!out.status.success(), "{}", text(&out));
    let report = text(&out);
    assert!(
        report.contains("leftover-placeholder") && report.contains("drafts/acme/thank you.md"),
        "{report}"
    );
    assert!(!report.contains("README.md:"), "{report}");
    assert_eq!(commits(&repo, home), "1");

    // (c) The same draft, fixed: the commit goes through.
    std::fs::write(repo.join("drafts/acme/thank you.md"), CLEAN_NOTE).expect("write");
    let out = commit("Thank-you note");
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(commits(&repo, home), "2");

    // A note named *.followup.md outside drafts/ is a draft too.
    std::fs::write(
        repo.join("companies/acme-check-in.followup.md"),
        CLEAN_NOTE.replace("Dr. Vilsack", "[Name]"),
    )
    .expect("write");
    let out = commit("Check-in");
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("companies/acme-check-in.followup.md"),
        "{}",
        text(&out)
    );
    assert_eq!(commits(&repo, home), "2");
}

#[test]
fn pre_commit_try_repo_runs_the_shipped_manifest() {
    let pre_commit = match tools() {
        Ok(p) => p,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path();
    let hooks = home.join("hooks");
    let drafts = home.join("drafts-repo");
    for repo in [&hooks, &drafts] {
        std::fs::create_dir(repo).expect("folder");
        git(repo, home, &["init", "-q"]);
    }
    std::fs::copy(manifest_path(), hooks.join(".pre-commit-hooks.yaml")).expect("copy");
    git(&hooks, home, &["add", "."]);
    git(&hooks, home, &["commit", "-q", "-m", "hooks"]);

    std::fs::create_dir(drafts.join("drafts")).expect("folder");
    std::fs::write(drafts.join("drafts/good.md"), CLEAN_NOTE).expect("write");
    std::fs::write(
        drafts.join("drafts/bad.eml"),
        format!(
            "To: Dr. Rachel Vilsack <rv@example.com>\nSubject: Thanks\n\n{}",
            CLEAN_NOTE.replace("Dr. Vilsack", "[Name]")
        ),
    )
    .expect("write");
    std::fs::write(drafts.join("README.md"), README).expect("write");
    std::fs::write(drafts.join("notes.py"), "print('Dear [Name],')\n").expect("write");
    git(&drafts, home, &["add", "."]);

    let try_repo = |files: &[&str]| {
        let mut c = command(&pre_commit, &drafts, home);
        c.arg("try-repo")
            .arg(&hooks)
            .arg("followup-system")
            .arg("--files")
            .args(files);
        run(c)
    };
    let out = try_repo(&["drafts/good.md", "README.md", "notes.py"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = try_repo(&["drafts/good.md", "drafts/bad.eml", "README.md"]);
    assert!(!out.status.success(), "{}", text(&out));
    let report = text(&out);
    assert!(
        report.contains("leftover-placeholder") && report.contains("drafts/bad.eml"),
        "{report}"
    );
    assert!(!report.contains("README.md:"), "{report}");

    // Both hooks in the manifest are valid.
    let mut validate = command(&pre_commit, home, home);
    validate.arg("validate-manifest").arg(manifest_path());
    let out = run(validate);
    assert!(out.status.success(), "{}", text(&out));
}

/// Every `.pre-commit-config.yaml` shown in docs/editors.md and the
/// handbook is valid, and names hooks the manifest has.
#[test]
fn the_documented_configurations_are_valid() {
    let pre_commit = match tools() {
        Ok(p) => p,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ids: Vec<String> = ["followup", "followup-system"]
        .iter()
        .map(|id| {
            shipped_hook(id)["id"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut checked = 0;
    for doc in ["docs/editors.md", "guides/using-followup.md"] {
        let source = std::fs::read_to_string(root.join(doc)).expect("read doc");
        for (n, block) in source.split("```yaml\n").skip(1).enumerate() {
            let block = &block[..block.find("```").expect("closed block")];
            if !block.contains("repos:") {
                continue;
            }
            let config: Value = serde_yaml::from_str(block)
                .unwrap_or_else(|e| panic!("{doc}, YAML block {n}: {e}\n{block}"));
            for repo in config["repos"].as_array().expect("repos") {
                for hook in repo["hooks"].as_array().expect("hooks") {
                    let id = hook["id"].as_str().expect("id");
                    assert!(
                        repo["repo"] == "local" || ids.iter().any(|i| i == id),
                        "{doc}: unknown hook {id}"
                    );
                    if repo["repo"] != "local" {
                        assert_eq!(repo["rev"], "v0.1.0", "{doc}: pinned to the release tag");
                    }
                }
            }
            let file = dir.path().join(format!("config-{checked}.yaml"));
            std::fs::write(&file, block).expect("write");
            let mut validate = command(&pre_commit, dir.path(), dir.path());
            validate.arg("validate-config").arg(&file);
            let out = run(validate);
            assert!(out.status.success(), "{doc}: {}\n{block}", text(&out));
            checked += 1;
        }
    }
    assert!(
        checked >= 3,
        "only {checked} configurations found in the docs"
    );
}
