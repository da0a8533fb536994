//! Finding where the writer's own note ends in a reply or forward: the
//! attribution line of a quoted message (`On Thu, Nov 19, 2026 at 3:02 PM
//! Maria Ortiz wrote:`), a forwarded or original-message block, an Outlook
//! header block (`From:` then `Sent:`), or the `-- ` signature delimiter.
//! Everything from there on is someone else's text (or boilerplate) and is
//! never linted. Lines quoted with `>` are left out wherever they stand.

use std::ops::Range;

/// How many lines an attribution (`On … wrote:`) may wrap over.
const ATTRIBUTION_LINES: usize = 3;

/// Where the note ends among `lines` (source ranges without line endings):
/// the start of the first line that opens quoted, forwarded or delimited
/// text, or `text.len()` when there is none.
pub fn note_end(text: &str, lines: &[Range<usize>]) -> usize {
    for (i, line) in lines.iter().enumerate() {
        let content = text[line.clone()].trim_end();
        if is_delimiter(content)
            || is_forward_banner(content)
            || is_attribution(text, &lines[i..])
            || is_outlook_block(text, &lines[i..])
        {
            return line.start;
        }
    }
    text.len()
}

/// Whether a line is quoted from an earlier message (`> …`).
pub fn is_quote_line(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// The signature delimiter: `-- ` (RFC 3676), or `--` where the trailing
/// space was lost.
fn is_delimiter(line: &str) -> bool {
    line == "--" || line == "-- "
}

/// `---------- Forwarded message ---------`, `-----Original Message-----`,
/// `Begin forwarded message:`.
fn is_forward_banner(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    let inner = lower.trim_matches(|c: char| c == '-' || c == ' ' || c == '_');
    let dashed = lower.starts_with("--") && lower.len() > inner.len();
    (dashed
        && (inner.starts_with("forwarded message")
            || inner.starts_with("original message")
            || inner.starts_with("forwarded by")))
        || lower.starts_with("begin forwarded message")
}

/// `On <date>, <name> wrote:` (maybe wrapped over a few lines), and its
/// translations' common English variant `<name> wrote on <date>:`.
fn is_attribution(text: &str, from: &[Range<usize>]) -> bool {
    let first = text[from[0].clone()].trim_start();
    if !(first.starts_with("On ") || first.starts_with("on ")) {
        return false;
    }
    let mut joined = String::new();
    for line in from.iter().take(ATTRIBUTION_LINES) {
        let content = text[line.clone()].trim();
        if content.is_empty() || is_quote_line(content) {
            break;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(content);
        if joined.ends_with("wrote:") || joined.ends_with("writes:") {
            // A date or an address makes it an attribution, not a sentence
            // that happens to end in `wrote:`.
            return joined.chars().any(|c| c.is_ascii_digit()) || joined.contains('@');
        }
    }
    false
}

/// An Outlook reply header: `From: …` followed within two lines by `Sent: …`
/// or `Date: …`.
fn is_outlook_block(text: &str, from: &[Range<usize>]) -> bool {
    let first = text[from[0].clone()].trim_start().trim_start_matches('*');
    if !first.starts_with("From:") {
        return false;
    }
    from.iter().skip(1).take(2).any(|line| {
        let next = text[line.clone()].trim_start().trim_start_matches('*');
        next.starts_with("Sent:") || next.starts_with("Date:")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            out.push(at..at + line.trim_end_matches(['\n', '\r']).len());
            at += line.len();
        }
        out
    }

    fn end(text: &str) -> &str {
        &text[..note_end(text, &lines(text))]
    }

    #[test]
    fn attribution_ends_the_note() {
        let t = "Thanks.\n\nAna\n\nOn Thu, Nov 19, 2026 at 3:02 PM Maria Ortiz <m@x.org> wrote:\n> We chose someone else.\n";
        assert_eq!(end(t), "Thanks.\n\nAna\n\n");
        let t = "Thanks.\n\nOn Thu, Nov 19, 2026 at 3:02 PM Maria Ortiz <\nm@x.org> wrote:\n> no\n";
        assert_eq!(end(t), "Thanks.\n\n");
    }

    #[test]
    fn a_sentence_ending_in_wrote_is_prose() {
        let t = "On reflection, I liked what you wrote:\nit was clear.\n";
        assert_eq!(end(t), t);
    }

    #[test]
    fn banners_and_delimiters() {
        let t = "Hi.\n---------- Forwarded message ---------\nFrom: x\n";
        assert_eq!(end(t), "Hi.\n");
        let t = "Hi.\n-----Original Message-----\n";
        assert_eq!(end(t), "Hi.\n");
        let t = "Hi.\n-- \nAna | 555\n";
        assert_eq!(end(t), "Hi.\n");
        let t = "Hi.\nFrom: Maria Ortiz\nSent: Monday\nTo: Ana\n";
        assert_eq!(end(t), "Hi.\n");
        let t = "Hi.\n\n---\n\nMore.\n";
        assert_eq!(end(t), t);
    }

    #[test]
    fn quote_lines() {
        assert!(is_quote_line("> hello"));
        assert!(is_quote_line("  >> hello"));
        assert!(!is_quote_line("a > b"));
    }
}
