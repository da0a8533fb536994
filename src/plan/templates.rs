//! The skeleton notes `followup new` writes. They live in the handbook's
//! templates chapter (```` ```template KIND ```` blocks in
//! guides/templates.md), so the chapter and the command cannot drift apart.

use crate::draft::kind::NoteKind;

/// The templates chapter as compiled into the binary.
pub const CHAPTER: &str = include_str!("../../guides/templates.md");

/// Placeholder in a skeleton for the recipient's title and surname.
pub const TO: &str = "[title with surname]";
/// Placeholder for the employer.
pub const COMPANY: &str = "[company]";
/// Placeholder for the position.
pub const ROLE: &str = "[role]";
/// Placeholder for the writer's name.
pub const FROM: &str = "[your name]";

/// The skeleton for `kind` from the templates chapter, or `None` when the
/// chapter has no ```` ```template KIND ```` block for it.
pub fn skeleton(kind: NoteKind) -> Option<String> {
    skeleton_in(CHAPTER, kind)
}

/// The skeleton for `kind` in a chapter's text.
pub fn skeleton_in(chapter: &str, kind: NoteKind) -> Option<String> {
    let mut body: Option<String> = None;
    for line in chapter.lines() {
        match &mut body {
            None => {
                let Some(info) = line.trim().strip_prefix("```") else {
                    continue;
                };
                let mut info = info.split_whitespace();
                if info.next() == Some("template") && info.next() == Some(kind.as_str()) {
                    body = Some(String::new());
                }
            }
            Some(text) if line.trim_start().starts_with("```") => return Some(text.clone()),
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    None
}

/// The placeholders (`[…]`) of a skeleton, in order, each once.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let Some(len) = rest[start..].find(']') else {
            break;
        };
        let field = &rest[start..start + len + 1];
        if !out.iter().any(|f| f == field) {
            out.push(field.to_string());
        }
        rest = &rest[start + len + 1..];
    }
    out
}

/// How a greeting addresses `to`: title and surname when `to` starts with a
/// title (`Ms. Greta Solberg` → `Ms. Solberg`), else `to` as written.
pub fn addressee(to: &str) -> String {
    let words: Vec<&str> = to.split_whitespace().collect();
    match words.as_slice() {
        [title, .., surname]
            if words.len() >= 2 && crate::draft::greeting::canonical_title(title).is_some() =>
        {
            format!("{title} {surname}")
        }
        _ => words.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_skeleton() {
        for kind in NoteKind::ALL {
            let text = skeleton(kind).unwrap_or_default();
            assert!(text.contains(FROM), "{kind}: {text}");
            assert!(text.contains(TO), "{kind}");
        }
    }

    #[test]
    fn addressee_keeps_title_and_surname() {
        assert_eq!(addressee("Ms. Greta Solberg"), "Ms. Solberg");
        assert_eq!(addressee("Dr. Ana María López"), "Dr. López");
        assert_eq!(addressee("Greta Solberg"), "Greta Solberg");
        assert_eq!(
            placeholders("a [b] c [d] [b]"),
            vec!["[b]".to_string(), "[d]".to_string()]
        );
    }
}
