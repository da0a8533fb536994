//! `SUMMARY.md`: mdBook's table of contents format (prefix chapters, part
//! titles, numbered and nested chapters, separators, suffix chapters).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::text::error::{ErrorKind, FileError};

/// One chapter entry.
#[derive(Debug, Clone)]
pub struct SummaryChapter {
    /// The link text.
    pub title: String,
    /// The Markdown file, relative to the source folder; `None` for a draft chapter.
    pub path: Option<String>,
    /// `1.2.` style number parts for numbered chapters.
    pub number: Option<Vec<u32>>,
    /// Nested chapters.
    pub children: Vec<SummaryChapter>,
    /// Where the entry is in SUMMARY.md.
    pub span: Range<usize>,
}

/// A top-level line of the table of contents.
#[derive(Debug, Clone)]
pub enum SummaryItem {
    /// A chapter (with its nested chapters).
    Chapter(SummaryChapter),
    /// A `# Part title`.
    Part(String),
    /// A `---` line.
    Separator,
}

/// A parsed SUMMARY.md.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Items in order.
    pub items: Vec<SummaryItem>,
    /// The path as shown in messages.
    pub path: String,
    /// The file's text, for messages.
    pub text: Arc<str>,
}

impl Summary {
    /// An error pointing at part of SUMMARY.md.
    pub fn error_at(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> FileError {
        FileError::at(self.path.as_str(), self.text.clone(), span, message, label)
            .with_kind(ErrorKind::Book)
    }

    /// Every chapter, depth first, in reading order.
    pub fn chapters(&self) -> Vec<&SummaryChapter> {
        fn walk<'a>(c: &'a SummaryChapter, out: &mut Vec<&'a SummaryChapter>) {
            out.push(c);
            for child in &c.children {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for item in &self.items {
            if let SummaryItem::Chapter(c) = item {
                walk(c, &mut out);
            }
        }
        out
    }

    /// Checks that every chapter file exists under `src` and is listed once.
    pub fn validate(&self, src: &Path) -> Result<(), Vec<FileError>> {
        let mut errors = Vec::new();
        let mut seen: HashMap<&str, &SummaryChapter> = HashMap::new();
        for chapter in self.chapters() {
            let Some(path) = chapter.path.as_deref() else {
                continue;
            };
            if let Some(first) = seen.get(path) {
                let line = 1 + self.text[..first.span.start.min(self.text.len())]
                    .matches('\n')
                    .count();
                errors.push(
                    self.error_at(
                        chapter.span.clone(),
                        format!("chapter `{path}` is listed twice"),
                        "listed again here",
                    )
                    .with_note(format!(
                        "first listed on line {line}; remove one of the entries"
                    )),
                );
                continue;
            }
            seen.insert(path, chapter);
            if !is_safe_relative(path) {
                errors.push(self.error_at(
                    chapter.span.clone(),
                    format!("chapter path `{path}` leaves the source folder"),
                    "use a path relative to the source folder",
                ));
                continue;
            }
            if !path.ends_with(".md") {
                errors.push(self.error_at(
                    chapter.span.clone(),
                    format!("chapter `{path}` is not a Markdown file"),
                    "link a .md file",
                ));
                continue;
            }
            if !src.join(path).is_file() {
                errors.push(
                    self.error_at(
                        chapter.span.clone(),
                        format!("chapter file `{path}` not found"),
                        "no such file",
                    )
                    .with_note(format!(
                        "create {} or fix the link (an empty link, `[Title]()`, marks a draft chapter)",
                        src.join(path).display()
                    )),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A relative path with no `..`, no root and no drive.
fn is_safe_relative(path: &str) -> bool {
    !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path.split('/').all(|part| part != ".." && !part.is_empty())
}

/// Parses the text of a SUMMARY.md.
pub fn parse(shown: &str, text: &str) -> Result<Summary, Vec<FileError>> {
    let shared: Arc<str> = Arc::from(text);
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new(text).into_offset_iter().collect();
    let mut p = SummaryParser {
        events,
        pos: 0,
        path: shown.to_string(),
        text: shared.clone(),
        errors: Vec::new(),
        counter: 0,
    };
    let items = p.top_level();
    if p.errors.is_empty() {
        Ok(Summary {
            items,
            path: shown.to_string(),
            text: shared,
        })
    } else {
        Err(p.errors)
    }
}

struct SummaryParser<'a> {
    events: Vec<(Event<'a>, Range<usize>)>,
    pos: usize,
    path: String,
    text: Arc<str>,
    errors: Vec<FileError>,
    counter: u32,
}

impl<'a> SummaryParser<'a> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, label: impl Into<String>) {
        self.errors.push(
            FileError::at(self.path.as_str(), self.text.clone(), span, message, label)
                .with_kind(ErrorKind::Book),
        );
    }

    /// Index just past the End matching the Start at `start`.
    fn skip_block(&self, start: usize) -> usize {
        let mut depth = 0usize;
        let mut i = start;
        while i < self.events.len() {
            match self.events[i].0 {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        i
    }

    fn text_between(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        for (event, _) in &self.events[from..to] {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        out.trim().to_string()
    }

    fn top_level(&mut self) -> Vec<SummaryItem> {
        let mut items = Vec::new();
        let mut seen_list = false;
        let mut in_suffix = false;
        let mut title_allowed = true;
        while self.pos < self.events.len() {
            let (event, span) = self.events[self.pos].clone();
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = self.skip_block(self.pos);
                    let title = self.text_between(self.pos + 1, end);
                    if title_allowed && level == HeadingLevel::H1 && items.is_empty() {
                        // The optional `# Summary` title.
                    } else if level != HeadingLevel::H1 {
                        self.error(
                            span,
                            "only `# Part title` headings belong in SUMMARY.md",
                            "use a level-1 heading for a part title",
                        );
                    } else if in_suffix {
                        self.error(
                            span,
                            "a part title cannot follow the suffix chapters",
                            "move it above the unnumbered chapters at the end",
                        );
                    } else {
                        items.push(SummaryItem::Part(title));
                    }
                    title_allowed = false;
                    self.pos = end;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = self.skip_block(self.pos);
                    let chapters = self.affix_chapters(self.pos + 1, end - 1);
                    if seen_list && !chapters.is_empty() {
                        in_suffix = true;
                    }
                    items.extend(chapters.into_iter().map(SummaryItem::Chapter));
                    title_allowed = false;
                    self.pos = end;
                }
                Event::Start(Tag::List(_)) => {
                    if in_suffix {
                        self.error(
                            span.clone(),
                            "numbered chapters cannot follow the suffix chapters",
                            "move this list above the unnumbered chapters at the end",
                        );
                    }
                    let end = self.skip_block(self.pos);
                    let mut counter = self.counter;
                    let chapters = self.list(self.pos, end, &[], &mut counter);
                    self.counter = counter;
                    items.extend(chapters.into_iter().map(SummaryItem::Chapter));
                    seen_list = true;
                    title_allowed = false;
                    self.pos = end;
                }
                Event::Rule => {
                    items.push(SummaryItem::Separator);
                    title_allowed = false;
                    self.pos += 1;
                }
                Event::Start(Tag::HtmlBlock) => {
                    self.pos = self.skip_block(self.pos);
                }
                Event::Html(_) | Event::InlineHtml(_) => self.pos += 1,
                Event::Start(_) => {
                    self.error(
                        span,
                        "unexpected content in SUMMARY.md",
                        "expected a chapter link, a list of links, `# Part title` or `---`",
                    );
                    self.pos = self.skip_block(self.pos);
                }
                _ => self.pos += 1,
            }
        }
        items
    }

    /// Links in a top-level paragraph: unnumbered chapters.
    fn affix_chapters(&mut self, from: usize, to: usize) -> Vec<SummaryChapter> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            let (event, span) = self.events[i].clone();
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let end = self.skip_block(i);
                    out.push(SummaryChapter {
                        title: self.text_between(i + 1, end),
                        path: chapter_path(&dest_url),
                        number: None,
                        children: Vec::new(),
                        span,
                    });
                    i = end;
                }
                Event::Text(t) if t.trim().is_empty() => i += 1,
                Event::SoftBreak | Event::HardBreak | Event::Html(_) | Event::InlineHtml(_) => {
                    i += 1
                }
                _ => {
                    self.error(
                        span,
                        "expected a link to a chapter",
                        "write chapters as [Title](file.md)",
                    );
                    i = if matches!(event, Event::Start(_)) {
                        self.skip_block(i)
                    } else {
                        i + 1
                    };
                }
            }
        }
        out
    }

    /// A (nested) list of numbered chapters between `from` (its Start) and `to`.
    fn list(
        &mut self,
        from: usize,
        to: usize,
        prefix: &[u32],
        counter: &mut u32,
    ) -> Vec<SummaryChapter> {
        let mut out = Vec::new();
        let mut i = from + 1;
        while i < to.saturating_sub(1) {
            let (event, span) = self.events[i].clone();
            if !matches!(event, Event::Start(Tag::Item)) {
                i += 1;
                continue;
            }
            let item_end = self.skip_block(i);
            *counter += 1;
            let mut number = prefix.to_vec();
            number.push(*counter);
            let mut chapter: Option<SummaryChapter> = None;
            let mut children = Vec::new();
            let mut j = i + 1;
            while j < item_end.saturating_sub(1) {
                let (ev, sp) = self.events[j].clone();
                match ev {
                    Event::Start(Tag::Link { dest_url, .. }) if chapter.is_none() => {
                        let end = self.skip_block(j);
                        chapter = Some(SummaryChapter {
                            title: self.text_between(j + 1, end),
                            path: chapter_path(&dest_url),
                            number: Some(number.clone()),
                            children: Vec::new(),
                            span: sp,
                        });
                        j = end;
                    }
                    Event::Start(Tag::List(_)) => {
                        let end = self.skip_block(j);
                        let mut child_counter = 0;
                        children.extend(self.list(j, end, &number, &mut child_counter));
                        j = end;
                    }
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => j += 1,
                    Event::Text(t) if t.trim().is_empty() => j += 1,
                    Event::SoftBreak | Event::HardBreak | Event::Html(_) | Event::InlineHtml(_) => {
                        j += 1
                    }
                    Event::Start(_) => {
                        self.error(
                            sp,
                            "expected a link to a chapter",
                            "write list items as - [Title](file.md)",
                        );
                        j = self.skip_block(j);
                    }
                    _ => {
                        self.error(
                            sp,
                            "expected a link to a chapter",
                            "write list items as - [Title](file.md)",
                        );
                        j += 1;
                    }
                }
            }
            match chapter {
                Some(mut c) => {
                    c.children = children;
                    out.push(c);
                }
                None => {
                    self.error(
                        span,
                        "list item without a chapter link",
                        "write list items as - [Title](file.md)",
                    );
                }
            }
            i = item_end;
        }
        out
    }
}

/// The chapter file a link names, `None` for a draft (`[Title]()`).
fn chapter_path(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() {
        return None;
    }
    let dest = dest.strip_prefix("./").unwrap_or(dest);
    Some(percent_decode(dest))
}

/// Decodes `%20`-style escapes in a link.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(summary: &Summary) -> Vec<String> {
        summary
            .items
            .iter()
            .map(|item| match item {
                SummaryItem::Chapter(c) => {
                    let number = c
                        .number
                        .as_ref()
                        .map(|n| n.iter().map(|x| format!("{x}.")).collect::<String>() + " ")
                        .unwrap_or_default();
                    let children: Vec<String> =
                        c.children.iter().map(|k| k.title.clone()).collect();
                    format!(
                        "{number}{}{}",
                        c.title,
                        if children.is_empty() {
                            String::new()
                        } else {
                            format!(" {children:?}")
                        }
                    )
                }
                SummaryItem::Part(t) => format!("# {t}"),
                SummaryItem::Separator => "---".to_string(),
            })
            .collect()
    }

    #[test]
    fn reads_every_mdbook_construct() {
        let text = "# Summary\n\n[Preface](preface.md)\n\n# Part one\n\n- [A](a.md)\n    - [A1](a/one.md)\n    - [Draft]()\n- [B](b.md)\n\n---\n\n# Part two\n\n- [C](c.md)\n\n---\n\n[Afterword](after.md)\n[Credits](credits.md)\n";
        let summary = parse("SUMMARY.md", text).unwrap_or_else(|e| panic!("{}", e[0]));
        assert_eq!(
            titles(&summary),
            vec![
                "Preface",
                "# Part one",
                "1. A [\"A1\", \"Draft\"]",
                "2. B",
                "---",
                "# Part two",
                "3. C",
                "---",
                "Afterword",
                "Credits",
            ]
        );
        let chapters = summary.chapters();
        assert_eq!(chapters[2].number.as_deref(), Some(&[1, 1][..]));
        assert_eq!(chapters[3].path, None, "draft chapter");
    }

    #[test]
    fn numbered_chapters_after_suffix_chapters_are_an_error() {
        let errors = parse(
            "SUMMARY.md",
            "- [A](a.md)\n\n[Suffix](s.md)\n\n- [B](b.md)\n",
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .contains("cannot follow the suffix chapters")
        );
        assert_eq!(errors[0].line_col(), Some((5, 1)));
    }

    #[test]
    fn list_items_need_links() {
        let errors = parse("SUMMARY.md", "- [A](a.md)\n- just words\n")
            .err()
            .unwrap_or_default();
        assert!(!errors.is_empty());
        assert_eq!(errors[0].line_col().map(|(l, _)| l), Some(2));
    }

    #[test]
    fn paths_must_stay_inside_the_source_folder() {
        let summary =
            parse("SUMMARY.md", "- [A](../a.md)\n").unwrap_or_else(|e| panic!("{}", e[0]));
        let errors = summary
            .validate(std::path::Path::new("."))
            .err()
            .unwrap_or_default();
        assert!(errors[0].message.contains("leaves the source folder"));
    }
}
