//! Every deadline rule at its boundary, with hand-counted last days across
//! the holidays of 2019–2026: the revised 2019 Labour Day (5-1…5-4 off,
//! 4-28 and 5-5 worked), the extended 2020 Spring Festival (1-24…2-2 off,
//! 2-1 no longer worked), the merged 2020 Mid-Autumn and National Day
//! (10-1…10-8 off, 9-27 and 10-10 worked), 2024's National Day, the 2025
//! and 2026 Spring Festivals, and 2027, which has no notice. On time on the
//! last day; late on the next calendar day, whatever day it is.
//! And `pingcha check --json` reporting it.

use pingcha::calendar::Calendar;
use pingcha::model::{CaseFile, Suggestion};
use pingcha::rules::{Profile, run_all};
use serde_json::{Value, json};

fn check(v: &Value, rule: &str) -> Vec<Suggestion> {
    let case: CaseFile = serde_json::from_value(v.clone()).expect("case");
    run_all(&case, &Calendar::builtin(), &Profile::national())
        .into_iter()
        .filter(|s| s.rule == rule)
        .collect()
}

fn events(list: &[(&str, &str)]) -> Value {
    list.iter()
        .map(|(s, d)| json!({"stage": s, "date": d}))
        .collect()
}

/// A penalty file (普通程序) decided on `dec` with the given other events.
fn penalty(dec: &str, others: &[(&str, &str)]) -> Value {
    let mut evs = vec![("决定", dec)];
    evs.extend_from_slice(others);
    json!({
        "case_no": "测罚〔2024〕1号", "department": "测试局", "kind": "行政处罚",
        "procedure": "普通程序", "party": {"name": "某公司", "type": "法人"},
        "officers": [{"name": "甲", "cert_no": "1"}, {"name": "乙", "cert_no": "2"}],
        "hearing_notified": true,
        "events": events(&evs),
        "decision": {"date": dec, "measures": ["罚款"], "fine_yuan": 5000}
    })
}

fn licence(filed: &str, dec: &str, others: &[(&str, &str)]) -> Value {
    let mut evs = vec![("立案", filed), ("决定", dec)];
    evs.extend_from_slice(others);
    json!({
        "case_no": "测许〔2024〕1号", "department": "测试局", "kind": "行政许可",
        "events": events(&evs),
        "decision": {"date": dec, "measures": ["准予许可"]}
    })
}

/// `on_time` raises nothing; `late` raises one firm suggestion whose message
/// contains each of `words`.
fn boundary(on_time: Value, late: Value, rule: &str, words: &[&str]) {
    assert_eq!(check(&on_time, rule), vec![], "{rule}: {on_time}");
    let s = check(&late, rule);
    assert_eq!(s.len(), 1, "{rule}: {late}: {s:?}");
    assert!(!s[0].prompt_only, "{s:?}");
    for w in words {
        assert!(
            s[0].message.contains(w),
            "{rule}: {w} not in {}",
            s[0].message
        );
    }
}

/// 送达 of a penalty decision: (decision, last day, the next calendar day).
const SERVICE: &[(&str, &str, &str)] = &[
    // The issue's example: 9-29 (Sun) worked; the next day is inside National Day.
    ("2024-09-20", "2024-09-30", "2024-10-01"),
    ("2024-09-20", "2024-09-30", "2024-10-07"),
    // The 7th working day is the make-up Saturday 10-12; Sunday 10-13 is late.
    ("2024-09-27", "2024-10-12", "2024-10-13"),
    // Revised 2019 Labour Day: 4-28 (Sun) worked, 5-1 … 5-4 off, 5-5 (Sun) worked.
    ("2019-04-22", "2019-04-30", "2019-05-01"),
    ("2019-04-23", "2019-05-05", "2019-05-06"),
    ("2019-04-26", "2019-05-08", "2019-05-09"),
    // Extended 2020 Spring Festival: 1-19 (Sun) worked, 1-24 … 2-2 off,
    // and 2-1 (Sat) no longer worked.
    ("2020-01-17", "2020-02-04", "2020-02-05"),
    ("2020-01-21", "2020-02-07", "2020-02-08"),
    ("2020-01-22", "2020-02-10", "2020-02-11"),
    // Merged 2020 Mid-Autumn and National Day: 9-27 (Sun) and 10-10 (Sat) worked.
    ("2020-09-23", "2020-10-09", "2020-10-10"),
    ("2020-09-24", "2020-10-10", "2020-10-11"),
    ("2020-09-25", "2020-10-12", "2020-10-13"),
    // 2025 Spring Festival: 1-26 (Sun) and 2-8 (Sat) worked.
    ("2025-01-23", "2025-02-08", "2025-02-09"),
    ("2025-01-24", "2025-02-10", "2025-02-11"),
    // 2026 Spring Festival: 2-14 (Sat) and 2-28 (Sat) worked, 2-15 … 2-23 off.
    ("2026-02-10", "2026-02-26", "2026-02-27"),
    ("2026-02-12", "2026-02-28", "2026-03-01"),
    // From the last day of a year without a notice, into a known one.
    ("2018-12-31", "2019-01-10", "2019-01-11"),
];

fn cn(d: &str) -> String {
    let p: Vec<u32> = d.split('-').map(|x| x.parse().unwrap()).collect();
    format!("{}年{}月{}日", p[0], p[1], p[2])
}

#[test]
fn service_on_the_last_day_and_the_day_after() {
    for (dec, end, next) in SERVICE {
        boundary(
            penalty(dec, &[("送达", end)]),
            penalty(dec, &[("送达", next)]),
            "service",
            &[&format!(
                "应于{}前送达，实际{}送达，逾期",
                cn(end),
                cn(next)
            )],
        );
    }
}

#[test]
fn the_issue_example_names_both_dates_and_the_calendar() {
    let s = check(&penalty("2024-09-20", &[("送达", "2024-10-07")]), "service");
    assert_eq!(
        s[0].message,
        "决定日期2024年9月20日，送达期限为决定后 7 个工作日：\
         应于2024年9月30日前送达，实际2024年10月7日送达，逾期；\
         其间国庆节假期10月1日至7日，9月29日（星期日）调休上班"
    );
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第六十一条");
    // Several holidays and make-up days, across a year end.
    let s = check(&penalty("2020-09-25", &[("送达", "2020-10-13")]), "service");
    assert!(
        s[0].message.ends_with(
            "其间国庆节、中秋节假期10月1日至8日，9月27日（星期日）、10月10日（星期六）调休上班"
        ),
        "{}",
        s[0].message
    );
    let s = check(&penalty("2022-12-26", &[("送达", "2023-01-06")]), "service");
    assert!(
        s[0].message.contains(
            "应于2023年1月5日前送达，实际2023年1月6日送达，逾期；其间元旦假期12月31日至2023年1月2日"
        ),
        "{}",
        s[0].message
    );
}

#[test]
fn disclosure_on_the_last_day_and_the_day_after() {
    for (dec, end, next) in SERVICE {
        let with = |d: &str| {
            let mut v = penalty(dec, &[("送达", dec)]);
            v["disclosure"] = json!({"date": d});
            v
        };
        boundary(
            with(end),
            with(next),
            "disclosure",
            &[&format!(
                "应于{}前公示，实际{}公示，逾期",
                cn(end),
                cn(next)
            )],
        );
    }
}

#[test]
fn legal_review_time_on_the_last_day_and_the_day_after() {
    // Five working days (全国默认) from the day the file was received.
    let cases = [
        ("2024-09-13", "2024-09-23", "2024-09-24"),
        ("2019-04-24", "2019-04-30", "2019-05-01"),
        ("2019-04-25", "2019-05-05", "2019-05-06"),
        ("2019-04-29", "2019-05-08", "2019-05-09"),
        ("2020-01-20", "2020-02-04", "2020-02-05"),
        ("2020-09-27", "2020-10-10", "2020-10-11"),
    ];
    for (got, end, next) in cases {
        let with = |d: &str| {
            let mut v = penalty("2024-12-31", &[("送达", "2024-12-31")]);
            v["legal_review"] = json!({"received": got, "date": d, "opinion": "同意"});
            v
        };
        boundary(
            with(end),
            with(next),
            "legal_review_time",
            &[&format!(
                "应于{}前出具审核意见，实际{}出具审核意见，逾期",
                cn(end),
                cn(next)
            )],
        );
    }
}

#[test]
fn licensing_service_and_decision_on_the_last_day_and_the_day_after() {
    // 行政许可法 第四十四条: ten working days from the decision.
    for (dec, end, next) in [
        ("2020-09-24", "2020-10-14", "2020-10-15"),
        ("2024-09-27", "2024-10-16", "2024-10-17"),
        ("2019-04-18", "2019-05-05", "2019-05-06"),
    ] {
        boundary(
            licence("2019-01-02", dec, &[("送达", end)]),
            licence("2019-01-02", dec, &[("送达", next)]),
            "service",
            &[&format!(
                "应于{}前送达，实际{}送达，逾期",
                cn(end),
                cn(next)
            )],
        );
    }
    // 第四十二条: twenty working days from 受理, thirty with an extension.
    boundary(
        licence("2024-08-26", "2024-09-24", &[]),
        licence("2024-08-26", "2024-09-25", &[]),
        "decision_period",
        &["应于2024年9月24日前作出决定，实际2024年9月25日作出决定，逾期"],
    );
    boundary(
        licence("2024-08-26", "2024-10-12", &[("延期审批", "2024-09-20")]),
        licence("2024-08-26", "2024-10-13", &[("延期审批", "2024-09-20")]),
        "decision_period",
        &[
            "应于2024年10月12日前作出决定，实际2024年10月13日作出决定，逾期",
            "含延长的 10 个工作日",
        ],
    );
}

#[test]
fn hearing_no_earlier_than_the_seventh_working_day_after_its_notice() {
    for (notice, earliest, day_before) in [
        ("2024-09-20", "2024-09-30", "2024-09-29"),
        ("2020-01-21", "2020-02-07", "2020-02-06"),
        ("2019-04-23", "2019-05-05", "2019-05-04"),
    ] {
        boundary(
            penalty(
                "2025-06-30",
                &[
                    ("听证通知", notice),
                    ("听证", earliest),
                    ("送达", "2025-06-30"),
                ],
            ),
            penalty(
                "2025-06-30",
                &[
                    ("听证通知", notice),
                    ("听证", day_before),
                    ("送达", "2025-06-30"),
                ],
            ),
            "hearing_timing",
            &[&format!(
                "听证应不早于{}举行，实际{}举行听证",
                cn(earliest),
                cn(day_before)
            )],
        );
    }
}

#[test]
fn calendar_day_periods_move_off_rest_days_only() {
    // 第六十条: ninety days from 立案 (day 90 = 立案 + 90), moved to the first
    // working day when it is a holiday or a weekend rest day.
    for (filed, end, next) in [
        ("2024-07-03", "2024-10-08", "2024-10-09"),
        ("2020-07-03", "2020-10-09", "2020-10-10"),
        // Day 90 is 2019-05-01: 5-1 … 5-4 off, 5-5 (Sun) is a working day.
        ("2019-01-31", "2019-05-05", "2019-05-06"),
        // Day 90 is 2026-02-17, inside the 2026 Spring Festival.
        ("2025-11-19", "2026-02-24", "2026-02-25"),
        // Day 90 is an ordinary Friday.
        ("2024-06-01", "2024-08-30", "2024-08-31"),
    ] {
        let v = |d: &str| {
            let mut v = penalty(d, &[("立案", filed), ("送达", d)]);
            v["decision"]["date"] = json!(d);
            v
        };
        boundary(
            v(end),
            v(next),
            "decision_period",
            &[&format!(
                "应于{}前作出决定，实际{}作出决定",
                cn(end),
                cn(next)
            )],
        );
    }
    // 第六十七条: fifteen days from service.
    for (served, end, next, why) in [
        (
            "2024-09-16",
            "2024-10-08",
            "2024-10-09",
            "为国庆节假期（10月1日至7日）",
        ),
        (
            "2020-09-16",
            "2020-10-09",
            "2020-10-10",
            "为国庆节、中秋节假期（10月1日至8日）",
        ),
        (
            "2019-04-16",
            "2019-05-05",
            "2019-05-06",
            "为劳动节假期（5月1日至4日）",
        ),
        (
            "2024-09-27",
            "2024-10-12",
            "2024-10-13",
            "为调休上班日，期限不顺延",
        ),
        (
            "2024-11-01",
            "2024-11-18",
            "2024-11-19",
            "为星期六（休息日）",
        ),
    ] {
        let v = |paid: &str| penalty(served, &[("送达", served), ("缴款", paid)]);
        boundary(
            v(end),
            v(next),
            "payment",
            &[
                &format!("应于{}前缴款，实际{}缴款，逾期", cn(end), cn(next)),
                why,
            ],
        );
    }
}

#[test]
fn twenty_twenty_seven_has_no_notice_prompts_only() {
    let prompt = |v: Value, rule: &str| {
        let s = check(&v, rule);
        assert!(
            s.len() == 1 && s[0].prompt_only && s[0].message.starts_with("无 2027 年节假日数据"),
            "{rule}: {s:?}"
        );
    };
    prompt(penalty("2026-12-28", &[("送达", "2027-01-08")]), "service");
    prompt(penalty("2027-03-01", &[("送达", "2027-03-15")]), "service");
    prompt(licence("2026-12-15", "2027-01-20", &[]), "decision_period");
    prompt(
        {
            let mut v = penalty(
                "2027-01-20",
                &[("立案", "2026-10-10"), ("送达", "2027-01-20")],
            );
            v["decision"]["date"] = json!("2027-01-20");
            v
        },
        "decision_period",
    );
    prompt(
        penalty(
            "2026-12-20",
            &[("送达", "2026-12-20"), ("缴款", "2027-01-10")],
        ),
        "payment",
    );
    // Within n calendar days: on time whatever the holidays; a known day
    // before the unknown last day: on time too.
    assert_eq!(
        check(&penalty("2026-12-28", &[("送达", "2027-01-04")]), "service"),
        vec![]
    );
    assert_eq!(
        check(
            &licence("2019-01-02", "2026-12-20", &[("送达", "2026-12-31")]),
            "service"
        ),
        vec![]
    );
    // A last day in a known year and an act after it: late, firmly.
    let s = check(&penalty("2026-12-10", &[("送达", "2027-01-05")]), "service");
    assert!(s.len() == 1 && !s[0].prompt_only, "{s:?}");
    assert!(s[0].message.contains("应于2026年12月21日前送达"));
}

// ── through the command line, as `pingcha check --json` reports it ──

#[test]
fn check_json_reports_the_late_act_with_both_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let file = dir.path().join("cases.jsonl");
    let mut late = penalty("2024-09-20", &[("送达", "2024-10-07")]);
    late["case_no"] = json!("测罚〔2024〕7号");
    let mut on_time = penalty("2024-09-20", &[("送达", "2024-09-30")]);
    on_time["case_no"] = json!("测罚〔2024〕8号");
    let mut unknown = penalty("2026-12-28", &[("送达", "2027-01-08")]);
    unknown["case_no"] = json!("测罚〔2026〕9号");
    std::fs::write(&file, format!("{late}\n{on_time}\n{unknown}\n")).expect("write");
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("pingcha")
            .expect("binary")
            .arg("--db")
            .arg(&db)
            .env_remove("PINGCHA_DB")
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&["import", file.to_str().expect("path")]);
    let v: Value = serde_json::from_slice(&run(&["check", "--json"])).expect("json");
    let service: Vec<&Value> = v
        .as_array()
        .expect("array")
        .iter()
        .filter(|s| s["rule"] == "service")
        .collect();
    assert_eq!(service.len(), 2, "{v:#}");
    let s = service
        .iter()
        .find(|s| s["case_no"] == "测罚〔2024〕7号")
        .expect("the late file");
    assert_eq!(s["item"], "CF-27");
    assert_eq!(s["basis"], "《中华人民共和国行政处罚法》第六十一条");
    assert_eq!(s["prompt_only"], false);
    assert_eq!(s["profile"], "全国默认");
    let m = s["message"].as_str().expect("message");
    assert!(
        m.contains("应于2024年9月30日前送达，实际2024年10月7日送达，逾期")
            && m.contains("其间国庆节假期10月1日至7日，9月29日（星期日）调休上班"),
        "{m}"
    );
    let p = service
        .iter()
        .find(|s| s["case_no"] == "测罚〔2026〕9号")
        .expect("the 2027 file");
    assert_eq!(p["prompt_only"], true, "{p}");
}
