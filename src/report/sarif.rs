//! The `sarif` format: SARIF 2.1.0, the static-analysis results format
//! code-scanning services read (one run; the rules of the run with their
//! summaries and handbook pages; each diagnostic with its place and fix;
//! files that could not be linted as tool notifications).

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Context, Reporter};
use crate::engine::linter::{LintedFile, Linter};
use crate::rules::level::Level;
use crate::text::edit::Fix;
use crate::text::lines::Position;

/// The schema a SARIF 2.1.0 log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A SARIF log.
#[derive(Debug, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Columns count Unicode characters, as followup's do.
    column_kind: &'static str,
    results: Vec<ResultEntry>,
    invocations: Vec<Invocation>,
}

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: String,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    short_description: Text,
    help: Text,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
struct Text {
    text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultEntry {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Debug, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Debug, Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Debug, Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Suggestion => "note",
    }
}

/// A path as a relative URI reference: `/` separators, and every byte
/// outside the unreserved set and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn fix_of(fix: &Fix, path: &str) -> SarifFix {
    SarifFix {
        description: Text {
            text: format!("{} ({})", fix.title, fix.applicability.as_str()),
        },
        artifact_changes: vec![ArtifactChange {
            artifact_location: ArtifactLocation { uri: uri(path) },
            replacements: fix
                .edits
                .iter()
                .map(|e| Replacement {
                    deleted_region: Region {
                        byte_offset: e.span.start,
                        byte_length: e.span.len(),
                        ..Region::default()
                    },
                    inserted_content: Text {
                        text: e.replacement.clone(),
                    },
                })
                .collect(),
        }],
    }
}

/// The SARIF log of one run.
pub fn sarif_document(files: &[LintedFile], linter: &Linter) -> Log {
    let rules: Vec<_> = linter
        .catalog()
        .rules()
        .filter_map(|r| Some((r, linter.level_of(r)?)))
        .collect();
    let descriptors = rules
        .iter()
        .map(|(rule, level_now)| ReportingDescriptor {
            id: rule.id.clone(),
            short_description: Text {
                text: rule.summary.clone(),
            },
            help: Text {
                text: rule.help.clone(),
            },
            help_uri: linter.rule_url(&rule.id),
            default_configuration: Configuration {
                level: level(*level_now),
            },
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in files {
        if let Some(err) = &file.error {
            let (line, column) = err.line_col().unzip();
            notifications.push(Notification {
                level: "error",
                message: Text {
                    text: format!("{} [{}]", err.message, err.kind),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: uri(&err.path),
                        },
                        region: line.map(|_| Region {
                            start_line: line,
                            start_column: column,
                            ..Region::default()
                        }),
                    },
                }],
            });
        }
        let Some(doc) = &file.document else { continue };
        let offsets: Vec<usize> = file
            .diagnostics
            .iter()
            .flat_map(|d| [d.span.start, d.span.end])
            .collect();
        let positions: Vec<Position> = doc.lines.positions(doc.text(), &offsets);
        for (d, pair) in file.diagnostics.iter().zip(positions.chunks(2)) {
            let (start, end) = match pair {
                [start, end] => (*start, *end),
                _ => continue,
            };
            let rule_index = rules.iter().position(|(r, _)| r.id == d.rule).unwrap_or(0);
            results.push(ResultEntry {
                rule_id: d.rule.clone(),
                rule_index,
                level: level(d.level),
                message: Text {
                    text: d.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: uri(&file.path),
                        },
                        region: Some(Region {
                            start_line: Some(start.line),
                            start_column: Some(start.column),
                            end_line: Some(end.line),
                            end_column: Some(end.column),
                            byte_offset: d.span.start,
                            byte_length: d.span.len(),
                        }),
                    },
                }],
                fixes: d.fix.iter().map(|f| fix_of(f, &file.path)).collect(),
            });
        }
    }
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "followup",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: linter.page_url(""),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
            invocations: vec![Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
        }],
    }
}

/// The `sarif` format.
pub(crate) struct SarifReporter;

impl Reporter for SarifReporter {
    fn name(&self) -> &'static str {
        "sarif"
    }

    fn description(&self) -> &'static str {
        "SARIF 2.1.0, for code-scanning services"
    }

    fn report(
        &self,
        out: &mut dyn WriteColor,
        files: &[LintedFile],
        context: &Context<'_>,
    ) -> io::Result<()> {
        let log = sarif_document(files, context.linter);
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("drafts/thank you.md"), "drafts/thank%20you.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("a\\b.md"), "a/b.md");
    }
}
