//! Putting the site together: the page list in reading order, the layout
//! applied to every page in parallel, and the files that go with them
//! (navigation, search index, print page, 404 page, sitemap, assets).

use std::path::{Path, PathBuf};

use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;

use super::config::{BookConfig, ThemeName};
use super::load::{self, Inputs};
use super::markdown::{self, MarkdownOptions, ROOT};
use super::pages::{self, Page};
use super::print;
use super::reference;
use super::search::{self, IndexedPage};
use super::theme::Theme;
use super::toc;
use crate::text::error::{ErrorKind, FileError};

/// What a build produced, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// HTML pages written (chapters and rule pages, not counting index, print, 404 and toc).
    pub pages: usize,
    /// Rule pages among them.
    pub rules: usize,
    /// Size of `searchindex.js` in bytes (0 when search is off).
    pub search_index_bytes: u64,
    /// The engine module the "Check your draft" page carries, when it was built.
    pub check_module: Option<PathBuf>,
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct BookCtx<'a> {
    title: &'a str,
    language: &'a str,
    dir: &'a str,
    description: Option<&'a str>,
    authors: &'a [String],
    git_repository_url: Option<&'a str>,
    search: bool,
    print: bool,
    theme_light: &'static str,
    theme_dark: &'static str,
    fixed_theme: Option<&'static str>,
    additional_css: &'a [String],
    additional_js: &'a [String],
    live_reload: bool,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    path: &'a str,
    root: &'a str,
    kind: &'a str,
    has_h1: bool,
    edit_url: Option<&'a str>,
    prev: Option<Link<'a>>,
    next: Option<Link<'a>>,
    canonical: Option<String>,
}

fn root_of(key: &str) -> String {
    "../".repeat(key.matches('/').count())
}

/// Writes `bytes` at `rel` inside `out`, refusing a path that would leave it.
fn write_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), FileError> {
    let path = out.join(rel);
    let leaves = || {
        FileError::new(
            path.display().to_string(),
            format!("refusing to write `{rel}`: it resolves outside the destination"),
        )
        .with_kind(ErrorKind::Book)
    };
    if !super::paths::is_plain_relative(Path::new(rel)) {
        return Err(leaves());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            FileError::new(
                parent.display().to_string(),
                format!("cannot create folder: {e}"),
            )
            .with_kind(ErrorKind::Io)
        })?;
        if !super::paths::is_inside(out, parent) {
            return Err(leaves());
        }
    }
    std::fs::write(&path, bytes).map_err(|e| {
        FileError::new(path.display().to_string(), format!("cannot write: {e}"))
            .with_kind(ErrorKind::Io)
    })
}

fn collect<T>(results: Vec<Result<T, FileError>>) -> Result<Vec<T>, Vec<FileError>> {
    let mut ok = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(errors)
    }
}

/// The part of the site URL after the host (`/handbook/`).
fn url_path(site_url: &str) -> String {
    let rest = site_url.split_once("://").map_or(site_url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => rest[i..].to_string(),
        None => "/".to_string(),
    }
}

/// A file to write after the pages, run in parallel with the others; it
/// returns the bytes that count towards the search index (0 for others).
type Job<'a> = Box<dyn FnOnce() -> Result<u64, FileError> + Send + 'a>;

/// Everything one build reads while it writes the site.
struct Site<'a> {
    config: &'a BookConfig,
    theme: &'a Theme,
    out: &'a Path,
    book: BookCtx<'a>,
    pages: &'a [Page],
    options: MarkdownOptions,
    live_reload: bool,
}

/// Renders the whole site into `out` (an empty staging folder): the pages
/// in reading order, then every other file in parallel.
pub(crate) fn render(
    config: &BookConfig,
    inputs: Inputs,
    theme: &Theme,
    out: &Path,
    live_reload: bool,
    skip: &[PathBuf],
    warnings: &mut Vec<FileError>,
) -> Result<Stats, Vec<FileError>> {
    let Inputs {
        summary,
        chapters,
        catalog,
    } = inputs;
    let options = load::markdown_options(config);
    let (mut pages, guides) = pages::chapter_pages(config, &summary, chapters, &catalog);
    let mut extra = None;
    let mut rule_count = 0;
    if config.followup.rule_reference {
        let (rule_pages, part, mut warns) =
            pages::rule_pages(config, theme, catalog, &guides, options)?;
        warnings.append(&mut warns);
        rule_count = part.children.len();
        pages.extend(rule_pages);
        extra = Some(part);
    }
    let src = config.src_dir();
    let statics = static_files(&src, skip);
    warnings.extend(pages::link_warnings(&pages, &statics, &src));
    pages::check_clashes(&pages, &summary)?;

    let site = Site {
        config,
        theme,
        out,
        book: book_context(config, live_reload),
        pages: &pages,
        options,
        live_reload,
    };
    site.write_pages()?;
    // The "Check your draft" page, when the engine module was built and no
    // chapter has its name.
    let check_module = match super::check::find(&config.root).map_err(|e| vec![e])? {
        Some(_) if pages.iter().any(|p| p.key == super::check::PAGE) => {
            warnings.push(
                FileError::new(
                    config.path.as_str(),
                    format!(
                        "a chapter is {}: the \"Check your draft\" page was left out",
                        super::check::PAGE
                    ),
                )
                .with_kind(ErrorKind::Book),
            );
            None
        }
        found => found,
    };
    let mut jobs = site.navigation_jobs(&summary, extra.as_ref(), check_module.is_some())?;
    if let Some((_, module)) = &check_module {
        jobs.push(site.check_page_job(module));
    }
    jobs.push(site.search_job());
    if config.html.print {
        jobs.push(site.print_job());
    }
    jobs.push(site.not_found_job());
    jobs.extend(site.sitemap_and_cname_jobs());
    jobs.extend(site.asset_jobs(&src, statics));
    let results: Vec<Result<u64, FileError>> = jobs.into_par_iter().map(|job| job()).collect();
    let sizes = collect(results)?;
    Ok(Stats {
        pages: pages.len(),
        rules: rule_count,
        search_index_bytes: sizes.iter().sum(),
        check_module: check_module.map(|(path, _)| path),
    })
}

/// What every page's layout reads about the book.
fn book_context(config: &BookConfig, live_reload: bool) -> BookCtx<'_> {
    let (theme_light, theme_dark) = (config.html.default_theme, config.html.preferred_dark_theme);
    let _: ThemeName = theme_light;
    BookCtx {
        title: &config.title,
        language: &config.language,
        dir: config.text_direction,
        description: config.description.as_deref(),
        authors: &config.authors,
        git_repository_url: config.html.git_repository_url.as_deref(),
        search: config.html.search,
        print: config.html.print,
        theme_light: theme_light.as_str(),
        theme_dark: theme_dark.as_str(),
        fixed_theme: (theme_light == theme_dark).then_some(theme_light.as_str()),
        additional_css: &config.html.additional_css,
        additional_js: &config.html.additional_js,
        live_reload,
    }
}

impl<'a> Site<'a> {
    /// One page in the layout: page `i` of the reading order, shown at a
    /// folder depth `root`, as a `kind` page named `data_page`.
    fn render_page(
        &self,
        page: &Page,
        i: usize,
        root: &str,
        kind: &str,
        data_page: &str,
    ) -> Result<String, FileError> {
        let link = |p: &'a Page| Link {
            title: &p.title,
            url: &p.key,
        };
        let ctx = PageCtx {
            title: &page.title,
            path: data_page,
            root,
            kind,
            has_h1: page.has_h1,
            edit_url: page.edit_url.as_deref(),
            prev: i.checked_sub(1).and_then(|j| self.pages.get(j)).map(link),
            next: self.pages.get(i + 1).map(link),
            canonical: self
                .config
                .html
                .site_url
                .as_ref()
                .map(|u| format!("{u}{}", page.key)),
        };
        let body = match &page.outline {
            Some(outline) => markdown::insert_outline(&page.body, outline),
            None => page.body.clone(),
        };
        self.theme.render(
            "page.html",
            minijinja::context! {
                book => &self.book,
                page => ctx,
                content => Value::from_safe_string(body.replace(ROOT, root)),
            },
        )
    }

    /// Every page, in parallel, then the landing page: the first chapter
    /// again, unless a chapter is `index.html`.
    fn write_pages(&self) -> Result<(), Vec<FileError>> {
        let results: Vec<Result<(), FileError>> = self
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let root = root_of(&page.key);
                let kind = if page.key.starts_with(reference::DIR) {
                    "rule"
                } else {
                    "chapter"
                };
                let html = self.render_page(page, i, &root, kind, &page.key)?;
                write_file(self.out, &page.key, html.as_bytes())
            })
            .collect();
        collect(results)?;
        if !self.pages.iter().any(|p| p.key == "index.html") {
            if let Some(first) = self.pages.first() {
                let html = self
                    .render_page(first, 0, "", "chapter", &first.key)
                    .map_err(|e| vec![e])?;
                write_file(self.out, "index.html", html.as_bytes()).map_err(|e| vec![e])?;
            }
        }
        Ok(())
    }

    /// The table of contents, once, as a script and as a page.
    fn navigation_jobs(
        &self,
        summary: &super::summary::Summary,
        extra: Option<&super::toc::ExtraPart>,
        check_page: bool,
    ) -> Result<Vec<Job<'a>>, Vec<FileError>> {
        let out = self.out;
        let mut list = toc::list_html(summary, extra, !self.config.html.no_section_label);
        if check_page {
            super::check::add_to_toc(&mut list, extra.is_some());
        }
        let toc_js = toc::script(&list);
        let toc_html = self
            .theme
            .render(
                "toc.html",
                minijinja::context! { book => &self.book, toc => Value::from_safe_string(list) },
            )
            .map_err(|e| vec![e])?;
        Ok(vec![
            Box::new(move || write_file(out, "toc.js", toc_js.as_bytes()).map(|()| 0)),
            Box::new(move || write_file(out, "toc.html", toc_html.as_bytes()).map(|()| 0)),
        ])
    }

    /// The "Check your draft" page and the script carrying the engine
    /// module it runs.
    fn check_page_job(&'a self, module: &'a [u8]) -> Job<'a> {
        let (out, theme, book) = (self.out, self.theme, &self.book);
        let canonical = self
            .config
            .html
            .site_url
            .as_ref()
            .map(|u| format!("{u}{}", super::check::PAGE));
        Box::new(move || {
            let script = super::check::module_script(module);
            write_file(out, super::check::MODULE_SCRIPT, script.as_bytes())?;
            let dictionary = super::check::dictionary_script();
            write_file(out, super::check::DICTIONARY_SCRIPT, dictionary.as_bytes())?;
            let content = theme.render(
                "check.html",
                minijinja::context! {
                    kinds => super::check::kind_choices(),
                    root => "",
                    dictionary => super::check::DICTIONARY_SCRIPT,
                },
            )?;
            let ctx = PageCtx {
                title: super::check::TITLE,
                path: super::check::PAGE,
                root: "",
                kind: "check",
                has_h1: true,
                edit_url: None,
                prev: None,
                next: None,
                canonical,
            };
            let html = theme.render(
                "page.html",
                minijinja::context! {
                    book => book,
                    page => ctx,
                    content => Value::from_safe_string(content),
                },
            )?;
            write_file(out, super::check::PAGE, html.as_bytes()).map(|()| 0)
        })
    }

    /// The search index (its size is the build's search figure).
    fn search_job(&self) -> Job<'a> {
        let (out, pages, enabled) = (self.out, self.pages, self.config.html.search);
        Box::new(move || {
            if !enabled {
                return Ok(0);
            }
            let indexed: Vec<IndexedPage<'_>> = pages
                .iter()
                .map(|p| IndexedPage {
                    title: &p.title,
                    key: &p.key,
                    sections: &p.sections,
                })
                .collect();
            let js = search::script(&indexed);
            write_file(out, "searchindex.js", js.as_bytes()).map(|()| js.len() as u64)
        })
    }

    /// The whole book on one page.
    fn print_job(&'a self) -> Job<'a> {
        let (out, pages, theme, book) = (self.out, self.pages, self.theme, &self.book);
        Box::new(move || {
            let ctx = PageCtx {
                title: "Print",
                path: "print.html",
                root: "",
                kind: "print",
                has_h1: true,
                edit_url: None,
                prev: None,
                next: None,
                canonical: None,
            };
            let layout = theme.render(
                "page.html",
                minijinja::context! {
                    book => book,
                    page => ctx,
                    content => Value::from_safe_string(print::MARK.to_string()),
                },
            )?;
            let chapters: Vec<print::PrintChapter<'_>> = pages
                .iter()
                .map(|p| print::PrintChapter {
                    key: &p.key,
                    title: &p.title,
                    body: &p.body,
                    has_h1: p.has_h1,
                })
                .collect();
            print::write(&out.join("print.html"), &layout, &chapters)?;
            Ok(0)
        })
    }

    /// The 404 page, with links that work from any folder.
    fn not_found_job(&'a self) -> Job<'a> {
        let (out, theme, book, options) = (self.out, self.theme, &self.book, self.options);
        let root_404 = if self.live_reload {
            "/".to_string()
        } else {
            self.config
                .html
                .site_url
                .as_deref()
                .map(url_path)
                .unwrap_or_default()
        };
        let src_404 = self.config.src_dir().join(&self.config.html.input_404);
        Box::new(move || {
            let text = std::fs::read_to_string(&src_404).unwrap_or_else(|_| {
                "# Page not found\n\nThe page you asked for is not in this book. Try the [first page](index.html), \
                 the [rule index](rules/index.html) or the search box."
                    .to_string()
            });
            let rendered = markdown::render(&text, "", options);
            let ctx = PageCtx {
                title: "Page not found",
                path: "404.html",
                root: &root_404,
                kind: "404",
                has_h1: rendered.h1_count > 0,
                edit_url: None,
                prev: None,
                next: None,
                canonical: None,
            };
            let content = rendered
                .html
                .replace(ROOT, &super::html::escape_html(&root_404));
            let html = theme.render(
                "page.html",
                minijinja::context! {
                    book => book,
                    page => ctx,
                    content => Value::from_safe_string(content),
                },
            )?;
            write_file(out, "404.html", html.as_bytes()).map(|()| 0)
        })
    }

    /// `sitemap.xml` when the site's address is known, and `CNAME` when
    /// one is configured.
    fn sitemap_and_cname_jobs(&self) -> Vec<Job<'a>> {
        let (out, pages) = (self.out, self.pages);
        let mut jobs: Vec<Job<'a>> = Vec::new();
        if let Some(site_url) = self.config.html.site_url.clone() {
            jobs.push(Box::new(move || {
                let escape = super::html::escape_html;
                let mut xml = String::from(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
                );
                xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&site_url)));
                for p in pages.iter().filter(|p| p.key != "index.html") {
                    let url = format!("{site_url}{}", p.key);
                    xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&url)));
                }
                xml.push_str("</urlset>\n");
                write_file(out, "sitemap.xml", xml.as_bytes()).map(|()| 0)
            }));
        }
        if let Some(cname) = self.config.html.cname.clone() {
            jobs.push(Box::new(move || {
                write_file(out, "CNAME", format!("{cname}\n").as_bytes()).map(|()| 0)
            }));
        }
        jobs
    }

    /// Theme assets, the extra CSS and JS `book.toml` names, and the
    /// source folder's other files.
    fn asset_jobs(&self, src: &Path, statics: Vec<PathBuf>) -> Vec<Job<'a>> {
        let (out, config, theme) = (self.out, self.config, self.theme);
        let mut jobs: Vec<Job<'a>> = Vec::new();
        for (name, bytes) in &theme.assets {
            jobs.push(Box::new(move || write_file(out, name, bytes).map(|()| 0)));
        }
        for extra_file in config
            .html
            .additional_css
            .iter()
            .chain(&config.html.additional_js)
        {
            jobs.push(Box::new(move || {
                let from = super::paths::check_read(
                    config,
                    "output.html.additional-css / additional-js",
                    &config.root,
                    Path::new(extra_file),
                )?;
                let bytes = std::fs::read(&from).map_err(|e| {
                    FileError::new(
                        config.path.as_str(),
                        format!("cannot read {}: {e}", from.display()),
                    )
                    .with_kind(ErrorKind::Io)
                    .with_note("fix additional-css / additional-js under [output.html]")
                })?;
                write_file(out, extra_file, &bytes).map(|()| 0)
            }));
        }
        for file in statics {
            let src = src.to_path_buf();
            jobs.push(Box::new(move || copy_static(out, &src, &file)));
        }
        jobs
    }
}

/// Copies one file of the source folder to the same place in `out`.
fn copy_static(out: &Path, src: &Path, file: &Path) -> Result<u64, FileError> {
    let rel = file
        .strip_prefix(src)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    let target = out.join(&rel);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            FileError::new(
                parent.display().to_string(),
                format!("cannot create folder: {e}"),
            )
            .with_kind(ErrorKind::Io)
        })?;
    }
    std::fs::copy(file, &target).map(|_| 0).map_err(|e| {
        FileError::new(file.display().to_string(), format!("cannot copy: {e}"))
            .with_kind(ErrorKind::Io)
    })
}

/// Files of the source folder other than Markdown, skipping hidden entries
/// and the `skip` folders (the destination when it lies inside).
fn static_files(src: &Path, skip: &[PathBuf]) -> Vec<PathBuf> {
    walkdir::WalkDir::new(src)
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let skipped = e.file_type().is_dir()
                && skip.iter().any(|s| super::output::resolve(e.path()) == *s);
            !hidden && !skipped
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_none_or(|x| x != "md"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}
