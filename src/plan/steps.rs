//! The next steps of one application, by the handbook's timing.

use super::{
    Action, Application, Draft, Flag, MAX_CHECK_INS, State, Status, Step, THANK_YOU_HOURS,
    WAIT_DAYS, Written, normalise,
};
use crate::draft::dates::{Date, DateTime, Moment, Span, is_before, more_than_hours_after};
use crate::draft::kind::NoteKind;
use crate::text::error::FileError;

fn is_thank_you(kind: NoteKind) -> bool {
    matches!(kind, NoteKind::ThankYou | NoteKind::Recovery)
}

fn is_close(kind: NoteKind) -> bool {
    matches!(kind, NoteKind::RejectionReply | NoteKind::Withdrawal)
}

/// `2 weeks`, `10 days`, `1 month`: a timeline in words.
pub fn describe_span(span: Span) -> String {
    let parts = [
        (span.get_months(), "month"),
        (span.get_weeks(), "week"),
        (span.get_days(), "day"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n != 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if words.is_empty() {
        "0 days".to_string()
    } else {
        words.join(" ")
    }
}

/// The latest time given for the interview; drafts naming different days
/// for it, or different timelines, are an error.
fn agreed<T: Clone>(
    drafts: &[Draft],
    title: &str,
    key: &str,
    get: impl Fn(&Draft) -> Option<T>,
    same: impl Fn(&T, &T) -> bool,
    show: impl Fn(&T) -> String,
) -> Result<Vec<T>, FileError> {
    let mut seen: Vec<(String, T)> = Vec::new();
    for d in drafts {
        let Some(value) = get(d) else { continue };
        if let Some((path, other)) = seen.iter().find(|(_, v)| !same(v, &value)) {
            return Err(FileError::new(
                &d.path,
                format!(
                    "`{key}: {}` disagrees with `{key}: {}` in {path}, a draft for the same application ({title})",
                    show(&value),
                    show(other)
                ),
            )
            .with_note(
                "drafts are grouped by `company:` and `role:`: correct the wrong one, or give a later round its own `role:`",
            ));
        }
        seen.push((d.path.clone(), value));
    }
    Ok(seen.into_iter().map(|(_, v)| v).collect())
}

fn order_key(m: Moment) -> (Date, Option<DateTime>) {
    (m.date(), m.datetime())
}

/// When a thank-you for an interview that ended at `interviewed` is due.
fn thank_you_deadline(interviewed: Moment) -> Option<Moment> {
    match interviewed {
        Moment::Day(_) => interviewed.plus(Span::days(1)),
        Moment::At(_) => interviewed.plus(Span::hours(i64::from(THANK_YOU_HOURS))),
    }
}

/// Plans one application (its drafts share company and role).
pub fn plan_application(drafts: Vec<Draft>, today: Moment) -> Result<Application, FileError> {
    let company = drafts
        .iter()
        .find_map(|d| d.company.clone())
        .unwrap_or_default();
    let role = drafts.iter().find_map(|d| d.role.clone());
    let title = match &role {
        Some(r) => format!("{company} · {r}"),
        None => company.clone(),
    };
    let interviews = agreed(
        &drafts,
        &title,
        "interviewed",
        |d| d.interviewed,
        |a: &Moment, b| a.date() == b.date(),
        |m| m.to_string(),
    )?;
    let interviewed = interviews.into_iter().max_by_key(|m| order_key(*m));
    let timelines = agreed(
        &drafts,
        &title,
        "timeline",
        |d| d.timeline,
        |a: &Span, b| describe_span(*a) == describe_span(*b),
        |s| describe_span(*s),
    )?;
    let timeline = timelines.into_iter().next();
    let mut written: Vec<Written> = drafts
        .into_iter()
        .map(|draft| Written {
            sent: draft.date.is_some_and(|d| !is_before(today, d)),
            draft,
            flags: Vec::new(),
        })
        .collect();
    written.sort_by(|a, b| {
        let key = |w: &Written| (w.draft.date.is_none(), w.draft.date.map(order_key));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.draft.path.cmp(&b.draft.path))
    });
    let sent_date = |w: &Written| if w.sent { w.draft.date } else { None };
    let interview_of = |d: &Draft| d.interviewed.or(interviewed);

    // When the first check-in opens.
    let thanked = written
        .iter()
        .filter_map(|w| w.draft.thanked)
        .chain(
            written
                .iter()
                .filter(|w| is_thank_you(w.draft.kind))
                .filter_map(sent_date),
        )
        .min_by_key(|m| order_key(*m));
    let (opens, opens_reason) = match (interviewed, timeline, thanked) {
        (Some(iv), Some(span), _) => (
            iv.plus(span),
            format!("the timeline: {} after the interview", describe_span(span)),
        ),
        (_, None, Some(t)) => (
            t.plus(Span::days(WAIT_DAYS)),
            "a week after the thank-you".to_string(),
        ),
        (Some(iv), None, None) => (
            iv.plus(Span::days(WAIT_DAYS)),
            "a week after the interview".to_string(),
        ),
        _ => (None, "no interview date known".to_string()),
    };

    // Flags on what has been sent.
    let close = written
        .iter()
        .find(|w| w.sent && is_close(w.draft.kind))
        .map(|w| (w.draft.kind, w.draft.date, w.draft.path.clone()));
    let mut check_ins_sent: Vec<Moment> = Vec::new();
    for w in &mut written {
        let Some(date) = sent_date(w) else { continue };
        if let Some((_, Some(closed), path)) = &close {
            if *path != w.draft.path && is_before(*closed, date) {
                w.flags.push(Flag::AfterClose);
            }
        }
        if is_thank_you(w.draft.kind) {
            if let Some(iv) = interview_of(&w.draft) {
                if more_than_hours_after(iv, date, THANK_YOU_HOURS) {
                    w.flags.push(Flag::Late);
                }
            }
        } else if w.draft.kind == NoteKind::CheckIn {
            let earliest = match check_ins_sent.last() {
                None => opens,
                Some(prev) => prev.plus(Span::days(WAIT_DAYS)),
            };
            if check_ins_sent.len() >= MAX_CHECK_INS {
                w.flags.push(Flag::TooMany);
            } else if earliest.is_some_and(|e| is_before(date, e)) {
                w.flags.push(Flag::Early);
            }
            check_ins_sent.push(date);
        }
    }

    let mut next = Vec::new();
    let status = if let Some((kind, _, _)) = &close {
        if *kind == NoteKind::Withdrawal {
            Status::Withdrawn
        } else {
            Status::Rejected
        }
    } else if let Some(w) = written.iter().find(|w| is_close(w.draft.kind)) {
        let (action, reason) = if w.draft.kind == NoteKind::Withdrawal {
            (Action::Withdrawal, "once your mind is made up")
        } else {
            (Action::RejectionReply, "within a day or two of the news")
        };
        next.push(Step {
            action,
            to: w.draft.to.clone(),
            draft: Some(w.draft.path.clone()),
            state: State::Due,
            by: None,
            from: None,
            reason: format!("{reason}; nothing follows it"),
        });
        Status::Open
    } else {
        thank_you_steps(&written, interviewed, thanked, today, &mut next);
        if next.is_empty() {
            check_in_step(
                &written,
                &check_ins_sent,
                (opens, opens_reason),
                today,
                &mut next,
            )
        } else {
            Status::Open
        }
    };
    Ok(Application {
        company,
        role,
        interviewed,
        timeline,
        written,
        next,
        status,
    })
}

/// A thank-you step for every interviewer (`to:` of a thank-you or
/// recovery draft) whose note has not gone out.
fn thank_you_steps(
    written: &[Written],
    interviewed: Option<Moment>,
    thanked: Option<Moment>,
    today: Moment,
    next: &mut Vec<Step>,
) {
    let step = |draft: Option<&Draft>, to: Option<String>| {
        let iv = draft.and_then(|d| d.interviewed).or(interviewed);
        let by = iv.and_then(thank_you_deadline);
        let overdue = iv.is_some_and(|iv| more_than_hours_after(iv, today, THANK_YOU_HOURS));
        Step {
            action: Action::ThankYou,
            to,
            draft: draft.map(|d| d.path.clone()),
            state: if overdue { State::Overdue } else { State::Due },
            by,
            from: None,
            reason: match iv {
                Some(Moment::At(_)) => "within 24 hours of the interview".to_string(),
                Some(Moment::Day(_)) => "by the day after the interview".to_string(),
                None => "as soon as you can: no interview date known".to_string(),
            },
        }
    };
    let thank_yous: Vec<&Written> = written
        .iter()
        .filter(|w| is_thank_you(w.draft.kind))
        .collect();
    if thank_yous.is_empty() {
        let contacted = thanked.is_some()
            || written
                .iter()
                .any(|w| w.sent && w.draft.kind == NoteKind::CheckIn);
        if !contacted {
            let mut s = step(None, None);
            s.reason = format!("{}; one note to each interviewer", s.reason);
            next.push(s);
        }
        return;
    }
    let mut seen: Vec<String> = Vec::new();
    for w in &thank_yous {
        let key = w.draft.to.as_deref().map(normalise).unwrap_or_default();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let same = |o: &&&Written| o.draft.to.as_deref().map(normalise).unwrap_or_default() == key;
        if thank_yous.iter().filter(same).any(|o| o.sent) {
            continue;
        }
        next.push(step(Some(&w.draft), w.draft.to.clone()));
    }
}

/// The check-in step, or `Done` once the one extra contact has been made.
fn check_in_step(
    written: &[Written],
    sent: &[Moment],
    (opens, opens_reason): (Option<Moment>, String),
    today: Moment,
    next: &mut Vec<Step>,
) -> Status {
    let (action, from, reason) = match sent {
        [] => (Action::CheckIn, opens, opens_reason),
        [first] => (
            Action::SecondCheckIn,
            first.plus(Span::days(WAIT_DAYS)),
            "a week after the first check-in; the last contact".to_string(),
        ),
        _ => return Status::Done,
    };
    let waiting = from.is_some_and(|f| is_before(today, f));
    let draft = written
        .iter()
        .find(|w| !w.sent && w.draft.kind == NoteKind::CheckIn)
        .map(|w| &w.draft);
    let reason = if waiting && draft.is_some() {
        format!("{reason}; sending the draft now would be early")
    } else {
        reason
    };
    next.push(Step {
        action,
        to: draft.and_then(|d| d.to.clone()),
        draft: draft.map(|d| d.path.clone()),
        state: if waiting { State::Waiting } else { State::Due },
        by: None,
        from,
        reason,
    });
    Status::Open
}
