//! Finding the sign-off (closing phrase and name) and the signature block at
//! the end of a draft.

use std::ops::Range;

/// What the end of a draft holds.
#[derive(Debug, Clone, Default)]
pub struct SignOff {
    /// The closing phrase (`Best regards`), when there is one.
    pub closing: Option<Range<usize>>,
    /// The writer's name, when there is one.
    pub name: Option<Range<usize>>,
    /// Where the signature block starts (closing line, or a lone name line);
    /// the end of the draft when there is neither.
    pub block_start: usize,
}

impl SignOff {
    /// A closing followed by a name.
    pub fn is_complete(&self) -> bool {
        self.closing.is_some() && self.name.is_some()
    }
}

/// How many lines from the end a closing may stand (room for a title, a
/// phone number, an e-mail address and a link under the name).
const SEARCH_LINES: usize = 8;

/// Reads the sign-off of `source`, looking at non-blank `lines` (source
/// ranges without line endings, in order, after the greeting).
pub fn parse(source: &str, lines: &[Range<usize>], closings: &[String]) -> SignOff {
    let end = lines.last().map_or(source.len(), |l| l.end);
    let mut result = SignOff {
        block_start: source.len().max(end),
        ..SignOff::default()
    };
    let first = lines.len().saturating_sub(SEARCH_LINES);
    for i in (first..lines.len()).rev() {
        let line = trimmed(source, lines[i].clone());
        let Some((closing, rest)) = match_closing(source, line.clone(), closings) else {
            continue;
        };
        result.closing = Some(closing);
        result.block_start = line.start;
        if !rest.is_empty() && looks_like_name(&source[rest.clone()]) {
            result.name = Some(rest);
        } else if rest.is_empty() {
            if let Some(next) = lines.get(i + 1) {
                let next = trimmed(source, next.clone());
                if looks_like_name(&source[next.clone()])
                    || is_lowercase_name(&source[line.clone()], &source[next.clone()])
                {
                    result.name = Some(next);
                }
            }
        }
        return result;
    }
    if let Some(inline) = inline_sign_off(source, lines, closings) {
        return inline;
    }
    // No closing: a lone name on the last line is a name without a closing.
    if let Some(last) = lines.last() {
        let last = trimmed(source, last.clone());
        let previous_is_separate = lines.len() < 2
            || source[lines[lines.len() - 2].end..last.start]
                .matches('\n')
                .count()
                >= 2;
        if previous_is_separate && looks_like_name(&source[last.clone()]) {
            result.name = Some(last.clone());
            result.block_start = last.start;
        }
    }
    result
}

/// A sign-off at the end of a paragraph, after its last sentence, as notes
/// written in one paragraph have it: `… from you. Best, Alex`, or `… from
/// you. Best regards,` with the name on the next (last) line.
fn inline_sign_off(source: &str, lines: &[Range<usize>], closings: &[String]) -> Option<SignOff> {
    let found = inline_at_end(source, lines, closings);
    if found.is_some() || lines.len() < 2 {
        return found;
    }
    // One short signature line (`Sent from my phone`, a phone number) may follow.
    let last = &source[lines[lines.len() - 1].clone()];
    if last.split_whitespace().count() <= 6 && !last.trim_end().ends_with(['.', '?']) {
        return inline_at_end(source, &lines[..lines.len() - 1], closings);
    }
    None
}

/// [`inline_sign_off`] with the sign-off on the last of `lines`.
fn inline_at_end(source: &str, lines: &[Range<usize>], closings: &[String]) -> Option<SignOff> {
    let last = trimmed(source, lines.last()?.clone());
    // The closing and the name on the last line.
    for start in sentence_starts(&source[last.clone()]) {
        let at = last.start + start;
        if let Some((closing, name)) = match_closing(source, at..last.end, closings) {
            if !name.is_empty() {
                return Some(SignOff {
                    closing: Some(closing),
                    name: Some(name),
                    block_start: at,
                });
            }
        }
    }
    // The closing ends the paragraph before, the name is the last line.
    if lines.len() >= 2 && looks_like_name(&source[last.clone()]) {
        let before = trimmed(source, lines[lines.len() - 2].clone());
        for start in sentence_starts(&source[before.clone()]) {
            let at = before.start + start;
            if let Some((closing, name)) = match_closing(source, at..before.end, closings) {
                if name.is_empty() {
                    return Some(SignOff {
                        closing: Some(closing),
                        name: Some(last),
                        block_start: at,
                    });
                }
            }
        }
    }
    None
}

/// Offsets in `line` where a sentence after the first starts (after `.`,
/// `!` or `?` and white space), last first.
fn sentence_starts(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for i in 1..bytes.len() {
        if matches!(bytes[i - 1], b' ' | b'\t') && !matches!(bytes[i], b' ' | b'\t') {
            let before = line[..i].trim_end();
            if before.ends_with(['.', '!', '?']) {
                out.push(i);
            }
        }
    }
    out.reverse();
    out
}

/// Strips Markdown emphasis and trailing hard-break spaces or backslashes.
fn trimmed(source: &str, line: Range<usize>) -> Range<usize> {
    let text = &source[line.clone()];
    let start_trim = text.len() - text.trim_start_matches(['*', '_', ' ', '\t', '>']).len();
    let end_trim = text.len() - text.trim_end_matches(['*', '_', ' ', '\t', '\\']).len();
    if start_trim + end_trim >= text.len() {
        return line.start..line.start;
    }
    line.start + start_trim..line.end - end_trim
}

/// `Best regards,` / `Best regards, Ana` / `Thanks!`: the closing and what follows it.
fn match_closing(
    source: &str,
    line: Range<usize>,
    closings: &[String],
) -> Option<(Range<usize>, Range<usize>)> {
    let text = &source[line.clone()];
    let lower = text.to_lowercase();
    let closing = closings
        .iter()
        .filter(|c| {
            lower.starts_with(c.as_str())
                && lower[c.len()..]
                    .chars()
                    .next()
                    .is_none_or(|ch| !ch.is_alphanumeric())
        })
        .max_by_key(|c| c.len())?;
    if lower.len() != text.len() {
        // Case folding changed byte lengths: only accept an exact-length match.
        if !text.is_char_boundary(closing.len()) {
            return None;
        }
    }
    let after = &text[closing.len()..];
    let punct = after.len()
        - after
            .trim_start_matches([',', '.', '!', ' ', '\t', '-', '\u{2014}', '\u{2013}'])
            .len();
    let rest_start = closing.len() + punct;
    let rest = text[rest_start..].trim_end();
    if !rest.is_empty() && !looks_like_name(rest) {
        return None;
    }
    Some((
        line.start..line.start + closing.len(),
        line.start + rest_start..line.start + rest_start + rest.len(),
    ))
}

/// A name written in lower case under a closing written in lower case
/// (`best,` / `marco bianchi`), as in a note typed all in lower case: two
/// or three words of letters.
fn is_lowercase_name(closing_line: &str, text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !closing_line.chars().any(char::is_uppercase)
        && (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-' || c == '\''))
}

/// A short line of capitalised words (or a placeholder), not a sentence.
pub fn looks_like_name(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 60 {
        return false;
    }
    if text.starts_with(['[', '<', '{', '(']) {
        // A placeholder name: `[Your Name]`, `(Your name)`.
        return !text.starts_with('(') || text.ends_with(')');
    }
    // Punctuation standing alone (a redacted `*.`) is not a word of the name.
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() > 5 || text.ends_with(['.', '!', '?', ',', ':', ';']) && !text.ends_with(" Jr.")
    {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let particles = words
        .iter()
        .filter(|w| {
            matches!(
                **w,
                "van"
                    | "von"
                    | "der"
                    | "de"
                    | "del"
                    | "da"
                    | "di"
                    | "la"
                    | "le"
                    | "bin"
                    | "al"
                    | "y"
            )
        })
        .count();
    capitalised >= 1 && capitalised + particles == words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closings() -> Vec<String> {
        ["best", "best regards", "sincerely", "thank you", "thanks"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn lines(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if !content.trim().is_empty() {
                out.push(at..at + content.len());
            }
            at += line.len();
        }
        out
    }

    #[test]
    fn finds_closing_and_name() {
        let t = "Body text here.\n\nBest regards,\nAna Lima\nAnalyst\n";
        let s = parse(t, &lines(t), &closings());
        assert!(s.is_complete());
        assert_eq!(&t[s.name.unwrap()], "Ana Lima");
        assert_eq!(&t[s.block_start..s.block_start + 4], "Best");
    }

    #[test]
    fn sentence_is_not_a_closing() {
        let t = "Body.\n\nThank you for your time.\n";
        let s = parse(t, &lines(t), &closings());
        assert!(s.closing.is_none() && s.name.is_none());
        let t = "Body.\n\nThanks, Ana\n";
        assert!(parse(t, &lines(t), &closings()).is_complete());
        let t = "Body.\n\nBest,\n";
        let s = parse(t, &lines(t), &closings());
        assert!(s.closing.is_some() && s.name.is_none());
        let t = "Body.\n\nAna Lima\n";
        let s = parse(t, &lines(t), &closings());
        assert!(s.closing.is_none() && s.name.is_some());
    }
}
