//! The automatic procedure checks: every rule on positive and negative
//! examples, deadlines across holidays, the no-data year, the demo's planted
//! defects, and the CLI sample.

use pingcha::calendar::Calendar;
use pingcha::demo::{self, Defect, DemoSpec};
use pingcha::model::{CaseFile, CaseKind, Suggestion};
use pingcha::rules::{self, Profile, run_all};
use serde_json::{Value, json};

mod citations;

/// A clean 行政处罚 file (普通程序) decided Fri 2024-09-27, just before National Day.
fn base() -> Value {
    json!({
        "case_no": "测市监罚〔2024〕1号",
        "department": "测试市市场监督管理局",
        "kind": "行政处罚",
        "procedure": "普通程序",
        "title": "某某超市销售超过保质期食品案",
        "party": {"name": "测试市某某超市有限公司", "type": "法人"},
        "officers": [
            {"name": "张明", "cert_no": "42090012345", "cert_valid_until": "2026-12-31"},
            {"name": "李华", "cert_no": "42090012346"}
        ],
        "major_decision": false,
        "hearing_notified": true,
        "events": [
            {"stage": "立案", "date": "2024-08-01", "doc": "立案审批表"},
            {"stage": "现场检查", "date": "2024-08-02", "doc": "现场检查笔录"},
            {"stage": "告知", "date": "2024-09-10", "doc": "行政处罚事先告知书"},
            {"stage": "决定", "date": "2024-09-27", "doc": "行政处罚决定书"},
            {"stage": "送达", "date": "2024-10-12", "doc": "送达回证"},
            {"stage": "公示", "date": "2024-10-11"},
            {"stage": "缴款", "date": "2024-10-20", "doc": "罚没款缴款凭证"},
            {"stage": "结案", "date": "2024-10-25", "doc": "结案审批表"},
            {"stage": "归档", "date": "2024-10-30"}
        ],
        "decision": {"date": "2024-09-27", "measures": ["罚款"], "fine_yuan": 5000},
        "recordings": [{"stage": "现场检查", "medium": "音像", "duration_s": 900}],
        "disclosure": {"date": "2024-10-11", "channel": "国家企业信用信息公示系统"},
        "amount_involved_yuan": 3000,
        "referred_to_police": false
    })
}

fn case(v: &Value) -> CaseFile {
    serde_json::from_value(v.clone()).expect("valid case file")
}

fn check(v: &Value) -> Vec<Suggestion> {
    run_all(&case(v), &Calendar::builtin(), &Profile::national())
}

fn check_with(v: &Value, p: &str) -> Vec<Suggestion> {
    run_all(
        &case(v),
        &Calendar::builtin(),
        &Profile::builtin(p).unwrap(),
    )
}

/// The suggestions of one rule.
fn of(v: &Value, rule: &str) -> Vec<Suggestion> {
    check(v).into_iter().filter(|s| s.rule == rule).collect()
}

fn set_event(v: &mut Value, stage: &str, date: &str) {
    let evs = v["events"].as_array_mut().unwrap();
    evs.retain(|e| e["stage"] != stage);
    evs.push(json!({"stage": stage, "date": date, "doc": format!("{stage}文书")}));
}

fn drop_event(v: &mut Value, stage: &str) {
    v["events"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["stage"] != stage);
}

/// A major decision, clean: legal review and collective discussion before it.
fn major() -> Value {
    let mut v = base();
    v["major_decision"] = json!(true);
    set_event(&mut v, "法制审核", "2024-09-20");
    set_event(&mut v, "集体讨论", "2024-09-23");
    v["legal_review"] = json!({"reviewer": "法制科 王五", "received": "2024-09-13",
        "date": "2024-09-20", "opinion": "同意", "doc": "重大执法决定法制审核意见书"});
    v
}

#[test]
fn a_clean_file_raises_nothing() {
    assert_eq!(check(&base()), vec![]);
    assert_eq!(check(&major()), vec![]);
    for p in Profile::builtin_names() {
        assert_eq!(check_with(&base(), p), vec![], "{p}");
    }
}

/// Files that break every rule at least once, in every kind of file a rule
/// has a branch for.
fn defective_files() -> Vec<Value> {
    let mut out = Vec::new();
    let mut push = |v: Value| out.push(v);
    // 行政处罚, one rule at a time.
    let mut v = base();
    v["officers"] = json!([{"name": "张明", "cert_valid_until": "2024-01-31"}]);
    push(v);
    let mut v = base();
    drop_event(&mut v, "告知");
    v["hearing_notified"] = json!(false);
    v["decision"]["measures"] = json!(["罚款", "吊销许可证件"]);
    set_event(&mut v, "听证通知", "2024-09-13");
    set_event(&mut v, "听证", "2024-09-24");
    set_event(&mut v, "立案", "2024-06-01");
    set_event(&mut v, "送达", "2024-10-14");
    drop_event(&mut v, "缴款");
    set_event(&mut v, "归档", "2024-10-20");
    v["disclosure"] = json!({"date": "2024-10-14"});
    v["recordings"] = json!([]);
    v["title"] = json!("某某公司销售伪劣产品案");
    v["amount_involved_yuan"] = json!(60000);
    push(v);
    let mut v = major();
    drop_event(&mut v, "集体讨论");
    v["legal_review"]["date"] = json!("2024-09-24");
    set_event(&mut v, "法制审核", "2024-09-24");
    push(v);
    let mut v = major();
    drop_event(&mut v, "法制审核");
    v["legal_review"] = Value::Null;
    v["disclosure"] = Value::Null;
    drop_event(&mut v, "公示");
    push(v);
    let mut v = base();
    v["procedure"] = json!("简易程序");
    v["decision"]["measures"] = json!(["罚款", "没收违法所得"]);
    push(v);
    // A year without a notice: the prompts cite too.
    let mut v = base();
    v["decision"]["date"] = json!("2027-03-01");
    set_event(&mut v, "决定", "2027-03-01");
    set_event(&mut v, "送达", "2027-03-15");
    v["disclosure"] = json!({"date": "2027-03-15"});
    set_event(&mut v, "缴款", "2027-04-20");
    for st in ["结案", "归档"] {
        drop_event(&mut v, st);
    }
    push(v);
    // 行政许可: late service and decision, no disclosure, a hearing without
    // notice, one officer at an on-site check, a decision before 受理.
    push(json!({
        "case_no": "测许〔2024〕1号", "department": "测试局", "kind": "行政许可",
        "officers": [{"name": "甲", "cert_no": "1"}],
        "events": [
            {"stage": "立案", "date": "2024-08-26"}, {"stage": "现场检查", "date": "2024-08-27"},
            {"stage": "听证", "date": "2024-09-02"},
            {"stage": "决定", "date": "2024-09-27"}, {"stage": "送达", "date": "2024-10-17"}
        ],
        "decision": {"date": "2024-09-27", "measures": ["准予许可"]}
    }));
    push(json!({
        "case_no": "测许〔2024〕2号", "department": "测试局", "kind": "行政许可",
        "events": [{"stage": "立案", "date": "2024-09-27"}, {"stage": "决定", "date": "2024-09-20"}],
        "decision": {"date": "2024-09-20", "measures": ["不予许可"]}
    }));
    // 行政强制: one officer without a certificate, another expired, no recording.
    push(json!({
        "case_no": "测强〔2024〕1号", "department": "测试局", "kind": "行政强制",
        "officers": [{"name": "甲"}],
        "events": [{"stage": "现场检查", "date": "2024-09-02"}]
    }));
    push(json!({
        "case_no": "测强〔2024〕2号", "department": "测试局", "kind": "行政强制",
        "officers": [{"name": "甲", "cert_no": "1", "cert_valid_until": "2024-01-01"},
                     {"name": "乙", "cert_no": "2"}],
        "events": [{"stage": "立案", "date": "2024-09-02"}]
    }));
    // 行政检查 (the general checklist): the same, a major decision unreviewed,
    // a slow review, dates out of order.
    push(json!({
        "case_no": "测检〔2024〕1号", "department": "测试局", "kind": "行政检查",
        "officers": [{"name": "甲", "cert_valid_until": "2024-01-01"}],
        "major_decision": true,
        "events": [
            {"stage": "现场检查", "date": "2024-09-02"}, {"stage": "决定", "date": "2024-09-20"},
            {"stage": "结案", "date": "2024-09-10"}
        ]
    }));
    push(json!({
        "case_no": "测检〔2024〕2号", "department": "测试局", "kind": "行政检查",
        "major_decision": true,
        "legal_review": {"received": "2024-09-02", "date": "2024-09-19"},
        "events": [{"stage": "决定", "date": "2024-09-20"}]
    }));
    out
}

/// The citation constants of `src/rules/mod.rs` (`const CF: &str = "…";`).
fn citation_consts(src: &str) -> Vec<(&str, &str)> {
    src.lines()
        .filter_map(|l| l.strip_prefix("pub(crate) const "))
        .filter_map(|l| {
            let (name, rest) = l.split_once(": &str = \"")?;
            Some((name, rest.strip_suffix("\";")?))
        })
        .collect()
}

#[test]
fn every_rule_has_its_function_and_citations_are_well_formed() {
    let ids: Vec<&str> = rules::RULES.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "officers",
            "notice",
            "hearing_right",
            "hearing_timing",
            "collective_discussion",
            "legal_review",
            "legal_review_time",
            "decision_period",
            "service",
            "simple_procedure",
            "recording",
            "disclosure",
            "payment",
            "order_of_steps",
            "criminal_referral"
        ]
    );
    // Every citation the rules' source writes, whether or not a file below
    // reaches its branch.
    let consts = citation_consts(include_str!("../src/rules/mod.rs"));
    assert_eq!(
        consts.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        ["CF", "XK", "QZ", "GB118"]
    );
    let sources = [
        include_str!("../src/rules/after.rs"),
        include_str!("../src/rules/deciding.rs"),
        include_str!("../src/rules/people.rs"),
        include_str!("../src/rules/records.rs"),
        include_str!("../src/rules/referral.rs"),
        include_str!("../src/rules/rights.rs"),
    ];
    let written: Vec<String> = sources
        .iter()
        .flat_map(|s| citations::in_source(s, &consts))
        .collect();
    assert!(written.len() >= 20, "{written:?}");
    for c in &written {
        if let Err(e) = citations::check(c) {
            panic!("in src/rules: {e}");
        }
    }
    // The table names only the laws actually cited.
    for (law, _) in citations::LAWS {
        assert!(
            written.iter().any(|c| c.contains(&format!("《{law}》"))),
            "{law} is cited nowhere"
        );
    }
    // Every citation raised: each rule fires on the files above.
    let raised: Vec<Suggestion> = defective_files().iter().flat_map(check).collect();
    for id in &ids {
        assert!(
            raised.iter().any(|s| s.rule == *id),
            "{id} raised nothing: the files above must reach it"
        );
    }
    for s in &raised {
        if let Err(e) = citations::check(&s.basis) {
            panic!("{} raised: {e}", s.rule);
        }
    }
}

// ── service (第六十一条) across National Day 2024 and Spring Festival 2025 ──

#[test]
fn service_on_the_make_up_saturday_is_on_time_and_monday_is_late() {
    assert!(
        of(&base(), "service").is_empty(),
        "10-12 is the 7th working day"
    );
    let mut v = base();
    set_event(&mut v, "送达", "2024-10-14");
    let s = of(&v, "service");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].item, "CF-27");
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第六十一条");
    assert_eq!(
        s[0].message,
        "决定日期2024年9月27日，送达期限为决定后 7 个工作日：应于2024年10月12日前送达，\
         实际2024年10月14日送达，逾期；其间国庆节假期10月1日至7日，\
         9月29日（星期日）、10月12日（星期六）调休上班"
    );
    assert!(!s[0].prompt_only);
}

#[test]
fn service_across_the_2025_spring_festival() {
    let mut v = base();
    v["decision"]["date"] = json!("2025-01-24");
    set_event(&mut v, "决定", "2025-01-24");
    set_event(&mut v, "送达", "2025-02-10");
    assert!(of(&v, "service").is_empty(), "2-10 is the 7th working day");
    set_event(&mut v, "送达", "2025-02-08");
    assert!(
        of(&v, "service").is_empty(),
        "2-8 is a make-up working Saturday"
    );
    set_event(&mut v, "送达", "2025-02-11");
    let s = of(&v, "service");
    assert_eq!(s.len(), 1);
    assert!(
        s[0].message
            .contains("应于2025年2月10日前送达，实际2025年2月11日送达，逾期")
            && s[0].message.contains(
                "其间春节假期1月28日至2月4日，1月26日（星期日）、2月8日（星期六）调休上班"
            ),
        "{}",
        s[0].message
    );
}

#[test]
fn service_before_the_decision() {
    let mut v = base();
    set_event(&mut v, "送达", "2024-09-20");
    let s = of(&v, "service");
    assert_eq!(s.len(), 1);
    assert!(s[0].message.contains("早于决定日期"), "{}", s[0].message);
    let o = of(&v, "order_of_steps");
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].item, "CF-33");
}

#[test]
fn a_year_without_data_is_a_prompt_never_a_defect() {
    let mut v = base();
    v["decision"]["date"] = json!("2027-03-01");
    set_event(&mut v, "决定", "2027-03-01");
    set_event(&mut v, "送达", "2027-03-15");
    for st in ["公示", "缴款", "结案", "归档"] {
        drop_event(&mut v, st);
    }
    v["disclosure"] = json!({"date": "2027-03-03"});
    set_event(&mut v, "缴款", "2027-03-20");
    let s = of(&v, "service");
    assert_eq!(s.len(), 1);
    assert!(s[0].prompt_only);
    assert!(
        s[0].message.starts_with("无 2027 年节假日数据，无法计算"),
        "{}",
        s[0].message
    );
    // Counts that need no calendar are still made: served the next day.
    set_event(&mut v, "送达", "2027-03-02");
    assert!(of(&v, "service").is_empty());
    // Across the year end into an unknown year.
    let mut v = base();
    v["decision"]["date"] = json!("2026-12-30");
    set_event(&mut v, "决定", "2026-12-30");
    set_event(&mut v, "送达", "2027-01-12");
    let s = of(&v, "service");
    assert!(s.len() == 1 && s[0].prompt_only && s[0].message.contains("2027"));
}

// ── officers (第四十二条) ──

#[test]
fn officers() {
    let mut v = base();
    v["officers"].as_array_mut().unwrap().truncate(1);
    let s = of(&v, "officers");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V04"));
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第四十二条");

    let mut v = base();
    v["officers"][1]["cert_no"] = Value::Null;
    let s = of(&v, "officers");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-04"));
    assert!(s[0].message.contains("李华"));

    let mut v = base();
    v["officers"][0]["cert_valid_until"] = json!("2024-07-31");
    let s = of(&v, "officers");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V03"));
    assert!(s[0].message.contains("2024-07-31") && s[0].message.contains("2024-08-01"));

    // Valid on the filing day itself: fine.
    v["officers"][0]["cert_valid_until"] = json!("2024-08-01");
    assert!(of(&v, "officers").is_empty());

    // 简易程序: one officer on the spot is not checked; an expired certificate is.
    let mut v = base();
    v["procedure"] = json!("简易程序");
    v["decision"]["fine_yuan"] = json!(100);
    v["officers"].as_array_mut().unwrap().truncate(1);
    assert!(of(&v, "officers").is_empty());
    v["officers"][0]["cert_valid_until"] = json!("2024-01-31");
    let s = of(&v, "officers");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V03"));
}

// ── notice (第四十四条、第六十二条) ──

#[test]
fn notice() {
    let mut v = base();
    drop_event(&mut v, "告知");
    let s = of(&v, "notice");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V10"));
    assert!(s[0].basis.contains("第六十二条"));

    let mut v = base();
    set_event(&mut v, "告知", "2024-09-30");
    let s = of(&v, "notice");
    assert_eq!(s.len(), 1);
    assert!(s[0].message.contains("晚于决定日期 2024-09-27"));

    // 不予处罚: no notice needed.
    let mut v = base();
    drop_event(&mut v, "告知");
    v["decision"]["measures"] = json!(["不予处罚"]);
    v["decision"]["fine_yuan"] = Value::Null;
    assert!(of(&v, "notice").is_empty());
}

// ── hearing right (第六十三条) ──

#[test]
fn hearing_right_by_amount_party_type_and_measure() {
    let mut v = base();
    v["hearing_notified"] = json!(false);
    v["decision"]["fine_yuan"] = json!(99999);
    assert!(
        of(&v, "hearing_right").is_empty(),
        "under 100,000 for a 法人"
    );
    v["decision"]["fine_yuan"] = json!(100000);
    let s = of(&v, "hearing_right");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V11"));
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第六十三条");
    assert!(s[0].message.contains("100000") && s[0].message.contains("全国默认"));
    // The provincial example's lower threshold.
    v["decision"]["fine_yuan"] = json!(60000);
    assert!(of(&v, "hearing_right").is_empty());
    assert_eq!(
        check_with(&v, "example-7wd")
            .iter()
            .filter(|s| s.rule == "hearing_right")
            .count(),
        1
    );

    let mut v = base();
    v["hearing_notified"] = json!(false);
    v["party"]["type"] = json!("自然人");
    v["decision"]["fine_yuan"] = json!(9999);
    assert!(of(&v, "hearing_right").is_empty());
    v["decision"]["fine_yuan"] = json!(10000);
    assert_eq!(of(&v, "hearing_right").len(), 1);

    let mut v = base();
    v["hearing_notified"] = json!(false);
    v["decision"]["measures"] = json!(["罚款", "吊销许可证件"]);
    let s = of(&v, "hearing_right");
    assert!(s.len() == 1 && s[0].message.contains("吊销许可证件"));
    // Told of the right: fine; not recorded either way: silence.
    v["hearing_notified"] = json!(true);
    assert!(of(&v, "hearing_right").is_empty());
    v["hearing_notified"] = Value::Null;
    assert!(of(&v, "hearing_right").is_empty());
}

// ── hearing timing (第六十四条) ──

#[test]
fn hearing_timing_seven_working_days_across_mid_autumn() {
    let mut v = base();
    v["hearing_notified"] = json!(true);
    set_event(&mut v, "听证申请", "2024-09-12");
    // Notice Fri 09-13; 09-14 (Sat) works, 09-15…17 off: the 7th working day is 09-25.
    set_event(&mut v, "听证通知", "2024-09-13");
    set_event(&mut v, "听证", "2024-09-25");
    v["documents"] = json!([{"title": "听证笔录", "date": "2024-09-25"}]);
    assert!(of(&v, "hearing_timing").is_empty());
    set_event(&mut v, "听证", "2024-09-24");
    let s = of(&v, "hearing_timing");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-24"));
    assert!(s[0].message.contains("第 6 个工作日"), "{}", s[0].message);
    drop_event(&mut v, "听证通知");
    let s = of(&v, "hearing_timing");
    assert!(s.len() == 1 && s[0].message.contains("无听证通知"));
}

// ── collective discussion (第五十七条) and legal review (第五十八条) ──

#[test]
fn collective_discussion() {
    let mut v = major();
    drop_event(&mut v, "集体讨论");
    let s = of(&v, "collective_discussion");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-21"));
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第五十七条");
    set_event(&mut v, "集体讨论", "2024-09-30");
    let s = of(&v, "collective_discussion");
    assert!(s.len() == 1 && s[0].message.contains("晚于决定日期"));
    // Not a major decision: not required.
    let mut v = base();
    drop_event(&mut v, "集体讨论");
    assert!(of(&v, "collective_discussion").is_empty());
}

#[test]
fn legal_review() {
    let mut v = major();
    drop_event(&mut v, "法制审核");
    v["legal_review"] = Value::Null;
    let s = of(&v, "legal_review");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V12"));
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第五十八条");

    let mut v = major();
    set_event(&mut v, "法制审核", "2024-09-30");
    v["legal_review"]["date"] = json!("2024-09-30");
    v["legal_review"]["received"] = json!("2024-09-29");
    let s = of(&v, "legal_review");
    assert!(s.len() == 1 && s[0].message.contains("晚于决定日期"));

    let mut v = major();
    v["legal_review"]["opinion"] = json!("退回补充");
    let s = of(&v, "legal_review");
    assert!(s.len() == 1 && s[0].message.contains("退回补充"), "{s:?}");
    // Reviewed again before the decision: fine.
    v["events"]
        .as_array_mut()
        .unwrap()
        .push(json!({"stage": "法制审核", "date": "2024-09-25", "doc": "法制审核意见书"}));
    assert!(of(&v, "legal_review").is_empty());
}

#[test]
fn legal_review_time_by_profile() {
    let mut v = major();
    // Received Fri 09-13; 09-14 (Sat) works; 09-15…17 off: 09-23 is the 5th working day.
    v["legal_review"]["date"] = json!("2024-09-23");
    set_event(&mut v, "法制审核", "2024-09-23");
    assert!(of(&v, "legal_review_time").is_empty());
    v["legal_review"]["date"] = json!("2024-09-24");
    set_event(&mut v, "法制审核", "2024-09-24");
    let s = of(&v, "legal_review_time");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-42"));
    assert_eq!(
        s[0].message,
        "法制审核机构收到日期2024年9月13日，审核期限为全国默认规定的 5 个工作日：\
         应于2024年9月23日前出具审核意见，实际2024年9月24日出具审核意见，逾期；\
         其间中秋节假期9月15日至17日，9月14日（星期六）调休上班"
    );
    assert!(s[0].basis.contains("国办发〔2018〕118号"));
    // 7 (+3) working days in the provincial example.
    assert!(
        check_with(&v, "example-7wd")
            .iter()
            .all(|s| s.rule != "legal_review_time")
    );
}

// ── decision period (第六十条) ──

#[test]
fn decision_period_ninety_days_with_the_holiday_extension() {
    let mut v = base();
    set_event(&mut v, "立案", "2024-06-01");
    let s = of(&v, "decision_period");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-25"));
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第六十条");
    assert_eq!(
        s[0].message,
        "立案日期2024年6月1日，决定期限为立案后九十日：应于2024年8月30日前作出决定，\
         实际2024年9月27日作出决定，相隔 118 日，逾期且无延期审批"
    );
    // An approved extension.
    set_event(&mut v, "延期审批", "2024-08-20");
    assert!(of(&v, "decision_period").is_empty());
    // Day 90 after 2024-07-03 is 10-01: the period ends on 10-08.
    let mut v = base();
    set_event(&mut v, "立案", "2024-07-03");
    v["decision"]["date"] = json!("2024-10-08");
    set_event(&mut v, "决定", "2024-10-08");
    assert!(of(&v, "decision_period").is_empty());
    v["decision"]["date"] = json!("2024-10-09");
    set_event(&mut v, "决定", "2024-10-09");
    let s = of(&v, "decision_period");
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].message,
        "立案日期2024年7月3日，决定期限为立案后九十日，第90日2024年10月1日为国庆节假期\
         （10月1日至7日），期限顺延至2024年10月8日：应于2024年10月8日前作出决定，\
         实际2024年10月9日作出决定，相隔 98 日，逾期且无延期审批"
    );
}

// ── simple procedure (第五十一条) ──

#[test]
fn simple_procedure_limits() {
    let simple = |party: &str, fine: f64, measures: Value| {
        let mut v = base();
        v["procedure"] = json!("简易程序");
        v["party"]["type"] = json!(party);
        v["decision"]["fine_yuan"] = json!(fine);
        v["decision"]["measures"] = measures;
        of(&v, "simple_procedure")
    };
    assert!(simple("自然人", 200.0, json!(["罚款"])).is_empty());
    let s = simple("自然人", 500.0, json!(["罚款"]));
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V09"));
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第五十一条");
    assert!(simple("法人", 3000.0, json!(["警告", "罚款"])).is_empty());
    assert_eq!(simple("法人", 3001.0, json!(["罚款"])).len(), 1);
    assert_eq!(
        simple("法人", 100.0, json!(["罚款", "没收违法所得"])).len(),
        1
    );
    // 普通程序 checks do not run on 简易程序 files.
    let mut v = base();
    v["procedure"] = json!("简易程序");
    v["decision"]["fine_yuan"] = json!(100);
    drop_event(&mut v, "告知");
    assert_eq!(check(&v), vec![]);
}

// ── recording (第四十七条) ──

#[test]
fn recording() {
    let mut v = base();
    v["recordings"] = json!([]);
    let s = of(&v, "recording");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-41"));
    assert!(s[0].message.contains("现场检查（2024-08-02）"));
    // A hearing: its 听证笔录 is its record.
    let mut v = base();
    set_event(&mut v, "听证通知", "2024-09-13");
    set_event(&mut v, "听证", "2024-09-25");
    let s = of(&v, "recording");
    assert!(
        s.len() == 1 && s[0].message.contains("听证（2024-09-25）"),
        "{s:?}"
    );
    v["documents"] = json!([{"title": "听证笔录"}]);
    assert!(of(&v, "recording").is_empty());
    // 强制执行 without any recording.
    let mut v = base();
    v["events"]
        .as_array_mut()
        .unwrap()
        .push(json!({"stage": "强制执行", "date": "2024-10-24", "doc": "强制执行申请书"}));
    let s = of(&v, "recording");
    assert!(s.len() == 1 && s[0].message.contains("强制执行"));
    // A stage with no document or record.
    let mut v = base();
    v["events"]
        .as_array_mut()
        .unwrap()
        .push(json!({"stage": "询问", "date": "2024-08-05"}));
    let s = of(&v, "recording");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-37"));
    v["documents"] = json!([{"title": "询问笔录", "date": "2024-08-05"}]);
    assert!(of(&v, "recording").is_empty());
}

// ── disclosure (第四十八条; 118号) ──

#[test]
fn disclosure() {
    let mut v = base();
    v["disclosure"] = Value::Null;
    drop_event(&mut v, "公示");
    let s = of(&v, "disclosure");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-40"));
    assert!(
        s[0].basis
            .starts_with("《中华人民共和国行政处罚法》第四十八条")
    );
    // The provincial example discloses only decisions on organisations.
    v["party"]["type"] = json!("自然人");
    assert!(
        check_with(&v, "example-7wd")
            .iter()
            .all(|s| s.rule != "disclosure")
    );
    let mut v = base();
    v["disclosure"]["date"] = json!("2024-10-14");
    let s = of(&v, "disclosure");
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].message,
        "决定日期2024年9月27日，公示期限为决定后 7 个工作日：应于2024年10月12日前公示，\
         实际2024年10月14日公示，逾期；其间国庆节假期10月1日至7日，\
         9月29日（星期日）、10月12日（星期六）调休上班"
    );
}

// ── payment (第六十七条、第七十二条) ──

#[test]
fn payment() {
    let mut v = base();
    drop_event(&mut v, "缴款");
    let s = of(&v, "payment");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-28"));
    assert!(
        s[0].message
            .starts_with("送达日期2024年10月12日，无缴款记录"),
        "{}",
        s[0].message
    );
    // Followed up with a 催告.
    set_event(&mut v, "催告", "2024-11-05");
    assert!(of(&v, "payment").is_empty());
    // Served 10-12 + 15 = 10-27 (Sun): the period ends Mon 10-28.
    let mut v = base();
    set_event(&mut v, "缴款", "2024-10-28");
    assert!(of(&v, "payment").is_empty());
    set_event(&mut v, "缴款", "2024-10-29");
    let s = of(&v, "payment");
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].message,
        "送达日期2024年10月12日，缴款期限为十五日，第15日2024年10月27日为星期日（休息日），\
         期限顺延至2024年10月28日：应于2024年10月28日前缴款，实际2024年10月29日缴款，逾期，\
         且无催告、加处罚款或申请强制执行等措施"
    );
}

// ── order of steps (第四十七条) ──

#[test]
fn order_of_steps() {
    let mut v = base();
    set_event(&mut v, "归档", "2024-10-20");
    let s = of(&v, "order_of_steps");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-33"));
    assert_eq!(
        s[0].message,
        "归档日期 2024-10-20 早于结案日期 2024-10-25，日期倒置"
    );
    let mut v = base();
    set_event(&mut v, "结案", "2024-09-20");
    set_event(&mut v, "归档", "2024-09-21");
    assert!(
        of(&v, "order_of_steps")
            .iter()
            .any(|s| s.message.starts_with("结案日期"))
    );
    let mut v = base();
    set_event(&mut v, "立案", "2024-09-30");
    assert!(
        of(&v, "order_of_steps")
            .iter()
            .any(|s| s.message.starts_with("决定日期"))
    );
}

// ── criminal referral (两法衔接) ──

#[test]
fn criminal_referral_is_a_prompt() {
    let mut v = base();
    v["title"] = json!("某某公司销售伪劣产品案");
    v["amount_involved_yuan"] = json!(60000);
    let s = of(&v, "criminal_referral");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V13"));
    assert!(s[0].prompt_only);
    assert!(
        s[0].basis
            .contains("《行政执法机关移送涉嫌犯罪案件的规定》")
    );
    v["referred_to_police"] = json!(true);
    assert!(of(&v, "criminal_referral").is_empty());
    v["referred_to_police"] = json!(false);
    v["amount_involved_yuan"] = json!(49999);
    assert!(of(&v, "criminal_referral").is_empty());
}

// ── other kinds: 行政许可法 (第八十二条: working days) ──

#[test]
fn licensing_periods_are_working_days() {
    let v = json!({
        "case_no": "测市监许〔2024〕1号", "department": "测试局", "kind": "行政许可",
        "party": {"name": "某公司", "type": "法人"},
        "officers": [{"name": "甲", "cert_no": "1"}, {"name": "乙", "cert_no": "2"}],
        "events": [
            {"stage": "立案", "date": "2024-09-02"},
            {"stage": "决定", "date": "2024-09-27"},
            {"stage": "送达", "date": "2024-10-14"},
            {"stage": "公示", "date": "2024-10-12"}
        ],
        "decision": {"date": "2024-09-27", "measures": ["准予许可"]},
        "disclosure": {"date": "2024-10-12"}
    });
    assert_eq!(check(&v), vec![], "10-14 is the 8th working day, within 10");
    let mut late = v.clone();
    late["events"][2]["date"] = json!("2024-10-17");
    let s = of(&late, "service");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "XK-10"));
    assert_eq!(s[0].basis, "《中华人民共和国行政许可法》第四十四条");
    assert!(
        s[0].message
            .contains("应于2024年10月16日前送达，实际2024年10月17日送达，逾期"),
        "{}",
        s[0].message
    );
    // 受理 → 决定: 20 working days.
    let mut slow = v.clone();
    slow["events"][0]["date"] = json!("2024-08-26");
    let s = of(&slow, "decision_period");
    assert_eq!((s.len(), s[0].item.as_str()), (1, "XK-06"));
    assert!(
        s[0].message
            .contains("应于2024年9月24日前作出决定，实际2024年9月27日作出决定，逾期"),
        "{}",
        s[0].message
    );
    assert_eq!(case(&v).kind, CaseKind::Licensing);
}

// ── the demo's planted defects ──

/// The rule and item each planted defect must raise.
fn expected(d: Defect) -> (&'static str, &'static str) {
    match d {
        Defect::LateService => ("service", "CF-27"),
        Defect::OneOfficer => ("officers", "CF-V04"),
        Defect::MissingCert => ("officers", "CF-04"),
        Defect::ExpiredCert => ("officers", "CF-V03"),
        Defect::NoLegalReview | Defect::LegalReviewAfterDecision => ("legal_review", "CF-V12"),
        Defect::NoCollectiveDiscussion => ("collective_discussion", "CF-21"),
        Defect::NoNotice => ("notice", "CF-V10"),
        Defect::NoHearingNotice => ("hearing_right", "CF-V11"),
        Defect::DecisionOver90Days => ("decision_period", "CF-25"),
        Defect::LateDisclosure | Defect::NoDisclosure => ("disclosure", "CF-40"),
        Defect::NoRecording => ("recording", "CF-41"),
        Defect::PaymentNotFollowedUp => ("payment", "CF-28"),
        Defect::StepsOutOfOrder => ("order_of_steps", "CF-33"),
    }
}

/// Defects the generator can undo by planting another one after it (see the
/// report): the officer that lost its certificate is cut by `OneOfficer`; a
/// filing moved earlier by `DecisionOver90Days` is no longer after the expiry.
fn masked(d: Defect, all: &[Defect]) -> bool {
    let after = |other: Defect| {
        let i = all.iter().position(|x| *x == d);
        let j = all.iter().position(|x| *x == other);
        matches!((i, j), (Some(i), Some(j)) if j > i)
    };
    match d {
        Defect::ExpiredCert => after(Defect::OneOfficer) || after(Defect::DecisionOver90Days),
        Defect::MissingCert => after(Defect::OneOfficer),
        _ => false,
    }
}

#[test]
fn the_demo_raises_each_planted_defect_and_nothing_on_clean_files() {
    let cal = Calendar::builtin();
    let p = Profile::national();
    let (mut planted, mut clean) = (0, 0);
    for seed in [42u64, 2024, 7, 99] {
        for g in demo::generate(seed, &DemoSpec::default()) {
            let s = run_all(&g.case, &cal, &p);
            let no = &g.case.case_no;
            if g.defects.is_empty() {
                clean += 1;
                assert_eq!(s, vec![], "{no} is planned clean");
                continue;
            }
            for d in &g.defects {
                let (rule, item) = expected(*d);
                let hit = s.iter().any(|x| x.rule == rule && x.item == item);
                if !masked(*d, &g.defects) {
                    planted += 1;
                    assert!(hit, "{no}: {d:?} not raised: {s:#?}");
                }
            }
            for x in &s {
                assert!(
                    g.defects
                        .iter()
                        .any(|d| expected(*d) == (x.rule.as_str(), x.item.as_str())),
                    "{no}: unplanned {x:?} (planted {:?})",
                    g.defects
                );
                assert!(!x.prompt_only, "{no}: 2024–25 dates are all countable");
            }
        }
    }
    assert!(
        planted > 400 && clean > 300,
        "{planted} planted, {clean} clean"
    );
}

#[test]
fn the_cli_late_service_sample_raises_service() {
    // tests/cli.rs LATE: 潜交执罚〔2024〕7号.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cli/cases.jsonl"
    ))
    .unwrap();
    let cal = Calendar::builtin();
    let p = Profile::national();
    let mut found = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let c: CaseFile = serde_json::from_str(line).unwrap();
        if c.case_no == "潜交执罚〔2024〕7号" {
            found = true;
            let s = run_all(&c, &cal, &p);
            assert!(
                s.iter().any(|s| s.rule == "service" && s.item == "CF-27"),
                "{s:?}"
            );
        }
    }
    assert!(found);
}

#[test]
fn a_bad_profile_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "id = \"x\"\nname = \"坏\"\n[hearing]\nfine_natural_person = \"一万\"\n",
    )
    .unwrap();
    let e = Profile::load(&path).unwrap_err();
    assert_eq!((e.line, e.col), (4, 23), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:4:23: ", path.display()))
    );
    let p = Profile::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/profiles/example-7wd.toml"
    )))
    .unwrap();
    assert_eq!(p.legal_review.days, 7);
    assert!(Profile::builtin("nowhere").is_none());
}

#[test]
fn a_ledger_file_is_checked_only_on_what_a_ledger_carries() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("台账.csv");
    std::fs::write(
        &csv,
        "案号,执法部门,案件类型,当事人,立案日期,决定日期,送达日期,罚款金额,承办人\n\
         测罚〔2024〕9号,测试市市场监督管理局,行政处罚,测试市某某有限公司,2024-08-01,2024-09-27,2024-10-14,5000,张明\n",
    )
    .unwrap();
    let loaded = pingcha::import::load_paths(&[csv]).expect("ledger imports");
    let (file, _) = &loaded.cases[0];
    assert!(file.from_ledger(), "the importer marks ledger files");
    let raised = run_all(file, &Calendar::builtin(), &Profile::national());
    let rules: Vec<&str> = raised.iter().map(|s| s.rule.as_str()).collect();
    assert_eq!(rules, ["service"], "late service only: {raised:?}");
    // The same data as a full case-file record: the absent records count.
    let mut full = file.clone();
    full.extra.clear();
    let raised = run_all(&full, &Calendar::builtin(), &Profile::national());
    assert!(raised.iter().any(|s| s.rule == "notice"), "{raised:?}");
}

/// Correct files of other shapes raise nothing either: a warning only (no
/// payment to follow), a 简易程序 fine handed over on the spot, 不予处罚, a
/// fine paid, a decision served on the day, a file with no optional records.
#[test]
fn correct_files_of_other_shapes_raise_nothing() {
    let mut warning = base();
    warning["decision"] = json!({"date": "2024-09-27", "measures": ["警告"]});
    drop_event(&mut warning, "缴款");

    let spot = json!({
        "case_no": "测公交罚〔2024〕3号",
        "department": "测试市交通运输局",
        "kind": "行政处罚",
        "procedure": "简易程序",
        "party": {"name": "张某", "type": "自然人"},
        "officers": [
            {"name": "张明", "cert_no": "42090012345"},
            {"name": "李华", "cert_no": "42090012346"}
        ],
        "events": [
            {"stage": "决定", "date": "2024-10-08", "doc": "当场行政处罚决定书"},
            {"stage": "送达", "date": "2024-10-08"},
            {"stage": "公示", "date": "2024-10-10"},
            {"stage": "缴款", "date": "2024-10-08"}
        ],
        "decision": {"date": "2024-10-08", "measures": ["罚款"], "fine_yuan": 200},
        "disclosure": {"date": "2024-10-10", "channel": "门户网站"}
    });

    let mut exempt = base();
    exempt["decision"] =
        json!({"date": "2024-09-27", "measures": ["不予处罚"], "discretion": "不予处罚"});
    drop_event(&mut exempt, "缴款");

    for (name, v) in [("warning", warning), ("spot", spot), ("exempt", exempt)] {
        let raised = check(&v);
        assert!(raised.is_empty(), "{name}: {raised:#?}");
    }
}

/// Correct 行政许可, 行政强制 and 行政检查 files raise nothing.
#[test]
fn correct_files_of_other_kinds_raise_nothing() {
    let officers = json!([
        {"name": "张明", "cert_no": "42090012345"},
        {"name": "李华", "cert_no": "42090012346"}
    ]);
    let licence = json!({
        "case_no": "测许〔2024〕5号", "department": "测试市自然资源和规划局", "kind": "行政许可",
        "party": {"name": "测试某置业有限公司", "type": "法人"}, "officers": officers,
        "events": [
            {"stage": "立案", "date": "2024-09-23", "doc": "受理通知书"},
            {"stage": "现场检查", "date": "2024-09-25", "doc": "现场核查记录"},
            {"stage": "决定", "date": "2024-10-18", "doc": "准予行政许可决定书"},
            {"stage": "送达", "date": "2024-10-21", "doc": "送达回证"},
            {"stage": "公示", "date": "2024-10-22"}
        ],
        "decision": {"date": "2024-10-18", "measures": ["准予许可"]},
        "recordings": [{"stage": "现场检查", "medium": "音像", "duration_s": 600}],
        "disclosure": {"date": "2024-10-22", "channel": "政务服务网"}
    });
    let inspection = json!({
        "case_no": "测检〔2024〕8号", "department": "测试市应急管理局", "kind": "行政检查",
        "party": {"name": "测试某化工有限公司", "type": "法人"}, "officers": officers,
        "events": [
            {"stage": "现场检查", "date": "2024-06-12", "doc": "现场检查记录"},
            {"stage": "结案", "date": "2024-06-20", "doc": "检查结论"}
        ],
        "recordings": [{"stage": "现场检查", "medium": "音像", "duration_s": 1200}]
    });
    for (name, v) in [("licence", licence), ("inspection", inspection)] {
        let raised = check(&v);
        assert!(raised.is_empty(), "{name}: {raised:#?}");
    }
}

#[test]
fn suggestions_map_to_the_special_checklists_items() {
    let mut v = major();
    drop_event(&mut v, "法制审核");
    v["legal_review"] = Value::Null;
    drop_event(&mut v, "集体讨论");
    let raised = check(&v);
    let special = |rule: &str, checklist: &str| {
        let s = raised.iter().find(|s| s.rule == rule).expect(rule);
        rules::special_item(s, checklist, CaseKind::Penalty)
    };
    assert_eq!(special("legal_review", "SH"), Some("SH-02"));
    assert_eq!(special("collective_discussion", "SH"), Some("SH-11"));
    assert_eq!(special("legal_review", "GS"), None);
    let mut late = base();
    drop_event(&mut late, "公示");
    late["disclosure"] = Value::Null;
    let s = &of(&late, "disclosure")[0];
    assert_eq!(
        rules::special_item(s, "GS", CaseKind::Penalty),
        Some("GS-07")
    );
    assert_eq!(
        rules::special_item(s, "GS", CaseKind::Licensing),
        Some("GS-08")
    );
}
