//! Every rule of a run: the built-in rules compiled into the binary, rule
//! folders added by the config, and lookups by id.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::checks::{GreetingCheck, SignOffCheck};
use crate::rules::rule::Rule;
use crate::text::error::{ErrorKind, FileError};

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
            return Err(vec![
                FileError::new(display, "rule folder not found").with_kind(ErrorKind::Rule),
            ]);
        }
        let mut errors = Vec::new();
        let paths = rule_files(dir);
        for path in paths {
            let shown = path.display().to_string();
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(err) => {
                    errors.push(
                        FileError::new(shown, format!("cannot read rule file: {err}"))
                            .with_kind(ErrorKind::Rule),
                    );
                    continue;
                }
            };
            match Rule::load(&shown, &text, false) {
                Ok(rule) => {
                    if let Some(existing) = self.rules.get(&rule.id) {
                        errors.push(
                            FileError::new(
                                shown,
                                format!(
                                    "rule `{}` is already defined in {}",
                                    rule.id, existing.path
                                ),
                            )
                            .with_kind(ErrorKind::Rule),
                        );
                    } else if !rule.check.is_generic() {
                        errors.push(
                            FileError::new(
                                shown,
                                format!(
                                    "rule `{}` uses a check kind reserved for built-in rules",
                                    rule.id
                                ),
                            )
                            .with_kind(ErrorKind::Rule)
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
            .map(|k| (crate::text::words::edit_distance(id, k), k))
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
            .filter_map(|r| r.check.downcast::<SignOffCheck>())
            .flat_map(|c| c.closings.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Greeting phrases that name nobody (generic and collective), lowercase.
    pub fn non_names(&self) -> Vec<String> {
        self.rules
            .values()
            .filter_map(|r| r.check.downcast::<GreetingCheck>())
            .flat_map(|g| g.phrases.clone())
            .collect()
    }
}
