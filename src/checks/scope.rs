//! The part of a note a rule looks at (`scope:` in a `phrases`,
//! `required` or `length` check): the subject line, the greeting, the body,
//! the sign-off, or the whole note (the default).

use std::ops::Range;

use serde::Deserialize;

use crate::draft::document::Document;

/// A part of a note, as a rule file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The whole note: everything the check reads by default.
    #[default]
    Note,
    /// The mail subject (`Subject:`, `Sub:`, `Re:` header).
    Subject,
    /// The greeting line.
    Greeting,
    /// The body: between the greeting and the sign-off.
    Body,
    /// The closing phrase and the name under it.
    SignOff,
}

impl Scope {
    /// The source bytes of this part of `doc`, or `None` when the draft
    /// has no such part (no subject line, no greeting, no sign-off).
    pub fn span(self, doc: &Document) -> Option<Range<usize>> {
        match self {
            Scope::Note => Some(0..doc.text().len()),
            Scope::Subject => doc
                .headers
                .iter()
                .find(|h| h.name == "subject")
                .map(|h| h.value.clone()),
            Scope::Greeting => doc.greeting.as_ref().map(|g| g.line.clone()),
            Scope::Body => Some(doc.body_window.clone()),
            Scope::SignOff => {
                let sign_off = &doc.sign_off;
                let start = sign_off.closing.as_ref().or(sign_off.name.as_ref())?.start;
                let end = sign_off.name.as_ref().or(sign_off.closing.as_ref())?.end;
                Some(start..end.max(start))
            }
        }
    }

    /// Whether this is the whole note (nothing to narrow).
    pub fn is_note(self) -> bool {
        self == Scope::Note
    }

    /// Whether source bytes `span` lie inside `part`.
    pub fn holds(part: &Range<usize>, span: &Range<usize>) -> bool {
        part.start <= span.start && span.end <= part.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::source::SourceFile;

    fn doc(text: &str) -> Document {
        Document::parse(SourceFile::new("t.md", text), &["best regards".to_string()])
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn each_part_is_found_where_the_draft_has_it() {
        let text = "Subject: Thank you\n\nDear Ms. Lee,\n\nThank you for the interview.\n\nBest regards,\nAl Ng\n";
        let d = doc(text);
        let part = |s: Scope| s.span(&d).map(|r| &text[r]);
        assert_eq!(part(Scope::Subject), Some("Thank you"));
        assert_eq!(part(Scope::Greeting), Some("Dear Ms. Lee,"));
        assert!(part(Scope::Body).is_some_and(|b| b.contains("Thank you for the interview.")));
        assert_eq!(part(Scope::SignOff), Some("Best regards,\nAl Ng"));
        assert_eq!(part(Scope::Note), Some(text));
        let bare = doc("Thank you for the interview.\n");
        assert_eq!(Scope::Subject.span(&bare), None);
        assert_eq!(Scope::Greeting.span(&bare), None);
    }
}
