//! The chapter tree, written once: as `toc.js` (which fills every page's
//! sidebar and marks the current page) and as the list inside `toc.html`
//! (shown in an iframe when JavaScript is off).

use std::fmt::Write as _;

use super::html::escape_html;
use super::markdown::page_of;
use super::summary::{Summary, SummaryChapter, SummaryItem};

/// An entry of the generated part of the tree.
pub(crate) struct Extra {
    pub(crate) title: String,
    pub(crate) key: String,
    pub(crate) code: bool,
}

/// The generated part appended after the book's own chapters.
pub(crate) struct ExtraPart {
    pub(crate) title: String,
    pub(crate) index: Extra,
    pub(crate) children: Vec<Extra>,
}

fn number_label(number: &[u32]) -> String {
    let mut s = String::new();
    for n in number {
        let _ = write!(s, "{n}.");
    }
    s
}

fn chapter(out: &mut String, c: &SummaryChapter, numbers: bool) {
    out.push_str("<li class=\"chapter-item\">");
    let label = match (&c.number, numbers) {
        (Some(n), true) => format!("<strong aria-hidden=\"true\">{}</strong> ", number_label(n)),
        _ => String::new(),
    };
    match &c.path {
        Some(path) => {
            let _ = write!(
                out,
                "<a href=\"{}\">{label}{}</a>",
                escape_html(&page_of(path)),
                escape_html(&c.title)
            );
        }
        None => {
            let _ = write!(
                out,
                "<span class=\"draft-chapter\">{label}{}</span>",
                escape_html(&c.title)
            );
        }
    }
    if !c.children.is_empty() {
        out.push_str("<ol class=\"section\">");
        for child in &c.children {
            chapter(out, child, numbers);
        }
        out.push_str("</ol>");
    }
    out.push_str("</li>");
}

/// The `<ol>` of the whole book; links are relative to the site root.
pub(crate) fn list_html(summary: &Summary, extra: Option<&ExtraPart>, numbers: bool) -> String {
    let mut out = String::from("<ol class=\"chapters\">");
    for item in &summary.items {
        match item {
            SummaryItem::Chapter(c) => chapter(&mut out, c, numbers),
            SummaryItem::Part(title) => {
                let _ = write!(out, "<li class=\"part-title\">{}</li>", escape_html(title));
            }
            SummaryItem::Separator => {
                out.push_str("<li class=\"spacer\" aria-hidden=\"true\"></li>")
            }
        }
    }
    if let Some(part) = extra {
        let _ = write!(
            out,
            "<li class=\"part-title\">{}</li>",
            escape_html(&part.title)
        );
        let _ = write!(
            out,
            "<li class=\"chapter-item\"><a href=\"{}\">{}</a><ol class=\"section\">",
            escape_html(&part.index.key),
            escape_html(&part.index.title)
        );
        for e in &part.children {
            let title = if e.code {
                format!("<code>{}</code>", escape_html(&e.title))
            } else {
                escape_html(&e.title)
            };
            let _ = write!(
                out,
                "<li class=\"chapter-item\"><a href=\"{}\">{title}</a></li>",
                escape_html(&e.key)
            );
        }
        out.push_str("</ol></li>");
    }
    out.push_str("</ol>");
    out
}

/// `toc.js`: puts the list into `#toc`, points links at the site root and
/// marks the current page.
pub(crate) fn script(list: &str) -> String {
    let literal = serde_json::to_string(list).unwrap_or_else(|_| "\"\"".to_string());
    // `</` must not appear in a script: keep the literal safe for inlining too.
    let literal = literal.replace("</", "<\\/");
    format!(
        r#"(function () {{
  "use strict";
  var html = {literal};
  var host = document.getElementById("toc");
  if (!host) return;
  var script = document.currentScript;
  var base = script ? script.src.replace(/toc\.js(?:[?#].*)?$/, "") : (document.documentElement.getAttribute("data-root") || "");
  host.innerHTML = html;
  var current = document.documentElement.getAttribute("data-page");
  var links = host.querySelectorAll("a[href]");
  for (var i = 0; i < links.length; i++) {{
    var a = links[i];
    var href = a.getAttribute("href");
    if (href === current) {{
      a.classList.add("active");
      a.setAttribute("aria-current", "page");
    }}
    a.setAttribute("href", base + href);
  }}
  var active = host.querySelector("a.active");
  var box = document.getElementById("sidebar");
  if (active && box) {{
    var top = active.offsetTop - box.clientHeight / 3;
    if (top > 0) box.scrollTop = top;
  }}
}})();
"#
    )
}
