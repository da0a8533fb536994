//! A parsed draft: front matter, mail headers, greeting, body prose and
//! sign-off, each with its exact place in the file.

use crate::draft::vocabulary::MAIL_HEADERS;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::draft::front_matter::{self, FrontMatter};
use crate::draft::greeting::{self, Greeting};
use crate::draft::infer;
use crate::draft::kind::{KindSource, NoteKind};
use crate::draft::prose::Prose;
use crate::draft::quoted;
use crate::draft::signature::{self, SignOff};
use crate::text::error::FileError;
use crate::text::lines::LineIndex;
use crate::text::source::SourceFile;

/// One mail header line (`Subject: …`).
#[derive(Debug, Clone)]
pub struct Header {
    /// The header name, lowercase.
    pub name: String,
    /// The value's bytes in the source (continuation lines included).
    pub value: Range<usize>,
}

/// Rules switched off inside the draft with `<!-- followup-disable … -->`.
#[derive(Debug, Clone, Default)]
pub struct Disabled {
    /// Every rule is off (`<!-- followup-disable -->`).
    pub all: bool,
    /// These rules are off.
    pub rules: BTreeSet<String>,
}

impl Disabled {
    /// Whether `rule` is switched off for this draft.
    pub fn contains(&self, rule: &str) -> bool {
        self.all || self.rules.contains(rule)
    }
}

/// A draft, parsed once and shared by every check.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file as read.
    pub source: SourceFile,
    /// Line starts, for positions.
    pub lines: LineIndex,
    /// Front matter (empty without one).
    pub front_matter: FrontMatter,
    /// The recipient: front matter `to:`, else the `To:` header's display name.
    pub to: Option<String>,
    /// Where the text after front matter starts.
    pub body_start: usize,
    /// Mail header lines at the top of the body.
    pub headers: Vec<Header>,
    /// Where the note itself (after front matter and headers) starts.
    pub content_start: usize,
    /// The first non-blank line of the note.
    pub first_line: Range<usize>,
    /// The greeting, when the note has one.
    pub greeting: Option<Greeting>,
    /// The closing and the writer's name.
    pub sign_off: SignOff,
    /// The linted prose.
    pub prose: Prose,
    /// Where body text (for word counts and similarity) starts and ends.
    pub body_window: Range<usize>,
    /// The kind of note.
    pub kind: NoteKind,
    /// Whether the kind was given or inferred.
    pub kind_source: KindSource,
    /// How the kind was inferred (none when front matter gives it).
    pub inference: Option<infer::Inference>,
    /// Its shape as kind inference reads it, word and character counts
    /// included (counted once).
    shape: infer::Shape,
    /// Rules switched off inline.
    pub disabled: Disabled,
}

impl Document {
    /// Parses `source`; `closings` are the sign-off phrases (lowercase).
    pub fn parse(source: SourceFile, closings: &[String]) -> Result<Document, FileError> {
        let split = front_matter::parse(&source)?;
        let text: &str = &source.text;
        let lines = LineIndex::new(text);
        let all_lines = line_ranges(text, split.body_start);

        let (headers, content_start) = parse_headers(text, &all_lines, split.body_start);
        let subject = headers
            .iter()
            .find(|h| h.name == "subject")
            .map(|h| h.value.clone());
        let note_lines: Vec<Range<usize>> = all_lines
            .iter()
            .filter(|l| l.start >= content_start)
            .cloned()
            .collect();
        let note_end = quoted::note_end(text, &note_lines);
        let prose = Prose::extract(text, content_start, note_end, subject);
        let in_comment = |l: &Range<usize>| {
            let trimmed = text[l.clone()].trim();
            let start = l.start + (text[l.clone()].len() - text[l.clone()].trim_start().len());
            prose
                .comments
                .iter()
                .any(|c| c.start <= start && start + trimmed.len() <= c.end)
        };
        let content: Vec<Range<usize>> = all_lines
            .iter()
            .filter(|l| {
                l.start >= content_start
                    && l.end <= note_end
                    && !text[(*l).clone()].trim().is_empty()
                    && !quoted::is_quote_line(&text[(*l).clone()])
                    && !in_comment(l)
            })
            .cloned()
            .collect();
        let first_line = content
            .first()
            .cloned()
            .unwrap_or(content_start..content_start);
        let greeting = content
            .first()
            .and_then(|line| greeting::parse(text, line.clone()));
        let after_greeting: Vec<Range<usize>> = match &greeting {
            Some(g) => content
                .iter()
                .filter(|l| l.start > g.line.start)
                .cloned()
                .collect(),
            None => content.clone(),
        };
        let signature_lines = match &greeting {
            // A note written as one paragraph: its sign-off may be at the end
            // of the greeting's own line.
            Some(g) if !g.rest.is_empty() => std::iter::once(g.rest.clone())
                .chain(after_greeting)
                .collect(),
            _ => after_greeting,
        };
        let sign_off = signature::parse(text, &signature_lines, closings);
        let body_start = greeting
            .as_ref()
            .map_or(content_start, Greeting::body_start);
        let body_window = body_start..sign_off.block_start.min(note_end).max(body_start);

        let to = split.front_matter.to.clone().or_else(|| {
            headers
                .iter()
                .find(|h| h.name == "to")
                .and_then(|h| display_name(&text[h.value.clone()]))
        });
        let disabled = disabled_rules(text, &prose.comments);
        let words = body_words(text, &prose, &body_window);
        let chars = message_chars(&prose.text);
        let shape = infer::Shape {
            words,
            chars,
            greeting: greeting.is_some(),
            sign_off: sign_off.is_complete(),
            medium_linkedin: split.front_matter.medium == Some(front_matter::Medium::Linkedin),
        };
        let (kind, kind_source, inference) = match split.front_matter.kind {
            Some(kind) => (kind, KindSource::FrontMatter, None),
            None => {
                let inference = infer::infer(&prose.spaced, &prose.word_starts, &shape);
                (inference.kind, KindSource::Inferred, Some(inference))
            }
        };
        Ok(Document {
            lines,
            front_matter: split.front_matter,
            to,
            body_start: split.body_start,
            headers,
            content_start,
            first_line,
            greeting,
            sign_off,
            prose,
            body_window,
            kind,
            kind_source,
            inference,
            shape,
            disabled,
            source,
        })
    }

    /// The draft's text.
    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// Where diagnostics about something missing point: the greeting, or the first line.
    pub fn missing_span(&self) -> Range<usize> {
        self.greeting
            .as_ref()
            .map_or_else(|| self.first_line.clone(), |g| g.span.clone())
    }

    /// Words of the body: greeting, headers and signature block left out,
    /// code included, Markdown syntax removed.
    pub fn body_words(&self) -> usize {
        self.shape.words
    }

    /// Characters of the whole message, Markdown removed, white space runs as one.
    pub fn message_chars(&self) -> usize {
        self.shape.chars
    }

    /// The evidence the kind model weighs for this draft, whatever its
    /// front matter says (for training and explaining the model).
    pub fn kind_features(&self) -> Vec<infer::Feature> {
        infer::features(&self.prose.spaced, &self.prose.word_starts, &self.shape)
    }

    /// The draft's shape, as kind inference reads it.
    pub fn shape(&self) -> &infer::Shape {
        &self.shape
    }

    /// How a draft's kind was decided, for `-v` and hover: where it came
    /// from, how sure the inference is and why, and what settles it.
    pub fn kind_summary(&self) -> String {
        let doc = self;
        let Some(inference) = &doc.inference else {
            return format!("{} (from front matter)", doc.kind);
        };
        let evidence = if inference.evidence.is_empty() {
            "nothing points elsewhere".to_string()
        } else {
            inference
                .evidence
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let confidence = (inference.confidence * 100.0).round();
        if inference.is_unsure() {
            let open: Vec<&str> = inference.open.iter().map(|k| k.as_str()).collect();
            format!(
                "{} (inferred, unsure: {confidence}%; still open: {}; from {evidence}); only what holds for every open kind is reported: set `kind:` in the front matter to settle it",
                doc.kind,
                open.join(", ")
            )
        } else {
            format!(
                "{} (inferred, {confidence}%, from {evidence}; `kind:` in the front matter overrides it)",
                doc.kind
            )
        }
    }

    /// The kinds still open: the inferred kind and any other the text
    /// leaves open, or the front matter's kind alone.
    pub fn open_kinds(&self) -> &[NoteKind] {
        match &self.inference {
            Some(inference) if !inference.open.is_empty() => &inference.open,
            _ => std::slice::from_ref(&self.kind),
        }
    }

    /// The body's words (for similarity): greeting, headers and signature left out.
    pub fn body_text(&self) -> String {
        self.prose.text_within(self.body_window.clone())
    }
}

/// Words of `prose` inside `window`, code included.
fn body_words(text: &str, prose: &Prose, window: &Range<usize>) -> usize {
    let mut count = 0;
    for range in prose.ranges_within(window.clone()) {
        count += count_words(&prose.text[range]);
    }
    for code in &prose.code {
        if code.start >= window.start && code.end <= window.end {
            count += count_words(text[code.clone()].trim_matches('`'));
        }
    }
    count
}

/// Characters of `text`, each run of white space counted as one, the ends trimmed.
fn message_chars(text: &str) -> usize {
    crate::text::words::counted_chars(text).count()
}

/// Whitespace-separated tokens holding a letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Byte ranges of the words (as [`count_words`] counts them) in `text`.
pub fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    let mut spans = Vec::new();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    spans
        .into_iter()
        .filter(move |r| text[r.clone()].chars().any(char::is_alphanumeric))
}

/// Ranges of every line from `start` on, without line endings.
fn line_ranges(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        out.push(at..at + content.len());
        at += line.len();
    }
    out
}

fn header_name(line: &str) -> Option<&str> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    let field = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    // `Subject line:` as drafting guides write it is a subject too.
    let labelled = MAIL_HEADERS.contains(&name.to_ascii_lowercase().as_str());
    (field || labelled).then_some(name)
}

/// The canonical name of a header: the subject's other spellings are `subject`.
fn canonical_header(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "sub" | "re" | "subject line" | "email subject line" | "e-mail subject line" => {
            "subject".to_string()
        }
        _ => lower,
    }
}

/// Mail headers at the very top of the body, and where the note starts after them.
fn parse_headers(text: &str, lines: &[Range<usize>], body_start: usize) -> (Vec<Header>, usize) {
    let mut iter = lines
        .iter()
        .skip_while(|l| text[(*l).clone()].trim().is_empty())
        .peekable();
    let Some(first) = iter.peek() else {
        return (Vec::new(), body_start);
    };
    let opens = header_name(&text[(*first).clone()])
        .is_some_and(|n| MAIL_HEADERS.contains(&n.to_ascii_lowercase().as_str()));
    if !opens {
        return (Vec::new(), body_start);
    }
    let mut headers: Vec<Header> = Vec::new();
    let mut end = body_start;
    for line in iter {
        let content = &text[line.clone()];
        if content.trim().is_empty() {
            end = line.end;
            break;
        }
        if content.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.value.end = line.end;
                end = line.end;
                continue;
            }
        }
        let Some(name) = header_name(content) else {
            break;
        };
        let after = &content[name.len() + 1..];
        let lead = after.len() - after.trim_start().len();
        let value_start = line.start + name.len() + 1 + lead;
        // An empty header (`Cc: ` in a mutt draft) has an empty value, not a reversed range.
        let value_end = (line.start + content.trim_end().len()).max(value_start);
        headers.push(Header {
            name: canonical_header(name),
            value: value_start..value_end,
        });
        end = line.end;
    }
    // The note starts after the header block's line ending.
    let content_start = text[end..]
        .find('\n')
        .map_or(text.len(), |i| end + i + 1)
        .min(text.len());
    (headers, content_start)
}

/// `Dr. Rachel Vilsack <rv@example.com>` → `Dr. Rachel Vilsack`.
fn display_name(value: &str) -> Option<String> {
    let first = value.split(',').next()?.trim();
    let name = match first.find('<') {
        Some(i) => first[..i].trim(),
        None => return None,
    };
    let name = name.trim_matches('"').trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Reads `<!-- followup-disable rule-a rule-b -->` comments.
fn disabled_rules(text: &str, comments: &[Range<usize>]) -> Disabled {
    let mut disabled = Disabled::default();
    for range in comments {
        let comment = &text[range.clone()];
        let inner = comment
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let Some(rest) = inner.strip_prefix("followup-disable") else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let ids: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .collect();
        if ids.is_empty() {
            disabled.all = true;
        }
        disabled.rules.extend(ids.into_iter().map(str::to_owned));
    }
    disabled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let closings = vec!["best regards".to_string(), "best".to_string()];
        Document::parse(SourceFile::new("t.md", text), &closings).unwrap()
    }

    #[test]
    fn structure_of_a_mail_draft() {
        let d = doc(
            "To: Dr. Rachel Vilsack <rv@example.com>\nSubject: Thank you\n\nDear Dr. Vilsack,\n\nThanks for the chat.\n\nBest regards,\nAna\n",
        );
        assert_eq!(d.to.as_deref(), Some("Dr. Rachel Vilsack"));
        assert_eq!(d.greeting.as_ref().unwrap().addressee_text(), "Dr. Vilsack");
        assert!(d.sign_off.is_complete());
        assert_eq!(d.body_words(), 4);
        assert!(d.prose.text.starts_with("Thank you"));
    }

    #[test]
    fn quoted_reply_text_is_not_the_note() {
        let d = doc(
            "Dear Ms. Ortiz,\n\nThank you for letting me know.\n\nBest regards,\nAna Lima\nAnalyst | 555-0100\n\nOn Thu, Nov 19, 2026 at 3:02 PM Maria Ortiz <m@x.org> wrote:\n> TODO: decide. Hey, respond ASAP.\n> Best,\n> Maria\n",
        );
        assert!(d.sign_off.is_complete());
        assert_eq!(&d.text()[d.sign_off.name.clone().unwrap()], "Ana Lima");
        assert!(!d.prose.text.contains("TODO"), "{}", d.prose.text);
        assert_eq!(d.body_words(), 6);
        let d = doc(
            "Dear Ms. Ortiz,\n\n> You asked about shifts.\n\nI can work weekends.\n\nBest,\nAna\n",
        );
        assert!(!d.prose.text.contains("shifts"));
    }

    #[test]
    fn one_paragraph_note_has_greeting_and_sign_off_inline() {
        let d = doc(
            "Hi Ms. Park, thank you for the call today. I look forward to hearing from you. Best regards, Alex Kim\n",
        );
        let g = d.greeting.as_ref().unwrap();
        assert_eq!(g.addressee_text(), "Ms. Park");
        assert!(d.sign_off.is_complete());
        assert_eq!(&d.text()[d.sign_off.name.clone().unwrap()], "Alex Kim");
        assert_eq!(d.body_words(), 13);
    }

    #[test]
    fn subject_spellings_are_headers() {
        for header in ["Sub", "Re", "Subject line"] {
            let d = doc(&format!(
                "{header}: Thank you\n\nDear Ms. Lee,\n\nThanks.\n\nBest,\nAl\n"
            ));
            assert_eq!(d.headers.len(), 1, "{header}");
            assert_eq!(d.headers[0].name, "subject");
            assert_eq!(d.greeting.as_ref().unwrap().addressee_text(), "Ms. Lee");
        }
    }

    #[test]
    fn inline_disable() {
        let d = doc("<!-- followup-disable too-long, missing-offer -->\nDear Ms. Lee,\n\nHi.\n");
        assert!(d.disabled.contains("too-long") && d.disabled.contains("missing-offer"));
        assert!(!d.disabled.contains("casual-greeting"));
    }
}
