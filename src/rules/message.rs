//! Message and help templates: `{variable}` slots that a check fills in,
//! checked against the check kind's variables when the rule loads, and
//! filled in one pass.

use std::ops::Range;

/// The `{slot}`s of a template: each name and its byte range (braces
/// included). Only `{` + lowercase letters, digits or `_` + `}` is a slot;
/// any other brace is text.
pub fn slots(template: &str) -> impl Iterator<Item = (&str, Range<usize>)> + '_ {
    let bytes = template.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(open) = template[at..].find('{').map(|i| at + i) {
            let name_len = bytes[open + 1..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'_')
                .count();
            let close = open + 1 + name_len;
            at = open + 1;
            if name_len > 0 && bytes.get(close) == Some(&b'}') {
                at = close + 1;
                return Some((&template[open + 1..close], open..close + 1));
            }
        }
        None
    })
}

/// The first slot of `template` that is not one of `allowed`.
pub fn unknown_slot<'a>(template: &'a str, allowed: &[&str]) -> Option<(&'a str, Range<usize>)> {
    slots(template).find(|(name, _)| !allowed.contains(name))
}

/// Fills `{name}` slots with their values; a slot with no value stays as
/// written.
pub fn fill(template: &str, vars: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut at = 0;
    for (name, range) in slots(template) {
        if let Some((_, value)) = vars.iter().find(|(n, _)| *n == name) {
            out.push_str(&template[at..range.start]);
            out.push_str(value);
            at = range.end;
        }
    }
    out.push_str(&template[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_lowercase_names_in_braces() {
        let found: Vec<&str> = slots("{a} {} {B} {x_1} {unclosed")
            .map(|(n, _)| n)
            .collect();
        assert_eq!(found, ["a", "x_1"]);
    }

    #[test]
    fn an_unknown_slot_is_found_with_its_place() {
        assert_eq!(
            unknown_slot("Hello {nmae}, {count}", &["name", "count"]),
            Some(("nmae", 6..12))
        );
        assert_eq!(unknown_slot("{count} {count}", &["count"]), None);
    }

    #[test]
    fn fill_replaces_known_slots_once_each_in_one_pass() {
        let vars = [("count", "{limit}".to_string()), ("limit", "5".to_string())];
        assert_eq!(
            fill("{count} of {limit} {other}", &vars),
            "{limit} of 5 {other}"
        );
    }
}
