//! Planning the follow-ups of each application: what has been written,
//! what is due next and by when, by the handbook's timing (see
//! guides/timing.md and guides/checking-in.md).
//!
//! Drafts are grouped into applications by `company:` and `role:`
//! (ignoring case and spacing); a draft with no `role:` joins its company's
//! only role. The plan only reads drafts.

pub mod ics;
mod steps;
pub mod templates;

use std::collections::BTreeMap;

use crate::draft::dates::Moment;
use crate::draft::kind::NoteKind;
use crate::text::error::FileError;

pub use steps::{describe_span, plan_application};

/// Hours a thank-you note may wait after the interview.
pub const THANK_YOU_HOURS: u32 = 24;
/// Days to wait before a check-in with no timeline, and between check-ins.
pub const WAIT_DAYS: i64 = 7;
/// Check-ins the handbook allows: one, then at most one more.
pub const MAX_CHECK_INS: usize = 2;

/// One draft as the plan sees it: its front matter.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The path as named on the command line.
    pub path: String,
    /// The kind (front matter, or inferred).
    pub kind: NoteKind,
    /// The recipient.
    pub to: Option<String>,
    /// The employer.
    pub company: Option<String>,
    /// The position.
    pub role: Option<String>,
    /// When the interview ended.
    pub interviewed: Option<Moment>,
    /// When the note is (or was) sent.
    pub date: Option<Moment>,
    /// The decision timeline, as the front matter wrote it (normalised).
    pub timeline: Option<crate::draft::dates::Span>,
    /// When the thank-you went out.
    pub thanked: Option<Moment>,
}

/// A problem with a written draft's timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// A thank-you sent more than 24 hours after the interview.
    Late,
    /// A check-in sent before the timeline (or the week) had passed.
    Early,
    /// A check-in beyond the one extra contact the handbook allows.
    TooMany,
    /// Sent after a rejection reply or a withdrawal.
    AfterClose,
}

impl Flag {
    /// The flag's name in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Late => "late",
            Flag::Early => "early",
            Flag::TooMany => "one-too-many",
            Flag::AfterClose => "after-close",
        }
    }
}

/// A draft of the application, with what the plan makes of it.
#[derive(Debug, Clone)]
pub struct Written {
    /// The draft.
    pub draft: Draft,
    /// Its date is on or before today: taken as sent.
    pub sent: bool,
    /// Timing problems.
    pub flags: Vec<Flag>,
}

/// What the next step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// A thank-you note to one interviewer.
    ThankYou,
    /// The first check-in.
    CheckIn,
    /// The one further contact after an unanswered check-in.
    SecondCheckIn,
    /// Send the written reply to a rejection.
    RejectionReply,
    /// Send the written withdrawal.
    Withdrawal,
}

impl Action {
    /// The step's name in output and in calendar UIDs.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ThankYou => "thank-you",
            Action::CheckIn => "check-in",
            Action::SecondCheckIn => "second-check-in",
            Action::RejectionReply => "rejection-reply",
            Action::Withdrawal => "withdrawal",
        }
    }

    /// The handbook page (and section) about this step.
    pub fn page(self) -> &'static str {
        match self {
            Action::ThankYou => "timing.html#within-24-hours",
            Action::CheckIn => "checking-in.html#when-to-check-in",
            Action::SecondCheckIn => "checking-in.html#how-often",
            Action::RejectionReply => "rejection-replies.html",
            Action::Withdrawal => "withdrawing.html",
        }
    }
}

/// Where a step stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Its deadline has passed.
    Overdue,
    /// It can (and should) be sent now.
    Due,
    /// Sending it now would be early.
    Waiting,
}

impl State {
    /// The state's name in output.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::Due => "due",
            State::Waiting => "waiting",
        }
    }
}

/// One next step of an application.
#[derive(Debug, Clone)]
pub struct Step {
    /// What to do.
    pub action: Action,
    /// To whom, when known.
    pub to: Option<String>,
    /// The draft that is ready for it, if one is written.
    pub draft: Option<String>,
    /// Where it stands today.
    pub state: State,
    /// Send by then (thank-you notes).
    pub by: Option<Moment>,
    /// Not before then (check-ins).
    pub from: Option<Moment>,
    /// Why then, in a few words.
    pub reason: String,
}

impl Step {
    /// The day the step belongs on a calendar: its deadline or the day it
    /// opens, or `today` when it is due now or overdue.
    pub fn day(&self, today: Moment) -> crate::draft::dates::Date {
        match self.state {
            State::Overdue => today.date(),
            State::Due => self.by.map_or(today.date(), Moment::date),
            State::Waiting => self.from.map_or(today.date(), Moment::date),
        }
    }

    /// The moment steps are sorted by within a state.
    pub fn when(&self) -> Option<Moment> {
        self.by.or(self.from)
    }
}

/// How an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Follow-ups still to come.
    Open,
    /// Both check-ins sent: no further contact.
    Done,
    /// A rejection reply ends it.
    Rejected,
    /// A withdrawal ends it.
    Withdrawn,
}

impl Status {
    /// The status's name in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// One application: a company and a role, and its drafts.
#[derive(Debug, Clone)]
pub struct Application {
    /// The employer as the first draft spells it.
    pub company: String,
    /// The position, when any draft gives one.
    pub role: Option<String>,
    /// When the interview ended (the latest time given on its day).
    pub interviewed: Option<Moment>,
    /// The decision timeline.
    pub timeline: Option<crate::draft::dates::Span>,
    /// The drafts, sorted by date (undated last), then path.
    pub written: Vec<Written>,
    /// What comes next.
    pub next: Vec<Step>,
    /// How it stands.
    pub status: Status,
}

impl Application {
    /// `Company · Role`, or the company alone.
    pub fn title(&self) -> String {
        match &self.role {
            Some(role) => format!("{} · {role}", self.company),
            None => self.company.clone(),
        }
    }
}

/// The result of planning: applications and the drafts left out.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The day the plan is made for.
    pub today: Moment,
    /// Every application, in order of company then role.
    pub applications: Vec<Application>,
    /// Drafts without `company:`, which belong to no application.
    pub skipped: Vec<String>,
}

impl Plan {
    /// Every next step with its application, due first: overdue, due, then
    /// waiting; earliest first within each.
    pub fn steps(&self) -> Vec<(&Application, &Step)> {
        let mut out: Vec<(&Application, &Step)> = self
            .applications
            .iter()
            .flat_map(|a| a.next.iter().map(move |s| (a, s)))
            .collect();
        out.sort_by(|(a1, s1), (a2, s2)| {
            let key = |s: &Step| s.when().map(|m| (m.date(), m.datetime()));
            (s1.state, key(s1), a1.title(), s1.action, &s1.to).cmp(&(
                s2.state,
                key(s2),
                a2.title(),
                s2.action,
                &s2.to,
            ))
        });
        out
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Groups drafts into applications and plans each as of `today`.
/// Errors: no drafts, or drafts of one application that disagree.
pub fn plan(drafts: Vec<Draft>, today: Moment) -> Result<Plan, Vec<FileError>> {
    let mut skipped = Vec::new();
    let mut by_company: BTreeMap<String, Vec<Draft>> = BTreeMap::new();
    for draft in drafts {
        match draft.company.as_deref().map(normalise) {
            Some(key) if !key.is_empty() => by_company.entry(key).or_default().push(draft),
            _ => skipped.push(draft.path),
        }
    }
    let mut groups: Vec<Vec<Draft>> = Vec::new();
    for (_, drafts) in by_company {
        let mut roles: BTreeMap<String, Vec<Draft>> = BTreeMap::new();
        let mut no_role = Vec::new();
        for draft in drafts {
            match draft.role.as_deref().map(normalise) {
                Some(key) if !key.is_empty() => roles.entry(key).or_default().push(draft),
                _ => no_role.push(draft),
            }
        }
        if roles.len() == 1 {
            if let Some(only) = roles.values_mut().next() {
                only.append(&mut no_role);
            }
        }
        groups.extend(roles.into_values());
        if !no_role.is_empty() {
            groups.push(no_role);
        }
    }
    let mut applications = Vec::new();
    let mut errors = Vec::new();
    for group in groups {
        match plan_application(group, today) {
            Ok(app) => applications.push(app),
            Err(err) => errors.push(err),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    applications.sort_by_key(|a| (normalise(&a.company), a.role.as_deref().map(normalise)));
    Ok(Plan {
        today,
        applications,
        skipped,
    })
}

/// The step in words: `send the thank-you`, `check in`.
pub fn describe(action: Action) -> &'static str {
    match action {
        Action::ThankYou => "thank-you",
        Action::CheckIn => "check-in",
        Action::SecondCheckIn => "second (last) check-in",
        Action::RejectionReply => "reply to the rejection",
        Action::Withdrawal => "withdrawal",
    }
}

/// When a step is due, in words: `by 2026-11-21T15:00`, `from 2026-11-28`, `now`.
pub fn when_text(step: &Step) -> String {
    match (step.state, step.by, step.from) {
        (State::Overdue, Some(by), _) => format!("overdue since {by}"),
        (_, Some(by), _) => format!("by {by}"),
        (State::Waiting, _, Some(from)) => format!("from {from}"),
        (State::Due, _, Some(from)) => format!("now (since {from})"),
        _ => "now".to_string(),
    }
}
