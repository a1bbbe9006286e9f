//! Every deadline rule on every start date of 2019-01-01 … 2026-12-31,
//! checked against a second implementation written here: a plain day-by-day
//! loop over the holiday notices, read from `data/holidays/*.toml` by this
//! test itself (not through `pingcha::calendar`).
//!
//! For each start date D and period n (the law's, or a random one where a
//! profile sets it): an act on the period's last day is on time, an act on
//! the next calendar day — whatever day it is — and on a random later day is
//! late, with a message naming both dates and the notices' holidays and
//! make-up days that fall in between; where the last day needs a year
//! without a notice, nothing firm is raised.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use pingcha::calendar::Calendar;
use pingcha::model::{CaseFile, KnownStage, Stage, Suggestion};
use pingcha::rules::{self, Profile};
use serde_json::json;
use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

/// The notices as this test reads them.
struct Notices {
    years: BTreeSet<i32>,
    off: HashSet<NaiveDate>,
    on: HashSet<NaiveDate>,
    /// (name, from, to) of every holiday.
    holidays: Vec<(String, NaiveDate, NaiveDate)>,
}

fn date(v: &toml::Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().expect("a date string"), "%Y-%m-%d").expect("a date")
}

impl Notices {
    fn load() -> Notices {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/holidays");
        let mut n = Notices {
            years: BTreeSet::new(),
            off: HashSet::new(),
            on: HashSet::new(),
            holidays: Vec::new(),
        };
        for entry in std::fs::read_dir(dir).expect("data/holidays") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            let v: toml::Table = toml::from_str(&text).expect("toml");
            n.years.insert(v["year"].as_integer().expect("year") as i32);
            for w in v
                .get("workdays")
                .and_then(|w| w.as_array())
                .into_iter()
                .flatten()
            {
                n.on.insert(date(w));
            }
            for h in v
                .get("holidays")
                .and_then(|h| h.as_array())
                .into_iter()
                .flatten()
            {
                let (from, to) = (date(&h["from"]), date(&h["to"]));
                let name = h["name"].as_str().expect("name").to_string();
                let mut d = from;
                while d <= to {
                    n.off.insert(d);
                    d += Duration::days(1);
                }
                n.holidays.push((name, from, to));
            }
        }
        n
    }

    fn is_workday(&self, d: NaiveDate) -> Option<bool> {
        if !self.years.contains(&d.year()) {
            return None;
        }
        if self.on.contains(&d) {
            return Some(true);
        }
        if self.off.contains(&d) {
            return Some(false);
        }
        Some(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The n-th working day strictly after d, walking day by day.
    fn nth_after(&self, d: NaiveDate, n: i64) -> Option<NaiveDate> {
        let mut x = d;
        let mut k = 0;
        while k < n {
            x += Duration::days(1);
            if self.is_workday(x)? {
                k += 1;
            }
        }
        Some(x)
    }

    /// The last day of a calendar-day period: d + days, moved forward off
    /// any day that is not a working day.
    fn period_end(&self, d: NaiveDate, days: i64) -> Option<NaiveDate> {
        let mut x = d + Duration::days(days);
        while !self.is_workday(x)? {
            x += Duration::days(1);
        }
        Some(x)
    }
}

/// A tiny deterministic generator (splitmix64), so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A penalty file (普通程序) with a fine and the records the deadline rules read.
static PENALTY: LazyLock<CaseFile> = LazyLock::new(|| {
    serde_json::from_value(json!({
        "case_no": "测罚〔2024〕1号", "department": "测试局", "kind": "行政处罚",
        "procedure": "普通程序", "party": {"name": "某公司", "type": "法人"},
        "hearing_notified": true, "major_decision": true,
        "events": [
            {"stage": "立案", "date": "2024-01-02"},
            {"stage": "听证通知", "date": "2024-01-02"},
            {"stage": "听证", "date": "2024-01-02"},
            {"stage": "决定", "date": "2024-01-02"},
            {"stage": "送达", "date": "2024-01-02"},
            {"stage": "缴款", "date": "2024-01-02"}
        ],
        "decision": {"date": "2024-01-02", "measures": ["罚款"], "fine_yuan": 5000},
        "legal_review": {"received": "2024-01-02", "date": "2024-01-02", "opinion": "同意"},
        "disclosure": {"date": "2024-01-02"}
    }))
    .expect("case")
});

static LICENCE: LazyLock<CaseFile> = LazyLock::new(|| {
    serde_json::from_value(json!({
        "case_no": "测许〔2024〕1号", "department": "测试局", "kind": "行政许可",
        "events": [
            {"stage": "立案", "date": "2024-01-02"},
            {"stage": "决定", "date": "2024-01-02"},
            {"stage": "送达", "date": "2024-01-02"}
        ],
        "decision": {"date": "2024-01-02", "measures": ["准予许可"]}
    }))
    .expect("case")
});

fn penalty() -> CaseFile {
    PENALTY.clone()
}

fn licence() -> CaseFile {
    LICENCE.clone()
}

fn set(case: &mut CaseFile, stage: KnownStage, d: NaiveDate) {
    for e in case.events.iter_mut().filter(|e| e.stage.is(stage)) {
        e.date = d;
    }
}

fn set_decision(case: &mut CaseFile, d: NaiveDate) {
    set(case, KnownStage::Decision, d);
    if let Some(dec) = case.decision.as_mut() {
        dec.date = Some(d);
    }
}

/// How a rule's period is counted.
#[derive(Clone, Copy)]
enum Count {
    Workdays,
    CalendarDays,
    /// The act may come no earlier than the n-th working day (听证).
    NotBefore,
}

/// One deadline rule: its id, how it counts, and how a file with start `d`
/// and act `a` is built for it (with the period n where a profile sets it).
struct Case {
    rule: &'static str,
    count: Count,
    /// The fixed period, or None when drawn at random (profile settings).
    n: Option<i64>,
    build: fn(NaiveDate, NaiveDate, i64) -> (CaseFile, Profile),
}

static NATIONAL: LazyLock<Profile> = LazyLock::new(Profile::national);

fn national() -> Profile {
    NATIONAL.clone()
}

const CASES: &[Case] = &[
    Case {
        rule: "service",
        count: Count::Workdays,
        n: Some(7),
        build: |d, a, _| {
            let mut c = penalty();
            set_decision(&mut c, d);
            set(&mut c, KnownStage::Service, a);
            (c, national())
        },
    },
    Case {
        rule: "service",
        count: Count::Workdays,
        n: Some(10),
        build: |d, a, _| {
            let mut c = licence();
            set_decision(&mut c, d);
            set(&mut c, KnownStage::Service, a);
            (c, national())
        },
    },
    Case {
        rule: "disclosure",
        count: Count::Workdays,
        n: None,
        build: |d, a, n| {
            let mut c = penalty();
            set_decision(&mut c, d);
            c.disclosure.as_mut().expect("disclosure").date = Some(a);
            let mut p = national();
            p.disclosure.days = n;
            (c, p)
        },
    },
    Case {
        rule: "legal_review_time",
        count: Count::Workdays,
        n: None,
        build: |d, a, n| {
            let mut c = penalty();
            let r = c.legal_review.as_mut().expect("review");
            r.received = Some(d);
            r.date = Some(a);
            let mut p = national();
            // Split n into the limit and its extension, as profiles do.
            p.legal_review.extension_days = n / 3;
            p.legal_review.days = n - n / 3;
            (c, p)
        },
    },
    Case {
        rule: "decision_period",
        count: Count::Workdays,
        n: Some(20),
        build: |d, a, _| {
            let mut c = licence();
            set(&mut c, KnownStage::Filing, d);
            set_decision(&mut c, a);
            (c, national())
        },
    },
    Case {
        rule: "decision_period",
        count: Count::Workdays,
        n: Some(30),
        build: |d, a, _| {
            let mut c = licence();
            set(&mut c, KnownStage::Filing, d);
            set_decision(&mut c, a);
            c.events.push(pingcha::model::Event::new(
                Stage::Known(KnownStage::Extension),
                d,
            ));
            (c, national())
        },
    },
    Case {
        rule: "hearing_timing",
        count: Count::NotBefore,
        n: Some(7),
        build: |d, a, _| {
            let mut c = penalty();
            set(&mut c, KnownStage::HearingNotice, d);
            set(&mut c, KnownStage::Hearing, a);
            (c, national())
        },
    },
    Case {
        rule: "decision_period",
        count: Count::CalendarDays,
        n: Some(90),
        build: |d, a, _| {
            let mut c = penalty();
            set(&mut c, KnownStage::Filing, d);
            set_decision(&mut c, a);
            (c, national())
        },
    },
    Case {
        rule: "payment",
        count: Count::CalendarDays,
        n: Some(15),
        build: |d, a, _| {
            let mut c = penalty();
            set_decision(&mut c, d - Duration::days(1));
            set(&mut c, KnownStage::Service, d);
            set(&mut c, KnownStage::Payment, a);
            (c, national())
        },
    },
];

fn raised(rule: &str, c: &CaseFile, cal: &Calendar, p: &Profile) -> Vec<Suggestion> {
    rules::RULES
        .iter()
        .find(|(id, _)| *id == rule)
        .map(|(_, f)| f(c, cal, p))
        .expect("rule")
}

/// The facts the message of a late act starting on `d` must name: the
/// holidays and the make-up days in `(d, to]`.
fn assert_names_the_facts(n: &Notices, msg: &str, d: NaiveDate, to: NaiveDate) {
    for (name, from, until) in &n.holidays {
        if *until > d && *from <= to {
            assert!(msg.contains(&format!("{name}假期")), "{d}…{to}: {msg}");
        }
    }
    let mut x = d + Duration::days(1);
    while x <= to {
        if n.on.contains(&x) {
            let day = if x.year() == d.year() {
                format!("{}月{}日", x.month(), x.day())
            } else {
                cn(x)
            };
            assert!(msg.contains(&day), "{x} in {msg}");
        }
        x += Duration::days(1);
    }
    assert!(!msg.is_empty());
}

#[test]
fn every_start_date_and_every_deadline_rule_agree_with_a_day_by_day_count() {
    let notices = Notices::load();
    assert_eq!(
        notices.years.iter().copied().collect::<Vec<_>>(),
        (2019..=2026).collect::<Vec<_>>()
    );
    let cal = Calendar::builtin();
    let mut rng = Rng(20_260_101);
    let first = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let (mut late_checked, mut unknown_checked) = (0, 0);
    for case in CASES {
        let mut d = first;
        while d <= last {
            let n = case.n.unwrap_or_else(|| 1 + rng.below(20) as i64);
            let end = match case.count {
                Count::Workdays | Count::NotBefore => notices.nth_after(d, n),
                Count::CalendarDays => notices.period_end(d, n),
            };
            let check = |act: NaiveDate| {
                let (c, p) = (case.build)(d, act, n);
                raised(case.rule, &c, &cal, &p)
            };
            let what = format!("{} n={n} from {d}", case.rule);
            match (case.count, end) {
                (Count::NotBefore, Some(e)) => {
                    assert_eq!(check(e), vec![], "{what}: held on {e}");
                    let early = e - Duration::days(1);
                    if early > d {
                        let s = check(early);
                        assert!(
                            s.len() == 1 && !s[0].prompt_only,
                            "{what}: held on {early}: {s:?}"
                        );
                        assert!(s[0].message.contains(&format!("应不早于{}举行", cn(e))));
                        late_checked += 1;
                    }
                }
                (_, Some(e)) => {
                    assert_eq!(check(e), vec![], "{what}: act on the last day {e}");
                    if e - Duration::days(1) >= d {
                        let before = e - Duration::days(1 + rng.below(3) as i64);
                        if before >= d {
                            assert_eq!(check(before), vec![], "{what}: act on {before}");
                        }
                    }
                    let later = [
                        e + Duration::days(1),
                        e + Duration::days(2 + rng.below(40) as i64),
                    ];
                    for act in later {
                        let s = check(act);
                        assert!(
                            s.len() == 1 && !s[0].prompt_only,
                            "{what}: act on {act} after {e}: {s:?}"
                        );
                        let m = &s[0].message;
                        assert!(
                            m.contains(&format!("应于{}前", cn(e)))
                                && m.contains(&format!("实际{}", cn(act))),
                            "{what}: {m}"
                        );
                        if matches!(case.count, Count::Workdays) && act <= e + Duration::days(31) {
                            assert_names_the_facts(&notices, m, d, act);
                        }
                        late_checked += 1;
                    }
                }
                (count, None) => {
                    // The last day needs a year without a notice: prompts
                    // only, except a hearing on a known day, which is
                    // certainly before the unknown 7th working day.
                    for k in 0..15 {
                        let act = d + Duration::days(n + k);
                        let s = check(act);
                        if matches!(count, Count::NotBefore) && notices.is_workday(act).is_some() {
                            assert!(s.len() == 1 && !s[0].prompt_only, "{what}: {act}: {s:?}");
                        } else {
                            assert!(s.iter().all(|s| s.prompt_only), "{what}: {act}: {s:?}");
                        }
                        unknown_checked += 1;
                    }
                }
            }
            d += Duration::days(1);
        }
    }
    assert!(late_checked > 40_000, "{late_checked}");
    assert!(unknown_checked > 1_000, "{unknown_checked}");
}
