//! The print page: every page of the book in reading order, with ids made
//! unique per chapter and links between pages turned into links within the
//! page. Streamed to disk chapter by chapter.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use super::html::escape_html;
use super::markdown::ROOT;
use crate::text::error::{ErrorKind, FileError};

/// Stands for the chapters in the rendered layout.
pub(crate) const MARK: &str = "zzFollowupPrintBodyzz";

/// A page as the print page needs it.
pub(crate) struct PrintChapter<'a> {
    pub(crate) key: &'a str,
    pub(crate) title: &'a str,
    pub(crate) body: &'a str,
    pub(crate) has_h1: bool,
}

/// Writes the print page: `layout` is the page template rendered around [`MARK`].
pub(crate) fn write(
    path: &Path,
    layout: &str,
    chapters: &[PrintChapter<'_>],
) -> Result<(), FileError> {
    let prefixes: HashMap<&str, String> = chapters
        .iter()
        .map(|c| (c.key, print_prefix(c.key)))
        .collect();
    let (head, tail) = layout.split_once(MARK).unwrap_or((layout, ""));
    let failed = |e: std::io::Error| {
        FileError::new(path.display().to_string(), format!("cannot write: {e}"))
            .with_kind(ErrorKind::Book)
    };
    let file = std::fs::File::create(path).map_err(failed)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
    w.write_all(head.as_bytes()).map_err(failed)?;
    for c in chapters {
        let prefix = print_prefix(c.key);
        writeln!(w, "<section class=\"print-chapter\" id=\"{prefix}\">").map_err(failed)?;
        if !c.has_h1 {
            writeln!(w, "<h1>{}</h1>", escape_html(c.title)).map_err(failed)?;
        }
        w.write_all(print_body(c.body, &prefix, &prefixes).as_bytes())
            .map_err(failed)?;
        w.write_all(b"</section>\n").map_err(failed)?;
    }
    w.write_all(tail.as_bytes()).map_err(failed)?;
    w.flush().map_err(failed)
}

/// Rewrites a page body for the print page: ids get the page's prefix and
/// links to pages of the book become links within the print page.
fn print_body(body: &str, prefix: &str, prefixes: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    let mut rest = body;
    const ATTRIBUTES: [&str; 6] = [
        " id=\"",
        " href=\"",
        " src=\"",
        " aria-labelledby=\"",
        " aria-describedby=\"",
        " for=\"",
    ];
    // One pass over `="`: look back for the attribute name.
    let mut searched = 0;
    while let Some(at) = rest[searched..].find("=\"").map(|i| searched + i) {
        let Some(pat) = ATTRIBUTES.iter().find(|p| rest[..at + 2].ends_with(*p)) else {
            searched = at + 2;
            continue;
        };
        searched = 0;
        let i = at + 2 - pat.len();
        out.push_str(&rest[..i + pat.len()]);
        rest = &rest[i + pat.len()..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        match *pat {
            " id=\"" => {
                out.push_str(prefix);
                out.push_str("--");
                out.push_str(value);
            }
            " aria-labelledby=\"" | " aria-describedby=\"" | " for=\"" => {
                let ids: Vec<String> = value
                    .split_whitespace()
                    .map(|id| format!("{prefix}--{id}"))
                    .collect();
                out.push_str(&ids.join(" "));
            }
            " href=\"" if value.starts_with('#') => {
                out.push('#');
                out.push_str(prefix);
                out.push_str("--");
                out.push_str(&value[1..]);
            }
            _ => match value.strip_prefix(ROOT) {
                Some(target) => {
                    let (path, fragment) = match target.find('#') {
                        Some(j) => (&target[..j], Some(&target[j + 1..])),
                        None => (target, None),
                    };
                    match (prefixes.get(path), *pat) {
                        (Some(p), " href=\"") => {
                            out.push('#');
                            out.push_str(p);
                            if let Some(f) = fragment {
                                out.push_str("--");
                                out.push_str(f);
                            }
                        }
                        _ => out.push_str(target),
                    }
                }
                None => out.push_str(value),
            },
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace(ROOT, "")
}

fn print_prefix(key: &str) -> String {
    key.strip_suffix(".html").unwrap_or(key).replace('/', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_stay_inside_the_print_page() {
        let prefixes: HashMap<&str, String> = [
            ("a.html", "a".to_string()),
            ("sub/b.html", "sub-b".to_string()),
        ]
        .into();
        let body = format!(
            "<h2 id=\"x\"><a class=\"header\" href=\"#x\">X</a></h2><a href=\"{ROOT}sub/b.html#y\">b</a>\
             <img src=\"{ROOT}img/e.svg\" alt=\"\"><section aria-labelledby=\"x\"></section><a href=\"{ROOT}sub/b.html\">b</a>"
        );
        let out = print_body(&body, "a", &prefixes);
        assert_eq!(
            out,
            "<h2 id=\"a--x\"><a class=\"header\" href=\"#a--x\">X</a></h2><a href=\"#sub-b--y\">b</a>\
             <img src=\"img/e.svg\" alt=\"\"><section aria-labelledby=\"a--x\"></section><a href=\"#sub-b\">b</a>"
        );
    }
}
