//! The YAML that front matter is written in, read without a YAML library:
//! a block mapping whose values are scalars (plain, quoted, literal `|` or
//! folded `>`), lists (block `- item` or flow `[a, b]`) and nested mappings
//! (block or flow `{a: b}`), with `#` comments. Plain scalars are resolved
//! as YAML 1.2's core schema does (`~` is null, `true` a boolean, `12` a
//! number); quoted ones are always text. What front matter has no use for
//! (anchors, aliases, tags, complex keys, directives) is an error that says
//! so, as is anything that is not YAML; an error carries the byte offset
//! where it was found.

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as YAML would write it back (`007` is `7`, `1e3` is `1000.0`).
    Number(String),
    /// Text.
    String(String),
    /// A list.
    Sequence(Vec<Value>),
    /// A mapping, its keys in the order written.
    Mapping(Vec<(Value, Value)>),
}

impl Value {
    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a text is not the YAML front matter may hold, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The byte offset in the text where the problem was found.
    pub at: usize,
    /// What is wrong, in a few words.
    pub message: String,
}

type Result<T> = std::result::Result<T, Error>;

fn error<T>(at: usize, message: impl Into<String>) -> Result<T> {
    Err(Error {
        at,
        message: message.into(),
    })
}

/// One line of the text.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Byte offset of `content` in the text.
    start: usize,
    /// Columns of indentation (spaces) before `content`.
    indent: usize,
    /// The line after its indentation, without its line break.
    content: &'a str,
}

impl Line<'_> {
    /// Blank, or a comment only.
    fn is_empty(&self) -> bool {
        self.content.trim().is_empty() || self.content.starts_with('#')
    }
}

/// Reads `text` (front matter between its `---` lines) as one YAML document.
pub fn parse(text: &str) -> Result<Value> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches('\n').trim_end_matches('\r');
        let indent = body.len() - body.trim_start_matches(' ').len();
        let content = &body[indent..];
        if content.starts_with('\t') && !content.trim().is_empty() {
            return error(
                offset + indent,
                "a tab in indentation (YAML indents with spaces)",
            );
        }
        lines.push(Line {
            start: offset + indent,
            indent,
            content,
        });
        offset += raw.len();
    }
    let mut reader = Reader { lines, next: 0 };
    reader.skip_empty();
    let Some(first) = reader.peek() else {
        return Ok(Value::Null);
    };
    if first.content.starts_with('%') {
        return error(
            first.start,
            "YAML directives are not supported in front matter",
        );
    }
    let value = reader.node(first.indent)?;
    reader.skip_empty();
    if let Some(line) = reader.peek() {
        return error(
            line.start,
            "expected the end of the front matter or a `key: value` line",
        );
    }
    Ok(value)
}

/// A cursor over the lines.
struct Reader<'a> {
    lines: Vec<Line<'a>>,
    next: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.next).copied()
    }

    fn skip_empty(&mut self) {
        while self.peek().is_some_and(|l| l.is_empty()) {
            self.next += 1;
        }
    }

    /// The next content line, when it is indented by at least `indent`.
    fn next_at_least(&mut self, indent: usize) -> Option<Line<'a>> {
        self.skip_empty();
        self.peek().filter(|l| l.indent >= indent)
    }

    /// A node starting at the next line, which is indented by `indent`.
    fn node(&mut self, indent: usize) -> Result<Value> {
        let Some(line) = self.peek() else {
            return Ok(Value::Null);
        };
        if is_sequence_entry(line.content) {
            self.sequence(indent)
        } else if mapping_colon(line.content, line.start)?.is_some() {
            self.mapping(indent)
        } else {
            self.next += 1;
            self.inline(line, 0, indent.checked_sub(1))
        }
    }

    /// A block mapping whose keys are indented by `indent`.
    fn mapping(&mut self, indent: usize) -> Result<Value> {
        let mut entries: Vec<(Value, Value)> = Vec::new();
        while let Some(line) = self.next_at_least(indent) {
            if line.indent > indent {
                return error(
                    line.start,
                    "this line is indented more than the keys above it",
                );
            }
            if is_sequence_entry(line.content) {
                return error(
                    line.start,
                    "a list item where a `key: value` line was expected",
                );
            }
            let Some(colon) = mapping_colon(line.content, line.start)? else {
                return error(line.start, "expected a `key: value` line");
            };
            let key = key_of(&line.content[..colon], line.start)?;
            if entries.iter().any(|(k, _)| *k == key) {
                let shown = key.as_str().unwrap_or("?").to_string();
                return error(line.start, format!("the key `{shown}` is given twice"));
            }
            self.next += 1;
            let after = colon + 1;
            let rest = &line.content[after..];
            let value = if is_blank_or_comment(rest) {
                self.nested(indent)?
            } else {
                let skipped = rest.len() - rest.trim_start().len();
                self.inline(line, after + skipped, Some(indent))?
            };
            entries.push((key, value));
        }
        Ok(Value::Mapping(entries))
    }

    /// The value of a key (or list item) written on the lines after it:
    /// more indented lines, or a list at the same indentation.
    fn nested(&mut self, indent: usize) -> Result<Value> {
        match self.next_at_least(indent) {
            Some(l) if l.indent > indent => self.node(l.indent),
            Some(l) if is_sequence_entry(l.content) => self.sequence(indent),
            _ => Ok(Value::Null),
        }
    }

    /// A block sequence whose `-` are indented by `indent`.
    fn sequence(&mut self, indent: usize) -> Result<Value> {
        let mut items = Vec::new();
        while let Some(line) = self.next_at_least(indent) {
            if line.indent > indent {
                return error(
                    line.start,
                    "this line is indented more than the list items above it",
                );
            }
            if !is_sequence_entry(line.content) {
                break;
            }
            let rest = &line.content[1..];
            if is_blank_or_comment(rest) {
                self.next += 1;
                items.push(self.nested(indent + 1)?);
                continue;
            }
            // The item's own content starts a node at its column: `- a: b`
            // is a mapping, `- - a` a list, as if written on a line of its own.
            let skipped = 1 + rest.len() - rest.trim_start_matches(' ').len();
            let column = indent + skipped;
            self.lines[self.next] = Line {
                start: line.start + skipped,
                indent: column,
                content: &line.content[skipped..],
            };
            items.push(self.node(column)?);
        }
        Ok(Value::Sequence(items))
    }

    /// A value written after `key:` or `- ` on `line`, from byte `from` of
    /// its content; continuation lines are those indented more than
    /// `parent` (the indentation of its key, or `None` at the top level).
    fn inline(&mut self, line: Line<'a>, from: usize, parent: Option<usize>) -> Result<Value> {
        let text = &line.content[from..];
        let at = line.start + from;
        let deeper = |l: &Line<'_>| parent.is_none_or(|p| l.indent > p);
        match text.as_bytes().first() {
            Some(b'"' | b'\'') => {
                let (value, end) = self.quoted(line, from, &deeper)?;
                Ok(Value::String(value)).and_then(|v| trailing(end.0, end.1).map(|()| v))
            }
            Some(b'[' | b'{') => {
                let mut flow = Flow::new(self, line, from, &deeper);
                let value = flow.value()?;
                let (rest, rest_at) = flow.rest();
                trailing(rest, rest_at).map(|()| value)
            }
            Some(b'|' | b'>') => self.block_scalar(text, at, parent),
            Some(b'&' | b'*' | b'!') => error(
                at,
                "anchors, aliases and tags are not supported in front matter",
            ),
            Some(b'@' | b'`' | b'%') => error(
                at,
                "a plain value cannot start with this character: quote the value",
            ),
            Some(b'?') if text.len() == 1 || text[1..].starts_with(' ') => {
                error(at, "complex keys are not supported in front matter")
            }
            Some(b'-') if text.len() == 1 || text[1..].starts_with(' ') => error(
                at,
                "a list cannot start on the line of its key: put each item on a line of its own",
            ),
            _ => self.plain(text, at, &deeper),
        }
    }

    /// A plain scalar and its continuation lines, folded.
    fn plain(
        &mut self,
        first: &str,
        at: usize,
        deeper: &dyn Fn(&Line<'_>) -> bool,
    ) -> Result<Value> {
        let mut text = plain_part(first, at)?.to_string();
        let mut breaks = 0;
        while let Some(line) = self.peek() {
            if line.content.trim().is_empty() {
                breaks += 1;
                self.next += 1;
                continue;
            }
            if !deeper(&line) || line.content.starts_with('#') {
                break;
            }
            if mapping_colon(line.content, line.start)?.is_some() {
                return error(
                    line.start,
                    "a `key: value` inside a value: indent it less, or quote the value",
                );
            }
            let part = plain_part(line.content, line.start)?;
            if part.is_empty() {
                break;
            }
            text.push_str(&if breaks == 0 {
                " ".to_string()
            } else {
                "\n".repeat(breaks)
            });
            text.push_str(part);
            breaks = 0;
            self.next += 1;
        }
        // Blank lines after the value belong to no one.
        self.next -= breaks.min(self.next);
        Ok(resolve(&text))
    }

    /// A single- or double-quoted scalar starting at byte `from` of `line`,
    /// possibly over several lines. Returns the text and what follows the
    /// closing quote (and its offset).
    fn quoted(
        &mut self,
        line: Line<'a>,
        from: usize,
        deeper: &dyn Fn(&Line<'_>) -> bool,
    ) -> Result<(String, (&'a str, usize))> {
        let quote = line.content.as_bytes()[from];
        let opened = line.start + from;
        let mut out = String::new();
        let mut current = line;
        let mut pos = from + 1;
        let mut pending_breaks: Option<usize> = None;
        loop {
            let s = current.content;
            let mut chars = s[pos..].char_indices();
            while let Some((i, c)) = chars.next() {
                if let Some(n) = pending_breaks.take() {
                    if c == ' ' || c == '\t' {
                        pending_breaks = Some(n);
                        continue;
                    }
                    out.push_str(&if n == 0 {
                        " ".to_string()
                    } else {
                        "\n".repeat(n)
                    });
                }
                let here = pos + i;
                if c == char::from(quote) {
                    if quote == b'\'' && s[here + 1..].starts_with('\'') {
                        out.push('\'');
                        chars.next();
                        continue;
                    }
                    return Ok((out, (&s[here + 1..], current.start + here + 1)));
                }
                if c == '\\' && quote == b'"' {
                    let (text, used) = escape(&s[here + 1..], current.start + here)?;
                    out.push_str(&text);
                    for _ in 0..used {
                        chars.next();
                    }
                    continue;
                }
                out.push(c);
            }
            // The line ended inside the quotes: fold into the next one.
            let trimmed = out.trim_end_matches([' ', '\t']).len();
            out.truncate(trimmed);
            // Blank lines inside the quotes each become a line break; with
            // none, the break folds into a space.
            let mut breaks = 0;
            loop {
                let Some(next) = self.peek() else {
                    return error(opened, "this quoted value is not closed");
                };
                self.next += 1;
                if next.content.trim().is_empty() {
                    breaks += 1;
                    continue;
                }
                if !deeper(&next) {
                    return error(opened, "this quoted value is not closed");
                }
                current = next;
                pos = 0;
                break;
            }
            pending_breaks = Some(breaks);
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar: its header is `header`
    /// (at byte `at`), its lines are those after it indented more than `parent`.
    fn block_scalar(&mut self, header: &str, at: usize, parent: Option<usize>) -> Result<Value> {
        let folded = header.starts_with('>');
        let mut chomp = ' ';
        let mut explicit = None;
        let spec = header[1..].split(" #").next().unwrap_or("").trim_end();
        for c in spec.chars() {
            match c {
                '+' | '-' if chomp == ' ' => chomp = c,
                '1'..='9' if explicit.is_none() => explicit = c.to_digit(10),
                _ => {
                    return error(
                        at,
                        "a block scalar's header is `|` or `>`, then optionally `-` or `+`",
                    );
                }
            }
        }
        let base = parent.map_or(0, |p| p + 1);
        let mut content_indent = explicit.map(|n| parent.unwrap_or(0) + n as usize);
        let mut lines: Vec<String> = Vec::new();
        while let Some(line) = self.peek() {
            if line.content.trim().is_empty() {
                lines.push(String::new());
            } else {
                let need = *content_indent.get_or_insert(line.indent.max(base));
                if line.indent < need {
                    break;
                }
                let mut text = " ".repeat(line.indent - need);
                text.push_str(line.content);
                lines.push(text);
            }
            self.next += 1;
        }
        let trailing_blank = lines.iter().rev().take_while(|l| l.is_empty()).count();
        let kept = lines.len() - trailing_blank;
        let mut out = String::new();
        let mut blank_run = 0;
        let mut previous: Option<&str> = None;
        for l in &lines[..kept] {
            if l.is_empty() {
                blank_run += 1;
                continue;
            }
            if let Some(prev) = previous {
                let more = |s: &str| s.starts_with(' ');
                if !folded || more(prev) || more(l) {
                    out.push_str(&"\n".repeat(blank_run + 1));
                } else if blank_run == 0 {
                    out.push(' ');
                } else {
                    out.push_str(&"\n".repeat(blank_run));
                }
            } else {
                out.push_str(&"\n".repeat(blank_run));
            }
            blank_run = 0;
            out.push_str(l);
            previous = Some(l);
        }
        match chomp {
            '-' => {}
            '+' => {
                if kept > 0 {
                    out.push('\n');
                }
                out.push_str(&"\n".repeat(trailing_blank));
            }
            _ if kept > 0 => out.push('\n'),
            _ => {}
        }
        Ok(Value::String(out))
    }
}

/// A `- ` list item (or a lone `-`).
fn is_sequence_entry(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Nothing but spaces, or a comment.
fn is_blank_or_comment(text: &str) -> bool {
    let t = text.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// What may follow a closed value on its line: spaces and a comment.
fn trailing(rest: &str, at: usize) -> Result<()> {
    if is_blank_or_comment(rest) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
        Ok(())
    } else {
        let skipped = rest.len() - rest.trim_start().len();
        error(at + skipped, "unexpected text after the value")
    }
}

/// Where the `:` of a `key: value` line is (a colon followed by a space or
/// the end of the line, outside quotes and before any comment), or `None`
/// when the line is not one.
fn mapping_colon(content: &str, at: usize) -> Result<Option<usize>> {
    let bytes = content.as_bytes();
    match bytes.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = quoted_key_end(content, q)
                .ok_or(())
                .or_else(|()| error(at, "this quoted key is not closed"))?;
            let rest = &content[end..];
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let after = end + spaces;
            if bytes.get(after) == Some(&b':')
                && matches!(bytes.get(after + 1), None | Some(b' ' | b'\t'))
            {
                return Ok(Some(after));
            }
            Ok(None)
        }
        Some(b'[' | b'{') => Ok(None),
        _ => {
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
                    return Ok(None);
                }
                if b == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) {
                    return Ok(Some(i));
                }
            }
            Ok(None)
        }
    }
}

/// The byte after the closing quote of a quoted key that opens `content`.
fn quoted_key_end(content: &str, quote: u8) -> Option<usize> {
    let bytes = content.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A mapping key: the text before its colon.
fn key_of(text: &str, at: usize) -> Result<Value> {
    let text = text.trim_end();
    match text.as_bytes().first() {
        Some(b'"') => Ok(Value::String(unquote_double(
            &text[1..text.len() - 1],
            at + 1,
        )?)),
        Some(b'\'') => Ok(Value::String(text[1..text.len() - 1].replace("''", "'"))),
        Some(b'&' | b'*' | b'!') => error(
            at,
            "anchors, aliases and tags are not supported in front matter",
        ),
        Some(b'?') => error(at, "complex keys are not supported in front matter"),
        Some(b'@' | b'`' | b'%') => error(
            at,
            "a plain key cannot start with this character: quote the key",
        ),
        _ => Ok(resolve(text)),
    }
}

/// The text of a double-quoted scalar's inside, escapes decoded.
fn unquote_double(inside: &str, at: usize) -> Result<String> {
    let mut out = String::new();
    let mut chars = inside.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            let (text, used) = escape(&inside[i + 1..], at + i)?;
            out.push_str(&text);
            for _ in 0..used {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// The escape after a backslash (at byte `at`): its text and how many
/// characters of `after` it used.
fn escape(after: &str, at: usize) -> Result<(String, usize)> {
    let mut chars = after.chars();
    let Some(c) = chars.next() else {
        return error(
            at,
            "a backslash at the end of a quoted line: YAML's line continuation is not supported in front matter",
        );
    };
    let simple = match c {
        '0' => Some('\0'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\u{b}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(ch) = simple {
        return Ok((ch.to_string(), 1));
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return error(at, format!("`\\{c}` is not an escape YAML knows")),
    };
    let hex: String = chars.take(digits).collect();
    let code = (hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u32::from_str_radix(&hex, 16).ok())
        .flatten()
        .and_then(char::from_u32);
    match code {
        Some(ch) => Ok((ch.to_string(), 1 + digits)),
        None => error(at, format!("`\\{c}{hex}` is not a character")),
    }
}

/// The text of a plain scalar's line: up to a comment, trimmed; a `: `
/// inside it is an error, as in YAML.
fn plain_part(line: &str, at: usize) -> Result<&str> {
    let bytes = line.as_bytes();
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            end = i;
            break;
        }
        if b == b':' && matches!(bytes.get(i + 1), Some(b' ' | b'\t')) {
            return error(at + i, "a `: ` inside a value: quote the value");
        }
    }
    Ok(line[..end].trim())
}

/// A plain scalar as YAML 1.2's core schema reads it.
fn resolve(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Number(".inf".into());
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Number("-.inf".into()),
        ".nan" | ".NaN" | ".NAN" => return Value::Number(".nan".into()),
        _ => {}
    }
    if let Some(n) = integer(text) {
        return Value::Number(n);
    }
    if is_float(text) {
        if let Ok(x) = text.parse::<f64>() {
            if x.is_finite() {
                return Value::Number(format!("{x:?}"));
            }
        }
    }
    Value::String(text.to_string())
}

/// A core-schema integer (`12`, `-3`, `0x1F`, `0o17`) written back in decimal.
fn integer(text: &str) -> Option<String> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o") {
        (8, oct)
    } else {
        (10, digits)
    };
    if radix != 10 && text.starts_with(['-', '+']) {
        return None;
    }
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // `007` is text to YAML's reader, as a leading zero is not a number.
    if radix == 10 && digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    let value = i128::from_str_radix(digits, radix).ok()?;
    let value = if negative { -value } else { value };
    if i64::try_from(value).is_ok() || u64::try_from(value).is_ok() {
        Some(value.to_string())
    } else {
        // Too big for YAML's integers: read as a float.
        text.parse::<f64>().ok().map(|x| format!("{x:?}"))
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    // Digits alone are an integer or text (`007`), never a float.
    if exponent.is_none() && !mantissa.contains('.') {
        return false;
    }
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac),
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// A flow collection (`[a, b]`, `{a: b}`), possibly over several lines.
struct Flow<'r, 'a> {
    reader: &'r mut Reader<'a>,
    /// The line being read, and the byte of its content being looked at.
    line: Line<'a>,
    pos: usize,
    /// Which later lines a quoted scalar inside may continue on.
    deeper: &'r dyn Fn(&Line<'_>) -> bool,
}

impl<'r, 'a> Flow<'r, 'a> {
    fn new(
        reader: &'r mut Reader<'a>,
        line: Line<'a>,
        pos: usize,
        deeper: &'r dyn Fn(&Line<'_>) -> bool,
    ) -> Self {
        Flow {
            reader,
            line,
            pos,
            deeper,
        }
    }

    fn at(&self) -> usize {
        self.line.start + self.pos
    }

    /// What is left of the current line, and its offset.
    fn rest(&self) -> (&'a str, usize) {
        (&self.line.content[self.pos..], self.at())
    }

    /// Skips spaces, comments and line breaks; the next character, if any.
    fn skip(&mut self) -> Result<Option<u8>> {
        loop {
            let bytes = self.line.content.as_bytes();
            while self.pos < bytes.len() && matches!(bytes[self.pos], b' ' | b'\t') {
                self.pos += 1;
            }
            if self.pos < bytes.len() && bytes[self.pos] != b'#' {
                return Ok(Some(bytes[self.pos]));
            }
            let Some(next) = self.reader.peek() else {
                return Ok(None);
            };
            self.reader.next += 1;
            self.line = next;
            self.pos = 0;
        }
    }

    /// The next flow value: a collection, a quoted or a plain scalar.
    fn value(&mut self) -> Result<Value> {
        match self.skip()? {
            Some(b'[') => self.sequence(),
            Some(b'{') => self.mapping(),
            Some(b'"' | b'\'') => self.quoted(),
            Some(b'&' | b'*' | b'!') => error(
                self.at(),
                "anchors, aliases and tags are not supported in front matter",
            ),
            Some(_) => Ok(self.plain()),
            None => error(self.at(), "a `[` or `{` is not closed"),
        }
    }

    /// Steps past the `open` bracket at the cursor; then, before each item,
    /// whether the collection has ended (past its `close`), or an error
    /// pointing at the `open` when the text ends first.
    fn ended(&mut self, opened: usize, close: u8, open: char) -> Result<bool> {
        match self.skip()? {
            None => error(opened, format!("this `{open}` is not closed")),
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    /// After an item: a `,` (stepped past) or the `close` that follows.
    fn separator(&mut self, close: u8) -> Result<()> {
        match self.skip()? {
            Some(b',') => {
                self.pos += 1;
                Ok(())
            }
            Some(b) if b == close => Ok(()),
            _ => error(
                self.at(),
                format!("expected `,` or `{}`", char::from(close)),
            ),
        }
    }

    /// `[a, b]`, the cursor at its `[`.
    fn sequence(&mut self) -> Result<Value> {
        let opened = self.at();
        self.pos += 1;
        let mut items = Vec::new();
        while !self.ended(opened, b']', '[')? {
            let item = self.value()?;
            // `[a: b]` is a one-pair mapping inside the list.
            let item = if self.skip()? == Some(b':') {
                self.pos += 1;
                Value::Mapping(vec![(item, self.value()?)])
            } else {
                item
            };
            items.push(item);
            self.separator(b']')?;
        }
        Ok(Value::Sequence(items))
    }

    /// `{a: b, c}`, the cursor at its `{`.
    fn mapping(&mut self) -> Result<Value> {
        let opened = self.at();
        self.pos += 1;
        let mut entries: Vec<(Value, Value)> = Vec::new();
        while !self.ended(opened, b'}', '{')? {
            let key_at = self.at();
            let key = self.value()?;
            let value = if self.skip()? == Some(b':') {
                self.pos += 1;
                match self.skip()? {
                    Some(b',' | b'}') => Value::Null,
                    _ => self.value()?,
                }
            } else {
                Value::Null
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return error(key_at, "a key is given twice");
            }
            entries.push((key, value));
            self.separator(b'}')?;
        }
        Ok(Value::Mapping(entries))
    }

    /// A quoted scalar, the cursor at its quote.
    fn quoted(&mut self) -> Result<Value> {
        let (text, (_, end)) = self.reader.quoted(self.line, self.pos, self.deeper)?;
        // `quoted` may have read on into later lines: the line it closed
        // on is the last one the reader took.
        if let Some(last) = self.reader.next.checked_sub(1) {
            self.line = self.reader.lines[last];
        }
        self.pos = end.saturating_sub(self.line.start);
        Ok(Value::String(text))
    }

    /// A plain scalar: it ends at `,`, `[`, `]`, `{`, `}`, `: ` or a comment.
    fn plain(&mut self) -> Value {
        let content = self.line.content;
        let bytes = content.as_bytes();
        let start = self.pos;
        let mut end = start;
        while end < bytes.len() {
            let b = bytes[end];
            if matches!(b, b',' | b'[' | b']' | b'{' | b'}')
                || (b == b':'
                    && matches!(bytes.get(end + 1), None | Some(b' ' | b',' | b']' | b'}')))
                || (b == b'#' && end > start && bytes[end - 1] == b' ')
            {
                break;
            }
            end += 1;
        }
        self.pos = end;
        resolve(content[start..end].trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Front matter as people write it, and YAML's corners: each is read
    /// as the full YAML library the rule files use reads it.
    const AGREED: &[&str] = &[
        "kind: thank-you\nto: Ms. Dana Reyes\ncompany: Acme\n",
        "to: \"Dr. Amara Lindqvist\"\nrole: 'Analyst, Data'\n",
        "kind: check-in # why\ninterviewed: 2026-11-05T11:00\ntimeline: 2 weeks\n",
        "topics:\n  - the spring drive\n  - volunteer rota\n",
        "topics:\n- one\n- two # note\n-   three\n",
        "topics: [a, \"b, c\", 'd''s']\n",
        "topics: [\n  a,\n  b\n]\n",
        "topics: a single phrase\n",
        "topics:\n",
        "topics: []\n",
        "to: ~\nrole: null\ncompany:\n",
        "role: 10\ncompany: 007\nto: -3\nkind: 1.50\nmedium: 1e3\ntimeline: true\n",
        "role: 0x1F\ncompany: +12\nto: .5\nkind: .inf\n",
        "to: Ms. Lee\n  Reyes\n",
        "to: >\n  folded\n  text\n\n  more\nrole: |\n  line one\n  line two\n",
        "to: |-\n  kept\n\nrole: next\n",
        "to: \"a \\\"quoted\\\" \\u00e9 word\"\n",
        "to: \"two\n  lines\"\n",
        "to: 'it''s\n\n  here'\n",
        "company: {name: Acme, city: Oslo}\n",
        "company:\n  name: Acme\n  city: Oslo\n",
        "topics:\n  - name: a\n    more: b\n  - c\n",
        "\"to\": Ms. Lee\n'role' : Analyst\n",
        "url: http://example.com/a#b\n",
        "to: a:b\n",
        "# only a comment\n",
        "",
        "just text\n",
        "- a\n- b\n",
        "1: one\n",
        "to: Ms. Lee   \n\n\n",
        "to: Ms. Lee\r\nrole: Analyst\r\n",
        "note: x #not a comment#\n",
        "a: [b, [c, d], {e: f}]\n",
        "a: [b: c]\n",
        "a:\n\n  b\n",
        "to: café ☕\n",
        "to: x\n  - y\n - z\n",
        "a: 0\nb: 00\nc: 1e400\nd: 1_000\ne: 0.0\nf: -0\n",
        "a: 01.5\nb: 0.5e1\nc: 5.\nd: -.5\ne: 1.5E+2\nf: 0o17\ng: 0x\n",
        "a: >\n  one\n\n\n  two\n   more\n  three\n",
        "a: |+\n  kept\n\nb: c\n",
    ];

    /// Not front matter: each is an error for both readers.
    const REFUSED: &[&str] = &[
        "kind: [thank-you\n",
        "to: \"open\n",
        "to: 'open\n",
        "to: Ms. Lee\nto: Mr. Ng\n",
        "to: a: b\n",
        "to: Ms. Lee\n  role: Analyst\n",
        "to: &a x\nrole: *a\n",
        "to: !tag x\n",
        "kind: thank-you\n\tto: x\n",
        "to: @x\n",
        "to: \"x\" y\n",
        "to: [a, b] c\n",
        "key\n  - a\nb: c\n",
        "a:\n  - b\n c: d\n",
        "to: \"\\q\"\n",
        "{a: 1, a: 2}\n",
        "a: b\n- c\n",
    ];

    fn from_library(v: &serde_yaml::Value) -> Value {
        match v {
            serde_yaml::Value::Null => Value::Null,
            serde_yaml::Value::Bool(b) => Value::Bool(*b),
            serde_yaml::Value::Number(n) => Value::Number(n.to_string()),
            serde_yaml::Value::String(s) => Value::String(s.clone()),
            serde_yaml::Value::Sequence(items) => {
                Value::Sequence(items.iter().map(from_library).collect())
            }
            serde_yaml::Value::Mapping(map) => Value::Mapping(
                map.iter()
                    .map(|(k, v)| (from_library(k), from_library(v)))
                    .collect(),
            ),
            serde_yaml::Value::Tagged(t) => from_library(&t.value),
        }
    }

    #[test]
    fn reads_front_matter_as_yaml_does() {
        let mut wrong = Vec::new();
        for text in AGREED {
            let library = serde_yaml::from_str::<serde_yaml::Value>(text)
                .map(|v| from_library(&v))
                .map_err(|e| e.to_string());
            let ours = parse(text).map_err(|e| e.message);
            if ours != library {
                wrong.push(format!(
                    "{text:?}\n  ours:    {ours:?}\n  library: {library:?}"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn refuses_what_yaml_refuses() {
        let mut wrong = Vec::new();
        for text in REFUSED {
            let library = serde_yaml::from_str::<serde_yaml::Value>(text);
            if library.is_ok() && !text.contains(['&', '!']) {
                wrong.push(format!("the library reads {text:?}: {library:?}"));
            }
            match parse(text) {
                Err(err) if err.at <= text.len() => {}
                other => wrong.push(format!("{text:?}: {other:?}")),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn errors_point_at_the_problem() {
        let text = "kind: thank-you\nto: \"open\n";
        let err = parse(text).err().unwrap_or_else(|| panic!("read"));
        assert_eq!(err.at, text.find('"').unwrap_or_default());
        assert!(err.message.contains("not closed"), "{err:?}");
        let text = "kind: thank-you\nkind: check-in\n";
        let err = parse(text).err().unwrap_or_else(|| panic!("read"));
        assert_eq!((err.at, err.message.contains("twice")), (16, true));
    }

    #[test]
    fn never_panics_on_fragments() {
        let pieces = [
            "a", ":", " ", "\n", "-", "\"", "'", "[", "]", "{", "}", ",", "#", "|", ">", "\\", "é",
            "\t", "\r", "  ", "x: ", "- ", "|-", ">+", "\\u12", "''",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let _ = parse(&text);
        }
    }
}
