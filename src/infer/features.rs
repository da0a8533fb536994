//! The evidence the kind model weighs: words and word pairs, cue families
//! and the note's shape, each a named binary feature.

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

/// One feature: its name in the model, and for a cue the phrase that
/// matched (what shows it to a reader).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Feature {
    /// `w:word`, `b:word word`, `cue:kind` or `shape:…`.
    pub name: String,
    /// The matched phrase of a cue.
    cue_text: Option<String>,
}

impl Feature {
    /// What the feature stands for in the note (`another candidate`, `a
    /// short note`).
    pub fn shown(&self) -> &str {
        if let Some(text) = &self.cue_text {
            return text;
        }
        if let Some(shape) = self.name.strip_prefix("shape:") {
            return shape_text(shape);
        }
        self.name
            .split_once(':')
            .map_or(&self.name, |(_, rest)| rest)
    }
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
    let plain = |name: String| Feature {
        name,
        cue_text: None,
    };
    let mut found: Vec<Feature> = Vec::with_capacity(spaced.len() / 3);
    let mut tokens = Vec::new();
    for sentence in sentences(spaced) {
        tokens.clear();
        tokenize(sentence, &mut tokens);
        for (i, token) in tokens.iter().enumerate() {
            let function = is_function_word(token);
            if !function {
                found.push(plain(format!("w:{token}")));
            }
            if let Some(next) = tokens.get(i + 1) {
                if !function || !is_function_word(next) {
                    found.push(plain(format!("b:{token} {next}")));
                }
            }
        }
    }
    for (kind, range) in cues::find(spaced, starts) {
        let text = spaced.get(range).unwrap_or_default().to_lowercase();
        found.push(Feature {
            name: format!("cue:{kind}"),
            cue_text: Some(text),
        });
    }
    for name in shape_features(shape) {
        found.push(plain(format!("shape:{name}")));
    }
    // Sorted by name, then the first cue match of each family kept.
    found.sort();
    found.dedup_by(|a, b| a.name == b.name);
    found
}

/// How a shape feature reads.
fn shape_text(name: &str) -> &'static str {
    match name {
        "words<=40" => "a very short note",
        "words<=80" => "a short note",
        "words>150" => "a long note",
        "no-greeting" => "no greeting",
        "no-sign-off" => "no sign-off",
        _ => "its shape",
    }
}

/// The shape features of a note.
fn shape_features(shape: &Shape) -> Vec<&'static str> {
    let mut out = Vec::new();
    if shape.words <= 40 {
        out.push("words<=40");
    } else if shape.words <= 80 {
        out.push("words<=80");
    } else if shape.words > 150 {
        out.push("words>150");
    }
    if !shape.greeting {
        out.push("no-greeting");
    }
    if !shape.sign_off {
        out.push("no-sign-off");
    }
    out
}

/// Splits prose at sentence ends (`.`, `!`, `?`, `;` followed by a space or the end).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?', ';', ':'])
}

/// Lowercase word tokens: runs of letters, digits and inner apostrophes;
/// a token holding a digit becomes `<num>`.
fn tokenize(text: &str, out: &mut Vec<String>) {
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
            flush(&mut current, out);
        }
    }
    flush(&mut current, out);
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
