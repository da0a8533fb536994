//! Rules as data: the schema of `rules/<id>.yaml`, strict loading with
//! errors that point at the line, and the compiled rule.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::checks::{Check, CheckSpec};
use crate::error::FileError;
use crate::kind::NoteKind;
use crate::level::Level;

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
}

/// An example, normalised.
#[derive(Debug, Clone)]
pub struct Example {
    /// The drafts; the rule is judged on the last one.
    pub drafts: Vec<String>,
    /// `--today` for the example.
    pub today: Option<String>,
    /// A caption.
    pub note: Option<String>,
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
    /// The check and its parameters.
    pub check: CheckSpec,
    /// A mechanical fix.
    #[serde(default)]
    pub fix: Option<FixSpec>,
    /// Drafts that must and must not fire it.
    #[serde(default)]
    pub examples: ExamplesSpec,
}

/// A loaded, compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule id.
    pub id: String,
    /// The default level.
    pub level: Level,
    /// Kinds it runs on.
    pub kinds: Vec<NoteKind>,
    /// One line: what it flags.
    pub summary: String,
    /// Message template.
    pub message: String,
    /// Help text.
    pub help: String,
    /// Handbook chapter behind it.
    pub guide: Option<String>,
    /// Rationale in Markdown.
    pub rationale: String,
    /// The compiled check.
    pub check: Check,
    /// The fix, compiled.
    pub fix: Option<crate::fix::FixRule>,
    /// Bad examples.
    pub bad: Vec<Example>,
    /// Good examples.
    pub good: Vec<Example>,
    /// Where it was loaded from.
    pub path: String,
    /// Whether it ships with followup.
    pub builtin: bool,
}

impl Rule {
    /// Whether the rule runs on notes of `kind`.
    pub fn applies_to(&self, kind: NoteKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// Parses and compiles one rule file. `path` is shown in errors.
    pub fn load(path: &str, text: &str, builtin: bool) -> Result<Rule, FileError> {
        let spec: RuleSpec = serde_yaml::from_str(text).map_err(|err| {
            let at = err.location().map_or(0, |loc| loc.index());
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            FileError::at(
                path,
                Arc::from(text),
                at..at + 1,
                "invalid rule file",
                message,
            )
        })?;
        Rule::compile(path, text, spec, builtin)
    }

    /// Loads a built-in rule from its JSON form (converted from `text`, its
    /// YAML, when followup was built); errors still point into the YAML.
    fn load_prepared(path: &str, text: &str, json: &str) -> Result<Rule, FileError> {
        match serde_json::from_str::<RuleSpec>(json) {
            Ok(spec) => Rule::compile(path, text, spec, true),
            // The strict YAML loader gives the precise error.
            #[cfg(feature = "native")]
            Err(_) => Rule::load(path, text, true),
            // The engine alone leaves rule YAML out (see build.rs).
            #[cfg(not(feature = "native"))]
            Err(err) => Err(FileError::new(
                path,
                format!("built-in rule does not load: {err}"),
            )),
        }
    }

    /// Checks and compiles a parsed rule; `text` is its file, for error spans.
    fn compile(path: &str, text: &str, spec: RuleSpec, builtin: bool) -> Result<Rule, FileError> {
        let shared: Arc<str> = Arc::from(text);
        let locate = |needle: &str| -> std::ops::Range<usize> {
            text.find(needle).map_or(0..0, |i| i..i + needle.len())
        };
        let stem = std::path::Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if spec.id != stem {
            return Err(FileError::at(
                path,
                shared.clone(),
                locate(&spec.id),
                format!("rule id `{}` does not match its file name", spec.id),
                format!("expected `{stem}`"),
            )
            .with_note("name each rule file after its id: rules/<id>.yaml"));
        }
        if !is_rule_id(&spec.id) {
            return Err(FileError::at(
                path,
                shared.clone(),
                locate(&spec.id),
                format!("`{}` is not a valid rule id", spec.id),
                "use lowercase words joined by hyphens",
            ));
        }
        let kinds: Vec<NoteKind> = match &spec.applies_to {
            KindsSpec::Word(word) if word == "all" => NoteKind::ALL.to_vec(),
            KindsSpec::Word(word) => {
                return Err(FileError::at(
                    path,
                    shared.clone(),
                    locate(word),
                    format!("`applies-to` must be `all` or a list of kinds, not `{word}`"),
                    "here",
                ));
            }
            KindsSpec::List(list) => list.clone(),
        };
        let kinds = kinds
            .into_iter()
            .filter(|k| !spec.except.contains(k))
            .collect();
        let check = Check::compile(spec.check).map_err(|(needle, message)| {
            FileError::at(path, shared.clone(), locate(&needle), message, "here")
        })?;
        let fix = spec
            .fix
            .map(crate::fix::FixRule::compile)
            .transpose()
            .map_err(|(needle, message)| {
                FileError::at(path, shared.clone(), locate(&needle), message, "here")
            })?;
        let bad: Vec<Example> = spec.examples.bad.into_iter().map(Example::from).collect();
        let good: Vec<Example> = spec.examples.good.into_iter().map(Example::from).collect();
        for example in bad.iter().chain(&good) {
            if example.drafts.is_empty() {
                return Err(FileError::at(
                    path,
                    shared.clone(),
                    locate("examples"),
                    "an example has no draft",
                    "give `draft:` or `drafts:`",
                ));
            }
        }
        Ok(Rule {
            id: spec.id,
            level: spec.level,
            kinds,
            summary: spec.summary.trim().to_string(),
            message: spec.message.trim().to_string(),
            help: spec.help.trim().to_string(),
            guide: spec.guide,
            rationale: spec.rationale,
            check,
            fix,
            bad,
            good,
            path: path.to_string(),
            builtin,
        })
    }
}

impl From<ExampleSpec> for Example {
    fn from(spec: ExampleSpec) -> Self {
        match spec {
            ExampleSpec::Draft(draft) => Example {
                drafts: vec![draft],
                today: None,
                note: None,
            },
            ExampleSpec::Full(full) => {
                let mut drafts = full.drafts;
                if let Some(draft) = full.draft {
                    drafts.push(draft);
                }
                Example {
                    drafts,
                    today: full.today,
                    note: full.note,
                }
            }
        }
    }
}

/// The rule files (`*.yaml`, `*.yml`) directly inside `dir`, sorted.
pub fn rule_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();
    paths
}

/// Lowercase ASCII words joined by single hyphens.
pub fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Every rule followup knows in this run, by id.
#[derive(Debug, Default)]
pub struct Catalog {
    rules: BTreeMap<String, Arc<Rule>>,
}

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

impl Catalog {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<Catalog, FileError> {
        let mut catalog = Catalog::default();
        for (name, text, json) in builtin::RULES {
            let rule = Rule::load_prepared(&format!("rules/{name}"), text, json)?;
            catalog.rules.insert(rule.id.clone(), Arc::new(rule));
        }
        Ok(catalog)
    }

    /// The built-in rules loaded from their YAML text (what `builtin` loads
    /// from JSON), for checking that both paths agree.
    pub fn builtin_from_yaml() -> Result<Catalog, FileError> {
        let mut catalog = Catalog::default();
        for (name, text, _) in builtin::RULES {
            let rule = Rule::load(&format!("rules/{name}"), text, true)?;
            catalog.rules.insert(rule.id.clone(), Arc::new(rule));
        }
        Ok(catalog)
    }

    /// Adds every `*.yaml` rule in `dir`; user rules may not replace built-in ones.
    pub fn load_dir(&mut self, dir: &std::path::Path) -> Result<(), Vec<FileError>> {
        let display = dir.display().to_string();
        if !dir.is_dir() {
            return Err(vec![FileError::new(display, "rule folder not found")]);
        }
        let mut errors = Vec::new();
        let paths = rule_files(dir);
        for path in paths {
            let shown = path.display().to_string();
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(err) => {
                    errors.push(FileError::new(
                        shown,
                        format!("cannot read rule file: {err}"),
                    ));
                    continue;
                }
            };
            match Rule::load(&shown, &text, false) {
                Ok(rule) => {
                    if let Some(existing) = self.rules.get(&rule.id) {
                        errors.push(FileError::new(
                            shown,
                            format!("rule `{}` is already defined in {}", rule.id, existing.path),
                        ));
                    } else if !rule.check.is_generic() {
                        errors.push(
                            FileError::new(
                                shown,
                                format!(
                                    "rule `{}` uses a check kind reserved for built-in rules",
                                    rule.id
                                ),
                            )
                            .with_note(
                                "user rules may use the `phrases`, `required` and `length` checks",
                            ),
                        );
                    } else {
                        self.rules.insert(rule.id.clone(), Arc::new(rule));
                    }
                }
                Err(err) => errors.push(err),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// All rules, sorted by id.
    pub fn rules(&self) -> impl Iterator<Item = &Arc<Rule>> {
        self.rules.values()
    }

    /// A rule by id.
    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.get(id)
    }

    /// The closest rule id to a misspelt one.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        if id.len() >= 4 {
            if let Some(k) = self
                .rules
                .keys()
                .find(|k| k.starts_with(id) || k.contains(id))
            {
                return Some(k.as_str());
            }
        }
        self.rules
            .keys()
            .map(|k| (crate::front_matter::edit_distance(id, k), k))
            .filter(|(d, _)| *d <= 3)
            .min()
            .map(|(_, k)| k.as_str())
    }

    /// Replaces a rule (after settings changed its parameters).
    pub fn replace(&mut self, rule: Rule) {
        self.rules.insert(rule.id.clone(), Arc::new(rule));
    }

    /// Removes and returns a rule, to change it.
    pub fn take(&mut self, id: &str) -> Option<Arc<Rule>> {
        self.rules.remove(id)
    }

    /// The sign-off closing phrases (lowercase) declared by `sign-off` checks.
    pub fn closings(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .rules
            .values()
            .filter_map(|r| match &r.check {
                Check::SignOff(c) => Some(c.closings.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Greeting phrases that name nobody (generic and collective), lowercase.
    pub fn non_names(&self) -> Vec<String> {
        self.rules
            .values()
            .filter_map(|r| match &r.check {
                Check::Greeting(g) => Some(g.phrases.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }
}
