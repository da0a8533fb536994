//! `followup.toml`: rule levels (`[rules]`), limits (`[settings.<rule>]`),
//! extra rule folders and the handbook URL. Unknown keys and unknown rule
//! ids are errors that point at the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::checks::Check;
use crate::rules::catalog::Catalog;
use crate::rules::level::{Level, Setting};
use crate::text::error::{ErrorKind, FileError};

/// The config file's name.
pub const FILE_NAME: &str = "followup.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    settings: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    #[serde(default)]
    rule_dirs: Vec<Spanned<String>>,
    #[serde(default)]
    handbook_url: Option<String>,
    #[serde(default)]
    deny: Option<Spanned<String>>,
    #[serde(default)]
    spelling: Option<SpellingRaw>,
}

/// `[spelling]`: words the proofreading rules accept.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SpellingRaw {
    #[serde(default)]
    words: Option<Spanned<toml::Value>>,
    #[serde(default)]
    dialect: Option<Spanned<String>>,
}

/// A loaded config file.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was read from (none for the defaults).
    pub path: Option<PathBuf>,
    text: Arc<str>,
    raw: Raw,
}

impl Config {
    /// Looks for `followup.toml` in `start` and each folder above it.
    pub fn discover(start: &Path) -> Result<Config, FileError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                FileError::new(&shown, "config file not found").with_kind(ErrorKind::Config)
            } else {
                FileError::new(&shown, format!("cannot read config file: {err}"))
                    .with_kind(ErrorKind::Config)
            }
        })?;
        Config::parse(&shown, path, &text)
    }

    /// Parses config text (`shown` names it in errors).
    pub fn parse(shown: &str, path: &Path, text: &str) -> Result<Config, FileError> {
        let shared: Arc<str> = Arc::from(text);
        let raw: Raw = toml::from_str(text).map_err(|err| {
            let span = err.span().unwrap_or(0..0);
            FileError::at(
                shown,
                shared.clone(),
                span,
                "invalid config file",
                err.message().trim(),
            )
            .with_kind(ErrorKind::Config)
            .with_note("see the configuration reference in the README")
        })?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            text: shared,
            raw,
        })
    }

    fn shown(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| FILE_NAME.to_string(), |p| p.display().to_string())
    }

    fn error_at(&self, span: std::ops::Range<usize>, message: String, label: &str) -> FileError {
        FileError::at(self.shown(), self.text.clone(), span, message, label)
            .with_kind(ErrorKind::Config)
    }

    /// Rule folders named in the config, relative to the config's folder.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        let base = self
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        self.raw
            .rule_dirs
            .iter()
            .map(|d| base.join(d.get_ref()))
            .collect()
    }

    /// The handbook URL, when set.
    pub fn handbook_url(&self) -> Option<&str> {
        self.raw.handbook_url.as_deref()
    }

    /// The `[spelling] words` list: each a single word of letters (and
    /// apostrophes, hyphens or dots); anything else is an error at its line.
    pub fn words(&self) -> Result<Vec<String>, FileError> {
        let Some(value) = self.raw.spelling.as_ref().and_then(|s| s.words.as_ref()) else {
            return Ok(Vec::new());
        };
        let Some(list) = value.get_ref().as_array() else {
            return Err(self.error_at(
                value.span(),
                "`[spelling] words` must be a list of words".into(),
                "not a list",
            ));
        };
        // Array items carry no spans: find each in the list's text.
        let span = value.span();
        let mut from = span.start;
        let mut out = Vec::new();
        for item in list {
            let at = |needle: &str, from: usize| {
                self.text
                    .get(from..span.end)
                    .and_then(|t| t.find(needle))
                    .map_or(span.clone(), |i| from + i..from + i + needle.len())
            };
            let Some(word) = item.as_str() else {
                let shown = item.to_string();
                return Err(self.error_at(
                    at(&shown, from),
                    format!("`{shown}` is not a word: `[spelling] words` is a list of strings"),
                    "not a string",
                ));
            };
            let quoted = toml::Value::String(word.to_string()).to_string();
            let here = at(&quoted, from);
            from = here.end.min(span.end);
            let problem = if word.trim().is_empty() {
                Some("an empty word")
            } else if word.chars().any(char::is_control) {
                Some("a word with a control character")
            } else if word.chars().any(char::is_whitespace) {
                Some("a word with spaces (give each word on its own)")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(self.error_at(
                    here,
                    format!("`[spelling] words` holds {problem}"),
                    "not a word",
                ));
            }
            out.push(word.to_string());
        }
        Ok(out)
    }

    /// The `[spelling] dialect`: `en-us`, `en-gb` or `both` (the default).
    pub fn dialect(&self) -> Result<crate::text::dictionary::Dialect, FileError> {
        match self.raw.spelling.as_ref().and_then(|s| s.dialect.as_ref()) {
            None => Ok(crate::text::dictionary::Dialect::Both),
            Some(value) => value
                .get_ref()
                .parse()
                .map_err(|e| self.error_at(value.span(), e, "not a dialect")),
        }
    }

    /// The `deny` level, when set.
    pub fn deny(&self) -> Result<Option<Level>, FileError> {
        match &self.raw.deny {
            None => Ok(None),
            Some(value) => value
                .get_ref()
                .parse()
                .map(Some)
                .map_err(|e| self.error_at(value.span(), e, "not a level")),
        }
    }

    /// Checks `[rules]` against the catalog and returns the level overrides.
    pub fn levels(&self, catalog: &Catalog) -> Result<BTreeMap<String, Setting>, FileError> {
        let mut out = BTreeMap::new();
        for (id, value) in &self.raw.rules {
            self.known_rule(catalog, id)?;
            let setting: Setting = value
                .get_ref()
                .parse()
                .map_err(|e| self.error_at(value.span(), e, "not a level"))?;
            out.insert(id.get_ref().clone(), setting);
        }
        Ok(out)
    }

    fn known_rule(&self, catalog: &Catalog, id: &Spanned<String>) -> Result<(), FileError> {
        if catalog.get(id.get_ref()).is_some() {
            return Ok(());
        }
        let mut err = self.error_at(
            id.span(),
            format!("`{}` is not a rule", id.get_ref()),
            "unknown rule id",
        );
        err = match catalog.suggest(id.get_ref()) {
            Some(near) => err.with_note(format!("did you mean `{near}`?")),
            None => err.with_note("`followup rules` lists every rule id"),
        };
        Err(err)
    }

    /// The linter this config describes: built-in rules plus the config's
    /// rule folders and `extra_dirs`, settings, levels and handbook URL;
    /// also the config's `deny` level. Every command that lints builds its
    /// linter here.
    pub fn build_linter(
        &self,
        extra_dirs: &[PathBuf],
        today: Option<crate::draft::dates::Moment>,
    ) -> Result<(crate::engine::linter::Linter, Option<Level>), Vec<FileError>> {
        let mut catalog = Catalog::builtin().map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        for dir in self.rule_dirs().iter().chain(extra_dirs) {
            if let Err(mut errs) = catalog.load_dir(dir) {
                errors.append(&mut errs);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.apply_settings(&mut catalog).map_err(|e| vec![e])?;
        let levels = self.levels(&catalog).map_err(|e| vec![e])?;
        let deny = self.deny().map_err(|e| vec![e])?;
        let words = self.words().map_err(|e| vec![e])?;
        let dialect = self.dialect().map_err(|e| vec![e])?;
        let mut linter = crate::engine::linter::Linter::new(catalog)
            .with_levels(levels)
            .with_words(words)
            .with_dialect(dialect);
        if let Some(url) = self.handbook_url() {
            linter = linter.with_handbook_url(url);
        }
        if let Some(today) = today {
            linter = linter.with_today(today);
        }
        Ok((linter, deny))
    }

    /// Applies `[settings.<rule>]` limits to the catalog's checks.
    pub fn apply_settings(&self, catalog: &mut Catalog) -> Result<(), FileError> {
        for (id, table) in &self.raw.settings {
            self.known_rule(catalog, id)?;
            let Some(rule) = catalog.take(id.get_ref()) else {
                continue;
            };
            let mut rule = Arc::unwrap_or_clone(rule);
            for (key, value) in table {
                match setting_value(rule.check.as_ref(), key.get_ref(), value.get_ref()) {
                    Ok(number) => rule.check.set(key.get_ref(), number),
                    Err(message) => {
                        catalog.replace(rule);
                        return Err(self.error_at(key.span(), message, "unknown or bad setting"));
                    }
                }
            }
            catalog.replace(rule);
        }
        Ok(())
    }
}

/// Turns one `[settings.<rule>]` value into the number the check takes,
/// checking that the check has the setting and that the value is a number
/// in its range: the check never sees the config format or a bad value.
fn setting_value(check: &dyn Check, key: &str, value: &toml::Value) -> Result<f64, String> {
    let settings = check.settings();
    let Some(setting) = settings.iter().find(|s| s.name == key) else {
        let names: Vec<String> = settings.iter().map(|s| format!("`{}`", s.name)).collect();
        return Err(format!(
            "`{key}` is not a setting of the `{}` check ({})",
            check.kind_name(),
            if names.is_empty() {
                "it has no settings".to_string()
            } else {
                format!("it has {}", names.join(", "))
            }
        ));
    };
    let number = match value {
        toml::Value::Integer(n) => *n as f64,
        toml::Value::Float(x) if !setting.whole => *x,
        _ if setting.whole => return Err(format!("`{key}` must be a whole number")),
        _ => return Err(format!("`{key}` must be a number")),
    };
    if number < 0.0 || number.is_nan() {
        return Err(format!("`{key}` must be a non-negative number"));
    }
    if number > setting.max {
        let unit = if setting.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", setting.unit)
        };
        return Err(format!("`{key}` must be at most {}{unit}", setting.max));
    }
    Ok(number)
}

/// `text` (a config file) with `word` added to `[spelling] words`: into
/// the list when there is one, else a `words` line under `[spelling]`, else
/// a new `[spelling]` table at the end. Refuses a word that is not one word,
/// and a result that would not load.
pub fn add_word(text: &str, word: &str) -> Result<String, String> {
    if word.is_empty() || word.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{word}` is not one word"));
    }
    let quoted = toml::Value::String(word.to_string()).to_string();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = lines.iter().position(|l| l.trim() == "[spelling]");
    let out = match header {
        Some(h) => {
            let end = lines[h + 1..]
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .map_or(lines.len(), |i| h + 1 + i);
            let words_line = (h + 1..end).find(|&i| {
                let l = lines[i].trim_start();
                l.strip_prefix("words")
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            match words_line.and_then(|i| lines[i].find('[').map(|at| (i, at))) {
                Some((i, at)) => {
                    let rest = lines[i][at + 1..].trim_start();
                    let sep = if rest.starts_with(']') || rest.is_empty() {
                        ""
                    } else {
                        ", "
                    };
                    lines[i].insert_str(at + 1, &format!("{quoted}{sep}"));
                }
                None => lines.insert(h + 1, format!("words = [{quoted}]")),
            }
            let mut out = lines.join("\n");
            out.push('\n');
            out
        }
        None => {
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("[spelling]\nwords = [{quoted}]\n"));
            out
        }
    };
    let check = Config::parse(FILE_NAME, Path::new(FILE_NAME), &out).map_err(|e| e.to_string())?;
    match check.words() {
        Ok(words) if words.iter().any(|w| w == word) => Ok(out),
        _ => Err("the config file's `[spelling] words` could not be edited".into()),
    }
}

#[cfg(feature = "native")]
/// Adds `word` to `[spelling] words` in the config file at `path` (made
/// when missing), writing a temporary file beside it and renaming it over
/// the old one, so the file is never half written.
pub fn add_word_to_file(path: &Path, word: &str) -> Result<(), String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
    };
    let new = add_word(&text, word)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, new.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| format!("cannot replace {}: {e}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_rule_points_at_its_line() {
        let catalog = Catalog::builtin().unwrap();
        let cfg = Config::parse(
            "f.toml",
            Path::new("f.toml"),
            "[rules]\nmissing-offer = \"off\"\nfirst-name = \"error\"\n",
        )
        .unwrap();
        let err = cfg.levels(&catalog).unwrap_err();
        assert_eq!(err.line_col(), Some((3, 1)));
        assert!(err.notes[0].contains("first-name-salutation"));
    }

    #[test]
    fn spelling_words_are_checked_with_their_line() {
        let ok = Config::parse(
            "f.toml",
            Path::new("f.toml"),
            "[spelling]\nwords = [\"Vilsack\", \"O'Brien\"]\n",
        )
        .unwrap();
        assert_eq!(ok.words().unwrap(), ["Vilsack", "O'Brien"]);
        for (text, line) in [
            ("[spelling]\nwords = \"Vilsack\"\n", 2),
            ("[spelling]\nwords = [\n  \"a\",\n  3,\n]\n", 4),
            ("[spelling]\nwords = [\"ok\", \"\"]\n", 2),
            ("[spelling]\nwords = [\n\"ok\",\n\"two words\"]\n", 4),
            ("[spelling]\nwords = [\"bell\\u0007\"]\n", 2),
        ] {
            let cfg = Config::parse("f.toml", Path::new("f.toml"), text).unwrap();
            let err = cfg.words().unwrap_err();
            assert_eq!(err.line_col().map(|(l, _)| l), Some(line), "{text}");
        }
        assert!(Config::parse("f.toml", Path::new("f.toml"), "[spelling]\nword = []\n").is_err());
        let gb = Config::parse(
            "f.toml",
            Path::new("f.toml"),
            "[spelling]\ndialect = \"en-gb\"\n",
        );
        assert_eq!(
            gb.unwrap().dialect().unwrap(),
            crate::text::dictionary::Dialect::British
        );
        let bad = Config::parse(
            "f.toml",
            Path::new("f.toml"),
            "\n[spelling]\ndialect = \"fr\"\n",
        );
        assert_eq!(
            bad.unwrap()
                .dialect()
                .unwrap_err()
                .line_col()
                .map(|(l, _)| l),
            Some(3)
        );
    }

    #[test]
    fn words_are_added_to_the_list() {
        assert_eq!(
            add_word("", "Vilsack").unwrap(),
            "[spelling]\nwords = [\"Vilsack\"]\n"
        );
        assert_eq!(
            add_word(
                "deny = \"warning\"\n[spelling]\nwords = [\"a\"]\n[rules]\n",
                "O'Brien"
            )
            .unwrap(),
            "deny = \"warning\"\n[spelling]\nwords = [\"O'Brien\", \"a\"]\n[rules]\n"
        );
        assert_eq!(
            add_word("[spelling]\nwords = []\n", "x").unwrap(),
            "[spelling]\nwords = [\"x\"]\n"
        );
        assert_eq!(
            add_word("[rules]\nmissing-offer = \"off\"", "x").unwrap(),
            "[rules]\nmissing-offer = \"off\"\n\n[spelling]\nwords = [\"x\"]\n"
        );
        assert!(add_word("", "two words").is_err());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        add_word_to_file(&path, "Zembla").unwrap();
        add_word_to_file(&path, "Okonkwo").unwrap();
        let cfg = Config::load(&path).unwrap();
        assert_eq!(cfg.words().unwrap(), ["Okonkwo", "Zembla"]);
    }

    #[test]
    fn settings_change_limits() {
        let mut catalog = Catalog::builtin().unwrap();
        let cfg = Config::parse(
            "f.toml",
            Path::new("f.toml"),
            "[settings.too-long]\nthank-you = 50\n",
        )
        .unwrap();
        cfg.apply_settings(&mut catalog).unwrap();
        let settings = catalog.get("too-long").unwrap().check.settings();
        let thank_you = settings.iter().find(|s| s.name == "thank-you").unwrap();
        assert_eq!(thank_you.describe(), "50 words");
        let cfg = Config::parse(
            "f.toml",
            Path::new("f.toml"),
            "[settings.too-long]\nthank-yu = 50\n",
        )
        .unwrap();
        assert!(cfg.apply_settings(&mut catalog).is_err());
        assert!(Config::parse("f.toml", Path::new("f.toml"), "colour = 1\n").is_err());
    }
}
