//! Building handbooks: the fixture book and the real one resolve every
//! internal link and anchor, carry the pieces the site needs, and keep the
//! navigation in one file.

mod book_support;

use book_support::{broken_links, fixture, repo, synthetic_book};
use followup::book::{self, BuildOptions};

fn build_into(root: &std::path::Path, dest: &std::path::Path) -> book::BuildReport {
    match book::build(&BuildOptions {
        root: root.to_path_buf(),
        dest: Some(dest.to_path_buf()),
        live_reload: false,
    }) {
        Ok(report) => report,
        Err(errors) => panic!(
            "build failed: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn fixture_book_links_and_anchors_resolve() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    build_into(&fixture(), &dest);
    let problems = broken_links(&dest, "/handbook/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn fixture_book_has_every_part_of_the_site() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    let report = build_into(&fixture(), &dest);
    for file in [
        "index.html",
        "introduction.html",
        "advanced/same-day.html",
        "print.html",
        "404.html",
        "toc.js",
        "toc.html",
        "searchindex.js",
        "sitemap.xml",
        "css/book.css",
        "js/book.js",
        "favicon.svg",
        "img/envelope.svg",
        "rules/index.html",
        "rules/first-name-salutation.html",
        ".followup-build",
    ] {
        assert!(dest.join(file).is_file(), "missing {file}");
    }
    assert!(!dest.join("SUMMARY.html").exists());
    assert_eq!(
        report.stats.rules,
        followup::Catalog::builtin()
            .expect("catalog")
            .rules()
            .count()
    );

    let page = std::fs::read_to_string(dest.join("timing.html")).expect("page");
    assert!(page.contains("<html lang=\"en\""));
    assert_eq!(page.matches("<h1").count(), 1, "one h1");
    assert!(page.contains("href=\"#content\""), "skip link");
    assert!(page.contains("aria-label=\"Table of contents\""));
    assert!(page.contains("<label for=\"search-input\""));
    assert!(
        page.contains("<noscript><iframe"),
        "navigation without JavaScript"
    );
    assert!(
        page.contains("id=\"within-24-hours-1\""),
        "mdBook-style duplicate ids"
    );
    assert!(page.contains("rel=\"prev\" href=\"introduction.html\""));
    assert!(page.contains("rel=\"next\" href=\"advanced/same-day.html\""));
    assert!(
        !page.contains("/__followup/version"),
        "no live reload in a plain build"
    );

    let draft = std::fs::read_to_string(dest.join("addressing-people.html")).expect("page");
    assert!(draft.contains(
        "<pre class=\"draft\" tabindex=\"0\"><code class=\"language-draft\">Dear Ms. Okafor,"
    ));
    assert!(draft.contains("&lt;the tour&gt; &amp; the coffee"));

    let toc = std::fs::read_to_string(dest.join("toc.html")).expect("toc");
    for piece in [
        "Introduction",
        "Basics",
        "1.1.",
        "draft-chapter",
        "spacer",
        "Glossary",
        "Rule reference",
        "rules/first-name-salutation.html",
    ] {
        assert!(toc.contains(piece), "toc lacks {piece}");
    }
    // Suffix chapter after the numbered ones, rule reference last.
    assert!(toc.find("Glossary") < toc.find("Rule reference"));

    let sitemap = std::fs::read_to_string(dest.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<loc>https://example.com/handbook/rules/too-long.html</loc>"));

    let print = std::fs::read_to_string(dest.join("print.html")).expect("print");
    assert!(print.contains("id=\"timing--within-24-hours\""));
    assert!(print.contains("href=\"#addressing-people--the-salutation\""));

    let not_found = std::fs::read_to_string(dest.join("404.html")).expect("404");
    assert!(not_found.contains("href=\"/handbook/css/book.css\""));
}

#[test]
fn rule_pages_show_the_real_diagnostics() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    build_into(&fixture(), &dest);
    let linter = followup::Linter::builtin()
        .expect("linter")
        .with_handbook_url("https://example.com/handbook/");
    let rule = linter
        .catalog()
        .get("first-name-salutation")
        .expect("rule")
        .clone();
    let page =
        std::fs::read_to_string(dest.join("rules/first-name-salutation.html")).expect("page");
    for example in &rule.bad {
        let printed = followup::report::examples::render_diagnostics(&linter, &rule, example);
        let first_line = printed.lines().next().expect("a diagnostic");
        let escaped = first_line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(page.contains(escaped.trim()), "page lacks `{first_line}`");
    }
    assert!(page.contains("<a href=\"../rules/first-name-salutation.html\">https://example.com/handbook/rules/first-name-salutation.html</a>"));
    assert!(
        page.contains("href=\"../addressing-people.html\""),
        "links its guide chapter"
    );
    assert!(page.contains("Dear Ms. Achebe"), "shows the good examples");
}

#[test]
fn real_handbook_builds_and_links_resolve() {
    let root = repo();
    if !root.join("guides/SUMMARY.md").is_file() {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    let report = build_into(&root, &dest);
    let problems = broken_links(&dest, "/handbook/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.is_empty(),
        "the handbook builds with warnings:\n{}",
        warnings.join("\n")
    );
    let linter = followup::Linter::builtin().expect("linter");
    for rule in linter.catalog().rules() {
        let url = linter.rule_url(&rule.id);
        let rel = url
            .strip_prefix(followup::engine::linter::DEFAULT_HANDBOOK_URL)
            .expect("default handbook url");
        assert!(
            dest.join(rel).is_file(),
            "diagnostic link {url} has no page"
        );
    }
}

#[test]
fn book_toml_site_url_matches_the_linter() {
    let (config, warnings) = book::load_config(&repo()).unwrap_or_else(|e| panic!("{}", e[0]));
    assert_eq!(
        config.html.site_url.as_deref(),
        Some(followup::engine::linter::DEFAULT_HANDBOOK_URL)
    );
    assert!(
        warnings.is_empty(),
        "book.toml has ignored settings: {}",
        warnings[0]
    );
    assert_eq!(config.src, std::path::PathBuf::from("guides"));
}

#[test]
fn navigation_is_written_once() {
    // A chapter page of a 300-chapter book is as big as one of a 10-chapter
    // book: the chapter list lives in toc.js and toc.html only.
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut sizes = Vec::new();
    for count in [10, 300] {
        let root = tmp.path().join(format!("book-{count}"));
        synthetic_book(&root, count, 150);
        let dest = tmp.path().join(format!("site-{count}"));
        build_into(&root, &dest);
        let page = std::fs::read_to_string(dest.join("chapter-5.html")).expect("page");
        assert!(
            !page.contains("chapter-9.html"),
            "a page repeats the chapter list"
        );
        let toc = std::fs::metadata(dest.join("toc.js"))
            .expect("toc.js")
            .len();
        sizes.push((page.len() as i64, toc));
    }
    let (small, large) = (sizes[0], sizes[1]);
    assert!(
        (large.0 - small.0).abs() < 64,
        "page size grows with the book: {} vs {}",
        small.0,
        large.0
    );
    assert!(large.1 > small.1 * 10, "toc.js holds the chapter list");
}

#[test]
fn serve_build_adds_live_reload() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    book::build(&BuildOptions {
        root: fixture(),
        dest: Some(dest.clone()),
        live_reload: true,
    })
    .unwrap_or_else(|e| panic!("{}", e[0]));
    let page = std::fs::read_to_string(dest.join("timing.html")).expect("page");
    assert!(page.contains("/__followup/version"));
    let not_found = std::fs::read_to_string(dest.join("404.html")).expect("404");
    assert!(not_found.contains("href=\"/css/book.css\""));
}

#[test]
fn theme_files_next_to_book_toml_override_the_defaults() {
    let (tmp, root) = book_support::fixture_copy();
    std::fs::create_dir_all(root.join("theme/css")).expect("theme folder");
    std::fs::write(
        root.join("theme/css/book.css"),
        "body { color: rebeccapurple; }\n",
    )
    .expect("css");
    let page = include_str!("../theme/page.html").replace(
        "<main id=\"content\"",
        "<main data-custom=\"yes\" id=\"content\"",
    );
    std::fs::write(root.join("theme/page.html"), page).expect("template");
    let dest = tmp.path().join("site");
    build_into(&root, &dest);
    let css = std::fs::read_to_string(dest.join("css/book.css")).expect("css");
    assert!(css.contains("rebeccapurple"));
    assert!(
        std::fs::read_to_string(dest.join("timing.html"))
            .expect("page")
            .contains("data-custom=\"yes\"")
    );
    // Files not overridden still come from the built-in theme.
    assert!(
        std::fs::read_to_string(dest.join("js/book.js"))
            .expect("js")
            .contains("followupSearchIndex")
    );
}

#[test]
fn broken_template_names_the_file_and_line() {
    let (tmp, root) = book_support::fixture_copy();
    std::fs::create_dir_all(root.join("theme")).expect("theme folder");
    std::fs::write(
        root.join("theme/toc.html"),
        "<nav>\n{% for x in %}\n</nav>\n",
    )
    .expect("template");
    let errors = book::build(&BuildOptions {
        root: root.clone(),
        dest: Some(tmp.path().join("site")),
        live_reload: false,
    })
    .err()
    .unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].path.ends_with("theme/toc.html"), "{}", errors[0]);
    assert_eq!(
        errors[0].line_col().map(|(l, _)| l),
        Some(2),
        "{}",
        errors[0]
    );
}

#[test]
fn search_off_and_no_site_url() {
    let (tmp, root) = book_support::fixture_copy();
    let config = std::fs::read_to_string(root.join("book.toml")).expect("book.toml");
    let config = config
        .replace("site-url = \"https://example.com/handbook/\"\n", "")
        .replace(
            "[output.html.search]\nenable = true",
            "[output.html.search]\nenable = false",
        );
    std::fs::write(root.join("book.toml"), config).expect("write");
    let dest = tmp.path().join("site");
    build_into(&root, &dest);
    assert!(!dest.join("searchindex.js").exists());
    assert!(!dest.join("sitemap.xml").exists());
    let page = std::fs::read_to_string(dest.join("timing.html")).expect("page");
    assert!(!page.contains("search-input"));
    let rule =
        std::fs::read_to_string(dest.join("rules/first-name-salutation.html")).expect("page");
    assert!(
        rule.contains("see: <a href=\"../rules/first-name-salutation.html\">"),
        "local diagnostic links"
    );
    let problems = book_support::broken_links(&dest, "/");
    assert!(problems.is_empty(), "{problems:?}");
}

/// The ids a page defines (`id="…"`).
fn ids_in(page: &str) -> std::collections::HashSet<&str> {
    page.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn long_chapters_open_with_an_outline_of_their_sections() {
    let root = repo();
    if !root.join("guides/SUMMARY.md").is_file() {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    build_into(&root, &dest);
    let page = std::fs::read_to_string(dest.join("checking-in.html")).expect("page");
    let nav = page
        .find("<nav class=\"page-outline\" aria-label=\"On this page\">")
        .expect("checking-in.html has an outline");
    let h1 = page.find("</h1>").expect("a title");
    let intro = page
        .find("The interview went well")
        .expect("the first paragraph");
    assert!(
        h1 < nav && nav < intro,
        "the outline sits between the title and the text"
    );
    let outline = &page[nav..nav + page[nav..].find("</nav>").expect("closed")];
    let targets: Vec<&str> = outline
        .split("href=\"#")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(targets.contains(&"how-often"), "{targets:?}");
    assert_eq!(
        targets.len(),
        page.matches("<h2 id=").count(),
        "one entry per section"
    );
    let ids = ids_in(&page);
    for target in &targets {
        assert!(
            ids.contains(target),
            "outline link #{target} has no heading"
        );
    }
    // A short chapter, a rule page and the print page have none.
    for short in ["when-to-send.html", "rules/too-long.html", "print.html"] {
        let text = std::fs::read_to_string(dest.join(short)).expect("page");
        assert!(
            !text.contains("class=\"page-outline\""),
            "{short} has an outline"
        );
    }
}

#[test]
fn rule_pages_show_message_slots_and_search_has_no_markdown() {
    let root = repo();
    if !root.join("guides/SUMMARY.md").is_file() {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    build_into(&root, &dest);
    let slot = "<var class=\"slot\" title=\"filled in from your draft\">";
    let page =
        std::fs::read_to_string(dest.join("rules/first-name-salutation.html")).expect("page");
    assert!(
        page.contains(&format!("first name only (<code>{slot}name</var></code>)")),
        "the message shows its slot"
    );
    let too_long = std::fs::read_to_string(dest.join("rules/too-long.html")).expect("page");
    let message = too_long
        .split("<dt>Message</dt>")
        .nth(1)
        .and_then(|rest| rest.split("</dd>").next())
        .expect("a message");
    assert_eq!(message.matches(slot).count(), 3, "{message}");
    assert!(!message.contains('{'), "{message}");
    let mismatch = std::fs::read_to_string(dest.join("rules/name-mismatch.html")).expect("page");
    assert!(
        mismatch.contains(&format!("{slot}expected</var>")),
        "help slots too"
    );
    // A summary quoting a template field keeps its braces: it is an example, not a slot.
    let leftover =
        std::fs::read_to_string(dest.join("rules/leftover-placeholder.html")).expect("page");
    assert!(leftover.contains("{company}"));

    let index = std::fs::read_to_string(dest.join("searchindex.js")).expect("index");
    let json = index
        .trim_start_matches("window.followupSearchIndex=")
        .trim_end()
        .trim_end_matches(';');
    let value: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
    let sections = value["s"].as_array().expect("sections");
    assert!(sections.len() > 100, "{} sections", sections.len());
    for section in sections {
        for field in [2, 3] {
            let text = section[field].as_str().unwrap_or_default();
            assert!(
                !text.contains('`'),
                "raw backticks in the search index: {text}"
            );
        }
    }
    let rule = sections
        .iter()
        .filter_map(|s| s[3].as_str())
        .find(|t| t.starts_with("first-name-salutation:"))
        .expect("the rule page is indexed");
    assert!(rule.contains("such as Dear Ms. Okafor,"), "{rule}");
}
