//! The check kinds a rule can pick. Each rule file names one under `check:`
//! with its parameters; the engine compiles it once per run.

mod confusions;
mod dates;
mod greeting;
mod informal;
mod length;
mod phrases;
mod placeholders;
mod repeated_words;
mod required;
mod scan;
mod sign_off;
mod similarity;
mod spelling;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::dates::Moment;
use crate::document::Document;
use crate::prose::Prose;

pub use confusions::{ConfusionSpec, Confusions, ConfusionsSpec};
pub use dates::{EarlyCheckIn, EarlyCheckInSpec, LateNote, LateNoteSpec};
pub use greeting::{GreetingCheck, GreetingSpec, Salutation, salutation_from_to};
pub use informal::{Informal, InformalSpec};
pub use length::{Length, LengthSpec};
pub use phrases::{Phrases, PhrasesSpec};
pub use placeholders::{Content, FieldOptions, FieldSpec, Placeholders, PlaceholdersSpec};
pub use repeated_words::{RepeatedWords, RepeatedWordsSpec};
pub use required::{Required, RequiredSpec};
pub use sign_off::{SignOffCheck, SignOffSpec};
pub use similarity::{Similarity, SimilaritySpec, body_words as similarity_words, find_duplicates};
pub use spelling::{Spelling, SpellingSpec};

/// A check as written in a rule file (`check: {type: …, …}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum CheckSpec {
    /// Phrases that must not appear (optionally only together with others).
    Phrases(PhrasesSpec),
    /// At least one of these phrases must appear.
    Required(RequiredSpec),
    /// Something about the greeting line.
    Greeting(GreetingSpec),
    /// A closing phrase followed by a name.
    SignOff(SignOffSpec),
    /// Word or character limits per kind.
    Length(LengthSpec),
    /// The note is sent too long after the interview.
    LateNote(LateNoteSpec),
    /// A check-in sent before the decision date.
    EarlyCheckIn(EarlyCheckInSpec),
    /// Near-identical drafts in one run.
    Similarity(SimilaritySpec),
    /// Template text left in: fields such as `[Your Name]`, runs such as
    /// `XXX`, phrases such as `TODO` (built-in rules only).
    Placeholders(PlaceholdersSpec),
    /// Chat style: emoji, emoticons, strings of `!`, text-speak (built-in
    /// rules only).
    Informal(InformalSpec),
    /// Words not in the dictionary that are no name the note gives
    /// (built-in rules only).
    Spelling(SpellingSpec),
    /// The same word twice in a row (built-in rules only).
    RepeatedWords(RepeatedWordsSpec),
    /// Common confusions the words around settle (built-in rules only).
    Confusions(ConfusionsSpec),
}

/// A compiled check. Checks are built once per run, so variant sizes do
/// not matter.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Check {
    /// See [`Phrases`].
    Phrases(Phrases),
    /// See [`Required`].
    Required(Required),
    /// See [`GreetingCheck`].
    Greeting(GreetingCheck),
    /// See [`SignOffCheck`].
    SignOff(SignOffCheck),
    /// See [`Length`].
    Length(Length),
    /// See [`LateNote`].
    LateNote(LateNote),
    /// See [`EarlyCheckIn`].
    EarlyCheckIn(EarlyCheckIn),
    /// See [`Similarity`].
    Similarity(Similarity),
    /// See [`Placeholders`].
    Placeholders(Placeholders),
    /// See [`Informal`].
    Informal(Informal),
    /// See [`Spelling`].
    Spelling(Spelling),
    /// See [`RepeatedWords`].
    RepeatedWords(RepeatedWords),
    /// See [`Confusions`].
    Confusions(Confusions),
}

/// A compile error: the text to point at in the rule file, and the message.
pub type CompileError = (String, String);

/// What checks may read besides the document.
#[derive(Debug, Clone)]
pub struct Env<'a> {
    /// The note's date when front matter has none (`--today`, else now,
    /// read only when a date rule needs it).
    pub today: &'a std::sync::OnceLock<Moment>,
    /// Greeting phrases that name nobody (lowercase), from the greeting rules.
    pub non_names: &'a [String],
    /// The kind the note is linted as (its kind, or another kind still open
    /// when the inference is unsure).
    pub kind: crate::kind::NoteKind,
    /// Words the user accepts (config `[spelling] words`).
    pub words: &'a [String],
    /// The spellings that count (config `[spelling] dialect`).
    pub dialect: crate::dictionary::Dialect,
    /// The proofreading checks' words of the draft being linted, scanned
    /// on first use and shared by them (an `Env` is made per draft).
    pub(crate) scan: std::cell::OnceCell<scan::Scan>,
}

/// One thing a check found; the rule turns it into a diagnostic.
#[derive(Debug, Clone, Default)]
pub struct Finding {
    /// The source bytes it is about.
    pub span: Range<usize>,
    /// Values for the message's `{placeholders}`.
    pub vars: Vec<(&'static str, String)>,
    /// A message replacing the rule's (per-kind variants).
    pub message: Option<String>,
    /// A help text replacing the rule's.
    pub help: Option<String>,
    /// The text a `from-to: name` fix puts in place of the span.
    pub expected: Option<String>,
    /// Guesses at the right text for the span, likeliest first: offered to
    /// the user (editor quick fixes), never applied by `--fix`.
    pub suggestions: Vec<String>,
}

impl Env<'_> {
    /// The date a note without `date:` is judged at.
    pub fn today(&self) -> Moment {
        *self.today.get_or_init(Moment::now)
    }

    /// The words of `doc` the proofreading checks look at; `doc` is the
    /// draft this `Env` was made for.
    pub(crate) fn scan(&self, doc: &Document) -> &scan::Scan {
        self.scan.get_or_init(|| scan::Scan::new(doc))
    }
}

impl Finding {
    /// A finding at `span` with no variables.
    pub fn at(span: Range<usize>) -> Self {
        Finding {
            span,
            ..Finding::default()
        }
    }

    /// Adds a message variable.
    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }
}

impl Check {
    /// Compiles a check's parameters (patterns, limits).
    pub fn compile(spec: CheckSpec) -> Result<Check, CompileError> {
        Ok(match spec {
            CheckSpec::Phrases(s) => Check::Phrases(Phrases::compile(s)?),
            CheckSpec::Required(s) => Check::Required(Required::compile(s)?),
            CheckSpec::Greeting(s) => Check::Greeting(GreetingCheck::compile(s)),
            CheckSpec::SignOff(s) => Check::SignOff(SignOffCheck::compile(s)),
            CheckSpec::Length(s) => Check::Length(Length::compile(s)),
            CheckSpec::LateNote(s) => Check::LateNote(LateNote::compile(s)),
            CheckSpec::EarlyCheckIn(s) => Check::EarlyCheckIn(EarlyCheckIn::compile(s)),
            CheckSpec::Similarity(s) => Check::Similarity(Similarity::compile(s)?),
            CheckSpec::Placeholders(s) => Check::Placeholders(Placeholders::compile(s)?),
            CheckSpec::Informal(s) => Check::Informal(Informal::compile(s)?),
            CheckSpec::Spelling(s) => Check::Spelling(Spelling::compile(s)?),
            CheckSpec::RepeatedWords(s) => Check::RepeatedWords(RepeatedWords::compile(s)?),
            CheckSpec::Confusions(s) => Check::Confusions(Confusions::compile(s)?),
        })
    }

    /// The check kind's name as written in rule files.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Check::Phrases(_) => "phrases",
            Check::Required(_) => "required",
            Check::Greeting(_) => "greeting",
            Check::SignOff(_) => "sign-off",
            Check::Length(_) => "length",
            Check::LateNote(_) => "late-note",
            Check::EarlyCheckIn(_) => "early-check-in",
            Check::Similarity(_) => "similarity",
            Check::Placeholders(_) => "placeholders",
            Check::Informal(_) => "informal",
            Check::Spelling(_) => "spelling",
            Check::RepeatedWords(_) => "repeated-words",
            Check::Confusions(_) => "confusions",
        }
    }

    /// Check kinds open to user rules.
    pub fn is_generic(&self) -> bool {
        matches!(
            self,
            Check::Phrases(_) | Check::Required(_) | Check::Length(_)
        )
    }

    /// Whether what the check finds depends on the kind the note is linted
    /// as (beyond the rule's `applies-to`): per-kind limits or phrases.
    pub fn depends_on_kind(&self) -> bool {
        match self {
            Check::Length(_) => true,
            Check::Required(c) => c.has_variants(),
            _ => false,
        }
    }

    /// Runs the check on one document (cross-file checks find nothing here).
    pub fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        match self {
            Check::Phrases(c) => c.run(doc),
            Check::Required(c) => c.run(doc, env),
            Check::Greeting(c) => c.run(doc, env),
            Check::SignOff(c) => c.run(doc),
            Check::Length(c) => c.run(doc, env),
            Check::LateNote(c) => c.run(doc, env),
            Check::EarlyCheckIn(c) => c.run(doc, env),
            Check::Similarity(_) => Vec::new(),
            Check::Placeholders(c) => c.run(doc),
            Check::Informal(c) => c.run(doc),
            Check::Spelling(c) => c.run(doc, env),
            Check::RepeatedWords(c) => c.run(doc, env),
            Check::Confusions(c) => c.run(doc, env),
        }
    }

    /// Compiles the check's patterns now.
    pub fn warm(&self) {
        match self {
            Check::Phrases(c) => c.warm(),
            Check::Required(c) => c.warm(),
            _ => {}
        }
    }

    /// Applies a config setting (`[settings.<rule>]` key) to the check's limits.
    pub fn set(&mut self, key: &str, value: &toml::Value) -> Result<(), String> {
        let number = || -> Result<f64, String> {
            value
                .as_integer()
                .map(|n| n as f64)
                .or_else(|| value.as_float())
                .filter(|n| *n >= 0.0)
                .ok_or_else(|| format!("`{key}` must be a non-negative number"))
        };
        // Limits past these mean nothing for a follow-up note, and would
        // overflow date arithmetic.
        let at_most = |max: f64, unit: &str| -> Result<f64, String> {
            let n = number()?;
            if n > max {
                return Err(format!("`{key}` must be at most {max} {unit}"));
            }
            Ok(n)
        };
        match self {
            Check::Length(c) => c.set(key, at_most(1_000_000.0, "")? as usize),
            Check::LateNote(c) if key == "hours" => {
                c.hours = at_most(24.0 * 3650.0, "hours (ten years)")? as u32;
                Ok(())
            }
            Check::EarlyCheckIn(c) if key == "days" => {
                c.days = at_most(3650.0, "days (ten years)")? as u32;
                Ok(())
            }
            Check::Similarity(c) if key == "threshold" => {
                let t = number()?;
                if t > 1.0 {
                    return Err("`threshold` must be between 0 and 1".into());
                }
                c.threshold = t;
                Ok(())
            }
            other => Err(format!(
                "`{key}` is not a setting of the `{}` check{}",
                other.kind_name(),
                match other {
                    Check::LateNote(_) => " (it has `hours`)",
                    Check::EarlyCheckIn(_) => " (it has `days`)",
                    Check::Similarity(_) => " (it has `threshold`)",
                    _ => " (it has no settings)",
                }
            )),
        }
    }

    /// The settings this check accepts and their current values, for `followup rules --verbose`.
    pub fn settings(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        match self {
            Check::Length(c) => {
                for (kind, n) in &c.words {
                    out.insert(kind.to_string(), format!("{n} words"));
                }
                for (kind, n) in &c.characters {
                    out.insert(kind.to_string(), format!("{n} characters"));
                }
            }
            Check::LateNote(c) => {
                out.insert("hours".into(), c.hours.to_string());
            }
            Check::EarlyCheckIn(c) => {
                out.insert("days".into(), c.days.to_string());
            }
            Check::Similarity(c) => {
                out.insert("threshold".into(), c.threshold.to_string());
            }
            _ => {}
        }
        out
    }
}

/// Compiles a rule's pattern list (phrase templates and `/regexes/`),
/// ignoring case unless told.
pub(crate) fn compile_patterns(
    patterns: &[String],
    case_sensitive: bool,
) -> Result<Option<crate::pattern::Matcher>, CompileError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    crate::pattern::Matcher::new(patterns, case_sensitive).map(Some)
}

/// Compiles a list of phrase templates for a check that takes no
/// `/regexes/` (its point is to start without compiling any).
pub(crate) fn compile_templates(
    templates: &[String],
    case_sensitive: bool,
) -> Result<Option<crate::pattern::Matcher>, CompileError> {
    if let Some(regex) = templates
        .iter()
        .find(|t| crate::pattern::regex_source(t).is_some())
    {
        return Err((
            regex.clone(),
            format!("`{regex}`: this list takes phrase templates, not /regular expressions/"),
        ));
    }
    compile_patterns(templates, case_sensitive)
}

/// The `phrases` and `case-sensitive-phrases` lists of a built-in check:
/// phrase templates (never `/regexes/`), the first matched ignoring ASCII
/// case, the second with case kept.
#[derive(Debug, Clone)]
pub(crate) struct PhraseLists {
    any_case: Option<crate::pattern::Matcher>,
    exact_case: Option<crate::pattern::Matcher>,
}

impl PhraseLists {
    /// Compiles both lists; a `/regex/` in either is an error.
    pub(crate) fn compile(
        any_case: &[String],
        exact_case: &[String],
    ) -> Result<Self, CompileError> {
        Ok(PhraseLists {
            any_case: compile_templates(any_case, false)?,
            exact_case: compile_templates(exact_case, true)?,
        })
    }

    /// Whether both lists are empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.any_case.is_none() && self.exact_case.is_none()
    }

    /// Matches of either list (see [`crate::pattern::Matcher::find_with`]).
    pub(crate) fn find_with(
        &self,
        text: &str,
        spaced: &str,
        starts: Option<&[u32]>,
    ) -> Vec<Range<usize>> {
        [&self.any_case, &self.exact_case]
            .into_iter()
            .flatten()
            .flat_map(|m| m.find_with(text, spaced, starts))
            .collect()
    }
}

/// Runs of `c` at least `min` long, in text order. A run of a letter or
/// digit (`XXX`) counts only as a whole word (no letter, digit or `_` on
/// either side); any other run (`___`, `!!`) counts anywhere.
pub(crate) fn runs_of(text: &str, c: char, min: usize) -> Vec<Range<usize>> {
    let is_word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find(c) {
        let start = offset + i;
        let run = rest[i..].len() - rest[i..].trim_start_matches(c).len();
        let end = start + run;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let bounded =
            !c.is_alphanumeric() || !(before.is_some_and(is_word) || after.is_some_and(is_word));
        if run / c.len_utf8() >= min && bounded {
            out.push(start..end);
        }
        offset = end;
        rest = &text[end..];
    }
    out
}

/// One finding per prose range, at its exact source bytes, with the flagged
/// text as `{match}`.
pub(crate) fn prose_findings(prose: &Prose, ranges: Vec<Range<usize>>) -> Vec<Finding> {
    ranges
        .into_iter()
        .map(|range| {
            let matched = prose.text.get(range.clone()).unwrap_or_default().trim();
            Finding::at(prose.source_range(range)).var("match", matched)
        })
        .collect()
}
