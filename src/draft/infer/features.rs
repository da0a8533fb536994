//! The evidence the kind model weighs: words and word pairs, cue families
//! and the note's shape, each a named binary feature.

use super::cues;

/// The shape of a note, read from its parsed structure.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Body words (see [`crate::draft::document::count_words`]).
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
        match &self.cue_text {
            Some(text) => text,
            None => shown_of(&self.name),
        }
    }
}

/// How a word, pair or shape feature reads, from its name.
pub(super) fn shown_of(name: &str) -> &str {
    if let Some(shape) = name.strip_prefix("shape:") {
        return shape_text(shape);
    }
    name.split_once(':').map_or(name, |(_, rest)| rest)
}

/// Function words: they say how a note is written, not what situation it
/// is in, so a word of these alone, or a pair of two, is no feature.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "about"
            | "after"
            | "again"
            | "all"
            | "also"
            | "am"
            | "an"
            | "and"
            | "any"
            | "are"
            | "as"
            | "at"
            | "be"
            | "been"
            | "before"
            | "being"
            | "both"
            | "but"
            | "by"
            | "can"
            | "could"
            | "did"
            | "do"
            | "does"
            | "for"
            | "from"
            | "had"
            | "has"
            | "have"
            | "having"
            | "he"
            | "her"
            | "here"
            | "him"
            | "his"
            | "how"
            | "i"
            | "i'd"
            | "i'll"
            | "i'm"
            | "i've"
            | "if"
            | "in"
            | "into"
            | "is"
            | "it"
            | "it's"
            | "its"
            | "just"
            | "me"
            | "more"
            | "most"
            | "much"
            | "my"
            | "myself"
            | "no"
            | "not"
            | "now"
            | "of"
            | "on"
            | "one"
            | "or"
            | "other"
            | "our"
            | "out"
            | "over"
            | "own"
            | "really"
            | "she"
            | "should"
            | "so"
            | "some"
            | "such"
            | "than"
            | "that"
            | "the"
            | "their"
            | "them"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "those"
            | "through"
            | "to"
            | "too"
            | "up"
            | "us"
            | "very"
            | "was"
            | "we"
            | "well"
            | "were"
            | "what"
            | "when"
            | "where"
            | "which"
            | "while"
            | "who"
            | "why"
            | "will"
            | "with"
            | "would"
            | "you"
            | "you're"
            | "your"
            | "yours"
    )
}

/// The features of a note with this prose (white space normalised, with
/// its word starts) and shape, each once, in name order.
pub fn features(spaced: &str, starts: &[u32], shape: &Shape) -> Vec<Feature> {
    let mut found: Vec<Feature> = Vec::with_capacity(spaced.len() / 3);
    each_feature(spaced, starts, shape, |name, cue_text| {
        found.push(Feature {
            name: name.to_string(),
            cue_text: cue_text.map(str::to_string),
        });
    });
    // Sorted by name, then the first cue match of each family kept.
    found.sort();
    found.dedup_by(|a, b| a.name == b.name);
    found
}

/// Calls `visit` with the name of every feature of a note (repeats
/// included), and for a cue the phrase that matched. The name is built in
/// one reused buffer, so scoring allocates nothing per word.
pub fn each_feature(
    spaced: &str,
    starts: &[u32],
    shape: &Shape,
    mut visit: impl FnMut(&str, Option<&str>),
) {
    let mut name = String::with_capacity(64);
    let mut buffer = String::new();
    let mut ranges = Vec::new();
    for sentence in sentences(spaced) {
        tokenize(sentence, &mut buffer, &mut ranges);
        let tokens: Vec<&str> = ranges.iter().map(|r| &buffer[r.clone()]).collect();
        for (i, token) in tokens.iter().copied().enumerate() {
            let function = is_function_word(token);
            if !function {
                name.clear();
                name.push_str("w:");
                name.push_str(token);
                visit(&name, None);
            }
            if let Some(&next) = tokens.get(i + 1) {
                if !function || !is_function_word(next) {
                    name.clear();
                    name.push_str("b:");
                    name.push_str(token);
                    name.push(' ');
                    name.push_str(next);
                    visit(&name, None);
                }
            }
        }
    }
    for (kind, range) in cues::find(spaced, starts) {
        let text = spaced.get(range).unwrap_or_default().to_lowercase();
        name.clear();
        name.push_str("cue:");
        name.push_str(kind.as_str());
        visit(&name, Some(&text));
    }
    for shape_name in shape_features(shape) {
        name.clear();
        name.push_str("shape:");
        name.push_str(shape_name);
        visit(&name, None);
    }
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
/// a token holding a digit becomes `<num>`. The tokens are written one
/// after another into `buffer`, and `out` gets their ranges in it.
fn tokenize(text: &str, buffer: &mut String, out: &mut Vec<std::ops::Range<usize>>) {
    buffer.clear();
    out.clear();
    let mut start = 0;
    let flush = |buffer: &mut String, out: &mut Vec<std::ops::Range<usize>>, start: &mut usize| {
        // Apostrophes at the ends are quotes, not part of the word.
        while buffer.len() > *start && buffer.ends_with('\'') {
            buffer.pop();
        }
        let lead = buffer[*start..].len() - buffer[*start..].trim_start_matches('\'').len();
        if lead > 0 {
            buffer.replace_range(*start..*start + lead, "");
        }
        if buffer.len() > *start {
            if buffer[*start..].bytes().any(|b| b.is_ascii_digit()) {
                buffer.truncate(*start);
                buffer.push_str("<num>");
            }
            out.push(*start..buffer.len());
        }
        *start = buffer.len();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            buffer.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            buffer.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}') && buffer.len() > start {
            buffer.push('\'');
        } else {
            flush(buffer, out, &mut start);
        }
    }
    flush(buffer, out, &mut start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_pairs_cues_and_shape() {
        let text = "I’ve accepted another offer. Thanks, 2026!";
        let starts = crate::pattern::phrase::word_starts(text);
        let names: Vec<String> = features(text, &starts, &Shape::default())
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(is_function_word("the") && !is_function_word("offer"));
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
