//! Small word-level helpers shared by draft parsing, patterns and checks.

/// Levenshtein distance in characters, for suggestions and near-miss names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Each run of whitespace (line breaks included) as one space; a run at
/// either end stays as one space too (trim the result to drop it).
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_characters() {
        assert_eq!(edit_distance("Vilsack", "Vilsak"), 1);
        assert_eq!(edit_distance("é", "e"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn spaces_collapse_and_ends_keep_one() {
        assert_eq!(collapse_spaces(" a \n\t b  "), " a b ");
        assert_eq!(collapse_spaces("a b"), "a b");
    }
}
