//! Code actions: each fixable diagnostic's fix as a quick fix, each
//! spelling suggestion as a quick fix of its own, and every fix in the
//! draft at once as `source.fixAll.followup` (suggestions are never in it).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::documents::OpenDocument;
use super::position;
use crate::text::edit::{Applicability, Edit};

/// The command that adds a word to the config's `[spelling] words`
/// (arguments: the word, the config file's path).
pub(crate) const ADD_WORD: &str = "followup.addWord";

/// The kind of the fix-everything action.
pub(crate) const FIX_ALL: &str = "source.fixAll.followup";

/// The actions for the requested range.
pub(crate) fn code_actions(
    doc: &OpenDocument,
    analysis: &Analysis,
    params: &CodeActionParams,
    config: Option<&std::path::Path>,
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let mut out = Vec::new();
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        for finding in &analysis.findings {
            if !position::touches(&finding.lsp.range, &params.range) {
                continue;
            }
            // Guesses (spelling suggestions): one action each, never preferred.
            for edit in &finding.diagnostic.suggestions {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!(
                        "change to `{}` ({})",
                        edit.replacement, finding.diagnostic.rule
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![finding.lsp.clone()]),
                    edit: Some(workspace_edit(doc, analysis, std::iter::once(edit))),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                }));
            }
            if let (Some(config), "misspelling") = (config, finding.diagnostic.rule.as_str()) {
                let word = doc
                    .text
                    .get(finding.diagnostic.span.clone())
                    .unwrap_or_default();
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!(
                        "add `{word}` to the word list in {}",
                        crate::engine::config::FILE_NAME
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![finding.lsp.clone()]),
                    command: Some(lsp_types::Command {
                        title: format!("add `{word}` to the word list"),
                        command: ADD_WORD.to_string(),
                        arguments: Some(vec![
                            serde_json::Value::from(word),
                            serde_json::Value::from(config.display().to_string()),
                        ]),
                    }),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                }));
            }
            let Some(fix) = &finding.diagnostic.fix else {
                continue;
            };
            if !finding.diagnostic.suggestions.is_empty() {
                // The guessed fix is the first suggestion, offered above.
                continue;
            }
            let edit = workspace_edit(doc, analysis, fix.edits.iter());
            let guess = fix.applicability == Applicability::Guess;
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: if guess {
                    format!("{} ({}, a guess)", fix.title, finding.diagnostic.rule)
                } else {
                    format!("{} ({})", fix.title, finding.diagnostic.rule)
                },
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![finding.lsp.clone()]),
                edit: Some(edit),
                // A guess is offered, never the one an editor applies on its own.
                is_preferred: Some(!guess),
                ..CodeAction::default()
            }));
        }
    }
    if wanted(only, FIX_ALL) {
        let mut edits: Vec<&Edit> = analysis
            .findings
            .iter()
            .filter_map(|f| f.diagnostic.fix.as_ref())
            // Fixing everything at once applies only what cannot be wrong.
            .filter(|fix| fix.applicability == Applicability::Safe)
            .flat_map(|fix| fix.edits.iter())
            .collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut end = 0;
        edits.retain(|e| {
            let keep = e.span.start >= end;
            if keep {
                end = e.span.end;
            }
            keep
        });
        if !edits.is_empty() {
            let edit = workspace_edit(doc, analysis, edits.into_iter());
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Apply every safe followup fix in this draft".to_string(),
                kind: Some(CodeActionKind::from(FIX_ALL.to_string())),
                edit: Some(edit),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// Whether an action of `kind` passes the client's `only` filter.
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            let k = k.as_str();
            kind == k || (kind.starts_with(k) && kind[k.len()..].starts_with('.'))
        }),
    }
}

// `WorkspaceEdit::changes` is keyed by `Uri`, whose parsed form clippy
// counts as interior mutability; its hash never changes.
#[allow(clippy::mutable_key_type)]
fn workspace_edit<'a>(
    doc: &OpenDocument,
    analysis: &Analysis,
    edits: impl Iterator<Item = &'a Edit>,
) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .map(|e| TextEdit {
            range: position::range(&analysis.lines, &doc.text, &e.span),
            new_text: e.replacement.clone(),
        })
        .collect();
    let mut changes = HashMap::new();
    changes.insert(doc.uri.clone(), edits);
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filter_matches_kind_prefixes() {
        let quickfix = [CodeActionKind::QUICKFIX];
        let source = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(None, FIX_ALL));
        assert!(wanted(Some(&quickfix), "quickfix"));
        assert!(!wanted(Some(&quickfix), FIX_ALL));
        assert!(wanted(Some(&source), FIX_ALL));
        assert!(!wanted(
            Some(&[CodeActionKind::from("source.fix".to_string())]),
            FIX_ALL
        ));
    }
}
