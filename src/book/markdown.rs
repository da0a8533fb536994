//! Chapter Markdown to HTML: heading anchors with mdBook's ids, `.md` links
//! turned into page links, `draft` code blocks, and the text the search
//! index needs.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Stands for the path from a page to the site root in rendered HTML; each
/// page (and the print page) replaces it with its own prefix.
pub(crate) const ROOT: &str = "zzFollowupRootzz";

/// Marks inline code that looks like a rule id (`first-name-salutation`);
/// [`link_rule_ids`] turns it into a link once the rules are known.
const RULE_CODE: &str = "<code class=\"zzFollowupRulezz\">";

/// Links each marked rule id that `known` accepts to its page, and unmarks
/// the others.
pub(crate) fn link_rule_ids(html: &str, known: impl Fn(&str) -> bool) -> String {
    if !html.contains(RULE_CODE) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find(RULE_CODE) {
        out.push_str(&rest[..i]);
        rest = &rest[i + RULE_CODE.len()..];
        let end = rest.find("</code>").unwrap_or(rest.len());
        let id = &rest[..end];
        if known(id) {
            out.push_str(&format!(
                "<a class=\"rule-link\" href=\"{ROOT}rules/{id}.html\"><code>{id}</code></a>"
            ));
            rest = rest.get(end + "</code>".len()..).unwrap_or_default();
        } else {
            out.push_str("<code>");
        }
    }
    out.push_str(rest);
    out
}

/// Markdown extensions to turn on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkdownOptions {
    pub(crate) smart_punctuation: bool,
    pub(crate) definition_lists: bool,
    pub(crate) admonitions: bool,
}

/// A part of a page between two headings, for search.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    /// The heading's id (empty for the text before the first heading).
    pub(crate) anchor: String,
    /// The heading's text.
    pub(crate) heading: String,
    /// The section's plain text, whitespace collapsed.
    pub(crate) text: String,
}

/// A level-2 heading of a chapter, for its in-page outline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Heading {
    /// The heading's id.
    pub(crate) id: String,
    /// The heading's plain text.
    pub(crate) text: String,
}

/// A rendered chapter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    /// HTML with [`ROOT`] markers in resolved links.
    pub(crate) html: String,
    /// Search sections.
    pub(crate) sections: Vec<Section>,
    /// How many level-1 headings the chapter has.
    pub(crate) h1_count: usize,
    /// The level-2 headings, in order.
    pub(crate) headings: Vec<Heading>,
}

/// A chapter with at least this many level-2 sections gets an outline.
pub(crate) const OUTLINE_MIN_SECTIONS: usize = 4;

/// The in-page outline of a long chapter: a list of links to its level-2
/// sections, or `None` when it has fewer than [`OUTLINE_MIN_SECTIONS`].
pub(crate) fn outline_html(headings: &[Heading]) -> Option<String> {
    if headings.len() < OUTLINE_MIN_SECTIONS {
        return None;
    }
    let mut out = String::from(
        "<nav class=\"page-outline\" aria-label=\"On this page\">\n<p class=\"page-outline-title\" aria-hidden=\"true\">On this page</p>\n<ol>\n",
    );
    for h in headings {
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            escape_attr(&h.id),
            super::html::escape_html(&h.text)
        ));
    }
    out.push_str("</ol>\n</nav>\n");
    Some(out)
}

/// Puts `outline` into a page `body` just after its first level-1 heading
/// (at the start when the body has none: the layout then writes the title
/// heading before the body).
pub(crate) fn insert_outline(body: &str, outline: &str) -> String {
    let at = body
        .find("</h1>")
        .map(|i| {
            let end = i + "</h1>".len();
            end + usize::from(body[end..].starts_with('\n'))
        })
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len() + outline.len());
    out.push_str(&body[..at]);
    out.push_str(outline);
    out.push_str(&body[at..]);
    out
}

/// mdBook's heading id: lowercase, whitespace to `-`, other punctuation dropped.
pub(crate) fn normalize_id(text: &str) -> String {
    let id: String = text
        .chars()
        .filter_map(|ch| {
            if ch.is_alphanumeric() || ch == '_' || ch == '-' {
                Some(ch.to_lowercase().next().unwrap_or(ch))
            } else if ch.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Makes `id` unique among `used` (`id`, `id-1`, `id-2`, …) and records it.
pub(crate) fn unique_id(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{id}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// The output page of a chapter source path: `a/b.md` → `a/b.html`,
/// `README.md` → `index.html`.
pub(crate) fn page_of(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    match stem.rsplit_once('/') {
        Some((dir, "README")) => format!("{dir}/index.html"),
        None if stem == "README" => "index.html".to_string(),
        _ => format!("{stem}.html"),
    }
}

/// Whether a URL names another site or scheme.
pub(crate) fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
                && !url[..i].contains('/')
        }
        None => false,
    }
}

/// Resolves a relative link written in a file in folder `dir` (`""` or
/// `sub/`) to a root-relative URL with `.md` turned into `.html`. `None`
/// when the link is external, same-page, absolute or leaves the root.
pub(crate) fn resolve_link(dir: &str, url: &str) -> Option<String> {
    if url.is_empty()
        || url.starts_with('#')
        || url.starts_with('/')
        || url.starts_with('?')
        || is_external(url)
    {
        return None;
    }
    let (path, fragment) = match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    if joined.ends_with(".md") {
        joined = page_of(&joined);
    }
    Some(format!("{joined}{fragment}"))
}

fn options(opts: MarkdownOptions) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if opts.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    if opts.definition_lists {
        o |= Options::ENABLE_DEFINITION_LIST;
    }
    if opts.admonitions {
        o |= Options::ENABLE_GFM;
    }
    o
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

fn level_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn push_text(section: &mut String, text: &str) {
    if text.starts_with(char::is_whitespace) {
        space(section);
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            section.push(' ');
        }
        section.push_str(word);
    }
    if text.ends_with(char::is_whitespace) {
        space(section);
    }
}

fn space(section: &mut String) {
    if !section.is_empty() && !section.ends_with(' ') {
        section.push(' ');
    }
}

/// Renders a one-paragraph Markdown string (a rule's summary or help) as
/// inline HTML, without the `<p>` around it.
pub(crate) fn inline(text: &str, opts: MarkdownOptions) -> String {
    let rendered = render_inner(text, "", opts, true).html;
    let trimmed = rendered.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => rendered,
    }
}

/// The plain text of a Markdown string (a rule's summary or help), as the
/// search index shows it: no backticks or other Markdown syntax.
pub(crate) fn plain_text(text: &str, opts: MarkdownOptions) -> String {
    let rendered = render_inner(text, "", opts, true);
    let mut out = String::with_capacity(text.len());
    for s in rendered.sections.iter().filter(|s| !s.text.is_empty()) {
        space(&mut out);
        out.push_str(&s.text);
    }
    out
}

/// Renders Markdown written in folder `dir` (relative to the source root).
pub(crate) fn render(markdown: &str, dir: &str, opts: MarkdownOptions) -> Rendered {
    render_inner(markdown, dir, opts, false)
}

/// Raw HTML shown as text, and links to unsafe schemes made inert, for the
/// plain-text fields of rule files.
fn plain_event(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !super::config::is_safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        other => other,
    }
}

/// Renders Markdown; with `plain`, raw HTML is escaped (see [`plain_event`]).
fn render_inner(markdown: &str, dir: &str, opts: MarkdownOptions, plain: bool) -> Rendered {
    let cleaned;
    let markdown = if markdown.contains(ROOT) {
        cleaned = markdown.replace(ROOT, "");
        cleaned.as_str()
    } else {
        markdown
    };
    let mut renderer = Renderer::new(dir, markdown.len());
    for event in Parser::new_ext(markdown, options(opts)) {
        let event = if plain { plain_event(event) } else { event };
        renderer.event(event);
    }
    renderer.finish(markdown.len())
}

/// The heading being read: where it starts in the events, its level, its
/// custom id, its text so far, and whether it holds a link.
struct OpenHeading {
    start: usize,
    level: HeadingLevel,
    custom_id: Option<String>,
    text: String,
    has_link: bool,
}

/// One pass over a chapter's Markdown events: rewrites headings (ids and
/// anchors), code blocks, links and rule names, and collects the search
/// sections and the outline on the way.
struct Renderer<'a> {
    dir: &'a str,
    events: Vec<Event<'a>>,
    used_ids: HashSet<String>,
    sections: Vec<Section>,
    h1_count: usize,
    headings: Vec<Heading>,
    /// Links open around the current text.
    links: usize,
    /// Inside a code block: its text reaches the search index without backticks.
    in_code_block: bool,
    heading: Option<OpenHeading>,
}

impl<'a> Renderer<'a> {
    fn new(dir: &'a str, len: usize) -> Self {
        Renderer {
            dir,
            events: Vec::with_capacity(len / 16),
            used_ids: HashSet::new(),
            sections: vec![Section::default()],
            h1_count: 0,
            headings: Vec::new(),
            links: 0,
            in_code_block: false,
            heading: None,
        }
    }

    /// The search text of the section being read.
    fn section_text(&mut self) -> Option<&mut String> {
        self.sections.last_mut().map(|s| &mut s.text)
    }

    fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some(OpenHeading {
                    start: self.events.len(),
                    level,
                    custom_id: id.map(|i| i.to_string()),
                    text: String::new(),
                    has_link: false,
                });
                self.events.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => self.start_code_block(&kind),
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.events
                    .push(Event::Html(CowStr::Borrowed("</code></pre>\n")));
                if let Some(t) = self.section_text() {
                    space(t);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(h) = self.heading.as_mut() {
                    h.has_link = true;
                }
                self.links += 1;
                let dest_url = self.resolve(dest_url);
                self.events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.resolve(dest_url);
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Text(_) | Event::Code(_) => self.text(event),
            Event::End(TagEnd::Link) => {
                self.links = self.links.saturating_sub(1);
                self.events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = self.heading.as_mut() {
                    h.text.push(' ');
                } else if let Some(s) = self.section_text() {
                    space(s);
                }
                self.events.push(event);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::DefinitionListDefinition,
            ) => {
                if let Some(s) = self.section_text() {
                    space(s);
                }
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// A link inside the book, made relative to the site root.
    fn resolve(&self, dest_url: CowStr<'a>) -> CowStr<'a> {
        match resolve_link(self.dir, &dest_url) {
            Some(resolved) => CowStr::from(format!("{ROOT}{resolved}")),
            None => dest_url,
        }
    }

    /// Closes a heading: its id (unique in the page), its anchor, and a new
    /// search section for levels 1 to 3.
    fn end_heading(&mut self) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let text = open.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let id = unique_id(
            open.custom_id.unwrap_or_else(|| normalize_id(&text)),
            &mut self.used_ids,
        );
        let n = level_number(open.level);
        if n == 1 {
            self.h1_count += 1;
        }
        if n == 2 {
            self.headings.push(Heading {
                id: id.clone(),
                text: text.clone(),
            });
        }
        let attr = escape_attr(&id);
        let (start, close) = if open.has_link {
            (format!("<h{n} id=\"{attr}\">"), format!("</h{n}>\n"))
        } else {
            (
                format!("<h{n} id=\"{attr}\"><a class=\"header\" href=\"#{attr}\">"),
                format!("</a></h{n}>\n"),
            )
        };
        self.events[open.start] = Event::Html(CowStr::from(start));
        self.events.push(Event::Html(CowStr::from(close)));
        if n <= 3 {
            self.sections.push(Section {
                anchor: id,
                heading: text,
                text: String::new(),
            });
        } else if let Some(section) = self.sections.last_mut() {
            space(&mut section.text);
            section.text.push_str(&text);
            section.text.push(' ');
        }
    }

    /// Opens a code block (a `draft` block gets its own class).
    fn start_code_block(&mut self, kind: &CodeBlockKind<'_>) {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info
                .split(|c: char| c.is_whitespace() || c == ',')
                .next()
                .unwrap_or_default()
                .to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let open = if lang == "draft" {
            "<pre class=\"draft\" tabindex=\"0\"><code class=\"language-draft\">".to_string()
        } else if lang.is_empty() {
            "<pre tabindex=\"0\"><code>".to_string()
        } else {
            format!(
                "<pre tabindex=\"0\"><code class=\"language-{}\">",
                escape_attr(&lang)
            )
        };
        if let Some(t) = self.section_text() {
            space(t);
        }
        self.in_code_block = true;
        self.events.push(Event::Html(CowStr::from(open)));
    }

    /// Text and inline code: into the heading or the search section, and
    /// a rule id in code outside links becomes a rule-name code span.
    fn text(&mut self, event: Event<'a>) {
        let (Event::Text(t) | Event::Code(t)) = &event else {
            return;
        };
        if let Some(h) = self.heading.as_mut() {
            h.text.push_str(t);
        } else {
            let in_code_block = self.in_code_block;
            if let Some(s) = self.section_text() {
                if in_code_block && t.contains('`') {
                    push_text(s, &t.replace('`', ""));
                } else {
                    push_text(s, t);
                }
            }
        }
        let rule_like = matches!(event, Event::Code(_))
            && self.links == 0
            && self.heading.is_none()
            && t.contains('-')
            && crate::rules::rule::is_rule_id(t);
        if rule_like {
            let html = format!("{RULE_CODE}{t}</code>");
            self.events.push(Event::Html(CowStr::from(html)));
        } else {
            self.events.push(event);
        }
    }

    /// The page's HTML, its search sections (the empty lead section
    /// dropped) and what the outline needs.
    fn finish(self, len: usize) -> Rendered {
        let mut html = String::with_capacity(len * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        let mut sections = self.sections;
        for s in &mut sections {
            let trimmed = s.text.trim_end().len();
            s.text.truncate(trimmed);
        }
        if sections.len() > 1 && sections[0].text.is_empty() {
            sections.remove(0);
        }
        Rendered {
            html,
            sections,
            h1_count: self.h1_count,
            headings: self.headings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: MarkdownOptions = MarkdownOptions {
        smart_punctuation: true,
        definition_lists: true,
        admonitions: true,
    };

    #[test]
    fn ids_follow_mdbook() {
        assert_eq!(
            normalize_id("Hello, World! It's 9 AM"),
            "hello-world-its-9-am"
        );
        assert_eq!(normalize_id("Dear Ms. Okafor"), "dear-ms-okafor");
        let r = render("# A\n\n## A\n\n## A\n", "", OPTS);
        assert!(r.html.contains("id=\"a\""));
        assert!(r.html.contains("id=\"a-1\""));
        assert!(r.html.contains("id=\"a-2\""));
    }

    #[test]
    fn links_resolve() {
        assert_eq!(
            resolve_link("", "timing.md#when").as_deref(),
            Some("timing.html#when")
        );
        assert_eq!(resolve_link("sub/", "../a.md").as_deref(), Some("a.html"));
        assert_eq!(resolve_link("", "../a.md"), None);
        assert_eq!(resolve_link("", "https://example.com/a.md"), None);
        assert_eq!(resolve_link("", "#x"), None);
        assert_eq!(resolve_link("", "img/a.png").as_deref(), Some("img/a.png"));
    }

    #[test]
    fn rule_ids_in_code_become_links() {
        let r = render(
            "Flags `casual-greeting`, `no-such-rule` and [`casual-greeting`](x.md).\n",
            "",
            OPTS,
        );
        let html = link_rule_ids(&r.html, |id| id == "casual-greeting");
        assert!(html.contains(&format!("<a class=\"rule-link\" href=\"{ROOT}rules/casual-greeting.html\"><code>casual-greeting</code></a>")));
        assert!(html.contains("<code>no-such-rule</code>"));
        assert_eq!(
            html.matches("rule-link").count(),
            1,
            "not inside another link"
        );
        assert_eq!(
            r.sections[0].text,
            "Flags casual-greeting, no-such-rule and casual-greeting."
        );
    }

    #[test]
    fn long_chapters_get_an_outline_after_the_title() {
        let md = "# Title\n\nIntro.\n\n## One\n\n## Two `code`\n\n### Deeper\n\n## Three & more\n\n## Four\n";
        let r = render(md, "", OPTS);
        let texts: Vec<&str> = r.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["One", "Two code", "Three & more", "Four"]);
        let outline = outline_html(&r.headings).unwrap_or_default();
        assert!(
            outline.contains("<a href=\"#two-code\">Two code</a>"),
            "{outline}"
        );
        assert!(outline.contains("Three &amp; more"), "{outline}");
        assert!(!outline.contains("deeper"), "level 2 only");
        let page = insert_outline(&r.html, &outline);
        let title = page.find("</h1>").unwrap_or(usize::MAX);
        let nav = page.find("<nav class=\"page-outline\"").unwrap_or(0);
        let intro = page.find("Intro.").unwrap_or(0);
        assert!(title < nav && nav < intro, "{page}");
        assert!(insert_outline("<p>x</p>", "<nav></nav>").starts_with("<nav>"));
        let short = render("# T\n\n## A\n\n## B\n\n## C\n", "", OPTS);
        assert_eq!(outline_html(&short.headings), None);
    }

    #[test]
    fn code_blocks_reach_the_search_index_without_backticks() {
        let r = render(
            "Before.\n\n```text\nerror: `[your name]` left in\n```\n",
            "",
            OPTS,
        );
        assert_eq!(r.sections[0].text, "Before. error: [your name] left in");
        assert!(r.html.contains("`[your name]`"), "the page keeps them");
    }

    #[test]
    fn plain_text_drops_markdown() {
        assert_eq!(
            plain_text("greet them as `Dear Ms. Okafor,` *today*", OPTS),
            "greet them as Dear Ms. Okafor, today"
        );
    }

    #[test]
    fn drafts_are_code() {
        let r = render("```draft\nDear <Ms. Lee>,\n```\n", "", OPTS);
        assert!(r.html.contains("<pre class=\"draft\" tabindex=\"0\"><code class=\"language-draft\">Dear &lt;Ms. Lee&gt;,"));
    }

    #[test]
    fn sections_split_on_headings() {
        let r = render(
            "Intro text.\n\n# Title\n\nOne two.\n\n## Sub part\n\nThree *four*.\n",
            "",
            OPTS,
        );
        let names: Vec<_> = r
            .sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("", "Intro text."),
                ("title", "One two."),
                ("sub-part", "Three four.")
            ]
        );
        assert_eq!(r.h1_count, 1);
    }
}
