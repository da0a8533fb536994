//! The situations a follow-up note is written in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kind of a follow-up note (see the handbook's chapter for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// Right after an interview, when you want the job.
    ThankYou,
    /// After an interview, when you no longer want to be considered.
    Withdrawal,
    /// A reply to being told you did not get the job.
    RejectionReply,
    /// Asking for news once the decision date has passed.
    CheckIn,
    /// A thank-you note after a bad interview that corrects or adds one thing.
    Recovery,
    /// A LinkedIn connection request message to an interviewer.
    Linkedin,
}

impl NoteKind {
    /// Every kind, in the order the handbook lists them.
    pub const ALL: [NoteKind; 6] = [
        NoteKind::ThankYou,
        NoteKind::Withdrawal,
        NoteKind::RejectionReply,
        NoteKind::CheckIn,
        NoteKind::Recovery,
        NoteKind::Linkedin,
    ];

    /// The kebab-case name used in front matter, config and output.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::ThankYou => "thank-you",
            NoteKind::Withdrawal => "withdrawal",
            NoteKind::RejectionReply => "rejection-reply",
            NoteKind::CheckIn => "check-in",
            NoteKind::Recovery => "recovery",
            NoteKind::Linkedin => "linkedin",
        }
    }

    /// All kind names joined for error messages.
    pub fn names() -> String {
        NoteKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NoteKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NoteKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown kind `{s}` (expected one of: {})",
                    NoteKind::names()
                )
            })
    }
}

/// Where a draft's kind came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindSource {
    /// Front matter `kind:`.
    FrontMatter,
    /// Inferred from the text.
    Inferred,
}
