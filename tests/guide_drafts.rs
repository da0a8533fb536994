//! Every complete model note in the handbook (```` ```draft ```` blocks in
//! guides/) lints clean, alone and together.

use followup::draft::dates::Moment;
use followup::{Linter, SourceFile};

fn drafts() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guides");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
    {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut block: Option<(usize, String)> = None;
        for (n, line) in text.lines().enumerate() {
            match &mut block {
                None if line.trim_start().starts_with("```draft") => {
                    block = Some((n + 1, String::new()))
                }
                Some((start, body)) if line.trim_start().starts_with("```") => {
                    let name = format!(
                        "{}:{start}",
                        path.file_name().and_then(|f| f.to_str()).unwrap_or("?")
                    );
                    out.push((name, std::mem::take(body)));
                    block = None;
                }
                Some((_, body)) => {
                    body.push_str(line);
                    body.push('\n');
                }
                None => {}
            }
        }
    }
    out
}

fn linter() -> Linter {
    Linter::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .with_today(Moment::parse("2026-11-21T12:00").unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn every_guide_draft_lints_clean() {
    let drafts = drafts();
    assert!(
        drafts.len() >= 6,
        "the templates chapter has a model note for each kind"
    );
    let linter = linter();
    for (name, draft) in &drafts {
        let files = linter.lint_all(vec![Ok(SourceFile::new(name.clone(), draft.as_str()))]);
        let file = &files[0];
        assert!(file.error.is_none(), "{name}: {:?}", file.error);
        let found: Vec<String> = file
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        assert!(
            found.is_empty(),
            "{name} should lint clean:\n{}\n{draft}",
            found.join("\n")
        );
    }
    let together = linter.lint_all(
        drafts
            .iter()
            .map(|(n, d)| Ok(SourceFile::new(n.clone(), d.as_str())))
            .collect(),
    );
    for file in together {
        assert!(
            file.diagnostics.is_empty(),
            "{}: {:?}",
            file.path,
            file.diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn templates_cover_every_kind() {
    let linter = linter();
    let mut kinds: Vec<String> = drafts()
        .iter()
        .filter(|(name, _)| name.starts_with("templates.md"))
        .filter_map(|(name, d)| linter.parse(SourceFile::new(name.clone(), d.as_str())).ok())
        .map(|doc| doc.kind.to_string())
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "check-in",
            "linkedin",
            "recovery",
            "rejection-reply",
            "thank-you",
            "withdrawal"
        ]
    );
}
