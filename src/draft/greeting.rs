//! Finding the greeting line of a draft and reading whom it addresses.

use crate::draft::vocabulary::{GREETING_WORDS, TITLES};
use std::ops::Range;

/// Characters that end a greeting's addressee (`Dear Ms. Lee, ...`): a name
/// holding one cannot be written in a greeting and read back whole.
pub const ADDRESSEE_ENDS: [char; 7] = [',', '!', ':', ';', '?', '\u{2014}', '\u{2013}'];

/// The canonical form of a title (`Dr.` and `Doctor` are both `dr`), if `word` is one.
pub fn canonical_title(word: &str) -> Option<&'static str> {
    let bare = word.trim_end_matches('.').to_lowercase();
    TITLES.iter().find(|(t, _)| *t == bare).map(|(_, c)| *c)
}

/// A word of the addressee with its source span.
#[derive(Debug, Clone)]
pub struct Token {
    /// The word as written.
    pub text: String,
    /// Its bytes in the source.
    pub span: Range<usize>,
}

/// The greeting line of a draft.
#[derive(Debug, Clone)]
pub struct Greeting {
    /// The whole line (without its line ending).
    pub line: Range<usize>,
    /// The greeting word or phrase (`Dear`, `Hi`, `Good morning`), if any.
    pub word: Option<Range<usize>>,
    /// The words after the greeting word, up to the first `,`, `!` or `:`.
    pub addressee: Vec<Token>,
    /// From the greeting word (or first addressee word) to the end of the addressee.
    pub span: Range<usize>,
    /// What follows the greeting on its line, after the terminator: the
    /// start of the body in a note written as one paragraph (`Hi Sarah,
    /// thank you for …`); empty when the greeting has the line to itself.
    pub rest: Range<usize>,
}

impl Greeting {
    /// Where the body starts: after the greeting line, or after the greeting
    /// itself when the note runs on from it on the same line.
    pub fn body_start(&self) -> usize {
        if self.rest.is_empty() {
            self.line.end
        } else {
            self.rest.start
        }
    }
}

impl Greeting {
    /// The greeting word and addressee as one lowercase string (`hi there`).
    pub fn phrase_lower(&self, source: &str) -> String {
        source[self.span.clone()].to_lowercase()
    }

    /// The addressee's words joined by single spaces.
    pub fn addressee_text(&self) -> String {
        self.addressee
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A title, when the addressee starts with one.
    pub fn title(&self) -> Option<&Token> {
        self.addressee
            .first()
            .filter(|t| canonical_title(&t.text).is_some())
    }

    /// The addressee's name words, title left out.
    pub fn names(&self) -> &[Token] {
        let skip = usize::from(self.title().is_some());
        &self.addressee[skip.min(self.addressee.len())..]
    }

    /// The addressee holds template text (`[Name]`, `<Name>`, `{name}`, `___`).
    pub fn has_placeholder(&self) -> bool {
        let blank = |t: &Token| t.text.chars().all(|c| matches!(c, '.' | '\u{2026}'));
        self.addressee
            .iter()
            .any(|t| t.text.contains(['[', '<', '{', '_', '(']))
            || (!self.addressee.is_empty() && self.addressee.iter().all(blank))
    }
}

/// Reads `line` (source range `line_range`) as a greeting, if it is one.
pub fn parse(source: &str, line_range: Range<usize>) -> Option<Greeting> {
    let raw = &source[line_range.clone()];
    // Leading Markdown decoration: heading marks, quotes, emphasis.
    let lead = raw.len()
        - raw
            .trim_start_matches(['#', '>', '*', '_', ' ', '\t'])
            .len();
    let body_start = line_range.start + lead;
    let text = &source[body_start..line_range.end];
    let lower = text.to_ascii_lowercase();

    let word = GREETING_WORDS.iter().find(|w| {
        lower.starts_with(*w)
            && lower[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    let (word_span, rest_start) = match word {
        Some(w) => (Some(body_start..body_start + w.len()), w.len()),
        None => (None, 0),
    };
    // The addressee runs to the first terminator.
    let rest = &text[rest_start..];
    let skip = rest.len() - rest.trim_start_matches([' ', '\t', ',']).len();
    let addr_start = rest_start + skip;
    let addr_text = &text[addr_start..];
    let end = addr_text
        .find(ADDRESSEE_ENDS)
        .unwrap_or(addr_text.trim_end().len());
    let terminated =
        end < addr_text.trim_end().len() || addr_text.trim_end().ends_with([',', '!', ':', ';']);
    // The rest of the line after the terminator (a dash is several bytes),
    // when the note runs on.
    let after_terminator = addr_text[end..]
        .chars()
        .next()
        .map_or(end, |c| end + c.len_utf8());
    let tail = addr_text[after_terminator..]
        .trim_start_matches([',', '!', ':', ';', '?', '.', '\u{2014}', '\u{2013}']);
    let after_terminator = addr_text.len() - tail.len();
    let tail_lead = tail.len() - tail.trim_start().len();
    let rest_abs = body_start + addr_start + after_terminator + tail_lead;
    let rest = if terminated && !tail.trim().is_empty() {
        rest_abs..line_range.end
    } else {
        line_range.end..line_range.end
    };
    let addr = addr_text[..end].trim_end_matches(['*', '_', ' ', '\t']);
    let mut tokens = Vec::new();
    let mut offset = 0;
    for piece in addr.split_whitespace() {
        let at = addr[offset..].find(piece).map_or(offset, |i| offset + i);
        let start = body_start + addr_start + at;
        tokens.push(Token {
            text: piece.to_string(),
            span: start..start + piece.len(),
        });
        offset = at + piece.len();
    }
    if word_span.is_none() {
        // A bare name followed by a comma: `Jane,` or `Ms. Rao,` on its own line.
        let after = addr_text[end..].trim();
        let is_bare_name = !tokens.is_empty()
            && tokens.len() <= 4
            && after == ","
            && tokens.iter().all(|t| {
                t.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || matches!(c, '[' | '<' | '{'))
            });
        if !is_bare_name {
            return None;
        }
    } else if tokens.len() > 7 && !terminated {
        // `Hi` opening a long sentence is not a salutation line.
        tokens.clear();
    }
    let start = word_span.as_ref().map_or_else(
        || tokens.first().map_or(body_start, |t| t.span.start),
        |w| w.start,
    );
    let end = tokens.last().map_or_else(
        || word_span.as_ref().map_or(start, |w| w.end),
        |t| t.span.end,
    );
    Some(Greeting {
        line: line_range,
        word: word_span,
        addressee: tokens,
        span: start..end,
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(line: &str) -> Option<Greeting> {
        parse(line, 0..line.len())
    }

    #[test]
    fn reads_greetings() {
        let greeting = g("Dear Dr. Patel,").unwrap();
        assert_eq!(greeting.title().unwrap().text, "Dr.");
        assert_eq!(greeting.names()[0].text, "Patel");
        assert_eq!(g("Hi there,").unwrap().addressee_text(), "there");
        assert_eq!(g("Jane,").unwrap().addressee_text(), "Jane");
        assert!(g("Thank you for meeting with me.").is_none());
        assert!(g("Hiring is hard, I know.").is_none());
        assert_eq!(g("**Dear Ms. Lee,**").unwrap().addressee_text(), "Ms. Lee");
        assert_eq!(g("To whom it may concern,").unwrap().addressee.len(), 0);
        assert!(g("Dear [Name of Interviewer],").unwrap().has_placeholder());
    }
}
