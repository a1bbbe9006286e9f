//! The working-day calendar: the notices' data, the law's counting examples
//! across holidays with make-up working days, unknown years, properties.

use chrono::{Datelike, Duration, NaiveDate};
use pingcha::calendar::Calendar;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn national_day_2024_service_example() {
    let c = Calendar::builtin();
    // src/rules/README.md: decision Fri 2024-09-27; 09-29 (Sun) and 10-12 (Sat)
    // are make-up working days; 10-01…10-07 off.
    assert_eq!(c.is_workday(d("2024-09-29")), Some(true));
    assert_eq!(c.is_workday(d("2024-10-12")), Some(true));
    for day in 1..=7 {
        assert_eq!(c.is_workday(d(&format!("2024-10-0{day}"))), Some(false));
    }
    assert_eq!(c.add_workdays(d("2024-09-27"), 7), Some(d("2024-10-12")));
    assert_eq!(
        c.workdays_between(d("2024-09-27"), d("2024-10-12")),
        Some(7)
    );
    assert_eq!(
        c.workdays_between(d("2024-09-27"), d("2024-10-14")),
        Some(8)
    );
}

#[test]
fn spring_festival_2025_with_make_up_days() {
    let c = Calendar::builtin();
    // 1-26 (Sun) and 2-8 (Sat) work; 1-28 … 2-4 off (8 days).
    assert_eq!(c.is_workday(d("2025-01-26")), Some(true));
    assert_eq!(c.is_workday(d("2025-02-08")), Some(true));
    assert_eq!(c.is_workday(d("2025-01-28")), Some(false));
    assert_eq!(c.is_workday(d("2025-02-04")), Some(false));
    // Decision Fri 2025-01-24: 1-26, 1-27, 2-5, 2-6, 2-7, 2-8, 2-10.
    assert_eq!(c.add_workdays(d("2025-01-24"), 7), Some(d("2025-02-10")));
    assert_eq!(c.add_workdays(d("2025-01-24"), 6), Some(d("2025-02-08")));
    assert_eq!(
        c.workdays_between(d("2025-01-24"), d("2025-02-11")),
        Some(8)
    );
}

#[test]
fn the_notices_own_counts_of_days_off() {
    let c = Calendar::builtin();
    let mut checked = 0;
    for n in c.notices() {
        assert!(n.notice.contains(&n.year.to_string()), "{}", n.notice);
        assert!(n.doc_no.starts_with("国办发明电〔"), "{}", n.doc_no);
        for h in &n.holidays {
            let len = (h.to - h.from).num_days() + 1;
            if let Some(days) = h.days {
                assert_eq!(len, days as i64, "{} {} 共 {days} 天", n.year, h.name);
                checked += 1;
            }
            let mut x = h.from;
            while x <= h.to {
                if c.knows(x.year()) {
                    assert_eq!(c.is_workday(x), Some(false), "{x} ({})", h.name);
                }
                x += Duration::days(1);
            }
        }
        for w in &n.workdays {
            assert!(
                w.weekday().number_from_monday() >= 6,
                "{w} is a weekend day"
            );
            assert_eq!(c.is_workday(*w), Some(true), "{w}");
        }
    }
    assert!(checked >= 40, "{checked}");
    // A few totals as the notices state them.
    let total = |y: i32, name: &str| {
        c.notices()
            .iter()
            .find(|n| n.year == y)
            .and_then(|n| n.holidays.iter().find(|h| h.name.contains(name)))
            .and_then(|h| h.days)
    };
    assert_eq!(total(2025, "春节"), Some(8));
    assert_eq!(total(2024, "春节"), Some(8));
    assert_eq!(total(2026, "春节"), Some(9));
    assert_eq!(total(2025, "国庆"), Some(8));
    assert_eq!(total(2023, "国庆"), Some(8));
    assert_eq!(total(2019, "劳动节"), Some(4));
    assert_eq!(
        total(2020, "春节"),
        Some(10),
        "extended by 国办发明电〔2020〕1号"
    );
}

#[test]
fn working_days_per_year() {
    // Each year's count of working days (weekdays − weekday holidays + make-up days),
    // as the notices give them (also matches chinese_calendar, see scripts/check-holidays.py).
    let c = Calendar::builtin();
    let count = |y: i32| {
        c.workdays_between(
            NaiveDate::from_ymd_opt(y - 1, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
        )
    };
    let first = |y: i32| {
        let mut n = 0;
        let mut x = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        while x.year() == y {
            n += c.is_workday(x).unwrap() as i64;
            x += Duration::days(1);
        }
        n
    };
    // The start day (2018-12-31, no data) is not counted, so 2019 counts too.
    for y in 2019..=2026 {
        assert_eq!(count(y), Some(first(y)), "{y}");
    }
    assert_eq!(first(2024), 251); // 262 weekdays − 19 weekday holidays + 8 make-up days
    assert_eq!(first(2025), 248); // 261 weekdays − 18 weekday holidays + 5 make-up days
}

#[test]
fn years_without_data_are_unknown() {
    let c = Calendar::builtin();
    assert_eq!(c.years(), (2019..=2026).collect::<Vec<_>>());
    assert_eq!(c.is_workday(d("2027-03-01")), None);
    assert_eq!(c.is_workday(d("2018-06-01")), None);
    assert_eq!(c.add_workdays(d("2026-12-28"), 7), None);
    assert_eq!(c.workdays_between(d("2026-12-28"), d("2027-01-08")), None);
    assert_eq!(c.missing_year(d("2026-12-28"), d("2027-01-08")), Some(2027));
    assert_eq!(c.period_end(d("2026-12-20"), 15), None);
}

#[test]
fn period_end_moves_to_the_first_working_day() {
    let c = Calendar::builtin();
    // 90 days from 2024-07-03 is 2024-10-01 (国庆): ends 2024-10-08.
    assert_eq!(c.period_end(d("2024-07-03"), 90), Some(d("2024-10-08")));
    // Ends on a make-up working Saturday: no move.
    assert_eq!(c.period_end(d("2025-01-24"), 15), Some(d("2025-02-08")));
    // Ends on an ordinary Sunday: moved to Monday.
    assert_eq!(c.period_end(d("2024-10-12"), 15), Some(d("2024-10-28")));
}

#[test]
fn a_calendar_from_files_and_a_bad_file() {
    let one = "year = 2030\nnotice = \"n\"\ndoc_no = \"x\"\nworkdays = [\"2030-01-05\"]\n[[holidays]]\nname = \"元旦\"\nfrom = \"2030-01-01\"\nto = \"2030-01-01\"\n";
    let c = Calendar::from_toml([("2030.toml", one)]).unwrap();
    assert_eq!(c.years(), vec![2030]);
    assert_eq!(c.is_workday(d("2030-01-01")), Some(false));
    assert_eq!(c.is_workday(d("2030-01-05")), Some(true));
    assert_eq!(c.is_workday(d("2029-12-31")), None);
    let bad = one.replace("to = \"2030-01-01\"", "to = \"2030-02-30\"");
    let e = Calendar::from_toml([("2030.toml", bad.as_str())]).unwrap_err();
    assert_eq!((e.line, e.col), (8, 7), "{e}");
    assert!(e.to_string().starts_with("2030.toml:8:7: "), "{e}");
}

#[test]
fn a_new_years_notice_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2027.toml"),
        "year = 2027\nnotice = \"国务院办公厅关于2027年部分节假日安排的通知\"\ndoc_no = \"待定\"\n[[holidays]]\nname = \"元旦\"\nfrom = \"2027-01-01\"\nto = \"2027-01-03\"\ndays = 3\n",
    )
    .unwrap();
    let c = Calendar::builtin_with_dir(dir.path()).unwrap();
    assert_eq!(c.years(), (2019..=2027).collect::<Vec<_>>());
    assert_eq!(c.is_workday(d("2027-01-01")), Some(false));
    // Counting runs on across the year end.
    assert_eq!(c.add_workdays(d("2026-12-31"), 1), Some(d("2027-01-04")));
}

fn known_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(365 * 8 - 120)).prop_map(|k| d("2019-01-01") + Duration::days(k))
}

proptest! {
    #[test]
    fn nth_working_day_after_is_a_working_day(start in known_date(), n in 1i64..60) {
        let c = Calendar::builtin();
        let x = c.add_workdays(start, n).unwrap();
        prop_assert!(x > start);
        prop_assert_eq!(c.is_workday(x), Some(true));
        prop_assert_eq!(c.workdays_between(start, x), Some(n));
        // No working day is skipped: the one before is the (n-1)-th.
        let prev = c.add_workdays(x, -1).unwrap();
        prop_assert!(prev <= start || c.workdays_between(start, prev) == Some(n - 1));
    }

    #[test]
    fn forward_and_back_agree(start in known_date(), n in 1i64..60) {
        let c = Calendar::builtin();
        let w = c.add_workdays(start, 0).unwrap();
        let w = if c.is_workday(w).unwrap() { w } else { c.add_workdays(w, 1).unwrap() };
        let x = c.add_workdays(w, n).unwrap();
        prop_assert_eq!(c.add_workdays(x, -n), Some(w));
        prop_assert_eq!(c.workdays_between(x, w), Some(-n));
    }

    #[test]
    fn counting_matches_a_day_by_day_walk(a in known_date(), len in 0i64..100) {
        let c = Calendar::builtin();
        let b = a + Duration::days(len);
        let mut n = 0;
        let mut x = a;
        while x < b {
            x += Duration::days(1);
            n += c.is_workday(x).unwrap() as i64;
        }
        prop_assert_eq!(c.workdays_between(a, b), Some(n));
    }
}

#[test]
fn the_demo_calendar_agrees_with_the_notices() {
    let c = Calendar::builtin();
    let mut x = d("2024-01-01");
    while x <= d("2025-12-31") {
        assert_eq!(Some(pingcha::demo::is_workday(x)), c.is_workday(x), "{x}");
        x += Duration::days(1);
    }
}
