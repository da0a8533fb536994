//! The pages of the book in reading order: the chapters SUMMARY.md lists,
//! then the generated rule reference; with the checks on them (links to
//! pages the book lacks, page names that clash).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::config::BookConfig;
use super::load::Chapter;
use super::markdown::{self, MarkdownOptions, ROOT, Section, page_of};
use super::reference;
use super::summary::Summary;
use super::theme::Theme;
use super::toc::{Extra, ExtraPart};
use crate::engine::linter::Linter;
use crate::rules::catalog::Catalog;
use crate::text::error::{ErrorKind, FileError};

/// One page of the book.
pub(crate) struct Page {
    /// Output path relative to the site root (`rules/too-long.html`).
    pub(crate) key: String,
    pub(crate) title: String,
    /// HTML with [`ROOT`] markers in links.
    pub(crate) body: String,
    pub(crate) sections: Vec<Section>,
    pub(crate) has_h1: bool,
    pub(crate) edit_url: Option<String>,
    /// The SUMMARY.md entry of a chapter, for messages.
    pub(crate) origin: Option<std::ops::Range<usize>>,
    /// The chapter's Markdown file, relative to the source folder.
    pub(crate) source: Option<String>,
    /// The in-page outline of a long chapter (HTML), shown after its title.
    pub(crate) outline: Option<String>,
}

/// Chapter source path → (title, page), for rule pages' guide links.
pub(crate) type Guides = HashMap<String, (String, String)>;

/// The chapters, in SUMMARY.md order, with rule ids in inline code linked.
pub(crate) fn chapter_pages(
    config: &BookConfig,
    summary: &Summary,
    chapters: Vec<Chapter>,
    catalog: &Catalog,
) -> (Vec<Page>, Guides) {
    let entries = summary.chapters().into_iter().filter(|c| c.path.is_some());
    let mut guides = HashMap::new();
    let mut pages = Vec::with_capacity(chapters.len() + catalog.rules().count() + 1);
    for (entry, chapter) in entries.zip(chapters) {
        let key = page_of(&chapter.path);
        guides.insert(chapter.path.clone(), (entry.title.clone(), key.clone()));
        let rules_on = config.followup.rule_reference;
        pages.push(Page {
            edit_url: config
                .html
                .edit_url_template
                .as_ref()
                .map(|t| t.replace("{path}", &chapter.path)),
            key,
            title: entry.title.clone(),
            body: markdown::link_rule_ids(&chapter.rendered.html, |id| {
                rules_on && catalog.get(id).is_some()
            }),
            sections: chapter.rendered.sections,
            has_h1: chapter.rendered.h1_count > 0,
            origin: Some(entry.span.clone()),
            source: Some(chapter.path),
            outline: markdown::outline_html(&chapter.rendered.headings),
        });
    }
    (pages, guides)
}

/// The rule index and one page per rule, the sidebar part listing them,
/// and warnings.
pub(crate) fn rule_pages(
    config: &BookConfig,
    theme: &Theme,
    catalog: Catalog,
    guides: &Guides,
    options: MarkdownOptions,
) -> Result<(Vec<Page>, ExtraPart, Vec<FileError>), Vec<FileError>> {
    let base = config
        .html
        .site_url
        .clone()
        .unwrap_or_else(|| "../".to_string());
    let linter = Linter::new(catalog).with_handbook_url(&base);
    let (generated, warnings) = reference::pages(
        theme,
        &linter,
        guides,
        options,
        config.followup.rules.is_some(),
    )?;
    // Rule pages link to their rule file when the edit template has the usual `<src>/{path}` shape.
    let src_text = config.src.to_string_lossy().replace('\\', "/");
    let in_src = format!("{src_text}/{{path}}");
    let rules_rel = config
        .followup
        .rules
        .as_ref()
        .map(|r| r.to_string_lossy().replace('\\', "/"));
    let mut part = ExtraPart {
        title: config.followup.rule_reference_title.clone(),
        index: Extra {
            title: String::new(),
            key: String::new(),
            code: false,
        },
        children: Vec::new(),
    };
    let mut pages = Vec::with_capacity(generated.len());
    for g in generated {
        let edit_url = match (&g.rule, &config.html.edit_url_template, &rules_rel) {
            (Some(id), Some(t), Some(rules)) if t.contains(&in_src) => {
                Some(t.replace(&in_src, &format!("{rules}/{id}.yaml")))
            }
            _ => None,
        };
        let entry = Extra {
            title: g.title.clone(),
            key: g.key.clone(),
            code: g.rule.is_some(),
        };
        if g.rule.is_some() {
            part.children.push(entry);
        } else {
            part.index = entry;
        }
        pages.push(Page {
            key: g.key,
            title: g.title,
            body: g.body,
            sections: g.sections,
            has_h1: true,
            edit_url,
            origin: None,
            source: None,
            outline: None,
        });
    }
    Ok((pages, part, warnings))
}

/// The root-relative paths (without `#fragment`) that a body links to.
fn linked_targets(body: &str) -> impl Iterator<Item = &str> {
    body.split(ROOT).skip(1).filter_map(|rest| {
        let end = rest.find(['"', '#', '?']).unwrap_or(rest.len());
        let target = &rest[..end];
        (!target.is_empty()).then_some(target)
    })
}

/// Warnings for chapter links to pages or files the book does not have.
pub(crate) fn link_warnings(pages: &[Page], statics: &[PathBuf], src: &Path) -> Vec<FileError> {
    let mut known: HashSet<String> = pages.iter().map(|p| p.key.clone()).collect();
    known.extend(["index.html", "print.html", "404.html", "toc.html"].map(String::from));
    for file in statics {
        if let Ok(rel) = file.strip_prefix(src) {
            known.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let mut warnings = Vec::new();
    for page in pages {
        let Some(source) = &page.source else { continue };
        for target in linked_targets(&page.body) {
            if !known.contains(target) && !known.contains(&format!("{target}index.html")) {
                warnings.push(
                    FileError::new(
                        src.join(source).display().to_string(),
                        format!("link to `{target}`, which is neither a chapter in SUMMARY.md nor a file in the source folder"),
                    )
.with_kind(ErrorKind::Book)
                    .with_note("fix the link, or list the chapter in SUMMARY.md"),
                );
            }
        }
    }
    warnings
}

/// Refuses chapter pages that clash with each other or with pages the site itself writes.
pub(crate) fn check_clashes(pages: &[Page], summary: &Summary) -> Result<(), Vec<FileError>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        let reserved = matches!(page.key.as_str(), "print.html" | "toc.html" | "404.html");
        let earlier = seen.insert(page.key.as_str(), page);
        if reserved || earlier.is_some() {
            let message = format!(
                "chapter page `{}` clashes with another page of the site",
                page.key
            );
            let origin = page
                .origin
                .as_ref()
                .or(earlier.and_then(|e| e.origin.as_ref()));
            errors.push(match origin {
                Some(span) => summary.error_at(span.clone(), message, "rename this chapter file"),
                None => FileError::new(summary.path.as_str(), message).with_kind(ErrorKind::Book),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
