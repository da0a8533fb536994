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

/// Byte offsets of the characters a reader counts in `text`: every
/// character but white space, and one for each run of white space between
/// two of them (runs at either end do not count).
pub fn counted_chars(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = text.char_indices();
    let mut pending_space: Option<usize> = None;
    let mut seen_any = false;
    let mut queued: Option<usize> = None;
    std::iter::from_fn(move || {
        if let Some(next) = queued.take() {
            return Some(next);
        }
        for (i, c) in chars.by_ref() {
            if c.is_whitespace() {
                if seen_any && pending_space.is_none() {
                    pending_space = Some(i);
                }
                continue;
            }
            seen_any = true;
            if let Some(space) = pending_space.take() {
                queued = Some(i);
                return Some(space);
            }
            return Some(i);
        }
        None
    })
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
    fn counted_characters_take_one_per_space_run_and_skip_the_ends() {
        let text = "  ab \n c  ";
        assert_eq!(counted_chars(text).collect::<Vec<_>>(), [2, 3, 4, 7]);
        assert_eq!(counted_chars("").count(), 0);
        assert_eq!(counted_chars("é é").collect::<Vec<_>>(), [0, 2, 3]);
    }

    #[test]
    fn spaces_collapse_and_ends_keep_one() {
        assert_eq!(collapse_spaces(" a \n\t b  "), " a b ");
        assert_eq!(collapse_spaces("a b"), "a b");
    }
}
