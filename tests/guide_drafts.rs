//! Every complete model note in the handbook (```` ```draft ```` blocks in
//! guides/) lints clean, alone and together; every model and skeleton of a
//! kind does what that kind's chapter asks, as far as a rule can tell.

use followup::draft::dates::Moment;
use followup::{Catalog, Linter, NoteKind, Rule, SourceFile};

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

/// A rule written for these tests: `yaml` is its file, `id` its name.
fn test_rule(id: &str, yaml: &str) -> Rule {
    Rule::load(&format!("rules/{id}.yaml"), yaml, false).unwrap_or_else(|e| panic!("{e}"))
}

/// The recovery and rejection-reply chapters ask for things no built-in rule
/// checks on those kinds, and the check-in chapter warns against something
/// no built-in rule catches. This linter adds those checks with the
/// linter's own machinery: `missing-offer` with its own patterns on every
/// kind, `keep-on-file` (the rejection-reply chapter's open door) and
/// `missed-date-reminder` (a check-in pointing at the date the reader gave).
fn chapter_linter() -> Linter {
    let mut catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    let offer = catalog
        .take("missing-offer")
        .unwrap_or_else(|| panic!("the catalog has missing-offer"));
    let mut offer = (*offer).clone();
    offer.kinds = NoteKind::ALL.to_vec();
    catalog.replace(offer);
    catalog.replace(test_rule(
        "keep-on-file",
        r#"
id: keep-on-file
level: warning
applies-to: [rejection-reply]
summary: The reply does not ask to be kept in mind or on file.
message: the reply never asks to be kept in mind for future roles
help: ask them to keep you in mind, or your CV on file
rationale: Replying to a rejection chapter, "Keep the door open".
check:
  type: required
  patterns:
    - '(keep|kept|bear) (me|my resume|my name|my details|my application|my CV) (in mind|on file|in your files)'
    - '(keep|have) (me|my name|my CV|my resume) (on|in) (your|the) (file|files|list|records)'
"#,
    ));
    catalog.replace(test_rule(
        "missed-date-reminder",
        r#"
id: missed-date-reminder
level: warning
applies-to: [check-in]
summary: The check-in reminds the reader of the date they gave.
message: "`{match}` reminds the reader of a date they missed"
help: ask for news without pointing at the date they gave
rationale: Checking in after the silence, "What to say".
check:
  type: phrases
  patterns:
    - 'you (expected|hoped|planned|wanted|said you would|said you''d|promised|told me you would) (to|) (make|reach|have|decide|announce|let me know|get back) ...'
    - 'you (expected|hoped|planned|promised) (a|the|your) (decision|answer|update)'
    - '(the|your) (decision|deadline) (date|) (has|had|was) (passed|gone by|come and gone)'
    - '(date|deadline|timeline) you (gave|mentioned|set|suggested) (has|had) (passed|gone by)'
    - '(by|before) (the end of|) last (week|month|monday|tuesday|wednesday|thursday|friday)'
"#,
    ));
    Linter::new(catalog)
        .with_today(Moment::parse("2026-11-21T12:00").unwrap_or_else(|e| panic!("{e}")))
}

/// The rules of `chapter_linter` that `text`, linted as `kind`, fires.
fn chapter_findings(linter: &Linter, name: &str, kind: NoteKind, text: &str) -> Vec<String> {
    let text = if text.starts_with("---") {
        text.to_string()
    } else {
        format!("---\nkind: {kind}\n---\n\n{text}")
    };
    let doc = linter
        .parse(SourceFile::new(name, text.as_str()))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(doc.kind, kind, "{name}");
    let wanted: &[&str] = match kind {
        NoteKind::CheckIn => &["missing-offer", "missed-date-reminder"],
        NoteKind::Recovery => &["missing-offer"],
        NoteKind::RejectionReply => &["keep-on-file"],
        _ => &[],
    };
    linter
        .lint_document(&doc)
        .into_iter()
        .filter(|d| wanted.contains(&d.rule.as_str()))
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect()
}

/// The closings the anatomy chapter's *Sign-off* section names
/// (`` `Best regards,` `` …), lowercase and without the comma.
fn listed_closings() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guides/thank-you-anatomy.md");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with("Sign-off"))
        .unwrap_or_default();
    section
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| c.ends_with(','))
        .map(|c| c.trim().trim_end_matches(',').to_lowercase())
        .collect()
}

/// Every model note of a kind in the handbook, and every `followup new`
/// skeleton, does what its chapter asks: an offer in check-ins and
/// recovery notes, a request to be kept in mind in rejection replies, no
/// reminder of a missed date in check-ins.
#[test]
fn templates_and_models_follow_their_chapters() {
    let linter = chapter_linter();
    let mut checked = Vec::new();
    for kind in [
        NoteKind::CheckIn,
        NoteKind::Recovery,
        NoteKind::RejectionReply,
    ] {
        let skeleton = followup::plan::templates::skeleton(kind)
            .unwrap_or_else(|| panic!("no skeleton for {kind}"));
        let name = format!("skeleton {kind}");
        let found = chapter_findings(&linter, &name, kind, &skeleton);
        assert!(
            found.is_empty(),
            "{name}:\n{}\n{skeleton}",
            found.join("\n")
        );
        checked.push(name);
    }
    for (name, draft) in drafts() {
        let Ok(doc) = linter.parse(SourceFile::new(name.clone(), draft.as_str())) else {
            continue;
        };
        if !matches!(
            doc.kind,
            NoteKind::CheckIn | NoteKind::Recovery | NoteKind::RejectionReply
        ) {
            continue;
        }
        let found = chapter_findings(&linter, &name, doc.kind, &draft);
        assert!(found.is_empty(), "{name}:\n{}\n{draft}", found.join("\n"));
        checked.push(name);
    }
    assert!(
        checked.len() >= 9,
        "three skeletons and the models of three kinds: {checked:?}"
    );
}

/// The checks above can fail: each fires on a note that breaks its chapter.
#[test]
fn chapter_checks_fire_on_notes_that_break_their_chapter() {
    let linter = chapter_linter();
    let check_in = "Dear Ms. Solberg,\n\nWhen we spoke about the store manager position, you expected a decision by the end of last week, so I wanted to ask whether there is any update. I am still eager to join your team.\n\nBest regards,\nSam Ortiz\n";
    let found = chapter_findings(&linter, "check-in", NoteKind::CheckIn, check_in);
    assert!(
        found.iter().any(|f| f.starts_with("missed-date-reminder")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.starts_with("missing-offer")),
        "{found:?}"
    );
    let recovery = "Dear Mr. Farrow,\n\nThank you for meeting me. When you asked about data quality, I left out my audit of twelve thousand records.\n\nI am very interested in the position.\n\nKind regards,\nSam Ortiz\n";
    let found = chapter_findings(&linter, "recovery", NoteKind::Recovery, recovery);
    assert_eq!(found.len(), 1, "{found:?}");
    let rejection = "Dear Mr. Featherstone,\n\nThank you for letting me know, and for considering me for the position. I enjoyed meeting the team.\n\nKind regards,\nSam Ortiz\n";
    let found = chapter_findings(&linter, "rejection", NoteKind::RejectionReply, rejection);
    assert_eq!(found.len(), 1, "{found:?}");
    let kept = rejection.replace(
        "the team.",
        "the team. Please keep me in mind for future roles.",
    );
    let found = chapter_findings(&linter, "rejection", NoteKind::RejectionReply, &kept);
    assert!(found.is_empty(), "{found:?}");
}

/// Every model and skeleton in the templates chapter closes with one of the
/// closings the anatomy chapter lists, and the linter accepts them all.
#[test]
fn templates_close_with_a_listed_sign_off() {
    let listed = listed_closings();
    assert!(
        listed.len() >= 4 && listed.contains(&"kind regards".to_string()),
        "the Sign-off section lists the usual closings: {listed:?}"
    );
    let linter = linter();
    let accepted = linter.catalog().closings();
    for closing in &listed {
        assert!(
            accepted.contains(closing),
            "`{closing}` is not a closing the linter knows"
        );
    }
    let mut notes: Vec<(String, String)> = drafts()
        .into_iter()
        .filter(|(name, _)| name.starts_with("templates.md"))
        .collect();
    for kind in NoteKind::ALL {
        if let Some(text) = followup::plan::templates::skeleton(kind) {
            notes.push((
                format!("skeleton {kind}"),
                format!("---\nkind: {kind}\n---\n\n{text}"),
            ));
        }
    }
    for (name, text) in &notes {
        let doc = linter
            .parse(SourceFile::new(name.clone(), text.as_str()))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if doc.kind == NoteKind::Linkedin {
            continue;
        }
        let closing = doc
            .sign_off
            .closing
            .clone()
            .and_then(|r| text.get(r))
            .map(|c| c.trim().trim_end_matches(',').to_lowercase())
            .unwrap_or_else(|| panic!("{name} has no closing"));
        assert!(
            listed.contains(&closing),
            "{name} closes with `{closing}`, which the Sign-off section does not list ({listed:?})"
        );
    }
}

/// The chapters on phone and video interviews, timing at a glance and
/// subject lines each carry a model, and each model shows what its chapter
/// is about to the linter.
#[test]
fn new_chapters_carry_models_the_linter_reads() {
    let linter = linter();
    let all = drafts();
    let of = |chapter: &str| -> Vec<&(String, String)> {
        all.iter()
            .filter(|(name, _)| name.starts_with(&format!("{chapter}:")))
            .collect()
    };
    for chapter in [
        "phone-and-video-interviews.md",
        "when-to-send.md",
        "subject-lines.md",
    ] {
        assert!(!of(chapter).is_empty(), "{chapter} has no model note");
    }
    // The subject-line model has a subject the linter reads as a header.
    let (name, text) = of("subject-lines.md")[0];
    let doc = linter
        .parse(SourceFile::new(name.clone(), text.as_str()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        doc.headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("subject")),
        "{name}: no Subject: header"
    );
    let shouting = text.replace("Subject: Thank you", "Subject: Thank you!!");
    let files = linter.lint_all(vec![Ok(SourceFile::new(name.clone(), shouting.as_str()))]);
    assert!(
        files[0]
            .diagnostics
            .iter()
            .any(|d| d.rule == "informal-language"),
        "the subject line is linted as prose"
    );
    // The timing model's dates are checked: a day before the timeline ends, it is early.
    let (name, text) = of("when-to-send.md")[0];
    assert!(text.contains("interviewed:") && text.contains("timeline:") && text.contains("date:"));
    let early = text.replace("date: 2026-11-18", "date: 2026-11-16");
    assert_ne!(&early, text, "{name}: the model is dated 2026-11-18");
    let files = linter.lint_all(vec![Ok(SourceFile::new(name.clone(), early.as_str()))]);
    let rules: Vec<&str> = files[0]
        .diagnostics
        .iter()
        .map(|d| d.rule.as_str())
        .collect();
    assert_eq!(rules, ["early-check-in"], "{name} dated 16 November");
    // The phone model says what kind of interview it follows.
    let (name, text) = of("phone-and-video-interviews.md")[0];
    assert!(
        text.contains("call") || text.contains("phone"),
        "{name} mentions the call"
    );
}
