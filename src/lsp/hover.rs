//! Hover: on a diagnostic's range, the rule's summary, rationale and
//! handbook link.

use std::collections::BTreeSet;
use std::fmt::Write;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::{Analysis, Finding};
use super::documents::OpenDocument;
use super::position;

/// The hover at `pos`, when a diagnostic covers it.
pub(crate) fn hover(doc: &OpenDocument, analysis: &Analysis, pos: Position) -> Option<Hover> {
    let offset = position::offset(&analysis.lines, &doc.text, pos);
    let mut seen = BTreeSet::new();
    let under: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            let span = &f.diagnostic.span;
            span.start <= offset && offset <= span.end.max(span.start)
        })
        .filter(|f| seen.insert(f.diagnostic.rule.as_str()))
        .collect();
    let Some(first) = under.first() else {
        // Off any diagnostic, the first line tells how the kind was decided.
        let kind = analysis.kind.as_ref().filter(|_| pos.line == 0)?;
        return Some(markdown(format!("**Kind:** {kind}"), None));
    };
    let mut value = String::new();
    for (i, finding) in under.iter().enumerate() {
        if i > 0 {
            value.push_str("\n\n---\n\n");
        }
        explain(&mut value, finding);
    }
    if let Some(kind) = &analysis.kind {
        let _ = write!(value, "\n\n---\n\n**Kind:** {kind}");
    }
    Some(markdown(value, Some(first.lsp.range)))
}

fn markdown(value: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

fn explain(out: &mut String, finding: &Finding) {
    let d = &finding.diagnostic;
    let _ = writeln!(out, "**{}** ({})", d.rule, d.level);
    if let Some(rule) = &finding.rule {
        let _ = writeln!(out, "\n{}", rule.summary.trim());
        let _ = writeln!(out, "\n{}", rule.rationale.trim());
    }
    let _ = writeln!(out, "\n**How to fix it:** {}", d.help.trim());
    let _ = write!(out, "\n[Read `{}` in the handbook]({})", d.rule, d.url);
}
