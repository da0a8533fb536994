//! The YAML front matter at the top of a draft: strict keys, typed values,
//! errors that point at the offending line.

use crate::text::words::edit_distance;
use std::ops::Range;
use std::sync::Arc;

use crate::draft::yaml::{self, Value};

use crate::draft::dates::{Moment, parse_timeline};
use crate::draft::kind::NoteKind;
use crate::text::error::{ErrorKind, FileError};
use crate::text::source::SourceFile;

/// The keys front matter may hold.
pub const KEYS: [&str; 10] = [
    "kind",
    "to",
    "company",
    "role",
    "interviewed",
    "date",
    "timeline",
    "thanked",
    "medium",
    "topics",
];

/// How a note will be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// An e-mail.
    Email,
    /// A posted letter.
    Letter,
    /// A handwritten card.
    Card,
    /// A LinkedIn message.
    Linkedin,
}

/// The typed front matter of a draft; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The situation.
    pub kind: Option<NoteKind>,
    /// The recipient as the note should address them.
    pub to: Option<String>,
    /// The employer.
    pub company: Option<String>,
    /// The position.
    pub role: Option<String>,
    /// When the interview ended.
    pub interviewed: Option<Moment>,
    /// When the note will be sent.
    pub date: Option<Moment>,
    /// The decision timeline the interviewer gave, as written.
    pub timeline: Option<crate::draft::dates::Span>,
    /// When the thank-you note went out.
    pub thanked: Option<Moment>,
    /// How the note will be sent.
    pub medium: Option<Medium>,
    /// Things discussed in the interview.
    pub topics: Vec<String>,
    /// Where each key's value stands in the file.
    pub spans: std::collections::BTreeMap<String, Range<usize>>,
}

/// Front matter and where the rest of the draft starts.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// The parsed front matter (empty when there is none).
    pub front_matter: FrontMatter,
    /// Byte offset where the body starts.
    pub body_start: usize,
}

/// Splits off and parses the front matter of `source`.
pub fn parse(source: &SourceFile) -> Result<Split, FileError> {
    let text: &str = &source.text;
    let Some(first_end) = opening_line_end(text) else {
        return Ok(Split::default());
    };
    let yaml_start = first_end;
    let mut offset = yaml_start;
    let mut closing = None;
    for line in text[yaml_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']).trim_end();
        if content == "---" || content == "..." {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = closing else {
        return Err(FileError::at(
            &source.path,
            source.text.clone(),
            0..3,
            "front matter is not closed",
            "opened here, never closed",
        )
        .with_kind(ErrorKind::FrontMatter)
        .with_note("end the front matter with a line holding only `---`"));
    };
    let yaml = &text[yaml_start..yaml_end];
    let front_matter = parse_yaml(source, yaml, yaml_start)?;
    Ok(Split {
        front_matter,
        body_start,
    })
}

fn opening_line_end(text: &str) -> Option<usize> {
    if text.starts_with("---\n") {
        Some(4)
    } else if text.starts_with("---\r\n") {
        Some(5)
    } else {
        None
    }
}

struct Ctx<'a> {
    source: &'a SourceFile,
    yaml: &'a str,
    base: usize,
}

impl Ctx<'_> {
    fn text(&self) -> Arc<str> {
        self.source.text.clone()
    }

    /// Byte range (in the file) of `key`'s line, and of its value.
    fn key_spans(&self, key: &str) -> (Range<usize>, Range<usize>) {
        let mut offset = 0;
        for line in self.yaml.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if let Some(rest) = content.strip_prefix(key) {
                if rest.trim_start().starts_with(':') {
                    let colon = content.len() - rest.trim_start().len();
                    let value_start = colon
                        + 1
                        + (content[colon + 1..].len() - content[colon + 1..].trim_start().len());
                    let key_span = self.base + offset..self.base + offset + key.len();
                    let value_span = if value_start < content.len() {
                        self.base + offset + value_start
                            ..self.base + offset + content.trim_end().len()
                    } else {
                        key_span.clone()
                    };
                    return (key_span, value_span);
                }
            }
            offset += line.len();
        }
        (self.base..self.base, self.base..self.base)
    }

    fn bad_value(&self, key: &str, message: String, label: &str) -> FileError {
        let (_, value) = self.key_spans(key);
        FileError::at(&self.source.path, self.text(), value, message, label)
            .with_kind(ErrorKind::FrontMatter)
    }
}

fn parse_yaml(source: &SourceFile, yaml: &str, base: usize) -> Result<FrontMatter, FileError> {
    let ctx = Ctx { source, yaml, base };
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let value = yaml::parse(yaml).map_err(|err| {
        let at = base + err.at;
        FileError::at(
            &source.path,
            ctx.text(),
            at..at + 1,
            "front matter is not valid YAML",
            err.message,
        )
        .with_kind(ErrorKind::FrontMatter)
        .with_note("front matter is `key: value` lines between two `---` lines")
    })?;
    let map = match value {
        Value::Mapping(map) => map,
        Value::Null => return Ok(FrontMatter::default()),
        _ => {
            return Err(FileError::at(
                &source.path,
                ctx.text(),
                base..base + yaml.trim_end().len(),
                "front matter must be `key: value` pairs",
                "not a mapping",
            )
            .with_kind(ErrorKind::FrontMatter));
        }
    };
    let mut fm = FrontMatter::default();
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_owned) else {
            return Err(FileError::at(
                &source.path,
                ctx.text(),
                base..base + 1,
                "front matter keys must be plain words",
                "here",
            )
            .with_kind(ErrorKind::FrontMatter));
        };
        if KEYS.contains(&key.as_str()) {
            fm.spans.insert(key.clone(), ctx.key_spans(&key).1);
        }
        read_key(&ctx, &mut fm, &key, value)?;
    }
    Ok(fm)
}

/// Reads one front-matter key into `fm`; an unknown key is an error that
/// names the closest known one.
fn read_key(ctx: &Ctx<'_>, fm: &mut FrontMatter, key: &str, value: Value) -> Result<(), FileError> {
    match key {
        "kind" => {
            let text = string(ctx, key, &value)?;
            fm.kind = Some(
                text.parse()
                    .map_err(|e| ctx.bad_value(key, e, "unknown kind"))?,
            );
        }
        "to" => fm.to = Some(string(ctx, key, &value)?),
        "company" => fm.company = Some(string(ctx, key, &value)?),
        "role" => fm.role = Some(string(ctx, key, &value)?),
        "interviewed" => fm.interviewed = Some(moment(ctx, key, &value)?),
        "date" => fm.date = Some(moment(ctx, key, &value)?),
        "thanked" => fm.thanked = Some(moment(ctx, key, &value)?),
        "timeline" => {
            let text = string(ctx, key, &value)?;
            fm.timeline =
                Some(parse_timeline(&text).map_err(|e| ctx.bad_value(key, e, "not a timeline"))?);
        }
        "medium" => fm.medium = Some(medium(ctx, key, &value)?),
        "topics" => fm.topics = topics(ctx, key, value)?,
        unknown => return Err(unknown_key(ctx, unknown)),
    }
    Ok(())
}

/// `medium:`: email, letter, card or linkedin.
fn medium(ctx: &Ctx<'_>, key: &str, value: &Value) -> Result<Medium, FileError> {
    let text = string(ctx, key, value)?;
    Ok(match text.as_str() {
        "email" => Medium::Email,
        "letter" => Medium::Letter,
        "card" => Medium::Card,
        "linkedin" => Medium::Linkedin,
        other => {
            return Err(ctx.bad_value(
                key,
                format!("unknown medium `{other}` (expected email, letter, card or linkedin)"),
                "unknown medium",
            ));
        }
    })
}

/// `topics:`: a list of phrases (or one phrase).
fn topics(ctx: &Ctx<'_>, key: &str, value: Value) -> Result<Vec<String>, FileError> {
    match value {
        Value::Sequence(items) => items
            .iter()
            .map(|item| scalar_text(item).ok_or(()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|()| ctx.bad_value(key, "`topics` must be a list of phrases".into(), "here")),
        Value::String(s) => Ok(vec![s]),
        Value::Null => Ok(Vec::new()),
        _ => Err(ctx.bad_value(
            key,
            "`topics` must be a list of phrases".into(),
            "not a list",
        )),
    }
}

/// An unknown key, pointed at, with the closest known key or the list.
fn unknown_key(ctx: &Ctx<'_>, unknown: &str) -> FileError {
    let (span, _) = ctx.key_spans(unknown);
    let err = FileError::at(
        &ctx.source.path,
        ctx.text(),
        span,
        format!("unknown front-matter key `{unknown}`"),
        "unknown key",
    )
    .with_kind(ErrorKind::FrontMatter);
    match closest(unknown) {
        Some(near) => err.with_note(format!("did you mean `{near}`?")),
        None => err.with_note(format!("known keys: {}", KEYS.join(", "))),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn string(ctx: &Ctx<'_>, key: &str, value: &Value) -> Result<String, FileError> {
    scalar_text(value).ok_or_else(|| {
        ctx.bad_value(
            key,
            format!("`{key}` must be a single value"),
            "expected text",
        )
    })
}

fn moment(ctx: &Ctx<'_>, key: &str, value: &Value) -> Result<Moment, FileError> {
    let text = string(ctx, key, value)?;
    Moment::parse(&text).map_err(|e| ctx.bad_value(key, e, "not a date"))
}

/// The known key nearest to a misspelt one (same letters, or one edit away).
fn closest(key: &str) -> Option<&'static str> {
    let mut sorted: Vec<char> = key.chars().collect();
    sorted.sort_unstable();
    KEYS.iter().copied().find(|known| {
        let mut k: Vec<char> = known.chars().collect();
        k.sort_unstable();
        k == sorted || edit_distance(key, known) <= 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Result<Split, FileError> {
        parse(&SourceFile::new("t.md", text))
    }

    #[test]
    fn parses_keys() {
        let s = split("---\nkind: check-in\ninterviewed: 2026-11-05T11:00\ntimeline: 2 weeks\ntopics:\n  - a\n---\nDear").unwrap();
        assert_eq!(s.front_matter.kind, Some(NoteKind::CheckIn));
        assert_eq!(s.front_matter.topics, vec!["a".to_string()]);
        assert_eq!(
            &"---\nkind: check-in\ninterviewed: 2026-11-05T11:00\ntimeline: 2 weeks\ntopics:\n  - a\n---\nDear"
                [s.body_start..],
            "Dear"
        );
    }

    #[test]
    fn typo_points_at_key_line() {
        let err = split("---\nkind: thank-you\ninterveiwed: 2026-11-05\n---\nDear").unwrap_err();
        assert_eq!(err.line_col(), Some((3, 1)));
        assert!(err.notes[0].contains("interviewed"));
    }

    #[test]
    fn bad_date_points_at_value() {
        let err = split("---\r\ndate: 2026-02-30\r\n---\r\nDear").unwrap_err();
        assert_eq!(err.line_col(), Some((2, 7)));
    }

    #[test]
    fn unclosed_and_broken() {
        assert!(split("---\nkind: thank-you\nDear Ms. Lee,\n").is_err());
        let err = split("---\nkind: [thank-you\n---\nDear").unwrap_err();
        assert!(err.message.contains("YAML"));
    }
}
