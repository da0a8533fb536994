//! Civil dates and times (no time zone: all of a note's dates share one)
//! and spans of months, weeks, days and hours: the arithmetic a note's
//! dates need and nothing more. Every step is checked: a result outside
//! the years -9999 to 9999 is `None`, never a panic or a wrapped value.

use std::fmt;
use std::str::FromStr;

/// The first year a date may have.
const MIN_YEAR: i32 = -9999;
/// The last year a date may have.
const MAX_YEAR: i32 = 9999;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i16,
    month: u8,
    day: u8,
}

/// A day and a time of day, to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
}

/// A length of calendar time: months, weeks, days and hours, each kept as
/// given (`2 weeks` stays two weeks, not fourteen days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    months: i64,
    weeks: i64,
    days: i64,
    hours: i64,
}

/// Whether `year` has a 29 February.
fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in `month` (1 to 12) of `year`.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// 1970-01-01, where Unix time starts.
    pub const UNIX_EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// The date `year-month-day`, when it is a real day in range.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then(|| Date {
            year: i16::try_from(year).unwrap_or_default(),
            month: u8::try_from(month).unwrap_or_default(),
            day: u8::try_from(day).unwrap_or_default(),
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before it).
    fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01, when it is in range.
    fn from_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let days = days.checked_add(719_468)?;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// This date moved by `span`: months first (a day past the end of the
    /// new month becomes its last day: 31 January plus a month is 28 or 29
    /// February), then weeks and days, then whole days of its hours.
    pub fn checked_add(self, span: Span) -> Option<Date> {
        let months = i64::from(self.year)
            .checked_mul(12)?
            .checked_add(i64::from(self.month) - 1)?
            .checked_add(span.months)?;
        let year = i32::try_from(months.div_euclid(12)).ok()?;
        let month = u32::try_from(months.rem_euclid(12) + 1).ok()?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        let moved = Date::new(year, month, self.day().min(days_in_month(year, month)))?;
        let days = span
            .weeks
            .checked_mul(7)?
            .checked_add(span.days)?
            .checked_add(span.hours / 24)?;
        Date::from_days(moved.to_days().checked_add(days)?)
    }

    /// The number of days from this date to `later` (negative when `later`
    /// comes first).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }

    /// The start of this day.
    pub fn at_midnight(self) -> DateTime {
        DateTime {
            date: self,
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
        }
    }

    /// This day at `hour:minute:second`, when that is a time of day.
    pub fn at(self, hour: u32, minute: u32, second: u32) -> Option<DateTime> {
        (hour < 24 && minute < 60 && second < 60).then(|| DateTime {
            date: self,
            hour: u8::try_from(hour).unwrap_or_default(),
            minute: u8::try_from(minute).unwrap_or_default(),
            second: u8::try_from(second).unwrap_or_default(),
            nanosecond: 0,
        })
    }

    /// `YYYYMMDD`, as iCalendar writes a day.
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = ();

    /// Reads `YYYY-MM-DD` exactly.
    fn from_str(text: &str) -> Result<Date, ()> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(());
        }
        let year = digits(&b[0..4]).ok_or(())?;
        let month = digits(&b[5..7]).ok_or(())?;
        let day = digits(&b[8..10]).ok_or(())?;
        Date::new(i32::try_from(year).map_err(|_| ())?, month, day).ok_or(())
    }
}

/// The number written by `bytes`, all ASCII digits (at most nine).
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD` (a year before 1 as `-YYYYYY`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(
                f,
                "-{:06}-{:02}-{:02}",
                -i32::from(self.year),
                self.month,
                self.day
            )
        } else {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

impl DateTime {
    /// The calendar day.
    pub fn date(self) -> Date {
        self.date
    }

    /// The moment `seconds` after 1970-01-01T00:00 (UTC, as a clock gives
    /// it), when it is in range.
    pub fn from_unix_seconds(seconds: i64) -> Option<DateTime> {
        let date = Date::from_days(seconds.div_euclid(86_400))?;
        let second_of_day = u32::try_from(seconds.rem_euclid(86_400)).ok()?;
        date.at(
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        )
    }

    /// The hour, 0 to 23.
    pub fn hour(self) -> u32 {
        u32::from(self.hour)
    }

    /// Nanoseconds since 1970-01-01T00:00.
    fn to_nanos(self) -> i128 {
        let seconds = i128::from(self.date.to_days()) * 86_400
            + i128::from(self.hour) * 3600
            + i128::from(self.minute) * 60
            + i128::from(self.second);
        seconds * 1_000_000_000 + i128::from(self.nanosecond)
    }

    /// Whole seconds from this moment to `later`, rounded towards zero
    /// (negative when `later` comes first).
    pub fn seconds_until(self, later: DateTime) -> i64 {
        let nanos = (later.to_nanos() - self.to_nanos()) / 1_000_000_000;
        i64::try_from(nanos).unwrap_or(if nanos < 0 { i64::MIN } else { i64::MAX })
    }

    /// This moment moved by `span`: the date by its months, weeks and days,
    /// then the time by its hours (which may cross days).
    pub fn checked_add(self, span: Span) -> Option<DateTime> {
        let date = self.date.checked_add(Span { hours: 0, ..span })?;
        let hours = i64::from(self.hour).checked_add(span.hours)?;
        let date = Date::from_days(date.to_days().checked_add(hours.div_euclid(24))?)?;
        Some(DateTime {
            date,
            hour: u8::try_from(hours.rem_euclid(24)).ok()?,
            ..self
        })
    }

    /// `YYYYMMDDTHHMMSS`, as iCalendar writes a time.
    pub fn compact(self) -> String {
        format!(
            "{}T{:02}{:02}{:02}",
            self.date.compact(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

impl FromStr for DateTime {
    type Err = ();

    /// Reads `YYYY-MM-DDTHH`, optionally followed by `:MM`, `:SS` and a
    /// fraction of a second (`.5`, up to nine digits).
    fn from_str(text: &str) -> Result<DateTime, ()> {
        let (date, time) = text.split_at_checked(10).ok_or(())?;
        let date: Date = date.parse()?;
        let time = time
            .strip_prefix('T')
            .or_else(|| time.strip_prefix('t'))
            .ok_or(())?;
        let (time, fraction) = match time.split_once(['.', ',']) {
            Some((time, fraction)) => (time, Some(fraction)),
            None => (time, None),
        };
        let mut parts = time.split(':');
        let mut field = |limit: u32, required: bool| -> Result<Option<u8>, ()> {
            match parts.next() {
                None if !required => Ok(None),
                Some(p) if p.len() == 2 => match digits(p.as_bytes()) {
                    Some(n) if n <= limit => Ok(u8::try_from(n).ok()),
                    _ => Err(()),
                },
                _ => Err(()),
            }
        };
        let hour = field(23, true)?.ok_or(())?;
        let minute = field(59, false)?;
        let second = if minute.is_some() {
            field(59, false)?
        } else {
            None
        };
        if parts.next().is_some() {
            return Err(());
        }
        let nanosecond = match fraction {
            None => 0,
            // A fraction needs the seconds it divides.
            Some(_) if second.is_none() => return Err(()),
            Some(f) if f.len() > 9 => return Err(()),
            Some(f) => digits(f.as_bytes()).ok_or(())? * 10u32.pow(9 - f.len() as u32),
        };
        Ok(DateTime {
            date,
            hour,
            minute: minute.unwrap_or(0),
            second: second.unwrap_or(0),
            nanosecond,
        })
    }
}

impl fmt::Display for DateTime {
    /// `YYYY-MM-DDTHH:MM` (seconds are not shown).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}", self.date, self.hour, self.minute)
    }
}

impl Span {
    /// `n` months.
    pub fn months(n: i64) -> Span {
        Span {
            months: n,
            ..Span::default()
        }
    }

    /// `n` weeks.
    pub fn weeks(n: i64) -> Span {
        Span {
            weeks: n,
            ..Span::default()
        }
    }

    /// `n` days.
    pub fn days(n: i64) -> Span {
        Span {
            days: n,
            ..Span::default()
        }
    }

    /// `n` hours.
    pub fn hours(n: i64) -> Span {
        Span {
            hours: n,
            ..Span::default()
        }
    }

    /// Its months.
    pub fn get_months(self) -> i64 {
        self.months
    }

    /// Its weeks.
    pub fn get_weeks(self) -> i64 {
        self.weeks
    }

    /// Its days.
    pub fn get_days(self) -> i64 {
        self.days
    }

    /// Its hours.
    pub fn get_hours(self) -> i64 {
        self.hours
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap_or_else(|()| panic!("{s}"))
    }

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap_or_else(|()| panic!("{s}"))
    }

    #[test]
    fn reads_and_writes_days() {
        assert_eq!(d("2026-11-20").to_string(), "2026-11-20");
        assert_eq!(d("2024-02-29").day(), 29);
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-31",
            "2026-1-01",
            "20261120",
            "2026-11-2x",
            "+026-11-20",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_and_writes_times() {
        assert_eq!(dt("2026-11-20T15:00").to_string(), "2026-11-20T15:00");
        assert_eq!(dt("2026-11-20T15").to_string(), "2026-11-20T15:00");
        assert_eq!(dt("2026-11-20T15:04:05.5").compact(), "20261120T150405");
        for bad in [
            "2026-11-20T24:00",
            "2026-11-20T15:60",
            "2026-11-20T1500",
            "2026-11-20 15:00",
            "2026-11-20T15:00:00:00",
            "2026-11-20T15:00.5",
            "2026-11-20T",
            "2026-11-20T15:0",
        ] {
            assert!(bad.parse::<DateTime>().is_err(), "{bad}");
        }
    }

    #[test]
    fn days_round_trip_across_eras() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "1900-03-01",
            "0000-01-01",
            "9999-12-31",
        ] {
            let date = d(text);
            assert_eq!(Date::from_days(date.to_days()), Some(date), "{text}");
        }
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2026-11-20").days_until(d("2026-12-01")), 11);
        assert_eq!(d("2026-12-01").days_until(d("2026-11-20")), -11);
    }

    #[test]
    fn adds_months_then_days() {
        assert_eq!(
            d("2026-01-31").checked_add(Span::months(1)),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            d("2024-01-31").checked_add(Span::months(1)),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            d("2026-11-20").checked_add(Span::weeks(2)),
            Some(d("2026-12-04"))
        );
        assert_eq!(
            d("2026-12-31").checked_add(Span::days(1)),
            Some(d("2027-01-01"))
        );
        assert_eq!(
            d("2026-11-20").checked_add(Span::months(-11)),
            Some(d("2025-12-20"))
        );
        let evening = dt("2026-11-20T22:30");
        assert_eq!(
            evening.checked_add(Span::hours(3)),
            Some(dt("2026-11-21T01:30"))
        );
        assert_eq!(evening.seconds_until(dt("2026-11-21T22:30")), 86_400);
        assert_eq!(
            DateTime::from_unix_seconds(1_795_303_845).map(DateTime::compact),
            Some("20261121T233045".to_string())
        );
        assert_eq!(
            DateTime::from_unix_seconds(-1),
            dt("1969-12-31T23:59:59").into()
        );
    }

    #[test]
    fn out_of_range_is_none_not_a_panic() {
        assert_eq!(d("9999-12-31").checked_add(Span::days(1)), None);
        assert_eq!(d("2026-11-20").checked_add(Span::days(7_304_485)), None);
        assert_eq!(d("2026-11-20").checked_add(Span::months(i64::MAX)), None);
        assert_eq!(d("2026-11-20").checked_add(Span::days(i64::MIN)), None);
        assert_eq!(
            dt("2026-11-20T10:00").checked_add(Span::hours(i64::MAX)),
            None
        );
        assert_eq!(
            d("0000-01-01")
                .checked_add(Span::days(-1))
                .map(|x| x.year()),
            Some(-1)
        );
    }
}
