//! Running the rules over drafts: per-document checks in parallel, then the
//! cross-file similarity check, with levels from the config applied.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::checks::{Env, Finding, Similarity, find_duplicates};
use crate::draft::dates::Moment;
use crate::draft::document::Document;
use crate::engine::diagnostic::Diagnostic;
use crate::rules::catalog::Catalog;
use crate::rules::level::{Level, Setting};
use crate::rules::rule::Rule;
use crate::text::edit::{Applicability, Edit, Fix};
use crate::text::error::{ErrorKind, FileError};
use crate::text::source::SourceFile;

/// Where the handbook lives when nothing else is configured.
pub const DEFAULT_HANDBOOK_URL: &str = "https://followup.github.io/handbook/";

/// Runs with fewer drafts than this lint them on the calling thread.
const PARALLEL_FROM: usize = 8;

/// A draft's outcome: its parsed document and diagnostics, or the error
/// that stopped it.
#[derive(Debug)]
pub struct LintedFile {
    /// The path as given.
    pub path: String,
    /// The parsed draft, when it could be read.
    pub document: Option<Document>,
    /// Diagnostics, sorted by position then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the draft could not be linted.
    pub error: Option<FileError>,
    /// Diagnostics past [`crate::engine::diagnostic::MAX_PER_RULE`] for a rule, counted instead of kept.
    pub omitted: Vec<crate::engine::diagnostic::Omitted>,
}

/// Lints drafts with a catalog of rules and the run's settings.
#[derive(Debug, Clone)]
pub struct Linter {
    catalog: Arc<Catalog>,
    levels: BTreeMap<String, Setting>,
    /// `--today`, or the current time once a date rule asks for it.
    today: Arc<std::sync::OnceLock<Moment>>,
    handbook_url: String,
    closings: Vec<String>,
    non_names: Vec<String>,
    /// Words the user accepts (config `[spelling] words`).
    words: Vec<String>,
    /// The spellings that count (config `[spelling] dialect`).
    dialect: crate::text::dictionary::Dialect,
}

impl Linter {
    /// A linter with every rule at its default level, dated now.
    pub fn new(catalog: Catalog) -> Self {
        let closings = catalog.closings();
        let non_names = catalog.non_names();
        Linter {
            catalog: Arc::new(catalog),
            levels: BTreeMap::new(),
            today: Arc::new(std::sync::OnceLock::new()),
            handbook_url: DEFAULT_HANDBOOK_URL.to_string(),
            closings,
            non_names,
            words: Vec::new(),
            dialect: crate::text::dictionary::Dialect::Both,
        }
    }

    /// The built-in rules, as shipped.
    pub fn builtin() -> Result<Self, FileError> {
        Catalog::builtin().map(Linter::new)
    }

    /// Sets the date notes without `date:` are judged at.
    pub fn with_today(mut self, today: Moment) -> Self {
        self.today = Arc::new(std::sync::OnceLock::from(today));
        self
    }

    /// Sets the words the proofreading rules accept (names, jargon).
    pub fn with_words(mut self, words: Vec<String>) -> Self {
        self.words = words;
        self
    }

    /// Sets the spellings that count (American, British or both).
    pub fn with_dialect(mut self, dialect: crate::text::dictionary::Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// Sets rule levels (`off` removes a rule from the run).
    pub fn with_levels(mut self, levels: BTreeMap<String, Setting>) -> Self {
        self.levels = levels;
        self
    }

    /// Sets the handbook's base URL (ends with `/`).
    pub fn with_handbook_url(mut self, url: &str) -> Self {
        self.handbook_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        self
    }

    /// A page of the handbook (`timing.html#within-24-hours`).
    pub fn page_url(&self, page: &str) -> String {
        format!("{}{page}", self.handbook_url)
    }

    /// The rules in this run.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The handbook page of a rule.
    pub fn rule_url(&self, id: &str) -> String {
        format!("{}rules/{id}.html", self.handbook_url)
    }

    /// The level a rule runs at, or `None` when it is off.
    pub fn level_of(&self, rule: &Rule) -> Option<Level> {
        match self.levels.get(&rule.id) {
            Some(Setting::Off) => None,
            Some(Setting::On(level)) => Some(*level),
            None => Some(rule.level),
        }
    }

    /// Compiles every active rule's patterns, in parallel.
    pub fn warm(&self) {
        let rules: Vec<&Arc<Rule>> = self
            .catalog
            .rules()
            .filter(|r| self.level_of(r).is_some())
            .collect();
        rayon::join(
            || rules.par_iter().for_each(|r| r.check.warm()),
            crate::draft::infer::warm,
        );
    }

    /// Parses a draft with this run's vocabulary.
    pub fn parse(&self, source: SourceFile) -> Result<Document, FileError> {
        Document::parse(source, &self.closings)
    }

    fn active(&self, doc: &Document) -> impl Iterator<Item = (&Arc<Rule>, Level)> {
        self.catalog.rules().filter_map(move |rule| {
            let level = self.level_of(rule)?;
            (rule.applies_to(doc.kind) && !doc.disabled.contains(&rule.id)).then_some((rule, level))
        })
    }

    /// Runs every single-document rule on `doc`. When the inferred kind is
    /// unsure, a diagnostic is kept only if linting the draft as each kind
    /// still open reports it too: its rule applies to every open kind, and
    /// a check that depends on the kind reports the draft under each.
    pub fn lint_document(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut kept = self.lint_as(doc, doc.kind);
        let open = doc.open_kinds();
        if open.len() < 2 {
            return kept;
        }
        kept.retain(|d| {
            self.catalog
                .get(&d.rule)
                .is_some_and(|rule| open.iter().all(|k| rule.applies_to(*k)))
        });
        for &other in open.iter().filter(|k| **k != doc.kind) {
            let env = self.env(other);
            for (rule, _) in self.active(doc) {
                if !rule.check.depends_on_kind() || !kept.iter().any(|d| d.rule == rule.id) {
                    continue;
                }
                // These checks report the note as a whole (a missing part, a
                // length), once: the draft is reported if the other kind
                // reports it too, though a limit may put the span elsewhere.
                let theirs = rule.check.run(doc, &env);
                kept.retain(|d| d.rule != rule.id || !theirs.is_empty());
            }
        }
        kept
    }

    fn env(&self, kind: crate::draft::kind::NoteKind) -> Env<'_> {
        Env {
            today: &self.today,
            non_names: &self.non_names,
            kind,
            words: &self.words,
            dialect: self.dialect,
            scan: std::cell::OnceCell::new(),
        }
    }

    /// Runs every single-document rule on `doc` as a note of `kind`.
    fn lint_as(&self, doc: &Document, kind: crate::draft::kind::NoteKind) -> Vec<Diagnostic> {
        let env = self.env(kind);
        let mut out = Vec::new();
        for (rule, level) in self.active(doc) {
            for finding in rule.check.run(doc, &env) {
                out.push(self.diagnostic(rule, level, doc, finding));
            }
        }
        sort(&mut out);
        out
    }

    fn diagnostic(
        &self,
        rule: &Rule,
        level: Level,
        doc: &Document,
        finding: Finding,
    ) -> Diagnostic {
        let fix = rule
            .fix
            .as_ref()
            .and_then(|f| f.for_finding(doc, &finding))
            .or_else(|| {
                // A rule with suggestions and no fix of its own offers the
                // likeliest one as a guess.
                let first = finding.suggestions.first()?;
                Some(Fix {
                    title: format!("write `{first}`"),
                    applicability: Applicability::Guess,
                    edits: vec![Edit {
                        span: finding.span.clone(),
                        replacement: first.clone(),
                    }],
                })
            });
        let message = crate::rules::message::fill(
            finding.message.as_deref().unwrap_or(&rule.message),
            &finding.vars,
        );
        let help = crate::rules::message::fill(
            finding.help.as_deref().unwrap_or(&rule.help),
            &finding.vars,
        );
        Diagnostic {
            rule: rule.id.clone(),
            level,
            message,
            help,
            span: finding.span.clone(),
            url: self.rule_url(&rule.id),
            fix,
            suggestions: finding
                .suggestions
                .iter()
                .map(|s| Edit {
                    span: finding.span.clone(),
                    replacement: s.clone(),
                })
                .collect(),
        }
    }

    /// Parses and lints one draft on its own (no cross-file rules), on the
    /// calling thread.
    pub fn lint_one(&self, input: Result<SourceFile, FileError>) -> LintedFile {
        match input.and_then(|source| self.parse(source)) {
            Ok(doc) => self.lint_parsed(doc),
            Err(err) => LintedFile {
                path: err.path.clone(),
                document: None,
                diagnostics: Vec::new(),
                error: Some(err),
                omitted: Vec::new(),
            },
        }
    }

    /// Lints a parsed draft on its own (no cross-file rules), capping each
    /// rule's diagnostics.
    pub fn lint_parsed(&self, doc: Document) -> LintedFile {
        let mut diagnostics = self.lint_document(&doc);
        let omitted = crate::engine::diagnostic::cap_per_rule(&mut diagnostics);
        LintedFile {
            path: doc.source.path.clone(),
            diagnostics,
            document: Some(doc),
            error: None,
            omitted,
        }
    }

    /// Parses and lints drafts (in parallel when there are several), then
    /// compares them with each other; results keep the input order.
    pub fn lint_all(&self, inputs: Vec<Result<SourceFile, FileError>>) -> Vec<LintedFile> {
        let lint_one = |input: Result<SourceFile, FileError>| {
            let path = match &input {
                Ok(source) => source.path.clone(),
                Err(err) => err.path.clone(),
            };
            // A bug on one draft is that draft's error; the others go on.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.lint_one(input)))
                .unwrap_or_else(|_| LintedFile {
                    error: Some(
                        FileError::new(&path, "followup failed on this draft (an internal error)")
                            .with_kind(ErrorKind::Internal)
                            .with_note("please report it with the draft, if you can share it"),
                    ),
                    path,
                    document: None,
                    diagnostics: Vec::new(),
                    omitted: Vec::new(),
                })
        };
        let mut files: Vec<LintedFile> = if inputs.len() < PARALLEL_FROM {
            // Starting worker threads would cost more than it saves.
            inputs.into_iter().map(lint_one).collect()
        } else {
            self.warm();
            inputs.into_par_iter().map(lint_one).collect()
        };
        self.cross_check(&mut files);
        files
    }

    /// Runs cross-file (`similarity`) rules over the linted files.
    pub fn cross_check(&self, files: &mut [LintedFile]) {
        let rules: Vec<(&Arc<Rule>, f64)> = self
            .catalog
            .rules()
            .filter(|r| self.level_of(r).is_some())
            .filter_map(|r| Some((r, r.check.downcast::<Similarity>()?.threshold)))
            .collect();
        if rules.is_empty() || files.len() < 2 {
            return;
        }
        let indexed: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].document.is_some())
            .collect();
        let bodies: Vec<Vec<u64>> = indexed
            .par_iter()
            .map(|&i| {
                files[i]
                    .document
                    .as_ref()
                    .map(crate::checks::similarity_words)
                    .unwrap_or_default()
            })
            .collect();
        for (rule, threshold) in rules {
            let Some(level) = self.level_of(rule) else {
                continue;
            };
            for dup in find_duplicates(&bodies, threshold) {
                let (later, earlier) = (indexed[dup.later], indexed[dup.earlier]);
                let other = files[earlier].path.clone();
                let file = &mut files[later];
                let Some(doc) = &file.document else { continue };
                if !rule.applies_to(doc.kind) || doc.disabled.contains(&rule.id) {
                    continue;
                }
                let finding = Finding::at(first_body_sentence(doc))
                    .var("other", other)
                    .var("percent", format!("{:.0}", dup.ratio * 100.0));
                let diagnostic = self.diagnostic(rule, level, doc, finding);
                file.diagnostics.push(diagnostic);
                sort(&mut file.diagnostics);
            }
        }
    }
}

fn first_body_sentence(doc: &Document) -> std::ops::Range<usize> {
    let prose = &doc.prose;
    prose
        .sentences
        .iter()
        .map(|s| prose.source_range(s.clone()))
        .find(|r| r.start >= doc.body_window.start)
        .unwrap_or_else(|| doc.missing_span())
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::infer::Inference;
    use crate::draft::kind::NoteKind;

    fn rules_of(diagnostics: &[Diagnostic]) -> Vec<&str> {
        diagnostics.iter().map(|d| d.rule.as_str()).collect()
    }

    /// A thank-you note with no offer and 230 body words: `missing-offer`
    /// holds only for a thank-you, `too-long` for every kind.
    fn unsure(open: Vec<NoteKind>) -> Vec<String> {
        let linter = Linter::builtin().unwrap_or_else(|e| panic!("{e}"));
        let body = "I enjoyed hearing about the new clinic you mentioned. ".repeat(25);
        let text = format!(
            "Dear Ms. Lee,\n\nThank you for the interview. {body}I am very interested in the role.\n\nBest regards,\nAl Ng\n"
        );
        let mut doc = linter
            .parse(SourceFile::new("t.md", text))
            .unwrap_or_else(|e| panic!("{e}"));
        doc.kind = open[0];
        doc.inference = Some(Inference {
            kind: open[0],
            open,
            confidence: 0.5,
            evidence: Vec::new(),
        });
        rules_of(&linter.lint_document(&doc))
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn an_unsure_kind_reports_only_what_holds_under_every_open_kind() {
        let sure = unsure(vec![NoteKind::ThankYou]);
        assert!(sure.contains(&"missing-offer".to_string()), "{sure:?}");
        assert!(sure.contains(&"too-long".to_string()), "{sure:?}");
        let open = unsure(vec![NoteKind::ThankYou, NoteKind::RejectionReply]);
        assert!(!open.contains(&"missing-offer".to_string()), "{open:?}");
        assert!(open.contains(&"too-long".to_string()), "{open:?}");
        // Over 200 words for a thank-you but not over 250 for a recovery note.
        let open = unsure(vec![NoteKind::ThankYou, NoteKind::Recovery]);
        assert!(!open.contains(&"too-long".to_string()), "{open:?}");
    }
}
