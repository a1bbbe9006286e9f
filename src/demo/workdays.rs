//! Working days of 2024–2025 as the State Council's notices set them, hard-coded
//! here so the generator does not depend on the calendar it is meant to test.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

const OFF: &[(i32, u32, u32, u32)] = &[
    // (year, month, first day, last day) of each holiday, 2024 then 2025.
    (2024, 1, 1, 1),
    (2024, 2, 10, 17),
    (2024, 4, 4, 6),
    (2024, 5, 1, 5),
    (2024, 6, 10, 10),
    (2024, 9, 15, 17),
    (2024, 10, 1, 7),
    (2025, 1, 1, 1),
    (2025, 1, 28, 31),
    (2025, 2, 1, 4),
    (2025, 4, 4, 6),
    (2025, 5, 1, 5),
    (2025, 5, 31, 31),
    (2025, 6, 1, 2),
    (2025, 10, 1, 8),
];

const MAKEUP: &[(i32, u32, u32)] = &[
    (2024, 2, 4),
    (2024, 2, 18),
    (2024, 4, 7),
    (2024, 4, 28),
    (2024, 5, 11),
    (2024, 9, 14),
    (2024, 9, 29),
    (2024, 10, 12),
    (2025, 1, 26),
    (2025, 2, 8),
    (2025, 4, 27),
    (2025, 9, 28),
    (2025, 10, 11),
];

pub fn is_workday(date: NaiveDate) -> bool {
    let (y, m, day) = (date.year(), date.month(), date.day());
    if MAKEUP.iter().any(|&(a, b, c)| (a, b, c) == (y, m, day)) {
        return true;
    }
    let off = OFF
        .iter()
        .any(|&(a, b, lo, hi)| a == y && b == m && (lo..=hi).contains(&day));
    !off && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The n-th working day after `date` (n ≥ 0; 0 is the next working day on or after).
pub fn add(date: NaiveDate, n: i64) -> NaiveDate {
    let mut cur = date;
    if n == 0 {
        while !is_workday(cur) {
            cur += Duration::days(1);
        }
        return cur;
    }
    let mut left = n;
    while left > 0 {
        cur += Duration::days(1);
        if is_workday(cur) {
            left -= 1;
        }
    }
    cur
}

/// The n-th working day before `date`.
pub fn sub(date: NaiveDate, n: i64) -> NaiveDate {
    let mut cur = date;
    let mut left = n;
    while left > 0 {
        cur -= Duration::days(1);
        if is_workday(cur) {
            left -= 1;
        }
    }
    cur
}

/// Working days in (a, b].
pub fn between(a: NaiveDate, b: NaiveDate) -> i64 {
    let mut n = 0;
    let mut cur = a;
    while cur < b {
        cur += Duration::days(1);
        if is_workday(cur) {
            n += 1;
        }
    }
    n
}

pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    d(y, m, day)
}
