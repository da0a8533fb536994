//! A loaded, compiled rule: its file checked (id, kinds, message
//! variables, examples) and its check and fix compiled, with errors that
//! point at the line.

use std::sync::Arc;

use crate::checks::Check;
use crate::draft::kind::NoteKind;
use crate::rules::level::Level;
use crate::rules::schema::{ExampleSpec, KindsSpec, RuleSpec};
use crate::text::error::{ErrorKind, FileError};

/// An example, normalised.
#[derive(Debug, Clone)]
pub struct Example {
    /// The drafts; the rule is judged on the last one.
    pub drafts: Vec<String>,
    /// `--today` for the example.
    pub today: Option<String>,
    /// A caption.
    pub note: Option<String>,
    /// The exact message the first diagnostic must give, when pinned.
    pub message: Option<String>,
    /// The exact text the first diagnostic must point at, when pinned.
    pub flags: Option<String>,
    /// The draft after fixing, when pinned.
    pub fixed: Option<String>,
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
    pub check: Box<dyn Check>,
    /// The fix, compiled.
    pub fix: Option<crate::rules::fix::FixRule>,
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
            .with_kind(ErrorKind::Rule)
        })?;
        Rule::compile(path, text, spec, builtin)
    }

    /// Loads a built-in rule from its JSON form (converted from `text`, its
    /// YAML, when followup was built); errors still point into the YAML.
    pub(crate) fn load_prepared(path: &str, text: &str, json: &str) -> Result<Rule, FileError> {
        // Through a `Value`, as each check reads its part of the rule: one
        // deserializer for every type keeps the WebAssembly module smaller.
        let spec = serde_json::from_str::<serde_json::Value>(json).and_then(serde_json::from_value);
        match spec {
            Ok(spec) => Rule::compile(path, text, spec, true),
            // The strict YAML loader gives the precise error.
            #[cfg(feature = "native")]
            Err(_) => Rule::load(path, text, true),
            // The engine alone leaves rule YAML out (see build.rs).
            #[cfg(not(feature = "native"))]
            Err(err) => Err(
                FileError::new(path, format!("built-in rule does not load: {err}"))
                    .with_kind(ErrorKind::Rule),
            ),
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
            .with_kind(ErrorKind::Rule)
            .with_note("name each rule file after its id: rules/<id>.yaml"));
        }
        if !is_rule_id(&spec.id) {
            return Err(FileError::at(
                path,
                shared.clone(),
                locate(&spec.id),
                format!("`{}` is not a valid rule id", spec.id),
                "use lowercase words joined by hyphens",
            )
            .with_kind(ErrorKind::Rule));
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
                )
                .with_kind(ErrorKind::Rule));
            }
            KindsSpec::List(list) => list.clone(),
        };
        let kinds = kinds
            .into_iter()
            .filter(|k| !spec.except.contains(k))
            .collect();
        let check = crate::checks::compile(spec.check).map_err(|(needle, message)| {
            FileError::at(path, shared.clone(), locate(&needle), message, "here")
                .with_kind(ErrorKind::Rule)
        })?;
        let variables = check.kind().variables;
        let templates = [spec.message.as_str(), spec.help.as_str()];
        for template in templates.into_iter().chain(check.messages()) {
            if let Some((name, _)) = crate::rules::message::unknown_slot(template, variables) {
                let known = if variables.is_empty() {
                    "it fills in none".to_string()
                } else {
                    format!(
                        "it fills in {}",
                        variables
                            .iter()
                            .map(|v| format!("`{{{v}}}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                return Err(FileError::at(
                    path,
                    shared.clone(),
                    locate(&format!("{{{name}}}")),
                    format!(
                        "`{{{name}}}` is not a variable of the `{}` check",
                        check.kind_name()
                    ),
                    "unknown variable",
                )
                .with_kind(ErrorKind::Rule)
                .with_note(known));
            }
        }
        let fix = spec
            .fix
            .map(crate::rules::fix::FixRule::compile)
            .transpose()
            .map_err(|(needle, message)| {
                FileError::at(path, shared.clone(), locate(&needle), message, "here")
                    .with_kind(ErrorKind::Rule)
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
                )
                .with_kind(ErrorKind::Rule));
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
                message: None,
                flags: None,
                fixed: None,
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
                    message: full.message.map(|m| m.trim_end().to_string()),
                    flags: full.flags,
                    fixed: full.fixed,
                }
            }
        }
    }
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
