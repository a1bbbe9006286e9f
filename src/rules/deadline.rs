//! Deadlines: an act's date compared with the last day of a period, and the
//! words the messages use for them.
//!
//! A working-day period of `n` days from `D` ends on `add_workdays(D, n)`,
//! the n-th working day strictly after `D`; a calendar-day period of `k`
//! days ends on `D + k`, moved to the first working day after it when that
//! day is not a working day (`Calendar::period_end`). An act is late when
//! its date is after the end, whatever kind of day it falls on.

use crate::calendar::Calendar;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// An act's date against a period's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    /// On or before the last day.
    OnTime,
    /// After the last day, which is given.
    Late(NaiveDate),
    /// The last day needs the notice of this year, which the calendar lacks.
    Unknown(i32),
}

/// `act` against the `n`-th working day after `from`. Needs no data when
/// `act` is at most `n` calendar days after `from` (n working days span at
/// least n calendar days), nor when every day up to `act` is known and fewer
/// than `n` of them are working days.
pub(crate) fn workday_due(cal: &Calendar, from: NaiveDate, act: NaiveDate, n: i64) -> Due {
    if act <= from + Duration::days(n) {
        return Due::OnTime;
    }
    match cal.add_workdays(from, n) {
        Some(end) if act <= end => Due::OnTime,
        Some(end) => Due::Late(end),
        // The n-th working day lies in a year without data; an act on a
        // known day before it is on time.
        None if cal.workdays_between(from, act).is_some() => Due::OnTime,
        None => Due::Unknown(first_unknown(cal, from + Duration::days(1), act)),
    }
}

/// `act` against the end of a calendar-day period of `days` days from `from`.
pub(crate) fn period_due(cal: &Calendar, from: NaiveDate, act: NaiveDate, days: i64) -> Due {
    let last = from + Duration::days(days);
    if act <= last {
        return Due::OnTime;
    }
    match cal.period_end(from, days) {
        Some(end) if act <= end => Due::OnTime,
        Some(end) => Due::Late(end),
        None => Due::Unknown(first_unknown(cal, last, act)),
    }
}

/// The first year from `a` on that the calendar has no notice for (the year
/// after `b` when all are known: the count ran past `b`).
fn first_unknown(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> i32 {
    cal.missing_year(a, b.max(a))
        .unwrap_or_else(|| (b.year()..).find(|y| !cal.knows(*y)).unwrap_or(b.year()))
}

/// `2024年9月30日`.
pub(crate) fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `9月30日`, with the year when it is not `year`.
fn cn_day(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        format!("{}月{}日", d.month(), d.day())
    } else {
        cn_date(d)
    }
}

/// A range of days: `10月1日至7日`, `9月29日至10月6日`,
/// `2022年12月31日至2023年1月2日`, or one day `6月10日`.
fn cn_range(from: NaiveDate, to: NaiveDate, year: i32) -> String {
    if from == to {
        return cn_day(from, year);
    }
    let start = cn_day(from, year);
    let end = if from.year() != to.year() {
        cn_date(to)
    } else if from.month() != to.month() {
        format!("{}月{}日", to.month(), to.day())
    } else {
        format!("{}日", to.day())
    };
    format!("{start}至{end}")
}

/// `星期日`.
pub(crate) fn cn_weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// The notices' facts in `(a, b]` that bear on a working-day count: the
/// holidays and the make-up working days, e.g.
/// `其间国庆节假期10月1日至7日，9月29日（星期日）调休上班`. Dates are
/// written without the year when they are in `a`'s year. Empty when there is
/// none (only weekends in between).
pub(crate) fn calendar_facts(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> String {
    let year = a.year();
    let holidays: Vec<String> = cal
        .holidays_within(a, b)
        .iter()
        .map(|h| format!("{}假期{}", h.name, cn_range(h.from, h.to, year)))
        .collect();
    let make_up: Vec<String> = cal
        .make_up_days_within(a, b)
        .iter()
        .map(|d| format!("{}（{}）", cn_day(*d, year), cn_weekday(*d)))
        .collect();
    let mut parts = Vec::new();
    if !holidays.is_empty() {
        parts.push(holidays.join("、"));
    }
    if !make_up.is_empty() {
        parts.push(format!("{}调休上班", make_up.join("、")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("其间{}", parts.join("，"))
    }
}

/// The facts of a late act's working-day count, after a `；`: those from
/// `from` to the act (to the deadline when the act is more than a month
/// later, so a long delay does not list a year of holidays).
pub(crate) fn facts_suffix(
    cal: &Calendar,
    from: NaiveDate,
    end: NaiveDate,
    act: NaiveDate,
) -> String {
    let to = if act <= end + Duration::days(31) {
        act
    } else {
        end
    };
    let f = calendar_facts(cal, from, to);
    if f.is_empty() { f } else { format!("；{f}") }
}

/// Why a calendar-day period ends on `end` rather than on its `days`-th day
/// `last`, after a `，`: `，第90日2024年10月1日为国庆节假期（10月1日至7日），期限顺延至2024年10月8日`,
/// a weekend rest day, or a make-up working day that keeps it; empty when
/// the last day is an ordinary working day.
pub(crate) fn period_moved(cal: &Calendar, days: i64, last: NaiveDate, end: NaiveDate) -> String {
    let day = format!("第{days}日{}", cn_date(last));
    if end != last {
        let why = match cal.holiday_of(last) {
            Some(h) => format!(
                "为{}假期（{}）",
                h.name,
                cn_range(h.from, h.to, last.year())
            ),
            None => format!("为{}（休息日）", cn_weekday(last)),
        };
        return format!("，{day}{why}，期限顺延至{}", cn_date(end));
    }
    if cal
        .make_up_days_within(last - Duration::days(1), last)
        .contains(&last)
    {
        return format!("，{day}（{}）为调休上班日，期限不顺延", cn_weekday(last));
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_issue_example() {
        let c = Calendar::builtin();
        assert_eq!(
            workday_due(&c, d(2024, 9, 20), d(2024, 9, 30), 7),
            Due::OnTime
        );
        assert_eq!(
            workday_due(&c, d(2024, 9, 20), d(2024, 10, 7), 7),
            Due::Late(d(2024, 9, 30))
        );
        assert_eq!(
            calendar_facts(&c, d(2024, 9, 20), d(2024, 10, 7)),
            "其间国庆节假期10月1日至7日，9月29日（星期日）调休上班"
        );
        assert_eq!(calendar_facts(&c, d(2024, 9, 20), d(2024, 9, 27)), "");
    }

    #[test]
    fn ranges_and_years() {
        let c = Calendar::builtin();
        assert_eq!(
            calendar_facts(&c, d(2022, 12, 28), d(2023, 1, 3)),
            "其间元旦假期12月31日至2023年1月2日"
        );
        assert_eq!(
            calendar_facts(&c, d(2023, 9, 25), d(2023, 10, 9)),
            "其间中秋节、国庆节假期9月29日至10月6日，10月7日（星期六）、10月8日（星期日）调休上班"
        );
        assert_eq!(cn_date(d(2025, 1, 2)), "2025年1月2日");
    }

    #[test]
    fn unknown_years() {
        let c = Calendar::builtin();
        // The 7th working day after 2026-12-28 is in 2027.
        assert_eq!(
            workday_due(&c, d(2026, 12, 28), d(2027, 1, 8), 7),
            Due::Unknown(2027)
        );
        // Within seven calendar days: on time whatever the holidays.
        assert_eq!(
            workday_due(&c, d(2026, 12, 28), d(2027, 1, 4), 7),
            Due::OnTime
        );
        // A deadline in a known year, an act after it in an unknown one.
        assert_eq!(
            workday_due(&c, d(2026, 12, 10), d(2027, 1, 5), 7),
            Due::Late(d(2026, 12, 21))
        );
        // Known days up to the act, fewer than n working days among them.
        assert_eq!(
            workday_due(&c, d(2026, 12, 20), d(2026, 12, 31), 10),
            Due::OnTime
        );
        assert_eq!(
            period_due(&c, d(2026, 10, 10), d(2027, 1, 12), 90),
            Due::Unknown(2027)
        );
        // 2018 has no notice: counting from its last day needs only 2019.
        assert_eq!(c.add_workdays(d(2018, 12, 31), 1), Some(d(2019, 1, 2)));
        assert_eq!(
            workday_due(&c, d(2018, 12, 31), d(2019, 1, 11), 7),
            Due::Late(d(2019, 1, 10))
        );
    }

    #[test]
    fn a_period_moved_off_a_holiday_or_a_weekend() {
        let c = Calendar::builtin();
        assert_eq!(
            period_moved(&c, 90, d(2024, 10, 1), d(2024, 10, 8)),
            "，第90日2024年10月1日为国庆节假期（10月1日至7日），期限顺延至2024年10月8日"
        );
        assert_eq!(
            period_moved(&c, 15, d(2024, 11, 16), d(2024, 11, 18)),
            "，第15日2024年11月16日为星期六（休息日），期限顺延至2024年11月18日"
        );
        assert_eq!(
            period_moved(&c, 15, d(2024, 10, 12), d(2024, 10, 12)),
            "，第15日2024年10月12日（星期六）为调休上班日，期限不顺延"
        );
        assert_eq!(period_moved(&c, 15, d(2024, 10, 14), d(2024, 10, 14)), "");
    }
}
