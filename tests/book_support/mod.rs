//! Helpers shared by the handbook tests: copying fixture books, building
//! them, and checking that every internal link and anchor of a built site
//! resolves.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// The fixture book used by most tests.
pub(crate) fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")
}

/// The repository root (holding the real handbook's book.toml).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A copy of the fixture book in a new temporary folder.
pub(crate) fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("book-src");
    copy_dir(&fixture(), &root);
    (tmp, root)
}

/// Runs the followup binary.
pub(crate) fn followup() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("followup").expect("binary")
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Every problem with internal links in the site at `site`: missing files
/// and missing `#anchors`. `site_path` is the URL path the site is published
/// under (`/handbook/`), for root-relative links in the 404 page.
pub(crate) fn broken_links(site: &Path, site_path: &str) -> Vec<String> {
    let id_re = Regex::new(r#"\sid="([^"]*)""#).expect("regex");
    let link_re = Regex::new(r#"\s(?:href|src)="([^"]*)""#).expect("regex");
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut pages: Vec<(PathBuf, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(path).expect("read page");
            let set = id_re
                .captures_iter(&text)
                .map(|c| decode_entities(&c[1]))
                .collect();
            let rel = path.strip_prefix(site).expect("inside").to_path_buf();
            ids.insert(rel.clone(), set);
            pages.push((rel, text));
        }
    }
    let mut problems = Vec::new();
    for (rel, text) in &pages {
        let dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        for cap in link_re.captures_iter(text) {
            let url = decode_entities(&cap[1]);
            if url.contains("://") || url.starts_with("mailto:") || url.starts_with("data:") {
                continue;
            }
            let (path_part, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let path_part = path_part.split('?').next().unwrap_or_default().to_string();
            let target = if path_part.is_empty() {
                rel.clone()
            } else if let Some(abs) = path_part.strip_prefix('/') {
                match format!("/{abs}").strip_prefix(site_path) {
                    Some(inside) => normalize(Path::new(&percent_decode(inside))),
                    None => {
                        problems.push(format!("{}: link `{url}` leaves the site", rel.display()));
                        continue;
                    }
                }
            } else {
                normalize(&dir.join(percent_decode(&path_part)))
            };
            let mut file = site.join(&target);
            let mut target = target;
            if file.is_dir() {
                file = file.join("index.html");
                target = target.join("index.html");
            }
            if !file.is_file() {
                problems.push(format!(
                    "{}: link `{url}` points at a missing file",
                    rel.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment {
                if fragment.is_empty() {
                    continue;
                }
                let fragment = percent_decode(&fragment);
                match ids.get(&target) {
                    Some(set) if set.contains(&fragment) => {}
                    Some(_) => problems.push(format!(
                        "{}: link `{url}` names a missing anchor",
                        rel.display()
                    )),
                    None => problems.push(format!(
                        "{}: link `{url}` has an anchor on a non-page",
                        rel.display()
                    )),
                }
            }
        }
    }
    // The search index's pages and anchors.
    if let Ok(js) = std::fs::read_to_string(site.join("searchindex.js")) {
        let json = js
            .trim()
            .trim_start_matches("window.followupSearchIndex=")
            .trim_end_matches(';');
        let index: serde_json::Value = serde_json::from_str(json).expect("search index is JSON");
        let pages = index["p"].as_array().expect("pages");
        for section in index["s"].as_array().expect("sections") {
            let page = &pages[section[0].as_u64().expect("page number") as usize];
            let key = PathBuf::from(page[1].as_str().expect("key"));
            let anchor = section[1].as_str().expect("anchor");
            match ids.get(&key) {
                None => problems.push(format!(
                    "searchindex.js: page `{}` is missing",
                    key.display()
                )),
                Some(set) if !anchor.is_empty() && !set.contains(anchor) => problems.push(format!(
                    "searchindex.js: anchor `{anchor}` is missing from `{}`",
                    key.display()
                )),
                _ => {}
            }
        }
    }
    problems
}

/// Writes a synthetic book of `chapters` chapters of about `words` words.
pub(crate) fn synthetic_book(root: &Path, chapters: usize, words: usize) {
    let src = root.join("src");
    std::fs::create_dir_all(&src).expect("create src");
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Synthetic\"\nsrc = \"src\"\n\n[output.followup]\nrule-reference = false\n",
    )
    .expect("write book.toml");
    let vocabulary = [
        "interview",
        "thank",
        "note",
        "salutation",
        "timing",
        "recruiter",
        "hiring",
        "manager",
        "follow",
        "reply",
        "courteous",
        "brief",
        "specific",
        "detail",
        "team",
        "role",
        "offer",
        "decision",
        "week",
        "message",
    ];
    let mut summary = String::from("# Summary\n\n");
    for i in 0..chapters {
        summary.push_str(&format!("- [Chapter {i}](chapter-{i}.md)\n"));
        let mut text = format!("# Chapter {i}\n\n");
        for w in 0..words {
            if w % 120 == 0 {
                text.push_str(&format!("\n\n## Section {}\n\n", w / 120));
            }
            text.push_str(vocabulary[(i * 7 + w * 3) % vocabulary.len()]);
            text.push(if w % 15 == 14 { '.' } else { ' ' });
        }
        std::fs::write(src.join(format!("chapter-{i}.md")), text).expect("write chapter");
    }
    std::fs::write(src.join("SUMMARY.md"), summary).expect("write summary");
}
