//! `greeting`: what is wrong with the salutation line, one aspect per rule
//! (missing, casual, generic, several people, a bare first name, a name
//! that differs from `to:`).

use serde::Deserialize;

use super::{Check, CheckKind, Env, Finding, check_boilerplate, parameters};
use crate::draft::document::Document;
use crate::draft::greeting::{Greeting, canonical_title};

/// Which aspect of the greeting a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Salutation {
    /// No greeting line at all.
    Missing,
    /// A casual greeting word (`phrases`).
    Casual,
    /// A greeting that names nobody (`phrases`).
    Generic,
    /// A greeting to several people (`phrases` are collective words).
    Multiple,
    /// A bare given name.
    FirstName,
    /// Title or name differs from `to:`.
    Mismatch,
}

/// Parameters of a `greeting` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GreetingSpec {
    /// The aspect reported.
    pub fires_on: Salutation,
    /// Words or phrases the aspect uses (casual words, generic or collective addressees).
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// A compiled `greeting` check.
#[derive(Debug, Clone)]
pub struct GreetingCheck {
    /// The aspect reported.
    pub fires_on: Salutation,
    /// Lowercase phrases.
    pub phrases: Vec<String>,
}

impl GreetingCheck {
    /// Normalises the phrases.
    pub fn compile(spec: GreetingSpec) -> Self {
        GreetingCheck {
            fires_on: spec.fires_on,
            phrases: spec
                .phrases
                .iter()
                .map(|p| p.trim().to_lowercase())
                .collect(),
        }
    }

    /// Runs the aspect on the document's greeting.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let text = doc.text();
        let Some(g) = &doc.greeting else {
            return match self.fires_on {
                Salutation::Missing => vec![Finding::at(doc.first_line.clone())],
                _ => Vec::new(),
            };
        };
        let addressee = normalised_addressee(g);
        let found = match self.fires_on {
            Salutation::Missing => None,
            Salutation::Casual => {
                let phrase = g.phrase_lower(text);
                self.phrases
                    .iter()
                    .filter(|p| starts_with_word(&phrase, p))
                    .max_by_key(|p| p.len())
                    .map(|p| {
                        let span = g.span.start..g.span.start + p.len();
                        Finding::at(span.clone()).var("match", &text[span])
                    })
            }
            Salutation::Generic => {
                let phrase = g.phrase_lower(text);
                self.phrases
                    .iter()
                    .any(|p| *p == addressee || *p == phrase)
                    .then(|| Finding::at(g.span.clone()).var("match", &text[g.span.clone()]))
            }
            Salutation::Multiple => {
                let joined = g.addressee.iter().any(|t| {
                    let w = t.text.to_lowercase();
                    w == "and" || w == "&"
                }) && g.addressee.len() >= 3;
                (joined || self.phrases.contains(&addressee))
                    .then(|| Finding::at(g.span.clone()).var("match", &text[g.span.clone()]))
            }
            Salutation::FirstName => first_name(g, &addressee, env).map(|token| {
                Finding::at(g.span.clone())
                    .var("name", token)
                    .var("match", &text[g.span.clone()])
            }),
            Salutation::Mismatch => mismatch(g, doc, &addressee, env),
        };
        found.into_iter().collect()
    }
}

fn starts_with_word(phrase: &str, word: &str) -> bool {
    phrase.starts_with(word)
        && phrase[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The addressee in lowercase without a leading `the`.
fn normalised_addressee(g: &Greeting) -> String {
    let text = g.addressee_text().to_lowercase();
    text.strip_prefix("the ").map(str::to_owned).unwrap_or(text)
}

/// Whether the greeting names a person (not nobody, not a group, not a placeholder).
fn names_a_person(g: &Greeting, addressee: &str, env: &Env<'_>) -> bool {
    !g.addressee.is_empty()
        && !g.has_placeholder()
        && addressee != "there"
        && !env.non_names.iter().any(|p| p == addressee)
        && !g
            .addressee
            .iter()
            .any(|t| matches!(t.text.to_lowercase().as_str(), "and" | "&"))
        && g.names()
            .first()
            .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
}

fn first_name(g: &Greeting, addressee: &str, env: &Env<'_>) -> Option<String> {
    if g.title().is_some() || !names_a_person(g, addressee, env) {
        return None;
    }
    let names = g.names();
    let only = names.first()?;
    let plain = only
        .text
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'));
    (names.len() == 1 && plain).then(|| only.text.clone())
}

/// The parts of a `to:` value.
struct Recipient {
    title: Option<String>,
    given: Option<String>,
    surname: String,
}

fn parse_recipient(to: &str) -> Option<Recipient> {
    let words: Vec<&str> = to.split_whitespace().collect();
    let (title, names) = match words.split_first() {
        Some((first, rest)) if canonical_title(first).is_some() && !rest.is_empty() => {
            (Some((*first).to_string()), rest)
        }
        _ => (None, words.as_slice()),
    };
    match names {
        [] => None,
        [only] => Some(Recipient {
            title,
            given: None,
            surname: (*only).to_string(),
        }),
        [given, rest @ ..] => Some(Recipient {
            title,
            given: Some((*given).to_string()),
            surname: rest.join(" "),
        }),
    }
}

fn same(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// `Dear <title> <surname>` from `to:`, when `to:` has a title.
pub fn salutation_from_to(to: &str) -> Option<String> {
    let r = parse_recipient(to)?;
    r.title
        .map(|t| format!("Dear {t} {}", r.surname))
        .filter(|s| !has_markdown(s))
}

/// Whether `text` written into a greeting reads back as written: no
/// character that ends the addressee (`,`, `!`, a dash) and no Markdown
/// syntax (`_`, `*`, backticks, brackets, `<`, `\\`). A fix that writes
/// anything else would not settle: the next run would fix it again.
fn writable_in_greeting(text: &str) -> bool {
    !text.contains(crate::draft::greeting::ADDRESSEE_ENDS) && !has_markdown(text)
}

/// Whether `text` holds Markdown syntax that prose reading would remove.
fn has_markdown(text: &str) -> bool {
    text.contains(['_', '*', '`', '[', ']', '<', '>', '\\', '~'])
}

fn mismatch(g: &Greeting, doc: &Document, addressee: &str, env: &Env<'_>) -> Option<Finding> {
    let to = doc.to.as_deref()?;
    if !names_a_person(g, addressee, env) {
        return None;
    }
    let r = parse_recipient(to)?;
    let text = doc.text();
    if let (Some(title), Some(expected)) = (g.title(), &r.title) {
        if canonical_title(&title.text) != canonical_title(expected) {
            let mut f = Finding::at(title.span.clone())
                .var("found", &title.text)
                .var("expected", expected.as_str())
                .var("to", to);
            if writable_in_greeting(expected) {
                f.expected = Some(expected.clone());
            }
            return Some(f);
        }
    }
    let names = g.names();
    if names.is_empty() {
        return None;
    }
    let written = names
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let full = match &r.given {
        Some(given) => format!("{given} {}", r.surname),
        None => r.surname.clone(),
    };
    let matches_any = same(&written, &r.surname)
        || same(&written, &full)
        || r.given
            .as_deref()
            .is_some_and(|given| same(&written, given));
    if matches_any {
        return None;
    }
    let span = names[0].span.start..names[names.len() - 1].span.end;
    // Suggest whichever part of `to:` the greeting was reaching for.
    let expected = if g.title().is_some() || r.given.is_none() {
        r.surname.clone()
    } else if names.len() > 1 {
        full
    } else {
        let given = r.given.clone().unwrap_or_default();
        let d_given =
            crate::text::words::edit_distance(&written.to_lowercase(), &given.to_lowercase());
        let d_surname =
            crate::text::words::edit_distance(&written.to_lowercase(), &r.surname.to_lowercase());
        if d_given <= d_surname {
            given
        } else {
            r.surname.clone()
        }
    };
    let mut f = Finding::at(span.clone())
        .var("found", &text[span])
        .var("expected", expected.as_str())
        .var("to", to);
    // A name the greeting would cut short (`Li?dqvist` reads as `Li`) is
    // reported but not written in: the fix would apply again on every run.
    if writable_in_greeting(&expected) {
        f.expected = Some(expected);
    }
    Some(f)
}

/// The `greeting` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "greeting",
    user_rules: false,
    variables: &["expected", "found", "match", "name", "to"],
    compile: |value| Ok(Box::new(GreetingCheck::compile(parameters(value)?))),
};

impl Check for GreetingCheck {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    check_boilerplate!();
}
