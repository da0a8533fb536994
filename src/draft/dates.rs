//! Dates and date-times from front matter and `--today`, and decision timelines.

pub use crate::draft::calendar::{Date, DateTime, Span};

/// A moment as the user wrote it: a calendar day, or a day with a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A calendar day with no time of day.
    Day(Date),
    /// A day and a time of day (no time zone: all of a note's dates share one).
    At(DateTime),
}

impl Moment {
    /// Parses `2026-11-20`, `2026-11-20T15:00`, `2026-11-20 15:00` or with seconds.
    pub fn parse(text: &str) -> Result<Moment, String> {
        let text = text.trim();
        if text.len() == 10 {
            return text
                .parse::<Date>()
                .map(Moment::Day)
                .map_err(|_| bad_date(text));
        }
        let normalised = text.replacen(' ', "T", 1);
        normalised
            .parse::<DateTime>()
            .map(Moment::At)
            .map_err(|_| bad_date(text))
    }

    /// The calendar day.
    pub fn date(self) -> Date {
        match self {
            Moment::Day(d) => d,
            Moment::At(dt) => dt.date(),
        }
    }

    /// The time, when one was given.
    pub fn datetime(self) -> Option<DateTime> {
        match self {
            Moment::Day(_) => None,
            Moment::At(dt) => Some(dt),
        }
    }

    /// This moment moved forward by `span`, keeping its precision.
    pub fn plus(self, span: Span) -> Option<Moment> {
        match self {
            Moment::Day(d) => d.checked_add(span).map(Moment::Day),
            Moment::At(dt) => dt.checked_add(span).map(Moment::At),
        }
    }

    /// The current local date and time (UTC without the `native` feature,
    /// which leaves the time-zone database out; a clock before 1970 or
    /// none at all reads as 1970-01-01).
    pub fn now() -> Moment {
        #[cfg(feature = "native")]
        {
            let now = jiff::Zoned::now().datetime();
            let to = |n: i8| u32::try_from(n).unwrap_or_default();
            let local = Date::new(i32::from(now.year()), to(now.month()), to(now.day()))
                .and_then(|d| d.at(to(now.hour()), to(now.minute()), to(now.second())));
            if let Some(at) = local {
                return Moment::At(at);
            }
        }
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        DateTime::from_unix_seconds(seconds).map_or(Moment::Day(Date::UNIX_EPOCH), Moment::At)
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Moment::Day(d) => write!(f, "{d}"),
            Moment::At(dt) => write!(f, "{dt}"),
        }
    }
}

fn bad_date(text: &str) -> String {
    format!("`{text}` is not a date: write `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`")
}

/// `later` is strictly more than `hours` after `earlier`; with a date on
/// either side, compares calendar days instead (more than `hours / 24` days).
pub fn more_than_hours_after(earlier: Moment, later: Moment, hours: u32) -> bool {
    match (earlier.datetime(), later.datetime()) {
        (Some(a), Some(b)) => a.seconds_until(b) > i64::from(hours) * 3600,
        _ => earlier.date().days_until(later.date()) > i64::from(hours / 24),
    }
}

/// `moment` comes before `deadline`; with a date on either side, compares days.
pub fn is_before(moment: Moment, deadline: Moment) -> bool {
    match (moment.datetime(), deadline.datetime()) {
        (Some(a), Some(b)) => a < b,
        _ => moment.date() < deadline.date(),
    }
}

/// Parses a decision timeline such as `2 weeks`, `10 days`, `one month`.
pub fn parse_timeline(text: &str) -> Result<Span, String> {
    let lowered = text.trim().to_lowercase();
    let mut words = lowered.split_whitespace();
    let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
        return Err(bad_timeline(text));
    };
    let count: i64 = match count.parse() {
        Ok(n) => n,
        Err(_) => number_word(count).ok_or_else(|| bad_timeline(text))?,
    };
    if !(0..=3650).contains(&count) {
        return Err(bad_timeline(text));
    }
    match unit.trim_end_matches('s') {
        "day" => Ok(Span::days(count)),
        "week" => Ok(Span::weeks(count)),
        "month" => Ok(Span::months(count)),
        _ => Err(bad_timeline(text)),
    }
}

fn number_word(word: &str) -> Option<i64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        _ => WORDS.iter().position(|w| *w == word).map(|n| n as i64),
    }
}

fn bad_timeline(text: &str) -> String {
    format!("`{text}` is not a timeline: write a number and a unit, like `10 days` or `2 weeks`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Moment {
        Moment::parse(s).unwrap()
    }

    #[test]
    fn late_compares_hours_or_days() {
        assert!(!more_than_hours_after(
            m("2026-11-20T15:00"),
            m("2026-11-21T15:00"),
            24
        ));
        assert!(more_than_hours_after(
            m("2026-11-20T15:00"),
            m("2026-11-21T15:01"),
            24
        ));
        assert!(!more_than_hours_after(
            m("2026-11-20"),
            m("2026-11-21T23:00"),
            24
        ));
        assert!(more_than_hours_after(m("2026-11-19"), m("2026-11-21"), 24));
    }

    #[test]
    fn timeline_boundary_by_day() {
        let deadline = m("2026-11-11")
            .plus(parse_timeline("10 days").unwrap())
            .unwrap();
        assert!(!is_before(m("2026-11-21T12:00"), deadline));
        assert!(is_before(m("2026-11-20T23:59"), deadline));
        assert!(parse_timeline("soon").is_err());
        assert_eq!(parse_timeline("two weeks").unwrap().get_weeks(), 2);
    }

    #[test]
    fn rejects_bad_dates() {
        assert!(Moment::parse("2026-13-01").is_err());
        assert!(Moment::parse("next friday").is_err());
        assert!(Moment::parse("2026-11-20 09:30").is_ok());
    }
}
