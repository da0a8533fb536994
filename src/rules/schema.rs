//! The shape of `rules/<id>.yaml` as serde reads it: what a rule file may
//! say, before anything is checked or compiled.

use serde::Deserialize;

use crate::draft::kind::NoteKind;
use crate::rules::level::Level;
use crate::text::edit::Applicability;

/// Which kinds a rule applies to: `all`, or a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KindsSpec {
    /// `all`
    Word(String),
    /// `[thank-you, recovery]`
    List(Vec<NoteKind>),
}

/// One example draft in a rule file: a string, or a map with options.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ExampleSpec {
    /// Just the draft.
    Draft(String),
    /// A draft (or several, linted together) with options.
    Full(ExampleFull),
}

/// An example with options.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExampleFull {
    /// The draft.
    #[serde(default)]
    pub draft: Option<String>,
    /// Several drafts linted together (cross-file rules); the rule is
    /// expected on the last one only.
    #[serde(default)]
    pub drafts: Vec<String>,
    /// `--today` for this example.
    #[serde(default)]
    pub today: Option<String>,
    /// A short caption shown in the handbook.
    #[serde(default)]
    pub note: Option<String>,
    /// A bad example's first diagnostic must say exactly this.
    #[serde(default)]
    pub message: Option<String>,
    /// A bad example's first diagnostic must point at exactly this text.
    #[serde(default)]
    pub flags: Option<String>,
    /// A bad example of a fixable rule must read exactly this after fixing.
    #[serde(default)]
    pub fixed: Option<String>,
}

/// The examples of a rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesSpec {
    /// Drafts the rule must fire on.
    #[serde(default)]
    pub bad: Vec<ExampleSpec>,
    /// Drafts the rule must stay silent on.
    #[serde(default)]
    pub good: Vec<ExampleSpec>,
}

/// A rule's mechanical fix as declared in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FixSpec {
    /// What the fix does (`replace “Hey” with “Dear”`).
    pub title: String,
    /// Replace the flagged text with this.
    #[serde(default)]
    pub replace: Option<String>,
    /// Only when the flagged text matches this pattern.
    #[serde(default)]
    pub when: Option<String>,
    /// Take the replacement from the front matter `to:` (`salutation` or `name`).
    #[serde(default)]
    pub from_to: Option<FromTo>,
    /// `safe` (the default: `--fix` applies it) or `guess` (applied only
    /// with `--unsafe-fixes`).
    #[serde(default)]
    pub applicability: Applicability,
}

/// What part of `to:` a fix uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FromTo {
    /// The whole salutation: `Dear <title> <surname>`.
    Salutation,
    /// The matching part of the name, spelled as in `to:`.
    Name,
}

/// The raw shape of `rules/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// The rule id; must match the file name.
    pub id: String,
    /// The default level.
    pub level: Level,
    /// The kinds it runs on.
    pub applies_to: KindsSpec,
    /// Kinds taken out of `applies-to`.
    #[serde(default)]
    pub except: Vec<NoteKind>,
    /// One line: what it flags.
    pub summary: String,
    /// The diagnostic message (may use `{placeholders}` the check fills in).
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The handbook chapter behind the rule (`addressing-people.md`).
    #[serde(default)]
    pub guide: Option<String>,
    /// Why, in Markdown.
    pub rationale: String,
    /// The check and its parameters (`type` names the kind; see
    /// [`crate::checks::KINDS`]).
    pub check: serde_json::Value,
    /// A mechanical fix.
    #[serde(default)]
    pub fix: Option<FixSpec>,
    /// Drafts that must and must not fire it.
    #[serde(default)]
    pub examples: ExamplesSpec,
}
