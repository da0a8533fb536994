//! `followup rules` and `followup explain`: the rule catalog in the terminal.

use std::io::Write;

use clap::Args;

use super::exit;
use super::setup::{self, RuleFlags};
use followup::engine::linter::Linter;
use followup::rules::rule::Rule;
use followup::text::error::FileError;

/// Arguments of `followup rules`.
#[derive(Debug, Clone, Args)]
pub(crate) struct RulesArgs {
    /// Print the catalog as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) rules: RuleFlags,
}

/// Arguments of `followup explain`.
#[derive(Debug, Clone, Args)]
pub(crate) struct ExplainArgs {
    /// The rule id, e.g. `first-name-salutation`.
    #[arg(value_name = "RULE")]
    pub(crate) rule: String,
    #[command(flatten)]
    pub(crate) rules: RuleFlags,
}

fn kinds(rule: &Rule) -> String {
    if rule.kinds.len() == followup::draft::kind::NoteKind::ALL.len() {
        "all".into()
    } else {
        rule.kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Runs `followup rules`.
pub(crate) fn rules(args: RulesArgs) -> Result<i32, Vec<FileError>> {
    let setup = setup::build(&args.rules, None)?;
    let linter = &setup.linter;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if args.json {
        let list: Vec<serde_json::Value> = linter
            .catalog()
            .rules()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "level": linter.level_of(r).map(|l| l.as_str()).unwrap_or("off"),
                    "default_level": r.level,
                    "kinds": r.kinds,
                    "summary": r.summary,
                    "fixable": r.fix.is_some(),
                    "builtin": r.builtin,
                    "url": linter.rule_url(&r.id),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        let mut res = writeln!(
            out,
            "{:<26} {:<10} {:<4} APPLIES TO",
            "RULE", "LEVEL", "FIX"
        );
        for r in linter.catalog().rules() {
            let level = linter.level_of(r).map(|l| l.as_str()).unwrap_or("off");
            let fix = if r.fix.is_some() { "yes" } else { "" };
            res = res.and_then(|()| {
                writeln!(
                    out,
                    "{:<26} {:<10} {:<4} {}\n    {}",
                    r.id,
                    level,
                    fix,
                    kinds(r),
                    r.summary
                )
            });
        }
        res
    };
    Ok(match result {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(_) => exit::FAILURE,
    })
}

/// Runs `followup explain RULE`.
pub(crate) fn explain(args: ExplainArgs) -> Result<i32, Vec<FileError>> {
    let setup = setup::build(&args.rules, None)?;
    let linter = &setup.linter;
    let Some(rule) = linter.catalog().get(&args.rule) else {
        let mut err = FileError::new(&args.rule, "no such rule");
        err = match linter.catalog().suggest(&args.rule) {
            Some(near) => err.with_note(format!("did you mean `{near}`?")),
            None => err.with_note("`followup rules` lists every rule id"),
        };
        return Err(vec![err]);
    };
    let text = explanation(linter, rule);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    Ok(match out.write_all(text.as_bytes()) {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(_) => exit::FAILURE,
    })
}

/// The plain-text explanation of a rule, with its examples and their real diagnostics.
pub(crate) fn explanation(linter: &Linter, rule: &Rule) -> String {
    let mut s = String::new();
    let level = linter.level_of(rule).map(|l| l.as_str()).unwrap_or("off");
    s.push_str(&format!(
        "{} ({level}, applies to {})\n\n",
        rule.id,
        kinds(rule)
    ));
    s.push_str(&format!("{}\n\n", rule.summary));
    s.push_str(rule.rationale.trim());
    s.push_str("\n\n");
    for (title, examples) in [("Fires on", &rule.bad), ("Does not fire on", &rule.good)] {
        for (i, example) in examples.iter().enumerate() {
            s.push_str(&format!("{title} (example {}):\n", i + 1));
            if let Some(note) = &example.note {
                s.push_str(&format!("  ({note})\n"));
            }
            for draft in &example.drafts {
                s.push('\n');
                for line in draft.lines() {
                    s.push_str(&format!("    {line}\n"));
                }
            }
            s.push('\n');
            if title == "Fires on" {
                let rendered =
                    followup::report::examples::render_diagnostics(linter, rule, example);
                for line in rendered.lines() {
                    s.push_str(&format!("  {line}\n"));
                }
                s.push('\n');
            }
        }
    }
    s.push_str(&format!("Handbook: {}\n", linter.rule_url(&rule.id)));
    s
}
