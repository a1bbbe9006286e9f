//! The Chinese working-day calendar (工作日历), from the State Council's yearly
//! holiday notices (国务院办公厅关于<year>年部分节假日安排的通知).
//!
//! A date is a **working day** when it is a make-up working day (调休上班) of
//! the notice, or a Monday–Friday that the notice does not list as a day off.
//! A date in a year the calendar has no notice for is **unknown** (`None`): the
//! calendar never guesses from weekends.
//!
//! Counting (see `src/rules/README.md`): the start day is not counted; the
//! n-th working day after `d` is the n-th working day strictly after `d`;
//! `workdays_between(a, b)` counts the working days in `(a, b]`.
//!
//! Data: `data/holidays/<year>.toml`, embedded at compile time:
//!
//! ```toml
//! year = 2024
//! notice = "国务院办公厅关于2024年部分节假日安排的通知"
//! doc_no = "国办发明电〔2023〕7号"
//! workdays = ["2024-02-04", "2024-02-18"]   # 调休上班
//! [[holidays]]
//! name = "春节"
//! from = "2024-02-10"
//! to = "2024-02-17"
//! days = 8                                 # the notice's own “共 N 天”, optional
//! ```
//!
//! Lookups are O(1): each year is a table of 366 flags plus a running count
//! of working days, so the checks over 100,000 files stay well under a second.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;
use std::fmt;

/// The embedded notices, 2019–2026.
const BUILTIN: &[(&str, &str)] = &[
    ("2019.toml", include_str!("../../data/holidays/2019.toml")),
    ("2020.toml", include_str!("../../data/holidays/2020.toml")),
    ("2021.toml", include_str!("../../data/holidays/2021.toml")),
    ("2022.toml", include_str!("../../data/holidays/2022.toml")),
    ("2023.toml", include_str!("../../data/holidays/2023.toml")),
    ("2024.toml", include_str!("../../data/holidays/2024.toml")),
    ("2025.toml", include_str!("../../data/holidays/2025.toml")),
    ("2026.toml", include_str!("../../data/holidays/2026.toml")),
];

/// One holiday of a notice, as the notice states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The notice's own count of days off (“共 N 天”), when it states one.
    pub days: Option<u32>,
}

/// One year's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub year: i32,
    /// The notice's title.
    pub notice: String,
    /// Its 文号, e.g. `国办发明电〔2023〕7号`.
    pub doc_no: String,
    pub note: Option<String>,
    pub holidays: Vec<Holiday>,
    /// 调休上班: weekend days that are working days.
    pub workdays: Vec<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    from: String,
    to: String,
    #[serde(default)]
    days: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotice {
    year: i32,
    notice: String,
    doc_no: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    workdays: Vec<String>,
    #[serde(default)]
    holidays: Vec<RawHoliday>,
}

/// A holiday file that cannot be read: `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for CalendarError {}

/// 1-based (line, column in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

fn parse_date(s: &str, what: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{what} “{s}” 不是有效日期（应为 YYYY-MM-DD）"))
}

impl Notice {
    /// Parses one holiday file; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Notice, CalendarError> {
        let err_at = |offset: usize, message: String| {
            let (line, col) = line_col(text, offset);
            CalendarError {
                file: file.to_string(),
                line,
                col,
                message,
            }
        };
        let raw: RawNotice = toml::from_str(text).map_err(|e| {
            let off = e.span().map(|s| s.start).unwrap_or(0);
            err_at(off, crate::error::toml_what(&e))
        })?;
        let find = |needle: &str| text.find(needle).unwrap_or(0);
        if !(1900..=2100).contains(&raw.year) {
            return Err(err_at(
                find("year"),
                format!("年份 {} 不在 1900—2100 之间", raw.year),
            ));
        }
        // A notice's days lie in its year, or the days next to it (元旦
        // starting in December).
        let near = |d: NaiveDate| (raw.year - 1..=raw.year + 1).contains(&d.year());
        let mut holidays = Vec::new();
        for h in raw.holidays {
            let from = parse_date(&h.from, "from").map_err(|m| err_at(find(&h.from), m))?;
            let to = parse_date(&h.to, "to").map_err(|m| err_at(find(&h.to), m))?;
            if to < from {
                return Err(err_at(find(&h.to), format!("{}：to 早于 from", h.name)));
            }
            if !near(from) || !near(to) || (to - from).num_days() > 31 {
                return Err(err_at(
                    find(&h.from),
                    format!(
                        "{}：{from} 至 {to} 不像是 {} 年通知中的一个假期（应在该年前后，且不超过 31 天）",
                        h.name, raw.year
                    ),
                ));
            }
            holidays.push(Holiday {
                name: h.name,
                from,
                to,
                days: h.days,
            });
        }
        let mut workdays = Vec::new();
        for w in &raw.workdays {
            let d = parse_date(w, "workdays").map_err(|m| err_at(find(w), m))?;
            if !near(d) {
                return Err(err_at(
                    find(w),
                    format!("workdays 中的 {d} 不在 {} 年前后", raw.year),
                ));
            }
            workdays.push(d);
        }
        Ok(Notice {
            year: raw.year,
            notice: raw.notice,
            doc_no: raw.doc_no,
            note: raw.note,
            holidays,
            workdays,
        })
    }
}

/// One year: a working-day flag per day and the running count.
#[derive(Debug, Clone)]
struct Year {
    /// `work[i]`: day `i` (0-based ordinal) is a working day.
    work: Vec<bool>,
    /// `prefix[i]`: working days among days `0..i` of the year.
    prefix: Vec<u32>,
    /// Working days in the contiguous run of known years before this year.
    base: i64,
}

/// The working-day calendar.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    first: i32,
    /// Years `first ..`; `None` = no notice for that year.
    years: Vec<Option<Year>>,
    notices: Vec<Notice>,
}

fn weekday_work(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn days_in_year(y: i32) -> usize {
    if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
        366
    } else {
        365
    }
}

impl Calendar {
    /// The calendar of the embedded notices (2019–2026).
    pub fn builtin() -> Self {
        let notices = BUILTIN
            .iter()
            .map(|(f, t)| {
                Notice::from_toml(&format!("data/holidays/{f}"), t)
                    .unwrap_or_else(|e| panic!("embedded holiday data: {e}"))
            })
            .collect();
        Calendar::from_notices(notices)
    }

    /// A calendar from holiday files: `(file name, TOML text)`.
    pub fn from_toml<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, CalendarError> {
        let mut notices = Vec::new();
        for (f, t) in files {
            notices.push(Notice::from_toml(f, t)?);
        }
        Ok(Calendar::from_notices(notices))
    }

    /// The built-in notices plus every `*.toml` in `dir` (a file for a year
    /// the binary already knows replaces it): how a new year's notice is added
    /// before the next release.
    pub fn builtin_with_dir(dir: &std::path::Path) -> Result<Self, CalendarError> {
        let mut notices: Vec<Notice> = Calendar::builtin().notices;
        let io = |e: std::io::Error| CalendarError {
            file: dir.display().to_string(),
            line: 0,
            col: 0,
            message: format!("无法读取：{e}"),
        };
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let text = crate::textfile::read_small(&p).map_err(io)?;
            let n = Notice::from_toml(
                &p.display().to_string(),
                text.trim_start_matches('\u{feff}'),
            )?;
            notices.retain(|x| x.year != n.year);
            notices.push(n);
        }
        Ok(Calendar::from_notices(notices))
    }

    /// A calendar from parsed notices (a later notice of the same year wins).
    pub fn from_notices(mut notices: Vec<Notice>) -> Self {
        notices.sort_by_key(|n| n.year);
        notices.dedup_by(|later, earlier| {
            if later.year == earlier.year {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        let Some(first) = notices.first().map(|n| n.year) else {
            return Calendar::default();
        };
        let last = notices.last().map(|n| n.year).unwrap_or(first);
        let mut years: Vec<Option<Year>> = (first..=last).map(|_| None).collect();
        for n in &notices {
            let y = n.year;
            let len = days_in_year(y);
            let start = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
            let work: Vec<bool> = (0..len)
                .map(|i| weekday_work(start + Duration::days(i as i64)))
                .collect();
            years[(y - first) as usize] = Some(Year {
                work,
                prefix: Vec::new(),
                base: 0,
            });
        }
        // Apply every notice's days to whichever known year they fall in
        // (元旦 often starts in the previous December).
        let mut set = |d: NaiveDate, v: bool| {
            let k = d.year() - first;
            if k >= 0
                && let Some(Some(y)) = years.get_mut(k as usize)
            {
                y.work[d.ordinal0() as usize] = v;
            }
        };
        for n in &notices {
            for h in &n.holidays {
                let mut d = h.from;
                while d <= h.to {
                    set(d, false);
                    d += Duration::days(1);
                }
            }
        }
        for n in &notices {
            for &w in &n.workdays {
                set(w, true);
            }
        }
        let mut base = 0i64;
        for y in years.iter_mut() {
            match y {
                Some(y) => {
                    let mut prefix = Vec::with_capacity(y.work.len() + 1);
                    let mut c = 0u32;
                    prefix.push(0);
                    for &w in &y.work {
                        c += w as u32;
                        prefix.push(c);
                    }
                    y.prefix = prefix;
                    y.base = base;
                    base += c as i64;
                }
                None => base = 0,
            }
        }
        Calendar {
            first,
            years,
            notices,
        }
    }

    fn year(&self, y: i32) -> Option<&Year> {
        let k = y.checked_sub(self.first)?;
        if k < 0 {
            return None;
        }
        self.years.get(k as usize)?.as_ref()
    }

    /// The years the calendar has a notice for.
    pub fn years(&self) -> Vec<i32> {
        self.notices.iter().map(|n| n.year).collect()
    }

    /// The notices, by year.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Whether the calendar has the year's notice.
    pub fn knows(&self, year: i32) -> bool {
        self.year(year).is_some()
    }

    /// The first year in `a.year() ..= b.year()` without data (None when all known).
    pub fn missing_year(&self, a: NaiveDate, b: NaiveDate) -> Option<i32> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        (lo.year()..=hi.year()).find(|&y| !self.knows(y))
    }

    /// Is `d` a working day? `None` when the year has no data.
    pub fn is_workday(&self, d: NaiveDate) -> Option<bool> {
        self.year(d.year()).map(|y| y.work[d.ordinal0() as usize])
    }

    /// Working days from the start of `d`'s run of known years up to and
    /// including `d`; with the year's data.
    fn rank(&self, d: NaiveDate) -> Option<(i64, &Year)> {
        let y = self.year(d.year())?;
        Some((y.base + y.prefix[d.ordinal0() as usize + 1] as i64, y))
    }

    /// Working days after `a` up to and including `b` (negative when `b < a`:
    /// minus the working days after `b` up to and including `a`). `None` when
    /// a year in between has no data.
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> Option<i64> {
        if a == b {
            return Some(0);
        }
        if b < a {
            return self.workdays_between(b, a).map(|n| -n);
        }
        // Counted days are (a, b]; every year from a+1 to b must be known and
        // in one run (no gap year), which `missing_year` ensures.
        let a1 = a + Duration::days(1);
        if self.missing_year(a1, b).is_some() {
            return None;
        }
        let (rb, _) = self.rank(b)?;
        let (ra1, y1) = self.rank(a1)?;
        let w1 = y1.work[a1.ordinal0() as usize] as i64;
        Some(rb - (ra1 - w1))
    }

    /// The n-th working day after `d` (the start day not counted); for
    /// negative `n`, the |n|-th working day before `d`; `d` itself for 0.
    /// `None` when the count runs into a year without data.
    pub fn add_workdays(&self, d: NaiveDate, n: i64) -> Option<NaiveDate> {
        if n == 0 {
            return Some(d);
        }
        if n > 0 && !self.knows(d.year()) {
            // Counting forward needs only the days after `d`: start from the
            // next day (a 31 December of a year without data is enough).
            let next = d + Duration::days(1);
            let w = self.is_workday(next)? as i64;
            return self.add_workdays(next, n - w);
        }
        let (r, _) = self.rank(d)?;
        let w = self.is_workday(d)? as i64;
        // Target rank: the working day with that running count.
        let target = if n > 0 { r + n } else { r - w + n + 1 };
        // Find the year holding it, walking from d's year.
        let mut y = d.year();
        loop {
            let year = self.year(y)?;
            let lo = year.base;
            let hi = year.base + *year.prefix.last()? as i64;
            if target <= lo {
                if n > 0 || target < 1 {
                    return None;
                }
                y -= 1;
                continue;
            }
            if target > hi {
                if n < 0 {
                    return None;
                }
                y += 1;
                continue;
            }
            let want = (target - lo) as u32;
            // First index i with prefix[i + 1] >= want: that day is the working day.
            let i = year.prefix.partition_point(|&c| c < want) - 1;
            return NaiveDate::from_yo_opt(y, i as u32 + 1);
        }
    }

    /// The first working day on or after `d`.
    pub fn next_workday_on_or_after(&self, d: NaiveDate) -> Option<NaiveDate> {
        if self.is_workday(d)? {
            Some(d)
        } else {
            self.add_workdays(d, 1)
        }
    }

    /// The last day of a calendar-day period of `days` days starting on
    /// `start` (the start day not counted): `start + days`, or — when that day
    /// is not a working day (a statutory holiday or a weekend rest day) — the
    /// first working day after it. `None` when that needs data the calendar
    /// does not have.
    pub fn period_end(&self, start: NaiveDate, days: i64) -> Option<NaiveDate> {
        self.next_workday_on_or_after(start + Duration::days(days))
    }

    /// The holidays of the notices with a day in `(a, b]`, in date order.
    pub fn holidays_within(&self, a: NaiveDate, b: NaiveDate) -> Vec<&Holiday> {
        let mut v: Vec<&Holiday> = self
            .notices
            .iter()
            .flat_map(|n| n.holidays.iter())
            .filter(|h| h.to > a && h.from <= b)
            .collect();
        v.sort_by_key(|h| h.from);
        v
    }

    /// The make-up working days (调休上班) of the notices in `(a, b]`, in
    /// date order.
    pub fn make_up_days_within(&self, a: NaiveDate, b: NaiveDate) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = self
            .notices
            .iter()
            .flat_map(|n| n.workdays.iter().copied())
            .filter(|d| *d > a && *d <= b)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The holiday (by the notice's name) that `d` falls in, if any.
    pub fn holiday_of(&self, d: NaiveDate) -> Option<&Holiday> {
        self.notices
            .iter()
            .flat_map(|n| n.holidays.iter())
            .find(|h| h.from <= d && d <= h.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn national_day_2024() {
        let c = Calendar::builtin();
        assert_eq!(c.is_workday(d(2024, 9, 29)), Some(true));
        assert_eq!(c.is_workday(d(2024, 10, 1)), Some(false));
        assert_eq!(c.add_workdays(d(2024, 9, 27), 7), Some(d(2024, 10, 12)));
        assert_eq!(c.workdays_between(d(2024, 9, 27), d(2024, 10, 14)), Some(8));
        assert_eq!(c.add_workdays(d(2024, 10, 12), -7), Some(d(2024, 9, 27)));
    }

    #[test]
    fn across_years_and_unknown() {
        let c = Calendar::builtin();
        assert_eq!(c.add_workdays(d(2024, 12, 31), 1), Some(d(2025, 1, 2)));
        assert_eq!(c.add_workdays(d(2025, 1, 2), -1), Some(d(2024, 12, 31)));
        assert_eq!(c.is_workday(d(2027, 1, 4)), None);
        assert_eq!(c.add_workdays(d(2026, 12, 30), 5), None);
        assert_eq!(c.add_workdays(d(2019, 1, 2), -2), None);
        assert_eq!(c.workdays_between(d(2026, 12, 30), d(2027, 1, 5)), None);
        assert_eq!(c.years(), (2019..=2026).collect::<Vec<_>>());
    }

    #[test]
    fn period_end_moves_off_a_holiday() {
        let c = Calendar::builtin();
        // 2024-09-16 + 15 = 10-01 (国庆) → 10-08.
        assert_eq!(c.period_end(d(2024, 9, 16), 15), Some(d(2024, 10, 8)));
        // A make-up Saturday is a working day: the period ends on it.
        assert_eq!(c.period_end(d(2024, 9, 27), 15), Some(d(2024, 10, 12)));
    }

    #[test]
    fn bad_file_is_located() {
        let e =
            Notice::from_toml("x.toml", "year = 2030\nnotice = \"n\"\ndoc_no = 1\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 10), "{e}");
    }
}
