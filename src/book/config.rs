//! `book.toml`: mdBook's format, read strictly with errors that point at the
//! line, warnings for mdBook settings followup does not use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::text::error::{ErrorKind, FileError};

/// The two colour schemes of the default theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl ThemeName {
    /// The CSS class of the scheme.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
        }
    }

    /// Maps followup's and mdBook's theme names to a scheme.
    fn parse(name: &str) -> Option<ThemeName> {
        match name {
            "light" | "rust" => Some(ThemeName::Light),
            "dark" | "coal" | "navy" | "ayu" => Some(ThemeName::Dark),
            _ => None,
        }
    }
}

/// `[output.html]` settings followup uses.
#[derive(Debug, Clone)]
pub struct HtmlConfig {
    /// Folder whose files override the default theme's (relative to the book root).
    pub theme: PathBuf,
    /// Scheme shown when the system prefers light.
    pub default_theme: ThemeName,
    /// Scheme shown when the system prefers dark.
    pub preferred_dark_theme: ThemeName,
    /// Curly quotes and dashes.
    pub smart_punctuation: bool,
    /// Definition lists in Markdown.
    pub definition_lists: bool,
    /// `> [!NOTE]` blocks.
    pub admonitions: bool,
    /// Extra style sheets (paths relative to the book root).
    pub additional_css: Vec<String>,
    /// Extra scripts (paths relative to the book root).
    pub additional_js: Vec<String>,
    /// Whether to write `print.html`.
    pub print: bool,
    /// Hide chapter numbers.
    pub no_section_label: bool,
    /// Whether to write the search index and show the search box.
    pub search: bool,
    /// Link to the book's repository.
    pub git_repository_url: Option<String>,
    /// Where the site is published (ends with `/`).
    pub site_url: Option<String>,
    /// A `CNAME` file for GitHub Pages.
    pub cname: Option<String>,
    /// `https://…/edit/main/guides/{path}`.
    pub edit_url_template: Option<String>,
    /// The Markdown file shown as the 404 page.
    pub input_404: String,
}

/// `[output.followup]`: settings only followup reads.
#[derive(Debug, Clone)]
pub struct FollowupConfig {
    /// Whether to add the generated rule reference.
    pub rule_reference: bool,
    /// The sidebar part title of the rule reference.
    pub rule_reference_title: String,
    /// A folder of rule files that replace or add to the built-in rules.
    pub rules: Option<PathBuf>,
}

/// A loaded `book.toml`.
#[derive(Debug, Clone)]
pub struct BookConfig {
    /// The folder holding book.toml.
    pub root: PathBuf,
    /// The path of book.toml as shown in messages.
    pub path: String,
    /// The book's title.
    pub title: String,
    /// Authors.
    pub authors: Vec<String>,
    /// One-line description for the `<meta>` tag.
    pub description: Option<String>,
    /// The Markdown folder, relative to the root.
    pub src: PathBuf,
    /// The language code (`lang` attribute).
    pub language: String,
    /// `ltr` or `rtl`.
    pub text_direction: &'static str,
    /// Default output folder, relative to the root.
    pub build_dir: PathBuf,
    /// More folders `serve` watches.
    pub extra_watch_dirs: Vec<PathBuf>,
    /// HTML output settings.
    pub html: HtmlConfig,
    /// followup's own settings.
    pub followup: FollowupConfig,
}

impl BookConfig {
    /// The Markdown folder.
    pub fn src_dir(&self) -> PathBuf {
        self.root.join(&self.src)
    }

    /// The theme override folder.
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join(&self.html.theme)
    }

    /// The rule folder, when one is configured.
    pub fn rules_dir(&self) -> Option<PathBuf> {
        self.followup.rules.as_ref().map(|r| self.root.join(r))
    }

    /// The default build folder.
    pub fn build_dir(&self) -> PathBuf {
        self.root.join(&self.build_dir)
    }
}

/// Reads `root/book.toml`. Returns the config and warnings.
pub fn load(root: &Path) -> Result<(BookConfig, Vec<FileError>), Vec<FileError>> {
    let file = root.join("book.toml");
    let shown = file.display().to_string();
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let what = if root.is_dir() {
                format!("no book.toml in {}", root.display())
            } else {
                format!("book folder {} not found", root.display())
            };
            return Err(vec![FileError::new(shown, what)
.with_kind(ErrorKind::Book).with_note(
                "run the command in the folder that holds book.toml, or pass that folder: followup build path/to/book",
            )]);
        }
        Err(err) => {
            return Err(vec![
                FileError::new(shown, format!("cannot read book.toml: {err}"))
                    .with_kind(ErrorKind::Book),
            ]);
        }
    };
    parse(root, &shown, &text)
}

/// Parses the text of a book.toml found in `root`.
pub fn parse(
    root: &Path,
    shown: &str,
    text: &str,
) -> Result<(BookConfig, Vec<FileError>), Vec<FileError>> {
    let shared: Arc<str> = Arc::from(text);
    let table = DeTable::parse(text).map_err(|err| {
        let span = err.span().unwrap_or(0..0);
        let message = err
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .to_string();
        vec![
            FileError::at(
                shown,
                shared.clone(),
                span,
                "book.toml is not valid TOML",
                message,
            )
            .with_kind(ErrorKind::Book),
        ]
    })?;
    let mut r = Reader {
        path: shown.to_string(),
        text: shared,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut config = defaults(root, shown);
    let mut text_direction: Option<String> = None;
    for (key, value) in table.get_ref() {
        match key.get_ref().as_ref() {
            "book" => r.table(key, value, "book", |r, k, v| {
                book_key(r, k, v, &mut config, &mut text_direction)
            }),
            "build" => r.table(key, value, "build", |r, k, v| {
                build_key(r, k, v, &mut config)
            }),
            "rust" => {
                r.unused(value, "rust");
            }
            "preprocessor" => {
                r.unused(value, "preprocessor");
            }
            "output" => r.table(key, value, "output", |r, k, v| match k {
                "html" => r.table_value(v, "output.html", |r, k, v| {
                    html_key(r, k, v, &mut config.html)
                }),
                "followup" => r.table_value(v, "output.followup", |r, k, v| {
                    followup_key(r, k, v, &mut config.followup)
                }),
                other => r.unused(v, &format!("output.{other}")),
            }),
            other => r.unknown(
                key,
                "",
                other,
                &["book", "build", "rust", "output", "preprocessor"],
            ),
        }
    }
    if let Some(dir) = text_direction {
        match dir.as_str() {
            "ltr" => config.text_direction = "ltr",
            "rtl" => config.text_direction = "rtl",
            _ => r.errors.push(r.error_at(
                find_value_span(&r.text, "text-direction"),
                "`text-direction` must be `ltr` or `rtl`",
            )),
        }
    } else if is_rtl(&config.language) {
        config.text_direction = "rtl";
    }
    if config.title.is_empty() {
        config.title = "Handbook".to_string();
    }
    if r.errors.is_empty() {
        Ok((config, r.warnings))
    } else {
        Err(r.errors)
    }
}

/// book.toml as it is when it says nothing.
fn defaults(root: &Path, shown: &str) -> BookConfig {
    BookConfig {
        root: root.to_path_buf(),
        path: shown.to_string(),
        title: String::new(),
        authors: Vec::new(),
        description: None,
        src: PathBuf::from("src"),
        language: "en".to_string(),
        text_direction: "ltr",
        build_dir: PathBuf::from("book"),
        extra_watch_dirs: Vec::new(),
        html: HtmlConfig {
            theme: PathBuf::from("theme"),
            default_theme: ThemeName::Light,
            preferred_dark_theme: ThemeName::Dark,
            smart_punctuation: true,
            definition_lists: true,
            admonitions: true,
            additional_css: Vec::new(),
            additional_js: Vec::new(),
            print: true,
            no_section_label: false,
            search: true,
            git_repository_url: None,
            site_url: None,
            cname: None,
            edit_url_template: None,
            input_404: "404.md".to_string(),
        },
        followup: FollowupConfig {
            rule_reference: true,
            rule_reference_title: "Rule reference".to_string(),
            rules: None,
        },
    }
}

/// One key of `[book]`.
fn book_key(
    r: &mut Reader,
    k: &str,
    v: &Value<'_>,
    config: &mut BookConfig,
    text_direction: &mut Option<String>,
) -> Option<()> {
    match k {
        "title" => r.string(v, k).map(|s| config.title = s),
        "authors" => r.strings(v, k).map(|s| config.authors = s),
        "description" => r.string(v, k).map(|s| config.description = Some(s)),
        "src" => r.string(v, k).map(|s| config.src = PathBuf::from(s)),
        "language" => r.string(v, k).map(|s| config.language = s),
        "text-direction" => r.string(v, k).map(|s| *text_direction = Some(s)),
        _ => None,
    }
}

/// One key of `[build]`.
fn build_key(r: &mut Reader, k: &str, v: &Value<'_>, config: &mut BookConfig) -> Option<()> {
    match k {
        "build-dir" => r.string(v, k).map(|s| config.build_dir = PathBuf::from(s)),
        "extra-watch-dirs" => r
            .strings(v, k)
            .map(|s| config.extra_watch_dirs = s.into_iter().map(PathBuf::from).collect()),
        "create-missing" | "use-default-preprocessors" => r.unused(v, &format!("build.{k}")),
        _ => None,
    }
}

/// One key of `[output.html]` (and its `print` and `search` tables).
fn html_key(r: &mut Reader, k: &str, v: &Value<'_>, html: &mut HtmlConfig) -> Option<()> {
    match k {
        "theme" => r.string(v, k).map(|s| html.theme = PathBuf::from(s)),
        "default-theme" => r.theme(v, k).map(|t| html.default_theme = t),
        "preferred-dark-theme" => r.theme(v, k).map(|t| html.preferred_dark_theme = t),
        "smart-punctuation" => r.boolean(v, k).map(|b| html.smart_punctuation = b),
        "definition-lists" => r.boolean(v, k).map(|b| html.definition_lists = b),
        "admonitions" => r.boolean(v, k).map(|b| html.admonitions = b),
        "additional-css" => r.strings(v, k).map(|s| html.additional_css = s),
        "additional-js" => r.strings(v, k).map(|s| html.additional_js = s),
        "no-section-label" => r.boolean(v, k).map(|b| html.no_section_label = b),
        "git-repository-url" => r.url(v, k).map(|s| html.git_repository_url = Some(s)),
        "site-url" => r
            .url(v, k)
            .map(|s| html.site_url = Some(if s.ends_with('/') { s } else { format!("{s}/") })),
        "cname" => r.string(v, k).map(|s| html.cname = Some(s)),
        "edit-url-template" => r.url(v, k).map(|s| html.edit_url_template = Some(s)),
        "input-404" => r.string(v, k).map(|s| html.input_404 = s),
        "print" => r.table_value(v, "output.html.print", |r, k, v| match k {
            "enable" => r.boolean(v, k).map(|b| html.print = b),
            "page-break" => r.unused(v, &format!("output.html.print.{k}")),
            _ => None,
        }),
        "search" => r.table_value(v, "output.html.search", |r, k, v| match k {
            "enable" => r.boolean(v, k).map(|b| html.search = b),
            "limit-results"
            | "teaser-word-count"
            | "use-boolean-and"
            | "boost-title"
            | "boost-hierarchy"
            | "boost-paragraph"
            | "expand"
            | "heading-split-level"
            | "copy-js"
            | "chapter" => r.unused(v, &format!("output.html.search.{k}")),
            _ => None,
        }),
        "mathjax-support"
        | "fold"
        | "playground"
        | "code"
        | "git-repository-icon"
        | "live-reload-endpoint"
        | "redirect"
        | "hash-files"
        | "sidebar-header-nav" => r.unused(v, &format!("output.html.{k}")),
        _ => None,
    }
}

/// One key of `[output.followup]`.
fn followup_key(
    r: &mut Reader,
    k: &str,
    v: &Value<'_>,
    followup: &mut FollowupConfig,
) -> Option<()> {
    match k {
        "rule-reference" => r.boolean(v, k).map(|b| followup.rule_reference = b),
        "rule-reference-title" => r.string(v, k).map(|s| followup.rule_reference_title = s),
        "rules" => r
            .string(v, k)
            .map(|s| followup.rules = Some(PathBuf::from(s))),
        // mdBook's own keys for an output: `optional = true` lets mdBook
        // build the book without followup installed.
        "optional" => r.boolean(v, k).map(|_| ()),
        "command" | "renderers" => Some(()),
        _ => None,
    }
}

fn is_rtl(language: &str) -> bool {
    let code = language.split(['-', '_']).next().unwrap_or_default();
    matches!(
        code,
        "ar" | "ara"
            | "arc"
            | "ae"
            | "ave"
            | "egy"
            | "he"
            | "heb"
            | "nqo"
            | "pal"
            | "phn"
            | "sam"
            | "syc"
            | "syr"
            | "fa"
            | "per"
            | "fas"
            | "ku"
            | "kur"
            | "ur"
            | "urd"
            | "pus"
            | "ps"
            | "yi"
            | "yid"
    )
}

/// True for an `http:`/`https:` URL or a relative one (no scheme), with no
/// whitespace or control characters that a browser would strip.
pub(crate) fn is_safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            scheme == "http" || scheme == "https"
        }
        _ => true,
    }
}

fn find_value_span(text: &str, key: &str) -> std::ops::Range<usize> {
    text.find(key).map_or(0..0, |i| i..i + key.len())
}

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

/// Walks the parsed TOML, collecting errors and warnings.
struct Reader {
    path: String,
    text: Arc<str>,
    errors: Vec<FileError>,
    warnings: Vec<FileError>,
}

impl Reader {
    fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> FileError {
        FileError::at(self.path.as_str(), self.text.clone(), span, message, "here")
            .with_kind(ErrorKind::Book)
    }

    /// Reads a `[name]` table whose keys `f` handles; `f` returns `None` for an unknown key.
    fn table<F>(&mut self, _key: &Key<'_>, value: &Value<'_>, name: &str, f: F)
    where
        F: FnMut(&mut Reader, &str, &Value<'_>) -> Option<()>,
    {
        self.table_value(value, name, f);
    }

    fn table_value<F>(&mut self, value: &Value<'_>, name: &str, mut f: F) -> Option<()>
    where
        F: FnMut(&mut Reader, &str, &Value<'_>) -> Option<()>,
    {
        let DeValue::Table(table) = value.get_ref() else {
            self.errors
                .push(self.error_at(value.span(), format!("`{name}` must be a table")));
            return Some(());
        };
        for (k, v) in table {
            let errors_before = self.errors.len();
            if f(self, k.get_ref(), v).is_none() && self.errors.len() == errors_before {
                let known = known_keys(name);
                self.unknown(k, name, k.get_ref(), known);
            }
        }
        Some(())
    }

    fn unknown(&mut self, key: &Key<'_>, table: &str, name: &str, known: &[&str]) {
        let full = if table.is_empty() {
            name.to_string()
        } else {
            format!("{table}.{name}")
        };
        let mut err = FileError::at(
            self.path.as_str(),
            self.text.clone(),
            key.span(),
            format!("unknown key `{full}` in book.toml"),
            "not a book.toml setting",
        )
        .with_kind(ErrorKind::Book);
        let best = known
            .iter()
            .map(|k| (crate::text::words::edit_distance(name, k), *k))
            .filter(|(d, _)| *d <= 3)
            .min();
        if let Some((_, k)) = best {
            err = err.with_note(format!("did you mean `{k}`?"));
        } else if !known.is_empty() {
            err = err.with_note(format!("known keys here: {}", known.join(", ")));
        }
        if table.starts_with("output.followup") || table.is_empty() {
            err = err.with_note("followup's own settings go under [output.followup]");
        }
        self.errors.push(err);
    }

    /// An mdBook setting followup does not use: a warning.
    fn unused(&mut self, value: &Value<'_>, name: &str) -> Option<()> {
        let span = value.span();
        let mut warning = FileError::at(
            self.path.as_str(),
            self.text.clone(),
            span,
            format!("followup does not use the mdBook setting `{name}`; it is ignored"),
            "ignored",
        )
        .with_kind(ErrorKind::Book);
        warning
            .notes
            .push("mdBook still reads it; remove it if only followup builds this book".into());
        self.warnings.push(warning);
        Some(())
    }

    fn string_inner(&mut self, value: &Value<'_>, key: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.errors
                    .push(self.error_at(value.span(), format!("`{key}` must be a string")));
                None
            }
        }
    }

    fn strings_inner(&mut self, value: &Value<'_>, key: &str) -> Option<Vec<String>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.errors
                .push(self.error_at(value.span(), format!("`{key}` must be a list of strings")));
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                _ => {
                    self.errors.push(
                        self.error_at(item.span(), format!("`{key}` must be a list of strings")),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn url_inner(&mut self, value: &Value<'_>, key: &str) -> Option<String> {
        let url = self.string_inner(value, key)?;
        if is_safe_url(&url) {
            return Some(url);
        }
        self.errors.push(
            self.error_at(value.span(), format!("`{key}` must be an http(s) or relative URL"))
                .with_note("`javascript:`, `data:` and other schemes are refused, as are spaces and control characters"),
        );
        None
    }

    fn boolean_inner(&mut self, value: &Value<'_>, key: &str) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.errors
                    .push(self.error_at(value.span(), format!("`{key}` must be true or false")));
                None
            }
        }
    }

    fn theme_inner(&mut self, value: &Value<'_>, key: &str) -> Option<ThemeName> {
        let name = self.string_inner(value, key)?;
        match ThemeName::parse(&name) {
            Some(t) => Some(t),
            None => {
                self.errors.push(
                    self.error_at(value.span(), format!("unknown theme `{name}` for `{key}`"))
                        .with_note("use light or dark (mdBook's rust counts as light; coal, navy and ayu as dark)"),
                );
                None
            }
        }
    }
}

/// Typed readers that hand the value to a setter; they return `Some(())`
/// when the key was recognised (even if its value was wrong).
trait Typed {
    fn string(&mut self, v: &Value<'_>, k: &str) -> Typed1<String>;
    fn strings(&mut self, v: &Value<'_>, k: &str) -> Typed1<Vec<String>>;
    fn url(&mut self, v: &Value<'_>, k: &str) -> Typed1<String>;
    fn boolean(&mut self, v: &Value<'_>, k: &str) -> Typed1<bool>;
    fn theme(&mut self, v: &Value<'_>, k: &str) -> Typed1<ThemeName>;
}

/// A recognised key's value, if it had the right type.
struct Typed1<T>(Option<T>);

impl<T> Typed1<T> {
    /// Applies `f` to a well-typed value; the key counts as known either way.
    fn map(self, f: impl FnOnce(T)) -> Option<()> {
        if let Some(v) = self.0 {
            f(v);
        }
        Some(())
    }
}

impl Typed for Reader {
    fn string(&mut self, v: &Value<'_>, k: &str) -> Typed1<String> {
        Typed1(self.string_inner(v, k))
    }
    fn strings(&mut self, v: &Value<'_>, k: &str) -> Typed1<Vec<String>> {
        Typed1(self.strings_inner(v, k))
    }
    fn url(&mut self, v: &Value<'_>, k: &str) -> Typed1<String> {
        Typed1(self.url_inner(v, k))
    }
    fn boolean(&mut self, v: &Value<'_>, k: &str) -> Typed1<bool> {
        Typed1(self.boolean_inner(v, k))
    }
    fn theme(&mut self, v: &Value<'_>, k: &str) -> Typed1<ThemeName> {
        Typed1(self.theme_inner(v, k))
    }
}

fn known_keys(table: &str) -> &'static [&'static str] {
    match table {
        "book" => &[
            "title",
            "authors",
            "description",
            "src",
            "language",
            "text-direction",
        ],
        "build" => &[
            "build-dir",
            "create-missing",
            "use-default-preprocessors",
            "extra-watch-dirs",
        ],
        "output" => &["html", "followup"],
        "output.html" => &[
            "theme",
            "default-theme",
            "preferred-dark-theme",
            "smart-punctuation",
            "definition-lists",
            "admonitions",
            "mathjax-support",
            "additional-css",
            "additional-js",
            "fold",
            "playground",
            "code",
            "print",
            "no-section-label",
            "search",
            "git-repository-url",
            "git-repository-icon",
            "input-404",
            "site-url",
            "cname",
            "edit-url-template",
            "live-reload-endpoint",
            "redirect",
            "hash-files",
            "sidebar-header-nav",
        ],
        "output.html.print" => &["enable", "page-break"],
        "output.html.search" => &[
            "enable",
            "limit-results",
            "teaser-word-count",
            "use-boolean-and",
            "boost-title",
            "boost-hierarchy",
            "boost-paragraph",
            "expand",
            "heading-split-level",
            "copy-js",
            "chapter",
        ],
        "output.followup" => &[
            "rule-reference",
            "rule-reference-title",
            "rules",
            "optional",
            "command",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<(BookConfig, Vec<FileError>), Vec<FileError>> {
        parse(Path::new("."), "book.toml", text)
    }

    #[test]
    fn reads_the_settings_followup_uses() {
        let (config, warnings) = load(
            "[book]\ntitle = \"T\"\nsrc = \"guides\"\nlanguage = \"ar\"\n[build]\nbuild-dir = \"out\"\n\
             [output.html]\nsite-url = \"https://example.com/x\"\ndefault-theme = \"coal\"\npreferred-dark-theme = \"navy\"\n\
             [output.html.search]\nenable = false\n[output.followup]\nrules = \"rules\"\noptional = true\n",
        )
        .unwrap_or_else(|e| panic!("{}", e[0]));
        assert!(warnings.is_empty());
        assert_eq!(config.title, "T");
        assert_eq!(config.text_direction, "rtl");
        assert_eq!(config.build_dir, PathBuf::from("out"));
        assert_eq!(
            config.html.site_url.as_deref(),
            Some("https://example.com/x/")
        );
        assert_eq!(config.html.default_theme, ThemeName::Dark);
        assert!(!config.html.search);
        assert_eq!(config.followup.rules, Some(PathBuf::from("rules")));
    }

    #[test]
    fn mdbook_settings_followup_ignores_warn() {
        let (_, warnings) = load("[output.html]\nmathjax-support = true\n[output.html.fold]\nenable = true\n[preprocessor.katex]\n[output.pdf]\n")
            .unwrap_or_else(|e| panic!("{}", e[0]));
        let text: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(warnings.len(), 4, "{text:?}");
        assert!(
            text.iter()
                .any(|t| t.contains("output.html.mathjax-support"))
        );
        assert!(text.iter().any(|t| t.contains("`preprocessor`")));
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_errors_with_lines() {
        let errors =
            load("[book]\ntitle = 3\nauthor = \"x\"\n[output.followup]\nrule-refrence = false\n")
                .err()
                .unwrap_or_default();
        let lines: Vec<_> = errors
            .iter()
            .map(|e| (e.message.clone(), e.line_col().map(|(l, _)| l)))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines
                .iter()
                .any(|(m, l)| m.contains("`title` must be a string") && *l == Some(2))
        );
        assert!(
            lines
                .iter()
                .any(|(m, l)| m.contains("unknown key `book.author`") && *l == Some(3))
        );
        assert!(
            lines
                .iter()
                .any(|(m, l)| m.contains("output.followup.rule-refrence") && *l == Some(5))
        );
    }

    #[test]
    fn broken_toml_names_the_line() {
        let errors = load("[book]\ntitle = \"unclosed\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].line_col().map(|(l, _)| l), Some(2));
    }
}
