//! Reading a book's inputs: SUMMARY.md, the chapter files it lists, and the
//! rule catalog the reference is generated from.

use std::path::Path;

use rayon::prelude::*;

use super::config::BookConfig;
use super::markdown::{self, MarkdownOptions, Rendered};
use super::summary::{self, Summary};
use crate::rules::catalog::Catalog;
use crate::rules::rule::Rule;
use crate::text::error::{ErrorKind, FileError};

/// A chapter read from disk and rendered.
pub(crate) struct Chapter {
    /// Source path relative to the source folder.
    pub(crate) path: String,
    /// The rendered Markdown.
    pub(crate) rendered: Rendered,
}

/// Everything a build reads.
pub(crate) struct Inputs {
    pub(crate) summary: Summary,
    pub(crate) chapters: Vec<Chapter>,
    pub(crate) catalog: Catalog,
}

pub(crate) fn markdown_options(config: &BookConfig) -> MarkdownOptions {
    MarkdownOptions {
        smart_punctuation: config.html.smart_punctuation,
        definition_lists: config.html.definition_lists,
        admonitions: config.html.admonitions,
    }
}

/// The folder part of a source path (`a/b.md` → `a/`).
pub(crate) fn dir_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    }
}

/// Reads SUMMARY.md, the chapters and the rules.
pub(crate) fn read(config: &BookConfig) -> Result<Inputs, Vec<FileError>> {
    let src = config.src_dir();
    if !src.is_dir() {
        return Err(vec![
            FileError::new(
                config.path.as_str(),
                format!("source folder {} not found", src.display()),
            )
            .with_kind(ErrorKind::Book)
            .with_note("set `src` under [book] in book.toml to the folder holding SUMMARY.md"),
        ]);
    }
    let summary_path = src.join("SUMMARY.md");
    let shown = summary_path.display().to_string();
    let text = std::fs::read_to_string(&summary_path).map_err(|err| {
        vec![
            FileError::new(shown.as_str(), format!("cannot read SUMMARY.md: {err}"))
                .with_kind(ErrorKind::Book)
                .with_note(
                    "list the chapters in SUMMARY.md inside the source folder, as mdBook does",
                ),
        ]
    })?;
    let summary = summary::parse(&shown, &text)?;
    let (chapters, catalog) = rayon::join(
        || read_chapters(config, &src, &summary),
        || read_catalog(config),
    );
    match (chapters, catalog) {
        (Ok(chapters), Ok(catalog)) => Ok(Inputs {
            summary,
            chapters,
            catalog,
        }),
        (a, b) => {
            let mut errors = a.err().unwrap_or_default();
            errors.extend(b.err().unwrap_or_default());
            Err(errors)
        }
    }
}

fn read_chapters(
    config: &BookConfig,
    src: &Path,
    summary: &Summary,
) -> Result<Vec<Chapter>, Vec<FileError>> {
    summary.validate(src)?;
    let options = markdown_options(config);
    let paths: Vec<&str> = summary
        .chapters()
        .into_iter()
        .filter_map(|c| c.path.as_deref())
        .collect();
    let results: Vec<Result<Chapter, FileError>> = paths
        .par_iter()
        .map(|path| {
            let file = src.join(path);
            if !super::paths::is_inside(&config.root, &file) {
                return Err(FileError::new(
                    file.display().to_string(),
                    format!("chapter `{path}` (SUMMARY.md) resolves outside the book folder"),
                )
.with_kind(ErrorKind::Book)
                .with_note("keep chapters inside the source folder; `..` and symbolic links that leave the book are refused"));
            }
            let text = std::fs::read_to_string(&file).map_err(|err| {
                FileError::new(
                    file.display().to_string(),
                    format!("cannot read chapter: {err}"),
                )
.with_kind(ErrorKind::Book)
            })?;
            Ok(Chapter {
                path: (*path).to_string(),
                rendered: markdown::render(&text, dir_of(path), options),
            })
        })
        .collect();
    let mut chapters = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(c) => chapters.push(c),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(chapters)
    } else {
        Err(errors)
    }
}

/// The built-in rules, with the rule files of `[output.followup] rules`
/// replacing (or adding to) them.
fn read_catalog(config: &BookConfig) -> Result<Catalog, Vec<FileError>> {
    let mut catalog = Catalog::builtin().map_err(|e| vec![e])?;
    if !config.followup.rule_reference {
        return Ok(catalog);
    }
    let Some(dir) = config.rules_dir() else {
        return Ok(catalog);
    };
    if !dir.is_dir() {
        return Err(vec![FileError::new(
            config.path.as_str(),
            format!("rule folder {} not found", dir.display()),
        )
.with_kind(ErrorKind::Book)
        .with_note("fix `rules` under [output.followup] in book.toml, or remove it to document the built-in rules")]);
    }
    let paths = crate::rules::catalog::rule_files(&dir);
    let loaded: Vec<Result<Rule, FileError>> = paths
        .par_iter()
        .map(|path| {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|err| {
                FileError::new(shown.as_str(), format!("cannot read rule file: {err}"))
                    .with_kind(ErrorKind::Book)
            })?;
            Rule::load(&shown, &text, true)
        })
        .collect();
    let mut errors = Vec::new();
    for rule in loaded {
        match rule {
            Ok(rule) => catalog.replace(rule),
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}
