//! `followup new KIND`: a draft from the handbook's skeleton for that kind,
//! with front matter from the flags.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_yaml::{Mapping, Value};

use super::exit;
use super::fix::write_atomically;
use followup::draft::dates::{Moment, parse_timeline};
use followup::draft::kind::NoteKind;
use followup::plan::templates;
use followup::text::error::FileError;
use followup::text::source::SourceFile;

/// How the note will be sent (front matter `medium:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MediumArg {
    /// An e-mail.
    Email,
    /// A posted letter.
    Letter,
    /// A handwritten card.
    Card,
    /// A LinkedIn message (the default for `linkedin`).
    Linkedin,
}

impl MediumArg {
    fn as_str(self) -> &'static str {
        match self {
            MediumArg::Email => "email",
            MediumArg::Letter => "letter",
            MediumArg::Card => "card",
            MediumArg::Linkedin => "linkedin",
        }
    }
}

/// Arguments of `followup new`.
#[derive(Debug, Clone, Args)]
#[command(
    after_help = "The text is the skeleton the handbook's Templates chapter shows for KIND \
(guides/templates.md). Names the flags give are filled in; what only you can write (the detail \
you discussed, your reason, your name without --from) is left in [brackets], and `followup lint` \
reports each as leftover-placeholder until you have replaced it. Without --to the greeting is \
`Dear [title with surname],`, never a guessed name.\n\nExamples:\n  followup new thank-you --to \
\"Ms. Greta Solberg\" --company \"Pinecrest Outdoor\" --role \"Store Manager\" \\\n      \
--interviewed 2026-03-12T11:00 --topics \"click-and-collect, winter stock\" -o solberg.md\n  \
followup new check-in --interviewed 2026-03-12 --timeline \"2 weeks\" --thanked 2026-03-12\n\n\
Exit codes: 0 written, 2 bad arguments, an existing -o file without --force, or a folder that \
cannot be written (nothing is written then)."
)]
pub(crate) struct NewArgs {
    /// The kind of note: thank-you, withdrawal, rejection-reply, check-in, recovery or linkedin.
    #[arg(value_name = "KIND", value_parser = parse_kind)]
    pub(crate) kind: NoteKind,
    /// The recipient with their title, as the note should address them (`Ms. Greta Solberg`).
    #[arg(long, value_name = "NAME")]
    pub(crate) to: Option<String>,
    /// The employer.
    #[arg(long)]
    pub(crate) company: Option<String>,
    /// The position.
    #[arg(long)]
    pub(crate) role: Option<String>,
    /// Your name for the sign-off (else a `[your name]` placeholder).
    #[arg(long, value_name = "NAME")]
    pub(crate) from: Option<String>,
    /// When the interview ended: `2026-03-12` or `2026-03-12T11:00`.
    #[arg(long, value_name = "DATE", value_parser = parse_moment)]
    pub(crate) interviewed: Option<Moment>,
    /// When the note will be sent (`date:`); without it `lint` judges it as of today.
    #[arg(long, value_name = "DATE", value_parser = parse_moment)]
    pub(crate) date: Option<Moment>,
    /// When the thank-you note went out (for check-ins).
    #[arg(long, value_name = "DATE", value_parser = parse_moment)]
    pub(crate) thanked: Option<Moment>,
    /// The decision timeline you were given: `10 days`, `2 weeks`, `one month`.
    #[arg(long, value_name = "SPAN", value_parser = parse_timeline_text)]
    pub(crate) timeline: Option<String>,
    /// Things you discussed, comma-separated or repeated; mentioning one counts as the specific detail.
    #[arg(long, value_name = "TOPIC", value_delimiter = ',')]
    pub(crate) topics: Vec<String>,
    /// How you will send it.
    #[arg(long, value_enum)]
    pub(crate) medium: Option<MediumArg>,
    /// Write the draft to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Replace FILE when it already exists.
    #[arg(long, requires = "output")]
    pub(crate) force: bool,
}

fn parse_kind(s: &str) -> Result<NoteKind, String> {
    s.parse()
}

fn parse_moment(s: &str) -> Result<Moment, String> {
    Moment::parse(s)
}

fn parse_timeline_text(s: &str) -> Result<String, String> {
    parse_timeline(s).map(|_| s.trim().to_string())
}

/// Runs `followup new`.
pub(crate) fn run(args: NewArgs) -> Result<i32, Vec<FileError>> {
    let text = draft(&args).map_err(|e| vec![e])?;
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
        Some(path) => write_new(path, &text, args.force).map_err(|e| vec![e])?,
    }
    Ok(exit::OK)
}

fn write_new(path: &Path, text: &str, force: bool) -> Result<(), FileError> {
    let name = path.display().to_string();
    if path.exists() && !force {
        return Err(FileError::new(&name, "already exists; nothing was written")
            .with_note("pass --force to replace it, or choose another -o file"));
    }
    if path.is_dir() {
        return Err(FileError::new(&name, "is a folder; nothing was written"));
    }
    write_atomically(path, text)
        .map_err(|e| FileError::new(&name, format!("cannot write the draft: {e}")))
}

/// The draft's text: front matter from the flags, then the skeleton.
pub(crate) fn draft(args: &NewArgs) -> Result<String, FileError> {
    let kind = args.kind;
    let skeleton = templates::skeleton(kind).ok_or_else(|| {
        FileError::new(
            "guides/templates.md",
            format!("the templates chapter has no `template {kind}` block"),
        )
    })?;
    let mut fm = Mapping::new();
    let mut put = |key: &str, value: Value| {
        fm.insert(Value::String(key.to_string()), value);
    };
    let text = |s: &str| Value::String(s.trim().to_string());
    put("kind", text(kind.as_str()));
    if let Some(to) = &args.to {
        put("to", text(to));
    }
    if let Some(company) = &args.company {
        put("company", text(company));
    }
    if let Some(role) = &args.role {
        put("role", text(role));
    }
    for (key, moment) in [
        ("interviewed", args.interviewed),
        ("date", args.date),
        ("thanked", args.thanked),
    ] {
        if let Some(m) = moment {
            put(key, Value::String(m.to_string()));
        }
    }
    if let Some(timeline) = &args.timeline {
        put("timeline", text(timeline));
    }
    let medium = args
        .medium
        .or((kind == NoteKind::Linkedin).then_some(MediumArg::Linkedin));
    if let Some(m) = medium {
        put("medium", text(m.as_str()));
    }
    let topics: Vec<Value> = args
        .topics
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| Value::String(t.to_string()))
        .collect();
    if !topics.is_empty() {
        put("topics", Value::Sequence(topics));
    }
    let yaml = serde_yaml::to_string(&Value::Mapping(fm))
        .map_err(|e| FileError::new("<new draft>", format!("cannot write front matter: {e}")))?;
    let mut body = skeleton;
    let fills = [
        (templates::TO, args.to.as_deref().map(templates::addressee)),
        (templates::COMPANY, clean(args.company.as_deref())),
        (templates::ROLE, clean(args.role.as_deref())),
        (templates::FROM, clean(args.from.as_deref())),
    ];
    for (placeholder, value) in fills {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            body = body.replace(placeholder, &value);
        }
    }
    let text = format!("---\n{yaml}---\n\n{body}");
    // The front matter must read back exactly as the linter reads it.
    followup::draft::front_matter::parse(&SourceFile::new("<new draft>", text.as_str()))?;
    Ok(text)
}

fn clean(value: Option<&str>) -> Option<String> {
    value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
}
