//! The search index: page titles and heading-level sections with their
//! plain text, written as `searchindex.js` so search works from `file://`.

use super::markdown::Section;

/// A page as the index sees it.
pub(crate) struct IndexedPage<'a> {
    pub(crate) title: &'a str,
    pub(crate) key: &'a str,
    pub(crate) sections: &'a [Section],
}

fn push_json(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            // `</script>` and line separators stay harmless in a script.
            '<' => "\\u003c",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            c if (c as u32) < 0x20 => {
                out.push_str(&s[plain..i]);
                out.push_str(&format!("\\u{:04x}", c as u32));
                plain = i + c.len_utf8();
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        out.push_str(escaped);
        plain = i + c.len_utf8();
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// `window.followupSearchIndex = {p: [[title, url]…], s: [[page, anchor, heading, text]…]};`
pub(crate) fn script(pages: &[IndexedPage<'_>]) -> String {
    let size: usize = pages
        .iter()
        .flat_map(|p| p.sections.iter())
        .map(|s| s.text.len() + s.heading.len() + s.anchor.len() + 16)
        .sum();
    let mut out = String::with_capacity(size + 64 * pages.len() + 64);
    out.push_str("window.followupSearchIndex={\"p\":[");
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_json(&mut out, page.title);
        out.push(',');
        push_json(&mut out, page.key);
        out.push(']');
    }
    out.push_str("],\"s\":[");
    let mut first = true;
    for (i, page) in pages.iter().enumerate() {
        for section in page.sections {
            if section.text.is_empty() && section.heading.is_empty() {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push('[');
            out.push_str(&i.to_string());
            out.push(',');
            push_json(&mut out, &section.anchor);
            out.push(',');
            push_json(&mut out, &section.heading);
            out.push(',');
            push_json(&mut out, &section.text);
            out.push(']');
        }
    }
    out.push_str("]};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_a_script_assigning_a_global() {
        let sections = vec![Section {
            anchor: "a".into(),
            heading: "A \"quoted\"".into(),
            text: "x </script> y".into(),
        }];
        let js = script(&[IndexedPage {
            title: "T",
            key: "t.html",
            sections: &sections,
        }]);
        assert!(js.starts_with("window.followupSearchIndex={"));
        assert!(!js.contains("</script>"));
        let json = js
            .trim_start_matches("window.followupSearchIndex=")
            .trim_end()
            .trim_end_matches(';');
        let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
        assert_eq!(v["s"][0][2], "A \"quoted\"");
        assert_eq!(v["s"][0][3], "x </script> y");
    }
}
