//! Bad input to `followup build`: each case exits 2 with a message naming
//! the file (and line), and a failed build leaves the previous site alone.

mod book_support;

use book_support::{fixture_copy, followup};

/// Runs `followup build ROOT --dest DEST` and returns (exit code, stderr).
fn build(root: &std::path::Path, dest: &std::path::Path) -> (i32, String) {
    let out = followup()
        .arg("build")
        .arg(root)
        .arg("--dest")
        .arg(dest)
        .env("NO_COLOR", "1")
        .output()
        .expect("run followup");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn missing_book_toml() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (code, err) = build(tmp.path(), &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("book.toml") && err.contains("no book.toml in"),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn summary_entry_for_a_missing_file() {
    let (tmp, root) = fixture_copy();
    edit(
        &root.join("guides/SUMMARY.md"),
        "- [Templates](templates.md)",
        "- [Templates](no-such-chapter.md)",
    );
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("chapter file `no-such-chapter.md` not found"),
        "{err}"
    );
    assert!(
        err.contains("SUMMARY.md:16:3"),
        "names file and line: {err}"
    );
}

#[test]
fn chapter_listed_twice() {
    let (tmp, root) = fixture_copy();
    edit(
        &root.join("guides/SUMMARY.md"),
        "- [Templates](templates.md)",
        "- [Templates](templates.md)\n- [Again](timing.md)",
    );
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("chapter `timing.md` is listed twice"), "{err}");
    assert!(err.contains("SUMMARY.md:17:3"), "{err}");
    assert!(err.contains("first listed on line 7"), "{err}");
}

#[test]
fn broken_yaml_in_a_rule_file() {
    let (tmp, root) = fixture_copy();
    let rules = root.join("rules");
    std::fs::create_dir_all(&rules).expect("rules folder");
    std::fs::write(
        rules.join("first-name-salutation.yaml"),
        "id: first-name-salutation\nlevel: warning\napplies-to: [thank-you\nsummary: x\n",
    )
    .expect("write rule");
    let mut config = std::fs::read_to_string(root.join("book.toml")).expect("book.toml");
    config.push_str("rules = \"rules\"\n");
    std::fs::write(root.join("book.toml"), config).expect("write book.toml");
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid rule file"), "{err}");
    assert!(
        err.contains("first-name-salutation.yaml:"),
        "names the file: {err}"
    );
}

#[test]
fn unknown_key_in_book_toml() {
    let (tmp, root) = fixture_copy();
    edit(&root.join("book.toml"), "site-url =", "site-ulr =");
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown key `output.html.site-ulr`"), "{err}");
    assert!(err.contains("book.toml:11:1"), "names the line: {err}");
    assert!(err.contains("did you mean `site-url`?"), "{err}");
}

#[test]
fn mdbook_settings_followup_ignores_are_warnings() {
    let (tmp, root) = fixture_copy();
    edit(
        &root.join("book.toml"),
        "[output.html]\n",
        "[output.html]\nmathjax-support = true\n",
    );
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning:") && err.contains("output.html.mathjax-support"),
        "{err}"
    );
}

#[test]
fn destination_that_is_or_holds_the_sources() {
    let (_tmp, root) = fixture_copy();
    for (dest, expected) in [
        (root.join("guides"), "the destination is the source folder"),
        (root.clone(), "the destination contains the source folder"),
        (
            root.parent().expect("parent").to_path_buf(),
            "the destination contains the source folder",
        ),
    ] {
        let (code, err) = build(&root, &dest);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expected), "{dest:?}: {err}");
    }
    assert!(
        root.join("guides/SUMMARY.md").is_file(),
        "sources untouched"
    );
}

#[test]
fn non_empty_destination_not_written_by_followup() {
    let (tmp, root) = fixture_copy();
    let dest = tmp.path().join("precious");
    std::fs::create_dir_all(&dest).expect("dest");
    std::fs::write(dest.join("notes.txt"), "keep me").expect("write");
    let (code, err) = build(&root, &dest);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not empty and was not written by followup build"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dest.join("notes.txt")).expect("kept"),
        "keep me"
    );
}

#[test]
fn failed_build_leaves_the_previous_site() {
    let (tmp, root) = fixture_copy();
    let dest = tmp.path().join("site");
    let (code, err) = build(&root, &dest);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read_to_string(dest.join("timing.html")).expect("built");
    // A rebuild over a previous build works.
    let (code, err) = build(&root, &dest);
    assert_eq!(code, 0, "{err}");
    edit(
        &root.join("guides/timing.md"),
        "Send the note within a day.",
        "Changed text.",
    );
    edit(
        &root.join("guides/SUMMARY.md"),
        "[Glossary](glossary.md)",
        "[Glossary](gone.md)",
    );
    let (code, err) = build(&root, &dest);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(dest.join("timing.html")).expect("still there"),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn summary_with_text_that_is_not_a_link() {
    let (tmp, root) = fixture_copy();
    edit(
        &root.join("guides/SUMMARY.md"),
        "- [Templates](templates.md)",
        "- Templates without a link",
    );
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("expected a link to a chapter") || err.contains("without a chapter link"),
        "{err}"
    );
    assert!(err.contains("SUMMARY.md:16:"), "{err}");
}

#[test]
fn destination_inside_the_theme_folder() {
    let (_tmp, root) = fixture_copy();
    std::fs::create_dir_all(root.join("theme")).expect("theme folder");
    let (code, err) = build(&root, &root.join("theme/site"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the destination is inside the theme folder"),
        "{err}"
    );
}

#[test]
fn links_to_chapters_the_book_lacks_are_warnings() {
    let (tmp, root) = fixture_copy();
    edit(
        &root.join("guides/timing.md"),
        "Send the note within a day.",
        "See [the missing chapter](missing.md).",
    );
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning:")
            && err.contains("timing.md")
            && err.contains("link to `missing.html`"),
        "{err}"
    );
}

#[test]
fn chapter_page_that_clashes_with_a_generated_page() {
    let (tmp, root) = fixture_copy();
    std::fs::create_dir_all(root.join("guides/rules")).expect("folder");
    std::fs::write(root.join("guides/rules/index.md"), "# Mine\n").expect("chapter");
    edit(
        &root.join("guides/SUMMARY.md"),
        "- [Templates](templates.md)",
        "- [Templates](templates.md)\n- [Mine](rules/index.md)",
    );
    let (code, err) = build(&root, &tmp.path().join("out"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("chapter page `rules/index.html` clashes"),
        "{err}"
    );
    assert!(err.contains("SUMMARY.md:17:3"), "{err}");
}

#[test]
fn open_without_a_browser_opener_is_harmless() {
    let (tmp, root) = fixture_copy();
    let out = followup()
        .arg("build")
        .arg(&root)
        .arg("--dest")
        .arg(tmp.path().join("out"))
        .arg("--open")
        .env("PATH", tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run followup");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("open") && err.contains("index.html"), "{err}");
}

#[test]
fn additional_css_outside_the_book_is_refused() {
    let (tmp, root) = fixture_copy();
    std::fs::write(tmp.path().join("outside.css"), "body {}").expect("write");
    edit(
        &root.join("book.toml"),
        "[output.html]\n",
        "[output.html]\nadditional-css = [\"../outside.css\"]\n",
    );
    let out = tmp.path().join("site");
    let (code, err) = build(&root, &out);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("output.html.additional-css"),
        "names the key: {err}"
    );
    assert!(err.contains("../outside.css"), "names the path: {err}");
    assert!(err.contains("book.toml:11:"), "points at the line: {err}");
    assert!(!out.exists(), "nothing written");
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_the_book_are_refused() {
    let (tmp, root) = fixture_copy();
    let victim = tmp.path().join("victim");
    std::fs::create_dir_all(&victim).expect("mkdir");
    std::fs::write(victim.join("x.css"), "secret").expect("write");
    std::os::unix::fs::symlink(&victim, root.join("link")).expect("symlink");
    edit(
        &root.join("book.toml"),
        "[output.html]\n",
        "[output.html]\nadditional-js = [\"link/x.css\"]\n",
    );
    let (code, err) = build(&root, &tmp.path().join("site"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("output.html.additional-js"), "{err}");
    assert!(err.contains("link/x.css"), "{err}");

    // A theme file that is a link out of the book is refused too.
    edit(
        &root.join("book.toml"),
        "additional-js = [\"link/x.css\"]\n",
        "",
    );
    std::fs::create_dir_all(root.join("theme")).expect("mkdir");
    std::os::unix::fs::symlink(victim.join("x.css"), root.join("theme/page.html"))
        .expect("symlink");
    let (code, err) = build(&root, &tmp.path().join("site"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("outside the book folder"), "{err}");
    assert_eq!(
        std::fs::read_to_string(victim.join("x.css")).expect("read"),
        "secret"
    );
}

#[test]
fn rule_text_is_escaped_in_the_site() {
    let (tmp, root) = fixture_copy();
    let rules = root.join("rules");
    std::fs::create_dir_all(&rules).expect("rules folder");
    let repo_rule =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/casual-greeting.yaml");
    let mut text = std::fs::read_to_string(repo_rule).expect("read rule");
    for (from, to) in [
        (
            "summary: The greeting word",
            "summary: <img src=x onerror=alert(1)> The greeting word",
        ),
        (
            "message: \"`{match}` is",
            "message: \"<b onclick=alert(2)>`{match}`</b> is",
        ),
        (
            "help: open with",
            "help: <script>alert(3)</script> open with",
        ),
        (
            "title: replace the casual",
            "title: <iframe src=javascript:alert(4)></iframe> replace the casual",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(rules.join("casual-greeting.yaml"), text).expect("write rule");
    let mut config = std::fs::read_to_string(root.join("book.toml")).expect("book.toml");
    config = config.replace(
        "site-url = \"https://example.com/handbook/\"",
        "site-url = \"https://example.com/\\\"><script>alert(5)</script>/\"",
    );
    config.push_str("rules = \"rules\"\n");
    std::fs::write(root.join("book.toml"), config).expect("write book.toml");
    let out = tmp.path().join("out");
    let (code, err) = build(&root, &out);
    assert_eq!(code, 0, "{err}");
    for page in [
        "rules/index.html",
        "rules/casual-greeting.html",
        "print.html",
        "404.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).expect(page);
        for raw in [
            "<img src=x",
            "<b onclick",
            "<script>alert",
            "<iframe src=javascript",
        ] {
            assert!(!html.contains(raw), "{page} has raw `{raw}`");
        }
    }
    let index = std::fs::read_to_string(out.join("rules/index.html")).expect("index");
    assert!(
        index.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "shown as text"
    );
}

#[test]
fn script_urls_in_book_toml_are_refused() {
    for (key, value) in [
        ("git-repository-url", "javascript:alert(1)"),
        ("edit-url-template", " JavaScript:alert(1)//{path}"),
        (
            "git-repository-url",
            "data:text/html,<script>alert(1)</script>",
        ),
    ] {
        let (tmp, root) = fixture_copy();
        let text = std::fs::read_to_string(root.join("book.toml")).expect("read");
        let text: String = text
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{key} =")) {
                    format!("{key} = \"{value}\"\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(root.join("book.toml"), text).expect("write");
        let (code, err) = build(&root, &tmp.path().join("out"));
        assert_eq!(code, 2, "{key} = {value}: {err}");
        assert!(
            err.contains(&format!("`{key}` must be an http(s) or relative URL")),
            "{err}"
        );
        assert!(err.contains("book.toml:"), "names the line: {err}");
    }
}
