//! The evidence the kind model weighs: words and word pairs, cue families
//! and the note's shape, each a named binary feature.

use std::collections::BTreeMap;

use super::cues;

/// The shape of a note, read from its parsed structure.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Body words (see [`crate::document::count_words`]).
    pub words: usize,
    /// Characters of the whole message.
    pub chars: usize,
    /// The note has a greeting line.
    pub greeting: bool,
    /// The note ends with a closing and a name.
    pub sign_off: bool,
    /// Front matter says `medium: linkedin`.
    pub medium_linkedin: bool,
}

/// One feature: its name in the model, and the text that shows it to a
/// reader (`another candidate`, `short note`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// `w:word`, `b:word word`, `cue:kind` or `shape:…`.
    pub name: String,
    /// What the feature stands for in the note.
    pub shown: String,
}

/// Function words: they say how a note is written, not what situation it
/// is in, so a word of these alone, or a pair of two, is no feature.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does",
    "for", "from", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i",
    "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "it", "it's", "its", "just", "me",
    "more", "most", "much", "my", "myself", "no", "not", "now", "of", "on", "one", "or", "other",
    "our", "out", "over", "own", "really", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "up", "us", "very", "was", "we", "well", "were", "what", "when", "where", "which",
    "while", "who", "why", "will", "with", "would", "you", "you're", "your", "yours",
];

fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// The features of a note with this prose (white space normalised, with
/// its word starts) and shape, each once, in name order.
pub fn features(spaced: &str, starts: &[u32], shape: &Shape) -> Vec<Feature> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for sentence in sentences(spaced) {
        let tokens = tokens(sentence);
        for (i, token) in tokens.iter().enumerate() {
            let function = is_function_word(token);
            if !function {
                found
                    .entry(format!("w:{token}"))
                    .or_insert_with(|| token.clone());
            }
            if let Some(next) = tokens.get(i + 1) {
                if !function || !is_function_word(next) {
                    let pair = format!("{token} {next}");
                    found.entry(format!("b:{pair}")).or_insert(pair);
                }
            }
        }
    }
    for (kind, range) in cues::find(spaced, starts) {
        let shown = spaced.get(range).unwrap_or_default().to_lowercase();
        found.entry(format!("cue:{kind}")).or_insert(shown);
    }
    for (name, shown) in shape_features(shape) {
        found.insert(format!("shape:{name}"), shown.to_string());
    }
    found
        .into_iter()
        .map(|(name, shown)| Feature { name, shown })
        .collect()
}

/// The shape features of a note.
fn shape_features(shape: &Shape) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if shape.words <= 40 {
        out.push(("words<=40", "a very short note"));
    } else if shape.words <= 80 {
        out.push(("words<=80", "a short note"));
    } else if shape.words > 150 {
        out.push(("words>150", "a long note"));
    }
    if !shape.greeting {
        out.push(("no-greeting", "no greeting"));
    }
    if !shape.sign_off {
        out.push(("no-sign-off", "no sign-off"));
    }
    out
}

/// Splits prose at sentence ends (`.`, `!`, `?`, `;` followed by a space or the end).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?', ';', ':'])
}

/// Lowercase word tokens: runs of letters, digits and inner apostrophes;
/// a token holding a digit becomes `<num>`.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let token = current.trim_matches('\'');
        if !token.is_empty() {
            if token.chars().any(|c| c.is_ascii_digit()) {
                out.push("<num>".to_string());
            } else {
                out.push(token.to_string());
            }
        }
        current.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}') && !current.is_empty() {
            current.push('\'');
        } else {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_pairs_cues_and_shape() {
        let text = "I’ve accepted another offer. Thanks, 2026!";
        let starts = crate::phrase::word_starts(text);
        let names: Vec<String> = features(text, &starts, &Shape::default())
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        for want in [
            "w:accepted",
            "b:i've accepted",
            "b:accepted another",
            "w:<num>",
            "cue:withdrawal",
            "shape:words<=40",
            "shape:no-greeting",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
        }
        // Pairs do not cross sentences; function words alone are no feature.
        assert!(!names.iter().any(|n| n == "b:offer thanks"));
        assert!(!names.iter().any(|n| n == "w:i've"));
    }
}
