//! Date checks: a thank-you sent too long after the interview, and a
//! check-in sent before the decision date.

use serde::Deserialize;

use super::{Check, CheckKind, Env, Finding, Setting, check_boilerplate, parameters};
use crate::draft::dates::{Moment, is_before, more_than_hours_after};
use crate::draft::document::Document;

/// Parameters of a `late-note` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LateNoteSpec {
    /// Hours after the interview a note may still go out.
    pub hours: u32,
}

/// A compiled `late-note` check.
#[derive(Debug, Clone)]
pub struct LateNote {
    /// Hours after the interview a note may still go out.
    pub hours: u32,
}

impl LateNote {
    /// Takes the limit as it is.
    pub fn compile(spec: LateNoteSpec) -> Self {
        LateNote { hours: spec.hours }
    }

    /// Fires when the note's date is more than `hours` after `interviewed`.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let fm = &doc.front_matter;
        let Some(interviewed) = fm.interviewed else {
            return Vec::new();
        };
        let sent = fm.date.unwrap_or_else(|| env.today());
        if !more_than_hours_after(interviewed, sent, self.hours) {
            return Vec::new();
        }
        let span = fm
            .spans
            .get(if fm.date.is_some() {
                "date"
            } else {
                "interviewed"
            })
            .cloned()
            .unwrap_or_else(|| doc.missing_span());
        vec![
            Finding::at(span)
                .var("interviewed", interviewed.to_string())
                .var("date", sent.to_string())
                .var("hours", self.hours.to_string()),
        ]
    }
}

/// Parameters of an `early-check-in` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EarlyCheckInSpec {
    /// Days to wait with no timeline.
    pub days: u32,
}

/// A compiled `early-check-in` check.
#[derive(Debug, Clone)]
pub struct EarlyCheckIn {
    /// Days to wait with no timeline.
    pub days: u32,
}

impl EarlyCheckIn {
    /// Takes the limit as it is.
    pub fn compile(spec: EarlyCheckInSpec) -> Self {
        EarlyCheckIn { days: spec.days }
    }

    /// Fires when the note's date is before the earliest polite day.
    fn findings(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        let fm = &doc.front_matter;
        let (deadline, from, reason): (Option<Moment>, &str, String) =
            match (fm.interviewed, fm.timeline, fm.thanked) {
                (Some(interviewed), Some(timeline), _) => (
                    interviewed.plus(timeline),
                    "timeline",
                    "the decision timeline has not passed yet".to_string(),
                ),
                (_, _, Some(thanked)) => (
                    days_after(thanked, self.days),
                    "thanked",
                    format!(
                        "it is less than {} days since your thank-you note",
                        self.days
                    ),
                ),
                (Some(interviewed), None, None) => (
                    days_after(interviewed, self.days),
                    "interviewed",
                    format!("it is less than {} days since the interview", self.days),
                ),
                _ => (None, "", String::new()),
            };
        let Some(deadline) = deadline else {
            return Vec::new();
        };
        let sent = fm.date.unwrap_or_else(|| env.today());
        if !is_before(sent, deadline) {
            return Vec::new();
        }
        let span = fm
            .spans
            .get(if fm.date.is_some() { "date" } else { from })
            .cloned()
            .unwrap_or_else(|| doc.missing_span());
        vec![
            Finding::at(span)
                .var("reason", reason)
                .var("earliest", deadline.to_string())
                .var("days", self.days.to_string()),
        ]
    }
}

/// `moment` plus `days`, or `None` past the calendar's range (never a panic).
fn days_after(moment: Moment, days: u32) -> Option<Moment> {
    moment.plus(crate::draft::dates::Span::days(i64::from(days)))
}

/// The `late-note` check kind.
pub(crate) static LATE_NOTE: CheckKind = CheckKind {
    name: "late-note",
    user_rules: false,
    variables: &["interviewed", "date", "hours"],
    compile: |value| Ok(Box::new(LateNote::compile(parameters(value)?))),
};

impl Check for LateNote {
    fn kind(&self) -> &'static CheckKind {
        &LATE_NOTE
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    fn settings(&self) -> Vec<Setting> {
        vec![Setting::count(
            "hours",
            self.hours as usize,
            "hours",
            24.0 * 3650.0,
        )]
    }

    fn set(&mut self, name: &str, value: f64) {
        if name == "hours" {
            self.hours = value as u32;
        }
    }

    check_boilerplate!();
}

/// The `early-check-in` check kind.
pub(crate) static EARLY_CHECK_IN: CheckKind = CheckKind {
    name: "early-check-in",
    user_rules: false,
    variables: &["date", "days", "earliest", "reason"],
    compile: |value| Ok(Box::new(EarlyCheckIn::compile(parameters(value)?))),
};

impl Check for EarlyCheckIn {
    fn kind(&self) -> &'static CheckKind {
        &EARLY_CHECK_IN
    }

    fn run(&self, doc: &Document, env: &Env<'_>) -> Vec<Finding> {
        self.findings(doc, env)
    }

    fn settings(&self) -> Vec<Setting> {
        vec![Setting::count("days", self.days as usize, "days", 3650.0)]
    }

    fn set(&mut self, name: &str, value: f64) {
        if name == "days" {
            self.days = value as u32;
        }
    }

    check_boilerplate!();
}
