//! The generated rule reference: one page per rule, with the linter's real
//! output for each example, and an index table.

use std::collections::HashMap;

use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;

use super::html::escape_html;
use super::markdown::{self, MarkdownOptions, ROOT, Section};
use super::theme::Theme;
use crate::draft::kind::NoteKind;
use crate::engine::examples;
use crate::engine::linter::Linter;
use crate::rules::rule::{Example, Rule};
use crate::text::error::{ErrorKind, FileError};

/// The folder of the generated pages.
pub(crate) const DIR: &str = "rules/";

/// A generated page, before the layout is applied.
pub(crate) struct GeneratedPage {
    pub(crate) key: String,
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) sections: Vec<Section>,
    /// The rule id, for rule pages.
    pub(crate) rule: Option<String>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct Draft {
    name: String,
    text: String,
}

#[derive(Serialize)]
struct ExampleCtx {
    note: Option<Value>,
    drafts: Vec<Draft>,
    today: Option<String>,
    output: Value,
}

#[derive(Serialize)]
struct RuleCtx {
    id: String,
    url: String,
    level: &'static str,
    kinds: Vec<&'static str>,
    all_kinds: bool,
    summary: Value,
    message: Value,
    help: Value,
    fix: Option<Value>,
    rationale: Value,
    guide: Option<Link>,
    bad: Vec<ExampleCtx>,
    good: Vec<ExampleCtx>,
}

/// Escapes the linter's output and turns its rule links into site links.
fn output_html(text: &str, linter: &Linter) -> String {
    let escaped = escape_html(text);
    let base = linter.rule_url("");
    let base = escape_html(base.strip_suffix(".html").unwrap_or(&base));
    let mut out = String::with_capacity(escaped.len() + 64);
    let mut rest = escaped.as_str();
    while let Some(i) = rest.find(&base) {
        let after = &rest[i + base.len()..];
        let id_len = after
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
            .count();
        if id_len > 0 && after[id_len..].starts_with(".html") {
            let id = &after[..id_len];
            let shown = &rest[i..i + base.len() + id_len + 5];
            out.push_str(&rest[..i]);
            out.push_str(&format!("<a href=\"{ROOT}{DIR}{id}.html\">{shown}</a>"));
            rest = &after[id_len + 5..];
        } else {
            out.push_str(&rest[..i + base.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn kinds(rule: &Rule) -> (Vec<&'static str>, bool) {
    (
        rule.kinds.iter().map(|k| k.as_str()).collect(),
        rule.kinds.len() == NoteKind::ALL.len(),
    )
}

fn inline(text: &str, options: MarkdownOptions) -> Value {
    Value::from_safe_string(markdown::inline(text, options))
}

/// Whether `name` can be a slot the linter fills in a message (`{name}`,
/// `{match}`): a lowercase word, with `_` between parts.
fn is_slot_name(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Shows each `{name}` slot of a rendered message or help as a readable
/// slot (`<var class="slot">name</var>`) instead of raw braces. `{{…}}`
/// (a placeholder the message quotes) is left as it is.
pub(crate) fn slots_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let slot = after
            .find('}')
            .map(|close| &after[..close])
            .filter(|name| is_slot_name(name) && !rest[..open].ends_with('{'));
        match slot {
            Some(name) if !after[name.len() + 1..].starts_with('}') => {
                out.push_str(&rest[..open]);
                out.push_str(&format!(
                    "<var class=\"slot\" title=\"filled in from your draft\">{name}</var>"
                ));
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message or help text for a rule page: Markdown, with slots shown.
fn with_slots(text: &str, options: MarkdownOptions) -> Value {
    Value::from_safe_string(slots_html(&markdown::inline(text, options)))
}

fn example_ctx(
    linter: &Linter,
    rule: &Rule,
    example: &Example,
    fires: bool,
    options: MarkdownOptions,
) -> ExampleCtx {
    let count = example.drafts.len();
    let output = if fires {
        Value::from_safe_string(output_html(
            &crate::report::examples::render_diagnostics(linter, rule, example),
            linter,
        ))
    } else {
        Value::from(())
    };
    ExampleCtx {
        note: example.note.as_deref().map(|n| inline(n, options)),
        drafts: example
            .drafts
            .iter()
            .enumerate()
            .map(|(i, d)| Draft {
                name: examples::example_name(i, count),
                text: d.clone(),
            })
            .collect(),
        today: example.today.clone(),
        output,
    }
}

/// Renders the index and one page per rule. `guides` maps chapter source
/// paths to (title, page). Returns the pages and warnings (a rule naming a
/// guide chapter the book lacks, when `warn_missing_guides`).
pub(crate) fn pages(
    theme: &Theme,
    linter: &Linter,
    guides: &HashMap<String, (String, String)>,
    options: MarkdownOptions,
    warn_missing_guides: bool,
) -> Result<(Vec<GeneratedPage>, Vec<FileError>), Vec<FileError>> {
    let rules: Vec<&std::sync::Arc<Rule>> = linter.catalog().rules().collect();
    let results: Vec<Result<(GeneratedPage, Option<FileError>), FileError>> = rules
        .par_iter()
        .map(|rule| {
            let rationale = markdown::render(&rule.rationale, "", options);
            let mut warning = None;
            let guide = rule.guide.as_ref().and_then(|g| {
                let found = guides
                    .get(g.trim_start_matches("./"))
                    .map(|(title, page)| Link {
                        title: title.clone(),
                        url: format!("{ROOT}{page}"),
                    });
                if found.is_none() && warn_missing_guides {
                    warning = Some(FileError::new(
                        rule.path.as_str(),
                        format!(
                            "rule `{}` names guide chapter `{g}`, which SUMMARY.md does not list",
                            rule.id
                        ),
                    )
.with_kind(ErrorKind::Book)
                    .with_note("add the chapter to SUMMARY.md or fix `guide:` in the rule file"));
                }
                found
            });
            let (kinds, all_kinds) = kinds(rule);
            let ctx = RuleCtx {
                id: rule.id.clone(),
                url: format!("{ROOT}{DIR}{}.html", rule.id),
                level: rule.level.as_str(),
                kinds,
                all_kinds,
                summary: inline(&rule.summary, options),
                message: with_slots(&rule.message, options),
                help: with_slots(&rule.help, options),
                fix: rule.fix.as_ref().map(|f| inline(f.title(), options)),
                rationale: Value::from_safe_string(rationale.html.clone()),
                guide,
                bad: rule
                    .bad
                    .iter()
                    .map(|e| example_ctx(linter, rule, e, true, options))
                    .collect(),
                good: rule
                    .good
                    .iter()
                    .map(|e| example_ctx(linter, rule, e, false, options))
                    .collect(),
            };
            let body = theme.render(
                "rule.html",
                minijinja::context! { rule => ctx, root => ROOT },
            )?;
            let mut text = format!(
                "{}: {} {}",
                rule.id,
                markdown::plain_text(&rule.summary, options),
                markdown::plain_text(&rule.help, options)
            );
            for s in &rationale.sections {
                text.push(' ');
                text.push_str(&s.text);
            }
            let page = GeneratedPage {
                key: format!("{DIR}{}.html", rule.id),
                title: rule.id.clone(),
                body,
                sections: vec![Section {
                    anchor: String::new(),
                    heading: String::new(),
                    text,
                }],
                rule: Some(rule.id.clone()),
            };
            Ok((page, warning))
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len() + 1);
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((page, warning)) => {
                pages.push(page);
                warnings.extend(warning);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        url: String,
        level: &'static str,
        kinds: Vec<&'static str>,
        all_kinds: bool,
        summary: Value,
        fixable: bool,
    }
    let rows: Vec<Row<'_>> = rules
        .iter()
        .map(|r| {
            let (kinds, all_kinds) = kinds(r);
            Row {
                id: &r.id,
                url: format!("{ROOT}{DIR}{}.html", r.id),
                level: r.level.as_str(),
                kinds,
                all_kinds,
                summary: inline(&r.summary, options),
                fixable: r.fix.is_some(),
            }
        })
        .collect();
    let body = theme
        .render(
            "rules-index.html",
            minijinja::context! { rules => rows, root => ROOT },
        )
        .map_err(|e| vec![e])?;
    let text = rules
        .iter()
        .map(|r| format!("{}: {}", r.id, markdown::plain_text(&r.summary, options)))
        .collect::<Vec<_>>()
        .join(" ");
    pages.insert(
        0,
        GeneratedPage {
            key: format!("{DIR}index.html"),
            title: "Rule index".to_string(),
            body,
            sections: vec![Section {
                anchor: String::new(),
                heading: String::new(),
                text,
            }],
            rule: None,
        },
    );
    Ok((pages, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_shown_as_slots() {
        assert_eq!(
            slots_html("by first name only (<code>{name}</code>)"),
            "by first name only (<code><var class=\"slot\" title=\"filled in from your draft\">name</var></code>)"
        );
        assert_eq!(
            slots_html("{count} {unit}; keep it under {limit}")
                .matches("<var")
                .count(),
            3
        );
        for literal in [
            "{{first_name}}",
            "{ not a slot }",
            "{Company}",
            "a { b",
            "x}",
        ] {
            assert_eq!(slots_html(literal), literal);
        }
    }
}
