//! The check kinds a rule can pick. Each kind lives in its own file: its
//! parameters as a rule file writes them (`check: {type: …, …}`), the
//! compiled check, and its [`Check`] implementation, registered with one
//! line in [`KINDS`]. The engine compiles each rule's check once per run.

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
mod scope;
mod sign_off;
mod similarity;
mod spelling;

use std::any::Any;
use std::fmt;
use std::ops::Range;

use crate::draft::dates::Moment;
use crate::draft::document::Document;
use crate::draft::prose::Prose;

pub use confusions::{ConfusionSpec, Confusions, ConfusionsSpec};
pub use dates::{EarlyCheckIn, EarlyCheckInSpec, LateNote, LateNoteSpec};
pub use greeting::{GreetingCheck, GreetingSpec, Salutation, salutation_from_to};
pub use informal::{Informal, InformalSpec};
pub use length::{Length, LengthSpec, Limits};
pub use phrases::{Phrases, PhrasesSpec};
pub use placeholders::{Content, FieldOptions, FieldSpec, Placeholders, PlaceholdersSpec};
pub use repeated_words::{RepeatedWords, RepeatedWordsSpec};
pub use required::{Required, RequiredSpec};
pub use scope::Scope;
pub use sign_off::{SignOffCheck, SignOffSpec};
pub use similarity::{Similarity, SimilaritySpec, body_words as similarity_words, find_duplicates};
pub use spelling::{Spelling, SpellingSpec};

/// Every check kind, by the name rule files use. Adding a kind is its own
/// file plus one line here.
pub static KINDS: &[&CheckKind] = &[
    &phrases::KIND,
    &required::KIND,
    &length::KIND,
    &greeting::KIND,
    &sign_off::KIND,
    &dates::LATE_NOTE,
    &dates::EARLY_CHECK_IN,
    &similarity::KIND,
    &placeholders::KIND,
    &informal::KIND,
    &spelling::KIND,
    &repeated_words::KIND,
    &confusions::KIND,
];

/// What a check kind is, before any rule uses it.
pub struct CheckKind {
    /// The name written under `check: {type: …}`.
    pub name: &'static str,
    /// Whether rules outside the built-in catalog may use it.
    pub user_rules: bool,
    /// The `{variables}` its findings fill in, which a rule's message and
    /// help may use (an unknown one is a load error).
    pub variables: &'static [&'static str],
    /// Compiles the parameters (the `check:` map without `type`).
    pub compile: fn(serde_json::Value) -> Result<Box<dyn Check>, CompileError>,
}

impl fmt::Debug for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckKind")
            .field("name", &self.name)
            .finish()
    }
}

/// A check kind by name.
pub fn kind_named(name: &str) -> Option<&'static CheckKind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

/// One limit a config may change (`[settings.<rule>] name = value`), with
/// its current value. The config checks type and range before the check
/// sees the value, so checks never read the config format.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The key in `[settings.<rule>]`.
    pub name: String,
    /// The current value.
    pub value: f64,
    /// What it counts (`words`, `hours`), shown after the value.
    pub unit: &'static str,
    /// The largest value accepted (the smallest is 0).
    pub max: f64,
    /// Whether only whole numbers are accepted.
    pub whole: bool,
}

impl Setting {
    /// A whole-number setting from 0 to `max`.
    pub fn count(name: impl Into<String>, value: usize, unit: &'static str, max: f64) -> Self {
        Setting {
            name: name.into(),
            value: value as f64,
            unit,
            max,
            whole: true,
        }
    }

    /// `50 words`, `0.9`.
    pub fn describe(&self) -> String {
        if self.unit.is_empty() {
            self.value.to_string()
        } else {
            format!("{} {}", self.value, self.unit)
        }
    }
}

/// A compiled check: what a rule runs on each draft.
pub trait Check: fmt::Debug + Send + Sync {
    /// Its kind (name, variables, whether user rules may use it).
    fn kind(&self) -> &'static CheckKind;

    /// What it finds in one draft (cross-file checks find nothing here).
    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding>;

    /// Compiles its patterns now, before drafts arrive in parallel.
    fn warm(&self) {}

    /// Whether what it finds depends on the kind the note is linted as
    /// (beyond the rule's `applies-to`): per-kind limits or phrases.
    fn depends_on_kind(&self) -> bool {
        false
    }

    /// The limits a config may change, with their current values.
    fn settings(&self) -> Vec<Setting> {
        Vec::new()
    }

    /// Sets one limit to a value the config has already checked against
    /// [`Check::settings`] (name known, type and range right).
    fn set(&mut self, name: &str, value: f64) {
        let _ = (name, value);
    }

    /// Message and help templates the check carries itself (per-kind
    /// wording), checked for unknown `{variables}` like the rule's own.
    fn messages(&self) -> Vec<&str> {
        Vec::new()
    }

    /// A copy of the check (a config changes a copy of a built-in rule).
    fn clone_box(&self) -> Box<dyn Check>;

    /// The concrete check, for the few places that need one kind's data
    /// (the sign-off closings, greeting non-names, the similarity pass).
    fn as_any(&self) -> &dyn Any;
}

impl Clone for Box<dyn Check> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl dyn Check + '_ {
    /// The check kind's name as written in rule files.
    pub fn kind_name(&self) -> &'static str {
        self.kind().name
    }

    /// Whether user rules may use this check's kind.
    pub fn is_generic(&self) -> bool {
        self.kind().user_rules
    }

    /// The concrete check, when it is a `T`.
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        self.as_any().downcast_ref()
    }
}

/// Compiles `check:` as a rule file writes it: `type` picks the kind, the
/// rest are its parameters.
pub fn compile(value: serde_json::Value) -> Result<Box<dyn Check>, CompileError> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(("check".into(), "`check` must be a map with a `type`".into()));
    };
    let name = match map.remove("type") {
        Some(serde_json::Value::String(name)) => name,
        Some(_) => return Err(("type".into(), "`type` must be a check kind's name".into())),
        None => return Err(("check".into(), "`check` needs a `type`".into())),
    };
    let Some(kind) = kind_named(&name) else {
        let known: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        return Err((
            name.clone(),
            format!(
                "unknown check kind `{name}`; expected one of {}",
                known.join(", ")
            ),
        ));
    };
    (kind.compile)(serde_json::Value::Object(map))
}

/// Reads a check's parameters into its spec type; an error names the
/// offending key so the load error can point at it.
pub(crate) fn parameters<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, CompileError> {
    serde_json::from_value(value).map_err(|err| {
        let message = err.to_string();
        let needle = message.split('`').nth(1).unwrap_or("check").to_string();
        (needle, message)
    })
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
    pub kind: crate::draft::kind::NoteKind,
    /// Words the user accepts (config `[spelling] words`).
    pub words: &'a [String],
    /// The spellings that count (config `[spelling] dialect`).
    pub dialect: crate::text::dictionary::Dialect,
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

/// Implements the [`Check`] methods every kind writes the same way.
macro_rules! check_boilerplate {
    () => {
        fn clone_box(&self) -> Box<dyn $crate::checks::Check> {
            Box::new(self.clone())
        }

        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    };
}
pub(crate) use check_boilerplate;

/// Compiles a rule's pattern list (phrase templates and `/regexes/`),
/// ignoring case unless told.
pub(crate) fn compile_patterns(
    patterns: &[String],
    case_sensitive: bool,
) -> Result<Option<crate::pattern::matcher::Matcher>, CompileError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    crate::pattern::matcher::Matcher::new(patterns, case_sensitive).map(Some)
}

/// Compiles a list of phrase templates for a check that takes no
/// `/regexes/` (its point is to start without compiling any).
pub(crate) fn compile_templates(
    templates: &[String],
    case_sensitive: bool,
) -> Result<Option<crate::pattern::matcher::Matcher>, CompileError> {
    if let Some(regex) = templates
        .iter()
        .find(|t| crate::pattern::matcher::regex_source(t).is_some())
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
    any_case: Option<crate::pattern::matcher::Matcher>,
    exact_case: Option<crate::pattern::matcher::Matcher>,
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

    /// Matches of either list (see [`crate::pattern::matcher::Matcher::find_with`]).
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
