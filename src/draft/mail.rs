//! Turning a message as a mail client hands it to its send command
//! (RFC 5322 headers, maybe MIME) into a draft to lint: the address and
//! subject headers, decoded, then the first plain-text part, decoded.

use crate::text::error::{ErrorKind, FileError};
use crate::text::source::SourceFile;
use std::borrow::Cow;

/// Headers kept in the draft, in this order.
const KEPT: [&str; 5] = ["from", "to", "cc", "bcc", "subject"];

/// How deep multipart parts are searched for text.
const MAX_DEPTH: usize = 8;

/// The draft to lint from a raw message.
pub fn draft(raw: &[u8]) -> Result<String, String> {
    if !starts_with_header(raw) {
        // Not a mail message: lint the text as it is.
        return Ok(String::from_utf8_lossy(raw).replace("\r\n", "\n"));
    }
    let (head, body) = split(raw);
    let headers = headers(head);
    let body = text_of(&headers, body, 0)?.ok_or_else(|| {
        "the message has no plain-text part to lint (HTML-only messages, and parts whose boundary does not match the message's, are not read)"
            .to_string()
    })?;
    let mut out = String::new();
    for name in KEPT {
        for (_, value) in headers.iter().filter(|(n, _)| n == name) {
            let shown = capitalise(name);
            out.push_str(&format!("{shown}: {}\n", decode_words(value)));
        }
    }
    out.push('\n');
    out.push_str(&body);
    Ok(out)
}

/// Whether `raw` is a mail message whose text must be decoded before it
/// can be linted: a header block that declares MIME (`MIME-Version`, a
/// multipart type, or a quoted-printable or base64 body).
pub fn needs_decoding(raw: &[u8]) -> bool {
    if !starts_with_header(raw) {
        return false;
    }
    let (head, _) = split(raw);
    headers(head).iter().any(|(name, value)| {
        let value = value.to_ascii_lowercase();
        match name.as_str() {
            "mime-version" => true,
            "content-type" => !value.trim_start().starts_with("text/plain"),
            "content-transfer-encoding" => {
                matches!(value.trim(), "quoted-printable" | "base64")
            }
            _ => false,
        }
    })
}

fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Whether the first line is `Name: value` (RFC 5322 field names).
fn starts_with_header(raw: &[u8]) -> bool {
    let line = raw.split(|&b| b == b'\n').next().unwrap_or_default();
    match line.iter().position(|&b| b == b':') {
        Some(colon) if colon > 0 => line[..colon].iter().all(|&b| (33..=126).contains(&b)),
        _ => false,
    }
}

/// Splits an entity at its first empty line into head and body.
fn split(raw: &[u8]) -> (&[u8], &[u8]) {
    let mut at = 0;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        if line == b"\n" || line == b"\r\n" {
            return (&raw[..at], &raw[at + line.len()..]);
        }
        at += line.len();
    }
    (raw, &[])
}

/// Unfolded headers: lowercase name and raw value.
fn headers(head: &[u8]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in head.split_inclusive(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = out.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            out.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    out
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `text/plain; charset="utf-8"` → (`text/plain`, [(`charset`, `utf-8`)]).
fn content_type(value: &str) -> (String, Vec<(String, String)>) {
    let mut parts = value.split(';');
    let kind = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let params = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            (
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            )
        })
        .collect();
    (kind, params)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The first plain-text, non-attachment part of an entity, decoded; an
/// error when that part's body cannot be decoded.
fn text_of(
    headers: &[(String, String)],
    body: &[u8],
    depth: usize,
) -> Result<Option<String>, String> {
    let (kind, params) = content_type(header(headers, "content-type").unwrap_or("text/plain"));
    let attachment = header(headers, "content-disposition")
        .is_some_and(|d| d.trim().to_ascii_lowercase().starts_with("attachment"));
    if attachment {
        return Ok(None);
    }
    if kind.starts_with("multipart/") {
        let Some(boundary) = param(&params, "boundary").filter(|_| depth < MAX_DEPTH) else {
            return Ok(None);
        };
        for part in parts(body, boundary) {
            let (head, body) = split(part);
            if let Some(text) = text_of(&self::headers(head), body, depth + 1)? {
                return Ok(Some(text));
            }
        }
        return Ok(None);
    }
    if kind != "text/plain" {
        return Ok(None);
    }
    let encoding = header(headers, "content-transfer-encoding").unwrap_or("7bit");
    if encoding.trim().eq_ignore_ascii_case("base64") && !is_base64(body) {
        return Err("the text part is marked base64 but does not decode as base64".to_string());
    }
    let bytes = transfer_decode(body, encoding);
    // An unknown charset is read as UTF-8, invalid bytes replaced.
    let text = charset_decode(&bytes, param(&params, "charset").unwrap_or("us-ascii"));
    Ok(Some(text.replace("\r\n", "\n")))
}

/// Whether `body` holds only base64 characters, padding and white space.
fn is_base64(body: &[u8]) -> bool {
    body.iter().all(|&b| {
        b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') || b.is_ascii_whitespace()
    })
}

/// The parts of a multipart body between `--boundary` lines.
fn parts<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let open = format!("--{boundary}");
    let close = format!("--{boundary}--");
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let trimmed = String::from_utf8_lossy(line);
        let trimmed = trimmed.trim_end();
        if trimmed == open || trimmed == close {
            if let Some(s) = start {
                out.push(strip_line_end(&body[s..at]));
            }
            if trimmed == close {
                return out;
            }
            start = Some(at + line.len());
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push(&body[s..]);
    }
    out
}

fn strip_line_end(part: &[u8]) -> &[u8] {
    let part = part.strip_suffix(b"\n").unwrap_or(part);
    part.strip_suffix(b"\r").unwrap_or(part)
}

fn transfer_decode<'a>(body: &'a [u8], encoding: &str) -> Cow<'a, [u8]> {
    match encoding.trim().to_ascii_lowercase().as_str() {
        "quoted-printable" => Cow::Owned(quoted_printable(body, false)),
        "base64" => Cow::Owned(base64(body)),
        _ => Cow::Borrowed(body),
    }
}

/// Decodes quoted-printable (`_` is a space in header words).
fn quoted_printable(input: &[u8], underscore_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'=' => {
                let rest = &input[i + 1..];
                if rest.starts_with(b"\r\n") {
                    i += 3;
                } else if rest.starts_with(b"\n") {
                    i += 2;
                } else if let Some(byte) = rest.get(..2).and_then(hex_byte) {
                    out.push(byte);
                    i += 3;
                } else {
                    out.push(b'=');
                    i += 1;
                }
            }
            b'_' if underscore_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn hex_byte(pair: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(pair).ok()?;
    u8::from_str_radix(text, 16).ok()
}

/// Decodes base64, skipping anything outside the alphabet.
fn base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in input {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Text from bytes in a charset; Latin-1 and Windows-1252 byte for byte,
/// anything else as UTF-8 with replacement characters.
fn charset_decode(bytes: &[u8], charset: &str) -> String {
    match charset.trim().to_ascii_lowercase().as_str() {
        "iso-8859-1" | "latin1" | "iso-8859-15" | "windows-1252" | "cp1252" => {
            bytes.iter().map(|&b| char::from(b)).collect()
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Decodes RFC 2047 encoded words (`=?UTF-8?Q?Thank_you?=`) in a header value.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    let mut previous_was_word = false;
    let mut from = 0;
    while let Some(found) = value[from..].find("=?") {
        let start = from + found;
        let Some(word) = encoded_word(&value[start..]) else {
            from = start + 2;
            continue;
        };
        let gap = &value[last..start];
        if !(previous_was_word && gap.trim().is_empty()) {
            out.push_str(gap);
        }
        let bytes = match word.encoding {
            b'b' | b'B' => base64(word.text.as_bytes()),
            _ => quoted_printable(word.text.as_bytes(), true),
        };
        out.push_str(&charset_decode(&bytes, word.charset));
        last = start + word.len;
        from = last;
        previous_was_word = true;
    }
    out.push_str(&value[last..]);
    out
}

/// One encoded word: `=?charset?B|Q?text?=`.
struct EncodedWord<'a> {
    charset: &'a str,
    encoding: u8,
    text: &'a str,
    /// Its length in the header, `=?` to `?=`.
    len: usize,
}

/// The encoded word at the start of `s`, if one is there: a charset and a
/// text without `?` or white space, and `B` or `Q` between them.
fn encoded_word(s: &str) -> Option<EncodedWord<'_>> {
    let plain = |t: &str| !t.contains(|c: char| c == '?' || c.is_whitespace());
    let rest = s.strip_prefix("=?")?;
    let (charset, rest) = rest.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let text = &rest[..end];
    let encoding = match encoding {
        "b" | "B" | "q" | "Q" => encoding.as_bytes()[0],
        _ => return None,
    };
    (!charset.is_empty() && plain(charset) && plain(text)).then(|| EncodedWord {
        charset,
        encoding,
        text,
        len: s.len() - rest.len() + end + 2,
    })
}

/// Decodes a MIME message (multipart, quoted-printable or base64) the
/// way `followup gate` does; any other text is returned as it is.
pub fn decode(source: SourceFile) -> Result<SourceFile, FileError> {
    if !needs_decoding(source.text.as_bytes()) {
        return Ok(source);
    }
    let text = draft(source.text.as_bytes())
        .map_err(|why| FileError::new(&source.path, why).with_kind(ErrorKind::Mail))?;
    if text.trim().is_empty() {
        return Err(
            FileError::new(&source.path, "the message has no text to lint")
                .with_kind(ErrorKind::Mail),
        );
    }
    Ok(SourceFile {
        path: source.path,
        text: text.into(),
        decoded_mail: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_message_keeps_address_and_subject() {
        let raw = b"Date: Tue, 10 Mar 2026 10:00:00 +0000\r\nFrom: Ana <a@x.org>\r\nTo: Dr. Rachel Vilsack\r\n <rv@example.com>\r\nMessage-ID: <1@x>\r\nSubject: =?UTF-8?Q?Thank_you_=E2=80=94?=\r\n =?UTF-8?B?IFR1ZXNkYXk=?=\r\n\r\nDear Dr. Vilsack,\r\n";
        let draft = draft(raw).unwrap();
        assert_eq!(
            draft,
            "From: Ana <a@x.org>\nTo: Dr. Rachel Vilsack <rv@example.com>\nSubject: Thank you \u{2014} Tuesday\n\nDear Dr. Vilsack,\n"
        );
    }

    #[test]
    fn multipart_finds_the_text_part() {
        let raw = b"To: a@b.c\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"XX\"\n\npreamble\n--XX\nContent-Type: multipart/alternative; boundary=YY\n\n--YY\nContent-Type: text/html\n\n<p>Hey</p>\n--YY\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nDear Jos=E9,=\n thanks.\n--YY--\n--XX\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=cv.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--XX--\n";
        assert_eq!(
            draft(raw).unwrap(),
            "To: a@b.c\nSubject: Hi\n\nDear Jos\u{e9}, thanks."
        );
    }

    #[test]
    fn html_only_is_refused_and_plain_text_passes_through() {
        let raw = b"To: a@b.c\nContent-Type: text/html\n\n<p>Hey</p>\n";
        assert!(draft(raw).is_err());
        assert_eq!(
            draft(b"Dear Ms. Lee,\r\nThanks.\r\n").unwrap(),
            "Dear Ms. Lee,\nThanks.\n"
        );
        assert_eq!(base64(b"SGV5IQ=="), b"Hey!");
        let encoded = b"Content-Transfer-Encoding: base64\nContent-Type: text/plain; charset=utf-8\n\nRGVhciBNcy4gTGVlLA==\n";
        assert_eq!(draft(encoded).unwrap(), "\nDear Ms. Lee,");
    }

    #[test]
    fn encoded_words_need_charset_encoding_and_plain_text() {
        assert_eq!(decode_words("=?utf-8?q?caf=C3=A9?= ok"), "café ok");
        assert_eq!(decode_words("a =?x?z?t?= b"), "a =?x?z?t?= b");
        assert_eq!(decode_words("=?utf-8?q?a b?="), "=?utf-8?q?a b?=");
        assert_eq!(
            decode_words("=?utf-8?B?SGk=?= =?utf-8?B?IHRoZXJl?="),
            "Hi there"
        );
        assert_eq!(decode_words("=? =?utf-8?q?x?="), "=? x");
    }
}
