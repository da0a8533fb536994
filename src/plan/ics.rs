//! The plan as an iCalendar file (RFC 5545): one all-day event per next
//! step, with a UID that stays the same from run to run so that a calendar
//! importing the file again updates its events instead of duplicating them.

use super::{Plan, Step};

/// Longest content line, in octets, before it is folded (RFC 5545 3.1).
pub const FOLD_AT: usize = 75;

/// Escapes a TEXT value (RFC 5545 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line into lines of at most 75 octets, never inside a
/// UTF-8 character, each ending in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// A stable identifier made of readable words: lowercase letters and
/// digits, other characters as `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// 64-bit FNV-1a, so that names differing only in punctuation or accents
/// still get different UIDs.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The UID of a step: from company, role and step (and, for a thank-you,
/// which there is one of per interviewer, the recipient), nothing else, so
/// it survives new dates and newly written drafts.
pub fn uid(company: &str, role: Option<&str>, step: &Step) -> String {
    let to = match step.action {
        super::Action::ThankYou => step.to.as_deref(),
        _ => None,
    };
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        company.trim().to_lowercase(),
        role.unwrap_or("").trim().to_lowercase(),
        step.action.as_str(),
        to.unwrap_or("").trim().to_lowercase()
    );
    let mut words = vec![slug(company)];
    if let Some(r) = role {
        words.push(slug(r));
    }
    words.push(step.action.as_str().to_string());
    if let Some(to) = to {
        words.push(slug(to));
    }
    words.retain(|w| !w.is_empty());
    format!("{}-{:016x}@followup", words.join("-"), fnv(&key))
}

/// The calendar text. `stamp` is DTSTAMP in UTC (`20261121T120000Z`);
/// `url` turns a handbook page into its address.
pub fn calendar(plan: &Plan, stamp: &str, url: impl Fn(&str) -> String) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//followup//plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "X-WR-CALNAME:Follow-ups".into(),
    ];
    for (app, step) in plan.steps() {
        let day = step.day(plan.today);
        let end = day
            .checked_add(crate::draft::dates::Span::days(1))
            .unwrap_or(day);
        let title = app.title();
        let summary = match &step.to {
            Some(to) => format!("{}: {} to {to}", title, super::describe(step.action)),
            None => format!("{}: {}", title, super::describe(step.action)),
        };
        let mut description = super::when_text(step);
        description.push_str(&format!(" ({})", step.reason));
        if let Some(draft) = &step.draft {
            description.push_str(&format!("\nDraft: {draft}"));
        }
        let page = url(step.action.page());
        description.push_str(&format!("\nHandbook: {page}"));
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", uid(&app.company, app.role.as_deref(), step)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", day.compact()),
            format!("DTEND;VALUE=DATE:{}", end.compact()),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&description)),
            format!("URL:{page}"),
            format!("CATEGORIES:{}", step.state.as_str().to_uppercase()),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= FOLD_AT, "{line}");
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(slug("Pinecrest Outdoor, Ltd."), "pinecrest-outdoor-ltd");
    }
}
