//! `followup plan`: what each application has had, what is due next and by
//! when; as a table, JSON or an iCalendar file. Reads drafts, never writes them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::{Color as Paint, ColorSpec, StandardStream, WriteColor};
use serde_json::{Value, json};

use super::fix::write_atomically;
use super::setup::{self, RuleFlags};
use super::{Color, exit, inputs};
use followup::draft::dates::Moment;
use followup::plan::{self, Application, Draft, Plan, State, Step, ics};
use followup::text::error::FileError;

/// Output formats of `followup plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum PlanFormat {
    /// A table of next steps, due first, then each application's drafts.
    #[default]
    Human,
    /// One JSON document.
    Json,
}

/// Arguments of `followup plan`.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "How drafts become applications: drafts with the same `company:` and \
`role:` (ignoring case and spacing) are one application; a draft with no `role:` joins its \
company's only role (or a role-less application when the company has several). Drafts with no \
`company:` are left out, with a note on stderr. A draft counts as sent when its `date:` is on or \
before today; without `date:` it is still to send.\n\nThe timing is the handbook's (Timing and \
medium; Checking in): a thank-you to each interviewer (`to:` of each thank-you or recovery draft) \
by the interview + 24 hours (the day after, with no time); then a check-in once the `timeline:` \
from the interview has passed, or a week after the thank-you (`thanked:`, or the first thank-you \
sent) when there is none; then at most one more, a week after the first; nothing after a \
rejection reply or a withdrawal. Sent notes are flagged `late`, `early`, `one-too-many` or \
`after-close`.\n\nExamples:\n  followup plan drafts/                    what is due, due first\n  \
followup plan drafts/ --ics plan.ics     also write a calendar to import\n  followup plan \
--format json --today 2026-11-21\n\nExit codes: 0 planned, 2 a draft could not be read, drafts of \
one application disagree (`interviewed` on different days, different `timeline`s), or there are \
no drafts (nothing is written then)."
)]
pub(crate) struct PlanArgs {
    /// Drafts or folders (searched for .md, .markdown, .txt and .eml files).
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<String>,
    /// Plan as if today were this date (`2026-11-21` or `2026-11-21T12:00`).
    #[arg(long, value_name = "DATE", value_parser = parse_moment)]
    pub(crate) today: Option<Moment>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Human)]
    pub(crate) format: PlanFormat,
    /// Also write the next steps to FILE as an iCalendar (.ics) file:
    /// one all-day event each, with UIDs that stay stable so re-importing updates them.
    #[arg(long, value_name = "FILE")]
    pub(crate) ics: Option<PathBuf>,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Config flags (the config's `handbook-url` sets the calendar's links).
    #[command(flatten)]
    pub(crate) rules: RuleFlags,
}

fn parse_moment(s: &str) -> Result<Moment, String> {
    Moment::parse(s)
}

/// Runs `followup plan`.
pub(crate) fn run(args: PlanArgs) -> Result<i32, Vec<FileError>> {
    let today = args.today.unwrap_or_else(Moment::now);
    let setup = setup::build(&args.rules, Some(today))?;
    let linter = setup.linter;
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for input in inputs::collect(&args.paths, None) {
        match input.and_then(|source| linter.parse(source)) {
            Ok(doc) => drafts.push(Draft {
                path: doc.source.path.clone(),
                kind: doc.kind,
                to: doc.to.clone(),
                company: doc.front_matter.company.clone(),
                role: doc.front_matter.role.clone(),
                interviewed: doc.front_matter.interviewed,
                date: doc.front_matter.date,
                timeline: doc.front_matter.timeline,
                thanked: doc.front_matter.thanked,
            }),
            Err(err) => errors.push(err),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let plan = plan::plan(drafts, today)?;
    for path in &plan.skipped {
        eprintln!("note: {path}: no `company:` in its front matter, so it is in no application");
    }
    if plan.applications.is_empty() {
        return Err(vec![
            FileError::new(
                args.paths.join(" "),
                "no draft names a `company:`; nothing to plan",
            )
            .with_note("add `company:` and `role:` to the drafts' front matter"),
        ]);
    }
    if let Some(path) = &args.ics {
        let stamp = match args.today {
            Some(t) => {
                t.datetime()
                    .unwrap_or_else(|| t.date().at_midnight())
                    .compact()
                    + "Z"
            }
            None => jiff::Timestamp::now()
                .strftime("%Y%m%dT%H%M%SZ")
                .to_string(),
        };
        let text = ics::calendar(&plan, &stamp, |page| linter.page_url(page));
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(vec![FileError::new(
                name,
                "is a folder; nothing was written",
            )]);
        }
        write_atomically(path, &text).map_err(|e| {
            vec![FileError::new(
                name,
                format!("cannot write the calendar: {e}"),
            )]
        })?;
    }
    match args.format {
        PlanFormat::Json => {
            let text = serde_json::to_string_pretty(&to_json(&plan, |p| linter.page_url(p)))
                .unwrap_or_default();
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{text}");
        }
        PlanFormat::Human => {
            let mut out =
                StandardStream::stdout(args.color.choice(std::io::stdout().is_terminal()));
            let _ = human(&mut out, &plan);
            let _ = out.flush();
        }
    }
    Ok(exit::OK)
}

fn step_text(step: &Step) -> String {
    let mut text = plan::describe(step.action).to_string();
    if let Some(to) = &step.to {
        text.push_str(" to ");
        text.push_str(to);
    }
    text
}

fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

/// The table for people: next steps (due first), then each application.
fn human(out: &mut impl WriteColor, plan: &Plan) -> std::io::Result<()> {
    writeln!(out, "Follow-ups as of {}", plan.today)?;
    let steps = plan.steps();
    if steps.is_empty() {
        writeln!(out, "\nNothing is due.")?;
    } else {
        let rows: Vec<[String; 5]> = steps
            .iter()
            .map(|(app, step)| {
                [
                    step.state.as_str().to_uppercase(),
                    plan::when_text(step),
                    step_text(step),
                    app.title(),
                    step.draft.clone().unwrap_or_else(|| "(not written)".into()),
                ]
            })
            .collect();
        let head = ["STATE", "WHEN", "NEXT STEP", "APPLICATION", "DRAFT"];
        let mut widths = head.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        writeln!(out)?;
        let line = |cells: &[String]| {
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    text.push_str(cell);
                } else {
                    text.push_str(&pad(cell, widths[i] + 2));
                }
            }
            text
        };
        writeln!(out, "{}", line(&head.map(String::from)))?;
        for ((_, step), row) in steps.iter().zip(&rows) {
            if step.state == State::Overdue {
                out.set_color(ColorSpec::new().set_fg(Some(Paint::Red)).set_bold(true))?;
            }
            write!(out, "{}", line(row))?;
            out.reset()?;
            writeln!(out)?;
        }
    }
    let what = |w: &plan::Written| {
        let mut what = w.draft.kind.to_string();
        if let Some(to) = &w.draft.to {
            what.push_str(" to ");
            what.push_str(to);
        }
        what
    };
    let width = plan
        .applications
        .iter()
        .flat_map(|a| a.written.iter())
        .map(|w| what(w).chars().count())
        .max()
        .unwrap_or(0);
    for app in &plan.applications {
        writeln!(out)?;
        writeln!(out, "{}", app_heading(app))?;
        for w in &app.written {
            let state = match (w.sent, w.draft.date) {
                (true, Some(d)) => format!("sent {d}"),
                (false, Some(d)) => format!("to send {d}"),
                _ => "not sent".to_string(),
            };
            let flags: Vec<&str> = w.flags.iter().map(|f| f.as_str()).collect();
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", flags.join(", "))
            };
            writeln!(
                out,
                "  {}{}{}{flags}",
                pad(&state, 24),
                pad(&what(w), width + 2),
                w.draft.path
            )?;
        }
    }
    Ok(())
}

fn app_heading(app: &Application) -> String {
    let mut facts = Vec::new();
    if let Some(iv) = app.interviewed {
        facts.push(format!("interviewed {iv}"));
    }
    if let Some(t) = app.timeline {
        facts.push(format!("timeline {}", plan::describe_span(t)));
    }
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!(" ({})", facts.join(", "))
    };
    format!("{}{facts}: {}", app.title(), app.status.as_str())
}

fn moment(m: Option<Moment>) -> Value {
    m.map_or(Value::Null, |m| Value::String(m.to_string()))
}

fn to_json(plan: &Plan, url: impl Fn(&str) -> String) -> Value {
    let step_json = |app: &Application, step: &Step| {
        json!({
            "company": app.company,
            "role": app.role,
            "step": step.action.as_str(),
            "to": step.to,
            "draft": step.draft,
            "state": step.state.as_str(),
            "by": moment(step.by),
            "from": moment(step.from),
            "reason": step.reason,
            "url": url(step.action.page()),
        })
    };
    let applications: Vec<Value> = plan
        .applications
        .iter()
        .map(|app| {
            json!({
                "company": app.company,
                "role": app.role,
                "status": app.status.as_str(),
                "interviewed": moment(app.interviewed),
                "timeline": app.timeline.map(plan::describe_span),
                "written": app.written.iter().map(|w| json!({
                    "path": w.draft.path,
                    "kind": w.draft.kind.as_str(),
                    "to": w.draft.to,
                    "date": moment(w.draft.date),
                    "sent": w.sent,
                    "flags": w.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "next": app.next.iter().map(|s| step_json(app, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "version": 1,
        "today": plan.today.to_string(),
        "next": plan.steps().into_iter().map(|(a, s)| step_json(a, s)).collect::<Vec<_>>(),
        "applications": applications,
        "skipped": plan.skipped,
    })
}
